// GET /healthz: the process is up and its database answers (liveness).
// GET /readyz: the process can do its work: the database and, where it uses one, Redis answer
// (readiness: a load balancer sends traffic only while this is 200).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { JobQueues } from '../../jobs/queues.js';
import type { AppEnv } from '../app-env.js';

async function answers(check: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref())]);
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

export function healthRoutes(queues: JobQueues | undefined) {
  return new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      const database = await answers(() => c.get('services').db.execute(sql`select 1`));
      return c.json({ status: database === 'ok' ? 'ok' : 'degraded', database }, database === 'ok' ? 200 : 503);
    })
    .get('/readyz', async (c) => {
      const [database, redis] = await Promise.all([
        answers(() => c.get('services').db.execute(sql`select 1`)),
        queues ? answers(() => queues.connection.ping()) : Promise.resolve('not used' as const),
      ]);
      const ready = database === 'ok' && redis !== 'unreachable';
      return c.json({ status: ready ? 'ready' : 'not ready', database, redis }, ready ? 200 : 503);
    });
}
