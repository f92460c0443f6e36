// Who works a case: a reviewer claims an unassigned case; a supervisor reassigns one to
// another reviewer, giving a reason. Both are changes of the case, so both go through the case
// engine's door and leave an audit event (CLAIMED, REASSIGNED); the machine's state is untouched.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { changeCase, type CaseAtHand, type CaseRow, type StaffNotification } from './case-engine.js';
import type { ServiceContext } from './context.js';
import { parseInput } from './validate-input.js';

const reasonSchema = plainText({ max: 2_000, required: 'give the reason for the reassignment' });

const claimNoteSchema = plainText({ max: 2_000 }).optional();

/** A reviewer or supervisor takes an unassigned case; a note (a bulk claim's reason) goes into the trail. */
export async function claimCase(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  note?: unknown,
): Promise<CaseRow> {
  if (actor.role !== 'reviewer' && actor.role !== 'supervisor')
    throw new DomainError('FORBIDDEN', 'Only reviewers and supervisors claim cases.');
  const reason = parseInput(claimNoteSchema, note === '' ? undefined : note, 'The note');
  return changeCase(ctx, { caseId, actor, expectedVersion }, ({ current }) => {
    refuseIfClosed(current);
    if (current.assigneeId === actor.userId)
      throw new DomainError('TRANSITION_NOT_ALLOWED', 'You already work this case.');
    if (current.assigneeId !== null)
      throw new DomainError(
        'CASE_ASSIGNED_ELSEWHERE',
        'Another reviewer has claimed this case; a supervisor can reassign it.',
      );
    return { event: 'CLAIMED', payload: reason ? { reason } : {}, assignTo: { userId: actor.userId } };
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
  // Who had the case, for the trail and to be told it has gone (read before the door: PGlite
  // runs one query at a time, and the door's transaction holds the connection).
  const holders = await ctx.db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .innerJoin(cases, eq(cases.assigneeId, users.id))
    .where(eq(cases.id, caseId));
  return changeCase(ctx, { caseId, actor, expectedVersion }, ({ current }) => {
    refuseIfClosed(current);
    if (current.assigneeId === assignee.id)
      throw new DomainError('TRANSITION_NOT_ALLOWED', `The case is already assigned to ${assignee.username}.`);
    const previous = holders.find((h) => h.id === current.assigneeId) ?? null;
    // Both reviewers are told: the one who got the case, and the one who lost it (if anyone had it).
    const notifyStaff: StaffNotification[] = [
      { userId: assignee.id, topic: 'case_reassigned_to_you', data: { reason } },
      ...(previous && previous.id !== actor.userId
        ? [{ userId: previous.id, topic: 'case_reassigned_away', data: { reason, assignee: assignee.displayName } }]
        : []),
    ];
    return {
      event: 'REASSIGNED',
      payload: {
        assigneeId: assignee.id,
        assignee: assignee.username,
        ...(previous ? { previousAssignee: previous.username } : {}),
        reason,
      },
      assignTo: { userId: assignee.id },
      notifyStaff,
    };
  });
}

function refuseIfClosed(current: CaseAtHand['current']): void {
  if (current.status === 'closed') throw new DomainError('TRANSITION_NOT_ALLOWED', 'The case is closed.');
}
