// Claiming or reassigning many cases at once from the queue. Each case still goes through the
// case engine's door on its own (claimCase, reassignCase): its own transaction, its own audit
// event with the reason, its own refusal. A case that changed since the list was read (another
// version), or that someone else claimed meanwhile, is refused alone; the others go through.
import { z } from 'zod';
import { DomainError, isDomainError, type DomainErrorCode } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { claimCase, reassignCase } from './assign-case.js';
import type { ServiceContext } from './context.js';
import { parseInput } from './validate-input.js';

/** At most this many cases in one request: a page of the queue. */
export const maxBulkCases = 100;

export interface BulkAssignment {
  action: 'claim' | 'reassign';
  /** Each case with the version the list showed (a case changed since is refused, 409). */
  cases: { id: string; version: number }[];
  /** For a reassignment: the reviewer or supervisor who gets the cases. */
  assigneeId?: string | undefined;
  /** Required for a reassignment, optional for a claim; written into each case's trail. */
  reason?: unknown;
}

export interface BulkOutcome {
  caseId: string;
  done: boolean;
  code?: DomainErrorCode;
  message?: string;
}

const casesSchema = z
  .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
  .min(1, 'select at least one case')
  .max(maxBulkCases, `at most ${maxBulkCases} cases at once`);
const reassignReason = plainText({ max: 2_000, required: 'give the reason for the reassignment' });

export async function assignCasesInBulk(
  ctx: ServiceContext,
  actor: Actor,
  input: BulkAssignment,
): Promise<BulkOutcome[]> {
  if (input.action === 'reassign' && actor.role !== 'supervisor')
    throw new DomainError('FORBIDDEN', 'Only a supervisor reassigns cases.');
  if (input.action === 'claim' && actor.role !== 'reviewer' && actor.role !== 'supervisor')
    throw new DomainError('FORBIDDEN', 'Only reviewers and supervisors claim cases.');
  const selected = parseInput(casesSchema, input.cases, 'The cases');
  // The reason is checked once, before any case changes, so a bad one changes nothing.
  const reason = input.action === 'reassign' ? parseInput(reassignReason, input.reason, 'The reason') : input.reason;
  const outcomes: BulkOutcome[] = [];
  for (const { id, version } of selected) {
    try {
      if (input.action === 'claim') await claimCase(ctx, actor, id, version, reason);
      else await reassignCase(ctx, actor, id, version, { assigneeId: input.assigneeId ?? '', reason });
      outcomes.push({ caseId: id, done: true });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // A bad assignee or note is the same for every case: stop at the first.
      if (error.code === 'INVALID_INPUT' && outcomes.length === 0) throw error;
      outcomes.push({ caseId: id, done: false, code: error.code, message: error.message });
    }
  }
  return outcomes;
}
