// Deadline arithmetic on the real PRC calendar (as seeded from chinese-days): the counting
// rules of 民法典 arts. 201-203 and working days with 调休.
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  chinaDateOf,
  daysElapsed,
  isWorkingDay,
  chinaDayOf,
} from '../../src/domain/calendar.js';
import { isDomainError } from '../../src/domain/errors.js';
import { calendarFromPackage, chinaTime, endOfChinaDate } from '../helpers/calendar.js';

const calendar = calendarFromPackage();
const at = chinaTime;
const endOf = endOfChinaDate;

describe('the working-day calendar', () => {
  it('knows 2026’s worked weekend days from the State Council notice', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(isWorkingDay(calendar, chinaDayOf(at(day))), day).toBe(true);
    }
    expect(isWorkingDay(calendar, chinaDayOf(at('2026-10-05')))).toBe(false); // National Day, a Monday
    expect(isWorkingDay(calendar, chinaDayOf(at('2026-11-28')))).toBe(false); // an ordinary Saturday
    expect(isWorkingDay(calendar, chinaDayOf(at('2026-11-25')))).toBe(true);
  });

  it('counts China time: 23:30 UTC is already the next day in Beijing', () => {
    expect(chinaDateOf(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
  });
});

describe('calendar-day periods (民法典 arts. 201-203)', () => {
  it('does not count the first day and ends at 24:00 of the last', () => {
    expect(addCalendarDays(calendar, at('2026-11-25', 9), 20).getTime()).toBe(endOf('2026-12-15'));
    expect(addCalendarDays(calendar, at('2026-11-25', 23), 20).getTime()).toBe(endOf('2026-12-15'));
  });

  it('moves a last day that is a holiday or rest day to the next working day', () => {
    // 2026-09-12 + 20 days = 2026-10-02, inside the National Day holiday → 2026-10-08.
    expect(addCalendarDays(calendar, at('2026-09-12'), 20).getTime()).toBe(endOf('2026-10-08'));
    // Ending on a Saturday → the Monday.
    expect(addCalendarDays(calendar, at('2026-11-08'), 20).getTime()).toBe(endOf('2026-11-30'));
  });
});

describe('working-day periods', () => {
  it('skips weekends and holidays and counts worked weekend days', () => {
    // Friday 2026-09-18 + 1 working day: Sunday 09-20 is a worked day.
    expect(addWorkingDays(calendar, at('2026-09-18'), 1).getTime()).toBe(endOf('2026-09-20'));
    // Wednesday 2026-09-30 + 3 working days: 10-01..10-07 off, 10-08 and 10-09 worked, 10-10 (Saturday) worked.
    expect(addWorkingDays(calendar, at('2026-09-30'), 3).getTime()).toBe(endOf('2026-10-10'));
    expect(addWorkingDays(calendar, at('2026-11-25'), 5).getTime()).toBe(endOf('2026-12-02'));
  });

  it('counts the days that have run between two moments', () => {
    expect(daysElapsed(calendar, 'working', at('2026-09-30'), at('2026-10-10'))).toBe(3);
    expect(daysElapsed(calendar, 'calendar', at('2026-09-30'), at('2026-10-10'))).toBe(10);
    expect(daysElapsed(calendar, 'calendar', at('2026-09-30', 9), at('2026-09-30', 20))).toBe(0);
  });

  it('refuses to count through a year whose notice is not loaded', () => {
    expect(calendar.coveredYears.has(2027)).toBe(false);
    let thrown: unknown;
    try {
      addWorkingDays(calendar, at('2026-12-28'), 5);
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown, 'CALENDAR_YEAR_MISSING')).toBe(true);
    expect((thrown as Error).message).toMatch(/no holidays loaded for 2027/);
    // A calendar-day period whose last day falls in the missing year is refused too.
    expect(() => addCalendarDays(calendar, at('2026-12-20'), 20)).toThrow(/2027/);
    // But one ending inside the known year is fine.
    expect(addWorkingDays(calendar, at('2026-12-21'), 5).getTime()).toBe(endOf('2026-12-28'));
  });

  it('refuses a day count that is not a whole number', () => {
    expect(() => addWorkingDays(calendar, at('2026-11-25'), -1)).toThrow(RangeError);
    expect(() => addCalendarDays(calendar, at('2026-11-25'), 1.5)).toThrow(RangeError);
  });
});
