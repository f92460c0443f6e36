// Turns a zod failure into the INVALID_INPUT error every service answers bad input with.
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  throw new DomainError('INVALID_INPUT', `${what} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}
