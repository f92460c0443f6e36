// Every route of the application against every role and a logged-out visitor. The route list
// comes from the app itself, and each route has a row here saying what each kind of visitor
// gets: a new route without its row fails this test until someone decides who may reach it.
//
// What a visitor gets is one of:
//   ok         reached the route's own work: a page, data, or the route's own refusal of
//              the input (409, 422, 428 and the like), never a 5xx
//   login      sent to log in (401, or a redirect to /login)
//   forbidden  403: the role may not do this (shown where hiding it would mislead)
//   hidden     404: not theirs, so its existence is not disclosed
// Each request is made against a case of its own where it could change something, so no
// answer depends on the order the matrix is walked in.
//
// A second column says whose visit shows the owner's case or record to someone else: those
// visits, and no others, leave an entry in the owner's access register (查询使用登记) naming the
// visitor, their role and a purpose. Lists show no personal data, the owner's own reads are not
// someone else's, and a refusal that shows the case page again shows the case.
import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf, csrfTokenOf } from '../../src/services/log-in.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { listCaseNotices } from '../../src/services/decision-notices.js';
import { openCase } from '../../src/services/open-case.js';
import { listAttachments } from '../../src/services/read-attachments.js';
import { fileRepairApplication } from '../../src/services/file-repair-application.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const visitors = [
  'anonymous',
  'owner',
  'otherCitizen',
  'reviewer',
  'supervisor',
  'agency',
  'otherAgency',
  'admin',
] as const;
type Visitor = (typeof visitors)[number];
type Answer = 'ok' | 'login' | 'forbidden' | 'hidden';

type Row = Record<Visitor, Answer>;

/** Anyone, logged in or not. */
const anyone: Row = {
  anonymous: 'ok',
  owner: 'ok',
  otherCitizen: 'ok',
  reviewer: 'ok',
  supervisor: 'ok',
  agency: 'ok',
  otherAgency: 'ok',
  admin: 'ok',
};
/** Anyone logged in (each sees their own view of it). */
const loggedIn: Row = { ...anyone, anonymous: 'login' };
/** Oversight: supervisors and administrators. */
const oversight: Row = {
  anonymous: 'login',
  owner: 'forbidden',
  otherCitizen: 'forbidden',
  reviewer: 'forbidden',
  supervisor: 'ok',
  agency: 'forbidden',
  otherAgency: 'forbidden',
  admin: 'ok',
};
/** A citizen's own data (each citizen their own); staff have no "own" records. */
const citizens: Row = { ...oversight, owner: 'ok', otherCitizen: 'ok', supervisor: 'forbidden', admin: 'forbidden' };
/** Reading the owner's case or record: the owner, the staff, the record's own agency; hidden from everyone else. */
const theCase: Row = {
  anonymous: 'login',
  owner: 'ok',
  otherCitizen: 'hidden',
  reviewer: 'ok',
  supervisor: 'ok',
  agency: 'ok',
  otherAgency: 'hidden',
  admin: 'ok',
};
/** What only the owning citizen does on their case (withdraw): others who can see it are refused. */
const ownerActs: Row = {
  ...theCase,
  reviewer: 'forbidden',
  supervisor: 'forbidden',
  agency: 'forbidden',
  admin: 'forbidden',
};
/** What only the reviewers and supervisors who decide cases do; refused to every other role. */
const deciders: Row = {
  ...oversight,
  supervisor: 'ok',
  reviewer: 'ok',
  admin: 'forbidden',
};

const expected: Record<string, Row> = {
  // Public: health, docs, assets, language, the public look-up, and logging in (a refused
  // login is the login route's own answer, 401; logging out without a session is a no-op).
  'GET /healthz': anyone,
  // Readiness and metrics carry no personal data; they belong on the monitoring network.
  'GET /readyz': anyone,
  'GET /metrics': anyone,
  'GET /api/docs': anyone,
  'GET /api/v1/openapi.json': anyone,
  'GET /assets/:file': anyone,
  'GET /favicon.ico': anyone,
  'GET /lang/:locale': anyone,
  'GET /login': anyone,
  'GET /api/v1/public/records': anyone,
  // A decision notice's public check: no login (throttled per address).
  'GET /api/v1/public/notices/:code': anyone,
  'GET /verify': anyone,
  'GET /verify/:code': anyone,
  'POST /api/v1/auth/login': { ...anyone, ...Object.fromEntries(visitors.map((v) => [v, 'login'])) },
  'POST /login': { ...anyone, ...Object.fromEntries(visitors.map((v) => [v, 'login'])) },
  'POST /api/v1/auth/logout': anyone,
  // The page logout needs the session's CSRF token, which a visitor without one cannot have;
  // it ends at the login page.
  'POST /logout': { ...Object.fromEntries(visitors.map((v) => [v, 'login'])), anonymous: 'forbidden' } as Row,
  'GET /': loggedIn,

  // A citizen's own records, register and export.
  'GET /api/v1/me/records': citizens,
  'GET /api/v1/me/export': citizens,
  'GET /records': loggedIn, // staff are sent on to their queue
  'GET /records/:id': theCase,
  'GET /api/v1/records/:id': theCase,
  'POST /records/:id/file/:type': { ...ownerActs, otherAgency: 'forbidden' },
  // Seeing the whole resident identity number: the staff who decide cases, on asking.
  'POST /records/:id/resident-id': deciders,
  'POST /api/v1/records/:id/resident-id': deciders,
  'POST /api/v1/cases': { ...ownerActs, otherAgency: 'forbidden' },
  // One application for several records: filed by their subject (another's record is not found
  // to them; staff may not file one); read like its cases (an agency sees those about its records).
  'POST /api/v1/repair-applications': { ...ownerActs, otherCitizen: 'hidden', otherAgency: 'forbidden' },
  // The page's form sent without records is the page's own refusal (422); staff are sent home.
  'POST /repair-applications': loggedIn,
  'GET /repair-applications/:id': theCase,
  'GET /api/v1/repair-applications/:id': theCase,
  // Filing for someone else, with their letter: a citizen's (the form refused as input, 422).
  'GET /file-on-behalf': citizens,
  'POST /api/v1/cases/on-behalf': citizens,
  'POST /file-on-behalf': citizens,

  // Cases.
  'GET /cases': loggedIn,
  'GET /api/v1/cases': loggedIn,
  'GET /cases/:id': theCase,
  'GET /api/v1/cases/:id': theCase,
  'GET /api/v1/cases/:id/audit': theCase,
  'GET /api/v1/cases/:id/audit/verify': theCase,
  'GET /api/v1/cases/:id/attachments': theCase,
  'GET /api/v1/cases/:id/attachments/:attachmentId': theCase,
  'GET /cases/:id/attachments/:attachmentId': theCase,
  'GET /api/v1/cases/:id/notices': theCase,
  'GET /api/v1/cases/:id/notices/:code': theCase,
  'GET /cases/:id/notices/:code': theCase,
  'POST /cases/:id/events/:type': ownerActs,
  'POST /api/v1/cases/:id/events': ownerActs,
  'POST /cases/:id/review': ownerActs,
  'POST /cases/:id/administrative-review': ownerActs,
  // Reviewers claim from the queue; supervisors reassign (with a reason).
  'POST /cases/:id/claim': { ...ownerActs, owner: 'forbidden', reviewer: 'ok' },
  'POST /cases/:id/reassign': { ...ownerActs, owner: 'forbidden', supervisor: 'ok' },
  // Reviewers and supervisors find an authorisation letter not valid (no reason sent here: 422).
  'POST /cases/:id/authorisation-rejection': { ...ownerActs, owner: 'forbidden', reviewer: 'ok', supervisor: 'ok' },
  'GET /notifications': loggedIn,
  // The queue's tools: each user's saved views (another's, or none, is not found), and bulk
  // claims and reassignments (the bodies sent here are refused as input, 422, before any role
  // check; who may claim or reassign is the service's, tested in queue.test.ts).
  'GET /api/v1/me/queue-views': loggedIn,
  'POST /api/v1/me/queue-views': loggedIn,
  'DELETE /api/v1/me/queue-views/:id': {
    ...Object.fromEntries(visitors.map((v) => [v, 'hidden'])),
    anonymous: 'login',
  } as Row,
  'POST /queue/views': loggedIn,
  'POST /queue/views/:viewId/delete': {
    ...Object.fromEntries(visitors.map((v) => [v, 'hidden'])),
    anonymous: 'login',
  } as Row,
  'POST /api/v1/cases/assignments': loggedIn,
  'POST /queue/assignments': loggedIn,

  // The access register: each citizen their own; supervisors and administrators search it.
  'GET /access-log': { ...oversight, owner: 'ok', otherCitizen: 'ok' },
  'GET /api/v1/me/access-log': { ...oversight, owner: 'ok', otherCitizen: 'ok' },
  'GET /api/v1/access-log': oversight,

  // Supervision.
  'GET /overview': oversight,
  'GET /sla': oversight,
  'GET /api/v1/sla/summary': oversight,
  'GET /calendar': loggedIn,
  'GET /api/v1/calendar/years': loggedIn,
  'GET /api/v1/calendar/deadline': loggedIn,
  'POST /calendar': oversight,
  'PUT /api/v1/calendar/years/:year': oversight,
  'GET /policy': loggedIn,
};

/** Staff who may see the owner's case: the reviewer, the supervisor, the record's agency, the administrator. */
const staffWhoSee = { reviewer: true, supervisor: true, agency: true, admin: true } as const;

/**
 * For each route, the visitors it shows the owner's case or record to, so that the owner's
 * register gains an entry; every other route and visitor adds nothing to it.
 */
const registers: Record<string, Partial<Record<Visitor, true>>> = {
  'GET /records/:id': staffWhoSee,
  'GET /api/v1/records/:id': staffWhoSee,
  // Asking for the whole number registers the record's reading and the asking.
  'POST /records/:id/resident-id': { reviewer: true, supervisor: true },
  'POST /api/v1/records/:id/resident-id': { reviewer: true, supervisor: true },
  'GET /cases/:id': staffWhoSee,
  'GET /api/v1/cases/:id': staffWhoSee,
  // Each case of the application shown to staff is a read of the owner's case.
  'GET /repair-applications/:id': staffWhoSee,
  'GET /api/v1/repair-applications/:id': staffWhoSee,
  'GET /api/v1/cases/:id/audit': staffWhoSee,
  'GET /api/v1/cases/:id/audit/verify': staffWhoSee,
  'GET /api/v1/cases/:id/attachments': staffWhoSee,
  'GET /api/v1/cases/:id/attachments/:attachmentId': staffWhoSee,
  'GET /cases/:id/attachments/:attachmentId': staffWhoSee,
  // A notice shows the (masked) subject and the decision: a download is registered; the list is not.
  'GET /api/v1/cases/:id/notices/:code': staffWhoSee,
  'GET /cases/:id/notices/:code': staffWhoSee,
  // Refused actions answer with the case page again, saying why.
  'POST /cases/:id/events/:type': staffWhoSee,
  'POST /cases/:id/review': staffWhoSee,
  'POST /cases/:id/administrative-review': staffWhoSee,
  // A reviewer's claim answers with a redirect, not the case; the supervisor's reassignment
  // here names nobody, so it is refused (422) with the case page too.
  'POST /cases/:id/claim': { supervisor: true, agency: true, admin: true },
  'POST /cases/:id/reassign': staffWhoSee,
  'POST /cases/:id/authorisation-rejection': staffWhoSee,
};

const roleOf: Record<Exclude<Visitor, 'anonymous'>, string> = {
  owner: 'citizen',
  otherCitizen: 'citizen',
  reviewer: 'reviewer',
  supervisor: 'supervisor',
  agency: 'agency',
  otherAgency: 'agency',
  admin: 'admin',
};

function classify(response: Response): Answer | `server error ${number}` {
  if (response.status >= 500) return `server error ${response.status}`;
  if (response.status === 401) return 'login';
  if (response.status === 303 && (response.headers.get('location') ?? '').startsWith('/login')) return 'login';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404) return 'hidden';
  return 'ok';
}

describe('every route, for every role and a logged-out visitor', () => {
  let h: Harness;
  const routes: string[] = [];
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  /** The owner's application for two records, and a record the owner may apply for through the API. */
  let applicationId: string;
  let repairable: { id: string };
  const usernames = {} as Record<Exclude<Visitor, 'anonymous'>, string>;
  const userIds = {} as Record<Exclude<Visitor, 'anonymous'>, string>;
  const sessions: Partial<Record<Visitor, string>> = {};
  async function sessionOf(visitor: Exclude<Visitor, 'anonymous'>): Promise<string> {
    sessions[visitor] ??= await h.login(usernames[visitor]);
    return sessions[visitor];
  }

  beforeAll(async () => {
    h = await startHarness('pglite');
    s = await makeObjectionScenario(h.database.db);
    const [supervisor, admin] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'admin'),
    ]);
    Object.assign(usernames, {
      owner: s.citizen.username,
      otherCitizen: s.otherCitizen.username,
      reviewer: s.reviewer.username,
      supervisor: supervisor.username,
      agency: s.agencyOfficer.username,
      otherAgency: s.otherAgencyOfficer.username,
      admin: admin.username,
    });
    Object.assign(userIds, {
      owner: s.citizen.id,
      otherCitizen: s.otherCitizen.id,
      reviewer: s.reviewer.id,
      supervisor: supervisor.id,
      agency: s.agencyOfficer.id,
      otherAgency: s.otherAgencyOfficer.id,
      admin: admin.id,
    });
    const [first, second] = await Promise.all([
      makeRecord(h.database.db, s.subject.id, s.agency.id),
      makeRecord(h.database.db, s.subject.id, s.agency.id),
    ]);
    repairable = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    applicationId = (
      await fileRepairApplication(h.services, {
        actor: actorOf(s.citizen),
        filing: { recordIds: [first.id, second.id], routes: ['performance'], commitment: 'x' },
      })
    ).applicationId;
    for (const route of h.app.routes) if (route.method !== 'ALL') routes.push(`${route.method} ${route.path}`);
  });
  afterAll(() => h.close());

  /** A fresh objection of the owner's, with one attachment, on a fresh record. */
  async function freshCase() {
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'x' },
      files: [{ filename: 'seal.png', content: makeSealPng() }],
    });
    const [file] = await listAttachments(h.services, actorOf(s.citizen), opened.row.id);
    return { caseId: opened.row.id, attachmentId: file!.id, version: opened.row.version, code: 'none' };
  }

  /** A fresh objection accepted by the reviewer: it has a decision notice, whose code the notice routes use. */
  async function acceptedCase() {
    const fixture = await freshCase();
    const row = await applyCaseEvent(h.services, {
      caseId: fixture.caseId,
      actor: actorOf(s.reviewer),
      expectedVersion: fixture.version,
      type: 'ACCEPT',
      input: {},
    });
    const [notice] = await listCaseNotices(h.services, actorOf(s.citizen), fixture.caseId);
    return { ...fixture, version: row.version, code: notice!.code };
  }

  async function visit(
    route: string,
    visitor: Visitor,
    fixture: Awaited<ReturnType<typeof freshCase>>,
  ): Promise<Response> {
    const [method, path] = route.split(' ') as [string, string];
    const api = path.startsWith('/api/');
    // Logging out ends the session it is sent with, so it gets a session of its own.
    const token =
      visitor === 'anonymous'
        ? null
        : route.includes('logout')
          ? await h.login(usernames[visitor])
          : await sessionOf(visitor);
    const params: Record<string, string> = {
      id:
        path.startsWith('/records') || path.startsWith('/api/v1/records')
          ? s.record.id
          : path.includes('/repair-applications/')
            ? applicationId
            : fixture.caseId,
      attachmentId: fixture.attachmentId,
      type: path.startsWith('/records') ? 'objection' : 'WITHDRAW',
      locale: 'en',
      file: 'style.css',
      year: '2031',
      code: fixture.code,
    };
    const url =
      path.replace(/:(\w+)/g, (_, name: string) => params[name]!) +
      (path === '/api/v1/public/records'
        ? `?residentId=${s.subject.residentId}`
        : path === '/api/v1/calendar/deadline'
          ? '?from=2026-11-25&days=5&kind=working'
          : '');
    const headers: Record<string, string> = api
      ? { 'content-type': 'application/json', 'if-match': `"${fixture.version}"` }
      : { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
    if (token) {
      if (api) headers.authorization = `Bearer ${token}`;
      else headers.cookie = `xiufu_session=${token}`;
    }
    const apiBody =
      path === '/api/v1/cases'
        ? { type: 'objection', recordId: s.record.id, reason: 'x' }
        : path === '/api/v1/repair-applications'
          ? { recordIds: [repairable.id], routes: ['performance'], commitment: 'x' }
          : path.startsWith('/api/v1/auth')
            ? { username: `nobody-${Math.random()}`, password: 'x' }
            : { type: 'WITHDRAW', source: 'x', days: [{ day: '2031-01-01', kind: 'holiday', name: 'x' }] };
    const form = new URLSearchParams({
      _csrf: token ? csrfTokenOf(token) : '',
      _version: String(fixture.version),
      reason: 'x',
      year: '2031',
      source: 'x',
      lines: '2031-01-01 holiday x',
      username: `nobody-${Math.random()}`,
      password: 'x',
    });
    return h.app.request(url, {
      method,
      headers,
      body: method === 'GET' ? undefined : api ? JSON.stringify(apiBody) : form.toString(),
    });
  }

  /** What one visit added to the owner's register: nothing, or entries naming the visitor, their role and a purpose. */
  async function registeredBy(visitor: Visitor, visiting: () => Promise<unknown>): Promise<string> {
    const [{ last } = { last: null }] = await h.database.db.select({ last: max(accessLog.id) }).from(accessLog);
    await visiting();
    const added = await h.database.db
      .select()
      .from(accessLog)
      .where(and(gt(accessLog.id, last ?? 0), eq(accessLog.subjectId, s.subject.id)));
    if (added.length === 0) return '—';
    const wrong = added.filter(
      (e) =>
        visitor === 'anonymous' ||
        e.actorUserId !== userIds[visitor] ||
        e.actorRole !== roleOf[visitor] ||
        !e.purpose.trim(),
    );
    return wrong.length === 0 ? 'registered' : `wrong entries: ${JSON.stringify(wrong)}`;
  }

  it('has a row for every route the application serves', () => {
    const missing = [...new Set(routes)].filter((route) => !expected[route]);
    expect(missing).toEqual([]);
  });

  it('answers every visitor as its row says', { timeout: 240_000 }, async () => {
    const shared = await acceptedCase();
    const found: Record<string, Record<Visitor, string>> = {};
    const register: Record<string, Record<Visitor, string>> = {};
    for (const route of new Set(routes)) {
      found[route] = {} as Record<Visitor, string>;
      register[route] = {} as Record<Visitor, string>;
      for (const visitor of visitors) {
        const fixture = route.startsWith('GET ') ? shared : await freshCase();
        register[route][visitor] = await registeredBy(visitor, async () => {
          found[route]![visitor] = classify(await visit(route, visitor, fixture));
        });
      }
    }
    expect(found).toEqual(expected);
    const expectedRegister = Object.fromEntries(
      [...new Set(routes)].map((route) => [
        route,
        Object.fromEntries(visitors.map((v) => [v, registers[route]?.[v] ? 'registered' : '—'])),
      ]),
    );
    expect(register).toEqual(expectedRegister);
  });
});
