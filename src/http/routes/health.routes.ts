// GET /healthz: the process is up and its database answers (liveness).
// GET /readyz: the process can do its work: the database and, where it uses one, Redis answer,
// and no deadline timer is overdue by more than the margin (readiness: a load balancer sends
// traffic only while this is 200; an overdue timer means the job queues stopped somewhere).
import { Hono } from 'hono';
import { redisAnswers, type JobQueues } from '../../jobs/queues.js';
import { defaultTimerOverdueMarginSeconds } from '../../config/env.js';
import { pingDatabase } from '../../services/ping-database.js';
import { readOldestOverdueTimerAge } from '../../services/read-overdue-timers.js';
import type { AppEnv } from '../app-env.js';

async function answers(check: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
    ]);
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

export function healthRoutes(
  queues: JobQueues | undefined,
  timerOverdueMarginSeconds = defaultTimerOverdueMarginSeconds,
) {
  return new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      const database = await answers(() => pingDatabase(c.get('services')));
      return c.json({ status: database === 'ok' ? 'ok' : 'degraded', database }, database === 'ok' ? 200 : 503);
    })
    .get('/readyz', async (c) => {
      const services = c.get('services');
      // The overdue query is the database's check too: it answers, or the database does not.
      const overdue = readOldestOverdueTimerAge(services);
      const [database, redis] = await Promise.all([
        answers(() => overdue),
        // Not connected: unreachable at once, rather than a ping waiting in ioredis' offline queue.
        queues
          ? redisAnswers(queues.connection, 2_000).then((ok) => (ok ? ('ok' as const) : ('unreachable' as const)))
          : Promise.resolve('not used' as const),
      ]);
      const oldestOverdueSeconds = database === 'ok' ? await overdue : null;
      const timers =
        oldestOverdueSeconds === null ? 'unknown' : oldestOverdueSeconds > timerOverdueMarginSeconds ? 'overdue' : 'ok';
      const ready = database === 'ok' && redis !== 'unreachable' && timers === 'ok';
      return c.json(
        { status: ready ? 'ready' : 'not ready', database, redis, timers, oldestOverdueSeconds },
        ready ? 200 : 503,
      );
    });
}
