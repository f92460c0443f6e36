/// <reference lib="dom" />
// One application, several records (issue 16 item 2) in chromium: the citizen ticks two records
// repairable now on the records list (a record whose minimum period still runs has no box and
// says why), writes the commitment once and uploads the receipt once; a filing with nothing
// ticked is refused with what was written kept. Each record's own department then decides its
// own case, one approving and one refusing, and the application page shows both decisions side
// by side on a desktop and one under another on a phone (390 px: nothing scrolls sideways), in
// English and in Chinese; each case page links back to its application, for staff too.
import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeAgency, makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { chinaDateFrom, testStart } from '../helpers/test-clock.js';

/** How far the page sticks out beyond the screen, and what sticks out. */
async function overflowOf(page: Page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`),
  }));
}

/** Where each record's card sits: side by side share a top, one under another share a left. */
async function cardBoxes(page: Page) {
  return page
    .locator('.application-record')
    .evaluateAll((cards) =>
      cards.map((c) => ({ top: c.getBoundingClientRect().top, left: c.getBoundingClientRect().left })),
    );
}

describe('a repair application for several records in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  it('two records, one commitment, two departments deciding differently, side by side', async () => {
    const db = b.h.database.db;
    const otherAgency = await makeAgency(db);
    const otherOfficer = await makeUser(db, 'agency', { agencyId: otherAgency.id });
    const first = await makeRecord(db, s.subject.id, s.agency.id);
    const second = await makeRecord(db, s.subject.id, otherAgency.id, { domain: 'tax' });
    // Published a month ago: a general record's three months are not yet served.
    const tooSoon = await makeRecord(db, s.subject.id, s.agency.id, { publishedFrom: chinaDateFrom(testStart, -30) });

    const citizen = await b.pageAs(s.citizen.username);
    const page = citizen.page;
    await page.goto(`${b.baseUrl}/records`);
    const cardOf = (decisionNumber: string) => page.locator('.card', { hasText: decisionNumber });
    expect(await cardOf(tooSoon.decisionNumber).locator('input[type=checkbox]').count()).toBe(0);
    expect(await cardOf(tooSoon.decisionNumber).locator('.repair-choice').textContent()).toContain(
      'The minimum display period has not yet been served.',
    );
    const form = page.locator('#apply-several');
    const commitment = 'I commit to comply with the law and accept public supervision.';
    await form.getByLabel('Commitment letter').fill(commitment);
    await form.getByLabel('Performing the obligation after the fact').check();
    // Nothing ticked: refused, and what was written is kept.
    await form.getByRole('button', { name: 'Apply for the records ticked' }).click();
    await page.locator('#apply-several .field-error').waitFor();
    expect(await page.locator('#apply-several .field-error').textContent()).toContain('Tick the records to repair');
    expect(await form.getByLabel('Commitment letter').inputValue()).toBe(commitment);
    expect(await form.getByLabel('Performing the obligation after the fact').isChecked()).toBe(true);
    expect(await page.locator('#apply-several .files-again').textContent()).toBeTruthy();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel(`Include record ${first.decisionNumber} in the application`).check();
    await page.getByLabel(`Include record ${second.decisionNumber} in the application`).check();
    await form
      .getByLabel(/Evidence/)
      .setInputFiles([
        { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeReceiptPdf(['Fines paid'])) },
      ]);
    await form.getByRole('button', { name: 'Apply for the records ticked' }).click();
    await page.waitForURL(/\/repair-applications\/.+done=FILED/);
    const applicationUrl = page.url().split('?')[0]!;
    expect(await page.locator('h1').textContent()).toBe('Repair application (2 records)');
    expect(await page.locator('.shared-evidence li').allTextContents()).toEqual([
      expect.stringContaining('receipt.pdf'),
    ]);
    expect(await page.locator('.commitment').textContent()).toBe(commitment);

    // Each department decides its own record (谁认定、谁修复); the steps before are the usual ones.
    const caseLinks = await page
      .locator('.application-record .card-actions a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()!));
    expect(caseLinks).toHaveLength(2);
    const ctx = b.h.services;
    const rows = await ctx.db.select().from(cases).where(inArray(cases.id, caseLinks));
    const caseOf = (recordId: string) => rows.find((r) => r.recordId === recordId)!.id;
    const send = async (caseId: string, user: Parameters<typeof actorOf>[0], type: string, input = {}) => {
      const [current] = await ctx.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      await applyCaseEvent(ctx, { caseId, actor: actorOf(user), expectedVersion: current!.version, type, input });
    };
    for (const recordId of [first.id, second.id]) {
      const id = caseOf(recordId);
      await send(id, s.citizen, 'ADD_EVIDENCE', {
        route: 'performance',
        amount: 1,
        certifiedBy: 'The finding department',
        description: 'The fine was paid.',
      });
      await send(id, s.citizen, 'SUBMIT_APPLICATION');
      await send(id, s.reviewer, 'FORWARD_TO_DEPARTMENT');
    }
    await send(caseOf(first.id), s.agencyOfficer, 'APPROVE', { reasons: 'Paid and corrected.' });
    await send(caseOf(second.id), otherOfficer, 'REFUSE', {
      reasonCode: 'evidence_not_covering_obligation',
      reasons: 'The receipt is for another fine.',
    });

    await page.goto(applicationUrl);
    const card = (decisionNumber: string) => page.locator('.application-record', { hasText: decisionNumber });
    expect(await card(first.decisionNumber).locator('.department').textContent()).toBe(s.agency.name);
    expect(await card(second.decisionNumber).locator('.department').textContent()).toBe(otherAgency.name);
    expect(await card(first.decisionNumber).locator('.decision-cell').textContent()).toContain('Repair approved');
    expect(await card(second.decisionNumber).locator('.decision-cell').textContent()).toMatch(
      /Repair refused.*The receipt is for another fine\./s,
    );
    expect(await card(second.decisionNumber).locator('a[download]').count()).toBe(1);
    const [left, right] = await cardBoxes(page);
    expect(left!.top).toBe(right!.top);
    expect(left!.left).toBeLessThan(right!.left);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The case page leads back to the application, for the citizen and for staff.
    await page.goto(`${b.baseUrl}/cases/${caseOf(second.id)}`);
    await page.getByRole('link', { name: /part of an application for several records/ }).click();
    await page.waitForURL(applicationUrl);
    const reviewer = await b.pageAs(s.reviewer.username);
    await reviewer.page.goto(`${b.baseUrl}/cases/${caseOf(first.id)}`);
    expect(await reviewer.page.locator('.part-of-application a').getAttribute('href')).toBe(
      new URL(applicationUrl).pathname,
    );

    // The department sees its own record's case only, and is told so.
    const agency = await b.pageAs(s.agencyOfficer.username);
    await agency.page.goto(applicationUrl);
    expect(await agency.page.locator('.application-record h3').allTextContents()).toEqual([
      expect.stringContaining(first.decisionNumber),
    ]);
    expect(await agency.page.locator('.note').textContent()).toBe('Only the records your agency found are shown.');
    expect(await seriousAccessibilityViolations(agency.page)).toEqual([]);
    await agency.context.close();

    // A phone, in both languages: one card under another, nothing wider than the screen.
    for (const locale of ['en', 'zh-CN']) {
      const phone = await b.pageAs(s.citizen.username, { locale, width: 390 });
      await phone.page.goto(applicationUrl);
      const boxes = await cardBoxes(phone.page);
      expect(boxes[0]!.left).toBe(boxes[1]!.left);
      expect(boxes[0]!.top).toBeLessThan(boxes[1]!.top);
      expect(await overflowOf(phone.page)).toEqual({ page: 0, wide: [] });
      if (locale === 'zh-CN') {
        expect(await phone.page.locator('h1').textContent()).toBe('信用修复申请（2 条记录）');
        const cards = phone.page.locator('.application-record .decision-cell');
        const decisions = (await cards.allTextContents()).join('|');
        expect(decisions).toContain('准予修复');
        expect(decisions).toContain('不予修复');
        expect(decisions).not.toMatch(/Repair|approved|refused/);
      }
      expect(await seriousAccessibilityViolations(phone.page)).toEqual([]);
      await phone.page.goto(`${b.baseUrl}/records`);
      expect(await overflowOf(phone.page)).toEqual({ page: 0, wide: [] });
      if (locale === 'zh-CN')
        expect(await phone.page.locator('#apply-several h2').textContent()).toBe('一次申请修复多条记录');
      expect(await seriousAccessibilityViolations(phone.page)).toEqual([]);
      await phone.context.close();
    }
    for (const opened of [citizen, reviewer]) await opened.context.close();
  }, 240_000);

  it('all or none: a record that stopped qualifying meanwhile refuses the whole filing, in Chinese, keeping the entries', async () => {
    const db = b.h.database.db;
    const otherAgency = await makeAgency(db);
    const kept = await makeRecord(db, s.subject.id, s.agency.id);
    const taken = await makeRecord(db, s.subject.id, otherAgency.id);
    const citizen = await b.pageAs(s.citizen.username, { locale: 'zh-CN', width: 390 });
    const page = citizen.page;
    await page.goto(`${b.baseUrl}/records`);
    await page.getByLabel(`将记录 ${kept.decisionNumber} 一并申请修复`).check();
    await page.getByLabel(`将记录 ${taken.decisionNumber} 一并申请修复`).check();
    const form = page.locator('#apply-several');
    await form.getByLabel('信用修复承诺书').fill('本人承诺依法经营，接受社会监督。');
    await form.getByLabel('事后主动履约').check();
    await form
      .locator('input[type=file]')
      .setInputFiles([
        { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeReceiptPdf(['Paid'])) },
      ]);
    // Meanwhile a repair of one of them is filed on its own (another tab, say).
    await openCase(b.h.services, {
      actor: actorOf(s.citizen),
      type: 'repair',
      filing: { recordId: taken.id, routes: ['performance'], commitment: '承诺。' },
    });
    const before = await db.select({ id: cases.id }).from(cases).where(eq(cases.recordId, kept.id));
    await form.getByRole('button', { name: '提交合并修复申请' }).click();
    await page.locator('#apply-several .refused-records').waitFor();
    expect(await page.locator('#apply-several .flash.error').textContent()).toContain('本次申请未提交');
    expect(await page.locator('#apply-several .refused-records li').allTextContents()).toEqual([
      expect.stringContaining(`${taken.decisionNumber}：该记录已有一件正在办理的修复申请。`),
    ]);
    // Nothing was filed for the record that did qualify; what was written and ticked is kept,
    // and the page says plainly that the files must be chosen again.
    expect(await db.select({ id: cases.id }).from(cases).where(eq(cases.recordId, kept.id))).toEqual(before);
    expect(await page.getByLabel(`将记录 ${kept.decisionNumber} 一并申请修复`).isChecked()).toBe(true);
    expect(await form.getByLabel('信用修复承诺书').inputValue()).toBe('本人承诺依法经营，接受社会监督。');
    expect(await form.getByLabel('事后主动履约').isChecked()).toBe(true);
    expect(await page.locator('#apply-several .files-again').textContent()).toContain('请重新选择');
    // The record now under repair has no box, and says why.
    expect(
      await page.locator('.card', { hasText: taken.decisionNumber }).locator('.repair-choice').textContent(),
    ).toContain('该记录已有一件正在办理的修复申请。');
    expect(await overflowOf(page)).toEqual({ page: 0, wide: [] });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await citizen.context.close();
  }, 120_000);
});
