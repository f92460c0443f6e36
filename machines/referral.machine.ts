// A referral (转交): an objection about a record that xiufu does not decide, sent to the forum
// that does (src/domain/forums.ts): the enforcing court for the court list of dishonest judgment
// debtors (SPC rules 2017 art. 12: review in 15 days), the credit-reporting agency or the data
// provider for credit-report information (征信业管理条例 art. 25: answer in writing in 20 days).
// The subject files; staff send it and record what was sent to whom and when, then the forum's
// answer when it comes; the subject is told at each step. The forum's legal limit runs from the
// referral. Pure: effects leave as named actions that the case engine carries out.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { forums, type ReferralForum } from '../src/domain/forums.js';
import { calendarDate } from '../src/domain/input-schemas.js';
import { recordCorrectionSchema } from '../src/domain/records.js';
import { plainText, singleLineText } from '../src/domain/text.js';
import { reasonCodeOf, reasonCodesFor, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import { type CaseEventCatalog, type CaseEventsOf, reasonCodeIn, staff, stateMeta } from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';

export const referralFilingSchema = z.object({
  recordId: z.uuid(),
  reason: plainText({ max: 5_000, required: 'say what is wrong with the record' }),
  requestedCorrection: plainText({ max: 5_000 }).optional(),
});
export type ReferralFiling = z.infer<typeof referralFilingSchema>;

/** How the forum answered: it corrected the record, deleted it, or kept it as it is. */
export const referralAnswerOutcomes = ['corrected', 'deleted', 'maintained'] as const;
export type ReferralAnswerOutcome = (typeof referralAnswerOutcomes)[number];

export const referralEvents = {
  REFER: {
    roles: staff,
    input: z.object({
      sentTo: singleLineText({ max: 300, required: 'name the court, agency or data provider it was sent to' }),
      sentOn: calendarDate(),
      channel: singleLineText({ max: 200, required: 'say how it was sent (post, the court portal, …)' }),
      reference: singleLineText({ max: 200 }).optional(),
    }),
    description: 'Record that the objection was sent to the forum that decides it: to whom, when, how.',
    attachments: true,
  },
  ANSWER_RECORDED: {
    roles: ['reviewer', 'supervisor', 'agency'],
    input: z.object({
      answeredOn: calendarDate(),
      outcome: z.enum(referralAnswerOutcomes),
      answer: plainText({ max: 5_000, required: "record the forum's answer" }),
    }),
    description: "Record the forum's written answer: its date, what it decided and what it says.",
    attachments: true,
  },
  SUPPLEMENT: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 5_000, required: 'say what you add' }) }),
    description: 'Add grounds or evidence for staff to pass on to the forum.',
    attachments: true,
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description: 'Withdraw the referral before the forum answers (xiufu tells the forum if it was sent).',
  },
} satisfies CaseEventCatalog;

export type ReferralEvent = CaseEventsOf<typeof referralEvents>;

export interface ReferralContext {
  recordId: string;
  subjectId: string;
  forum: ReferralForum;
  reason: string;
  requestedCorrection: string | null;
  supplements: string[];
  referral: { sentTo: string; sentOn: string; channel: string; reference: string | null; sentBy: string | null } | null;
  answer: {
    answeredOn: string;
    outcome: ReferralAnswerOutcome;
    answer: string;
    /** Who recorded the answer in xiufu. */
    recordedBy: string | null;
    /** Version 3: why the forum kept the record, from the closed list, as its answer says. */
    reasonCode?: RefusalReasonCode;
  } | null;
  withdrawal: { reason: string | null } | null;
}

export type ReferralInput = ReferralFiling & { subjectId: string; forum: ReferralForum };

const effects = caseEffects('notifySubject');

const referral = setup({
  types: { context: {} as ReferralContext, events: {} as ReferralEvent, input: {} as ReferralInput },
  actions: {
    ...effects.actions,
    addSupplement: assign(({ context }, params: { reason: string }) => ({
      supplements: [...context.supplements, params.reason],
    })),
    recordReferral: assign((_, params: NonNullable<ReferralContext['referral']>) => ({ referral: params })),
    recordAnswer: assign((_, params: NonNullable<ReferralContext['answer']>) => ({ answer: params })),
  },
  guards: {
    isForCourt: ({ context }) => context.forum === 'enforcing_court',
  },
});

type ReferEvent = Extract<ReferralEvent, { type: 'REFER' }>;
type AnswerEvent = Extract<ReferralEvent, { type: 'ANSWER_RECORDED' }>;

/** Sending it: what was sent to whom, when and how is kept, and the subject is told where it went. */
const referActions = [
  {
    type: 'recordReferral' as const,
    params: ({ event }: { event: ReferEvent }) => ({
      sentTo: event.sentTo,
      sentOn: event.sentOn,
      channel: event.channel,
      reference: event.reference ?? null,
      sentBy: event.actor?.userId ?? null,
    }),
  },
  {
    type: 'notifySubject' as const,
    params: ({ context, event }: { context: ReferralContext; event: ReferEvent }) => ({
      subjectId: context.subjectId,
      topic: 'referral_sent' as const,
      data: { sentTo: event.sentTo, sentOn: event.sentOn },
    }),
  },
];

/** The forum's answer, with who recorded it; the final state tells the subject. */
const answerTransition = {
  target: '#referral.answered',
  actions: {
    type: 'recordAnswer' as const,
    params: ({ event }: { event: AnswerEvent }) => ({
      answeredOn: event.answeredOn,
      outcome: event.outcome,
      answer: event.answer,
      recordedBy: event.actor?.userId ?? null,
    }),
  },
};

export const referralMachine = referral.createMachine({
  id: 'referral',
  description:
    'A referral (转交) of an objection to the forum that decides it (the enforcing court, the credit-reporting agency or data provider), followed until it answers.',
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
          recordId: input.recordId,
          subjectId: input.subjectId,
          forum: input.forum,
          reason: input.reason,
          requestedCorrection: input.requestedCorrection ?? null,
          supplements: [],
          referral: null,
          answer: null,
          withdrawal: null,
        },
  initial: 'open',
  states: {
    open: {
      description: 'Not yet answered by the forum; the subject may add to it or withdraw it.',
      initial: 'toRefer',
      on: {
        SUPPLEMENT: {
          actions: { type: 'addSupplement', params: ({ event }) => ({ reason: event.reason }) },
        },
        WITHDRAW: {
          target: '#referral.withdrawn',
          actions: assign({ withdrawal: ({ event }) => ({ reason: event.reason ?? null }) }),
        },
      },
      states: {
        toRefer: {
          description: 'Filed; staff send it to the forum that decides it.',
          meta: stateMeta('reviewer'),
          on: {
            REFER: [
              { guard: 'isForCourt', target: 'awaitingCourt', actions: referActions },
              { target: 'awaitingCreditReporting', actions: referActions },
            ],
          },
        },
        awaitingCourt: {
          description: 'Sent to the enforcing court, which reviews it within 15 days (SPC rules 2017 art. 12).',
          meta: stateMeta('agency', { deadline: 'referral.court' }),
          on: { ANSWER_RECORDED: answerTransition },
        },
        awaitingCreditReporting: {
          description:
            'Sent to the credit-reporting agency or data provider, which answers in writing within 20 days (征信业管理条例 art. 25).',
          meta: stateMeta('agency', { deadline: 'referral.creditReport' }),
          on: { ANSWER_RECORDED: answerTransition },
        },
      },
    },
    answered: {
      type: 'final',
      description: 'The forum answered; its answer is on record and the subject has been told.',
      meta: stateMeta('nobody'),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          // Why the forum kept the record and its words, where the answer has a code (version 3 on).
          data: {
            outcome: context.answer?.outcome ?? 'answered',
            ...(context.answer?.reasonCode
              ? { reasonCode: context.answer.reasonCode, reasons: context.answer.answer }
              : {}),
          },
        }),
      },
    },
    withdrawn: {
      type: 'final',
      description: 'Withdrawn by the subject before the forum answered.',
      meta: stateMeta('nobody'),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          data: { outcome: 'withdrawn' },
        }),
      },
    },
  },
});

export const referralV1 = defineCaseType({
  name: 'referral',
  version: 1,
  machine: referralMachine,
  filing: referralFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: referralEvents,
  effects,
  // Offered instead of an objection where another forum decides, one open at a time per record.
  offeredFor: (record) => record.forum !== 'platform' && !record.referred,
});

/** The forums a referral goes to (every forum but the platform). */
export const referralForums = forums.filter((forum): forum is ReferralForum => forum !== 'platform');

// ---- Version 2: the forum's answer changes the record ----
// When the forum answers that it corrected or deleted the entry (the court deleted it from the
// list of dishonest judgment debtors, the agency corrected the report), the record shows it: a
// new version, with the forum, the date and its reference, through the case engine and the
// trail (effect applyForumAnswer). An answer that keeps the record is shown beside it.

export const referralEventsV2 = {
  ...referralEvents,
  ANSWER_RECORDED: {
    ...referralEvents.ANSWER_RECORDED,
    input: referralEvents.ANSWER_RECORDED.input.extend({
      /** The forum's reference (its decision or letter number). */
      reference: singleLineText({ max: 200 }).optional(),
      /** For a correction: the record's corrected fields, as the forum gave them. */
      correction: recordCorrectionSchema.optional(),
    }),
    description:
      "Record the forum's written answer: its date, reference, what it decided and what it says; a correction or deletion changes the record.",
  },
} satisfies CaseEventCatalog;

/**
 * Version 3 (issue 16 item 3): an answer that keeps the record says why, from the closed list
 * (the forum's reason, as its answer gives it), so the subject is told what to do now (the court
 * above, the regulator). The machine is version 2's: it keeps the code whenever the event has one.
 */
export const referralEventsV3 = {
  ...referralEventsV2,
  ANSWER_RECORDED: {
    ...referralEventsV2.ANSWER_RECORDED,
    input: referralEventsV2.ANSWER_RECORDED.input
      .extend({ reasonCode: reasonCodeOf(reasonCodesFor.referral.ANSWER_RECORDED).optional() })
      .refine((answer) => answer.outcome !== 'maintained' || answer.reasonCode !== undefined, {
        message: 'choose why from the list',
        path: ['reasonCode'],
        params: { kind: 'required' },
      }),
  },
} satisfies CaseEventCatalog;

export type ReferralEventV2 = CaseEventsOf<typeof referralEventsV2> | CaseEventsOf<typeof referralEventsV3>;

const effectsV2 = caseEffects('notifySubject', 'applyForumAnswer');

type AnswerEventV2 = Extract<ReferralEventV2, { type: 'ANSWER_RECORDED' }>;

const answerTransitionV2 = {
  target: '#referral.answered',
  actions: [
    {
      type: 'recordAnswer' as const,
      params: ({ event }: { event: AnswerEventV2 }) => ({
        answeredOn: event.answeredOn,
        outcome: event.outcome,
        answer: event.answer,
        recordedBy: event.actor?.userId ?? null,
        ...reasonCodeIn(event),
      }),
    },
    {
      type: 'applyForumAnswer' as const,
      params: ({ context, event }: { context: ReferralContext; event: AnswerEventV2 }) => ({
        recordId: context.recordId,
        subjectId: context.subjectId,
        forum: context.forum,
        outcome: event.outcome,
        answeredOn: event.answeredOn,
        answeredBy: context.referral?.sentTo ?? context.forum,
        reference: event.reference ?? context.referral?.reference ?? null,
        answer: event.answer,
        correction: event.correction && Object.keys(event.correction).length > 0 ? event.correction : null,
      }),
    },
  ],
};

const { open: openV1, ...closedStatesV1 } = referralMachine.config.states!;
const openStatesV1 = (openV1 as { states: Record<string, { on?: Record<string, unknown> }> }).states;

export const referralMachineV2 = setup({
  types: { context: {} as ReferralContext, events: {} as ReferralEventV2, input: {} as ReferralInput },
  actions: {
    ...effectsV2.actions,
    addSupplement: assign(({ context }, params: { reason: string }) => ({
      supplements: [...context.supplements, params.reason],
    })),
    recordReferral: assign((_, params: NonNullable<ReferralContext['referral']>) => ({ referral: params })),
    recordAnswer: assign((_, params: NonNullable<ReferralContext['answer']>) => ({ answer: params })),
  },
  guards: {
    isForCourt: ({ context }) => context.forum === 'enforcing_court',
  },
}).createMachine({
  ...(referralMachine.config as { id: string; description: string; initial: string }),
  context: referralMachine.config.context as never,
  states: {
    open: {
      ...(openV1 as Record<string, never>),
      states: {
        toRefer: openStatesV1.toRefer as never,
        awaitingCourt: {
          ...(openStatesV1.awaitingCourt as Record<string, never>),
          on: { ANSWER_RECORDED: answerTransitionV2 },
        },
        awaitingCreditReporting: {
          ...(openStatesV1.awaitingCreditReporting as Record<string, never>),
          on: { ANSWER_RECORDED: answerTransitionV2 },
        },
      },
    },
    ...(closedStatesV1 as Record<string, never>),
  },
});

export const referralV2 = defineCaseType({
  name: 'referral',
  version: 2,
  machine: referralMachineV2,
  filing: referralFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: referralEventsV2,
  effects: effectsV2,
  offeredFor: (record) => record.forum !== 'platform' && !record.referred,
});

export const referralV3 = defineCaseType({ ...referralV2, version: 3, events: referralEventsV3 });
