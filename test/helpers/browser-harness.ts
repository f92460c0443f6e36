// A browser test's world: xiufu on a test database of its own (real PostgreSQL) and the tests'
// clock, served on a free port, a chromium, and the scenario's people.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Jurisdiction } from '../../src/domain/policy.js';
import { launchBrowser, logInAs } from './browser.js';
import { testPassword } from './factories.js';
import { startHarness, type Harness } from './harness.js';
import { testStart } from './test-clock.js';

export interface BrowserHarness {
  h: Harness;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) logged in as the user. */
  pageAs(
    username: string | null,
    options?: { locale?: string; width?: number },
  ): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

/** xiufu's clock starts at `testStart` (h.clock moves it), not at the real day the test runs on. */
export async function startBrowserHarness(jurisdiction: Jurisdiction = 'national'): Promise<BrowserHarness> {
  const h = await startHarness('postgres', testStart, jurisdiction);
  // The session cookie expires a session's lifetime after xiufu's clock, but chromium keeps it by
  // the real one (and xiufu sets none further than 400 days out): a login at testStart must
  // reach a month past the real day the test runs on.
  h.services.sessionTtlHours = Math.max(0, Date.now() - Date.parse(testStart)) / 3_600_000 + 24 * 30;
  const server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    h,
    baseUrl,
    browser,
    pageAs: async (username, options = {}) => {
      const context = await browser.newContext({
        locale: options.locale ?? 'en',
        viewport: { width: options.width ?? 1280, height: 900 },
      });
      const page = await context.newPage();
      if (username) await logInAs(page, baseUrl, username, testPassword);
      return { page, context };
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.close();
    },
  };
}
