// Keeps a case's timers in step with its clock, in the case's own transaction: a running clock
// has a warning timer (the SLA warning point) and a breach timer (the deadline); a clock that
// paused, stopped, moved or breached has its pending timers cancelled. The timers table is the
// truth; the job workers only execute it (src/jobs).
import { and, eq, inArray, isNull } from 'drizzle-orm';
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

export function desiredTimersOf(clock: CaseClock | null, policy: PolicyVersion, calendar: WorkingDayCalendar, _now: Date): DesiredTimer[] {
  if (!clock?.dueAt || clock.pausedAt || clock.stoppedAt || clock.breachedAt) return [];
  const dueAt = new Date(clock.dueAt);
  const desired: DesiredTimer[] = [{ kind: 'breach', deadline: clock.deadline, dueAt, fireAt: dueAt }];
  const rule = policy.deadlines[clock.deadline];
  const warningAt = warningMomentOf(clock, warnBeforeDaysOf(clock, rule?.warnBeforeDays), calendar);
  // A warning point already passed still warns (at once): an at-risk case is not left unsaid.
  if (warningAt) desired.push({ kind: 'warning', deadline: clock.deadline, dueAt, fireAt: warningAt });
  return desired;
}

export async function syncCaseTimers(tx: Executor, caseId: string, desired: DesiredTimer[], now: Date): Promise<void> {
  const existing = await tx.select().from(timers).where(and(eq(timers.caseId, caseId), isNull(timers.cancelledAt)));
  const same = (t: typeof timers.$inferSelect, d: DesiredTimer) => t.kind === d.kind && t.deadline === d.deadline && t.dueAt.getTime() === d.dueAt.getTime();
  const stale = existing.filter((timer) => !timer.firedAt && !desired.some((d) => same(timer, d))).map((timer) => timer.id);
  const missing = desired.filter((d) => !existing.some((t) => same(t, d)));
  await Promise.all([
    stale.length > 0 ? tx.update(timers).set({ cancelledAt: now }).where(inArray(timers.id, stale)) : null,
    missing.length > 0 ? tx.insert(timers).values(missing.map((d) => ({ caseId, ...d, createdAt: now }))) : null,
  ]);
}
