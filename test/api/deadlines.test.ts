// Durable deadlines, on PostgreSQL and PGlite with the real Redis, the clock injected (no test
// sleeps for a deadline): timers follow each case's clock; a warning notifies; a breach enters
// the audit once, however often or concurrently its job runs; emptying Redis (this file's
// queues: the server is shared) loses nothing;
// a worker that dies after committing is retried without a second transition; bull-board is
// for supervisors only.
import { Worker } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, notifications } from '../../db/schema.js';
import { createApp } from '../../src/http/app.js';
import { caseTimerJob } from '../../src/jobs/case-timer.job.js';
import { openJobQueues, queueNames, redisConnection, type JobQueues } from '../../src/jobs/queues.js';
import { reconcileTimers } from '../../src/jobs/reconcile-timers.job.js';
import { startWorkers } from '../../src/jobs/workers.js';
import { fireCaseTimers } from '../../src/services/fire-case-timers.js';
import { pendingTimersOfCase } from '../helpers/case-timers.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';
import { emptyQueuePrefix, ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';
import { waitFor } from '../helpers/wait.js';

describe.each(drivers)('deadline timers (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let queues: JobQueues;
  let redisUrl: string;
  const token: Record<string, string> = {};
  let supervisorId: string;

  beforeAll(async () => {
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    const supervisor = await makeUser(h.database.db, 'supervisor');
    supervisorId = supervisor.id;
    for (const [name, user] of Object.entries({ citizen: s.citizen, reviewer: s.reviewer, supervisor }))
      token[name] = await h.login(user.username);
    // Queues under a prefix of this file's own, so emptying them touches no other test or run.
    redisUrl = testRedisUrl;
    queues = openJobQueues(redisUrl, ownQueuePrefix(`deadlines-${driver}`));
  });
  afterAll(async () => {
    await queues.close();
    await emptyQueuePrefix(redisUrl, queues.prefix);
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
    });
    expect(filed.status).toBe(201);
    return filed.body;
  };
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const current = (await h.call('GET', `/api/v1/cases/${id}`, { token: token.supervisor })).body;
    return h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
  };
  const pendingTimers = (caseId: string) => pendingTimersOfCase(h.database.db, caseId);
  const breachEvents = async (caseId: string) =>
    (
      await h.database.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.event, 'DEADLINE_BREACHED')))
    ).length;

  it('keeps a warning and a breach timer in step with the clock, paused and resumed', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const filed = await file();
    // 20 days from 2026-11-25 (Beijing): due at 24:00 on 12-15; warned 4 days before, at 24:00 on 12-11.
    expect(filed.deadline).toMatchObject({
      dueAt: '2026-12-15T16:00:00.000Z',
      warningAt: '2026-12-11T16:00:00.000Z',
      sla: 'on_track',
    });
    const armed = await pendingTimers(filed.id);
    expect(armed.map((t) => `${t.kind} ${t.fireAt.toISOString()}`).sort()).toEqual([
      'breach 2026-12-15T16:00:00.000Z',
      'warning 2026-12-11T16:00:00.000Z',
    ]);

    h.clock.advanceDays(2);
    await send(filed.id, 'reviewer', {
      type: 'REQUEST_MATERIAL',
      reasonCode: 'material_incomplete',
      requested: 'Receipt',
    });
    // The answer's timers are gone while it is paused; only the material period's run (objection
    // v4, issue 15: 10 working days from Friday 11-27 end on Friday 12-11).
    expect(
      (await pendingTimers(filed.id)).map((t) => `${t.deadline} ${t.kind} ${t.dueAt.toISOString()}`).sort(),
    ).toEqual([
      'objection.material breach 2026-12-11T16:00:00.000Z',
      'objection.material warning 2026-12-11T16:00:00.000Z',
    ]);
    h.clock.advanceDays(5);
    const resumed = await send(filed.id, 'citizen', { type: 'SUBMIT_MATERIAL', material: 'Attached' });
    // 2 days used; 18 remain from 12-02, ending on Sunday 12-20, which moves to Monday 12-21.
    expect(resumed.body.deadline).toMatchObject({
      paused: false,
      usedDays: 2,
      dueAt: '2026-12-21T16:00:00.000Z',
      sla: 'on_track',
    });
    expect((await pendingTimers(filed.id)).map((t) => `${t.deadline} ${t.kind}`).sort()).toEqual([
      'objection.answer breach',
      'objection.answer warning',
    ]);
  });

  it('warns the assignee and the supervisors at the warning point, and records a breach once at the deadline', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const filed = await file();
    await send(filed.id, 'reviewer', { type: 'ACCEPT' });
    expect((await pendingTimers(filed.id)).map((t) => t.kind).sort()).toEqual(['breach', 'warning']);
    h.clock.set('2026-12-12T01:00:00Z');
    expect((await h.call('GET', `/api/v1/cases/${filed.id}`, { token: token.reviewer })).body.deadline.sla).toBe(
      'at_risk',
    );
    const ids = async (sla: string) =>
      (await h.call('GET', `/api/v1/cases?sla=${sla}&limit=200`, { token: token.reviewer })).body.cases.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids('at_risk')).toContain(filed.id);
    expect(await ids('on_track')).not.toContain(filed.id);
    expect(await fireCaseTimers(h.services, filed.id)).toBe('warned');
    // Warned once: the clock keeps it, and what is left is the deadline, not due yet.
    expect(await fireCaseTimers(h.services, filed.id)).toBe('not-due');
    expect((await pendingTimers(filed.id)).map((t) => t.kind)).toEqual(['breach']);
    const warned = await h.database.db.select().from(notifications).where(eq(notifications.caseId, filed.id));
    expect(warned.filter((n) => n.topic === 'deadline_warning').map((n) => n.userId)).toEqual(
      expect.arrayContaining([s.reviewer.id, supervisorId]),
    );

    h.clock.set('2026-12-16T01:00:00Z');
    // Two workers at once: one breach.
    const outcomes = await Promise.all([fireCaseTimers(h.services, filed.id), fireCaseTimers(h.services, filed.id)]);
    expect(outcomes.sort()).toEqual(['already-done', 'breached']);
    expect(await breachEvents(filed.id)).toBe(1);
    expect(await ids('breached')).toContain(filed.id);
    const summary = await h.call('GET', '/api/v1/sla/summary', { token: token.supervisor });
    expect(summary.status).toBe(200);
    expect(summary.body.breached.map((c: { id: string }) => c.id)).toContain(filed.id);
    expect(summary.body.byTypeStateAndSla).toContainEqual({
      type: 'objection',
      state: 'verifying',
      sla: 'breached',
      open: expect.any(Number),
    });
    expect(summary.body.weekly.length).toBeGreaterThan(0);
    expect((await h.call('GET', '/api/v1/sla/summary', { token: token.reviewer })).status).toBe(403);
    const after = (await h.call('GET', `/api/v1/cases/${filed.id}`, { token: token.reviewer })).body;
    expect(after).toMatchObject({
      state: 'verifying',
      deadline: { sla: 'breached', breachedAt: '2026-12-16T01:00:00.000Z' },
    });
    const trail = (await h.call('GET', `/api/v1/cases/${filed.id}/audit`, { token: token.citizen })).body.events;
    expect(trail.at(-1)).toMatchObject({
      event: 'DEADLINE_BREACHED',
      actorRole: 'system',
      fromState: 'verifying',
      toState: 'verifying',
    });
    expect((await h.call('GET', `/api/v1/cases/${filed.id}/audit/verify`, { token: token.citizen })).body.valid).toBe(
      true,
    );
    // The case goes on: a breach is a record, not a stop.
    expect(
      (await send(filed.id, 'reviewer', { type: 'AGENCY_CONFIRMED', answer: 'Late, but confirmed.' })).status,
    ).toBe(200);
  });

  it('moves an administrative review on by itself where the law gives silence a meaning, on the period’s last day', async () => {
    h.clock.set('2026-06-01T02:00:00Z');
    const filed = await file();
    for (const body of [
      { type: 'ACCEPT' },
      { type: 'AGENCY_CONFIRMED', answer: 'Stands.' },
      { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'Stands.' },
    ])
      await send(filed.id, 'reviewer', body);
    const review = (
      await h.call('POST', '/api/v1/cases', {
        token: token.citizen,
        body: {
          type: 'administrative-review',
          parentCaseId: filed.id,
          reviewBody: '测试市人民政府',
          filedOn: '2026-06-01',
          learnedOn: '2026-06-01',
          toldOfRight: true,
          grounds: 'Wrong.',
          request: 'Revoke it.',
        },
      })
    ).body;
    // 5 working days from Monday 06-01: due at 24:00 on Monday 06-08 (行政复议法 arts. 30, 88).
    expect(review.deadline).toMatchObject({ key: 'administrativeReview.accept', dueAt: '2026-06-08T16:00:00.000Z' });
    expect((await pendingTimers(review.id)).filter((t) => t.kind === 'breach')).toHaveLength(1);
    h.clock.set('2026-06-09T01:00:00Z');
    expect(await fireCaseTimers(h.services, review.id)).toBe('moved-on');
    const accepted = (await h.call('GET', `/api/v1/cases/${review.id}`, { token: token.citizen })).body;
    // Accepted on 06-08, the last day: 60 days from it end on Friday 08-07, not 08-08.
    expect(accepted).toMatchObject({
      state: 'copyToRespondent',
      deadline: { key: 'administrativeReview.decide', dueAt: '2026-08-07T16:00:00.000Z' },
    });
    // The stored clock starts at the last moment of 06-08, not at the timer's run on 06-09.
    const [row] = await h.database.db.select({ clock: cases.clock }).from(cases).where(eq(cases.id, review.id));
    expect(row?.clock).toMatchObject({ startedAt: '2026-06-08T15:59:59.999Z' });
    const trail = (await h.call('GET', `/api/v1/cases/${review.id}/audit`, { token: token.citizen })).body.events;
    expect(trail.at(-1)).toMatchObject({ event: 'DEEMED_ACCEPTED', actorRole: 'system', toState: 'copyToRespondent' });
  });

  it('flags a deadline in a year the calendar lacks, and computes it when a supervisor loads that year', async () => {
    h.clock.set('2026-12-20T02:00:00Z');
    const filed = await file();
    expect(filed.deadline).toMatchObject({ dueAt: null, dueUnknown: { year: 2027 }, sla: 'unknown' });
    expect(await pendingTimers(filed.id)).toEqual([]);
    const refused = await h.call('PUT', '/api/v1/calendar/years/2027', {
      token: token.reviewer,
      body: { source: 'x', days: [{ day: '2027-01-01', kind: 'holiday', name: "New Year's Day" }] },
    });
    expect(refused.status).toBe(403);
    const loaded = await h.call('PUT', '/api/v1/calendar/years/2027', {
      token: token.supervisor,
      body: {
        source: 'State Council notice for 2027 (test)',
        days: [
          { day: '2027-01-01', kind: 'holiday', name: "New Year's Day" },
          { day: '2027-01-09', kind: 'workday', name: 'worked Saturday' },
        ],
      },
    });
    expect(loaded.status).toBe(200);
    expect(loaded.body.casesComputed).toBeGreaterThanOrEqual(1);
    // 20 days from 12-20 is Saturday 2027-01-09, a worked day in this notice: it stays.
    const computed = (await h.call('GET', `/api/v1/cases/${filed.id}`, { token: token.citizen })).body;
    expect(computed.deadline).toMatchObject({ dueAt: '2027-01-09T16:00:00.000Z', dueUnknown: null, sla: 'on_track' });
    expect((await pendingTimers(filed.id)).map((t) => t.kind).sort()).toEqual(['breach', 'warning']);
    const trail = (await h.call('GET', `/api/v1/cases/${filed.id}/audit`, { token: token.citizen })).body.events;
    expect(trail.at(-1)).toMatchObject({ event: 'DEADLINE_COMPUTED', actorRole: 'supervisor' });
    const years = (await h.call('GET', '/api/v1/calendar/years', { token: token.reviewer })).body.years.map(
      (y: { year: number }) => y.year,
    );
    expect(years).toContain(2027);
  });

  it('does nothing for a timer whose clock moved on', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const filed = await file();
    // A job that runs before its moment (a stale or promoted job) does nothing yet.
    expect(await fireCaseTimers(h.services, filed.id)).toBe('not-due');
    expect(await pendingTimers(filed.id)).toHaveLength(2);
    await send(filed.id, 'citizen', { type: 'WITHDRAW' });
    expect(await pendingTimers(filed.id)).toEqual([]);
    // Cancelled with the withdrawal; even forced, it changes nothing.
    expect(await fireCaseTimers(h.services, filed.id)).toBe('already-done');
    expect(await breachEvents(filed.id)).toBe(0);
  });

  it('loses nothing when Redis is emptied, and a worker that dies after committing is retried without a second breach', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const filed = await file();
    h.clock.set('2026-12-16T01:00:00Z');
    const first = await reconcileTimers(h.services, queues);
    expect(first.enqueued).toBeGreaterThanOrEqual(1);
    expect(await emptyQueuePrefix(redisUrl, queues.prefix)).toBeGreaterThan(0);
    expect(await queues.timers.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 0, waiting: 0 });
    const again = await reconcileTimers(h.services, queues);
    expect(again.enqueued).toBe(first.enqueued);

    // The worker's first attempt commits, then dies before it can say so; BullMQ runs it again.
    const connection = redisConnection(redisUrl);
    const died = new Set<string>();
    const handle = caseTimerJob.handle(h.services);
    const worker = new Worker(
      queueNames.timers,
      async (job) => {
        const outcome = await handle(job);
        if (!died.has(job.id!)) {
          died.add(job.id!);
          throw new Error('worker killed after commit');
        }
        return outcome;
      },
      { connection, prefix: queues.prefix, concurrency: 2 },
    );
    await waitFor(
      'the retried jobs to complete',
      async () => ((await queues.timers.getJobCounts('completed')).completed ?? 0) >= again.enqueued,
    );
    await worker.close();
    connection.disconnect();
    expect(await breachEvents(filed.id)).toBe(1);
    expect(await pendingTimers(filed.id)).toEqual([]);
  });

  it('runs the relay, the reconciler and the timers as workers', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const filed = await file();
    h.clock.set('2026-12-16T01:00:00Z');
    const running = startWorkers(h.services, queues, redisUrl);
    await queues.maintenance.add('reconcile-timers', {});
    await waitFor('the worker to record the breach', async () => (await breachEvents(filed.id)) === 1);
    await running.close();
  });

  it('shows bull-board to supervisors only', async () => {
    const app = createApp(h.services, { queues });
    const as = (who?: string) =>
      app.request('/admin/queues', { headers: who ? { cookie: `xiufu_session=${token[who]}` } : {} });
    expect((await as('supervisor')).status).toBe(200);
    expect((await as('citizen')).status).toBe(403);
    expect((await as('reviewer')).status).toBe(403);
    const anonymous = await as();
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Fqueues');
  });
});
