// Where the language switch and the login send a visitor afterwards (`next`): a path on this
// site or the home page, whatever the address says — never another host (an open redirect),
// never a 500 for a control character in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, testPassword } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

const origin = 'http://localhost';

/** Hostile `next` values as they would be written into a link (already percent-encoded). */
const hostileNexts = [
  '/%09/evil.example/x',
  '/%09/127.0.0.1:3399/x',
  '%09//evil.example',
  '/%0a/evil.example',
  '/%0d%0a/evil.example',
  '%0d%0aSet-Cookie:%20a=b',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
  '/%5C/evil.example',
  '//evil.example',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  '///evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  'https://evil.example',
  'https:evil.example',
  'https:/evil.example',
  'http://localhost@evil.example',
  '/@evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '%6Aavascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%00/evil.example',
  '/%E2%80%AE/evil.example',
  '/\u3002evil.example',
  ' //evil.example',
  '%20//evil.example',
  '/.//evil.example',
  '/..//evil.example',
];

/** Every answer to a hostile `next` sends the visitor to a path on this site. */
function expectOwnSite(response: Response, what: string) {
  expect(response.status, what).toBeLessThan(500);
  const location = response.headers.get('location');
  if (response.status === 303) {
    expect(location, what).toMatch(/^\/(?![/\\])/);
    expect(location, what).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    expect(new URL(location!, origin).origin, what).toBe(origin);
  } else {
    expect(response.status, what).toBe(400);
  }
}

describe.each(drivers)('next after the language switch and the login (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
  });
  afterAll(() => h.close());

  it('keeps a path on this site, with its query and fragment', async () => {
    const answer = await h.app.request(`${origin}/lang/en?next=${encodeURIComponent('/cases?status=closed#list')}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/cases?status=closed#list');
  });

  it('sends every hostile next from the language switch to a path on this site', async () => {
    for (const next of hostileNexts) {
      expectOwnSite(await h.app.request(`${origin}/lang/en?next=${next}`), `/lang/en?next=${next}`);
    }
    expect(h.errors).toEqual([]);
  });

  it('sends every hostile next from the login page and the login form to a path on this site', async () => {
    const token = await h.login(s.citizen.username);
    for (const next of hostileNexts) {
      // Already logged in: the login page sends the visitor on at once.
      expectOwnSite(
        await h.app.request(`${origin}/login?next=${next}`, { headers: { cookie: `xiufu_session=${token}` } }),
        `GET /login?next=${next}`,
      );
      // Not logged in: the form carries next, and the login sends the visitor there.
      // (A NUL anywhere in the address is refused before any page: 400.)
      const page = await h.app.request(`${origin}/login?next=${next}`);
      expect(page.status, next).toBe(next.includes('%00') ? 400 : 200);
      if (page.status === 200) {
        const carried = /name="next" value="([^"]*)"/.exec(await page.text())?.[1] ?? '';
        expect(carried, next).toMatch(/^\/(?![/\\])/);
      }
      const decoded = decodeURIComponent(next.replace(/%(?![0-9a-f]{2})/gi, '%25'));
      const form = new URLSearchParams({ username: s.citizen.username, password: testPassword, next: decoded });
      const loggedIn = await h.app.request(`${origin}/login`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expectOwnSite(loggedIn, `POST /login next=${JSON.stringify(decoded)}`);
    }
    expect(h.errors).toEqual([]);
  });
});
