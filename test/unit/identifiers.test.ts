import { describe, expect, it } from 'vitest';
import {
  explainInvalidResidentId,
  explainInvalidUscc,
  isValidResidentId,
  isValidUscc,
  residentIdCheckCharacter,
} from '../../src/domain/identifiers.js';

describe('resident identity number (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '11010519491231002x', '110105198803141237', '310104199207072461'])(
    'accepts %s',
    (id) => {
      expect(isValidResidentId(id)).toBe(true);
    },
  );

  it.each([
    ['110105194912310021', 'check character is 1, expected X'],
    ['11010519491231002', 'must be 17 digits followed by a digit or X'],
    ['1101051949123100XX', 'must be 17 digits followed by a digit or X'],
    ['110105194902300025', 'birth date 19490230 is not a real date'],
    ['110105184912310020', 'birth date 18491231 is not a real date'],
  ])('refuses %s: %s', (id, why) => {
    expect(explainInvalidResidentId(id)).toBe(why);
  });

  it('computes the check character with ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44030519750921351')).toBe('1');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '11110000000013250L', '113100000024218302'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['91350100M000100Y44', 'check character is 4, expected 3'],
    ['91350100M000100Y4', 'must be 18 characters from 0123456789ABCDEFGHJKLMNPQRTUWXY'],
    ['91350100I000100Y43', 'must be 18 characters from 0123456789ABCDEFGHJKLMNPQRTUWXY'],
  ])('refuses %s: %s', (code, why) => {
    expect(explainInvalidUscc(code)).toBe(why);
  });
});
