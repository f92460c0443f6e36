/// <reference lib="dom" />
// Every main page under its Content-Security-Policy in chromium: nothing is refused (no inline
// script or style, nothing from elsewhere), htmx still boosts links, and bull-board runs under
// its own policy with nothing refused but Google's fonts, which xiufu does not let it fetch.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { openJobQueues } from '../../src/jobs/queues.js';
import { logInAs } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeObjectionScenario, makeUser, testPassword } from '../helpers/factories.js';
import { ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';

/** Collects what the page's policy refused: the console's "Refused to …" and violation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => refused.push(text));
  // An init script runs outside the page's policy, before the page's own code.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return refused;
}

describe('pages under their Content-Security-Policy', () => {
  let b: BrowserHarness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let caseId: string;
  beforeAll(async () => {
    b = await startBrowserHarness();
    s = await makeObjectionScenario(b.h.database.db);
    const token = await b.h.login(s.citizen.username);
    const filed = await b.h.call('POST', '/api/v1/cases', {
      token,
      body: { type: 'objection', recordId: s.record.id, reason: 'The fine was paid on time.' },
    });
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
  });
  afterAll(() => b.close());

  it('loads every main page of each role with nothing refused', { timeout: 120_000 }, async () => {
    const supervisor = await makeUser(b.h.database.db, 'supervisor');
    const tours: [string | null, string[]][] = [
      [null, ['/login', '/no-such-page']],
      [
        s.citizen.username,
        ['/records', `/records/${s.record.id}`, '/cases', `/cases/${caseId}`, '/notifications', '/access-log'],
      ],
      [s.reviewer.username, ['/cases', `/cases/${caseId}`]],
      [s.agencyOfficer.username, ['/cases', `/cases/${caseId}`]],
      [supervisor.username, ['/overview', '/sla', '/cases', `/cases/${caseId}`, '/calendar', '/policy']],
    ];
    for (const [username, paths] of tours) {
      const { page, context } = await b.pageAs(null);
      const refused = await watchViolations(page);
      if (username) await logInAs(page, b.baseUrl, username, testPassword);
      for (const path of paths) {
        const response = await page.goto(`${b.baseUrl}${path}`);
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        await page.waitForLoadState('load');
        // htmx loaded and read its configuration (the meta tag), without injecting a <style>.
        expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
        expect(await page.locator('head style').count()).toBe(0);
      }
      expect({ username, refused }).toEqual({ username, refused: [] });
      await context.close();
    }
  });

  it('still boosts a link with htmx: the navigation is an htmx request and swaps the page', async () => {
    const { page, context } = await b.pageAs(null);
    const refused = await watchViolations(page);
    await logInAs(page, b.baseUrl, s.citizen.username, testPassword);
    const boosted: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['hx-request'] === 'true') boosted.push(new URL(request.url()).pathname);
    });
    await page.goto(`${b.baseUrl}/records`);
    await page
      .locator('header nav')
      .getByRole('link', { name: /My cases|我的案件/ })
      .click();
    await page.waitForURL('**/cases');
    await expect.poll(() => boosted).toContain('/cases');
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(refused).toEqual([]);
    await context.close();
  });

  it('runs bull-board under its own policy, refusing only the fonts it would fetch from Google', {
    timeout: 60_000,
  }, async () => {
    const queues = openJobQueues(testRedisUrl, ownQueuePrefix('csp'));
    const app = createApp(b.h.services, { queues });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const supervisor = await makeUser(b.h.database.db, 'supervisor');
      const { page, context } = await b.pageAs(null);
      const refused = await watchViolations(page);
      await logInAs(page, baseUrl, supervisor.username, testPassword);
      await page.goto(`${baseUrl}/admin/queues`);
      // The board's own script has drawn its queues.
      await page.getByText('case-timers').first().waitFor({ timeout: 30_000 });
      expect(refused.filter((text) => !text.includes('fonts.googleapis.com'))).toEqual([]);
      await context.close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queues.close();
    }
  });
});
