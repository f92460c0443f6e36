// Errors as application/problem+json (RFC 9457). One typed map from each domain error code to
// its HTTP status, for the API and the pages alike (pages/page-kit.tsx statusOf): a code added
// without a status fails the type check. A 500 carries the request id and nothing internal.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { DomainError, DomainErrorCode, InputIssue } from '../domain/errors.js';

export const statusOfCode = {
  INVALID_INPUT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  VERSION_CONFLICT: 409,
  VERSION_REQUIRED: 428,
  OBJECTION_ALREADY_OPEN: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  CALENDAR_YEAR_MISSING: 409,
  CASE_ASSIGNED_ELSEWHERE: 403,
  CONFLICT_OF_INTEREST: 403,
  TOO_MANY_ATTEMPTS: 429,
  REPAIR_NOT_ELIGIBLE: 422,
  REPEAT_OBJECTION: 409,
  REPEAT_APPLICATION: 409,
  REVIEW_WINDOW_PASSED: 409,
  NOT_REVIEWABLE: 409,
  ANOTHER_FORUM_DECIDES: 409,
  NOT_DEFERRABLE: 409,
  APPLICATION_NOT_ELIGIBLE: 422,
} as const satisfies Record<DomainErrorCode, ContentfulStatusCode>;

const titleOfCode: Record<DomainErrorCode, string> = {
  INVALID_INPUT: 'The request is not valid',
  UNAUTHENTICATED: 'Not logged in',
  FORBIDDEN: 'Not allowed for your role',
  NOT_FOUND: 'Not found',
  CASE_NOT_FOUND: 'Case not found',
  RECORD_NOT_FOUND: 'Record not found',
  TRANSITION_NOT_ALLOWED: 'Not allowed in the case’s current state',
  VERSION_CONFLICT: 'The case has changed',
  VERSION_REQUIRED: 'If-Match with the case version is required',
  OBJECTION_ALREADY_OPEN: 'An objection is already open',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused for a different request',
  CALENDAR_YEAR_MISSING: 'The working-day calendar lacks a year',
  CASE_ASSIGNED_ELSEWHERE: 'The case is assigned to someone else',
  CONFLICT_OF_INTEREST: 'Not by the same person',
  TOO_MANY_ATTEMPTS: 'Too many failed logins',
  REPAIR_NOT_ELIGIBLE: 'The record cannot be repaired now',
  REPEAT_OBJECTION: 'The same objection was already dismissed',
  REPEAT_APPLICATION: 'A withdrawn application cannot be filed again on the same facts and grounds',
  REVIEW_WINDOW_PASSED: 'The time to apply for review has passed',
  NOT_REVIEWABLE: 'This case cannot be reviewed',
  ANOTHER_FORUM_DECIDES: 'Another forum decides this',
  NOT_DEFERRABLE: 'This obligation cannot be deferred now',
  APPLICATION_NOT_ELIGIBLE: 'Some of the records chosen cannot be repaired now; nothing was filed',
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .passthrough()
  .meta({ id: 'Problem' });

export function problemOfDomainError(c: Context, error: DomainError): Response {
  const status = statusOfCode[error.code];
  if (typeof error.details.retryAfterSeconds === 'number')
    c.header('Retry-After', String(error.details.retryAfterSeconds));
  const { issues, ...extra } = error.details;
  return problem(c, status, error.code, error.message, { ...extra, ...(issues ? { issues } : {}) });
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  extra: { issues?: InputIssue[]; [key: string]: unknown } = {},
): Response {
  const title = (titleOfCode as Record<string, string>)[code] ?? code;
  return c.body(
    JSON.stringify({
      type: `urn:xiufu:problem:${code.toLowerCase()}`,
      title,
      status,
      detail,
      code,
      ...extra,
      requestId: c.get('requestId'),
    }),
    status,
    { 'content-type': 'application/problem+json' },
  );
}

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: `Problem (${status})`, content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
