/// <reference lib="dom" />
// What a citizen needs after filing (issue 16), in chromium, in both languages: a record not yet
// eligible for repair shows the first day an application is accepted and the days left, with the
// rule, and no form; a refused repair says why at the top of its page, with what to do now, and
// "apply again" opens the form prefilled with the refused application's uploads; the staff
// form for a refusal asks for the reason code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { chinaDateFrom } from '../helpers/test-clock.js';

describe('a citizen after filing, in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness('national');
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  it('a record not yet eligible for repair counts down to the first day an application is accepted, in both languages', async () => {
    const today = chinaDateFrom(b.h.services.now(), 0);
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id, {
      publishedFrom: chinaDateFrom(b.h.services.now(), -10),
    });
    const firstDay = new Date(Date.parse(`${record.repairableFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const daysLeft = Math.round((Date.parse(`${firstDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    const [y, m, d] = firstDay.split('-').map(Number);

    const zh = (await b.pageAs(s.citizen.username, { locale: 'zh-CN' })).page;
    await zh.goto(`${b.baseUrl}/records/${record.id}`);
    const zhWait = zh.locator('.repair-wait');
    expect(await zhWait.locator('h2').textContent()).toBe('何时可以申请信用修复');
    expect(await zhWait.locator('.countdown').textContent()).toBe(
      `可在 ${y}年${m}月${d}日 起申请，还有 ${daysLeft} 天`,
    );
    expect(await zhWait.locator('.rule').textContent()).toContain('最短公示期为 3 个月');
    expect(await zh.locator('#file-repair').count()).toBe(0);
    expect(await zh.locator('.record-summary').textContent()).toContain(`${y}年${m}月${d}日`);
    expect(await seriousAccessibilityViolations(zh)).toEqual([]);

    const en = (await b.pageAs(s.citizen.username, { locale: 'en' })).page;
    await en.goto(`${b.baseUrl}/records/${record.id}`);
    const shown = new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).format(
      new Date(`${firstDay}T00:00:00Z`),
    );
    expect(await en.locator('.repair-wait .countdown').textContent()).toBe(
      `You can apply from ${shown}, in ${daysLeft} days`,
    );
    expect(await en.locator('.repair-wait .rule').textContent()).toContain('minimum display period');
    expect(await en.locator('#file-repair').count()).toBe(0);
    expect(await seriousAccessibilityViolations(en)).toEqual([]);
  });

  it('a refusal says why at the top, with what to do now, in both languages; apply again keeps the uploads', {
    timeout: 300_000,
  }, async () => {
    const record = await makeRecord(b.h.database.db, s.subject.id, s.agency.id);
    const services = b.h.services;
    const opened = await openCase(services, {
      actor: actorOf(s.citizen),
      type: 'repair',
      filing: { recordId: record.id, routes: ['performance'], commitment: 'I will comply with food-safety law.' },
      files: [{ filename: 'receipt.pdf', content: makeReceiptPdf(['Receipt']) }],
    });
    let version = opened.row.version;
    const act = async (actor: Parameters<typeof actorOf>[0], type: string, input: Record<string, unknown> = {}) => {
      const row = await applyCaseEvent(services, {
        caseId: opened.row.id,
        actor: actorOf(actor),
        expectedVersion: version,
        type,
        input,
      });
      version = row.version;
    };
    await act(s.citizen, 'ADD_EVIDENCE', {
      route: 'performance',
      amount: 1,
      certifiedBy: 'Tax bureau',
      description: 'Fine paid',
    });
    await act(s.citizen, 'SUBMIT_APPLICATION');
    await act(s.reviewer, 'FORWARD_TO_DEPARTMENT');

    // The department's officer refuses: the form asks for the reason code first.
    const officer = (await b.pageAs(s.agencyOfficer.username, { locale: 'en' })).page;
    await officer.goto(`${b.baseUrl}/cases/${opened.row.id}`);
    const refuse = officer.locator('form', { has: officer.getByRole('heading', { name: 'Refuse', exact: true }) });
    const code = refuse.getByLabel('Why (choose from the list)');
    expect(await code.getAttribute('required')).not.toBeNull();
    await code.selectOption('evidence_not_covering_obligation');
    await refuse.getByLabel(/Reasons/).fill('Only half of the fine was paid.');
    await refuse.getByRole('button').click();
    await officer.waitForURL(/done=REFUSE/);

    const zh = (await b.pageAs(s.citizen.username, { locale: 'zh-CN' })).page;
    await zh.goto(`${b.baseUrl}/cases/${opened.row.id}`);
    // The decision comes first, before where the case stands.
    const first = zh.locator('main .card').first();
    expect(await first.locator('h2').textContent()).toBe('决定及理由');
    expect(await first.locator('.decision-code').textContent()).toContain('证明材料不能证明已履行全部义务');
    expect(await first.locator('.decision-words').textContent()).toContain('Only half of the fine was paid.');
    expect(await first.locator('.decision-what-to-do').textContent()).toContain('请取得能证明全部义务已履行的材料');
    expect(await zh.getByText('现在没有需要您进行的操作。').count()).toBe(0);
    expect(await seriousAccessibilityViolations(zh)).toEqual([]);

    const en = (await b.pageAs(s.citizen.username, { locale: 'en' })).page;
    await en.goto(`${b.baseUrl}/cases/${opened.row.id}`);
    const top = en.locator('.decision-reason');
    expect(await top.locator('.decision-what-to-do').textContent()).toContain('Obtain proof that the whole obligation');
    await top.getByRole('link', { name: 'Apply again' }).click();
    await en.waitForURL(/again=/);
    const form = en.locator('#file-repair');
    expect(await form.getByLabel('Commitment letter').inputValue()).toBe('I will comply with food-safety law.');
    expect(await form.locator('.kept-uploads').textContent()).toContain('receipt.pdf');
    await form.getByRole('button', { name: 'Apply for credit repair' }).click();
    await en.waitForURL(/done=FILED/);
    expect(await en.content()).toContain('receipt.pdf');
    expect(await seriousAccessibilityViolations(en)).toEqual([]);
  });
});
