// The working-day calendar as stored: the years whose State Council notice is loaded, and the
// holidays and worked weekend days of one year (load-calendar-year.ts writes them).
import { and, asc, gte, lt } from 'drizzle-orm';
import { calendarDays, calendarYears } from '../../db/schema.js';
import type { ServiceContext } from './context.js';

export interface LoadedCalendarYear {
  year: number;
  source: string;
  loadedAt: Date;
}

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export async function listCalendarYears(ctx: Pick<ServiceContext, 'db'>): Promise<LoadedCalendarYear[]> {
  return ctx.db.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function listCalendarDays(ctx: Pick<ServiceContext, 'db'>, year: number): Promise<CalendarDay[]> {
  return ctx.db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
}
