// The zod building blocks every route, page form and case event parses its input with: dates
// that exist and lie in a sane range, moments in that range, numbers that are numbers, bounded.
// A value outside them is refused by the schema (422 naming the field), never by a RangeError
// or a database error deep inside. Text lives in ./text.ts.
import { z } from 'zod';
import { chinaDateOf } from './calendar.js';

export { plainText, singleLineText } from './text.js';

/** The span of days any input may name: far wider than any record, case or notice needs. */
export const saneDays = { first: '1900-01-01', last: '2200-12-31' } as const;
const saneMoments = { first: Date.parse('1900-01-01T00:00:00+08:00'), last: Date.parse('2201-01-01T00:00:00+08:00') };
const inSaneRange = { message: `must lie between ${saneDays.first} and ${saneDays.last}` };

/** A calendar day (YYYY-MM-DD) that exists (2026-02-30 does not) within 1900–2200. */
export function calendarDate() {
  // z.iso.date() checks the day exists, leap years included; ISO dates compare as strings.
  return z.iso
    .date('a date that exists, as YYYY-MM-DD')
    .refine((day) => day >= saneDays.first && day <= saneDays.last, inSaneRange);
}

/** An ISO 8601 moment with its offset (Z or ±hh:mm) within 1900–2200. */
export function moment() {
  return z.iso
    .datetime({ offset: true, error: 'a moment with its offset, e.g. 2026-11-25T10:00:00+08:00' })
    .refine((text) => {
      const at = Date.parse(text);
      return at >= saneMoments.first && at < saneMoments.last;
    }, inSaneRange);
}

/** Whether a string is a moment `moment()` accepts (for values decoded from a cursor). */
export const isSaneMoment = (value: unknown): value is string => moment().safeParse(value).success;

/**
 * An integer between min and max. A JSON body must send a number; a query string or a form
 * field sends decimal digits ("12"), read as such. `true`, `[5]`, "0x10", "1e2", "" and " 7"
 * are refused rather than coerced (z.coerce.number() would take them as 1, 5, 16, 100, 0 and 7).
 */
export function boundedInteger(min: number, max: number) {
  return z.number('a whole number').int('a whole number').min(min).max(max);
}

/** The same integer written in a query string, a path or a form field: decimal digits only. */
export function integerText(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,16}$/, 'a whole number in decimal digits')
    .pipe(z.transform(Number))
    .pipe(boundedInteger(min, max));
}

/** A positive amount (hours, yuan) up to max, as a JSON number: finite, never coerced. */
export function boundedAmount(max: number, message: string) {
  return z.number(message).positive(message).max(max);
}

/** Where a date field must lie relative to today (China time), in days before and after it. */
export interface DayWindow {
  daysBefore: number;
  daysAfter: number;
}

/** The date fields that must lie near today; read by `dayWindowIssues` once today is known. */
export const dayWindows = z.registry<DayWindow>();

/** A calendar date that must also lie within a window around today (e.g. a hearing held). */
export function dateNearToday(window: DayWindow) {
  return calendarDate().register(dayWindows, window);
}

const dayMs = 86_400_000;

/**
 * The issues of an input already parsed by `schema` whose date fields lie outside their window
 * around `now`. Schemas are pure and know no today; the service that parses the input does.
 */
export function dayWindowIssues(
  schema: z.ZodType,
  input: unknown,
  now: Date,
): { path: string; message: string; kind: string }[] {
  if (!(schema instanceof z.ZodObject) || typeof input !== 'object' || input === null) return [];
  const today = Date.parse(chinaDateOf(now));
  const issues: { path: string; message: string; kind: string }[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const inner =
      field instanceof z.ZodOptional || field instanceof z.ZodNullable ? (field.unwrap() as z.ZodType) : field;
    const window = dayWindows.get(inner);
    const value = (input as Record<string, unknown>)[name];
    if (!window || typeof value !== 'string') continue;
    const offset = (Date.parse(value) - today) / dayMs;
    if (offset < -window.daysBefore || offset > window.daysAfter) {
      const from = chinaDateOf(new Date(today - window.daysBefore * dayMs));
      const to = chinaDateOf(new Date(today + window.daysAfter * dayMs));
      issues.push({ path: name, message: `must lie between ${from} and ${to}`, kind: 'date_window' });
    }
  }
  return issues;
}
