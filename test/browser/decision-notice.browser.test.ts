// A decision notice in chromium: the citizen downloads the PDF of a dismissal from the case page;
// someone at a bank, not logged in, checks its code on the verification page, in Chinese on a
// desktop and in English on a phone, and sees whether it stands; an earlier notice of the same
// case shows as replaced. The record page tells the citizen that filing is free.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { type CaseNoticeListing, listCaseNotices } from '../../src/services/decision-notices.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario } from '../helpers/factories.js';

describe('decision notices in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let caseId: string;
  let notices: CaseNoticeListing[];

  beforeAll(async () => {
    b = await startBrowserHarness();
    // Notices print their verification link under the address xiufu is reached at.
    b.h.services.publicUrl = b.baseUrl;
    s = await makeObjectionScenario(b.h.database.db);
    const opened = await openCase(b.h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: '罚款已按期缴纳' },
    });
    caseId = opened.row.id;
    const events: [typeof s.reviewer, string, Record<string, unknown>][] = [
      [s.reviewer, 'ACCEPT', {}],
      [s.agencyOfficer, 'AGENCY_CONFIRMED', { answer: '记录无误' }],
      [s.reviewer, 'DISMISS', { reasonCode: 'record_accurate', reasons: '缴款凭证显示逾期缴纳，原记录无误。' }],
    ];
    for (const [i, [user, type, input]] of events.entries())
      await applyCaseEvent(b.h.services, { caseId, actor: actorOf(user), expectedVersion: i + 1, type, input });
    notices = await listCaseNotices(b.h.services, actorOf(s.citizen), caseId);
  });
  afterAll(() => b.close());

  it('lets the citizen download the notice of the decision from the case page', { timeout: 180_000 }, async () => {
    const { page, context } = await b.pageAs(s.citizen.username);
    await page.goto(`${b.baseUrl}/cases/${caseId}`);
    const section = page.locator('section.notices');
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Decision notices');
    const dismissal = notices[1]!;
    // The newest decision first.
    const first = section.getByRole('link').first();
    expect(await first.textContent()).toContain('异议处理决定书');
    const [download] = await Promise.all([page.waitForEvent('download'), first.click()]);
    const bytes = await readFile((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(dismissal.sha256);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await section.textContent()).toContain(dismissal.code);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('confirms the notice to anyone with its code, in Chinese on a desktop', { timeout: 180_000 }, async () => {
    const { page, context } = await b.pageAs(null, { locale: 'zh-CN' });
    await page.goto(`${b.baseUrl}/verify`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('核验决定通知书');
    await page.getByLabel(/核验码/).fill(notices[1]!.code.toLowerCase());
    await page.getByRole('button', { name: '核验' }).click();
    await page.waitForURL(/\/verify\?code=/);
    const found = page.locator('section[aria-labelledby="verified"]');
    expect(await found.getByRole('heading', { level: 2 }).textContent()).toBe('异议处理决定书');
    expect(await found.locator('[data-standing]').textContent()).toBe('有效');
    const text = (await found.textContent()) ?? '';
    expect(text).toContain('异议不成立，维持该信用信息。');
    expect(text).toContain(s.record.decisionNumber);
    // The person masked, the reasons not shown.
    expect(text).not.toContain(s.subject.residentId);
    expect(text).not.toContain(s.subject.name);
    expect(text).not.toContain('缴款凭证');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('follows the printed link on a phone in English, and shows an earlier notice as replaced', {
    timeout: 180_000,
  }, async () => {
    const { page, context } = await b.pageAs(null, { locale: 'en', width: 390 });
    await page.goto(`${b.baseUrl}/verify/${notices[1]!.code}`);
    expect(await page.locator('[data-standing]').textContent()).toBe('In force');
    expect(await page.locator('.hint').last().textContent()).toContain('The notice itself is in Chinese');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${b.baseUrl}/verify/${notices[0]!.code}`);
    expect(await page.locator('[data-standing]').textContent()).toBe('Replaced by a later decision');
    await page.goto(`${b.baseUrl}/verify/AAAA-BBBB-CCCC-DDDD`);
    expect(await page.getByRole('alert').textContent()).toContain('No notice has this code');
    await context.close();
  });

  it('tells the citizen on the record page that filing is free, in both languages', { timeout: 180_000 }, async () => {
    for (const [locale, free, other] of [
      ['en', 'Credit repair costs nothing', 'Credit-report objection'],
      ['zh-CN', '信用修复不收取任何费用', '征信异议'],
    ] as const) {
      const { page, context } = await b.pageAs(s.citizen.username, { locale });
      await page.goto(`${b.baseUrl}/records/${s.record.id}`);
      const aside = page.locator('aside.free-filing');
      expect(await aside.textContent()).toContain(free);
      expect(await aside.textContent()).toContain(other);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
