// Applies one event to a case: load it, authorise the actor, validate the input, compute the
// next snapshot with the machine's pure transition(), and commit it through the case engine.
// A stale version or an event the machine does not allow now writes nothing.
import { transition } from 'xstate';
import { caseTypes, eventOfCaseType } from '../../machines/index.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { caseTransitions } from './metrics.js';
import type { Actor } from '../domain/roles.js';
import { mayWorkCase } from './case-access.js';
import { commitCaseChange, loadCaseForChange, type CaseRow } from './case-engine.js';
import { restoreSnapshot, stateNameOf } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { domainErrorOfConstraint } from './database-errors.js';
import { storeEvidenceContents } from './evidence-store.js';
import { prepareAttachments, type PreparedAttachment, type UploadedFile } from './prepare-attachments.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
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
}

const conflictWords: Record<string, string> = {
  draftedBy: 'drafted it (a second person approves)',
  originalDeciderId: 'decided the case under review',
  agencyConfirmedBy: 'recorded the agency’s confirmation (a second person decides)',
};

export async function applyCaseEvent(ctx: ServiceContext, request: CaseEventRequest): Promise<CaseRow> {
  const calendar = await loadWorkingDayCalendar(ctx.db);
  // Contents kept outside the database are written before the transaction that adds their rows.
  const files = await storeEvidenceContents(ctx, await prepareAttachments(request.files ?? []));
  // A linked case the event opens may meet a rule kept by a unique index (one open objection).
  try {
    const row = await applyInTransaction(ctx, request, calendar, files);
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

async function applyInTransaction(
  ctx: ServiceContext,
  request: CaseEventRequest,
  calendar: WorkingDayCalendar,
  files: PreparedAttachment[],
): Promise<CaseRow> {
  const { actor } = request;
  return ctx.db.transaction(async (tx) => {
    const { current, caseType, policy } = await loadCaseForChange(tx, actor, request.caseId, request.expectedVersion);
    const meta = eventOfCaseType(caseType, request.type);
    if (!meta) {
      throw new DomainError('INVALID_INPUT', `"${request.type}" is not an event of a ${current.type} case.`, {
        issues: [{ path: 'type', message: `expected one of ${Object.keys(caseType.events).join(', ')}` }],
      });
    }
    if (!meta.roles.includes(actor.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `A ${actor.role} may not send ${request.type}; it is for: ${meta.roles.join(', ')}.`,
      );
    }
    const snapshot = restoreSnapshot(caseType, current);
    if (meta.notBy && (snapshot.context as Record<string, unknown>)[meta.notBy] === actor.userId) {
      throw new DomainError(
        'CONFLICT_OF_INTEREST',
        `${request.type} may not be sent by the person who ${conflictWords[meta.notBy] ?? 'took part before'}.`,
      );
    }
    if (!mayWorkCase(actor, current)) {
      throw new DomainError(
        'CASE_ASSIGNED_ELSEWHERE',
        'This case is assigned to another reviewer; a supervisor can reassign it.',
      );
    }
    const input = parseInput(meta.input, request.input, `The input of ${request.type}`, ctx.now());
    if (files.length > 0 && !meta.attachments) {
      throw new DomainError('INVALID_INPUT', `${request.type} takes no files.`, {
        issues: [{ path: 'files', message: 'no files with this action' }],
      });
    }

    // The machine learns who sent the event (for four-eyes rules); roles were checked above.
    const event = {
      ...(input as Record<string, unknown>),
      type: request.type,
      actor: { userId: actor.userId, role: actor.role },
    };
    if (!snapshot.can(event)) {
      throw new DomainError(
        'TRANSITION_NOT_ALLOWED',
        `${request.type} is not allowed while the case is ${stateNameOf(snapshot)}.`,
        {
          state: stateNameOf(snapshot),
        },
      );
    }
    const [next, actions] = transition(caseType.machine, snapshot, event);

    return commitCaseChange(tx, {
      caseType,
      current,
      next,
      actions,
      actor,
      event: request.type,
      payload: input,
      policy,
      calendar,
      at: ctx.now(),
      attachments: files,
    });
  });
}
