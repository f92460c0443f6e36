/// <reference lib="dom" />
// The agency's and the supervisor's journeys in chromium: an agency sees the cases about its
// own records that wait for its answer and gives it (with a file), and nothing else; a
// supervisor reads the overview and reassigns a case with a reason that the audit keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { chinaDateFrom } from '../helpers/test-clock.js';
import { actorOf } from '../../src/services/log-in.js';
import { maskResidentId } from '../../src/domain/identifiers.js';

describe('an agency and a supervisor in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let waitingCase: string;
  let otherAgencyCase: string;

  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    const citizen = actorOf(s.citizen);
    const reviewer = actorOf(s.reviewer);
    waitingCase = (
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: s.record.id, reason: 'Paid.' },
      })
    ).row.id;
    await applyCaseEvent(b.h.services, {
      caseId: waitingCase,
      actor: reviewer,
      expectedVersion: 1,
      type: 'ACCEPT',
      input: {},
    });
    const foreign = await makeRecord(b.h.database.db, s.subject.id, s.otherAgencyOfficer.agencyId!);
    otherAgencyCase = (
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: foreign.id, reason: 'Not mine.' },
      })
    ).row.id;
    await applyCaseEvent(b.h.services, {
      caseId: otherAgencyCase,
      actor: reviewer,
      expectedVersion: 1,
      type: 'ACCEPT',
      input: {},
    });
  });
  afterAll(() => b.close());

  it('an agency answers what waits for it, and sees nothing of other agencies', async () => {
    const { page, context } = await b.pageAs(s.agencyOfficer.username);
    expect(await page.locator('h1').textContent()).toBe('Cases waiting for our answer');
    const links = await page.locator('table.cases a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([`/cases/${waitingCase}`]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${b.baseUrl}/cases/${otherAgencyCase}`);
    expect(await page.locator('h1').textContent()).toBe('Page not found');

    await page.goto(`${b.baseUrl}/cases/${waitingCase}`);
    // The agency works without the subject's whole identity number: it sees it masked.
    expect(await page.locator('.resident-id').textContent()).toBe(maskResidentId(s.subject.residentId));
    expect(await page.content()).not.toContain(s.subject.residentId);
    expect(await page.locator('.action-form h3').allTextContents()).toEqual([
      'Verified: the record is right',
      'Verified: the record is wrong',
    ]);
    const denied = page.locator('form', { has: page.getByRole('heading', { name: 'Verified: the record is wrong' }) });
    await denied.getByLabel('The agency’s answer').fill('Our ledger shows the fine paid on 2 April.');
    await denied.getByLabel(/Evidence/).setInputFiles([
      {
        name: 'ledger.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(makeReceiptPdf(['Ledger', 'Paid 2026-04-02'])),
      },
    ]);
    await denied.getByRole('button', { name: 'Verified: the record is wrong' }).click();
    await page.waitForURL(/done=AGENCY_DENIED/);
    expect(await page.locator('h1').textContent()).toContain('Deciding');
    expect(await page.locator('.evidence').textContent()).toContain('ledger.pdf');
    expect(await page.locator('.timeline').textContent()).toMatch(/ledger\.pdf [0-9a-f]{12}/);

    await page.goto(`${b.baseUrl}/cases`);
    expect(await page.locator('table.cases').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('No cases match.');
    await context.close();
  });

  it('a supervisor reads the overview and reassigns a case with a reason', async () => {
    const supervisor = await makeUser(b.h.database.db, 'supervisor');
    const otherReviewer = await makeUser(b.h.database.db, 'reviewer');
    const { page, context } = await b.pageAs(supervisor.username);
    expect(new URL(page.url()).pathname).toBe('/overview');
    const overview = await page.locator('main').textContent();
    expect(overview).toContain('Open cases by type and stage');
    expect(overview).toContain('Nothing waits for approval.');
    expect(await page.locator('section', { hasText: 'By agency' }).locator('tbody tr').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${b.baseUrl}/cases/${otherAgencyCase}`);
    const reassign = page.locator('form', { has: page.getByRole('heading', { name: 'Reassign' }) });
    await reassign.getByLabel('Assign to').selectOption({ label: otherReviewer.displayName });
    await reassign.getByLabel('Reason for the reassignment').fill('Chen is on leave this week.');
    await reassign.getByRole('button', { name: 'Reassign' }).click();
    await page.waitForURL(/done=REASSIGNED/);
    expect(await page.locator('.now').textContent()).toContain(`Worked by ${otherReviewer.displayName}`);
    const timeline = await page.locator('.timeline > li').last().textContent();
    expect(timeline).toContain('Reassigned');
    expect(timeline).toContain('Chen is on leave this week.');
    expect(await page.locator('.audit-result').textContent()).toContain('match');

    // The SLA dashboard and the working-day calendar.
    await page.getByRole('link', { name: 'SLA', exact: true }).click();
    await page.waitForURL('**/sla');
    expect(await page.locator('h1').textContent()).toBe('Service levels');
    expect(await page.locator('main').textContent()).toContain('Opened and closed per week');
    expect(await page.locator('main p.meta').first().textContent()).toMatch(
      /^Counts as of .+ \(renewed every minute; the breached list is live\)\.$/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Working-day calendar' }).first().click();
    await page.waitForURL('**/calendar');
    // The calendar opens on the clock's year: National Day, 10-01, is among its holidays.
    expect(await page.locator('main').textContent()).toContain(
      `${chinaDateFrom(b.h.services.now(), 0).slice(0, 4)}-10-01`,
    );
    await page.getByLabel('Year').fill('2030');
    await page.getByLabel('Notice').fill('Test notice for 2030');
    await page
      .getByLabel('Days', { exact: true })
      .fill('2030-01-01 holiday New Year\n2030-01-05 workday Worked Saturday');
    await page.getByRole('button', { name: 'Load or replace a year' }).click();
    await page.locator('.flash.ok').waitFor();
    expect(await page.locator('.flash.ok').textContent()).toContain('Loaded 2 days');
    expect(await page.locator('.years').textContent()).toContain('2030');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Policy and deadlines' }).click();
    await page.waitForURL('**/policy');
    // Sources in the reader's language: English here, with no Chinese mixed in.
    expect(await page.locator('main').textContent()).toContain(
      'Regulation on the Administration of the Credit Reporting Industry art. 25',
    );
    expect(await page.locator('main').textContent()).not.toContain('征信业管理条例');
    // The repair decision's extension, with what it rests on and that its length is unverified.
    expect(await page.locator('.extension').first().textContent()).toMatch(
      /A complex case may be extended by 3 working days:.*unverified/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
