// Administrative review (行政复议) in chromium: the citizen reads the remedies a dismissal states
// (no re-examination under the national profile), records the application made to the review
// body; the review body's officer accepts, sends the copy, extends once with the head's approval
// and decides; the citizen reads the decision and the one remedy left (the court, 15 days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeUser } from '../helpers/factories.js';

describe('administrative review in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let dismissedId: string;

  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    officer = await makeUser(b.h.database.db, 'review_body');
    const citizen = actorOf(s.citizen);
    const reviewer = actorOf(s.reviewer);
    dismissedId = (
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: s.record.id, reason: 'The fine was paid.' },
      })
    ).row.id;
    let version = 1;
    for (const [type, input] of [
      ['ACCEPT', {}],
      ['AGENCY_CONFIRMED', { answer: 'The facts stand.' }],
      ['DISMISS', { reasonCode: 'record_accurate', reasons: 'The record is accurate.' }],
    ] as const) {
      const row = await applyCaseEvent(b.h.services, {
        caseId: dismissedId,
        actor: reviewer,
        expectedVersion: version,
        type,
        input,
      });
      version = row.version;
    }
  });
  afterAll(() => b.close());

  it('is recorded by the citizen, worked by the review body, and its decision read with the remedy left', async () => {
    const { page: citizenPage } = await b.pageAs(s.citizen.username);
    await citizenPage.goto(`${b.baseUrl}/cases/${dismissedId}`);
    const remedies = citizenPage.locator('section.remedies');
    expect(
      await remedies.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-remedy'))),
    ).toEqual(['administrative_review', 'administrative_litigation']);
    expect(await remedies.textContent()).toContain('Within 60 days');
    expect(await remedies.textContent()).toContain('行政诉讼法 arts. 46, 45');
    expect(await citizenPage.locator('#file-review').count()).toBe(0);
    expect(await seriousAccessibilityViolations(citizenPage)).toEqual([]);

    await remedies.getByRole('link', { name: 'Record your administrative review application' }).click();
    const form = citizenPage.locator('#file-administrative-review');
    await form.getByLabel('Review body').fill('测试市人民政府');
    await form.getByLabel('Applied on').fill('2026-11-25');
    await form.getByLabel('Learned of the decision on').fill('2026-11-25');
    await form.getByLabel('Did the decision tell you of the right and the window?').selectOption('true');
    await form.getByLabel('Why the decision is wrong').fill('The receipt shows the fine was paid.');
    await form.getByLabel('What you ask for').fill('Revoke the dismissal.');
    await form.getByRole('button', { name: 'Record the administrative review you applied for' }).click();
    await citizenPage.waitForURL(/done=FILED/);
    const reviewUrl = citizenPage.url().split('?')[0]!;
    expect(await citizenPage.locator('h1').textContent()).toContain('Acceptance review by the review body');
    expect(await citizenPage.locator('.now').textContent()).toContain('Waiting for the review body');

    const { page } = await b.pageAs(officer.username);
    await page.goto(reviewUrl);
    const act = async (
      event: string,
      heading: string,
      fill: (form: ReturnType<typeof page.locator>) => Promise<void> = async () => {},
    ) => {
      const actionForm = page.locator('form.action-form', {
        has: page.getByRole('heading', { name: heading, exact: true }),
      });
      await fill(actionForm);
      await actionForm.getByRole('button', { name: heading, exact: true }).click();
      await page.waitForURL(new RegExp(`done=${event}`));
    };
    expect(await page.locator('.action-form h3').allTextContents()).toEqual(
      expect.arrayContaining(['Accept', 'Refuse to accept', 'Notify to supplement']),
    );
    await act('ACCEPT', 'Accept');
    expect(await page.locator('h1').textContent()).toContain('Copy to the respondent');
    await act('SEND_COPY', 'Send the copy to the respondent', (f) => f.getByLabel('Sent on').fill('2026-11-25'));
    // The 10 days to answer count from the respondent's receipt (art. 48), which the review body records.
    expect(await page.locator('h1').textContent()).toContain('Waiting for the copy to reach the respondent');
    await act('COPY_RECEIVED', 'Record the respondent’s receipt of the copy', (f) =>
      f.getByLabel('Received on').fill('2026-11-25'),
    );
    expect(await page.locator('h1').textContent()).toContain('Awaiting the respondent’s answer');
    await act('EXTEND', 'Extend the time to decide', async (f) => {
      await f.getByLabel('Days').fill('30');
      await f.getByLabel('Approved by (head)').fill('复议机构负责人');
      await f.getByLabel('Reasons').fill('The respondent’s evidence needs checking.');
    });
    expect(await page.locator('.action-form h3').allTextContents()).not.toContain('Extend the time to decide');
    await act('DECIDE', 'Decide', async (f) => {
      await f.getByLabel('Outcome').selectOption('uphold');
      // Against the applicant: why, from the list (version 3).
      await f.getByLabel('Why (choose from the list)').selectOption('decision_lawful');
      await f.getByLabel('Reasons', { exact: false }).first().fill('The dismissal was right.');
    });
    expect(await page.locator('h1').textContent()).toContain('Decided against the application');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await citizenPage.goto(reviewUrl);
    expect(await citizenPage.locator('.now').textContent()).toContain('decided against the application');
    const left = citizenPage.locator('section.remedies li');
    expect(await left.evaluateAll((items) => items.map((i) => i.getAttribute('data-remedy')))).toEqual([
      'litigation_after_review',
    ]);
    expect(await left.textContent()).toContain('within 15 days of receiving it');
    // 11-25 + 15 days = 12-10, a Thursday.
    expect(await left.textContent()).toContain('Dec 10, 2026');
    await citizenPage.goto(`${b.baseUrl}/notifications`);
    expect(await citizenPage.locator('main').textContent()).toContain('within 15 days of receiving it');
  });
});
