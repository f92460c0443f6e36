// What operators read: /metrics in Prometheus's format (transitions by type and outcome, HTTP
// latency by route pattern, open cases by SLA status, queue depths, the oldest overdue timer,
// process memory), /readyz with the database, Redis and overdue timers, and a JSON log line per
// request carrying its request id.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { openJobQueues } from '../../src/jobs/queues.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';
import { ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';

describe.each(drivers)('operations endpoints (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(driver);
  });
  afterAll(() => h.close());

  it('counts transitions by type, event and outcome, HTTP latency by route pattern, and open cases by SLA status', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const owner = await h.login(s.citizen.username);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: owner,
      body: { type: 'objection', recordId: s.record.id, reason: 'Paid.' },
    });
    const reviewer = await h.login(s.reviewer.username);
    const send = async (type: string, version: number) =>
      (
        await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
          token: reviewer,
          body: { type },
          headers: { 'if-match': `"${version}"` },
        })
      ).status;
    expect(await send('ACCEPT', 1)).toBe(200);
    expect(await send('ACCEPT', 1)).toBe(409);
    expect(await send('MADE_UP', 2)).toBe(422);

    const response = await h.app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(
      /xiufu_case_transitions_total\{case_type="objection",event="ACCEPT",outcome="applied"\} [1-9]/,
    );
    expect(text).toMatch(
      /xiufu_case_transitions_total\{case_type="any",event="ACCEPT",outcome="VERSION_CONFLICT"\} [1-9]/,
    );
    expect(text).toMatch(
      /xiufu_case_transitions_total\{case_type="any",event="\(unknown\)",outcome="INVALID_INPUT"\} [1-9]/,
    );
    expect(text).toMatch(
      /xiufu_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/cases\/:id\/events",status="200"\} [1-9]/,
    );
    expect(text).not.toContain(filed.body.id);
    expect(text).toMatch(/xiufu_open_cases\{sla="on_track"\} [1-9]/);
    expect(text).toMatch(/xiufu_process_resident_memory_bytes [1-9]/);
  });

  it('is ready when the database answers and there is no Redis to need', async () => {
    const response = await h.call('GET', '/readyz');
    expect(response).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok', redis: 'not used', timers: 'ok', oldestOverdueSeconds: 0 },
    });
  });

  it('reports Redis and its queues when it has them, and not ready when Redis does not answer', {
    timeout: 20_000,
  }, async () => {
    const queues = openJobQueues(testRedisUrl, ownQueuePrefix(`ops-${driver}`));
    const dead = openJobQueues('redis://127.0.0.1:1', `ops-dead-${driver}`);
    dead.connection.on('error', () => {});
    for (const queue of dead.all) queue.on('error', () => {});
    try {
      const withRedis = createApp(h.services, { queues });
      const ready = await withRedis.request('/readyz');
      expect(await ready.json()).toEqual({
        status: 'ready',
        database: 'ok',
        redis: 'ok',
        timers: 'ok',
        oldestOverdueSeconds: 0,
      });
      expect(await (await withRedis.request('/metrics')).text()).toMatch(
        /xiufu_queue_jobs\{queue="case-timers",state="waiting"\} \d/,
      );
      const withoutRedis = createApp(h.services, { queues: dead });
      const notReady = await withoutRedis.request('/readyz');
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: 'not ready',
        database: 'ok',
        redis: 'unreachable',
        timers: 'ok',
        oldestOverdueSeconds: 0,
      });
    } finally {
      await queues.close();
      dead.connection.disconnect();
      await Promise.all(dead.all.map((q) => q.close().catch(() => {})));
    }
  });

  it('writes one JSON line per request with its request id, route pattern, status and duration', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = createApp(h.services, { logger: pino(sink) });
    const s = await makeObjectionScenario(h.database.db);
    const token = await h.login(s.reviewer.username);
    const response = await app.request('/api/v1/cases/00000000-0000-4000-8000-000000000000', {
      headers: { authorization: `Bearer ${token}` },
    });
    const entry = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      msg: 'request',
      method: 'GET',
      route: '/api/v1/cases/:id',
      status: 404,
      requestId: response.headers.get('x-request-id'),
    });
    expect(typeof entry.ms).toBe('number');
  });

  it('is not ready while a deadline timer is overdue by more than the margin, and shows its age in /metrics', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const s = await makeObjectionScenario(h.database.db);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: await h.login(s.citizen.username),
      body: { type: 'objection', recordId: s.record.id, reason: 'Paid.' },
    });
    // Warned at 24:00 Beijing on 12-11 (2026-12-11T16:00Z); a minute later no worker has fired it.
    expect(filed.body.deadline.warningAt).toBe('2026-12-11T16:00:00.000Z');
    h.clock.set('2026-12-11T16:01:00Z');
    const defaultMargin = await h.call('GET', '/readyz');
    expect(defaultMargin).toMatchObject({
      status: 200,
      body: { status: 'ready', timers: 'ok', oldestOverdueSeconds: 60 },
    });
    expect(await (await h.app.request('/metrics')).text()).toMatch(/^xiufu_timers_oldest_overdue_seconds 60$/m);
    const strict = createApp(h.services, { timerOverdueMarginSeconds: 30 });
    const notReady = await strict.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not ready',
      database: 'ok',
      redis: 'not used',
      timers: 'overdue',
      oldestOverdueSeconds: 60,
    });
    h.clock.set('2026-12-11T16:02:01Z');
    expect(await h.call('GET', '/readyz')).toMatchObject({
      status: 503,
      body: { timers: 'overdue', oldestOverdueSeconds: 121 },
    });
  });
});
