// The reviewer's journey in chromium: the queue (filter, sort, unassigned, mine), claiming a
// case, the case page (record, diagram, audit), actions drawn from the machine, a refused
// stale action shown plainly with the case as it now is, validation from the schema, and
// paging through a queue longer than a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { actorOf } from '../../src/services/log-in.js';

describe('a reviewer in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let caseId: string;
  let otherCaseId: string;

  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    const citizen = actorOf(s.citizen);
    caseId = (
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: s.record.id, reason: 'The fine was paid.' },
      })
    ).row.id;
    const second = await makeRecord(b.h.database.db, s.subject.id, s.otherAgencyOfficer.agencyId!);
    otherCaseId = (
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: second.id, reason: 'Not me.' },
      })
    ).row.id;
  });
  afterAll(() => b.close());

  it('works the queue: filters, claims, accepts, and sees a stale action refused plainly', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    expect(new URL(page.url()).pathname).toBe('/cases');
    expect(await page.locator('table.cases tbody tr').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Filter by agency: only the case about the first agency's record.
    await page.getByLabel('Agency').selectOption({ label: s.agency.name });
    await page.getByLabel('Assignee').selectOption('none');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/agency=/);
    expect(await page.locator('table.cases tbody tr').count()).toBe(1);
    await page.locator('table.cases a').first().click();
    await page.waitForURL(`**/cases/${caseId}`);

    expect(await page.locator('.now').textContent()).toContain('This case is not assigned yet');
    expect(await page.locator('.lifecycle g.node.current').getAttribute('data-state')).toBe('intake');
    expect(await page.locator('.history').textContent()).toContain('Recorded');
    expect(await page.locator('.audit-result').textContent()).toContain('all 1 entries match');
    const actions = await page.locator('.action-form h3').allTextContents();
    expect(actions).toEqual(['Accept', 'Reject', 'Ask for material']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Claim this case' }).click();
    await page.waitForURL(/done=CLAIMED/);
    expect(await page.locator('.now').textContent()).toContain(`Worked by ${s.reviewer.displayName}`);

    // A second tab still shows version 2; the first tab accepts.
    const stale = await context.newPage();
    await stale.goto(`${b.baseUrl}/cases/${caseId}`);
    await page
      .locator('form', { has: page.getByRole('heading', { name: 'Accept' }) })
      .getByRole('button', { name: 'Accept' })
      .click();
    await page.waitForURL(/done=ACCEPT/);
    expect(await page.locator('h1').textContent()).toContain('Agency verifying');
    expect(await page.locator('.lifecycle g.edge.taken').first().getAttribute('data-event')).toBe('ACCEPT');

    const reject = stale.locator('form', { has: stale.getByRole('heading', { name: 'Reject' }) });
    await reject.getByLabel('Why (choose from the list)').selectOption('no_grounds_given');
    await reject.getByLabel('Reasons').fill('Not admissible.');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await stale.waitForLoadState();
    expect(await stale.getByRole('alert').textContent()).toContain(
      'The case changed before your action arrived, so nothing was done.',
    );
    expect(await stale.locator('h1').textContent()).toContain('Agency verifying');

    // Mine: the claimed case.
    await page.goto(`${b.baseUrl}/cases?assignee=me&status=open`);
    expect(await page.locator('table.cases tbody tr').count()).toBe(1);
    await context.close();
  });

  it('upholds, then drafts the correction it opened; the form says what is missing', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/cases/${caseId}`);
    const denied = page.locator('form', { has: page.getByRole('heading', { name: 'Verified: the record is wrong' }) });
    await denied.getByLabel('The agency’s answer').fill('The ledger shows the fine paid.');
    await denied.getByRole('button', { name: 'Verified: the record is wrong' }).click();
    await page.waitForURL(/done=AGENCY_DENIED/);

    const uphold = page.locator('form', { has: page.getByRole('heading', { name: 'Uphold' }) });
    await uphold.getByLabel('Reasons').fill('Paid on time.');
    await uphold.getByLabel(/Obligation performed/).selectOption('true');
    await uphold.getByRole('button', { name: 'Uphold' }).click();
    await page.waitForURL(/done=UPHOLD/);
    expect(await page.locator('h1').textContent()).toContain('Upheld');
    expect(await page.locator('.linked').textContent()).toContain('Led to: Correction');

    await page.locator('.linked a').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+$/);
    expect(await page.locator('h1').textContent()).toContain('Drafting');
    expect(await page.locator('.linked').textContent()).toContain('Follows from: Objection');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const draft = page.locator('form', { has: page.getByRole('heading', { name: 'Submit the draft' }) });
    await draft.getByLabel('Reasons').fill('Paid on time.');
    await draft.getByRole('button', { name: 'Submit the draft' }).click();
    await page.waitForLoadState();
    // Nothing to correct was named: the server's validation is shown beside the form.
    expect(await page.locator('.action-form .field-error').first().textContent()).toContain(
      'name at least one field to correct, or remove the record',
    );
    expect(await page.locator('h1').textContent()).toContain('Drafting');

    const again = page.locator('form', { has: page.getByRole('heading', { name: 'Submit the draft' }) });
    await again.getByLabel('Reasons').fill('Paid on time.');
    await again.getByLabel(/Obligation performed/).selectOption('true');
    await again.getByLabel(/^Facts/).fill('Sold expired food; the fine was paid on time.');
    await again.getByRole('button', { name: 'Submit the draft' }).click();
    await page.waitForURL(/done=SUBMIT_DRAFT/);
    expect(await page.locator('h1').textContent()).toContain('Applied');
    const history = await page.locator('.history').textContent();
    expect(history).toContain('Sold expired food; the fine was paid on time.');
    expect(history).toContain('Paid on time.');
    expect(await page.locator('.audit-result').textContent()).toContain('all 2 entries match');
    await context.close();
  });

  it('cannot act on a case another reviewer claimed', async () => {
    const { page, context } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/cases/${otherCaseId}`);
    await page.getByRole('button', { name: 'Claim this case' }).click();
    await page.waitForURL(/done=CLAIMED/);
    await context.close();

    const { makeUser } = await import('../helpers/factories.js');
    const second = await makeUser(b.h.database.db, 'reviewer');
    const other = await b.pageAs(second.username);
    await other.page.goto(`${b.baseUrl}/cases/${otherCaseId}`);
    expect(await other.page.locator('#actions-heading').locator('..').textContent()).toContain(
      'Another reviewer works this case',
    );
    expect(await other.page.locator('.action-form').count()).toBe(0);
    await other.context.close();
  });
  it('pages through a long queue with next and first-page links', async () => {
    const citizen = actorOf(s.citizen);
    for (let i = 0; i < 55; i += 1) {
      const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id);
      await openCase(b.h.services, {
        actor: citizen,
        type: 'objection',
        filing: { recordId: record.id, reason: `Case ${i}.` },
      });
    }
    const token = await b.h.login(s.reviewer.username);
    const all = (await b.h.call('GET', '/api/v1/cases?limit=200', { token })).body.cases.length as number;
    expect(all).toBeGreaterThan(50);
    const { page } = await b.pageAs(s.reviewer.username);
    await page.goto(`${b.baseUrl}/cases?status=all&sort=oldest`);
    expect(await page.locator('table.cases tbody tr').count()).toBe(50);
    const firstOnPageOne = await page.locator('table.cases tbody a').first().textContent();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/after=/);
    expect(await page.locator('table.cases tbody tr').count()).toBe(all - 50);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'First page' }).click();
    await page.waitForURL((url) => !url.search.includes('after='));
    expect(await page.locator('table.cases tbody a').first().textContent()).toBe(firstOnPageOne);
  });
});
