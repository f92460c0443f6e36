/// <reference lib="dom" />
// Server problems on pages read in the reader's language (issue 16 item 8): in the zh-CN UI a
// 422 (an empty objection form, a repair the record is not yet eligible for) and a 409 (a
// repeated objection after a dismissal) say what is wrong in Chinese, with no field name
// (`newFacts`), no case id and no English sentence from the service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { chinaDateFrom, testStart } from '../helpers/test-clock.js';

describe('problems on pages, in Chinese', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  /** No English sentence, field name or case id in what the page says went wrong. */
  const expectChineseOnly = (text: string) => {
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/newFacts|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/\b(the|is|not|this|record|case|must|say)\b/i);
  };

  it('422: an empty objection and a repair not yet eligible', async () => {
    const fresh = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      publishedFrom: chinaDateFrom(testStart, -10),
    });
    const { page, context } = await b.pageAs(s.citizen.username, { locale: 'zh-CN' });
    await page.goto(`${b.baseUrl}/records/${fresh.id}`);
    // The browser's own check would stop an empty form; the server's answer is what is tested.
    await page.locator('#file-objection form').evaluate((form) => {
      (form as HTMLFormElement).noValidate = true;
    });
    const answered = page.waitForResponse((r) => r.url().endsWith(`/records/${fresh.id}/file/objection`));
    await page.locator('#file-objection').getByRole('button', { name: '提出异议' }).click();
    expect((await answered).status()).toBe(422);
    const objection = page.locator('#file-objection');
    const flash = await objection.locator('.flash').textContent();
    expect(flash).toContain('提交的内容有误');
    expectChineseOnly(flash!);
    const fieldErrors = await objection.locator('.field-error').allTextContents();
    expect(fieldErrors.length).toBeGreaterThan(0);
    for (const error of fieldErrors) expectChineseOnly(error);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A record whose minimum period still runs offers no repair form (the server would answer
    // 422): the page says from which day, in Chinese (issue 16 item 1).
    await page.goto(`${b.baseUrl}/records/${fresh.id}`);
    expect(await page.locator('#file-repair').count()).toBe(0);
    const said = await page.locator('.repair-wait .countdown').textContent();
    expect(said).toMatch(/可在.*起申请/);
    expectChineseOnly(said!);
    await context.close();
  });

  it('409: the same objection again after a dismissal', async () => {
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id);
    const services = b.h.services;
    const opened = await openCase(services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: record.id, reason: '金额有误。' },
    });
    let version = opened.row.version;
    for (const [type, input] of [
      ['ACCEPT', {}],
      ['AGENCY_CONFIRMED', { answer: '记录无误。' }],
      ['DISMISS', { reasonCode: 'record_accurate', reasons: '记录准确。' }],
    ] as const) {
      const changed = await applyCaseEvent(services, {
        caseId: opened.row.id,
        actor: actorOf(s.reviewer),
        expectedVersion: version,
        type,
        input,
      });
      version = changed.version;
    }
    const { page, context } = await b.pageAs(s.citizen.username, { locale: 'zh-CN' });
    await page.goto(`${b.baseUrl}/records/${record.id}`);
    const objection = page.locator('#file-objection');
    await objection.getByRole('textbox').first().fill('金额有误。');
    const answered = page.waitForResponse((r) => r.url().endsWith(`/records/${record.id}/file/objection`));
    await objection.getByRole('button', { name: '提出异议' }).click();
    expect((await answered).status()).toBe(409);
    const said = await page.locator('#file-objection .flash').textContent();
    expect(said).toContain('同一异议此前已被驳回');
    expectChineseOnly(said!);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
