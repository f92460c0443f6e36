// The citizen's journey in chromium: records with their marks, an objection filed from its
// record with evidence, the case followed as a timeline, material supplied on request (with a
// file), notifications read, and the objection withdrawn; credit-report records listed apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { makeReceiptPdf, makeSealPng } from '../../src/services/demo-evidence.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { chinaDateFrom } from '../helpers/test-clock.js';
import { sweepDisplayPeriods } from '../../src/services/sweep-display-periods.js';
import { actorOf } from '../../src/services/log-in.js';

describe('a citizen in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  it('files an objection with evidence, supplies material when asked, reads the notification, and withdraws', async () => {
    const { page, context } = await b.pageAs(s.citizen.username);
    // Home for a citizen is their records.
    expect(new URL(page.url()).pathname).toBe('/records');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My credit records');
    expect(await page.locator('.record-summary').count()).toBe(1);
    expect(await page.locator('.record-summary .badge').first().textContent()).toBe('Published');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Object to this record' }).click();
    const objection = page.locator('#file-objection');
    await objection.getByLabel('What is wrong with the record').fill('The fine was paid on time, on 2 April.');
    await objection.getByLabel(/How it should be corrected/).fill('Mark the obligation as performed.');
    await objection.getByLabel(/Evidence/).setInputFiles([
      {
        name: 'receipt.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(makeReceiptPdf(['Receipt', 'Paid 2026-04-02'])),
      },
    ]);
    await objection.getByRole('button', { name: 'Object to this record' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+/);

    expect(await page.getByRole('status').textContent()).toContain('Done: Filed');
    expect(await page.locator('h1').textContent()).toContain('Intake');
    expect(await page.locator('.now').textContent()).toContain('Waiting for a reviewer');
    expect(await page.locator('.now').textContent()).toMatch(/Due by .* 24:00/);
    expect(await page.locator('details.explain').textContent()).toContain('(that day not counted), 20 calendar days');
    expect(await page.locator('.evidence').textContent()).toContain('receipt.pdf');
    expect(await page.locator('.timeline').textContent()).toContain('The fine was paid on time, on 2 April.');
    expect(await page.locator('.lifecycle g.node.current').getAttribute('data-state')).toBe('intake');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const caseId = new URL(page.url()).pathname.split('/')[2]!;

    // The evidence opens in the browser as the PDF it is.
    const pdf = await context.request.get(
      `${b.baseUrl}/cases/${caseId}/attachments/${await page
        .locator('.evidence a')
        .first()
        .getAttribute('href')
        .then((h) => h!.split('/').pop())}`,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The record now shows as disputed.
    await page.getByRole('link', { name: 'My records' }).click();
    expect(await page.locator('.record-summary .badge').first().textContent()).toBe('Disputed');

    // A reviewer asks for material (through the same service the reviewer's page uses).
    const reviewer = actorOf(s.reviewer);
    await applyCaseEvent(b.h.services, {
      caseId,
      actor: reviewer,
      expectedVersion: 1,
      type: 'REQUEST_MATERIAL',
      input: { reasonCode: 'material_incomplete', requested: 'The bank statement for April' },
    });

    await page.reload();
    await page.getByRole('link', { name: /Notifications \(1\)/ }).click();
    expect(await page.locator('.notifications').textContent()).toContain(
      'More material is needed for your objection: The bank statement for April',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('.notifications a').first().click();
    await page.waitForURL(`**/cases/${caseId}`);
    expect(await page.locator('.now').textContent()).toContain('Waiting for your material');
    expect(await page.locator('.now').textContent()).toContain('The bank statement for April');
    expect(await page.locator('.now').textContent()).toContain('The deadline is paused until the material arrives.');

    // A failed submission says plainly that the files chosen must be chosen again (a browser
    // cannot give them back), in the reader's language: here in Chinese, the material left out.
    const zh = await b.pageAs(s.citizen.username, { locale: 'zh-CN' });
    await zh.page.goto(`${b.baseUrl}/cases/${caseId}`);
    const failing = zh.page.locator('form[action$="/events/SUBMIT_MATERIAL"]');
    await failing
      .locator('input[type=file]')
      .setInputFiles([{ name: 'statement.png', mimeType: 'image/png', buffer: Buffer.from(makeSealPng()) }]);
    await failing.locator('[name="material"]').evaluate((field) => field.removeAttribute('required'));
    await failing.locator('button[type=submit]').click();
    await zh.page.waitForLoadState();
    expect(await zh.page.locator('form[action$="/events/SUBMIT_MATERIAL"] .files-again').textContent()).toBe(
      '提交未成功：您选择的文件没有保存，请重新选择后再提交。',
    );
    // Withdrawing asks for confirmation, in Chinese too.
    expect(await zh.page.locator('form[action$="/events/WITHDRAW"] .confirm label').textContent()).toBe(
      '我确认撤回本申请。撤回后案件即告终结，不再处理；需要时须重新提出。',
    );
    expect(await seriousAccessibilityViolations(zh.page)).toEqual([]);
    await zh.context.close();

    const supply = page.locator('form', { has: page.getByRole('heading', { name: 'Supply the material' }) });
    await supply.getByLabel('Material supplied').fill('Bank statement attached.');
    await supply
      .getByLabel(/Evidence/)
      .setInputFiles([{ name: 'statement.png', mimeType: 'image/png', buffer: Buffer.from(makeSealPng()) }]);
    await supply.getByRole('button', { name: 'Supply the material' }).click();
    await page.waitForURL(/done=SUBMIT_MATERIAL/);
    expect(await page.locator('h1').textContent()).toContain('Intake');
    expect(await page.locator('.evidence img').getAttribute('alt')).toBe('statement.png');

    const withdraw = page.locator('form', { has: page.getByRole('heading', { name: 'Withdraw' }) });
    await withdraw.getByLabel(/Why you withdraw/).fill('Settled with the agency.');
    // Not without the confirmation: the browser holds the form back ...
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    expect(
      await withdraw
        .getByLabel(/I confirm that I withdraw/)
        .evaluate((box) => (box as HTMLInputElement).validity.valid),
    ).toBe(false);
    expect(page.url()).not.toMatch(/done=WITHDRAW/);
    // ... and the server refuses it too (a browser that does not check, or no JavaScript at all).
    await withdraw.getByLabel(/I confirm that I withdraw/).evaluate((box) => box.removeAttribute('required'));
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    await page.waitForLoadState();
    const again = page.locator('form', { has: page.getByRole('heading', { name: 'Withdraw' }) });
    expect(await again.locator('.confirm .field-error').textContent()).toBe('Tick the confirmation to withdraw.');
    expect(await page.locator('h1').textContent()).not.toContain('Withdrawn');
    await again.getByLabel(/Why you withdraw/).fill('Settled with the agency.');
    await again.getByLabel(/I confirm that I withdraw/).check();
    await again.getByRole('button', { name: 'Withdraw' }).click();
    await page.waitForURL(/done=WITHDRAW/);
    expect(await page.locator('h1').textContent()).toContain('Withdrawn');
    expect(await page.locator('.now').textContent()).toContain('Outcome: withdrawn');
    expect(await page.locator('#actions-heading + p').textContent()).toBe('There is nothing for you to do now.');
    expect(await page.locator('.timeline > li').count()).toBe(4);
    expect(await page.locator('.audit-result').textContent()).toContain('all 4 entries match');
    // The reviewer's service call read nothing on a page; the register is there, and scans clean.
    await page.getByRole('link', { name: 'Who viewed the data' }).click();
    await page.waitForURL('**/access-log');
    expect(await page.locator('h1').textContent()).toBe('Who viewed the data');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 180_000); // two languages, a failed and a confirmed step besides the journey; slow on busy cores

  it('sees credit-report records apart from the public ones, as not published, a deleted one with its day', async () => {
    const report = {
      kind: 'credit_report_negative',
      domain: 'financial_services',
      facts: 'Loan overdue 94 days.',
      legalBasis: '《征信业管理条例》第十六条',
    } as const;
    const kept = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      ...report,
      decisionNumber: 'CR-KEPT-1',
      // Kept five years from the end of the conduct (征信业管理条例 art. 16): a year ago, kept.
      conductEndedOn: chinaDateFrom(b.h.services.now(), -345),
    });
    await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      ...report,
      decisionNumber: 'CR-OLD-1',
      // Six years ago: past its keeping, deleted by the sweep.
      conductEndedOn: chinaDateFrom(b.h.services.now(), -6 * 366),
    });
    expect((await sweepDisplayPeriods(b.h.services)).deleted).toBe(1);
    const { page, context } = await b.pageAs(s.citizen.username);
    const section = page.getByRole('region', { name: 'Credit-report records' });
    expect(await section.textContent()).toContain('never published');
    expect(await section.locator('.record-summary').count()).toBe(2);
    expect(
      await section
        .locator('.record-summary', { hasText: kept.decisionNumber })
        .locator('.badge')
        .first()
        .textContent(),
    ).toBe('Kept (not published)');
    expect(await section.locator('.deleted-on').textContent()).toMatch(/^Deleted on \w{3} \d{1,2}, \d{4}/);
    expect(await section.textContent()).not.toContain('CR-OLD-1');
    // The public records above it are what they were.
    expect(await page.locator('h1 ~ ul.cards > li').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
