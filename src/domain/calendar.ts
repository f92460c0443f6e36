// Deadline arithmetic on the PRC working-day calendar. Pure: the calendar's days come in as
// data (loaded from calendar_days by the service that needs them).
//
// Counting rules:
// - a period in days does not count its first day and ends at 24:00 of its last day;
//   a last day that is a public holiday moves to the next working day (民法典 arts. 201-203);
// - working days are weekdays that are not public holidays, plus the weekend days the State
//   Council's annual notice declares worked (调休) (行政复议法 art. 88 and others);
// - a count that reaches into a year whose notice is not loaded is refused, never guessed.
import { DomainError } from './errors.js';

/** Legal days are the dates of mainland China (UTC+8, no daylight saving). */
const chinaOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

export type DayUnit = 'calendar' | 'working';

export interface WorkingDayCalendar {
  /** Years whose State Council holiday notice is loaded. */
  coveredYears: ReadonlySet<number>;
  /** Public holidays (days off), as YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are worked (调休), as YYYY-MM-DD. */
  workedWeekendDays: ReadonlySet<string>;
  /** The name of each holiday or worked day, for explanations. */
  names?: ReadonlyMap<string, string>;
}

/** A day number: days since 1970-01-01 in China time. */
type DayNumber = number;

export function chinaDayOf(moment: Date): DayNumber {
  return Math.floor((moment.getTime() + chinaOffsetMs) / dayMs);
}

// Counting a deadline asks for the same few hundred days over and over, on every case change.
const isoDates = new Map<DayNumber, string>();

export function isoDateOfDay(day: DayNumber): string {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * dayMs).toISOString().slice(0, 10);
    // Bounded: a century of days.
    if (isoDates.size < 36_600) isoDates.set(day, iso);
  }
  return iso;
}

/** The China-time calendar date (YYYY-MM-DD) of a moment. */
export function chinaDateOf(moment: Date): string {
  return isoDateOfDay(chinaDayOf(moment));
}

/** 24:00 China time at the end of a day, as an instant. */
export function endOfChinaDay(day: DayNumber): Date {
  return new Date((day + 1) * dayMs - chinaOffsetMs);
}

export function isWorkingDay(calendar: WorkingDayCalendar, day: DayNumber): boolean {
  const iso = isoDateOfDay(day);
  const year = Number(iso.slice(0, 4));
  if (!calendar.coveredYears.has(year)) {
    throw new DomainError(
      'CALENDAR_YEAR_MISSING',
      `The working-day calendar has no holidays loaded for ${year}; a deadline reaching ${iso} cannot be counted until that year's State Council notice is added.`,
      { year },
    );
  }
  if (calendar.workedWeekendDays.has(iso)) return true;
  if (calendar.holidays.has(iso)) return false;
  const weekday = new Date(day * dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A deadline with the reasoning behind it, so a due moment can explain itself. */
export interface DeadlineExplanation {
  /** The day the period starts from; it is not counted (民法典 art. 201). */
  from: string;
  unit: DayUnit | 'month';
  amount: number;
  /** Days passed over while counting working days, or the days the last day moved over. */
  holidaysPassed: string[];
  workedWeekendDaysCounted: string[];
  weekendDaysPassed: string[];
  /** The last day as counted, before a move off a rest day. */
  countedLastDay: string;
  /** The last day after it moved to the next working day (民法典 art. 203), if it moved. */
  movedTo: string | null;
  lastDay: string;
  /** 24:00 China time at the end of the last day. */
  endsAt: string;
}

function dayKind(calendar: WorkingDayCalendar, day: DayNumber): 'working' | 'worked-weekend' | 'holiday' | 'weekend' {
  const working = isWorkingDay(calendar, day);
  const iso = isoDateOfDay(day);
  if (working) return calendar.workedWeekendDays.has(iso) ? 'worked-weekend' : 'working';
  return calendar.holidays.has(iso) ? 'holiday' : 'weekend';
}

/**
 * Counts a period from the day of `from` by the counting rules: calendar days and months end on
 * their last day, moved to the next working day if that is a rest day; working days count only
 * working days (weekdays that are not holidays, and worked weekend days). This is the one
 * function every deadline in xiufu is computed with.
 */
export function countDeadline(
  calendar: WorkingDayCalendar,
  unit: DayUnit | 'month',
  from: Date,
  amount: number,
): DeadlineExplanation {
  assertCount(amount);
  const start = chinaDayOf(from);
  const holidays: string[] = [];
  const weekends: string[] = [];
  const worked: string[] = [];
  const note = (day: DayNumber) => {
    const kind = dayKind(calendar, day);
    if (kind === 'holiday') holidays.push(isoDateOfDay(day));
    else if (kind === 'weekend') weekends.push(isoDateOfDay(day));
    else if (kind === 'worked-weekend') worked.push(isoDateOfDay(day));
    return kind === 'working' || kind === 'worked-weekend';
  };
  let counted: DayNumber;
  let last: DayNumber;
  if (unit === 'working') {
    counted = start;
    for (let n = 0; n < amount; ) {
      counted += 1;
      if (note(counted)) n += 1;
    }
    // A zero-day limit (act on the day of receipt) ends at 24:00 of that day.
    last = counted;
  } else {
    counted =
      unit === 'calendar'
        ? start + amount
        : Math.round(Date.parse(`${addMonthsIso(isoDateOfDay(start), amount)}T00:00:00Z`) / dayMs);
    last = counted;
    while (!note(last)) last += 1;
  }
  return {
    from: isoDateOfDay(start),
    unit,
    amount,
    holidaysPassed: holidays,
    workedWeekendDaysCounted: worked,
    weekendDaysPassed: weekends,
    countedLastDay: isoDateOfDay(counted),
    movedTo: last !== counted ? isoDateOfDay(last) : null,
    lastDay: isoDateOfDay(last),
    endsAt: endOfChinaDay(last).toISOString(),
  };
}

/** YYYY-MM-DD plus whole months: the same-numbered day, or the month's last day (民法典 art. 202). */
export function addMonthsIso(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The end of an n-day period starting at `from` (民法典 arts. 201, 203). */
export function addCalendarDays(calendar: WorkingDayCalendar, from: Date, days: number): Date {
  return new Date(countDeadline(calendar, 'calendar', from, days).endsAt);
}

/** The end of the n-th working day after the day of `from`. */
export function addWorkingDays(calendar: WorkingDayCalendar, from: Date, days: number): Date {
  return new Date(countDeadline(calendar, 'working', from, days).endsAt);
}

export function addDays(calendar: WorkingDayCalendar, unit: DayUnit, from: Date, days: number): Date {
  return new Date(countDeadline(calendar, unit, from, days).endsAt);
}

/** Days of `unit` that have run from the day of `from` to the day of `to` (the first day not counted). */
export function daysElapsed(calendar: WorkingDayCalendar, unit: DayUnit, from: Date, to: Date): number {
  const start = chinaDayOf(from);
  const end = chinaDayOf(to);
  if (end <= start) return 0;
  if (unit === 'calendar') return end - start;
  let counted = 0;
  for (let d = start + 1; d <= end; d += 1) if (isWorkingDay(calendar, d)) counted += 1;
  return counted;
}

function assertCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`a day count must be a whole number ≥ 0, got ${days}`);
}
