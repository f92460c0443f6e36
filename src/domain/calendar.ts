// Deadline arithmetic on the PRC working-day calendar. Pure: the calendar's days come in as
// data (loaded from calendar_days by the service that needs them).
//
// Counting rules (DOMAIN.md "Counting rules"):
// - a period in days does not count its first day and ends at 24:00 of its last day;
//   a last day that is a public holiday moves to the next working day (民法典 arts. 201-203);
// - working days are weekdays that are not public holidays, plus the weekend days the State
//   Council's annual notice declares worked (調休) (行政復議法 art. 88 and others);
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
  /** Weekend days that are worked (調休), as YYYY-MM-DD. */
  workedWeekendDays: ReadonlySet<string>;
}

/** A day number: days since 1970-01-01 in China time. */
type DayNumber = number;

export function chinaDayOf(moment: Date): DayNumber {
  return Math.floor((moment.getTime() + chinaOffsetMs) / dayMs);
}

export function isoDateOfDay(day: DayNumber): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
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

function nextWorkingDayFrom(calendar: WorkingDayCalendar, day: DayNumber): DayNumber {
  let d = day;
  while (!isWorkingDay(calendar, d)) d += 1;
  return d;
}

/** The end of an n-day period starting at `from` (民法典 arts. 201, 203). */
export function addCalendarDays(calendar: WorkingDayCalendar, from: Date, days: number): Date {
  assertCount(days);
  return endOfChinaDay(nextWorkingDayFrom(calendar, chinaDayOf(from) + days));
}

/** The end of the n-th working day after the day of `from`. */
export function addWorkingDays(calendar: WorkingDayCalendar, from: Date, days: number): Date {
  assertCount(days);
  let d = chinaDayOf(from);
  let counted = 0;
  while (counted < days) {
    d += 1;
    if (isWorkingDay(calendar, d)) counted += 1;
  }
  // A zero-day limit (act on the day of receipt) ends at 24:00 of that day.
  return endOfChinaDay(d);
}

export function addDays(calendar: WorkingDayCalendar, unit: DayUnit, from: Date, days: number): Date {
  return unit === 'working' ? addWorkingDays(calendar, from, days) : addCalendarDays(calendar, from, days);
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
