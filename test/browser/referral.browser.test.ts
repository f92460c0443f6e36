// A court-list record in chromium: the citizen opens it and reads where an objection goes (the
// enforcing court), why there is no repair and how long the court lists it, and files the
// referral; a reviewer records that it was sent and then the court's answer; the citizen is told
// and reads the answer on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeAgency, makeObjectionScenario, makeRecord } from '../helpers/factories.js';

describe('a court-list record referred to its court, in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let recordId: string;
  let caseId: string;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    const court = await makeAgency(b.h.database.db);
    const record = await makeRecord(b.h.database.db, s.subject.id, court.id, {
      kind: 'court_dishonest_debtor',
      domain: 'litigation',
      class: 'serious',
      decisionNumber: '(2026)京0105执1234号',
      facts: 'Able to pay the judgment debt and refused to.',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（一）项',
      obligation: 'Pay CNY 150,000 under the judgment',
      obligationPerformed: false,
    });
    recordId = record.id;
  });
  afterAll(() => b.close());

  it('the citizen sees where it goes, that it is not repaired here, and files the referral', async () => {
    const { page, context } = await b.pageAs(s.citizen.username);
    await page.goto(`${b.baseUrl}/records/${recordId}`);
    const forum = page.getByRole('region', { name: 'Where an objection goes' });
    expect(await forum.textContent()).toContain('decided by the enforcing court, not here');
    expect(await forum.textContent()).toContain('Credit repair does not apply');
    expect(await forum.textContent()).toContain('deletes the entry within 3 working days');
    // The court's term instead of a class's display period, and no repair-from date.
    const summary = page.locator('.record-summary');
    expect(await summary.locator('.period-rule').textContent()).toContain('generally 2 years');
    expect(await summary.textContent()).not.toContain('Repair possible from');
    expect(await summary.textContent()).not.toContain('Display period');
    // No objection decided here and no repair form; the referral is offered instead.
    expect(await page.locator('#file-objection').count()).toBe(0);
    expect(await page.locator('#file-repair').count()).toBe(0);
    const referral = page.locator('#file-referral');
    expect(await referral.getByRole('heading').textContent()).toBe(
      'Object to this record (sent to the enforcing court)',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await referral.getByLabel('What is wrong with the record').fill('The judgment was paid in full on 30 October.');
    await referral.getByRole('button', { name: /Object to this record/ }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+/);
    caseId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await page.locator('h1').textContent()).toContain('To be sent');
    expect(await page.locator('.referral').textContent()).toContain('decided by the enforcing court');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The record page now links the open referral and offers no second one.
    await page.goto(`${b.baseUrl}/records/${recordId}`);
    expect(await page.getByRole('link', { name: 'A referral of this record is open' }).getAttribute('href')).toBe(
      `/cases/${caseId}`,
    );
    expect(await page.locator('#file-referral').count()).toBe(0);
    await context.close();
  });

  it('a reviewer records that it was sent and then the court’s answer', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/cases/${caseId}`);
    const refer = page.locator('form', { has: page.getByRole('heading', { name: 'Record the referral' }) });
    await refer.getByLabel('Sent to').fill('北京市朝阳区人民法院');
    await refer.getByLabel('Sent on').fill('2026-11-25');
    await refer.getByLabel('How it was sent').fill('The court’s online portal');
    await refer.getByLabel(/Their reference/).fill('(2026)京0105执异88号');
    await refer.getByRole('button', { name: 'Record the referral' }).click();
    await page.waitForURL(/done=REFER/);
    expect(await page.locator('h1').textContent()).toContain('Awaiting the enforcing court');
    expect(await page.locator('.now').textContent()).toMatch(/Due by .* 24:00/);
    expect(await page.locator('.referral .sent-to').textContent()).toBe('北京市朝阳区人民法院');

    const answer = page.locator('form', { has: page.getByRole('heading', { name: 'Record the answer' }) });
    await answer.getByLabel('Answered on').fill('2026-12-03');
    await answer.getByLabel('Outcome').selectOption('deleted');
    await answer.getByLabel('The answer').fill('The debtor has performed in full; the entry is deleted.');
    await answer.getByRole('button', { name: 'Record the answer' }).click();
    await page.waitForURL(/done=ANSWER_RECORDED/);
    expect(await page.locator('h1').textContent()).toContain('Answered');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('the citizen is told, and reads the court’s answer on the case', async () => {
    const { page, context } = await b.pageAs(s.citizen.username);
    await page.getByRole('link', { name: /Notifications \(2\)/ }).click();
    const notices = await page.locator('.notifications').textContent();
    expect(notices).toContain('was sent to 北京市朝阳区人民法院 on 2026-11-25');
    expect(notices).toContain('Your referral was closed: deleted');
    await page.locator('.notifications a').first().click();
    await page.waitForURL(`**/cases/${caseId}`);
    const referral = page.locator('.referral');
    expect(await referral.locator('.answer-outcome').textContent()).toBe('deleted');
    expect(await referral.locator('.answer').textContent()).toBe(
      'The debtor has performed in full; the entry is deleted.',
    );
    expect(await page.locator('.timeline > li').count()).toBe(3);
    expect(await page.locator('.audit-result').textContent()).toContain('all 3 entries match');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('the policy page gives each number its source in the reader’s language, the forums among them', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/policy`);
    const sources = await page.locator('main').textContent();
    expect(sources).toContain('SPC Provisions on the List of Dishonest Judgment Debtors (2017) art. 12');
    expect(sources).toContain('the enforcing court');
    expect(sources).toContain('No repair after false material for');
    // The same citation in the reader's language (sources given both languages; a few added by
    // other work are still plain strings).
    const en = await page.locator('td .source').allTextContents();
    expect(en).toContainEqual(
      expect.stringContaining('Regulation on the Administration of the Credit Reporting Industry art. 25'),
    );
    expect(en).not.toContainEqual(expect.stringContaining('《征信业管理条例》第二十五条'));
    await page.goto(`${b.baseUrl}${await page.getByRole('link', { name: '中文' }).getAttribute('href')}`);
    expect(new URL(page.url()).pathname).toBe('/policy');
    const zh = await page.locator('td .source').allTextContents();
    expect(zh).toContainEqual(expect.stringContaining('《征信业管理条例》第二十五条'));
    expect(zh).toContainEqual(expect.stringContaining('《最高人民法院关于公布失信被执行人名单信息的若干规定》'));
    expect(zh).not.toContainEqual(expect.stringContaining('Regulation on the Administration of the Credit Reporting'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
