// GET /healthz: the process is up and its database answers.
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  try {
    await c.get('services').db.execute(sql`select 1`);
    return c.json({ status: 'ok', database: 'ok' }, 200);
  } catch {
    return c.json({ status: 'degraded', database: 'unreachable' }, 503);
  }
});
