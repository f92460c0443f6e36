// Service levels of a case's clock: the warning point before a deadline (per policy, else a
// fifth of the limit, at least one day) and the status a supervisor watches — on track, at
// risk, breached — plus paused and stopped clocks.
import { chinaDayOf, endOfChinaDay, isWorkingDay, type WorkingDayCalendar } from './calendar.js';
import type { CaseClock } from './case-clock.js';
import { isDomainError } from './errors.js';

export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'paused' | 'stopped' | 'unknown';

export function warnBeforeDaysOf(clock: Pick<CaseClock, 'limit'>, warnBeforeDays?: number): number {
  return warnBeforeDays ?? Math.max(1, Math.ceil(clock.limit / 5));
}

/**
 * The warning moment: 24:00 of the day `days` (of the clock's unit) before the deadline's
 * last day. Null when it cannot be counted (a calendar year is missing) or lies before the
 * clock started.
 */
export function warningMomentOf(clock: CaseClock, warnBeforeDays: number, calendar: WorkingDayCalendar): Date | null {
  if (!clock.dueAt) return null;
  let day = chinaDayOf(new Date(Date.parse(clock.dueAt) - 1));
  try {
    for (let counted = 0; counted < warnBeforeDays; ) {
      day -= 1;
      if (clock.unit === 'calendar' || isWorkingDay(calendar, day)) counted += 1;
    }
  } catch (error) {
    if (isDomainError(error, 'CALENDAR_YEAR_MISSING')) return null;
    throw error;
  }
  const moment = endOfChinaDay(day);
  return moment.getTime() > Date.parse(clock.runningSince) ? moment : null;
}

export function slaStatusOf(clock: CaseClock | null, now: Date, warningAt: Date | null): SlaStatus {
  if (!clock) return 'stopped';
  if (clock.breachedAt) return 'breached';
  if (clock.stoppedAt) return 'stopped';
  if (clock.pausedAt) return 'paused';
  if (!clock.dueAt) return 'unknown';
  if (now.getTime() >= Date.parse(clock.dueAt)) return 'breached';
  if (warningAt && now.getTime() >= warningAt.getTime()) return 'at_risk';
  return 'on_track';
}

/**
 * The moments that decide a case's SLA status over all its clocks, kept on the case row so
 * that queues and counts over many cases compare timestamps instead of reading every clock's
 * JSON (src/services/sla-status-sql.ts): the case is breached from `breachAt` (a recorded
 * breach, or a running clock's due moment, whichever is first), at risk from `warningAt` (the
 * first running clock's warning point), on track while any clock runs, and paused while its
 * own clock is paused.
 */
export function slaMomentsOf(
  clock: CaseClock | null,
  otherClocks: readonly CaseClock[],
): { breachAt: Date | null; warningAt: Date | null; running: boolean; paused: boolean } {
  const all = [clock, ...otherClocks].filter((c): c is CaseClock => c !== null);
  const isRunning = (c: CaseClock) => c.dueAt !== null && !c.stoppedAt && !c.pausedAt;
  const earliest = (moments: (string | null | undefined)[]) => {
    const times = moments.filter((m): m is string => typeof m === 'string').map((m) => Date.parse(m));
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  };
  return {
    breachAt: earliest(all.map((c) => c.breachedAt ?? (isRunning(c) ? c.dueAt : null))),
    warningAt: earliest(all.filter(isRunning).map((c) => c.warningAt)),
    running: all.some(isRunning),
    paused: Boolean(clock?.pausedAt),
  };
}
