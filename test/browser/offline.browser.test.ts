/// <reference lib="dom" />
// xiufu on a network that reaches no CDN: the API docs page and bull-board load with every
// request to a host other than this machine blocked, show what they are for (the API's
// operations, the queues), and never try to reach outside.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { openJobQueues, queueNames, type JobQueues } from '../../src/jobs/queues.js';
import { launchBrowser, logInAs } from '../helpers/browser.js';
import { makeUser, testPassword } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

describe('the docs page and bull-board with no internet', () => {
  let h: Harness;
  let queues: JobQueues;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    h = await startHarness('postgres');
    // A prefix of this run's own: the shared Redis is neither flushed nor read by anyone else.
    queues = openJobQueues(testRedisUrl, ownQueuePrefix('offline'));
    const app = createApp(h.services, { queues, logErrors: (error) => h.errors.push(error) });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(queues.all.map((q) => q.obliterate({ force: true })));
    await queues.close();
    expect(h.errors).toEqual([]);
    await h.close();
  });

  /** A browser context in which every request leaving this machine is refused and written down. */
  async function offlineContext(): Promise<{ context: BrowserContext; external: string[] }> {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    const external: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (loopbackHosts.has(url.hostname)) return route.continue();
      external.push(url.href);
      return route.abort('internetdisconnected');
    });
    return { context, external };
  }

  it('lists the API’s operations on /api/docs', async () => {
    const { context, external } = await offlineContext();
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(`${baseUrl}/api/docs`);

    const document = (await h.call('GET', '/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const summaries = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((o) => o.summary ?? ''),
    );
    expect(summaries.length).toBeGreaterThan(10);
    await page.getByText(summaries[0]!, { exact: true }).first().waitFor({ timeout: 20_000 });
    const shown = await page.locator('body').textContent();
    for (const summary of summaries) expect(shown).toContain(summary);

    expect(scriptErrors).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  }, 60_000);

  it('lists the queues on /admin/queues for a supervisor', async () => {
    const supervisor = await makeUser(h.database.db, 'supervisor');
    const { context, external } = await offlineContext();
    const page = await context.newPage();
    await logInAs(page, baseUrl, supervisor.username, testPassword);
    await page.goto(`${baseUrl}/admin/queues`);

    for (const name of Object.values(queueNames))
      await page.getByRole('link', { name, exact: true }).first().waitFor({ timeout: 20_000 });
    expect(external).toEqual([]);
    await context.close();
  });
});
