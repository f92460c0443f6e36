// Sessions, throttling and headers: the Secure cookie behind trusted proxies, login throttling
// per account and address with a progressive per-account delay that never locks the owner out,
// the public look-up's per-address limit, and the security headers on pages and the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { openJobQueues } from '../../src/jobs/queues.js';
import { accountDelayMsAfter, loginThrottle, ownWaitMsAfter } from '../../src/services/log-in.js';
import { publicLookupThrottle } from '../../src/services/throttle-public-lookup.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord, makeUser, testPassword } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';
import { ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';

const pagePolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe.each(drivers)('sessions, throttling and headers (%s)', (driver) => {
  let h: Harness;
  /** The app as it runs behind one reverse proxy: X-Forwarded-For and -Proto name the client. */
  let behindProxy: ReturnType<typeof createApp>;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    h = await startHarness(driver);
    behindProxy = createApp(h.services, { trustedProxies: 1, logErrors: (error) => h.errors.push(error) });
    s = await makeObjectionScenario(h.database.db);
  });
  afterAll(() => h.close());

  const logInFrom = async (
    app: ReturnType<typeof createApp>,
    username: string,
    password: string,
    headers: Record<string, string> = {},
    url = 'http://xiufu.test/api/v1/auth/login',
  ) => {
    const response = await app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
    return {
      status: response.status,
      retryAfter: Number(response.headers.get('retry-after') ?? 0),
      cookie: response.headers.get('set-cookie') ?? '',
    };
  };
  const pageLogIn = async (
    app: ReturnType<typeof createApp>,
    username: string,
    headers: Record<string, string>,
    url = 'http://xiufu.test/login',
  ) => {
    const response = await app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...headers },
      body: new URLSearchParams({ username, password: testPassword }).toString(),
    });
    return response.headers.get('set-cookie') ?? '';
  };

  describe('the session cookie', () => {
    it('is Secure when the request came over TLS, directly or through the trusted proxy, and not when a client only claims it', async () => {
      const user = await makeUser(h.database.db, 'reviewer');
      // Directly over https.
      expect(
        (await logInFrom(h.app, user.username, testPassword, {}, 'https://xiufu.test/api/v1/auth/login')).cookie,
      ).toMatch(/xiufu_session=.+; Secure/i);
      // Plain http, no proxy trusted: the header is the client's own and is ignored.
      const claimed = await logInFrom(h.app, user.username, testPassword, { 'x-forwarded-proto': 'https' });
      expect(claimed.status).toBe(200);
      expect(claimed.cookie).not.toMatch(/Secure/i);
      // Behind one proxy that took the request over https.
      expect(
        (
          await logInFrom(behindProxy, user.username, testPassword, {
            'x-forwarded-for': '198.51.100.7',
            'x-forwarded-proto': 'https',
          })
        ).cookie,
      ).toMatch(/; Secure/i);
      // The client wrote "https" itself and the proxy appended what it really saw: http.
      const forged = await logInFrom(behindProxy, user.username, testPassword, {
        'x-forwarded-for': '198.51.100.7',
        'x-forwarded-proto': 'https, http',
      });
      expect(forged.status).toBe(200);
      expect(forged.cookie).not.toMatch(/Secure/i);
      // The login page and the language switch set theirs the same way.
      expect(
        await pageLogIn(behindProxy, user.username, {
          'x-forwarded-for': '198.51.100.7',
          'x-forwarded-proto': 'https',
        }),
      ).toMatch(/xiufu_session=.+; Secure/i);
      expect(
        await pageLogIn(behindProxy, user.username, {
          'x-forwarded-for': '198.51.100.7',
          'x-forwarded-proto': 'https, http',
        }),
      ).not.toMatch(/Secure/i);
      const lang = await behindProxy.request('http://xiufu.test/lang/en', {
        headers: { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' },
      });
      expect(lang.headers.get('set-cookie')).toMatch(/lang=en;.*Secure/i);
      const plainLang = await h.app.request('http://xiufu.test/lang/en');
      expect(plainLang.headers.get('set-cookie')).not.toMatch(/Secure/i);
    });
  });

  describe('login throttling', () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });

    it('refuses the 11th attempt from the same address at the same account, then lets it in once the window passes', async () => {
      h.clock.set('2026-11-25T03:00:00Z');
      const user = await makeUser(h.database.db, 'reviewer');
      for (let i = 0; i < loginThrottle.perPair; i += 1) {
        // Spaced beyond the per-account delay, so it is the pair's limit that refuses.
        h.clock.set(new Date(Date.parse('2026-11-25T03:00:00Z') + i * 61_000));
        expect((await logInFrom(behindProxy, user.username, 'guess', from('203.0.113.1'))).status).toBe(401);
      }
      h.clock.set('2026-11-25T03:10:30Z');
      const eleventh = await logInFrom(behindProxy, user.username, testPassword, from('203.0.113.1'));
      expect(eleventh.status).toBe(429);
      // Until the first of the ten is 15 minutes old: 03:15:00.
      expect(eleventh.retryAfter).toBe(270);
      h.clock.set('2026-11-25T03:15:01Z');
      expect((await logInFrom(behindProxy, user.username, testPassword, from('203.0.113.1'))).status).toBe(200);
    });

    it('lets the owner in from their own address while a guesser elsewhere has failed 100 times, and slows the guesser with a growing Retry-After', {
      timeout: 120_000,
    }, async () => {
      const start = Date.parse('2026-11-26T03:00:00Z');
      let now = start;
      h.clock.set(new Date(now));
      const owner = await makeUser(h.database.db, 'reviewer');
      const retryAfters: number[] = [];
      let failures = 0;
      let guesser = '';
      while (failures < 100) {
        // A distributed guesser: a dozen addresses, nine failures each, so no pair limit is reached.
        guesser = `192.0.2.${1 + Math.floor(failures / 9)}`;
        const attempt = await logInFrom(behindProxy, owner.username, `guess-${failures}`, from(guesser));
        if (attempt.status === 429) {
          retryAfters.push(attempt.retryAfter);
          now += attempt.retryAfter * 1000;
          h.clock.set(new Date(now));
          continue;
        }
        expect(attempt.status).toBe(401);
        failures += 1;
        // Every so often the owner logs in from home, unaffected.
        if (failures % 25 === 0)
          expect((await logInFrom(behindProxy, owner.username, testPassword, from('198.51.100.20'))).status).toBe(200);
      }
      // The guesser's waits grow: each at least the one before, from the first delay up to the cap.
      expect(retryAfters.length).toBeGreaterThan(10);
      for (let i = 1; i < retryAfters.length; i += 1)
        expect(retryAfters[i]).toBeGreaterThanOrEqual(retryAfters[i - 1]! - 1);
      expect(retryAfters[0]).toBeLessThanOrEqual(2);
      expect(Math.max(...retryAfters)).toBe(loginThrottle.maxDelayMs / 1000);
      // 100 failures took the guesser hours, not seconds.
      expect(now - start).toBeGreaterThan(3 * 3_600_000);

      // Right now the guesser is refused at its latest address, even with the right password...
      const guesserNow = await logInFrom(behindProxy, owner.username, testPassword, from(guesser));
      expect(guesserNow.status).toBe(429);
      expect(guesserNow.retryAfter).toBeGreaterThan(0);
      // ...while the owner at home is let in at once.
      expect((await logInFrom(behindProxy, owner.username, testPassword, from('198.51.100.20'))).status).toBe(200);
    });

    it('holds an owner who mistyped no longer than 5 minutes after their typo, though a guesser takes every slot the account delay opens', async () => {
      let now = Date.parse('2026-11-27T03:00:00Z');
      h.clock.set(new Date(now));
      const owner = await makeUser(h.database.db, 'reviewer');
      // One guesser pushes the account's delay to its cap, as fast as the delay and its pair's
      // limit (10 in 15 minutes) let it.
      for (let i = 0; i < 30; i += 1) {
        now += Math.max(accountDelayMsAfter(i), 100_000);
        h.clock.set(new Date(now));
        expect((await logInFrom(behindProxy, owner.username, 'guess', from('192.0.2.200'))).status).toBe(401);
      }
      expect(accountDelayMsAfter(30)).toBe(loginThrottle.maxDelayMs);
      // The owner mistypes once at home: now they too wait for the account's delay.
      now += loginThrottle.maxDelayMs;
      h.clock.set(new Date(now));
      expect((await logInFrom(behindProxy, owner.username, 'typo', from('198.51.100.30'))).status).toBe(401);
      const refused = await logInFrom(behindProxy, owner.username, testPassword, from('198.51.100.30'));
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBe(300);
      // When the delay ends the guesser, told the moment by Retry-After, is first again...
      now += loginThrottle.maxDelayMs;
      h.clock.set(new Date(now));
      expect((await logInFrom(behindProxy, owner.username, 'guess', from('192.0.2.200'))).status).toBe(401);
      // ...and the owner still gets in: five minutes after their own failure is the longest they wait.
      expect((await logInFrom(behindProxy, owner.username, testPassword, from('198.51.100.30'))).status).toBe(200);
      // The guesser waits on.
      expect((await logInFrom(behindProxy, owner.username, 'guess', from('192.0.2.200'))).retryAfter).toBe(300);
      expect(ownWaitMsAfter(1)).toBe(5 * 60_000);
      expect(ownWaitMsAfter(10)).toBe(60 * 60_000);
    });

    it('keeps the per-address limit across accounts, and the login page answers 429 with the wait', {
      timeout: 60_000,
    }, async () => {
      h.clock.set('2026-11-28T03:00:00Z');
      for (let i = 0; i < loginThrottle.perAddress; i += 1)
        expect((await logInFrom(behindProxy, `nobody-${i}`, 'guess', from('203.0.113.50'))).status).toBe(401);
      const user = await makeUser(h.database.db, 'reviewer');
      const refused = await logInFrom(behindProxy, user.username, testPassword, from('203.0.113.50'));
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBe(900);
      const page = await behindProxy.request('http://xiufu.test/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://xiufu.test',
          'accept-language': 'en',
          ...from('203.0.113.50'),
        },
        body: new URLSearchParams({ username: user.username, password: testPassword }).toString(),
      });
      expect(page.status).toBe(429);
      expect(page.headers.get('retry-after')).toBe('900');
      expect(await page.text()).toContain('try again in 900 seconds');
      expect((await logInFrom(behindProxy, user.username, testPassword, from('203.0.113.51'))).status).toBe(200);
    });
  });

  describe('the public look-up', () => {
    it(`answers ${publicLookupThrottle.perAddress} look-ups a minute per address, then 429 with Retry-After until the next minute`, async () => {
      h.clock.set('2026-11-29T03:00:20Z');
      const lookUp = (address: string) =>
        behindProxy.request(`/api/v1/public/records?residentId=${s.subject.residentId}`, {
          headers: { 'x-forwarded-for': address },
        });
      for (let i = 0; i < publicLookupThrottle.perAddress; i += 1)
        expect((await lookUp('203.0.113.70')).status).toBe(200);
      const refused = await lookUp('203.0.113.70');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('40');
      expect(((await refused.json()) as { code: string }).code).toBe('TOO_MANY_ATTEMPTS');
      // Another address is not held back.
      expect((await lookUp('203.0.113.71')).status).toBe(200);
      h.clock.set('2026-11-29T03:01:00Z');
      expect((await lookUp('203.0.113.70')).status).toBe(200);
    });
  });

  describe('security headers', () => {
    it('sends the page policy, no framing, no sniffing, same-origin referrers and no-store on pages and API answers', async () => {
      const token = await h.login(s.citizen.username);
      const answers = [
        await h.app.request('/login'),
        await h.app.request('/records', { headers: { cookie: `xiufu_session=${token}` } }),
        await h.app.request('/no-such-page'),
        await h.app.request('/api/v1/me/records', { headers: { authorization: `Bearer ${token}` } }),
        await h.app.request(`/api/v1/public/records?residentId=${s.subject.residentId}`),
      ];
      for (const answer of answers) {
        expect(answer.headers.get('content-security-policy')).toBe(pagePolicy);
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('referrer-policy')).toBe('same-origin');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.headers.get('strict-transport-security')).toBeNull();
      }
      expect(answers[1]!.status).toBe(200);
      // The app's own assets may be cached: they hold nothing personal.
      expect((await h.app.request('/assets/style.css')).headers.get('cache-control')).toBe('public, max-age=3600');
      // Over TLS, HSTS too.
      expect((await h.app.request('https://xiufu.test/login')).headers.get('strict-transport-security')).toBe(
        'max-age=15552000',
      );
    });

    it('lets no browser keep evidence: the page and API downloads are no-store too', async () => {
      const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
      const opened = await openCase(h.services, {
        actor: actorOf(s.citizen),
        type: 'objection',
        filing: { recordId: record.id, reason: 'Paid on time' },
        files: [{ filename: 'seal.png', content: makeSealPng() }],
      });
      const token = await h.login(s.citizen.username);
      const [attachment] = (await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token })).body
        .attachments;
      const onPage = await h.app.request(`/cases/${opened.row.id}/attachments/${attachment.id}`, {
        headers: { cookie: `xiufu_session=${token}` },
      });
      expect(onPage.status).toBe(200);
      expect(onPage.headers.get('content-type')).toBe('image/png');
      expect(onPage.headers.get('cache-control')).toBe('no-store');
      // The file's own sandbox policy, not the page's: the middleware leaves a policy a route set alone.
      expect(onPage.headers.get('content-security-policy')).toMatch(/^sandbox;/);
      const byApi = await h.app.request(`/api/v1/cases/${opened.row.id}/attachments/${attachment.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(byApi.headers.get('cache-control')).toBe('no-store');
    });

    it('serves pages without inline script or style attributes, and htmx without its injected style', async () => {
      const token = await h.login(s.citizen.username);
      const page = await (await h.app.request('/records', { headers: { cookie: `xiufu_session=${token}` } })).text();
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(page).not.toMatch(/\sstyle=/);
      expect(page).toMatch(/includeIndicatorStyles(&quot;|"):false/);
    });

    it('gives the API docs a policy with scripts from this site only, and no inline script', async () => {
      const docs = await h.app.request('/api/docs');
      const policy = docs.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/nonce-|https:/);
      expect(policy).toContain("frame-ancestors 'none'");
      // Every <script> has a src of this site, or is a JSON block the browser does not run.
      const scripts = [...(await docs.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toMatch(/src="\/assets\/|type="application\/json"/);
    });

    it('gives bull-board its own, looser style policy and keeps frame-ancestors none', {
      timeout: 20_000,
    }, async () => {
      const queues = openJobQueues(testRedisUrl, ownQueuePrefix(`sessions-${driver}`));
      try {
        const app = createApp(h.services, { queues });
        const supervisor = await makeUser(h.database.db, 'supervisor');
        const token = await h.login(supervisor.username);
        const board = await app.request('/admin/queues', { headers: { cookie: `xiufu_session=${token}` } });
        expect(board.status).toBe(200);
        expect(board.headers.get('content-security-policy')).toBe(
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        );
        expect(board.headers.get('cache-control')).toBe('no-store');
      } finally {
        await queues.close();
      }
    });
  });
});
