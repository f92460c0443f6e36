// Takes screenshots of the main pages into docs/screenshots/ (shown in the README): xiufu
// started on a fresh embedded database with demo data, driven by Debian's chromium.
// Run with `npm run screenshots`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../../src/config/env.js';
import { startXiufu } from '../../src/main.js';
import { launchBrowser, logInAs } from '../helpers/browser.js';

const out = path.resolve(import.meta.dirname, '../../docs/screenshots');
const dataDir = await mkdtemp(path.join(tmpdir(), 'xiufu-shots-'));
const xiufu = await startXiufu({
  ...readConfig({}),
  dataDir,
  demo: true,
  port: 0,
  queuePrefix: `shots-${process.pid}`,
});
const baseUrl = xiufu.url!;
const browser = await launchBrowser();

async function shoot(
  name: string,
  username: string | null,
  target: string | ((page: import('playwright-core').Page) => Promise<void>),
  options: { locale?: string; width?: number } = {},
) {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  if (username) await logInAs(page, baseUrl, username, 'xiufu-demo');
  if (typeof target === 'string') await page.goto(`${baseUrl}${target}`);
  else await target(page);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  await context.close();
  console.log(`docs/screenshots/${name}.png`);
}

try {
  await shoot('login', null, '/login');
  await shoot('citizen-records', 'citizen1', '/records');
  await shoot('citizen-case', 'citizen2', async (page) => {
    await page.goto(`${baseUrl}/cases`);
    await page.getByRole('link', { name: /#/ }).first().click();
  });
  await shoot('reviewer-queue', 'reviewer', '/cases', { locale: 'en' });
  await shoot(
    'reviewer-case',
    'reviewer',
    async (page) => {
      await page.goto(`${baseUrl}/cases?status=all&sort=newest`);
      await page.locator('table.cases a').filter({ hasText: '#' }).last().click();
    },
    { locale: 'en' },
  );
  await shoot('agency-inbox', 'agency', '/cases');
  await shoot('supervisor-overview', 'supervisor', '/overview', { locale: 'en' });
  await shoot('citizen-records-phone', 'citizen1', '/records', { width: 390 });
  // One application for every record repairable now (the demo's two departments), then its page.
  await shoot('citizen-repair-application', 'citizen1', async (page) => {
    await page.goto(`${baseUrl}/records`);
    const form = page.locator('#apply-several');
    for (const box of await page.locator('input[name=recordIds]').all()) await box.check();
    await form.locator('[name=commitment]').fill('本人承诺依法守信，接受社会监督。');
    await form.locator('[name=routes]').first().check();
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\/repair-applications\//);
  });
} finally {
  await browser.close();
  await xiufu.close();
  await rm(dataDir, { recursive: true, force: true });
}
