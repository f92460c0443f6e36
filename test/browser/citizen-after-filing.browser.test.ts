/// <reference lib="dom" />
// What a citizen needs after filing (issue 16), in chromium, in both languages: a record not yet
// eligible for repair shows the first day an application is accepted and the days left, with the
// rule, and no form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
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
});
