// The real PRC calendar as the database is seeded with it, for pure tests.
import type { WorkingDayCalendar } from '../../src/domain/calendar.js';
import { readChineseDays } from '../../src/services/seed-reference-data.js';

export function calendarFromPackage(): WorkingDayCalendar {
  const { days, years } = readChineseDays();
  return {
    coveredYears: new Set(years),
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workedWeekendDays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

/** A moment at the given China-time date and hour. */
export const chinaTime = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** 24:00 China time at the end of a date, in ms. */
export const endOfChinaDate = (date: string) => new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000;
