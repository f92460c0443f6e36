/// <reference lib="dom" />
// The repair journey in chromium: a citizen applies from the record with a commitment letter,
// adds evidence toward the volunteering threshold (the ledger shows the progress), submits;
// the credit center's reviewer finds it complete and forwards it; the officer of the department
// that made the finding extends the time (a complex case) and approves (谁认定、谁修复: the
// reviewer is offered no decision); the reviewer publishes the result and confirms the platform
// updated; the record is no longer shown, to the citizen or to the public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makePlatform, makeRecord } from '../helpers/factories.js';
import { chinaDateFrom } from '../helpers/test-clock.js';

describe('credit repair in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness('demo');
    s = await makeObjectionScenario(b.h.database.db);
    await makePlatform(b.h.database.db, s.agency.id, { kind: 'manual', name: 'Credit China' });
  });
  afterAll(() => b.close());

  it('from the application with evidence to the record no longer shown', async () => {
    // Published six months before the clock: repairable (three months have passed) and shown
    // for six more, so only the repair can take it out of the public view below.
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      publishedFrom: chinaDateFrom(b.h.services.now(), -183),
    });
    const citizen = await b.pageAs(s.citizen.username);
    const page = citizen.page;
    const publicView = async () =>
      (
        await (
          await citizen.context.request.get(`${b.baseUrl}/api/v1/public/records?residentId=${s.subject.residentId}`)
        ).json()
      ).records.map((r: { decisionNumber: string }) => r.decisionNumber);
    expect(await publicView()).toContain(record.decisionNumber);
    await page.goto(`${b.baseUrl}/records/${record.id}`);
    const apply = page.locator('#file-repair');
    await apply.getByLabel('Volunteering').check();
    await apply
      .getByLabel('Commitment letter')
      .fill('I commit to comply with food-safety law and accept public supervision.');
    await apply.getByRole('button', { name: 'Apply for credit repair' }).click();
    await page.waitForURL(/done=FILED/);
    expect(await page.locator('h1').textContent()).toContain('Collecting evidence');
    expect(await page.locator('.ledger').textContent()).toContain('Volunteering: 0 of 20 hours');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const addEvidence = async (hours: string, description: string, progress: string) => {
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add evidence' }) });
      await form.getByLabel('Route').selectOption('volunteering');
      await form.getByLabel(/^Amount/).fill(hours);
      await form.getByLabel('Certified by').fill('Haidian Volunteers Association');
      await form.getByLabel('Description').fill(description);
      await form.getByLabel(/Evidence/).setInputFiles([
        {
          name: 'certificate.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(makeReceiptPdf(['Certificate', `${hours} hours`])),
        },
      ]);
      await form.getByRole('button', { name: 'Add evidence' }).click();
      await page.locator('.ledger', { hasText: progress }).waitFor();
    };
    await addEvidence('12', 'Community clean-up', 'Volunteering: 12 of 20 hours');
    expect(await page.locator('.ledger').textContent()).toContain('Volunteering: 12 of 20 hours');
    // Not yet at the threshold: submitting is not offered.
    expect(await page.locator('.action-form h3').allTextContents()).not.toContain('Submit the application');
    await addEvidence('8', 'Elderly care', 'Volunteering: 20 of 20 hours');
    expect(await page.locator('.ledger').textContent()).toContain('Volunteering: 20 of 20 hours');
    await page
      .locator('form', { has: page.getByRole('heading', { name: 'Submit the application' }) })
      .getByRole('button')
      .click();
    await page.waitForURL(/done=SUBMIT_APPLICATION/);
    expect(await page.locator('h1').textContent()).toContain('Credit center checking completeness');
    const caseUrl = page.url().split('?')[0]!;

    const reviewer = await b.pageAs(s.reviewer.username);
    await reviewer.page.goto(caseUrl);
    await reviewer.page
      .locator('form', { has: reviewer.page.getByRole('heading', { name: 'Forward to the finding department' }) })
      .getByRole('button')
      .click();
    await reviewer.page.waitForURL(/done=FORWARD_TO_DEPARTMENT/);
    expect(await reviewer.page.locator('h1').textContent()).toContain('Finding department deciding');
    // The credit center does not decide a repair.
    expect(await reviewer.page.locator('.action-form h3').allTextContents()).not.toContain('Approve the repair');

    const agency = await b.pageAs(s.agencyOfficer.username);
    await agency.page.goto(caseUrl);
    const extend = agency.page.locator('form', {
      has: agency.page.getByRole('heading', { name: 'Extend the time to decide' }),
    });
    await extend.getByLabel('Reasons').fill('The volunteer association must confirm the hours.');
    await extend.getByRole('button', { name: 'Extend the time to decide' }).click();
    await agency.page.waitForURL(/done=EXTEND_DECISION/);
    expect(await agency.page.locator('.repair-decision .extension').textContent()).toContain(
      'extended by 3 working days',
    );
    // Offered once only.
    expect(await agency.page.locator('.action-form h3').allTextContents()).not.toContain('Extend the time to decide');
    expect(await seriousAccessibilityViolations(agency.page)).toEqual([]);
    const approve = agency.page.locator('form', {
      has: agency.page.getByRole('heading', { name: 'Approve the repair' }),
    });
    await approve.getByLabel('Reasons').fill('The conduct is corrected and every condition is met.');
    await approve.getByRole('button', { name: 'Approve the repair' }).click();
    await agency.page.waitForURL(/done=APPROVE/);
    expect(await agency.page.locator('h1').textContent()).toContain('Publishing the result');

    await reviewer.page.goto(caseUrl);
    await reviewer.page
      .locator('form', { has: reviewer.page.getByRole('heading', { name: 'Publish the result' }) })
      .getByRole('button')
      .click();
    await reviewer.page.waitForURL(/done=PUBLISH_RESULT/);
    expect(await reviewer.page.locator('h1').textContent()).toContain('Propagating');
    expect(await reviewer.page.locator('.propagation').textContent()).toContain('Credit China · pending');
    expect(await reviewer.page.locator('.repair-decision .takes-effect').textContent()).toContain(
      'lift the related measures',
    );
    const ack = reviewer.page.locator('form', {
      has: reviewer.page.getByRole('heading', { name: 'Confirm a platform updated' }),
    });
    await ack.getByLabel('Platform').selectOption({ label: 'Credit China' });
    await ack.getByRole('button', { name: 'Confirm a platform updated' }).click();
    await reviewer.page.waitForURL(/done=PLATFORM_ACKNOWLEDGED/);
    expect(await reviewer.page.locator('h1').textContent()).toContain('Repaired');

    await page.goto(`${b.baseUrl}/records`);
    const card = page.locator('.card', { hasText: record.decisionNumber });
    expect(await card.locator('.badge').first().textContent()).toBe('Repaired');
    expect(await publicView()).not.toContain(record.decisionNumber);

    // After repair the record says so: when display ended, which platform confirmed the stop,
    // and its history in the reader's language and in time order.
    await page.goto(`${b.baseUrl}/records/${record.id}`);
    const ended = page.locator('.display-ended');
    expect(await ended.locator('h2').textContent()).toBe('Public display ended');
    expect(await ended.textContent()).toMatch(/Public display of this record ended on .+ \(Repaired\)/);
    expect(await ended.locator('.platform-stops li').allTextContents()).toEqual([
      expect.stringMatching(/^Credit China: confirmed \(.+\)$/),
    ]);
    const historyRows = page.locator('table.history tbody tr');
    expect(await historyRows.last().textContent()).toContain('Status: Published → Repaired');
    expect(await historyRows.last().textContent()).toContain('Repaired: display ended early');
    const versions = (await historyRows.locator('td:first-child').allTextContents()).map(Number);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const chinese = await b.pageAs(s.citizen.username, { locale: 'zh-CN' });
    await chinese.page.goto(`${b.baseUrl}/records/${record.id}`);
    const endedZh = chinese.page.locator('.display-ended');
    expect(await endedZh.locator('h2').textContent()).toBe('公示已结束');
    expect(await endedZh.textContent()).toContain('结束公示（已修复）');
    expect(await endedZh.locator('.platform-stops li').allTextContents()).toEqual([
      expect.stringMatching(/^Credit China：已确认（.+）$/),
    ]);
    const lastZh = await chinese.page.locator('table.history tbody tr').last().textContent();
    expect(lastZh).toContain('状态: 公示中 → 已修复');
    expect(lastZh).toContain('信用修复：提前结束公示');
    expect(lastZh).not.toMatch(/Status|published|repaired/);
    await chinese.context.close();
    for (const opened of [citizen, agency, reviewer]) await opened.context.close();
  }, 240_000); // the longest journey: three people, evidence, an extension, propagation, the record after it; ~30 s alone, over 120 s on busy cores
});
