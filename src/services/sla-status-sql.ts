// The SLA status of a case as SQL, for filters and counts over many cases at once. It compares
// the SLA moments the case engine keeps on every case row (slaMomentsOf, src/domain/sla.ts)
// with the moment asked about, so a count over a million open cases reads no clock JSON.
import { sql, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema.js';

/** The worst status over the state's own clock and the case's further clocks. */
export function slaStatusSql(now: Date): SQL<string> {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql<string>`case
    when ${cases.slaBreachAt} <= ${at} then 'breached'
    when ${cases.slaWarningAt} <= ${at} then 'at_risk'
    when ${cases.slaRunning} then 'on_track'
    when ${cases.slaPaused} then 'paused'
    else 'none' end`;
}
