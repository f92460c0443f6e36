// Every route of the application against a logged-out visitor and against a citizen who does
// not own what the route is about. The route list comes from the app itself: a new route
// without a rule here fails this test until someone decides who may reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { csrfTokenOf, actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { listAttachments } from '../../src/services/read-attachments.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

type Rule =
  /** Reachable without logging in. */
  | { access: 'public' }
  /** Needs a login; `owned`: about one person's data, so another citizen gets 403 or 404. */
  | { access: 'login'; owned?: true; staffOnly?: true };

const rules: Record<string, Rule> = {
  'GET /': { access: 'public' },
  'GET /login': { access: 'public' },
  'POST /login': { access: 'public' },
  'GET /lang/:locale': { access: 'public' },
  'GET /assets/:file': { access: 'public' },
  'GET /healthz': { access: 'public' },
  'GET /api/docs': { access: 'public' },
  'GET /api/v1/openapi.json': { access: 'public' },
  'GET /api/v1/public/records': { access: 'public' },
  'POST /api/v1/auth/login': { access: 'public' },
  'POST /api/v1/auth/logout': { access: 'public' },
  'POST /logout': { access: 'login' },
  'GET /records': { access: 'login' },
  'GET /records/:id': { access: 'login', owned: true },
  'POST /records/:id/file/:type': { access: 'login', owned: true },
  'GET /cases': { access: 'login' },
  'GET /cases/:id': { access: 'login', owned: true },
  'GET /cases/:id/attachments/:attachmentId': { access: 'login', owned: true },
  'POST /cases/:id/events/:type': { access: 'login', owned: true },
  'POST /cases/:id/claim': { access: 'login', owned: true },
  'POST /cases/:id/reassign': { access: 'login', owned: true },
  'POST /cases/:id/review': { access: 'login', owned: true },
  'GET /notifications': { access: 'login' },
  'GET /access-log': { access: 'login' },
  'GET /overview': { access: 'login', staffOnly: true },
  'GET /sla': { access: 'login', staffOnly: true },
  'GET /calendar': { access: 'login' },
  'POST /calendar': { access: 'login', staffOnly: true },
  'GET /policy': { access: 'login' },
  'GET /api/v1/me/records': { access: 'login' },
  'GET /api/v1/me/access-log': { access: 'login' },
  'GET /api/v1/me/export': { access: 'login' },
  'GET /api/v1/records/:id': { access: 'login', owned: true },
  'GET /api/v1/cases': { access: 'login' },
  'POST /api/v1/cases': { access: 'login' },
  'GET /api/v1/cases/:id': { access: 'login', owned: true },
  'POST /api/v1/cases/:id/events': { access: 'login', owned: true },
  'GET /api/v1/cases/:id/audit': { access: 'login', owned: true },
  'GET /api/v1/cases/:id/audit/verify': { access: 'login', owned: true },
  'GET /api/v1/cases/:id/attachments': { access: 'login', owned: true },
  'GET /api/v1/cases/:id/attachments/:attachmentId': { access: 'login', owned: true },
  'GET /api/v1/calendar/deadline': { access: 'login' },
  'GET /api/v1/calendar/years': { access: 'login' },
  'PUT /api/v1/calendar/years/:year': { access: 'login', staffOnly: true },
  'GET /api/v1/sla/summary': { access: 'login', staffOnly: true },
  'GET /api/v1/access-log': { access: 'login', staffOnly: true },
};

describe('every route, for every kind of visitor', () => {
  let h: Harness;
  let params: Record<string, string>;
  let otherToken: string;
  const routes: string[] = [];

  beforeAll(async () => {
    h = await startHarness('pglite');
    const s = await makeObjectionScenario(h.database.db);
    const opened = await openCase(h.services, { actor: actorOf(s.citizen), type: 'objection', filing: { recordId: s.record.id, reason: 'x' }, files: [{ filename: 'seal.png', content: makeSealPng() }] });
    const [file] = await listAttachments(h.services, actorOf(s.citizen), opened.row.id);
    params = { id: opened.row.id, attachmentId: file!.id, type: 'WITHDRAW', locale: 'en', file: 'style.css', year: '2031' };
    otherToken = await h.login(s.otherCitizen.username);
    for (const route of h.app.routes) if (route.method !== 'ALL') routes.push(`${route.method} ${route.path}`);
    params.recordId = s.record.id;
  });
  afterAll(() => h.close());

  const fill = (path: string) =>
    path.replace(/:(\w+)/g, (_, name: string) => (name === 'id' && path.startsWith('/records') ? params.recordId! : name === 'id' && path.includes('/records/') ? params.recordId! : params[name]!));

  it('has a rule for every route the application serves', () => {
    const missing = [...new Set(routes)].filter((route) => !rules[route]);
    expect(missing).toEqual([]);
  });

  it('turns a logged-out visitor away from everything but the public routes', async () => {
    for (const route of new Set(routes)) {
      const [method, path] = route.split(' ') as [string, string];
      const rule = rules[route]!;
      const url = fill(path) + (path === '/api/v1/public/records' ? `?residentId=11010519491231002X` : '');
      const response = await h.app.request(url, { method, headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: method === 'GET' ? undefined : '{}' });
      if (rule.access === 'public') {
        // Reachable: whatever it answers (a refused login is a 401 of its own), never a 5xx
        // and never a redirect to the login page.
        expect(response.status, route).toBeLessThan(500);
        // (The root only sends each visitor to their start page, the login page included.)
        if (path !== '/') expect(response.headers.get('location') ?? '', route).not.toMatch(/^\/login/);
      } else if (path.startsWith('/api/')) {
        expect(response.status, route).toBe(401);
      } else {
        expect([303, 401, 403], route).toContain(response.status);
        if (response.status === 303) expect(response.headers.get('location'), route).toMatch(/^\/login/);
      }
    }
  });

  it('never shows or lets a citizen act on what belongs to someone else, nor staff pages', async () => {
    for (const route of new Set(routes)) {
      const rule = rules[route]!;
      if (rule.access !== 'login' || (!rule.owned && !rule.staffOnly)) continue;
      const [method, path] = route.split(' ') as [string, string];
      const api = path.startsWith('/api/');
      const form = new URLSearchParams({ _csrf: csrfTokenOf(otherToken), _version: '1', reason: 'x', year: '2031', source: 'x', lines: '2031-01-01 holiday x' });
      const response = await h.app.request(fill(path), {
        method,
        headers: api
          ? { authorization: `Bearer ${otherToken}`, 'content-type': 'application/json', 'if-match': '"1"' }
          : { cookie: `xiufu_session=${otherToken}`, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: method === 'GET' ? undefined : api ? JSON.stringify({ type: 'WITHDRAW', source: 'x', days: [{ day: '2031-01-01', kind: 'holiday', name: 'x' }] }) : form.toString(),
      });
      expect([403, 404], `${route} → ${response.status}`).toContain(response.status);
    }
  });
});
