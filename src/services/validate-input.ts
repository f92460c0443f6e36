// Turns a zod failure into the INVALID_INPUT error every service answers bad input with.
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { dayWindowIssues } from '../domain/input-schemas.js';

/**
 * Parses input by its schema. With `now`, date fields that must lie near today (a hearing
 * held) are checked too: schemas are pure and know no today, the service does.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, now?: Date): z.infer<S> {
  const result = schema.safeParse(input);
  const issues = result.success
    ? now
      ? dayWindowIssues(schema, result.data, now)
      : []
    : result.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
        kind: kindOf(issue),
      }));
  if (result.success && issues.length === 0) return result.data;
  throw new DomainError(
    'INVALID_INPUT',
    `${what} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

/**
 * The kind of a zod issue, for a page to word it in the reader's language: nothing given (a
 * missing field, an empty or blank required text) is `required`; otherwise zod's own code.
 */
function kindOf(issue: z.core.$ZodIssue): string {
  // A rule that makes a field required only sometimes (a reason code for a decision against the
  // person) says so in its params, so the page words it as a missing field.
  if (issue.code === 'custom' && typeof issue.params?.kind === 'string') return issue.params.kind;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'required';
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'required';
  return issue.code;
}
