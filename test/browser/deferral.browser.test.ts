/// <reference lib="dom" />
// The deferral journey in chromium: a citizen with an unpaid fine applies from the record to pay
// by instalments, with evidence of hardship; the agency's officer grants two instalments on the
// case page; the citizen sees the schedule on the record and on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';

describe('deferral of an obligation in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  it('from the application with evidence to the granted schedule on the record and the case', async () => {
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      obligation: 'Fine of CNY 8,000, due 2026-11-30',
      obligationPerformed: false,
    });
    const citizen = await b.pageAs(s.citizen.username);
    const page = citizen.page;
    await page.goto(`${b.baseUrl}/records/${record.id}`);
    const apply = page.locator('#file-deferral');
    await apply.getByLabel('What you ask for').selectOption('instalments');
    await apply
      .getByLabel('Why you cannot pay on time (hardship)')
      .fill('Out of work since September; the unemployment certificate is attached.');
    await apply
      .getByLabel(/The dates and amounts you propose/)
      .fill('CNY 4,000 in December and CNY 4,000 in late December.');
    await apply.getByLabel(/Evidence/).setInputFiles([
      {
        name: 'unemployment.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(makeReceiptPdf(['Unemployment certificate', 'since 2026-09-01'])),
      },
    ]);
    await apply.getByRole('button', { name: 'Apply to defer or pay by instalments' }).click();
    await page.waitForURL(/done=FILED/);
    expect(await page.locator('h1').textContent()).toContain('Agency deciding');
    expect(await page.locator('body').textContent()).toContain('unemployment.pdf');
    const caseUrl = page.url().split('?')[0]!;

    const agency = await b.pageAs(s.agencyOfficer.username);
    await agency.page.goto(caseUrl);
    const grant = agency.page.locator('form', {
      has: agency.page.getByRole('heading', { name: 'Grant the deferral' }),
    });
    const rows = grant.locator('fieldset.row');
    await rows.nth(0).getByLabel('Due on').fill('2026-12-10');
    await rows.nth(0).getByLabel('Amount (CNY)').fill('4000');
    await rows
      .nth(1)
      .getByLabel(/Due on/)
      .fill('2026-12-28');
    await rows
      .nth(1)
      .getByLabel(/Amount/)
      .fill('4000');
    await grant.getByLabel('Reasons').fill('Hardship shown by the certificate.');
    expect(await seriousAccessibilityViolations(agency.page)).toEqual([]);
    await grant.getByRole('button', { name: 'Grant the deferral' }).click();
    await agency.page.waitForURL(/done=GRANT/);
    expect(await agency.page.locator('h1').textContent()).toContain('Paying on the granted schedule');

    // The citizen sees the schedule on the case page and beside the record.
    await page.goto(caseUrl);
    const onCase = page.getByTestId('obligation-schedule');
    expect(await onCase.textContent()).toContain('2026-12-10');
    expect(await onCase.locator('tbody tr').count()).toBe(2);
    await page.goto(`${b.baseUrl}/records/${record.id}`);
    const onRecord = page.getByTestId('obligation-schedule');
    const rowsShown = await onRecord.locator('tbody tr').allTextContents();
    expect(rowsShown).toHaveLength(2);
    expect(rowsShown[0]).toContain('2026-12-10');
    expect(rowsShown[0]).toContain('4,000.00');
    expect(rowsShown[1]).toContain('2026-12-28');
    expect(rowsShown[1]).toContain('Not paid');
    expect(await onRecord.textContent()).toContain('paying on the schedule counts as on time');
    // No second application while the schedule is kept.
    expect(await page.locator('#file-deferral').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    for (const opened of [citizen, agency]) await opened.context.close();
  }, 90_000);
});
