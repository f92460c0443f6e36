// The input building blocks every route, form and case event parses with (src/domain/input-schemas.ts,
// src/domain/text.ts): what each accepts, and what it refuses instead of coercing or storing.
import { describe, expect, it } from 'vitest';
import {
  boundedAmount,
  boundedInteger,
  calendarDate,
  dateNearToday,
  dayWindowIssues,
  integerText,
  isSaneMoment,
  moment,
} from '../../src/domain/input-schemas.js';
import { hasVisibleCharacters, plainText, singleLineText, stripBidiControls } from '../../src/domain/text.js';
import { formToInput } from '../../ui/components/schema-form.js';
import { z } from 'zod';

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('input building blocks', () => {
  it('takes a calendar date only if the day exists and lies within 1900–2200', () => {
    for (const day of ['2026-02-28', '2024-02-29', '1900-01-01', '2200-12-31'])
      expect(accepts(calendarDate(), day), day).toBe(true);
    for (const day of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '0000-01-01',
      '9999-12-31',
      '1899-12-31',
      '2201-01-01',
      '2026-1-1',
      ' 2026-01-01',
      20260101,
      true,
    ]) {
      expect(accepts(calendarDate(), day), String(day)).toBe(false);
    }
  });

  it('takes a moment only with its offset and within 1900–2200', () => {
    for (const at of ['2026-11-25T10:00:00+08:00', '2026-11-25T02:00:00Z', '2026-11-25T02:00:00.123Z'])
      expect(accepts(moment(), at), at).toBe(true);
    for (const at of [
      '2026-11-25T10:00:00',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-01-01T25:00:00Z',
      '2026-02-30T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      'now',
    ]) {
      expect(accepts(moment(), at), at).toBe(false);
    }
    expect(isSaneMoment('2026-11-25T02:00:00.000Z')).toBe(true);
    expect(isSaneMoment('0000-01-01T00:00:00.000Z')).toBe(false);
  });

  it('takes numbers as numbers: never true, [5], "0x10" or "1e2" coerced', () => {
    expect(boundedInteger(0, 10).safeParse(7).data).toBe(7);
    for (const value of [true, [5], '0x10', '7', 7.5, 11, -1, Number.NaN, Number.POSITIVE_INFINITY, null])
      expect(accepts(boundedInteger(0, 10), value), String(value)).toBe(false);
    expect(integerText(0, 100).safeParse('12').data).toBe(12);
    for (const text of ['0x10', '1e2', 'true', '[5]', '', ' 7', '7 ', '12.0', '101', '-1', '9'.repeat(40)])
      expect(accepts(integerText(0, 100), text), text).toBe(false);
    const amount = boundedAmount(1000, 'give the amount');
    expect(amount.safeParse(12.5).data).toBe(12.5);
    for (const value of [0, -1, 1001, true, '12', [5], Number.POSITIVE_INFINITY])
      expect(accepts(amount, value), String(value)).toBe(false);
  });

  it('removes bidirectional controls, refuses line breaks in one-line text and counts invisible text as not given', () => {
    expect(stripBidiControls('invoice\u202Egnp.exe \u2066a\u2069')).toBe('invoicegnp.exe a');
    expect(singleLineText({ max: 50 }).parse(' Haidian\u202E Volunteers ')).toBe('Haidian Volunteers');
    for (const text of ['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'x'.repeat(51)])
      expect(accepts(singleLineText({ max: 50 }), text), JSON.stringify(text)).toBe(false);
    expect(plainText({ max: 50 }).parse('line one\nline two')).toBe('line one\nline two');
    expect(hasVisibleCharacters('\u200B\u2060\uFEFF\u00AD \u3000\u3164')).toBe(false);
    expect(hasVisibleCharacters('\u200B理由')).toBe(true);
    const reason = plainText({ max: 100, required: 'give the reason' });
    const refused = reason.safeParse('\u200B\u202E\u2060');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toEqual(['give the reason']);
    expect(reason.safeParse('').error?.issues.map((i) => i.message)).toEqual(['give the reason']);
  });

  it('finds date fields outside their window around today once today is known', () => {
    const schema = z.object({
      heldOn: dateNearToday({ daysBefore: 365, daysAfter: 0 }),
      other: calendarDate().optional(),
    });
    const now = new Date('2026-11-25T02:00:00Z');
    expect(dayWindowIssues(schema, { heldOn: '2026-11-25', other: '2100-01-01' }, now)).toEqual([]);
    expect(dayWindowIssues(schema, { heldOn: '2025-11-25' }, now)).toEqual([]);
    expect(dayWindowIssues(schema, { heldOn: '2026-11-26' }, now).map((i) => i.path)).toEqual(['heldOn']);
    expect(dayWindowIssues(schema, { heldOn: '2025-11-24' }, now).map((i) => i.path)).toEqual(['heldOn']);
  });

  it('turns a page form’s number field into a number only when it is written in decimals', () => {
    const schema = { properties: { amount: { type: 'number' }, done: { type: 'boolean' } } };
    expect(formToInput(schema, { amount: '12.5', done: 'true' })).toEqual({ amount: 12.5, done: true });
    expect(formToInput(schema, { amount: '0x10', done: 'maybe' })).toEqual({ amount: '0x10', done: 'maybe' });
    expect(formToInput(schema, { amount: '1e3' })).toEqual({ amount: '1e3' });
  });
});
