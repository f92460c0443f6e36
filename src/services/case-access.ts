// Who may see which case, and who may send which event to it now. A citizen reaches only their
// own cases (as the subject, or as the one who filed it on the subject's behalf: that filer sees
// that case and nothing else of the subject's) and an agency user only the cases about its records; to everyone else such a case
// does not exist (404, never 403, so its existence is not disclosed). Staff see every case.
// refusalOf is the one rule for sending an event: the door refuses by it and the case view lists
// the events it does not refuse, so the UI never offers what the server would refuse.
import { and, eq, isNotNull, or, type SQL } from 'drizzle-orm';
import type { AnyMachineSnapshot } from 'xstate';
import { cases } from '../../db/schema.js';
import { eventOfCaseType, type CaseType } from '../../machines/index.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { stateNameOf } from './case-runtime.js';

/** The one case type a review body's officer works: the administrative reviews it decides. */
export const reviewBodyCaseType = 'administrative-review';

export function canSeeCase(
  actor: Actor,
  theCase: {
    subjectId: string;
    agencyId: string | null;
    type: string;
    openedByUserId: string;
    onBehalfRelation: string | null;
  },
): boolean {
  switch (actor.role) {
    case 'review_body':
      // A deployment serves one jurisdiction and its review body: its officers see every
      // administrative review, and nothing else (not the credit center's own cases).
      return theCase.type === reviewBodyCaseType;
    case 'citizen':
      return (
        (actor.subjectId !== null && theCase.subjectId === actor.subjectId) ||
        // Filed for someone else (the same rule as visibleCasesCondition's).
        (theCase.onBehalfRelation !== null && theCase.openedByUserId === actor.userId)
      );
    case 'agency':
      return actor.agencyId !== null && theCase.agencyId === actor.agencyId;
    case 'reviewer':
    case 'supervisor':
    case 'admin':
    case 'system':
      return true;
  }
}

/**
 * Whether the actor may act on a case they can see: a case claimed by one reviewer is theirs
 * to work (a supervisor may still act on it); citizens and agencies act on what they see.
 */
export function mayWorkCase(actor: Actor, theCase: { assigneeId: string | null }): boolean {
  return actor.role !== 'reviewer' || theCase.assigneeId === null || theCase.assigneeId === actor.userId;
}

/**
 * Whether acting on the case makes the actor its assignee: the first reviewer or supervisor to
 * work an unassigned case takes it (a supervisor acting on a reviewer's case leaves it theirs).
 */
export function takesCaseByWorking(actor: Actor, theCase: { assigneeId: string | null }): boolean {
  return theCase.assigneeId === null && (actor.role === 'reviewer' || actor.role === 'supervisor');
}

const conflictWords: Record<string, string> = {
  draftedBy: 'drafted it (a second person approves)',
  originalDeciderId: 'decided the case under review',
  agencyConfirmedBy: 'recorded the agency’s confirmation (a second person decides)',
};

/**
 * Why this actor may not send this event to this case now, or null when they may. Checked in
 * this order, so a refusal names the first reason: the event is one of the case type's (422), the
 * actor's role is among its roles (403), no conflict of interest bars them (the event's `notBy`),
 * the case is not another reviewer's, and the machine accepts the event in the case's state. An
 * event whose guards read its payload (meta.payloadGuarded) passes here wherever an active state
 * handles it; the door judges its payload when it is sent.
 */
export function refusalOf(
  actor: Actor,
  caseType: CaseType,
  theCase: { type: string; assigneeId: string | null },
  snapshot: AnyMachineSnapshot,
  type: string,
): DomainError | null {
  return whyRefused(actor, caseType, theCase, snapshot, type)?.() ?? null;
}

/**
 * refusalOf's yes or no, without making the refusal: a case view asks it of every event of the
 * case type, and an error (with its stack) for each refused one cost more than the rest of the
 * question.
 */
export function maySend(
  actor: Actor,
  caseType: CaseType,
  theCase: { type: string; assigneeId: string | null },
  snapshot: AnyMachineSnapshot,
  type: string,
): boolean {
  return whyRefused(actor, caseType, theCase, snapshot, type) === null;
}

function whyRefused(
  actor: Actor,
  caseType: CaseType,
  theCase: { type: string; assigneeId: string | null },
  snapshot: AnyMachineSnapshot,
  type: string,
): (() => DomainError) | null {
  const meta = eventOfCaseType(caseType, type);
  if (!meta) {
    return () =>
      new DomainError('INVALID_INPUT', `"${type}" is not an event of a ${theCase.type} case.`, {
        issues: [{ path: 'type', message: `expected one of ${Object.keys(caseType.events).join(', ')}` }],
      });
  }
  if (!meta.roles.includes(actor.role)) {
    return () =>
      new DomainError('FORBIDDEN', `A ${actor.role} may not send ${type}; it is for: ${meta.roles.join(', ')}.`);
  }
  if (meta.notBy && (snapshot.context as Record<string, unknown>)[meta.notBy] === actor.userId) {
    const notBy = meta.notBy;
    return () =>
      new DomainError(
        'CONFLICT_OF_INTEREST',
        `${type} may not be sent by the person who ${conflictWords[notBy] ?? 'took part before'}.`,
      );
  }
  if (!mayWorkCase(actor, theCase)) {
    return () =>
      new DomainError(
        'CASE_ASSIGNED_ELSEWHERE',
        'This case is assigned to another reviewer; a supervisor can reassign it.',
      );
  }
  const accepted =
    snapshot.status === 'active' &&
    (meta.payloadGuarded
      ? snapshot._nodes.some((node) => (node.transitions.get(type)?.length ?? 0) > 0)
      : snapshot.can({ type, actor: { userId: actor.userId, role: actor.role } }));
  return accepted ? null : () => transitionNotAllowed(type, snapshot);
}

export function transitionNotAllowed(type: string, snapshot: AnyMachineSnapshot): DomainError {
  const state = stateNameOf(snapshot);
  return new DomainError('TRANSITION_NOT_ALLOWED', `${type} is not allowed while the case is ${state}.`, { state });
}

/** The same rule as a query condition, for lists. */
export function visibleCasesCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'citizen':
      return or(
        eq(cases.subjectId, actor.subjectId ?? '00000000-0000-0000-0000-000000000000'),
        // Filed for someone else (cases_opened_by_idx holds only those).
        and(eq(cases.openedByUserId, actor.userId), isNotNull(cases.onBehalfRelation)),
      );
    case 'agency':
      return eq(cases.agencyId, actor.agencyId ?? '00000000-0000-0000-0000-000000000000');
    case 'review_body':
      return eq(cases.type, reviewBodyCaseType);
    default:
      return undefined;
  }
}
