// The SLA status of a case as SQL, for filters and counts over many cases at once.
import { sql, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema.js';

/**
 * The SLA status of a case row as SQL: the worst over the state's own clock and the case's
 * further clocks (each clock's due moment, warning point and breach are in its JSON).
 */
export function slaStatusSql(now: Date): SQL<string> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const clocks = sql`(select jsonb_agg(c) from jsonb_array_elements(coalesce(jsonb_build_array(${cases.clock}), '[]'::jsonb) || ${cases.otherClocks}) as c where c <> 'null'::jsonb)`;
  const any = (condition: SQL) => sql`exists (select 1 from jsonb_array_elements(coalesce(${clocks}, '[]'::jsonb)) as k where ${condition})`;
  const running = sql`k->>'dueAt' is not null and k->>'stoppedAt' is null and k->>'pausedAt' is null`;
  return sql<string>`case
    when ${any(sql`k->>'breachedAt' is not null or (${running} and (k->>'dueAt')::timestamptz <= ${at})`)} then 'breached'
    when ${any(sql`${running} and (k->>'warningAt')::timestamptz <= ${at}`)} then 'at_risk'
    when ${any(running)} then 'on_track'
    when ${cases.clock}->>'pausedAt' is not null then 'paused'
    else 'none' end`;
}
