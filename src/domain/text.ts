// Text a person types, as every input schema accepts it: trimmed, bounded, and free of what
// PostgreSQL cannot store (a NUL character, or half of a UTF-16 surrogate pair, which jsonb
// refuses). Such input is answered 422, never a database error.
import { z } from 'zod';

export const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `required` is the message for an empty value; without it, empty text is accepted. */
export function plainText(options: { max: number; required?: string }) {
  const trimmed = z.string().trim();
  const base = options.required ? trimmed.min(1, options.required) : trimmed;
  return base.max(options.max).refine((value) => !unstorable.test(value), {
    message: 'contains a character that cannot be stored (NUL or a broken surrogate pair)',
  });
}
