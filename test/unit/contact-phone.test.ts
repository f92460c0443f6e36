// The contact phone a filing may carry (src/domain/on-behalf.ts): what counts as a mainland
// mobile or landline number, how it is written for grouping, and how staff see it masked.
import { describe, expect, it } from 'vitest';
import { maskContactPhone, normalisedContactPhone } from '../../src/domain/on-behalf.js';

describe('contact phones', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 19912345678', '19912345678'],
    ['010-65529988', '010-65529988'],
    ['01065529988', '010-65529988'],
    ['(021) 6321 0000', '021-63210000'],
    ['0571-8765432', '0571-8765432'],
    ['057187654321', '0571-87654321'],
  ])('takes %s as %s', (input, expected) => {
    expect(normalisedContactPhone(input)).toBe(expected);
  });

  it.each([
    '12345',
    '12800138000', // 12x is no mobile prefix
    '1380013800', // 10 digits
    '138001380001',
    '020-1234567', // a three-digit area code is followed by 8 digits
    '0571-123456',
    '65529988', // no area code
    'phone',
  ])('refuses %s', (input) => {
    expect(normalisedContactPhone(input)).toBeNull();
  });

  it('masks all but the first three (or the area code) and the last four digits', () => {
    expect(maskContactPhone('13800138000')).toBe('138****8000');
    expect(maskContactPhone('010-65529988')).toBe('010-****9988');
    expect(maskContactPhone('0571-8765432')).toBe('0571-****5432');
  });
});
