// Reads the working-day calendar from calendar_days / calendar_years for deadline arithmetic.
// Kept for a minute per database: deadlines are computed on nearly every case event, while
// the calendar changes a few times a year.
import { calendarDays, calendarYears } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';

const cacheMs = 60_000;
const cache = new WeakMap<object, { loadedAt: number; calendar: WorkingDayCalendar }>();

export async function loadWorkingDayCalendar(db: Database): Promise<WorkingDayCalendar> {
  const key = db;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.loadedAt < cacheMs) return cached.calendar;
  const [years, days] = await Promise.all([db.select().from(calendarYears), db.select().from(calendarDays)]);
  const calendar: WorkingDayCalendar = {
    coveredYears: new Set(years.map((y) => y.year)),
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workedWeekendDays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
    names: new Map(days.map((d) => [d.day, d.name])),
  };
  cache.set(key, { loadedAt: Date.now(), calendar });
  return calendar;
}

export function forgetWorkingDayCalendar(db: Database): void {
  cache.delete(db);
}
