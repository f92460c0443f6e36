// The objection (异议) lifecycle: a subject challenges a record; the record carries the
// disputed mark from receipt until the objection is decided, withdrawn or rejected
// (征信业管理条例 art. 25: mark on receipt; answer in writing within the limit of the
// case's policy). An upheld objection opens a correction case (machines/correction.machine.ts).
// Pure: effects leave as named actions that the case engine carries out.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { recordCorrectionSchema } from '../src/domain/records.js';
import { plainText } from '../src/domain/text.js';
import type { CaseEventCatalog, CaseStateMeta } from './case-events.js';
import { effectActions } from './effects.js';

const reasons = plainText({ max: 5_000, required: 'give the reasons' });
const staff = ['reviewer', 'supervisor'] as const;

/** What filing an objection takes; the subject comes from the record. */
export const objectionFilingSchema = z.object({
  recordId: z.uuid(),
  reason: plainText({ max: 5_000, required: 'say what is wrong with the record' }),
  requestedCorrection: plainText({ max: 5_000 }).optional(),
  /** Needed when an earlier objection to the record was dismissed: what is new since. */
  newFacts: plainText({ max: 5_000 }).optional(),
});
export type ObjectionFiling = z.infer<typeof objectionFilingSchema>;

export const objectionEvents = {
  ACCEPT: {
    roles: staff,
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'Accept the objection at intake and send it to the agency for verification.',
  },
  REJECT: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Reject the objection at intake (e.g. not about this subject, or no grounds given), with reasons.',
  },
  REQUEST_MATERIAL: {
    roles: staff,
    input: z.object({ requested: plainText({ max: 2_000, required: 'say what material is needed' }) }),
    description: 'Ask the subject for more material; the clock pauses until it arrives.',
  },
  SUBMIT_MATERIAL: {
    roles: ['citizen'],
    input: z.object({ material: plainText({ max: 10_000, required: 'describe the material supplied' }) }),
    description: 'Supply the material asked for; the objection returns to intake.',
    attachments: true,
  },
  AGENCY_CONFIRMED: {
    roles: ['reviewer', 'supervisor', 'agency'],
    input: z.object({ answer: plainText({ max: 5_000, required: "record the agency's answer" }) }),
    description: 'The agency that owns the record confirms its facts.',
    attachments: true,
  },
  AGENCY_DENIED: {
    roles: ['reviewer', 'supervisor', 'agency'],
    input: z.object({ answer: plainText({ max: 5_000, required: "record the agency's answer" }) }),
    description: 'The agency that owns the record finds its facts wrong.',
    attachments: true,
  },
  SUPPLEMENT: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 5_000, required: 'say what you add' }) }),
    description: 'Add grounds or evidence to the open objection (a second objection to the record lands here).',
    attachments: true,
  },
  UPHOLD: {
    roles: staff,
    input: z.object({
      reasons,
      correction: recordCorrectionSchema.optional(),
      remove: z.boolean().optional(),
    }),
    description:
      'Uphold the objection: the mark comes off and a correction case opens, with the fields to correct or the removal proposed here.',
  },
  DISMISS: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Dismiss the objection with reasons: the record stands and the mark is removed.',
  },
  CLOSE_UNRESOLVED: {
    roles: staff,
    input: z.object({ reasons }),
    description:
      'Record that the objection could not be resolved (the subject may add a statement); the mark is removed.',
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description: 'Withdraw the objection before it is decided.',
  },
} satisfies CaseEventCatalog;

type Catalog = typeof objectionEvents;
export type ObjectionEvent = { [K in keyof Catalog]: { type: K } & z.infer<Catalog[K]['input']> }[keyof Catalog];

export type ObjectionOutcome = 'rejected' | 'withdrawn' | 'upheld' | 'dismissed' | 'unresolved';

export interface ObjectionContext {
  recordId: string;
  subjectId: string;
  reason: string;
  requestedCorrection: string | null;
  newFacts: string | null;
  supplements: string[];
  materialRequests: { requested: string; supplied: string | null }[];
  agencyFinding: { finding: 'confirmed' | 'denied'; answer: string } | null;
  decision: { outcome: ObjectionOutcome; reasons: string | null } | null;
}

export type ObjectionInput = ObjectionFiling & { subjectId: string };

const withdraw = {
  target: 'withdrawn',
  meta: objectionEvents.WITHDRAW,
  actions: {
    type: 'recordDecision',
    params: ({ event }: { event: ObjectionEvent }) => ({
      outcome: 'withdrawn' as const,
      reasons: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
    }),
  },
} as const;

const waiting = (
  waitingOn: CaseStateMeta['waitingOn'],
  extra: Omit<CaseStateMeta, 'waitingOn'> = {},
): CaseStateMeta => ({ waitingOn, ...extra });

export const objectionMachine = setup({
  types: {
    context: {} as ObjectionContext,
    events: {} as ObjectionEvent,
    input: {} as ObjectionInput,
  },
  actions: {
    ...effectActions,
    addSupplement: assign(({ context }, params: { reason: string }) => ({
      supplements: [...context.supplements, params.reason],
    })),
    recordDecision: assign((_, params: { outcome: ObjectionOutcome; reasons: string | null }) => ({
      decision: params,
    })),
  },
}).createMachine({
  id: 'objection',
  description:
    'An objection (异议) to a credit record: marked on receipt, verified with the agency, decided with reasons.',
  context: ({ input }) => ({
    recordId: input.recordId,
    subjectId: input.subjectId,
    reason: input.reason,
    requestedCorrection: input.requestedCorrection ?? null,
    newFacts: input.newFacts ?? null,
    supplements: [],
    materialRequests: [],
    agencyFinding: null,
    decision: null,
  }),
  // 征信业管理条例 art. 25: the disputed mark goes on when the objection is received.
  entry: { type: 'markRecordDisputed', params: ({ context }) => ({ recordId: context.recordId }) },
  initial: 'intake',
  states: {
    intake: {
      description: 'Received and marked; a reviewer checks it is complete and admissible.',
      meta: waiting('reviewer', { deadline: 'objection.answer' }),
      on: {
        ACCEPT: { target: 'verifying', meta: objectionEvents.ACCEPT },
        REJECT: {
          target: 'rejected',
          meta: objectionEvents.REJECT,
          actions: {
            type: 'recordDecision',
            params: ({ event }) => ({ outcome: 'rejected' as const, reasons: event.reasons }),
          },
        },
        REQUEST_MATERIAL: {
          target: 'awaitingMaterial',
          meta: objectionEvents.REQUEST_MATERIAL,
          actions: [
            assign({
              materialRequests: ({ context, event }) => [
                ...context.materialRequests,
                { requested: event.requested, supplied: null },
              ],
            }),
            {
              type: 'notifySubject',
              params: ({ context, event }) => ({
                subjectId: context.subjectId,
                topic: 'material_requested' as const,
                data: { requested: event.requested },
              }),
            },
          ],
        },
        WITHDRAW: withdraw,
        SUPPLEMENT: {
          meta: objectionEvents.SUPPLEMENT,
          actions: { type: 'addSupplement', params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    awaitingMaterial: {
      description: 'Waiting for the subject to supply the material asked for. The clock is paused.',
      meta: waiting('citizen', { clockPaused: true }),
      on: {
        SUBMIT_MATERIAL: {
          target: 'intake',
          meta: objectionEvents.SUBMIT_MATERIAL,
          actions: assign({
            materialRequests: ({ context, event }) =>
              context.materialRequests.map((request, i) =>
                i === context.materialRequests.length - 1 ? { ...request, supplied: event.material } : request,
              ),
          }),
        },
        WITHDRAW: withdraw,
        SUPPLEMENT: {
          meta: objectionEvents.SUPPLEMENT,
          actions: { type: 'addSupplement', params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    verifying: {
      description: 'The agency that owns the record checks its facts.',
      meta: waiting('agency', { deadline: 'objection.answer' }),
      on: {
        AGENCY_CONFIRMED: {
          target: 'deciding',
          meta: objectionEvents.AGENCY_CONFIRMED,
          actions: assign({ agencyFinding: ({ event }) => ({ finding: 'confirmed' as const, answer: event.answer }) }),
        },
        AGENCY_DENIED: {
          target: 'deciding',
          meta: objectionEvents.AGENCY_DENIED,
          actions: assign({ agencyFinding: ({ event }) => ({ finding: 'denied' as const, answer: event.answer }) }),
        },
        WITHDRAW: withdraw,
        SUPPLEMENT: {
          meta: objectionEvents.SUPPLEMENT,
          actions: { type: 'addSupplement', params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    deciding: {
      description: 'The agency has answered; a reviewer decides with reasons.',
      meta: waiting('reviewer', { deadline: 'objection.answer' }),
      on: {
        UPHOLD: {
          target: 'upheld',
          meta: objectionEvents.UPHOLD,
          actions: [
            { type: 'recordDecision', params: ({ event }) => ({ outcome: 'upheld' as const, reasons: event.reasons }) },
            {
              type: 'openLinkedCase',
              params: ({ context, event }) => ({
                type: 'correction',
                filing: {
                  recordId: context.recordId,
                  proposed: event.correction ?? null,
                  remove: event.remove ?? false,
                  reasons: event.reasons,
                },
              }),
            },
          ],
        },
        DISMISS: {
          target: 'dismissed',
          meta: objectionEvents.DISMISS,
          actions: {
            type: 'recordDecision',
            params: ({ event }) => ({ outcome: 'dismissed' as const, reasons: event.reasons }),
          },
        },
        CLOSE_UNRESOLVED: {
          target: 'unresolved',
          meta: objectionEvents.CLOSE_UNRESOLVED,
          actions: {
            type: 'recordDecision',
            params: ({ event }) => ({ outcome: 'unresolved' as const, reasons: event.reasons }),
          },
        },
        WITHDRAW: withdraw,
        SUPPLEMENT: {
          meta: objectionEvents.SUPPLEMENT,
          actions: { type: 'addSupplement', params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    rejected: closed('rejected', 'Rejected at intake, with reasons.'),
    withdrawn: closed('withdrawn', 'Withdrawn by the subject before a decision.'),
    upheld: closed('upheld', 'Upheld: the record was corrected and its earlier version kept.'),
    dismissed: closed('dismissed', 'Dismissed with reasons: the record stands.'),
    unresolved: closed('unresolved', 'Could not be resolved; the subject may add a statement to the record.'),
  },
});

/** A final state: the mark comes off and the subject is told. */
function closed(outcome: ObjectionOutcome, description: string) {
  return {
    type: 'final' as const,
    description,
    meta: waiting('nobody'),
    entry: [
      {
        type: 'clearDisputedMark' as const,
        params: ({ context }: { context: ObjectionContext }) => ({ recordId: context.recordId }),
      },
      {
        type: 'notifySubject' as const,
        params: ({ context }: { context: ObjectionContext }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          data: { outcome },
        }),
      },
    ],
  };
}
