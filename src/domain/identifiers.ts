// Check digits of the two identifiers a subject or agency is known by. A subject is never
// created with a number that fails these (GB 11643-1999 for the resident identity number,
// GB 32100-2015 for the unified social credit code).

/** GB 11643-1999 resident identity number: ISO 7064 MOD 11-2 over the first 17 digits. */
const residentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function residentIdCheckCharacter(first17: string): string {
  const sum = residentIdWeights.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** Why a resident identity number is invalid, or null when it is valid. */
export function explainInvalidResidentId(input: string): string | null {
  const value = input.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits followed by a digit or X';
  const birth = value.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1850 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `birth date ${birth} is not a real date`;
  }
  const expected = residentIdCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return `check character is ${value[17]}, expected ${expected}`;
  return null;
}

export function isValidResidentId(value: string): boolean {
  return explainInvalidResidentId(value) === null;
}

/**
 * The form shown to whoever does not need the whole number: the six-digit region code and the
 * last four characters (as the public credit sites show it), never the birth date.
 */
export function maskResidentId(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** GB 32100-2015 unified social credit code: 18 characters, MOD 31 check. */
const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string {
  const sum = usccWeights.reduce((acc, weight, i) => acc + weight * usccAlphabet.indexOf(first17[i] ?? ''), 0);
  const check = (31 - (sum % 31)) % 31;
  return usccAlphabet[check]!;
}

export function explainInvalidUscc(input: string): string | null {
  const value = input.toUpperCase();
  if (value.length !== 18 || [...value].some((c) => !usccAlphabet.includes(c))) {
    return `must be 18 characters from ${usccAlphabet}`;
  }
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return `check character is ${value[17]}, expected ${expected}`;
  return null;
}

export function isValidUscc(value: string): boolean {
  return explainInvalidUscc(value) === null;
}

/**
 * A person's name as a list shows it (张伟 → 张*, 欧阳娜娜 → 欧***): enough for staff to tell
 * whose case a row is once they know, nothing for a passer-by reading the screen.
 */
export function maskPersonName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  return characters[0] + '*'.repeat(Math.min(Math.max(characters.length - 1, 1), 3));
}
