// Applies one event an actor sends to a case, through the case engine's door: the decision
// (who may send it now, its input and files) is decideActorEvent's; loading, the machine's pure
// transition() and the commit are the door's. A stale version, a refusal or an event the machine
// does not accept now writes nothing.
import { caseTypes, eventOfCaseType } from '../../machines/index.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { caseTransitions } from './metrics.js';
import type { Actor } from '../domain/roles.js';
import { refusalOf, takesCaseByWorking } from './case-access.js';
import { changeCase, type CaseRow, type DecideCaseChange } from './case-engine.js';
import { isActorEventOf } from './case-trail-events.js';
import type { ServiceContext } from './context.js';
import { domainErrorOfConstraint } from './database-errors.js';
import { storeEvidenceContents } from './evidence-store.js';
import { prepareAttachments, type PreparedAttachment, type UploadedFile } from './prepare-attachments.js';
import { parseInput } from './validate-input.js';

export interface CaseEventRequest {
  caseId: string;
  actor: Actor;
  /** The version the actor saw (If-Match); the event applies only to that version. */
  expectedVersion: number;
  type: string;
  input: Record<string, unknown>;
  /** Evidence sent with the event, where the event's meta allows it. */
  files?: readonly UploadedFile[];
  /** The actor is shown the case afterwards: the read is registered with the change (CaseChange.registerView). */
  registerView?: boolean;
}

export async function applyCaseEvent(ctx: ServiceContext, request: CaseEventRequest): Promise<CaseRow> {
  // Contents kept outside the database are written before the transaction that adds their rows.
  const files = await storeEvidenceContents(ctx, await prepareAttachments(request.files ?? []));
  // A linked case the event opens may meet a rule kept by a unique index (one open objection).
  try {
    const { caseId, actor, expectedVersion } = request;
    const row = await changeCase(
      ctx,
      { caseId, actor, expectedVersion },
      decideActorEvent(request, files),
      request.registerView ? { registerView: 'view_case' } : {},
    );
    caseTransitions.inc({ case_type: row.type, event: request.type, outcome: 'applied' });
    return row;
  } catch (error) {
    const refusal = domainErrorOfConstraint(error) ?? error;
    // Events that are not events of any case type are counted under one label, so a client
    // sending made-up names cannot grow the metric's label set without bound.
    const known = Object.values(caseTypes).some((type) => eventOfCaseType(type, request.type) !== undefined);
    caseTransitions.inc({
      case_type: 'any',
      event: known ? request.type : '(unknown)',
      outcome: isDomainError(refusal) ? refusal.code : 'error',
    });
    throw refusal;
  }
}

/**
 * What an actor's event does to the case, or why it is refused: who may send it now (one rule,
 * the same the case view lists events by), its input, its files. The machine's acceptance of the
 * event with this input is the door's to check. A reviewer or supervisor working an unassigned
 * case takes it.
 */
export function decideActorEvent(
  request: Pick<CaseEventRequest, 'type' | 'input'>,
  files: readonly PreparedAttachment[],
): DecideCaseChange {
  return ({ actor, caseType, current, snapshot, at }) => {
    const refusal = refusalOf(actor, caseType, current, snapshot, request.type);
    // Who may send it is answered first; then the input, as the API always has, before the state.
    if (refusal && refusal.code !== 'TRANSITION_NOT_ALLOWED') throw refusal;
    const meta = eventOfCaseType(caseType, request.type)!;
    const input = parseInput(meta.input, request.input, `The input of ${request.type}`, at);
    // "Authorisation not valid" is found through its own form (reject-authorisation.ts), which
    // also records the finding on the case; an event of the case's own does not carry it.
    if ((input as { reasonCode?: unknown }).reasonCode === 'authorisation_invalid')
      throw new DomainError('INVALID_INPUT', 'An authorisation found not valid is rejected through its own form.', {
        issues: [{ path: 'reasonCode', message: 'use the authorisation rejection (the case page’s own form)' }],
      });
    if (files.length > 0 && !meta.attachments) {
      throw new DomainError('INVALID_INPUT', `${request.type} takes no files.`, {
        issues: [{ path: 'files', message: 'no files with this action' }],
      });
    }
    if (refusal) throw refusal;
    if (!isActorEventOf(caseType, request.type)) throw new Error(`refusalOf let through "${request.type}"`);
    return {
      event: request.type,
      // The machine learns who sent the event (for four-eyes rules).
      send: {
        ...(input as Record<string, unknown>),
        type: request.type,
        actor: { userId: actor.userId, role: actor.role },
      },
      payload: input,
      attachments: files,
      ...(takesCaseByWorking(actor, current) ? { assignTo: { userId: actor.userId } } : {}),
    };
  };
}
