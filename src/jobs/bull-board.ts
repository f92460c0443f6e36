// bull-board at /admin/queues: the queues, their delayed and failed jobs, for supervisors and
// admins only (the session cookie decides; anyone else gets the 403 page).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { JobQueues } from './queues.js';

export const bullBoardPath = '/admin/queues';

export function bullBoardApp(queues: JobQueues): Hono {
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(bullBoardPath);
  // Read-only: the database decides when a timer fires; promoting a delayed job by hand must not.
  createBullBoard({ queues: queues.all.map((q) => new BullMQAdapter(q, { readOnlyMode: true })), serverAdapter: adapter });
  return adapter.registerPlugin() as unknown as Hono;
}
