// Who works a case: a reviewer claims an unassigned case; a supervisor reassigns one to
// another reviewer, giving a reason. Both are changes of the case, so both go through the case
// engine and leave an audit event (CLAIMED, REASSIGNED); the machine's state is untouched.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { commitCaseChange, loadCaseForChange, type CaseRow } from './case-engine.js';
import { restoreSnapshot } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { parseInput } from './validate-input.js';

const reasonSchema = plainText({ max: 2_000, required: 'give the reason for the reassignment' });

export async function claimCase(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
): Promise<CaseRow> {
  if (actor.role !== 'reviewer' && actor.role !== 'supervisor')
    throw new DomainError('FORBIDDEN', 'Only reviewers and supervisors claim cases.');
  return changeAssignment(ctx, actor, caseId, expectedVersion, 'CLAIMED', actor.userId, {}, (current) => {
    if (current.assigneeId === actor.userId)
      throw new DomainError('TRANSITION_NOT_ALLOWED', 'You already work this case.');
    if (current.assigneeId !== null)
      throw new DomainError(
        'CASE_ASSIGNED_ELSEWHERE',
        'Another reviewer has claimed this case; a supervisor can reassign it.',
      );
  });
}

export async function reassignCase(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: { assigneeId: string; reason: unknown },
): Promise<CaseRow> {
  if (actor.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'Only a supervisor reassigns cases.');
  const reason = parseInput(reasonSchema, input.reason, 'The reason');
  // Not a uuid is not anyone: asked of the database it would be a type error, not a refusal.
  const assigneeId = z.uuid().safeParse(input.assigneeId);
  const [assignee] = assigneeId.success ? await ctx.db.select().from(users).where(eq(users.id, assigneeId.data)) : [];
  if (!assignee || (assignee.role !== 'reviewer' && assignee.role !== 'supervisor')) {
    throw new DomainError('INVALID_INPUT', 'Cases can be assigned to reviewers and supervisors only.', {
      issues: [{ path: 'assigneeId', message: 'not a reviewer' }],
    });
  }
  return changeAssignment(
    ctx,
    actor,
    caseId,
    expectedVersion,
    'REASSIGNED',
    assignee.id,
    { assigneeId: assignee.id, assignee: assignee.username, reason },
    (current) => {
      if (current.assigneeId === assignee.id)
        throw new DomainError('TRANSITION_NOT_ALLOWED', `The case is already assigned to ${assignee.username}.`);
    },
  );
}

async function changeAssignment(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  event: 'CLAIMED' | 'REASSIGNED',
  assigneeId: string,
  payload: Record<string, unknown>,
  check: (current: CaseRow) => void,
): Promise<CaseRow> {
  const calendar = await loadWorkingDayCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const { current, caseType, policy } = await loadCaseForChange(tx, actor, caseId, expectedVersion);
    if (current.status === 'closed') throw new DomainError('TRANSITION_NOT_ALLOWED', 'The case is closed.');
    check(current);
    const snapshot = restoreSnapshot(caseType, current);
    return commitCaseChange(tx, {
      caseType,
      current,
      next: snapshot,
      actions: [],
      actor,
      event,
      payload,
      policy,
      calendar,
      at: ctx.now(),
      assignTo: { userId: assigneeId },
    });
  });
}
