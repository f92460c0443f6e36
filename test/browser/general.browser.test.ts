/// <reference lib="dom" />
// What every user meets in chromium: the language (from the browser, switchable, remembered),
// the keyboard alone, a phone-width screen, and plain pages for 403, 404 and a bad form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, testPassword } from '../helpers/factories.js';

describe('language, keyboard, phone and error pages in the browser', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
  });
  afterAll(() => b.close());

  it('speaks the browser’s language, switches on request and remembers it', async () => {
    const { page, context } = await b.pageAs(null, { locale: 'zh-CN' });
    await page.goto(`${b.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('登录');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/login**');
    expect(await page.locator('h1').textContent()).toBe('Log in');
    await page.getByLabel('Username').fill(s.citizen.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('The username or password is wrong.');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/records');
    expect(await page.locator('h1').textContent()).toBe('My credit records');
    await page.getByRole('link', { name: '中文' }).click();
    await page.waitForURL('**/records');
    expect(await page.locator('h1').textContent()).toBe('我的信用记录');
    await context.close();
  });

  it('follows the language switch and the login only to pages of this site, whatever next says', async () => {
    // What a browser does with the Location header is what matters: it drops tabs and newlines
    // and reads a backslash as a slash, so these once led to another host.
    const hostile = [
      '/%09/127.0.0.1:1/x',
      '/%5C127.0.0.1:1/x',
      '//127.0.0.1:1/x',
      '/%0a/127.0.0.1:1/x',
      'https://127.0.0.1:1/x',
      'javascript:alert(1)',
      '/.//127.0.0.1:1/x',
    ];
    const { page, context } = await b.pageAs(null);
    for (const next of hostile) {
      await page.goto(`${b.baseUrl}/lang/en?next=${next}`);
      expect(new URL(page.url()).origin, next).toBe(b.baseUrl);
    }
    await page.goto(`${b.baseUrl}/login?next=${hostile[0]}`);
    await page.getByLabel('Username').fill(s.citizen.username);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/records');
    expect(new URL(page.url()).origin).toBe(b.baseUrl);
    for (const next of hostile) {
      await page.goto(`${b.baseUrl}/login?next=${next}`);
      expect(new URL(page.url()).origin, next).toBe(b.baseUrl);
    }
    await context.close();
  });

  it('can be used with the keyboard alone', async () => {
    const { page, context } = await b.pageAs(null);
    await page.goto(`${b.baseUrl}/login`);
    // The username field takes focus on arrival. Chromium applies autofocus at its next rendering
    // step, which on a loaded machine can come after the load event: wait for it, as a person
    // would see the caret, rather than type into nothing.
    await page.waitForFunction(() => document.activeElement?.id === 'username', null, { timeout: 5000 });
    await page.keyboard.type(s.citizen.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(testPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/records');
    // First Tab reaches the skip link; Enter moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab on to the first record's objection link and follow it.
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Object to this record') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/records\/[0-9a-f-]+#file-objection/);
    expect(await page.locator('#file-objection h2').textContent()).toBe('Object to this record');
    await context.close();
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    const { page, context } = await b.pageAs(s.citizen.username, { width: 375 });
    for (const path of ['/records', `/records/${s.record.id}`, '/cases', '/notifications']) {
      await page.goto(`${b.baseUrl}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it('shows plain pages for 404, 403 and an expired form, never a stack trace', async () => {
    const { page, context } = await b.pageAs(s.citizen.username);
    const missing = await page.goto(`${b.baseUrl}/cases/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const nowhere = await page.goto(`${b.baseUrl}/no/such/page`);
    expect(nowhere?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain('does not exist');

    const forbidden = await page.goto(`${b.baseUrl}/overview`);
    expect(forbidden?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Not allowed');

    // A form posted without its CSRF token (as another site would) is refused.
    const response = await context.request.post(`${b.baseUrl}/records/${s.record.id}/file/objection`, {
      multipart: { reason: 'forged' },
      headers: { origin: b.baseUrl },
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/The form has expired|表单已过期/);
    const body = await response.text();
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    await context.close();
  });
});
