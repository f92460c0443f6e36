// Redis lost under running workers (issue 12, item 2), with a private redis-server of this
// file's own, on PostgreSQL and PGlite, the clock injected: the workers' process makes sure its
// repeating jobs exist whenever it reconnects to Redis and at a fixed interval, so deadlines
// queued in a Redis that is killed and started again empty still fire, each exactly once,
// without restarting anything. While Redis is away, /readyz says not ready once a timer is
// overdue past the margin, /metrics shows the oldest overdue timer's age, and /metrics and
// /admin/queues answer within a second instead of waiting for Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { and, eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents } from '../../db/schema.js';
import { createApp } from '../../src/http/app.js';
import { freePort } from '../../src/jobs/ensure-redis.js';
import { openJobQueues, type JobQueues } from '../../src/jobs/queues.js';
import { reconcileTimers, reconcileTimersJob } from '../../src/jobs/reconcile-timers.job.js';
import { runJobWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { pendingTimersOfCase } from '../helpers/case-timers.js';
import { drivers } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait.js';

/** A redis-server that keeps nothing on disk, as in the report: restarted, it starts empty. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { cwd: tmpdir(), stdio: 'ignore' },
  );
  await waitFor('redis-server to answer', async () => {
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } finally {
      probe.disconnect();
    }
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The answer and how long it took; a request still waiting after `limitMs` fails the test instead of hanging it. */
async function timed(
  request: () => Response | Promise<Response>,
  limitMs = 3_000,
): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await Promise.race([
    Promise.resolve(request()),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs)),
  ]);
  return { response, ms: performance.now() - started };
}

describe.each(drivers)('deadline timers across a Redis restart (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let port: number;
  let redis: ChildProcess;
  let redisUrl: string;
  let queues: JobQueues;
  let supervisorToken: string;
  const running: RunningWorkers[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    redisUrl = `redis://127.0.0.1:${port}`;
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    supervisorToken = await h.login((await makeUser(h.database.db, 'supervisor')).username);
    queues = openJobQueues(redisUrl, `restart-${driver}`);
  });
  afterAll(async () => {
    for (const workers of running) await workers.close();
    await queues.close();
    await kill(redis);
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const citizenToken = () => h.login(s.citizen.username);
  const fileObjections = async (howMany: number) => {
    const token = await citizenToken();
    const ids: string[] = [];
    for (let i = 0; i < howMany; i += 1) {
      const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
      const filed = await h.call('POST', '/api/v1/cases', {
        token,
        body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
      });
      expect(filed.status).toBe(201);
      ids.push(filed.body.id);
    }
    return ids;
  };
  const pendingTimersOf = async (caseIds: string[]) =>
    (await Promise.all(caseIds.map((id) => pendingTimersOfCase(h.database.db, id)))).flat();
  const recordedOf = async (caseIds: string[], event: 'DEADLINE_WARNED' | 'DEADLINE_BREACHED') => {
    const rows = await h.database.db
      .select({ caseId: caseEvents.caseId })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.event, event)));
    return caseIds.map((id) => rows.filter((r) => r.caseId === id).length);
  };
  const breachesOf = (caseIds: string[]) => recordedOf(caseIds, 'DEADLINE_BREACHED');

  it('fires every timer queued in a Redis that was killed and started empty, each once, without restarting the workers', {
    timeout: 120_000,
  }, async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const caseIds = await fileObjections(8);
    // 20 days from 11-25: due at 24:00 Beijing on 12-15, warned at 24:00 on 12-11. Ten minutes
    // before the deadline the warnings are due (they fire at once) and the breaches are queued.
    h.clock.set('2026-12-15T15:50:00Z');
    running.push(await runJobWorkers(h.services, queues, redisUrl));
    await waitFor('the warnings to fire', async () =>
      (await recordedOf(caseIds, 'DEADLINE_WARNED')).every((n) => n === 1),
    );
    await waitFor(
      'the breaches to be queued',
      async () => ((await queues.timers.getJobCounts('delayed')).delayed ?? 0) >= 8,
    );

    await kill(redis);
    // Three minutes past the deadline, with Redis away.
    h.clock.set('2026-12-15T16:03:00Z');
    const app = createApp(h.services, { queues });
    const readiness = await timed(() => app.request('/readyz'));
    expect(readiness.response.status).toBe(503);
    expect(await readiness.response.json()).toMatchObject({
      status: 'not ready',
      database: 'ok',
      redis: 'unreachable',
      timers: 'overdue',
      oldestOverdueSeconds: 180,
    });
    const metrics = await timed(() => app.request('/metrics'));
    expect(metrics.ms).toBeLessThan(1_000);
    expect(metrics.response.status).toBe(200);
    const scraped = await metrics.response.text();
    expect(scraped).toMatch(/^xiufu_timers_oldest_overdue_seconds 180$/m);
    // The queue depths cannot be read now: missing, not made up.
    expect(scraped).not.toMatch(/^xiufu_queue_jobs\{/m);
    const board = await timed(() =>
      app.request('/admin/queues', {
        headers: { cookie: `xiufu_session=${supervisorToken}`, 'accept-language': 'en' },
      }),
    );
    expect(board.ms).toBeLessThan(1_000);
    expect(board.response.status).toBe(503);
    expect(await board.response.text()).toContain('Redis');

    redis = await startRedis(port);
    await waitFor('every breach to be recorded', async () => (await breachesOf(caseIds)).every((n) => n >= 1), 60_000);
    await waitFor('every timer to be fired', async () => (await pendingTimersOf(caseIds)).length === 0);
    // A further round finds nothing left to do, and no breach is recorded twice.
    expect(await reconcileTimers(h.services, queues)).toEqual({ enqueued: 0, retried: 0, advanced: 0 });
    expect(await breachesOf(caseIds)).toEqual(caseIds.map(() => 1));
    const ready = await app.request('/readyz');
    expect(await ready.json()).toMatchObject({ status: 'ready', redis: 'ok', timers: 'ok', oldestOverdueSeconds: 0 });
    expect(await (await app.request('/metrics')).text()).toMatch(/^xiufu_timers_oldest_overdue_seconds 0$/m);
  });

  it('schedules the repeating jobs again when Redis is emptied without a reconnection', {
    timeout: 60_000,
  }, async () => {
    for (const workers of running.splice(0)) await workers.close();
    h.clock.set('2026-11-25T02:00:00Z');
    const caseIds = await fileObjections(2);
    h.clock.set('2026-12-15T15:50:00Z');
    running.push(await runJobWorkers(h.services, queues, redisUrl, { scheduleCheckEveryMs: 250 }));
    await waitFor(
      'the breaches to be queued',
      async () => ((await queues.timers.getJobCounts('delayed')).delayed ?? 0) >= 2,
    );
    const admin = new Redis(redisUrl);
    await admin.flushall();
    admin.disconnect();
    h.clock.set('2026-12-16T01:00:00Z');
    await waitFor(
      'the reconciler to be scheduled again',
      async () => (await queues.maintenance.getJobScheduler(reconcileTimersJob.name)) !== undefined,
      10_000,
    );
    await waitFor('every breach to be recorded', async () => (await breachesOf(caseIds)).every((n) => n >= 1));
    expect(await breachesOf(caseIds)).toEqual([1, 1]);
    expect(await pendingTimersOf(caseIds)).toEqual([]);
  });
});
