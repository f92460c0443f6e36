// The instant API and browser tests start at, and dates reckoned from it: a test's records are
// as old on any day the suite runs, whatever the real clock says, and the working-day calendar
// the database is seeded with covers the year.
import { chinaDateOf } from '../../src/domain/calendar.js';

export const testStart = '2026-11-25T02:00:00Z';

/** The China-time date `days` after `from` (before it when negative), as YYYY-MM-DD. */
export function chinaDateFrom(from: Date | string, days: number): string {
  return chinaDateOf(new Date(new Date(from).getTime() + days * 86_400_000));
}
