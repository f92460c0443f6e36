// Making the monthly partitions of case_events ahead of time (migration 0016 partitions the
// audit table by the month each case was opened). Run at every start and daily by the worker;
// idempotent. A month whose rows already went to the default partition (no partition existed
// when its cases were opened) is reported, not made: those rows stay where they are, and an
// operator can move them in a maintenance window (docs/DEPLOYMENT.md).
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

export const caseEventPartitionsJob = {
  name: 'make-case-event-partitions',
  cron: '20 0 * * *',
  timezone: 'Asia/Shanghai',
};

/** The first day (UTC) of `now`'s month, of the `monthsAhead` months after it and the `monthsBack` before. */
export function monthsFrom(now: Date, monthsAhead: number, monthsBack = 0): string[] {
  return Array.from({ length: monthsBack + monthsAhead + 1 }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack + i, 1)).toISOString().slice(0, 10),
  );
}

/** `monthsBack`: the demo files cases dated up to months ago, and makes their months first. */
export async function makeCaseEventPartitions(
  db: Database,
  now: Date,
  monthsAhead = 2,
  monthsBack = 0,
): Promise<{ ready: string[]; heldInDefault: string[] }> {
  const ready: string[] = [];
  const heldInDefault: string[] = [];
  for (const month of monthsFrom(now, monthsAhead, monthsBack)) {
    const [made] = await db
      .select({ ok: sql<boolean>`case_events_make_partition(${month}::date)` })
      .from(sql`(select 1) as one`);
    (made?.ok ? ready : heldInDefault).push(month.slice(0, 7));
  }
  return { ready, heldInDefault };
}
