// Applies one event to a case: load it, authorise the actor, validate the input, compute the
// next snapshot with the machine's pure transition(), and commit it through the case engine.
// A stale version or an event the machine does not allow now writes nothing.
import { eq } from 'drizzle-orm';
import { transition } from 'xstate';
import { cases, policyVersions } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { canSeeCase, mayWorkCase } from './case-access.js';
import { commitCaseChange, versionConflict, type CaseRow } from './case-engine.js';
import { caseTypeOf, restoreSnapshot, stateNameOf } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { parseInput } from './validate-input.js';

export interface CaseEventRequest {
  caseId: string;
  actor: Actor;
  /** The version the actor saw (If-Match); the event applies only to that version. */
  expectedVersion: number;
  type: string;
  input: Record<string, unknown>;
}

export async function applyCaseEvent(ctx: ServiceContext, request: CaseEventRequest): Promise<CaseRow> {
  const { actor } = request;
  const calendar = await loadWorkingDayCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(cases).where(eq(cases.id, request.caseId));
    if (!current || !canSeeCase(actor, current)) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
    if (current.version !== request.expectedVersion) throw versionConflict(request.expectedVersion, current.version);

    const caseType = caseTypeOf(current.type);
    const meta = caseType.events[request.type];
    if (!meta) {
      throw new DomainError('INVALID_INPUT', `"${request.type}" is not an event of a ${current.type} case.`, {
        issues: [{ path: 'type', message: `expected one of ${Object.keys(caseType.events).join(', ')}` }],
      });
    }
    if (!meta.roles.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', `A ${actor.role} may not send ${request.type}; it is for: ${meta.roles.join(', ')}.`);
    }
    if (!mayWorkCase(actor, current)) {
      throw new DomainError('CASE_ASSIGNED_ELSEWHERE', 'This case is assigned to another reviewer; a supervisor can reassign it.');
    }
    const input = parseInput(meta.input, request.input, `The input of ${request.type}`);

    const snapshot = restoreSnapshot(caseType, current);
    const event = { ...(input as Record<string, unknown>), type: request.type };
    if (!snapshot.can(event)) {
      throw new DomainError('TRANSITION_NOT_ALLOWED', `${request.type} is not allowed while the case is ${stateNameOf(snapshot)}.`, {
        state: stateNameOf(snapshot),
      });
    }
    const [next, actions] = transition(caseType.machine, snapshot, event);

    const [policy] = await tx.select().from(policyVersions).where(eq(policyVersions.id, current.policyVersionId));
    if (!policy) throw new Error(`The case's policy ${current.policyVersionId} is missing.`);
    return commitCaseChange(tx, {
      caseType,
      current,
      next,
      actions,
      actor,
      event: request.type,
      payload: input,
      policy: policy.document,
      calendar,
      at: ctx.now(),
    });
  });
}
