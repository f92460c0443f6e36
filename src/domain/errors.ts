// The one error a service throws for a business outcome. Its code is a closed set; the HTTP
// layer maps each code to a status in one typed table (src/http/problem.ts), so a new code
// without a status fails the type check.

export const domainErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CASE_NOT_FOUND',
  'RECORD_NOT_FOUND',
  'TRANSITION_NOT_ALLOWED',
  'VERSION_CONFLICT',
  'VERSION_REQUIRED',
  'OBJECTION_ALREADY_OPEN',
  'IDEMPOTENCY_KEY_REUSED',
  'CALENDAR_YEAR_MISSING',
  'CASE_ASSIGNED_ELSEWHERE',
  'CONFLICT_OF_INTEREST',
  'TOO_MANY_ATTEMPTS',
  'REPAIR_NOT_ELIGIBLE',
  'REPEAT_OBJECTION',
  'REPEAT_APPLICATION',
  'REVIEW_WINDOW_PASSED',
  'NOT_REVIEWABLE',
  // The remedy asked for is decided by another forum (src/domain/forums.ts): refer it there.
  'ANOTHER_FORUM_DECIDES',
  'NOT_DEFERRABLE',
  // A repair application for several records, one or more of which may not be repaired now:
  // nothing is filed (details.records names each with its failed rules).
  'APPLICATION_NOT_ELIGIBLE',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** One problem with the input, in the shape a client can point at a field with. */
export interface InputIssue {
  path: string;
  message: string;
  /**
   * What kind of problem it is (zod's issue code, `required`, `date_window`), so that a page can
   * say it in the reader's language without the English message.
   */
  kind?: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { issues?: InputIssue[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
