/// <reference lib="dom" />
// The staff's desk in chromium (issue 16 items 10–15): the queue on a phone and a desktop in
// both languages (no sideways scrolling, whose case and which decision, at-risk and breached
// rows marked by sign and word), search and saved views, bulk reassignment with its reason in
// the trail and both reviewers told, acting on an unclaimed case says it claims it, the resident
// ID masked with a registered "show", the rules version by name, the agency's inbox by kind with
// the wrong fields carried into the correction, and the seeded demo's SLA page not empty.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, cases, creditRecords } from '../../db/schema.js';
import { maskPersonName, maskResidentId } from '../../src/domain/identifiers.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seedDemoData } from '../../src/services/seed-demo-data.js';
import { logInAs, seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { testStart } from '../helpers/test-clock.js';
import { testKeys } from '../helpers/test-keys.js';

/** Nothing wider than the screen: the page does not scroll sideways and the queue's table fits its box. */
async function overflowOf(page: Page) {
  return page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap');
    // What sticks out, named, so a failure says where to look.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${Array.from(e.classList).join('.')}`);
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      table: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,
      wide,
    };
  });
}

describe('the staff desk in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let supervisor: Awaited<ReturnType<typeof makeUser>>;
  let otherReviewer: Awaited<ReturnType<typeof makeUser>>;
  const opened: Record<'atRisk' | 'breached' | 'fresh' | 'spare', { id: string; decisionNumber: string }> = {} as never;

  async function objection(daysAgo: number) {
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id);
    b.h.clock.set(new Date(Date.parse(testStart) - daysAgo * 86_400_000));
    try {
      const row = (
        await openCase(b.h.services, {
          actor: actorOf(s.citizen),
          type: 'objection',
          filing: { recordId: record.id, reason: 'Paid on time.' },
        })
      ).row;
      return { id: row.id, decisionNumber: record.decisionNumber };
    } finally {
      b.h.clock.set(testStart);
    }
  }

  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    [supervisor, otherReviewer] = await Promise.all([
      makeUser(b.h.database.db, 'supervisor'),
      makeUser(b.h.database.db, 'reviewer'),
    ]);
    // 20 calendar days to answer (征信业管理条例 art. 25): filed 19 days ago is at risk, 25 days ago breached.
    opened.atRisk = await objection(19);
    opened.breached = await objection(25);
    opened.fresh = await objection(0);
    opened.spare = await objection(1);
  });
  afterAll(() => b.close());

  for (const locale of ['en', 'zh-CN'] as const) {
    for (const width of [390, 1280]) {
      it(`fits the queue on a ${width} px screen in ${locale}: whose case, which decision, at risk marked by sign and word`, async () => {
        const { page, context } = await b.pageAs(s.reviewer.username, { locale });
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.goto(`${b.baseUrl}/cases?sort=due`);
        expect(await overflowOf(page)).toEqual({ page: 0, table: 0, wide: [] });
        const risky = page.locator('tr', { has: page.locator(`a[href="/cases/${opened.atRisk.id}"]`) });
        const text = (await risky.textContent()) ?? '';
        expect(text).toContain(maskPersonName(s.subject.name));
        expect(text).toContain(opened.atRisk.decisionNumber);
        expect(text).toContain(s.agency.name);
        expect(text).toContain(`⚠ ${locale === 'en' ? 'At risk' : '临近期限'}`);
        expect(await risky.getAttribute('class')).toContain('sla-row-at_risk');
        const late = page.locator('tr', { has: page.locator(`a[href="/cases/${opened.breached.id}"]`) });
        expect(await late.textContent()).toContain(`✖ ${locale === 'en' ? 'Breached' : '已超期'}`);
        // The due column is there, whole, on the phone too.
        const due = risky.locator('td').filter({ hasText: locale === 'en' ? 'At risk' : '临近期限' });
        const box = await due.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }

  it('searches by decision number, and keeps a saved view server-side that opens the queue under its filters', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.getByLabel('Search').fill(opened.fresh.decisionNumber);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/q=/);
    expect(await page.locator('table.cases a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `/cases/${opened.fresh.id}`,
    ]);
    await page.goto(`${b.baseUrl}/cases`);
    await page.getByLabel('Due', { exact: true }).selectOption('week');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/due=week/);
    await page.getByLabel('View name').fill('Due this week');
    await page.getByRole('button', { name: 'Save these filters as a view' }).click();
    await page.waitForURL(/due=week/);
    // Another browser, the same user: the view is there.
    const again = await b.pageAs(s.reviewer.username, { locale: 'zh-CN' });
    await again.page.getByRole('link', { name: 'Due this week' }).click();
    await again.page.waitForURL(/due=week/);
    expect(await again.page.getByLabel('到期', { exact: true }).inputValue()).toBe('week');
    const ids = await again.page.locator('table.cases a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(ids).toContain(`/cases/${opened.atRisk.id}`);
    expect(ids).not.toContain(`/cases/${opened.fresh.id}`);
    expect(await seriousAccessibilityViolations(again.page)).toEqual([]);
    await again.page.getByRole('button', { name: '删除视图“Due this week”' }).click();
    await again.page.waitForURL(/\/cases$/);
    expect(await again.page.getByRole('link', { name: 'Due this week' }).count()).toBe(0);
    await again.context.close();
    await context.close();
  });

  it('reassigns ticked cases with a reason the trail labels as such, and tells both reviewers', async () => {
    // The reviewer claims two; the supervisor gives both to the other reviewer.
    for (const c of [opened.fresh, opened.spare])
      await b.h.call('POST', '/api/v1/cases/assignments', {
        token: await b.h.login(s.reviewer.username),
        body: { action: 'claim', cases: [{ id: c.id, version: 1 }] },
      });
    const { page, context } = await b.pageAs(supervisor.username);
    await page.goto(`${b.baseUrl}/cases?assignee=`);
    for (const c of [opened.fresh, opened.spare])
      await page.getByRole('checkbox', { name: new RegExp(`#${c.id.slice(0, 8)}`) }).check();
    await page.getByLabel('Reason (written in each case’s trail)').fill('Chen is on leave this week.');
    await page.getByLabel('Reassign the selected cases to').selectOption({ label: otherReviewer.displayName });
    await page.getByRole('button', { name: 'Reassign the selected cases' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.flash').first().textContent()).toContain('2 cases done.');
    await page.goto(`${b.baseUrl}/cases/${opened.fresh.id}`);
    const timeline = (await page.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('Reason for the reassignment');
    expect(timeline).toContain('Chen is on leave this week.');
    await context.close();

    for (const [who, locale, words] of [
      [
        otherReviewer.username,
        'en',
        'A supervisor assigned you a case (objection). Reason: Chen is on leave this week.',
      ],
      [s.reviewer.username, 'zh-CN', '主管将您办理的一件异议案件改由'],
    ] as const) {
      const told = await b.pageAs(who, { locale });
      await told.page.goto(`${b.baseUrl}/notifications`);
      expect(await told.page.locator('.notifications').textContent()).toContain(words);
      await told.context.close();
    }
  });

  it('says that acting on an unclaimed case claims it, and shows that it did', async () => {
    const c = await objection(0);
    const zh = await b.pageAs(s.reviewer.username, { locale: 'zh-CN' });
    await zh.page.goto(`${b.baseUrl}/cases/${c.id}`);
    expect(await zh.page.locator('.claim-note').textContent()).toBe('本案尚无人认领：提交以下任一操作即由您认领本案。');
    await zh.context.close();
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/cases/${c.id}`);
    expect(await page.locator('.claim-note').textContent()).toBe(
      'Nobody has claimed this case: sending any action below claims it for you.',
    );
    await page
      .locator('form', { has: page.getByRole('heading', { name: 'Accept' }) })
      .getByRole('button')
      .click();
    await page.waitForURL(/done=ACCEPT/);
    expect(await page.locator('.flash').first().textContent()).toContain('You have claimed this case');
    expect(await page.locator('.now').textContent()).toContain(s.reviewer.displayName);
    expect(await page.locator('.claim-note').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('masks the resident ID for staff, shows it whole on asking (registered), and the citizen sees their own', async () => {
    for (const [locale, button, rules] of [
      ['en', 'Show the whole number', 'Rules version: national-2026-04-01 National: the Credit Repair Measures'],
      ['zh-CN', '显示完整号码', '适用规则版本: national-2026-04-01 全国：《信用修复管理办法》'],
    ] as const) {
      const { page, context } = await b.pageAs(s.reviewer.username, { locale });
      await page.goto(`${b.baseUrl}/cases/${opened.atRisk.id}`);
      expect(await page.locator('.resident-id').textContent()).toBe(maskResidentId(s.subject.residentId));
      expect(await page.content()).not.toContain(s.subject.residentId);
      // The rules the case runs under, by name: not the case's own version number.
      expect((await page.locator('.rules-version').textContent())?.replace(/\s+/g, ' ')).toContain(rules);
      await page.getByRole('button', { name: button }).click();
      await page.waitForURL(/\/records\/[0-9a-f-]+\/resident-id$/);
      expect(await page.locator('.resident-id').textContent()).toBe(s.subject.residentId);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    }
    const reveals = await b.h.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, s.subject.id), eq(accessLog.action, 'reveal_resident_id')));
    expect(reveals.map((e) => e.actorUserId)).toEqual([s.reviewer.id, s.reviewer.id]);

    const own = await b.pageAs(s.citizen.username);
    await own.page.goto(`${b.baseUrl}/cases/${opened.atRisk.id}`);
    expect(await own.page.locator('.resident-id').textContent()).toBe(s.subject.residentId);
    expect(await own.page.getByRole('button', { name: 'Show the whole number' }).count()).toBe(0);
    // Their register says the reviewer saw the whole number.
    await own.page.goto(`${b.baseUrl}/access-log`);
    expect(await own.page.locator('main').textContent()).toContain('saw the whole resident ID number');
    await own.context.close();
  });

  it('gives the agency an inbox by kind; its wrong fields start the reviewer’s correction', async () => {
    await applyCaseEvent(b.h.services, {
      caseId: opened.breached.id,
      actor: actorOf(s.reviewer),
      expectedVersion: 1,
      type: 'ACCEPT',
      input: {},
    });
    const zh = await b.pageAs(s.agencyOfficer.username, { locale: 'zh-CN' });
    expect(await zh.page.locator('h1').textContent()).toBe('待本单位答复的案件');
    // Accepted objections wait for the agency (this one, and the one claimed by acting on it above).
    const waiting = await zh.page.locator('table.cases tbody tr').count();
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(await zh.page.locator('.inbox-kind h2').allTextContents()).toEqual([`异议：待本单位答复 ${waiting} 件`]);
    await zh.context.close();

    const { page, context } = await b.pageAs(s.agencyOfficer.username);
    expect(await page.locator('h1').textContent()).toBe('Cases waiting for our answer');
    expect(await page.locator('.inbox-kind h2').allTextContents()).toEqual([
      `Objection: ${waiting} waiting for our answer`,
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator(`table.cases a[href="/cases/${opened.breached.id}"]`).click();
    await page.waitForURL(`**/cases/${opened.breached.id}`);
    const denied = page.locator('form', { has: page.getByRole('heading', { name: 'Verified: the record is wrong' }) });
    await denied.getByLabel('The agency’s answer').fill('The fine was paid on 2 April.');
    const wrong = denied.getByRole('group', { name: /The fields that are wrong/ });
    await wrong.getByLabel(/Obligation performed/).selectOption('true');
    await wrong.getByLabel(/^Facts/).fill('Sold expired food; the fine was paid on time.');
    await denied.getByRole('button', { name: 'Verified: the record is wrong' }).click();
    await page.waitForURL(/done=AGENCY_DENIED/);
    await context.close();

    const reviewer = await b.pageAs(s.reviewer.username);
    await reviewer.page.goto(`${b.baseUrl}/cases/${opened.breached.id}`);
    const uphold = reviewer.page.locator('form', { has: reviewer.page.getByRole('heading', { name: 'Uphold' }) });
    expect(await uphold.locator('[name="correction.obligationPerformed"]').inputValue()).toBe('true');
    expect(await uphold.locator('[name="correction.facts"]').inputValue()).toBe(
      'Sold expired food; the fine was paid on time.',
    );
    await uphold.getByLabel('Reasons').fill('The agency found the fine paid on time.');
    await uphold.getByRole('button', { name: 'Uphold' }).click();
    await reviewer.page.waitForURL(/done=UPHOLD/);
    await reviewer.context.close();
    const [correction] = await b.h.database.db
      .select()
      .from(cases)
      .where(and(eq(cases.parentCaseId, opened.breached.id), eq(cases.type, 'correction')));
    expect((correction!.snapshot as { context: { proposed: unknown } }).context.proposed).toEqual({
      obligationPerformed: true,
      facts: 'Sold expired food; the fine was paid on time.',
    });
  });

  it('starts the demo with a case at risk and one breached, on the SLA page and behind its filters', {
    timeout: 240_000,
  }, async () => {
    await seedDemoData(b.h.database.db, { now: b.h.services.now(), jurisdiction: 'national', keys: testKeys });
    const [shoes] = await b.h.database.db
      .select({ id: cases.id })
      .from(cases)
      .innerJoin(creditRecords, eq(creditRecords.id, cases.recordId))
      .where(eq(creditRecords.decisionNumber, '京市监罚〔2026〕1402号'));
    for (const locale of ['en', 'zh-CN'] as const) {
      const context = await b.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await logInAs(page, b.baseUrl, 'supervisor', 'xiufu-demo');
      await page.goto(`${b.baseUrl}/sla`);
      // The shoe-label objection, a month without an answer, is on the breached list.
      expect(await page.locator(`main a[href="/cases/${shoes!.id}"]`).count()).toBe(1);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      for (const sla of ['at_risk', 'breached']) {
        await page.goto(`${b.baseUrl}/cases?sla=${sla}`);
        expect(await page.locator('table.cases tbody tr').count(), `${locale} ${sla}`).toBeGreaterThanOrEqual(1);
      }
      await context.close();
    }
  });
});
