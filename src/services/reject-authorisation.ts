// Staff find the authorisation letter of a filing on someone's behalf not valid, at intake
// (民法典 art. 165: a written authorisation names the agent, the matter, the scope and the term,
// signed or sealed by the principal). The case is rejected by the case type's own REJECT, with
// the reason code `authorisation_invalid` and the officer's words, through the door like any
// event; the case keeps when, by whom and why, so its page says so to the filer and the subject.
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { eventOfCaseType } from '../../machines/index.js';
import { maySend, refusalOf } from './case-access.js';
import { changeCase, type CaseAtHand, type CaseRow } from './case-engine.js';
import { caseTypeOfCase, restoreSnapshot } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { parseInput } from './validate-input.js';

const reasonSchema = plainText({ max: 2_000, required: 'say what is wrong with the authorisation letter' });

/** Whether staff may reject this case's authorisation now: filed on behalf, not yet judged, at intake. */
export function mayRejectAuthorisation(
  actor: Actor,
  theCase: Pick<CaseAtHand, 'caseType' | 'snapshot'> & {
    current: Pick<CaseRow, 'type' | 'assigneeId' | 'status' | 'onBehalfRelation' | 'authorisationRejectedAt'>;
  },
): boolean {
  const { current } = theCase;
  return (
    (actor.role === 'reviewer' || actor.role === 'supervisor') &&
    current.status === 'open' &&
    current.onBehalfRelation !== null &&
    current.authorisationRejectedAt === null &&
    maySend(actor, theCase.caseType, current, theCase.snapshot, 'REJECT')
  );
}

export async function rejectAuthorisation(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  reasonInput: unknown,
): Promise<CaseRow> {
  if (actor.role !== 'reviewer' && actor.role !== 'supervisor')
    throw new DomainError('FORBIDDEN', 'Reviewers and supervisors judge an authorisation.');
  const reason = parseInput(reasonSchema, reasonInput, 'The reason');
  return changeCase(ctx, { caseId, actor, expectedVersion }, (theCase) => {
    const { current, caseType, snapshot, at } = theCase;
    if (!mayRejectAuthorisation(actor, theCase)) {
      // The first reason it may not: someone else's case, a state past intake, no letter to judge.
      const refusal = refusalOf(actor, caseType, current, snapshot, 'REJECT');
      if (refusal && refusal.code !== 'TRANSITION_NOT_ALLOWED') throw refusal;
      throw new DomainError(
        'TRANSITION_NOT_ALLOWED',
        current.onBehalfRelation === null
          ? 'The subject filed this case in person: there is no authorisation to judge.'
          : 'An authorisation is judged at intake, once: this case is past it.',
      );
    }
    const meta = eventOfCaseType(caseType, 'REJECT')!;
    // A version whose REJECT takes a reason code gets this one; an older version's input drops it.
    const input = parseInput(
      meta.input,
      { reasonCode: 'authorisation_invalid', reasons: reason },
      'The rejection',
    ) as Record<string, unknown>;
    return {
      event: 'REJECT',
      send: { ...input, type: 'REJECT', actor: { userId: actor.userId, role: actor.role } },
      payload: { ...input, reasonCode: 'authorisation_invalid' },
      caseFields: {
        authorisationRejectedAt: at,
        authorisationRejectedBy: actor.userId,
        authorisationRejectedReason: reason,
      },
      ...(current.assigneeId === null ? { assignTo: { userId: actor.userId } } : {}),
    };
  });
}

/** For the case page: whether to offer staff the form that finds the authorisation not valid. */
export async function mayRejectAuthorisationOf(ctx: ServiceContext, actor: Actor, caseId: string): Promise<boolean> {
  if (actor.role !== 'reviewer' && actor.role !== 'supervisor') return false;
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row || row.onBehalfRelation === null) return false;
  const caseType = caseTypeOfCase(row);
  return mayRejectAuthorisation(actor, { caseType, snapshot: restoreSnapshot(caseType, row), current: row });
}
