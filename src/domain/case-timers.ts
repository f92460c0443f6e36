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

/**
 * The timers due at `at`: breaches first, the earliest first, and of two due at one moment the
 * further clock's before the state's own (whose consequence may move the case on and stop the
 * other clock before its breach is recorded); then warnings, less any whose breach overtook it.
 */
export function dueTimersOf(clocks: readonly (CaseClock | null)[], at: Date): CaseTimer[] {
  const [own, ...others] = clocks;
  const due = (list: readonly (CaseClock | null)[]) =>
    pendingTimersOf(list).filter((t) => t.fireAt.getTime() <= at.getTime());
  const breaches = [
    ...due(others).map((t) => ({ t, ownClock: 0 })),
    ...due([own ?? null]).map((t) => ({ t, ownClock: 1 })),
  ]
    .filter(({ t }) => t.kind === 'breach')
    .sort((a, b) => a.t.dueAt.getTime() - b.t.dueAt.getTime() || a.ownClock - b.ownClock)
    .map(({ t }) => t);
  const breached = new Set(breaches.map((t) => t.deadline));
  return [...breaches, ...due(clocks).filter((t) => t.kind === 'warning' && !breached.has(t.deadline))];
}
