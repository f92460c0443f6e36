// Keeps a case's timers in step with its clock, in the case's own transaction: a running clock
// has a warning timer (the SLA warning point) and a breach timer (the deadline); a clock that
// paused, stopped, moved or breached has its pending timers cancelled. The timers table is the
// truth; the job workers only execute it (src/jobs).
import { sql } from 'drizzle-orm';
import { timers } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import type { CaseClock } from '../domain/case-clock.js';
import type { PolicyVersion } from '../domain/policy.js';
import { warnBeforeDaysOf, warningMomentOf } from '../domain/sla.js';

interface DesiredTimer {
  kind: 'warning' | 'breach';
  deadline: string;
  dueAt: Date;
  fireAt: Date;
}

export function desiredTimersOf(
  clock: CaseClock | null,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
  _now: Date,
): DesiredTimer[] {
  if (!clock?.dueAt || clock.pausedAt || clock.stoppedAt || clock.breachedAt) return [];
  const dueAt = new Date(clock.dueAt);
  const desired: DesiredTimer[] = [{ kind: 'breach', deadline: clock.deadline, dueAt, fireAt: dueAt }];
  const rule = policy.deadlines[clock.deadline];
  const warningAt = warningMomentOf(clock, warnBeforeDaysOf(clock, rule?.warnBeforeDays), calendar);
  // A warning point already passed still warns (at once): an at-risk case is not left unsaid.
  if (warningAt) desired.push({ kind: 'warning', deadline: clock.deadline, dueAt, fireAt: warningAt });
  return desired;
}

/** Whether two sets of desired timers are the same timers (in any order). */
export function sameTimers(a: readonly DesiredTimer[], b: readonly DesiredTimer[]): boolean {
  const key = (t: DesiredTimer) => `${t.kind} ${t.deadline} ${t.dueAt.getTime()} ${t.fireAt.getTime()}`;
  const keys = new Set(a.map(key));
  return a.length === b.length && keys.size === a.length && b.every((t) => keys.has(key(t)));
}

/**
 * One statement: pending timers the clocks no longer want are cancelled, and wanted ones not
 * already there (pending or fired) are inserted. Both parts see the timers as they were before
 * the statement, which is what makes them one consistent comparison.
 */
export async function syncCaseTimers(tx: Executor, caseId: string, desired: DesiredTimer[], now: Date): Promise<void> {
  const at = now.toISOString();
  if (desired.length === 0) {
    await tx.execute(
      sql`update ${timers} set cancelled_at = ${at}::timestamptz where case_id = ${caseId} and fired_at is null and cancelled_at is null`,
    );
    return;
  }
  const wanted = sql.join(
    desired.map(
      (d) =>
        sql`(${d.kind}::text, ${d.deadline}::text, ${d.dueAt.toISOString()}::timestamptz, ${d.fireAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    with desired (kind, deadline, due_at, fire_at) as (values ${wanted}),
    cancelled as (
      update ${timers} t set cancelled_at = ${at}::timestamptz
      where t.case_id = ${caseId} and t.fired_at is null and t.cancelled_at is null
        and not exists (select 1 from desired d where d.kind = t.kind and d.deadline = t.deadline and d.due_at = t.due_at)
    )
    insert into ${timers} (case_id, kind, deadline, due_at, fire_at, created_at)
    select ${caseId}::uuid, d.kind, d.deadline, d.due_at, d.fire_at, ${at}::timestamptz from desired d
    where not exists (
      select 1 from ${timers} t
      where t.case_id = ${caseId} and t.cancelled_at is null and t.kind = d.kind and t.deadline = d.deadline and t.due_at = d.due_at
    )`);
}
