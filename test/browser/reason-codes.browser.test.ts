/// <reference lib="dom" />
// Issue 16 items 3 and 9 in chromium. A reviewer rejects an objection and an agency officer
// refuses a deferral from the case page's forms, choosing why from the translated list; the
// citizen reads the decision at the top of each case page in Chinese and in English (why, the
// officer's words, what to do now; at phone width too). And a repair applicant removes a ledger entry added by
// mistake: it stays struck through with the reason, the progress drops, the trail says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalReasons } from '../../src/domain/refusal-reasons.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { chinaDateFrom } from '../helpers/test-clock.js';

describe('reason codes and the ledger in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness('demo');
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  /** The decision block read by the citizen in both languages: at the top, why, the words, what to do. */
  async function citizenReads(caseId: string, code: keyof typeof refusalReasons, words: string) {
    for (const [locale, key] of [
      ['zh-CN', 'zh'],
      ['en', 'en'],
    ] as const) {
      const { page } = await b.pageAs(s.citizen.username, { locale });
      await page.goto(`${b.baseUrl}/cases/${caseId}`);
      const block = page.locator('section.decision-reason');
      expect(await block.locator('.decision-code').textContent()).toContain(refusalReasons[code].label[key]);
      expect(await block.locator('.decision-words').textContent()).toContain(words);
      expect(await block.locator('.decision-what-to-do').textContent()).toContain(refusalReasons[code].whatToDo[key]);
      // It comes before where the case stands and the timeline.
      const order = await page.evaluate(() => {
        const cards = Array.from(document.querySelectorAll('main section.card'), (c) => c.className);
        return {
          decision: cards.findIndex((c) => c.includes('decision-reason')),
          now: cards.findIndex((c) => c.includes('now')),
        };
      });
      expect(order.decision).toBeGreaterThanOrEqual(0);
      expect(order.decision).toBeLessThan(order.now);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
    // At phone width the block wraps within the screen: nothing to scroll sideways.
    const { page: phone } = await b.pageAs(s.citizen.username, { locale: 'zh-CN', width: 375 });
    await phone.goto(`${b.baseUrl}/cases/${caseId}`);
    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      block: document.querySelector('section.decision-reason')!.getBoundingClientRect().right,
    }));
    expect(widths.page).toBeLessThanOrEqual(375);
    expect(widths.block).toBeLessThanOrEqual(375);
  }

  it('an objection rejected and a deferral refused from the forms, read at the top of each case page in both languages', async () => {
    const objection = await openCase(b.h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: (await makeRecord(b.h.database.db, s.subject.id, s.agency.id)).id, reason: 'Not my fine.' },
    });
    const { page: reviewer } = await b.pageAs(s.reviewer.username, { locale: 'zh-CN' });
    await reviewer.goto(`${b.baseUrl}/cases/${objection.row.id}`);
    const reject = reviewer.locator('form', { has: reviewer.locator('#event-reject-heading') });
    // The list is this decision's, translated; the form refuses to go without a choice.
    const options = await reject.getByLabel('原因（从清单中选择）').locator('option').allTextContents();
    expect(options).toEqual([
      '—',
      refusalReasons.not_about_subject.label.zh,
      refusalReasons.no_grounds_given.label.zh,
      refusalReasons.not_within_scope.label.zh,
      refusalReasons.no_new_facts.label.zh,
      refusalReasons.other.label.zh,
    ]);
    expect(await reject.getByLabel('原因（从清单中选择）').getAttribute('required')).not.toBeNull();
    await reject.getByLabel('原因（从清单中选择）').selectOption('not_about_subject');
    await reject.getByLabel('理由').fill('处罚决定书载明的当事人是另一家公司。');
    await reject.locator('button[type=submit]').click();
    await reviewer.waitForURL(/done=REJECT/);
    await citizenReads(objection.row.id, 'not_about_subject', '处罚决定书载明的当事人是另一家公司。');

    const fine = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      obligation: 'Fine of CNY 8,000',
      obligationPerformed: false,
    });
    const deferral = await openCase(b.h.services, {
      actor: actorOf(s.citizen),
      type: 'deferral',
      filing: { recordId: fine.id, request: 'defer', hardship: 'Out of work since September.' },
    });
    const { page: agency } = await b.pageAs(s.agencyOfficer.username);
    await agency.goto(`${b.baseUrl}/cases/${deferral.row.id}`);
    const refuse = agency.locator('form', { has: agency.locator('#event-refuse-heading') });
    await refuse.getByLabel('Why (choose from the list)').selectOption('hardship_not_shown');
    await refuse.getByLabel('Reasons').fill('No statement of income or outgoings was given.');
    await refuse.locator('button[type=submit]').click();
    await agency.waitForURL(/done=REFUSE/);
    await citizenReads(deferral.row.id, 'hardship_not_shown', 'No statement of income or outgoings was given.');
  });

  it('a repair applicant removes a wrong ledger entry: struck through with the reason, no longer counted, in the trail', async () => {
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      publishedFrom: chinaDateFrom(b.h.services.now(), -183),
    });
    const citizen = actorOf(s.citizen);
    const opened = await openCase(b.h.services, {
      actor: citizen,
      type: 'repair',
      filing: { recordId: record.id, routes: ['volunteering'], commitment: 'I commit to comply with the law.' },
    });
    let version = opened.row.version;
    for (const [hours, description] of [
      [20, 'Hours entered twice'],
      [12, 'Community clean-up'],
    ] as const) {
      version = (
        await applyCaseEvent(b.h.services, {
          caseId: opened.row.id,
          actor: citizen,
          expectedVersion: version,
          type: 'ADD_EVIDENCE',
          input: { route: 'volunteering', amount: hours, certifiedBy: 'Volunteers Association', description },
        })
      ).version;
    }
    const { page } = await b.pageAs(s.citizen.username);
    await page.goto(`${b.baseUrl}/cases/${opened.row.id}`);
    expect(await page.locator('.ledger').textContent()).toContain('Volunteering: 32 of 20 hours');
    const remove = page.locator('form', { has: page.getByRole('heading', { name: 'Remove a wrong entry' }) });
    await remove.getByLabel('Which entry').selectOption({ label: '1. Volunteering · 20 · Volunteers Association' });
    await remove.getByLabel('Why').fill('I entered the same certificate twice.');
    await remove.getByRole('button', { name: 'Remove a wrong entry' }).click();
    await page.waitForURL(/done=REMOVE_EVIDENCE/);
    // Counted again without it: 12 of 20, so the application cannot be submitted yet.
    expect(await page.locator('.ledger').textContent()).toContain('Volunteering: 12 of 20 hours');
    expect(await page.locator('.action-form h3').allTextContents()).not.toContain('Submit the application');
    const removed = page.locator('.evidence-entries li.removed');
    expect(await removed.locator('del').textContent()).toContain('Hours entered twice');
    expect(await removed.textContent()).toContain('I entered the same certificate twice.');
    expect(await page.locator('.evidence-entries li:not(.removed)').textContent()).toContain('Community clean-up');
    // The removed entry is no longer offered for removal; the trail records the removal.
    expect(await remove.getByLabel('Which entry').locator('option').allTextContents()).toEqual([
      '2. Volunteering · 12 · Volunteers Association',
    ]);
    expect(await page.locator('#timeline-heading').locator('..').textContent()).toContain('Remove a wrong entry');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const { page: zh } = await b.pageAs(s.citizen.username, { locale: 'zh-CN' });
    await zh.goto(`${b.baseUrl}/cases/${opened.row.id}`);
    expect(await zh.locator('.evidence-entries li.removed').textContent()).toContain(
      '已删除，不计入门槛。原因：I entered the same certificate twice.',
    );
  });
});
