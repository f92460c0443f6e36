// A case's timers, read from its clocks: a running clock has a breach timer at its due moment
// and, until its warning is recorded, a warning timer at its SLA warning point. There is no
// timers table: the clocks live on the case row, and so does the one moment the job workers
// need, the earliest of these (cases.next_timer_at, written with the clocks in the same UPDATE),
// so keeping timers in step with a case costs no statement of its own.
import type { CaseClock } from './case-clock.js';

export interface CaseTimer {
  /** warning: the SLA warning point; breach: the legal deadline itself. */
  kind: 'warning' | 'breach';
  deadline: string;
  dueAt: Date;
  fireAt: Date;
}

/**
 * The timers still to fire. A clock paused, stopped or already breached has none; a warning
 * counts as recorded only for the due moment it warned of (`warnedDueAt`), so a clock that
 * resumed with another due date warns again. A warning point already passed still fires (at
 * once): an at-risk case is not left unsaid.
 */
export function pendingTimersOf(clocks: readonly (CaseClock | null)[]): CaseTimer[] {
  return clocks.flatMap((clock) => {
    if (!clock?.dueAt || clock.pausedAt || clock.stoppedAt || clock.breachedAt) return [];
    const dueAt = new Date(clock.dueAt);
    const breach: CaseTimer = { kind: 'breach', deadline: clock.deadline, dueAt, fireAt: dueAt };
    const warned = clock.warnedDueAt === clock.dueAt;
    return clock.warningAt && !warned
      ? [{ kind: 'warning', deadline: clock.deadline, dueAt, fireAt: new Date(clock.warningAt) }, breach]
      : [breach];
  });
}

/** The moment the case's next timer fires, or null when none is pending (cases.next_timer_at). */
export function nextTimerAtOf(clocks: readonly (CaseClock | null)[]): Date | null {
  const moments = pendingTimersOf(clocks).map((t) => t.fireAt.getTime());
  return moments.length > 0 ? new Date(Math.min(...moments)) : null;
}

/** The timers due at `at`, a breach before a warning (a warning its breach overtook is moot). */
export function dueTimersOf(clocks: readonly (CaseClock | null)[], at: Date): CaseTimer[] {
  const due = pendingTimersOf(clocks).filter((t) => t.fireAt.getTime() <= at.getTime());
  const breached = new Set(due.filter((t) => t.kind === 'breach').map((t) => t.deadline));
  return [
    ...due.filter((t) => t.kind === 'breach'),
    ...due.filter((t) => t.kind === 'warning' && !breached.has(t.deadline)),
  ];
}
