// Text a person types, as every input schema accepts it: trimmed, bounded, and free of what
// PostgreSQL cannot store (a NUL character, or half of a UTF-16 surrogate pair, which jsonb
// refuses) and of what makes text look like something else (bidirectional controls that
// reorder what a reader sees: "invoice\u202Egnp.exe" shows as "invoiceexe.png"). Such input is
// answered 422 or cleaned, never a database error.
import { z } from 'zod';

export const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The embeddings, overrides and isolates of Unicode's bidirectional algorithm (UAX #9). */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, '');
}

// What shows nothing: white space, controls, format characters (zero-width spaces and joiners,
// bidi marks, the byte-order mark, the soft hyphen) and the fillers that render as blanks.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is meant alone, the combining grapheme joiner too
const invisible = /[\s\p{Cc}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/gu;

/** Whether the text holds at least one character a reader can see. */
export function hasVisibleCharacters(text: string): boolean {
  return text.replace(invisible, '').length > 0;
}

const storable = { message: 'contains a character that cannot be stored (NUL or a broken surrogate pair)' };

/**
 * Free text (possibly several lines). `required` is the message for a value with nothing
 * visible in it (a reason of zero-width spaces is no reason); without it, empty text is accepted.
 */
export function plainText(options: { max: number; required?: string }) {
  const trimmed = z.string().overwrite(stripBidiControls).trim();
  // abort: an empty value is told it is missing once, not also that nothing in it is visible.
  const base = options.required ? trimmed.min(1, { error: options.required, abort: true }) : trimmed;
  const bounded = base.max(options.max).refine((value) => !unstorable.test(value), storable);
  const required = options.required;
  return required ? bounded.refine(hasVisibleCharacters, { message: required }) : bounded;
}

/**
 * One line: a name, a number on a document, a notice's title. No line breaks or other control
 * characters (they would forge a second line in a list or a log), bidi controls removed.
 */
export function singleLineText(options: { max: number; required?: string }) {
  return plainText(options).refine((value) => !/[\u0000-\u001f\u007f]/.test(value), {
    message: 'must be one line, without control characters',
  });
}
