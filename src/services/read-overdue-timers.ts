// How late the deadline timers run: the age of the oldest timer that should have fired and has
// not (pending: neither fired nor cancelled), read from the database, the truth for timers, on
// the services' clock. /readyz says not ready past a margin and /metrics shows the age, so a
// queue that stopped (Redis lost its jobs, no worker runs) is seen, not discovered by a citizen.
import { and, isNull, lte, min } from 'drizzle-orm';
import { timers } from '../../db/schema.js';
import type { ServiceContext } from './context.js';

/** Seconds since the oldest pending timer was due to fire; 0 when none is overdue. */
export async function readOldestOverdueTimerAge(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<number> {
  const now = ctx.now();
  // The partial index timers_pending_idx (fire_at, pending only) answers this from its first entry.
  const [row] = await ctx.db
    .select({ oldest: min(timers.fireAt) })
    .from(timers)
    .where(and(isNull(timers.firedAt), isNull(timers.cancelledAt), lte(timers.fireAt, now)));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : 0;
}
