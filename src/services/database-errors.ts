import { DomainError } from '../domain/errors.js';

// Recognises constraint violations across both drivers: postgres.js reports
// constraint_name, PGlite constraint, and drizzle wraps either in a DrizzleQueryError.

type DriverError = { code?: string; constraint_name?: string; constraint?: string };

/** The error and the errors it wraps, outermost first. */
function* causesOf(error: unknown): Generator<DriverError> {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) yield e as DriverError;
}

/** The name of the unique constraint or index an error violated, or null. */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (const candidate of causesOf(error)) {
    if (candidate.code === '23505') return candidate.constraint_name ?? candidate.constraint ?? '';
  }
  return null;
}

/** PostgreSQL's answer to every statement after the one that failed in a transaction. */
export function isAbortedTransaction(error: unknown): boolean {
  for (const candidate of causesOf(error)) if (candidate.code === '25P02') return true;
  return false;
}

/** The business meaning of the unique indexes that guard case rules, where one was violated. */
export function domainErrorOfConstraint(error: unknown): DomainError | null {
  switch (violatedUniqueConstraint(error)) {
    case 'cases_one_open_objection_per_record':
      return new DomainError('OBJECTION_ALREADY_OPEN', 'An objection against this record is already open.');
    case 'cases_one_open_repair_per_record':
      return new DomainError('REPAIR_NOT_ELIGIBLE', 'A repair application for this record is already open.', {
        issues: [{ path: 'no_open_application', message: 'a repair application for this record is already open' }],
      });
    default:
      return null;
  }
}
