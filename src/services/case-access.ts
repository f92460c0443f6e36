// Who may see which case. A citizen reaches only their own cases and an agency user only the
// cases about its records; to everyone else such a case does not exist (404, never 403, so
// its existence is not disclosed). Staff see every case.
import { eq, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { Actor } from '../domain/roles.js';

export function canSeeCase(actor: Actor, theCase: { subjectId: string; agencyId: string | null }): boolean {
  switch (actor.role) {
    case 'citizen':
      return actor.subjectId !== null && theCase.subjectId === actor.subjectId;
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

/** The same rule as a query condition, for lists. */
export function visibleCasesCondition(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'citizen':
      return eq(cases.subjectId, actor.subjectId ?? '00000000-0000-0000-0000-000000000000');
    case 'agency':
      return eq(cases.agencyId, actor.agencyId ?? '00000000-0000-0000-0000-000000000000');
    default:
      return undefined;
  }
}
