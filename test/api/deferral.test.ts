// A deferral of an obligation (申请延期, 行政处罚法 art. 66) as its users meet it, on PostgreSQL
// and PGlite: the subject files with evidence of hardship; only the agency that made the finding
// decides (a reviewer, a supervisor or another agency cannot); a granted schedule is validated,
// shown with the record and run as the case clock; each instalment paid moves the clock; the
// last marks the obligation performed, which repair eligibility counts as on time; a missed
// instalment is recorded by the timer on the case and the record, and the subject is told.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, recordEvents } from '../../db/schema.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { fireCaseTimers } from '../../src/services/fire-case-timers.js';
import { pendingTimersOfCase } from '../helpers/case-timers.js';
import { csrfTokenOf } from '../../src/services/log-in.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('deferral of an obligation (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    const supervisor = await makeUser(h.database.db, 'supervisor');
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      reviewer: s.reviewer,
      supervisor,
      agency: s.agencyOfficer,
      otherAgency: s.otherAgencyOfficer,
    }))
      token[name] = await h.login(user.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const unpaidFine = () =>
    makeRecord(h.database.db, s.subject.id, s.agency.id, {
      obligation: 'Fine of CNY 8,000, due 2026-11-30',
      obligationPerformed: false,
    });
  const view = async (id: string, who = 'agency') =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token: token[who] })).body;
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const current = await view(id, 'supervisor');
    return h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
  };
  const record = async (id: string) => (await h.call('GET', `/api/v1/records/${id}`, { token: token.citizen })).body;
  const pendingTimers = (caseId: string) => pendingTimersOfCase(h.database.db, caseId);
  const fileByApi = async (recordId: string) => {
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'deferral', recordId, request: 'instalments', hardship: 'Out of work since September.' },
    });
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  };

  it('is filed with evidence of hardship, decided by the agency only, kept instalment by instalment, and counts as on time for repair', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const fine = await unpaidFine();

    // The subject applies on the record's page, with a file as evidence of hardship.
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token.citizen!));
    form.append('request', 'instalments');
    form.append('hardship', 'Out of work since September; the unemployment certificate is attached.');
    form.append('proposal', 'Two payments of CNY 4,000 in December.');
    form.append('files', new Blob([new Uint8Array(makeSealPng())], { type: 'image/png' }), '失业证明.png');
    const filed = await h.app.request(`/records/${fine.id}/file/deferral`, {
      method: 'POST',
      body: form,
      headers: { cookie: `xiufu_session=${token.citizen}`, origin: 'http://localhost', 'accept-language': 'en' },
    });
    expect(filed.status).toBe(303);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(filed.headers.get('location') ?? '')![1]!;
    const opened = await view(caseId);
    expect(opened).toMatchObject({ type: 'deferral', state: 'deciding', waitingOn: 'agency' });
    expect(opened.agencyId).toBe(s.agency.id);
    const files = await h.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: token.agency });
    expect(files.body.attachments.map((a: { filename: string }) => a.filename)).toEqual(['失业证明.png']);
    // One deferral at a time; none for an obligation already performed.
    const again = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'deferral', recordId: fine.id, request: 'defer', hardship: 'Again.' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOT_DEFERRABLE');
    const paidFine = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const nothing = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'deferral', recordId: paidFine.id, request: 'defer', hardship: 'Hard times.' },
    });
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('NOT_DEFERRABLE');

    // The credit center's reviewer and supervisor do not decide; another agency does not see it.
    const schedule = [
      { dueOn: '2026-12-10', amount: 4000 },
      { dueOn: '2026-12-28', amount: 4000 },
    ];
    for (const who of ['reviewer', 'supervisor']) {
      const refused = await send(caseId, who, { type: 'GRANT', reasons: 'Hardship shown.', instalments: schedule });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const stranger = await h.call('POST', `/api/v1/cases/${caseId}/events`, {
      token: token.otherAgency,
      body: { type: 'GRANT', reasons: 'x', instalments: schedule },
      headers: { 'If-Match': `"${opened.version}"` },
    });
    expect(stranger.status).toBe(404);
    expect((await view(caseId, 'reviewer')).allowedEvents).toEqual([]);
    expect((await view(caseId)).allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['GRANT', 'REFUSE']);

    // A schedule out of order is refused naming the field; a due date not after the application too.
    const disordered = await send(caseId, 'agency', {
      type: 'GRANT',
      reasons: 'Hardship shown.',
      instalments: [...schedule].reverse(),
    });
    expect(disordered.status).toBe(422);
    expect(disordered.body.issues.map((i: { path: string }) => i.path)).toContain('instalments.1.dueOn');
    const past = await send(caseId, 'agency', {
      type: 'GRANT',
      reasons: 'Hardship shown.',
      instalments: [{ dueOn: '2026-11-25', amount: 8000 }],
    });
    expect(past.status).toBe(409);

    // The agency grants two instalments: the record shows them, the clock runs to the first.
    h.clock.set('2026-11-27T02:00:00Z');
    const granted = await send(caseId, 'agency', { type: 'GRANT', reasons: 'Hardship shown.', instalments: schedule });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ state: 'onSchedule', waitingOn: 'citizen' });
    expect(granted.body.deadline.dueAt).toBe('2026-12-10T16:00:00.000Z');
    expect((await pendingTimers(caseId)).find((t) => t.kind === 'breach')?.dueAt.toISOString()).toBe(
      '2026-12-10T16:00:00.000Z',
    );
    let shown = await record(fine.id);
    expect(shown.obligationStanding).toBe('on_schedule');
    expect(shown.obligationSchedule).toEqual({
      caseId,
      status: 'kept',
      instalments: schedule.map((i) => ({ ...i, paidOn: null })),
    });
    // Repair waits for the last instalment, and says the schedule is kept.
    const early = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'repair', recordId: fine.id, routes: ['performance'], commitment: 'I commit to pay.' },
    });
    expect(early.status).toBe(422);
    expect(early.body.detail).toContain('on time so far');

    // The first instalment: recorded by the agency; the clock moves to the second.
    h.clock.set('2026-12-09T02:00:00Z');
    const first = await send(caseId, 'agency', { type: 'INSTALMENT_PAID', paidOn: '2026-12-09' });
    expect(first.status).toBe(200);
    expect(first.body.deadline.dueAt).toBe('2026-12-28T16:00:00.000Z');
    expect((await pendingTimers(caseId)).filter((t) => t.kind === 'breach').map((t) => t.dueAt.toISOString())).toEqual([
      '2026-12-28T16:00:00.000Z',
    ]);
    expect((await send(caseId, 'citizen', { type: 'INSTALMENT_PAID', paidOn: '2026-12-09' })).status).toBe(403);

    // The last: the obligation is performed, on the schedule, and repair may be asked.
    h.clock.set('2026-12-20T02:00:00Z');
    const last = await send(caseId, 'agency', { type: 'INSTALMENT_PAID', paidOn: '2026-12-20' });
    expect(last.body).toMatchObject({ state: 'paidInFull', status: 'closed' });
    expect(await pendingTimers(caseId)).toEqual([]);
    shown = await record(fine.id);
    expect(shown.obligationPerformed).toBe(true);
    expect(shown.obligationStanding).toBe('performed_on_schedule');
    expect(shown.obligationSchedule.status).toBe('completed');
    expect(shown.history.at(-1).changedByCaseId).toBe(caseId);
    const repair = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'repair', recordId: fine.id, routes: ['performance'], commitment: 'I commit to keep the law.' },
    });
    expect(repair.status).toBe(201);
  });

  it('records a missed instalment by the timer at its due date, on the case and the record, and tells the subject', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const fine = await unpaidFine();
    const caseId = await fileByApi(fine.id);
    const granted = await send(caseId, 'agency', {
      type: 'GRANT',
      reasons: 'Hardship shown.',
      instalments: [
        { dueOn: '2026-12-05', amount: 3000 },
        { dueOn: '2026-12-21', amount: 5000 },
      ],
    });
    expect(granted.status).toBe(200);
    // 2026-12-05 is a Saturday: the last day moves to Monday 12-07 (民法典 art. 203).
    expect(granted.body.deadline.dueAt).toBe('2026-12-07T16:00:00.000Z');
    expect((await pendingTimers(caseId)).map((t) => `${t.kind} ${t.fireAt.toISOString()}`)).toEqual([
      'warning 2026-12-04T16:00:00.000Z',
      'breach 2026-12-07T16:00:00.000Z',
    ]);

    // An hour before the instalment's last day ends, only its warning is due.
    h.clock.set('2026-12-07T15:00:00Z');
    expect(await fireCaseTimers(h.services, caseId)).toBe('warned');
    expect(await fireCaseTimers(h.services, caseId)).toBe('not-due');
    expect(await view(caseId)).toMatchObject({ status: 'open' });
    h.clock.set('2026-12-07T16:00:01Z');
    expect(await fireCaseTimers(h.services, caseId)).toBe('moved-on');
    expect(await fireCaseTimers(h.services, caseId)).toBe('already-done');

    const missed = await view(caseId);
    expect(missed).toMatchObject({ state: 'lapsed', status: 'closed' });
    const trail = await h.call('GET', `/api/v1/cases/${caseId}/audit`, { token: token.supervisor });
    expect(trail.body.events.at(-1)).toMatchObject({ event: 'INSTALMENT_MISSED', actorRole: 'system' });
    const onRecord = await h.database.db.select().from(recordEvents).where(eq(recordEvents.recordId, fine.id));
    expect(onRecord).toHaveLength(1);
    expect(onRecord[0]).toMatchObject({
      event: 'INSTALMENT_MISSED',
      details: { caseId, dueOn: '2026-12-05', amount: 3000 },
    });
    const told = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.topic, 'instalment_missed')));
    expect(told).toHaveLength(1);
    expect(told[0]!.subjectId).toBe(s.subject.id);
    const shown = await record(fine.id);
    expect(shown.obligationStanding).toBe('schedule_missed');
    expect(shown.obligationSchedule.status).toBe('missed');
    expect(shown.obligationPerformed).toBe(false);
    // The subject's own export holds the schedule and the missed instalment beside the record.
    const exported = (await h.call('GET', '/api/v1/me/export', { token: token.citizen })).body;
    const mine = exported.records.find((r: { id: string }) => r.id === fine.id);
    expect(mine.obligationSchedules.map((x: { status: string }) => x.status)).toEqual(['missed']);
    expect(mine.events.map((e: { event: string }) => e.event)).toEqual(['INSTALMENT_MISSED']);
  });

  it('refuses with reasons, and lets the subject withdraw before the decision', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const refusedCase = await fileByApi((await unpaidFine()).id);
    const refused = await send(refusedCase, 'agency', {
      type: 'REFUSE',
      reasonCode: 'hardship_not_shown',
      reasons: 'No hardship was shown.',
    });
    expect(refused.body).toMatchObject({ state: 'refused', status: 'closed' });
    // The refusal the subject reads states the remedies open against it, with their windows.
    const casePage = await h.app.request(`/cases/${refusedCase}`, {
      headers: { cookie: `xiufu_session=${token.citizen}`, 'accept-language': 'en' },
    });
    const html = await casePage.text();
    expect(html).toContain('Remedies open to you');
    expect(html).toContain('Administrative review (行政复议)');
    expect(html).not.toContain('Re-examination (复核)');
    const withdrawnCase = await fileByApi((await unpaidFine()).id);
    const withdrawn = await send(withdrawnCase, 'citizen', { type: 'WITHDRAW', reason: 'Paid after all.' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', status: 'closed' });
  });
});
