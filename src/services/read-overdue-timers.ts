// How late the deadline timers run: the age of the oldest timer that should have fired and has
// not (a case's next_timer_at already past), read from the database, the truth for timers, on
// the services' clock. /readyz says not ready past a margin and /metrics shows the age, so a
// queue that stopped (Redis lost its jobs, no worker runs) is seen, not discovered by a citizen.
import { lte, min } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { ServiceContext } from './context.js';

/** Seconds since the oldest pending timer was due to fire; 0 when none is overdue. */
export async function readOldestOverdueTimerAge(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<number> {
  const now = ctx.now();
  // The partial index cases_next_timer_idx (pending only) answers this from its first entry.
  const [row] = await ctx.db
    .select({ oldest: min(cases.nextTimerAt) })
    .from(cases)
    .where(lte(cases.nextTimerAt, now));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : 0;
}
