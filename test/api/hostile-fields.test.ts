// Input that once answered 500, and text or numbers that look like something else: each field
// is parsed by a schema that refuses what it cannot use (422 naming the field, a 400 for a body
// that does not parse), on both drivers, through the API and through the page forms alike.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays } from '../../db/schema.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf, csrfTokenOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { listAttachments } from '../../src/services/read-attachments.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testStart } from '../helpers/test-clock.js';
import { drivers } from '../helpers/test-database.js';

const cursor = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const someUuid = '00000000-0000-4000-8000-000000000000';

describe.each(drivers)('fields parsed by schemas, never a 500 (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    // The demo policy has repair routes counted in hours and yuan.
    h = await startHarness(driver, '2026-11-25T02:00:00Z', 'demo');
    s = await makeObjectionScenario(h.database.db);
    const [supervisor, reviewerB] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'reviewer'),
    ]);
    for (const [name, user] of Object.entries({ citizen: s.citizen, reviewer: s.reviewer, reviewerB, supervisor }))
      token[name] = await h.login(user.username);
  });
  afterAll(() => h.close());

  const api = (method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) =>
    h.call(method, path, { token: token[who], body, headers });
  const page = (path: string, who: string, init: RequestInit = {}) =>
    h.app.request(`http://localhost${path}`, {
      ...init,
      headers: {
        cookie: `xiufu_session=${token[who]}`,
        origin: 'http://localhost',
        ...(init.headers as Record<string, string>),
      },
    });
  const form = (who: string, fields: Record<string, string>) =>
    new URLSearchParams({ _csrf: csrfTokenOf(token[who]!), ...fields });
  const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

  it('refuses impossible and out-of-range dates and moments in query parameters and cursors with a 422 naming the field', async () => {
    const table: [string, string, string][] = [
      ['/api/v1/calendar/deadline?from=2026-13-01&days=5', 'reviewer', 'from'],
      ['/api/v1/calendar/deadline?from=2026-02-30&days=5', 'reviewer', 'from'],
      ['/api/v1/calendar/deadline?from=9999-12-31&months=120', 'reviewer', 'from'],
      ['/api/v1/calendar/deadline?from=0000-01-01T00:00:00Z&days=1', 'reviewer', 'from'],
      ['/api/v1/calendar/deadline?from=2026-01-01T25:00:00Z&days=1', 'reviewer', 'from'],
      ['/api/v1/calendar/deadline?from=2026-01-01&days=true', 'reviewer', 'days'],
      ['/api/v1/calendar/deadline?from=2026-01-01&days=0x10', 'reviewer', 'days'],
      ['/api/v1/calendar/deadline?from=2026-01-01&days=[5]', 'reviewer', 'days'],
      ['/api/v1/calendar/deadline?from=2026-01-01&days=1e2', 'reviewer', 'days'],
      ['/api/v1/cases?limit=0x10', 'reviewer', 'limit'],
      ['/api/v1/cases?limit=true', 'reviewer', 'limit'],
      [`/api/v1/cases?after=${cursor('newest', null, '0000-01-01T00:00:00.000Z', someUuid)}`, 'reviewer', 'after'],
      [
        `/api/v1/cases?sort=due&after=${cursor('due', '9999-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', someUuid)}`,
        'reviewer',
        'after',
      ],
      ['/api/v1/access-log?from=0000-01-01T00:00:00Z', 'supervisor', 'from'],
      ['/api/v1/access-log?to=9999-12-31T00:00:00Z', 'supervisor', 'to'],
      ['/api/v1/access-log?limit=0x10', 'supervisor', 'limit'],
    ];
    for (const [path, who, field] of table) {
      const answer = await api('GET', path, who);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(422);
      expect(issuePaths(answer.body), path).toContain(field);
    }
    const put = await api('PUT', '/api/v1/calendar/years/0x7EF', 'supervisor', {
      source: 'x',
      days: [{ day: '2031-01-01', kind: 'holiday', name: 'x' }],
    });
    expect(put.status).toBe(422);
    expect(issuePaths(put.body)).toContain('year');
    expect(h.errors).toEqual([]);
  });

  it('starts the case list page again for a cursor whose moment is out of range', async () => {
    const answer = await page(
      `/cases?after=${cursor('oldest', null, '0000-01-01T00:00:00.000Z', someUuid)}`,
      'reviewer',
    );
    expect(answer.status).toBe(200);
    expect(h.errors).toEqual([]);
  });

  it('re-renders the supervisor’s calendar form for impossible dates, NUL or overlong text, with the API’s limits', async () => {
    const cases: Record<string, string>[] = [
      { year: '2031', source: 'notice', lines: '2031-02-30 holiday Nonsense' },
      { year: '2031', source: 'notice', lines: '2031-13-01 holiday Nonsense' },
      { year: '2031', source: 'no\u0000tice', lines: '2031-01-01 holiday New year' },
      { year: '2031', source: 'notice', lines: '2031-01-01 holiday New\u0000year' },
      { year: '2031', source: 'x'.repeat(501), lines: '2031-01-01 holiday New year' },
      { year: '2031', source: 'notice', lines: `2031-01-01 holiday ${'x'.repeat(101)}` },
      { year: '0x7EF', source: 'notice', lines: '2031-01-01 holiday New year' },
      { year: '2031', source: '\u200B\u2060', lines: '2031-01-01 holiday New year' },
    ];
    for (const fields of cases) {
      const answer = await page('/calendar', 'supervisor', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form('supervisor', fields).toString(),
      });
      expect(answer.status, JSON.stringify(fields).slice(0, 120)).toBe(422);
      expect(await answer.text()).toContain('class="flash error"');
    }
    expect(h.errors).toEqual([]);
  });

  it('re-renders the calendar form for a year that does not read on the year of xiufu’s clock', async () => {
    h.clock.set('2027-06-01T02:00:00Z');
    try {
      const answer = await page('/calendar', 'supervisor', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form('supervisor', { year: 'next', source: 'notice', lines: 'New year holiday' }).toString(),
      });
      expect(answer.status).toBe(422);
      expect(await answer.text()).toMatch(/<h2>(2027 年的节假日与调休|Holidays and worked days of 2027)<\/h2>/);
    } finally {
      h.clock.set(testStart);
    }
  });

  it('answers a malformed multipart or urlencoded body with 400', async () => {
    const broken = { 'content-type': 'multipart/form-data; boundary=xyz' };
    const garbage = '--xyz\r\nContent-Disposition: form-data; name="reason"\r\n\r\nno end';
    const filing = await page(`/records/${s.record.id}/file/objection`, 'citizen', {
      method: 'POST',
      headers: broken,
      body: garbage,
    });
    expect(filing.status).toBe(400);
    const login = await h.app.request('http://localhost/login', {
      method: 'POST',
      headers: { origin: 'http://localhost', ...broken },
      body: garbage,
    });
    expect(login.status).toBe(400);
    const noBoundary = await h.app.request('http://localhost/login', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'multipart/form-data' },
      body: 'x',
    });
    expect(noBoundary.status).toBe(400);
    expect(h.errors).toEqual([]);
  });

  it('strips bidirectional controls from single-line fields and file names, and counts an invisible reason as not given', async () => {
    const invisible = await api('POST', '/api/v1/cases', 'citizen', {
      type: 'objection',
      recordId: s.record.id,
      reason: '\u200B\u2060\u202E\uFEFF\u00AD \u3000',
    });
    expect(invisible.status).toBe(422);
    expect(issuePaths(invisible.body)).toEqual(['reason']);

    const loaded = await api('PUT', '/api/v1/calendar/years/2031', 'supervisor', {
      source: '国办发明电\u202E〔2030〕1号',
      days: [{ day: '2031-01-01', kind: 'holiday', name: '元\u2066旦\u2069' }],
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    const [day] = await h.database.db.select().from(calendarDays).where(eq(calendarDays.day, '2031-01-01'));
    expect(day!.name).toBe('元旦');

    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: record.id, reason: 'Wrong.' },
      files: [{ filename: 'invoice\u202Egnp.exe', content: makeSealPng() }],
    });
    const [file] = await listAttachments(h.services, actorOf(s.citizen), opened.row.id);
    expect(file!.filename).toBe('invoicegnp.exe');
    expect(h.errors).toEqual([]);
  });

  it('refuses numbers that are not numbers (true, [5], "0x10") and amounts out of bounds, through the API and the page form', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id, { publishedFrom: '2026-03-01' });
    const filed = await api('POST', '/api/v1/cases', 'citizen', {
      type: 'repair',
      recordId: record.id,
      routes: ['volunteering'],
      commitment: 'I will comply.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id: string = filed.body.id;
    const evidence = {
      type: 'ADD_EVIDENCE',
      route: 'volunteering',
      certifiedBy: 'Volunteers Association',
      description: 'Clean-up',
    };
    for (const amount of [true, [5], '0x10', '12', '', null, 0, -1, 1e12, Number.MAX_SAFE_INTEGER]) {
      const answer = await api(
        'POST',
        `/api/v1/cases/${id}/events`,
        'citizen',
        { ...evidence, amount },
        { 'If-Match': `"${filed.body.version}"` },
      );
      expect(answer.status, `${JSON.stringify(amount)}: ${JSON.stringify(answer.body)}`).toBe(422);
      expect(issuePaths(answer.body), JSON.stringify(amount)).toEqual(['amount']);
    }
    for (const amount of ['0x10', 'true', '1e3', 'Infinity', ' ']) {
      const answer = await page(`/cases/${id}/events/ADD_EVIDENCE`, 'citizen', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form('citizen', {
          _version: String(filed.body.version),
          route: 'volunteering',
          amount,
          certifiedBy: 'Volunteers Association',
          description: 'Clean-up',
        }).toString(),
      });
      expect(answer.status, amount).toBe(422);
    }
    const fine = await page(`/cases/${id}/events/ADD_EVIDENCE`, 'citizen', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form('citizen', {
        _version: String(filed.body.version),
        route: 'volunteering',
        amount: '12.5',
        certifiedBy: 'Volunteers\u202E Association',
        description: 'Clean-up',
      }).toString(),
    });
    expect(fine.status).toBe(303);
    const view = await api('GET', `/api/v1/cases/${id}`, 'citizen');
    expect(JSON.stringify(view.body.details)).toContain('Volunteers Association');
    expect(h.errors).toEqual([]);
  });

  it('refuses a hearing dated impossibly or far from today', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const objection = await api('POST', '/api/v1/cases', 'citizen', {
      type: 'objection',
      recordId: record.id,
      reason: 'Wrong.',
    });
    let version: number = objection.body.version;
    for (const body of [
      { type: 'ACCEPT' },
      { type: 'AGENCY_DENIED', answer: 'Denied.' },
      { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'Stands.' },
    ]) {
      const answer = await api('POST', `/api/v1/cases/${objection.body.id}/events`, 'reviewer', body, {
        'If-Match': `"${version}"`,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      version = answer.body.version;
    }
    const review = await api('POST', '/api/v1/cases', 'citizen', {
      type: 'review',
      parentCaseId: objection.body.id,
      grounds: 'Wrong.',
    });
    const accepted = await api(
      'POST',
      `/api/v1/cases/${review.body.id}/events`,
      'reviewerB',
      { type: 'ACCEPT_APPLICATION' },
      { 'If-Match': `"${review.body.version}"` },
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    for (const heldOn of ['2026-02-30', '9999-12-31', '1899-12-31', '2027-06-01', '2016-01-01', 20261124, true]) {
      const answer = await api(
        'POST',
        `/api/v1/cases/${review.body.id}/events`,
        'reviewerB',
        { type: 'RECORD_HEARING', heldOn, summary: 'Heard.' },
        { 'If-Match': `"${accepted.body.version}"` },
      );
      expect(answer.status, `${heldOn}: ${JSON.stringify(answer.body)}`).toBe(422);
      expect(issuePaths(answer.body), String(heldOn)).toEqual(['heldOn']);
    }
    const held = await api(
      'POST',
      `/api/v1/cases/${review.body.id}/events`,
      'reviewerB',
      { type: 'RECORD_HEARING', heldOn: '2026-11-24', summary: 'Heard.' },
      { 'If-Match': `"${accepted.body.version}"` },
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(h.errors).toEqual([]);
  });
});
