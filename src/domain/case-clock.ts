// A case's legal clock: which deadline runs, when it falls due, and how much of it was used
// before a pause. Derived by the case engine from the state a case enters (its meta names a
// deadline key or pauses the clock) and the case's policy version. Stored as plain JSON.
import { addDays, chinaDayOf, daysElapsed, type DayUnit, type WorkingDayCalendar } from './calendar.js';
import { isDomainError } from './errors.js';
import { citationIn } from './citation.js';
import { deadlineRuleOf, type DeadlineKey, type PolicySource, type PolicyVersion } from './policy.js';

/** A rule's source as a clock keeps it: English, and the Chinese where the policy has it. */
function clockSourceOf(source: PolicySource): { source: string; sourceZh?: string } {
  return typeof source === 'string' ? { source } : { source: citationIn('en', source), sourceZh: source.zh };
}

export interface CaseClock {
  deadline: DeadlineKey;
  limit: number;
  unit: DayUnit;
  /** The rule's source in English (what the API and the audit trail carry). */
  source: string;
  /** The same in Simplified Chinese, where the policy gives it: the zh-CN UI shows it. */
  sourceZh?: string;
  /** ISO instants. */
  startedAt: string;
  /** Start of the stretch now running: the start, or the last resumption after a pause. */
  runningSince: string;
  /** When the limit runs out; null while paused or stopped. */
  dueAt: string | null;
  /** Set while the clock is paused (e.g. awaiting the applicant's material). */
  pausedAt: string | null;
  /** Days of `unit` used before the current or last pause. */
  usedDays: number;
  /** Set once the case left every state that the deadline governs. */
  stoppedAt: string | null;
  /**
   * Why dueAt could not be computed: the count reaches a year whose holiday notice is not
   * loaded. The deadline is flagged, never guessed from weekdays alone: only that year's State
   * Council notice says which days are worked (see src/domain/calendar.ts).
   */
  dueUnknown: { year: number; reason: string } | null;
  /** Set when the deadline passed while the clock ran (a breach stays recorded after the case moves on). */
  breachedAt?: string | null;
  /** The SLA warning point of the running stretch (set by the case engine from the policy). */
  warningAt?: string | null;
  /**
   * When the warning was recorded (DEADLINE_WARNED), and the due moment it warned of: a clock
   * that moved on to another due moment has not been warned of that one (src/domain/case-timers.ts).
   */
  warnedAt?: string | null;
  warnedDueAt?: string | null;
  /** Stretches that ran while their days could not be counted (a calendar year missing); added to usedDays once they can. */
  unsettled?: { from: string; to: string }[];
  /**
   * Days of `limit` that are an extension (行政复议法 art. 62): they are counted from the last
   * day of the original period as holidays moved it, not added to the original count.
   */
  extendedDays?: number;
}

/** What the entered state says about the clock (read from its meta). */
export type ClockDirective =
  | { kind: 'run'; deadline: DeadlineKey }
  | { kind: 'pause' }
  | { kind: 'stop' }
  | { kind: 'none' };

/**
 * The moment a clock's period ended, as a day the next period counts from: the last moment of
 * its last day (24:00 is the next day's first moment, which would count a day too late).
 * Silence's consequence (an application deemed accepted when the acceptance period ends,
 * 行政复议法 art. 30) takes effect on that day, not when the timer fires at midnight after it.
 */
export function periodEndOf(clock: Pick<CaseClock, 'dueAt'>): Date | null {
  return clock.dueAt ? new Date(Date.parse(clock.dueAt) - 1) : null;
}

/**
 * The next clock for the state a case enters at `at`. `startsFrom` is the moment a new period
 * counts from where it is not `at`: the end of a lapsed period whose silence had this consequence.
 */
export function nextCaseClock(
  clock: CaseClock | null,
  directive: ClockDirective,
  at: Date,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
  startsFrom: Date = at,
): CaseClock | null {
  const now = at.toISOString();
  switch (directive.kind) {
    case 'none':
      return clock;
    case 'stop':
      return clock && !clock.stoppedAt ? { ...clock, dueAt: null, pausedAt: null, stoppedAt: now } : clock;
    case 'pause': {
      if (!clock || clock.pausedAt || clock.stoppedAt) return clock;
      // A limit already missed stays missed: asking for material afterwards does not pause
      // (or reset) a breached deadline.
      if (clock.dueAt && at.getTime() > Date.parse(clock.dueAt)) return clock;
      let used: number;
      try {
        used = clock.usedDays + daysElapsed(calendar, clock.unit, new Date(clock.runningSince), at);
      } catch (error) {
        if (!isDomainError(error, 'CALENDAR_YEAR_MISSING')) throw error;
        // The stretch that ran is kept, to be counted once the year is loaded.
        return {
          ...clock,
          pausedAt: now,
          dueAt: null,
          unsettled: [...(clock.unsettled ?? []), { from: clock.runningSince, to: now }],
          dueUnknown: { year: Number(error.details.year), reason: error.message },
        };
      }
      return { ...clock, pausedAt: now, dueAt: null, usedDays: Math.min(used, clock.limit) };
    }
    case 'run': {
      if (clock && clock.deadline === directive.deadline && !clock.stoppedAt) {
        if (!clock.pausedAt) return refreshCaseClock(clock, calendar); // the same deadline goes on
        const settled = settleCaseClock(clock, calendar);
        if (settled.unsettled?.length) return { ...settled, pausedAt: null, runningSince: now, dueAt: null };
        const remaining = Math.max(settled.limit - settled.usedDays, 0);
        return { ...settled, pausedAt: null, runningSince: now, ...dueOfRemaining(calendar, settled, at, remaining) };
      }
      const rule = deadlineRuleOf(policy, directive.deadline);
      const from = startsFrom.toISOString();
      return {
        deadline: directive.deadline,
        limit: rule.limit,
        unit: rule.unit,
        ...clockSourceOf(rule.source),
        startedAt: from,
        runningSince: from,
        ...dueAfter(calendar, rule.unit, startsFrom, rule.limit),
        pausedAt: null,
        usedDays: 0,
        stoppedAt: null,
      };
    }
  }
}

/**
 * The further clocks of a case (state meta `deadlines`): those the new state names run (start,
 * resume or go on), the rest pause when the state pauses the clock, and stop otherwise.
 */
export function nextOtherClocks(
  clocks: readonly CaseClock[],
  running: readonly DeadlineKey[],
  paused: boolean,
  at: Date,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
): CaseClock[] {
  const next = clocks.map((clock) =>
    running.includes(clock.deadline)
      ? nextCaseClock(clock, { kind: 'run', deadline: clock.deadline }, at, policy, calendar)!
      : nextCaseClock(clock, { kind: paused ? 'pause' : 'stop' }, at, policy, calendar)!,
  );
  for (const key of running) {
    if (!next.some((clock) => clock.deadline === key && !clock.stoppedAt))
      next.push(nextCaseClock(null, { kind: 'run', deadline: key }, at, policy, calendar)!);
  }
  // A stopped clock replaced by a new run of the same deadline is history the audit keeps.
  return next.filter(
    (clock, i) =>
      !(clock.stoppedAt && next.some((other, j) => j !== i && other.deadline === clock.deadline && !other.stoppedAt)),
  );
}

/**
 * Computes a running clock's due date again where it could not be computed before (a
 * calendar year was missing); a clock whose due date is known is returned as it is.
 */
export function refreshCaseClock(clock: CaseClock, calendar: WorkingDayCalendar): CaseClock {
  if (!clock.dueUnknown || clock.pausedAt || clock.stoppedAt) return clock;
  const settled = settleCaseClock(clock, calendar);
  if (settled.unsettled?.length) return settled;
  const remaining = Math.max(settled.limit - settled.usedDays, 0);
  return { ...settled, ...dueOfRemaining(calendar, settled, new Date(settled.runningSince), remaining) };
}

/** Counts the stretches that ran while the calendar lacked their year, where it now can. */
function settleCaseClock(clock: CaseClock, calendar: WorkingDayCalendar): CaseClock {
  if (!clock.unsettled?.length) return clock;
  try {
    const used = clock.unsettled.reduce(
      (sum, s) => sum + daysElapsed(calendar, clock.unit, new Date(s.from), new Date(s.to)),
      0,
    );
    return { ...clock, usedDays: Math.min(clock.usedDays + used, clock.limit), unsettled: [] };
  } catch (error) {
    if (!isDomainError(error, 'CALENDAR_YEAR_MISSING')) throw error;
    return clock;
  }
}

/**
 * The due moment of the `remaining` days of a clock from `from`: where some of them are an
 * extension, the rest of the original period is counted first (its last day moved off a rest
 * day) and the extension from that last day (a review accepted 2026-08-03: 60 days end on
 * 10-08 after the National Day holiday, 30 more on 11-07, a Saturday, so 11-09).
 */
function dueOfRemaining(
  calendar: WorkingDayCalendar,
  clock: Pick<CaseClock, 'unit' | 'extendedDays'>,
  from: Date,
  remaining: number,
): Pick<CaseClock, 'dueAt' | 'dueUnknown'> {
  const extension = Math.min(clock.extendedDays ?? 0, remaining);
  if (extension === 0) return dueAfter(calendar, clock.unit, from, remaining);
  const original = dueAfter(calendar, clock.unit, from, remaining - extension);
  const originalEnd = periodEndOf(original);
  if (!originalEnd) return original;
  return dueAfter(calendar, clock.unit, originalEnd, extension);
}

function dueAfter(
  calendar: WorkingDayCalendar,
  unit: DayUnit,
  from: Date,
  days: number,
): Pick<CaseClock, 'dueAt' | 'dueUnknown'> {
  try {
    return { dueAt: addDays(calendar, unit, from, days).toISOString(), dueUnknown: null };
  } catch (error) {
    if (!isDomainError(error, 'CALENDAR_YEAR_MISSING')) throw error;
    return { dueAt: null, dueUnknown: { year: Number(error.details.year), reason: error.message } };
  }
}

/**
 * A clock counted again under the policy's rule for its deadline (a case moved to a version
 * whose rules differ): the days used so far stand; the limit, the unit and so the due moment
 * are the rule's. A stopped clock is history and stays as it was.
 */
export function recountCaseClock(clock: CaseClock, policy: PolicyVersion, calendar: WorkingDayCalendar): CaseClock {
  if (clock.stoppedAt) return clock;
  const rule = deadlineRuleOf(policy, clock.deadline);
  const recounted = { ...clock, limit: rule.limit, unit: rule.unit, ...clockSourceOf(rule.source) };
  if (clock.pausedAt) return recounted;
  const limit = rule.limit + (clock.extendedDays ?? 0);
  const remaining = Math.max(limit - clock.usedDays, 0);
  return {
    ...recounted,
    limit,
    ...dueOfRemaining(calendar, recounted, new Date(clock.runningSince), remaining),
  };
}

/**
 * Adds days to a clock's limit (a review's one extension) and moves its due date with it: the
 * extension is counted from the end of the original period as holidays moved it (行政复议法 art.
 * 62: accepted 2026-08-03, 60 days end 10-02, moved past National Day to 10-08; 30 more end
 * 11-07, a Saturday, so 11-09), not as one longer period from the start.
 */
export function extendCaseClock(clock: CaseClock, days: number, calendar: WorkingDayCalendar): CaseClock {
  const extended = { ...clock, limit: clock.limit + days, extendedDays: (clock.extendedDays ?? 0) + days };
  if (clock.pausedAt || clock.stoppedAt) return extended;
  if (clock.dueAt)
    return { ...extended, ...dueAfter(calendar, clock.unit, new Date(Date.parse(clock.dueAt) - 1), days) };
  return {
    ...extended,
    ...dueOfRemaining(calendar, extended, new Date(clock.runningSince), Math.max(extended.limit - clock.usedDays, 0)),
  };
}

/**
 * A clock that falls due at the end of a given day (an instalment's due date in a schedule the
 * agency granted), counted as calendar days from now so that the holiday rule applies as to any
 * deadline (民法典 art. 203) and a day in a year the calendar lacks is flagged, not guessed.
 */
export function clockDueOn(
  deadline: DeadlineKey,
  dueOn: string,
  at: Date,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
): CaseClock {
  const rule = deadlineRuleOf(policy, deadline);
  const days = Math.max(Math.round(Date.parse(`${dueOn}T00:00:00Z`) / 86_400_000) - chinaDayOf(at), 0);
  const now = at.toISOString();
  return {
    deadline,
    limit: days,
    unit: 'calendar',
    ...clockSourceOf(rule.source),
    startedAt: now,
    runningSince: now,
    ...dueAfter(calendar, 'calendar', at, days),
    pausedAt: null,
    usedDays: 0,
    stoppedAt: null,
  };
}

/**
 * A clock whose period counts from the day something was received (行政复议法 art. 48: the
 * respondent's 10 days from receiving the copy; art. 31: the applicant's 10 working days from
 * receiving the notice to supplement), not from the moment the receipt is put on record. The
 * day received is not counted (民法典 art. 201). A breach already recorded stays recorded.
 */
export function clockFromReceipt(
  clock: CaseClock,
  receivedOn: string,
  at: Date,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
): CaseClock {
  if (clock.stoppedAt) return clock;
  const received = new Date(`${receivedOn}T00:00:00+08:00`);
  const counted = nextCaseClock(null, { kind: 'run', deadline: clock.deadline }, at, policy, calendar, received)!;
  // A breach already recorded stays recorded; a warning stays recorded for the due moment it was of.
  const kept = {
    ...(clock.breachedAt ? { breachedAt: clock.breachedAt } : {}),
    ...(clock.warnedDueAt ? { warnedAt: clock.warnedAt ?? null, warnedDueAt: clock.warnedDueAt } : {}),
  };
  return { ...counted, ...kept };
}
