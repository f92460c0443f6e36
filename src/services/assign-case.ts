// Who works a case: a reviewer claims an unassigned case; a supervisor reassigns one to
// another reviewer, giving a reason. Both are changes of the case, so both go through the case
// engine's door and leave an audit event (CLAIMED, REASSIGNED); the machine's state is untouched.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { changeCase, type CaseAtHand, type CaseRow } from './case-engine.js';
import type { ServiceContext } from './context.js';
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
  return changeCase(ctx, { caseId, actor, expectedVersion }, ({ current }) => {
    refuseIfClosed(current);
    if (current.assigneeId === actor.userId)
      throw new DomainError('TRANSITION_NOT_ALLOWED', 'You already work this case.');
    if (current.assigneeId !== null)
      throw new DomainError(
        'CASE_ASSIGNED_ELSEWHERE',
        'Another reviewer has claimed this case; a supervisor can reassign it.',
      );
    return { event: 'CLAIMED', payload: {}, assignTo: { userId: actor.userId } };
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
  return changeCase(ctx, { caseId, actor, expectedVersion }, ({ current }) => {
    refuseIfClosed(current);
    if (current.assigneeId === assignee.id)
      throw new DomainError('TRANSITION_NOT_ALLOWED', `The case is already assigned to ${assignee.username}.`);
    return {
      event: 'REASSIGNED',
      payload: { assigneeId: assignee.id, assignee: assignee.username, reason },
      assignTo: { userId: assignee.id },
    };
  });
}

function refuseIfClosed(current: CaseAtHand['current']): void {
  if (current.status === 'closed') throw new DomainError('TRANSITION_NOT_ALLOWED', 'The case is closed.');
}
