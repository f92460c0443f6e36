// The propagating state correction and repair share: every platform that publishes the record
// is told about its change, and the case waits until each has acknowledged (a platform that
// does not answer keeps the case here, pending, never forgotten). One state, one acknowledge
// action and one acknowledgement event, used by both machines.
import { assign, type EventObject } from 'xstate';
import { z } from 'zod';
import type { DeadlineKey } from '../src/domain/policy.js';
import type { RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import { type CaseEventMeta, type CaseStateMeta, type PropagationInstruction, stateMeta } from './case-events.js';

export const platformAcknowledgement = {
  roles: ['system', 'reviewer', 'supervisor'],
  input: z.object({ platformId: z.uuid() }),
  description:
    'A downstream platform acknowledged the change (the relay records HTTP platforms; staff confirm manual ones).',
} satisfies CaseEventMeta;

export interface PropagationContext {
  recordId: string;
  /** The platforms registered for the record when the case opened. */
  platformIds: string[];
  acknowledgedPlatformIds: string[];
}

export function allAcknowledged(context: PropagationContext): boolean {
  return context.platformIds.every((id) => context.acknowledgedPlatformIds.includes(id));
}

function withAcknowledgement(context: PropagationContext, platformId: string): string[] {
  return context.platformIds.includes(platformId) && !context.acknowledgedPlatformIds.includes(platformId)
    ? [...context.acknowledgedPlatformIds, platformId]
    : context.acknowledgedPlatformIds;
}

/** The action a machine's setup() names `acknowledge`: a platform's acknowledgement counted once. */
export function acknowledgement<Context extends PropagationContext, Event extends EventObject>() {
  return assign<Context, Event, { platformId: string }, Event, never>(
    ({ context }, params) =>
      ({ acknowledgedPlatformIds: withAcknowledgement(context, params.platformId) }) as Partial<Context>,
  );
}

/**
 * The propagating state: on entry every platform is told; each PLATFORM_ACKNOWLEDGED is counted
 * (and recorded); once all have acknowledged the case moves on to `done`.
 */
export function propagatingState(options: {
  description: string;
  done: string;
  deadlines?: CaseStateMeta['deadlines'];
  /** What each platform is to do with the record (a repair taking effect); absent: take the new version. */
  instruction?: PropagationInstruction;
}) {
  return {
    description: options.description,
    meta: stateMeta('platform', options.deadlines ? { deadlines: options.deadlines } : {}),
    entry: {
      type: 'propagateRecord' as const,
      params: ({ context }: { context: PropagationContext }) => ({
        recordId: context.recordId,
        platformIds: context.platformIds,
        ...(options.instruction ? { instruction: options.instruction } : {}),
      }),
    },
    always: { guard: ({ context }: { context: PropagationContext }) => allAcknowledged(context), target: options.done },
    on: {
      PLATFORM_ACKNOWLEDGED: {
        actions: [
          {
            type: 'acknowledge' as const,
            params: ({ event }: { event: { platformId: string } }) => ({ platformId: event.platformId }),
          },
          {
            type: 'recordAcknowledgement' as const,
            params: ({ event }: { event: { platformId: string } }) => ({ platformId: event.platformId }),
          },
        ],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Asking for material once, with a date (issue 16 item 4; 一次性告知): every case type that asks
// the applicant for material records the request and tells them what is needed, why (a reason
// code where the version has one), by when (the policy's period, `dueOf`) and how many times
// material has now been asked for; a second request shows on the case and to supervisors.

/** One request for material: what was asked, why, and what was supplied (null until then). */
export interface MaterialRequest {
  requested: string;
  supplied: string | null;
  reasonCode?: RefusalReasonCode;
}

export interface MaterialRequestContext {
  subjectId: string;
  materialRequests: MaterialRequest[];
}

type MaterialRequestEvent = { requested: string; reasonCode?: RefusalReasonCode };

/** The action a machine's setup() names `recordMaterialRequest`: the request appended to the list. */
export function materialRequestRecord<Context extends MaterialRequestContext, Event extends EventObject>() {
  return assign<Context, Event, MaterialRequestEvent, Event, never>(
    ({ context }, params) =>
      ({
        materialRequests: [
          ...context.materialRequests,
          {
            requested: params.requested,
            supplied: null,
            ...(params.reasonCode ? { reasonCode: params.reasonCode } : {}),
          },
        ],
      }) as Partial<Context>,
  );
}

/**
 * The actions of a REQUEST_MATERIAL transition: record the request, then tell the subject what
 * is needed, why, by when (the due moment of `dueOf`, counted by the engine) and the how-many-th
 * request this is. The notification reads the context after the request was recorded.
 */
export function requestMaterial(dueOf: DeadlineKey) {
  return [
    {
      type: 'recordMaterialRequest' as const,
      params: ({ event }: { event: MaterialRequestEvent }) => ({
        requested: event.requested,
        ...(event.reasonCode ? { reasonCode: event.reasonCode } : {}),
      }),
    },
    {
      type: 'notifySubject' as const,
      params: ({ context, event }: { context: MaterialRequestContext; event: MaterialRequestEvent }) => ({
        subjectId: context.subjectId,
        topic: 'material_requested' as const,
        data: {
          requested: event.requested,
          times: String(context.materialRequests.length),
          ...(event.reasonCode ? { reasonCode: event.reasonCode } : {}),
        },
        dueOf,
      }),
    },
  ];
}
