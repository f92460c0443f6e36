// The correction (纠错) lifecycle: a reviewer drafts the new version of a wrong record (or its
// removal); where the policy asks (serious records, removals) a supervisor other than the
// drafter approves; the correction is applied and propagated to every platform that publishes
// the record; the case closes when each has acknowledged.
//
// Version 2 (issue 15 item 5): a correction opened by an upheld objection lifts that
// objection's disputed mark when it is applied (the mark stays until then, 征信业管理条例 art.
// 25), or when it is cancelled; a cancellation tells the subject why. Version 1 stays for the
// cases that started under it (correctionV1toV2 moves them: the same states).
import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { recordCorrectionSchema, type RecordCorrection } from '../src/domain/records.js';
import { plainText } from '../src/domain/text.js';
import { reasonCodesFor, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import {
  adverseDecision,
  type CaseEventCatalog,
  type CaseEventsOf,
  reasonCodeIn,
  reasons,
  stateMeta,
} from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';
import {
  acknowledgement,
  platformAcknowledgement,
  propagatingState,
  type PropagationContext,
} from './shared-states.js';

/** Staff may open a correction directly; an upheld objection or a review opens one as its child. */
export const correctionFilingSchema = z.object({
  recordId: z.uuid(),
  proposed: recordCorrectionSchema.nullable().optional(),
  remove: z.boolean().optional(),
  reasons,
});
export type CorrectionFiling = z.infer<typeof correctionFilingSchema>;

export const correctionEvents = {
  SUBMIT_DRAFT: {
    roles: ['reviewer', 'supervisor'],
    input: z
      .object({ correction: recordCorrectionSchema.optional(), remove: z.boolean().optional(), reasons })
      .refine((draft) => draft.remove === true || Object.keys(draft.correction ?? {}).length > 0, {
        message: 'name at least one field to correct, or remove the record',
        path: ['correction'],
      }),
    description: 'Submit the new version of the record (the fields to change) or its removal.',
    payloadGuarded: true,
  },
  APPROVE: {
    roles: ['supervisor'],
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'Approve the draft (four eyes: not by its drafter); it is applied and propagated.',
    notBy: 'draftedBy',
  },
  SEND_BACK: {
    roles: ['supervisor'],
    input: z.object({ reasons }),
    description: 'Send the draft back to be redone, with reasons.',
  },
  CANCEL: {
    roles: ['supervisor'],
    input: z.object({ reasons }),
    description: 'Cancel the correction, with reasons.',
  },
  PLATFORM_ACKNOWLEDGED: platformAcknowledgement,
} satisfies CaseEventCatalog;

/**
 * Version 3 (issue 16 item 3): a cancellation says why with a reason code from the correction's
 * closed list, beside the supervisor's words; the subject's notice carries both. The machine is
 * version 2's: it keeps the code and words it in the notice whenever the event carries one.
 */
export const correctionEventsV3 = {
  ...correctionEvents,
  CANCEL: { ...correctionEvents.CANCEL, input: adverseDecision(reasonCodesFor.correction.CANCEL) },
} satisfies CaseEventCatalog;

export type CorrectionEvent = CaseEventsOf<typeof correctionEvents> | CaseEventsOf<typeof correctionEventsV3>;

export interface CorrectionContext extends PropagationContext {
  subjectId: string;
  reasons: string;
  /** What the case that opened this one decided should change, shown with the case; the reviewer's draft (SUBMIT_DRAFT) is written afresh, nothing copies it. */
  proposed: RecordCorrection | null;
  proposedRemoval: boolean;
  requiresApproval: boolean;
  draft: { correction: RecordCorrection; remove: boolean; reasons: string } | null;
  draftedBy: string | null;
  approvedBy: string | null;
  outcome: 'applied' | 'cancelled' | null;
  /** v2: the upheld objection whose disputed mark this correction lifts (absent in v1 cases). */
  liftsMarkOf?: string | null;
  /** v2: why it was cancelled, as the subject is told. */
  cancelReasons?: string | null;
  /** v3: why, from the closed list. */
  cancelReasonCode?: RefusalReasonCode;
}

export type CorrectionInput = CorrectionFiling & {
  subjectId: string;
  requiresApproval: boolean;
  platformIds: string[];
  /** The objection whose disputed mark stays on the record until this correction is applied. */
  liftsMarkOf?: string | null;
};

const effects = caseEffects(
  'correctRecord',
  'clearDisputedMark',
  'notifySubject',
  'propagateRecord',
  'recordAcknowledgement',
);

/** The mark of the upheld objection comes off (v2), where this correction carries one. */
const liftMark = ({ context }: { context: CorrectionContext }) => ({
  recordId: context.recordId,
  ...(context.liftsMarkOf ? { markedByCaseId: context.liftsMarkOf } : {}),
});

const correction = setup({
  types: { context: {} as CorrectionContext, events: {} as CorrectionEvent, input: {} as CorrectionInput },
  actions: {
    ...effects.actions,
    acknowledge: acknowledgement<CorrectionContext, CorrectionEvent>(),
    keepDraft: assign(
      (_, params: { correction: RecordCorrection; remove: boolean; reasons: string; by: string | null }) => ({
        draft: { correction: params.correction, remove: params.remove, reasons: params.reasons },
        draftedBy: params.by,
      }),
    ),
  },
  guards: {
    draftHasContent: ({ event }) =>
      event.type === 'SUBMIT_DRAFT' && (event.remove === true || Object.keys(event.correction ?? {}).length > 0),
    // Four eyes: where the policy asks, for removals, and for any change of kind or class (which
    // moves the display period).
    needsApproval: ({ context, event }) =>
      context.requiresApproval ||
      (event.type === 'SUBMIT_DRAFT' &&
        (event.remove === true ||
          event.correction?.class !== undefined ||
          event.correction?.kind !== undefined ||
          event.correction?.publishedFrom !== undefined)),
  },
});

/** The reason code of a cancellation, kept as `cancelReasonCode` (version 3's events carry one). */
const cancelCodeOf = (event: object) => {
  const { reasonCode } = reasonCodeIn(event);
  return reasonCode ? { cancelReasonCode: reasonCode } : {};
};

/** The machine of either version: v2 lifts the objection's mark and words a cancellation. */
function correctionMachineOf(version: 1 | 2) {
  const v2 = version === 2;
  const lift = v2 ? [{ type: 'clearDisputedMark' as const, params: liftMark }] : [];
  return correction.createMachine({
    id: 'correction',
    description: 'A correction (纠错) of a record: drafted, approved where the policy asks, applied, propagated.',
    context: ({ input }) =>
      input === undefined
        ? withoutInput()
        : {
            recordId: input.recordId,
            subjectId: input.subjectId,
            reasons: input.reasons,
            proposed: input.proposed ?? null,
            proposedRemoval: input.remove ?? false,
            requiresApproval: input.requiresApproval,
            platformIds: input.platformIds,
            acknowledgedPlatformIds: [],
            draft: null,
            draftedBy: null,
            approvedBy: null,
            outcome: null,
            ...(v2 ? { liftsMarkOf: input.liftsMarkOf ?? null, cancelReasons: null } : {}),
          },
    initial: 'drafting',
    states: {
      drafting: {
        description: 'A reviewer drafts the new version of the record, or its removal.',
        meta: stateMeta('reviewer', { deadline: 'correction.apply' }),
        on: {
          SUBMIT_DRAFT: [
            {
              guard: and(['draftHasContent', 'needsApproval']),
              target: 'awaitingApproval',
              actions: {
                type: 'keepDraft',
                params: ({ event }) => ({
                  correction: event.correction ?? {},
                  remove: event.remove ?? false,
                  reasons: event.reasons,
                  by: event.actor?.userId ?? null,
                }),
              },
            },
            {
              guard: 'draftHasContent',
              target: 'propagating',
              actions: [
                {
                  type: 'keepDraft',
                  params: ({ event }) => ({
                    correction: event.correction ?? {},
                    remove: false,
                    reasons: event.reasons,
                    by: event.actor?.userId ?? null,
                  }),
                },
                {
                  type: 'correctRecord',
                  params: ({ context, event }) => ({
                    recordId: context.recordId,
                    correction: event.correction ?? {},
                    remove: false,
                    reasons: event.reasons,
                  }),
                },
                ...lift,
              ],
            },
          ],
          CANCEL: {
            target: 'cancelled',
            meta: correctionEvents.CANCEL,
            ...(v2
              ? { actions: assign(({ event }) => ({ cancelReasons: event.reasons, ...cancelCodeOf(event) })) }
              : {}),
          },
        },
      },
      awaitingApproval: {
        description: 'A supervisor other than the drafter approves the draft or sends it back.',
        meta: stateMeta('supervisor', { deadline: 'correction.apply' }),
        on: {
          APPROVE: {
            target: 'propagating',
            actions: [
              assign({ approvedBy: ({ event }) => event.actor?.userId ?? null }),
              {
                type: 'correctRecord',
                params: ({ context }) => ({
                  recordId: context.recordId,
                  correction: context.draft?.correction ?? {},
                  remove: context.draft?.remove ?? false,
                  reasons: context.draft?.reasons ?? context.reasons,
                }),
              },
              ...lift,
            ],
          },
          SEND_BACK: {
            target: 'drafting',
            actions: assign({ draft: null, draftedBy: null }),
          },
          CANCEL: {
            target: 'cancelled',
            meta: correctionEvents.CANCEL,
            ...(v2
              ? { actions: assign(({ event }) => ({ cancelReasons: event.reasons, ...cancelCodeOf(event) })) }
              : {}),
          },
        },
      },
      propagating: propagatingState({
        description:
          'Applied; every platform that publishes the record is told, and the case waits for each to acknowledge.',
        done: 'applied',
      }),
      applied: {
        type: 'final',
        description: 'Applied and acknowledged by every platform.',
        meta: stateMeta('nobody'),
        entry: [
          assign({ outcome: 'applied' as const }),
          {
            type: 'notifySubject',
            params: ({ context }) => ({
              subjectId: context.subjectId,
              topic: 'case_closed' as const,
              data: { outcome: 'applied' },
            }),
          },
        ],
      },
      cancelled: {
        type: 'final',
        description: v2
          ? 'Cancelled with reasons: the record stands, its disputed mark comes off, and the subject is told why.'
          : 'Cancelled with reasons.',
        meta: stateMeta('nobody'),
        entry: [
          assign({ outcome: 'cancelled' as const }),
          ...lift,
          ...(v2
            ? [
                {
                  type: 'notifySubject' as const,
                  params: ({ context }: { context: CorrectionContext }) => ({
                    subjectId: context.subjectId,
                    topic: 'case_closed' as const,
                    data: {
                      outcome: 'cancelled',
                      reasons: context.cancelReasons ?? '',
                      ...(context.cancelReasonCode ? { reasonCode: context.cancelReasonCode } : {}),
                    },
                  }),
                },
              ]
            : []),
        ],
      },
    },
  });
}

export const correctionMachine = correctionMachineOf(1);
export const correctionMachineV2 = correctionMachineOf(2);

const correctionDefinition = {
  name: 'correction',
  filing: correctionFilingSchema,
  filingRoles: ['reviewer', 'supervisor'],
  filingAttachments: false,
  events: correctionEvents,
  effects,
} as const;

export const correctionV1 = defineCaseType({ ...correctionDefinition, version: 1, machine: correctionMachine });
export const correctionV2 = defineCaseType({ ...correctionDefinition, version: 2, machine: correctionMachineV2 });
export const correctionV3 = defineCaseType({
  ...correctionDefinition,
  events: correctionEventsV3,
  version: 3,
  machine: correctionMachineV2,
});
