// Whether the database answers at all: the liveness check (/healthz).
import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context.js';

export async function pingDatabase(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await ctx.db.execute(sql`select 1`);
}
