// The objection (异议) lifecycle: a subject challenges a record; the record carries the
// disputed mark from receipt until the objection is decided, withdrawn or rejected
// (征信业管理条例 art. 25: mark on receipt; answer in writing within the limit of the
// case's policy). An upheld objection opens a correction case (machines/correction.machine.ts).
// Pure: effects leave as named actions that the case engine carries out.
//
// Version 3 holds the undecided states in one `open` parent, where withdrawing and
// supplementing are handled once; version 2 (the same states, flat, each handling both) stays
// for the cases that started under it (objectionV2to3 in machines/migrations.ts moves them).
//
// Version 4 (issue 15 item 5) follows art. 25 further: an upheld objection leaves the mark on
// the record until its correction is applied (the correction case lifts it); an unresolved one
// keeps the objection and its verification on record beside the record (予以记载); a request
// for material says by when it is due (the policy's objection.material period). Version 3
// stays for the cases that ended under it; objectionV3toV4 in machines/migrations.ts moves the
// running ones (a policy version stored before the material period reads it from the shipped one).
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { recordCorrectionSchema } from '../src/domain/records.js';
import { plainText } from '../src/domain/text.js';
import { reasonCodeOf, reasonCodesFor, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import {
  adverseDecision,
  type CaseEventCatalog,
  type CaseEventsOf,
  type CaseStateMeta,
  reasonCodeIn,
  reasons,
  staff,
  stateMeta,
} from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';
import { type MaterialRequest, materialRequestRecord, requestMaterial } from './shared-states.js';

/** What filing an objection takes; the subject comes from the record. */
export const objectionFilingSchema = z.object({
  recordId: z.uuid(),
  reason: plainText({ max: 5_000, required: 'say what is wrong with the record' }),
  requestedCorrection: plainText({ max: 5_000 }).optional(),
  /** Needed when an earlier objection to the record was dismissed: what is new since. */
  newFacts: plainText({ max: 5_000 }).optional(),
  /** What is objected to (国办发〔2025〕22号): the record's content (absent), a repair's result, or its display period. */
  concerns: z.enum(['record_content', 'repair_result', 'display_period']).optional(),
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
    input: z.object({
      answer: plainText({ max: 5_000, required: "record the agency's answer" }),
      // Which fields are wrong, each with its right value: the fields a correction changes.
      // The audit trail keeps them; the reviewer's UPHOLD form starts from them, and so does the
      // correction it opens. The machine's context keeps the answer only (as in every version).
      correction: recordCorrectionSchema.optional(),
    }),
    description:
      'The agency that owns the record finds its facts wrong, and may say which fields are wrong with their right values.',
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

/**
 * Version 5 (issue 16 item 3): a rejection, a dismissal, an unresolved close and a request for
 * material say why with a reason code from the objection's closed list (reasonCodesFor), beside
 * the officer's words; the request is the shared one (what, why, by when, how many times).
 */
export const objectionEventsV5 = {
  ...objectionEvents,
  REJECT: { ...objectionEvents.REJECT, input: adverseDecision(reasonCodesFor.objection.REJECT) },
  REQUEST_MATERIAL: {
    ...objectionEvents.REQUEST_MATERIAL,
    input: z.object({
      reasonCode: reasonCodeOf(reasonCodesFor.objection.REQUEST_MATERIAL),
      requested: plainText({ max: 2_000, required: 'say what material is needed' }),
    }),
    description:
      'Ask the subject for everything missing at once, saying why; the answer clock pauses and the material is due by the end of the material period.',
  },
  DISMISS: { ...objectionEvents.DISMISS, input: adverseDecision(reasonCodesFor.objection.DISMISS) },
  CLOSE_UNRESOLVED: {
    ...objectionEvents.CLOSE_UNRESOLVED,
    input: adverseDecision(reasonCodesFor.objection.CLOSE_UNRESOLVED),
  },
} satisfies CaseEventCatalog;

export type ObjectionEvent = CaseEventsOf<typeof objectionEvents> | CaseEventsOf<typeof objectionEventsV5>;
type ObjectionEventOf<K extends ObjectionEvent['type']> = Extract<ObjectionEvent, { type: K }>;

export type ObjectionOutcome = 'rejected' | 'withdrawn' | 'upheld' | 'dismissed' | 'unresolved';

export interface ObjectionContext {
  recordId: string;
  subjectId: string;
  reason: string;
  requestedCorrection: string | null;
  newFacts: string | null;
  /** Absent in cases filed before it was asked: those are about the record's content. */
  concerns?: NonNullable<ObjectionFiling['concerns']>;
  supplements: string[];
  materialRequests: MaterialRequest[];
  agencyFinding: { finding: 'confirmed' | 'denied'; answer: string } | null;
  /** reasonCode: why, from the closed list (version 5 on). */
  decision: { outcome: ObjectionOutcome; reasons: string | null; reasonCode?: RefusalReasonCode } | null;
}

export type ObjectionInput = ObjectionFiling & { subjectId: string };

const effects = caseEffects(
  'markRecordDisputed',
  'clearDisputedMark',
  'keepObjectionOnRecord',
  'notifySubject',
  'openLinkedCase',
);

/** What every version of the objection machine is set up with. */
const objection = setup({
  types: {
    context: {} as ObjectionContext,
    events: {} as ObjectionEvent,
    input: {} as ObjectionInput,
  },
  actions: {
    ...effects.actions,
    addSupplement: assign(({ context }, params: { reason: string }) => ({
      supplements: [...context.supplements, params.reason],
    })),
    recordDecision: assign(
      (_, params: { outcome: ObjectionOutcome; reasons: string | null; reasonCode?: RefusalReasonCode }) => ({
        decision: params,
      }),
    ),
    recordMaterialRequest: materialRequestRecord<ObjectionContext, ObjectionEvent>(),
  },
});

/** What the subject may do while the objection is undecided, in whichever state it is. */
const { on: whileOpen } = objection.createStateConfig({
  on: {
    WITHDRAW: {
      target: '#objection.withdrawn',
      actions: {
        type: 'recordDecision',
        params: ({ event }: { event: ObjectionEventOf<'WITHDRAW'> }) => ({
          outcome: 'withdrawn' as const,
          reasons: event.reason ?? null,
        }),
      },
    },
    SUPPLEMENT: {
      actions: {
        type: 'addSupplement',
        params: ({ event }: { event: ObjectionEventOf<'SUPPLEMENT'> }) => ({ reason: event.reason }),
      },
    },
  },
});

const intake = objection.createStateConfig({
  description: 'Received and marked; a reviewer checks it is complete and admissible.',
  meta: stateMeta('reviewer', { deadline: 'objection.answer' }),
  on: {
    ACCEPT: { target: 'verifying' },
    REJECT: {
      target: '#objection.rejected',
      actions: {
        type: 'recordDecision',
        params: ({ event }) => ({ outcome: 'rejected' as const, reasons: event.reasons, ...reasonCodeIn(event) }),
      },
    },
    REQUEST_MATERIAL: {
      target: 'awaitingMaterial',
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
  },
});

const awaitingMaterial = objection.createStateConfig({
  description: 'Waiting for the subject to supply the material asked for. The clock is paused.',
  meta: stateMeta('citizen', { clockPaused: true }),
  on: {
    SUBMIT_MATERIAL: {
      target: 'intake',
      actions: assign({
        materialRequests: ({ context, event }) =>
          context.materialRequests.map((request, i) =>
            i === context.materialRequests.length - 1 ? { ...request, supplied: event.material } : request,
          ),
      }),
    },
  },
});

const verifying = objection.createStateConfig({
  description: 'The agency that owns the record checks its facts.',
  meta: stateMeta('agency', { deadline: 'objection.answer' }),
  on: {
    AGENCY_CONFIRMED: {
      target: 'deciding',
      actions: assign({ agencyFinding: ({ event }) => ({ finding: 'confirmed' as const, answer: event.answer }) }),
    },
    AGENCY_DENIED: {
      target: 'deciding',
      actions: assign({ agencyFinding: ({ event }) => ({ finding: 'denied' as const, answer: event.answer }) }),
    },
  },
});

const deciding = objection.createStateConfig({
  description: 'The agency has answered; a reviewer decides with reasons.',
  meta: stateMeta('reviewer', { deadline: 'objection.answer' }),
  on: {
    UPHOLD: {
      target: '#objection.upheld',
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
      target: '#objection.dismissed',
      actions: {
        type: 'recordDecision',
        params: ({ event }) => ({ outcome: 'dismissed' as const, reasons: event.reasons, ...reasonCodeIn(event) }),
      },
    },
    CLOSE_UNRESOLVED: {
      target: '#objection.unresolved',
      actions: {
        type: 'recordDecision',
        params: ({ event }) => ({ outcome: 'unresolved' as const, reasons: event.reasons, ...reasonCodeIn(event) }),
      },
    },
  },
});

/** The final states: the mark comes off and the subject is told. */
const decided = {
  // Rejected, dismissed and unresolved objections may be challenged by administrative review.
  rejected: closed('rejected', 'Rejected at intake, with reasons.', { reviewable: true }),
  withdrawn: closed('withdrawn', 'Withdrawn by the subject before a decision.'),
  upheld: closed('upheld', 'Upheld: the record was corrected and its earlier version kept.'),
  // Dismissed on its merits: a new objection to the record needs new facts (征信业管理条例 art. 25).
  dismissed: closed('dismissed', 'Dismissed with reasons: the record stands.', {
    reviewable: true,
    barsRepeatFiling: true,
  }),
  unresolved: closed('unresolved', 'Could not be resolved; the subject may add a statement to the record.', {
    reviewable: true,
  }),
};

const common = {
  id: 'objection',
  description:
    'An objection (异议) to a credit record: marked on receipt, verified with the agency, decided with reasons.',
  context: ({ input }: { input: ObjectionInput }): ObjectionContext =>
    input === undefined
      ? withoutInput()
      : {
          recordId: input.recordId,
          subjectId: input.subjectId,
          reason: input.reason,
          requestedCorrection: input.requestedCorrection ?? null,
          newFacts: input.newFacts ?? null,
          concerns: input.concerns ?? 'record_content',
          supplements: [],
          materialRequests: [],
          agencyFinding: null,
          decision: null,
        },
  // 征信业管理条例 art. 25: the disputed mark goes on when the objection is received.
  entry: {
    type: 'markRecordDisputed' as const,
    params: ({ context }: { context: ObjectionContext }) => ({ recordId: context.recordId }),
  },
};

/** Version 2: the undecided states side by side, each handling WITHDRAW and SUPPLEMENT. */
export const objectionMachineV2 = objection.createMachine({
  ...common,
  initial: 'intake',
  states: {
    intake: { ...intake, on: { ...intake.on, ...whileOpen } },
    awaitingMaterial: { ...awaitingMaterial, on: { ...awaitingMaterial.on, ...whileOpen } },
    verifying: { ...verifying, on: { ...verifying.on, ...whileOpen } },
    deciding: { ...deciding, on: { ...deciding.on, ...whileOpen } },
    ...decided,
  },
});

/** Version 3: the undecided states inside `open`, which handles WITHDRAW and SUPPLEMENT once. */
export const objectionMachine = objection.createMachine({
  ...common,
  initial: 'open',
  states: {
    open: {
      description: 'Undecided: the record carries the disputed mark; the subject may add to it or withdraw it.',
      initial: 'intake',
      on: whileOpen,
      states: { intake, awaitingMaterial, verifying, deciding },
    },
    ...decided,
  },
});

// --- Version 4 (issue 15 item 5) ---

/** v4: a request for material runs its own period and the notice says when it ends. */
const intakeV4 = objection.createStateConfig({
  ...intake,
  on: {
    ...intake.on,
    REQUEST_MATERIAL: {
      target: 'awaitingMaterial',
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
            dueOf: 'objection.material' as const,
          }),
        },
      ],
    },
  },
});

const awaitingMaterialV4 = objection.createStateConfig({
  ...awaitingMaterial,
  description:
    'Waiting for the subject to supply the material asked for, by the end of the material period. The answer clock is paused.',
  meta: stateMeta('citizen', { clockPaused: true, deadlines: ['objection.material'] }),
});

export const objectionMachineV4 = objection.createMachine({
  ...common,
  initial: 'open',
  states: {
    open: {
      description: 'Undecided: the record carries the disputed mark; the subject may add to it or withdraw it.',
      initial: 'intake',
      on: whileOpen,
      states: { intake: intakeV4, awaitingMaterial: awaitingMaterialV4, verifying, deciding },
    },
    ...decided,
    // The mark stays: the correction this opened lifts it when it is applied (or cancelled).
    upheld: closed(
      'upheld',
      'Upheld: a correction case corrects the record; the disputed mark stays until it is applied.',
      {},
      { keepsMark: true },
    ),
    unresolved: objection.createStateConfig({
      ...decided.unresolved,
      description:
        'Could not be resolved: the objection and its verification are kept on record beside the record; the subject may add a statement.',
      entry: [
        {
          type: 'keepObjectionOnRecord',
          params: ({ context }) => ({
            recordId: context.recordId,
            subjectId: context.subjectId,
            objection: context.reason,
            supplements: context.supplements,
            verification: context.agencyFinding,
            reasons: context.decision?.reasons ?? '',
          }),
        },
        ...closedEntry('unresolved', false),
      ],
    }),
  },
});
// --- end of version 4 ---

// --- Version 5 (issue 16 item 3): the same states and clocks; decisions against the subject
// carry a reason code (the shared transitions record it when the event has one, which only a
// version-5 event does), the closing notice says why and what to do now, and a request for
// material is the shared one. objectionV4toV5 in machines/migrations.ts moves running cases.
const intakeV5 = objection.createStateConfig({
  ...intakeV4,
  on: {
    ...intakeV4.on,
    REQUEST_MATERIAL: { target: 'awaitingMaterial', actions: requestMaterial('objection.material') },
  },
});

const objectionStatesV4 = objectionMachineV4.config.states as Record<string, never>;

export const objectionMachineV5 = objection.createMachine({
  ...common,
  initial: 'open',
  states: {
    ...objectionStatesV4,
    open: {
      description: 'Undecided: the record carries the disputed mark; the subject may add to it or withdraw it.',
      initial: 'intake',
      on: whileOpen,
      states: { intake: intakeV5, awaitingMaterial: awaitingMaterialV4, verifying, deciding },
    },
  },
});
// --- end of version 5 ---

function closed(
  outcome: ObjectionOutcome,
  description: string,
  meaning: Omit<CaseStateMeta, 'waitingOn'> = {},
  options: { keepsMark?: boolean } = {},
) {
  return objection.createStateConfig({
    type: 'final',
    description,
    meta: stateMeta('nobody', meaning),
    entry: closedEntry(outcome, options.keepsMark === true),
  });
}

/** What a final state does on entry: lift the mark (unless a correction will) and tell the subject. */
function closedEntry(outcome: ObjectionOutcome, keepsMark: boolean) {
  return [
    ...(keepsMark
      ? []
      : [
          {
            type: 'clearDisputedMark' as const,
            params: ({ context }: { context: ObjectionContext }) => ({ recordId: context.recordId }),
          },
        ]),
    {
      type: 'notifySubject' as const,
      params: ({ context }: { context: ObjectionContext }) => ({
        subjectId: context.subjectId,
        topic: 'case_closed' as const,
        // Why and the officer's words, where the decision has a code (version 5 on).
        data: {
          outcome,
          ...(context.decision?.reasonCode
            ? { reasonCode: context.decision.reasonCode, reasons: context.decision.reasons ?? '' }
            : {}),
        },
      }),
    },
  ];
}

const objectionDefinition = {
  name: 'objection',
  filing: objectionFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: objectionEvents,
  effects,
  // A record under an open objection takes a SUPPLEMENT to it, not a second objection; a record
  // whose forum is elsewhere (the court list, credit reports) is referred there instead.
  offeredFor: (record: { disputed: boolean; forum: string }) => record.forum === 'platform' && !record.disputed,
} as const;

export const objectionV2 = defineCaseType({ ...objectionDefinition, version: 2, machine: objectionMachineV2 });
export const objectionV3 = defineCaseType({ ...objectionDefinition, version: 3, machine: objectionMachine });
export const objectionV4 = defineCaseType({ ...objectionDefinition, version: 4, machine: objectionMachineV4 });
export const objectionV5 = defineCaseType({
  ...objectionDefinition,
  events: objectionEventsV5,
  version: 5,
  machine: objectionMachineV5,
});
