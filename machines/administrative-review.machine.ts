// Administrative review (行政复议, 行政复议法 2023) tracked as an external procedure: the citizen
// applies to the review body (复议机关); the review body's officer works the case in xiufu with
// its own role (`review_body`), never the department that made the act (the respondent,
// 被申请人, which answers as `agency`) nor the credit center's staff. Clocks (policy.ts): acceptance
// review 5 working days, silence = accepted on the day the period ends (art. 30); one notice to
// supplement, 10 working days (art. 31); the respondent answers within 10 days of receiving the
// copy (art. 48); decision in 60 days, extendable once by up to 30 with the head's approval
// (art. 62). Outcomes: arts. 33, 63–69, 73–74; suspension and termination: arts. 39, 41. A
// withdrawn application cannot be filed again on the same facts and grounds (art. 74(2)). An
// outcome that changes the record opens a correction; a revocation with re-decision reopens the
// original matter.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { boundedInteger, calendarDate, dateNearToday } from '../src/domain/input-schemas.js';
import { type RecordCorrection, recordCorrectionSchema } from '../src/domain/records.js';
import { plainText, singleLineText } from '../src/domain/text.js';
import { reasonCodeOf, reasonCodesFor, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
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

/** The decisions of a review body (行政复议法 arts. 33, 63–69), by whether they go the applicant's way. */
export const administrativeReviewOutcomes = [
  'alter', // 变更, art. 63
  'revoke', // 撤销 (with or without a new act), art. 64
  'confirm_unlawful', // 确认违法, art. 65
  'order_performance', // 责令履行, art. 66
  'confirm_void', // 确认无效, art. 67
  'uphold', // 维持, art. 68
  'dismiss_request', // 驳回复议请求, art. 69
  'dismiss_application', // 驳回申请 after acceptance, art. 33
] as const;
export type AdministrativeReviewOutcome = (typeof administrativeReviewOutcomes)[number];
const againstApplicant: readonly AdministrativeReviewOutcome[] = ['uphold', 'dismiss_request', 'dismiss_application'];

export const administrativeReviewFilingSchema = z.object({
  /** The decided case whose decision is the act under review (a dismissed objection, a refused repair, …). */
  parentCaseId: z.uuid(),
  /** The review body the application went to (e.g. the people's government at the department's level). */
  reviewBody: singleLineText({ max: 200, required: 'name the review body you applied to' }),
  /** The day the application was filed with the review body. */
  filedOn: dateNearToday({ daysBefore: 60, daysAfter: 0 }),
  /** The day the person knew or should have known of the act (行政复议法 art. 20(1)). */
  learnedOn: dateNearToday({ daysBefore: 3_660, daysAfter: 0 }),
  /** Whether the decision told the person of the right to review and its window (else art. 20(3)). */
  toldOfRight: z.boolean(),
  /** An obstacle beyond the person's control that kept them from applying (art. 20(2)). */
  obstacle: plainText({ max: 2_000 }).optional(),
  obstacleFrom: calendarDate().optional(),
  obstacleUntil: calendarDate().optional(),
  grounds: plainText({ max: 10_000, required: 'say why the decision is wrong' }),
  request: plainText({ max: 2_000, required: 'say what you ask the review body to do' }),
});
export type AdministrativeReviewFiling = z.infer<typeof administrativeReviewFilingSchema>;

const reviewBody = ['review_body'] as const;

export const administrativeReviewEvents = {
  ACCEPT: {
    roles: reviewBody,
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'The review body accepts the application (行政复议法 art. 30).',
  },
  REFUSE_TO_ACCEPT: {
    roles: reviewBody,
    input: z.object({ reasons }),
    description: 'The review body decides not to accept the application, with reasons (art. 30).',
  },
  REQUEST_SUPPLEMENT: {
    roles: reviewBody,
    input: z.object({ requested: plainText({ max: 2_000, required: 'say what is missing' }) }),
    description: 'One notice to supplement the application (art. 31); the applicant has 10 working days.',
  },
  SUPPLEMENT: {
    roles: ['citizen'],
    input: z.object({ material: plainText({ max: 10_000, required: 'describe what you supply' }) }),
    description: 'The applicant supplies what was asked for; acceptance review starts again.',
    attachments: true,
  },
  SEND_COPY: {
    roles: reviewBody,
    input: z.object({ sentOn: dateNearToday({ daysBefore: 30, daysAfter: 0 }) }),
    description: 'The copy of the application goes to the respondent, who answers within 10 days (art. 48).',
  },
  ANSWER: {
    roles: ['agency'],
    input: z.object({ answer: plainText({ max: 10_000, required: 'give the answer' }) }),
    description: 'The respondent (the department that made the act) answers and submits its evidence (art. 48).',
    attachments: true,
  },
  EXTEND: {
    roles: reviewBody,
    input: z.object({
      days: boundedInteger(1, 30),
      approvedBy: singleLineText({ max: 200, required: 'name the head of the review body who approved' }),
      reasons,
    }),
    description: 'Extend the time to decide once, by up to 30 days, with the head’s approval (art. 62).',
  },
  SUSPEND: {
    roles: reviewBody,
    input: z.object({ reasons }),
    description: 'Suspend the review (中止, art. 39); the time to decide stops.',
  },
  RESUME: {
    roles: reviewBody,
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'Resume a suspended review (art. 39).',
  },
  TERMINATE: {
    roles: reviewBody,
    input: z.object({ reasons }),
    description: 'Terminate the review (终止, art. 41).',
  },
  DECIDE: {
    roles: reviewBody,
    input: z.object({
      outcome: z.enum(administrativeReviewOutcomes),
      reasons,
      /** For a revocation: whether the respondent is to make a new act (art. 64). */
      redecide: z.boolean().optional(),
      /** Where the outcome changes the record: its corrected fields (alter), or its removal. */
      correction: recordCorrectionSchema.optional(),
      removeRecord: z.boolean().optional(),
    }),
    description: 'The review body’s decision, with reasons (arts. 33, 63–69).',
    payloadGuarded: true,
  },
  RECORD_MEDIATION: {
    roles: reviewBody,
    input: z.object({ terms: plainText({ max: 5_000, required: 'give the terms agreed' }) }),
    description: 'A mediation agreement ends the review (调解, art. 73).',
  },
  RECORD_SETTLEMENT: {
    roles: reviewBody,
    input: z.object({ terms: plainText({ max: 5_000, required: 'give the terms agreed' }) }),
    description: 'The parties settled and the application is withdrawn (和解, art. 74).',
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description:
      'Withdraw the application before a decision; it cannot be filed again on the same facts and grounds (art. 74(2)).',
  },
  DEEMED_ACCEPTED: {
    roles: ['system'],
    input: z.object({}),
    description: 'Five working days passed without a decision on acceptance: accepted on the last of them (art. 30).',
  },
  SUPPLEMENT_NOT_RECEIVED: {
    roles: ['system'],
    input: z.object({}),
    description: 'What was asked for did not come in time: the application is deemed withdrawn (art. 31).',
  },
} satisfies CaseEventCatalog;

export type AdministrativeReviewEvent = CaseEventsOf<typeof administrativeReviewEvents>;

export interface AdministrativeReviewContext {
  parentCaseId: string;
  parentType: string;
  parentFiling: Record<string, unknown>;
  recordId: string | null;
  subjectId: string;
  reviewBody: string;
  filedOn: string;
  learnedOn: string;
  toldOfRight: boolean;
  obstacle: string | null;
  grounds: string;
  request: string;
  supplementRequested: boolean;
  copySentOn: string | null;
  answer: string | null;
  extension: { days: number; approvedBy: string; reasons: string } | null;
  decision: {
    outcome: AdministrativeReviewOutcome | 'not_accepted' | 'withdrawn' | 'terminated' | 'mediated' | 'settled';
    reasons: string | null;
    redecide: boolean;
    correction: RecordCorrection | null;
    /** Why it went against the applicant, from the closed list (version 3 on). */
    reasonCode?: RefusalReasonCode;
  } | null;
}

export type AdministrativeReviewInput = Pick<
  AdministrativeReviewContext,
  | 'parentCaseId'
  | 'parentType'
  | 'parentFiling'
  | 'recordId'
  | 'subjectId'
  | 'reviewBody'
  | 'filedOn'
  | 'learnedOn'
  | 'toldOfRight'
  | 'obstacle'
  | 'grounds'
  | 'request'
>;

const effects = caseEffects('notifySubject', 'openLinkedCase', 'extendClock');

type Decision = NonNullable<AdministrativeReviewContext['decision']>;
const ended = (outcome: Decision['outcome'], reasons: string | null, event: object = {}): Decision => ({
  outcome,
  reasons,
  redecide: false,
  correction: null,
  // The reason code of a decision against the applicant, where the event carries one (version 3 on).
  ...reasonCodeIn(event),
});

const withdraw = {
  target: '#administrative-review.withdrawn',
  actions: {
    type: 'recordWithdrawal',
    params: ({ event }: { event: AdministrativeReviewEvent }) => ({
      reason: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
    }),
  },
} as const;

export const administrativeReviewMachine = setup({
  types: {
    context: {} as AdministrativeReviewContext,
    events: {} as AdministrativeReviewEvent,
    input: {} as AdministrativeReviewInput,
  },
  actions: {
    ...effects.actions,
    recordWithdrawal: assign((_, params: { reason: string | null }) => ({
      decision: ended('withdrawn', params.reason),
    })),
  },
  guards: {
    supplementNotYetRequested: ({ context }) => !context.supplementRequested,
    notYetExtended: ({ context }) => context.extension === null,
    /** A decision against the applicant: upheld, request dismissed, application dismissed. */
    isAgainstApplicant: ({ event }) => event.type === 'DECIDE' && againstApplicant.includes(event.outcome),
    /** Revoked with a new act to be made: the original matter is decided again. */
    isRevokeWithRedecision: ({ event }) =>
      event.type === 'DECIDE' && event.outcome === 'revoke' && event.redecide === true,
    /** An outcome that changes the record itself: its correction (alter) or removal. */
    changesRecord: ({ context, event }) =>
      event.type === 'DECIDE' &&
      context.recordId !== null &&
      ['alter', 'revoke', 'confirm_void'].includes(event.outcome) &&
      (event.removeRecord === true || Object.keys(event.correction ?? {}).length > 0),
  },
}).createMachine({
  id: 'administrative-review',
  description: 'An administrative review (行政复议) by the review body, tracked in xiufu.',
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
          ...input,
          supplementRequested: false,
          copySentOn: null,
          answer: null,
          extension: null,
          decision: null,
        },
  initial: 'acceptanceReview',
  states: {
    acceptanceReview: {
      description: 'The review body checks the application; silence for 5 working days means accepted (art. 30).',
      meta: stateMeta('review_body', { deadline: 'administrativeReview.accept', onDeadline: 'DEEMED_ACCEPTED' }),
      on: {
        ACCEPT: { target: 'underReview' },
        DEEMED_ACCEPTED: { target: 'underReview' },
        REFUSE_TO_ACCEPT: {
          target: 'notAccepted',
          actions: assign({ decision: ({ event }) => ended('not_accepted', event.reasons, event) }),
        },
        REQUEST_SUPPLEMENT: {
          guard: 'supplementNotYetRequested',
          target: 'awaitingSupplement',
          actions: [
            assign({ supplementRequested: true }),
            {
              type: 'notifySubject',
              params: ({ context, event }) => ({
                subjectId: context.subjectId,
                topic: 'material_requested' as const,
                data: { requested: event.requested, ...reasonCodeIn(event) },
              }),
            },
          ],
        },
        WITHDRAW: withdraw,
      },
    },
    awaitingSupplement: {
      description:
        'The applicant supplements within 10 working days, else the application is deemed withdrawn (art. 31).',
      meta: stateMeta('citizen', {
        deadline: 'administrativeReview.supplement',
        onDeadline: 'SUPPLEMENT_NOT_RECEIVED',
      }),
      on: {
        SUPPLEMENT: { target: 'acceptanceReview' },
        SUPPLEMENT_NOT_RECEIVED: {
          target: 'withdrawn',
          actions: assign({
            decision: () => ended('withdrawn', 'deemed withdrawn: not supplemented in time (行政复议法 art. 31)'),
          }),
        },
        WITHDRAW: withdraw,
      },
    },
    underReview: {
      description: 'Accepted: the review body decides within 60 days, extendable once by up to 30 (art. 62).',
      meta: stateMeta('review_body', { deadline: 'administrativeReview.decide' }),
      initial: 'copyToRespondent',
      states: {
        copyToRespondent: {
          description: 'The copy of the application goes to the respondent (art. 48: within 7 working days).',
          on: { SEND_COPY: { target: 'awaitingAnswer', actions: assign({ copySentOn: ({ event }) => event.sentOn }) } },
        },
        awaitingAnswer: {
          description:
            'The respondent answers and submits its evidence within 10 days of receiving the copy (art. 48).',
          meta: stateMeta('agency', { deadlines: ['administrativeReview.answer'] }),
          on: { ANSWER: { target: 'deliberating', actions: assign({ answer: ({ event }) => event.answer }) } },
        },
        deliberating: {
          description: 'The review body examines the case and decides.',
        },
      },
      on: {
        EXTEND: {
          guard: 'notYetExtended',
          actions: [
            assign({
              extension: ({ event }) => ({ days: event.days, approvedBy: event.approvedBy, reasons: event.reasons }),
            }),
            { type: 'extendClock', params: ({ event }) => ({ days: event.days }) },
          ],
        },
        SUSPEND: { target: 'suspended' },
        TERMINATE: {
          target: 'terminated',
          actions: assign({ decision: ({ event }) => ended('terminated', event.reasons) }),
        },
        RECORD_MEDIATION: {
          target: 'mediated',
          actions: assign({ decision: ({ event }) => ended('mediated', event.terms) }),
        },
        RECORD_SETTLEMENT: {
          target: 'settled',
          actions: assign({ decision: ({ event }) => ended('settled', event.terms) }),
        },
        DECIDE: [
          {
            guard: 'isAgainstApplicant',
            target: 'decidedAgainst',
            actions: assign({ decision: ({ event }) => ended(event.outcome, event.reasons, event) }),
          },
          {
            guard: 'isRevokeWithRedecision',
            target: 'decidedFor',
            actions: [
              assign({ decision: ({ event }) => ({ ...ended(event.outcome, event.reasons), redecide: true }) }),
              // Revoked with a new act to make: the original matter is decided again.
              {
                type: 'openLinkedCase',
                params: ({ context }) => ({
                  type: context.parentType,
                  filing: {
                    ...context.parentFiling,
                    newFacts: `Reopened by administrative review ${context.parentCaseId}`,
                  },
                }),
              },
            ],
          },
          {
            guard: 'changesRecord',
            target: 'decidedFor',
            actions: [
              assign({
                decision: ({ event }) => ({
                  ...ended(event.outcome, event.reasons),
                  correction: event.correction ?? null,
                }),
              }),
              // The record follows the decision through the correction path (and its propagation).
              {
                type: 'openLinkedCase',
                params: ({ context, event }) => ({
                  type: 'correction',
                  filing: {
                    recordId: context.recordId,
                    proposed: event.correction ?? null,
                    remove: event.removeRecord === true,
                    reasons: `行政复议 ${context.reviewBody}: ${event.reasons}`,
                  },
                }),
              },
            ],
          },
          {
            target: 'decidedFor',
            actions: assign({ decision: ({ event }) => ended(event.outcome, event.reasons) }),
          },
        ],
        WITHDRAW: withdraw,
      },
    },
    suspended: {
      description: 'Suspended (art. 39): the time to decide stands still until the review resumes.',
      meta: stateMeta('review_body', { clockPaused: true }),
      on: {
        RESUME: { target: 'underReview.deliberating' },
        TERMINATE: {
          target: 'terminated',
          actions: assign({ decision: ({ event }) => ended('terminated', event.reasons) }),
        },
        WITHDRAW: withdraw,
      },
    },
    notAccepted: {
      type: 'final',
      description: 'Not accepted, with reasons (art. 30).',
      meta: stateMeta('nobody', { adverse: true }),
      entry: closedNotice('notAccepted'),
    },
    withdrawn: {
      type: 'final',
      description: 'Withdrawn (or deemed withdrawn): not to be filed again on the same facts and grounds (art. 74(2)).',
      meta: stateMeta('nobody', { barsRepeatFiling: true }),
      entry: closedNotice('withdrawn'),
    },
    terminated: {
      type: 'final',
      description: 'Terminated (art. 41).',
      meta: stateMeta('nobody'),
      entry: closedNotice('terminated'),
    },
    mediated: {
      type: 'final',
      description: 'Ended by a mediation agreement (art. 73).',
      meta: stateMeta('nobody'),
      entry: closedNotice('mediated'),
    },
    settled: {
      type: 'final',
      description: 'Ended by the parties’ settlement (art. 74).',
      meta: stateMeta('nobody'),
      entry: closedNotice('settled'),
    },
    decidedFor: {
      type: 'final',
      description:
        'Decided in the applicant’s favour: altered, revoked, declared unlawful or void, or performance ordered.',
      meta: stateMeta('nobody'),
      entry: closedNotice('decidedFor'),
    },
    decidedAgainst: {
      type: 'final',
      description:
        'Decided against the applicant: upheld, or the request or application dismissed; court within 15 days.',
      meta: stateMeta('nobody', { adverse: true }),
      entry: closedNotice('decidedAgainst'),
    },
  },
});

export const administrativeReviewV1 = defineCaseType({
  name: 'administrative-review',
  version: 1,
  machine: administrativeReviewMachine,
  filing: administrativeReviewFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: administrativeReviewEvents,
  effects,
});

function closedNotice(outcome: string) {
  return {
    type: 'notifySubject' as const,
    params: ({ context }: { context: AdministrativeReviewContext }) => ({
      subjectId: context.subjectId,
      topic: 'case_closed' as const,
      // Why and the words, where the decision against the applicant has a code (version 3 on).
      data: {
        outcome,
        ...(context.decision?.reasonCode
          ? { reasonCode: context.decision.reasonCode, reasons: context.decision.reasons ?? '' }
          : {}),
      },
    }),
  };
}

// ---- Version 2: clocks from receipt, and a decision for the applicant lifts a bar on repair ----
// The respondent's 10 days run from its RECEIPT of the copy (art. 48), and the applicant's 10
// working days from ITS receipt of the notice to supplement (art. 31; both arts. 88 for the
// counting): the review body records each receipt (the service date) and the clock counts from
// that day. Until the copy's receipt is recorded the case waits for service, with a reminder
// (`administrativeReview.service`, no statutory period) that supervisors see if it never comes.
// A decision in the applicant's favour on a repair decision that barred them from repair lifts
// the bar; an upheld one keeps it. The other states are version 1's.

const receivedOn = dateNearToday({ daysBefore: 60, daysAfter: 0 });

export const administrativeReviewEventsV2 = {
  ...administrativeReviewEvents,
  COPY_RECEIVED: {
    roles: reviewBody,
    input: z.object({ receivedOn }),
    description:
      'Record the day the respondent received the copy of the application (proof of service); its 10 days count from that day (art. 48).',
  },
  SUPPLEMENT_NOTICE_RECEIVED: {
    roles: reviewBody,
    input: z.object({ receivedOn }),
    description:
      'Record the day the applicant received the notice to supplement; the 10 working days count from that day (art. 31).',
  },
} satisfies CaseEventCatalog;

/**
 * Version 3 (issue 16 item 3): not accepting, asking to supplement and deciding against the
 * applicant (upheld, art. 68; request dismissed, art. 69; application dismissed, art. 33) say
 * why with a reason code from the closed list, beside the review body's words. The machine is
 * version 2's: it records the code and the notice words it whenever the event carries one.
 */
export const administrativeReviewEventsV3 = {
  ...administrativeReviewEventsV2,
  REFUSE_TO_ACCEPT: {
    ...administrativeReviewEvents.REFUSE_TO_ACCEPT,
    input: adverseDecision(reasonCodesFor['administrative-review'].REFUSE_TO_ACCEPT),
  },
  REQUEST_SUPPLEMENT: {
    ...administrativeReviewEvents.REQUEST_SUPPLEMENT,
    input: z.object({
      reasonCode: reasonCodeOf(reasonCodesFor['administrative-review'].REQUEST_SUPPLEMENT),
      requested: plainText({ max: 2_000, required: 'say what is missing' }),
    }),
  },
  DECIDE: {
    ...administrativeReviewEvents.DECIDE,
    input: administrativeReviewEvents.DECIDE.input
      .extend({
        // Required when the decision goes against the applicant; the other outcomes go their way.
        reasonCode: reasonCodeOf(reasonCodesFor['administrative-review'].DECIDE).optional(),
      })
      .refine((decision) => !againstApplicant.includes(decision.outcome) || decision.reasonCode !== undefined, {
        message: 'choose why from the list',
        path: ['reasonCode'],
        params: { kind: 'required' },
      }),
  },
} satisfies CaseEventCatalog;

export type AdministrativeReviewEventV2 =
  | CaseEventsOf<typeof administrativeReviewEventsV2>
  | CaseEventsOf<typeof administrativeReviewEventsV3>;

export interface AdministrativeReviewContextV2 extends AdministrativeReviewContext {
  /** The day the respondent received the copy (art. 48), once recorded. */
  copyReceivedOn: string | null;
  /** The day the applicant received the notice to supplement (art. 31), once recorded. */
  supplementNoticeReceivedOn: string | null;
}

const effectsV2 = caseEffects('notifySubject', 'openLinkedCase', 'extendClock', 'liftRepairBan', 'countClockFrom');

/** Lifts the bar on repair that the decision under review imposed (the effect does nothing where there was none). */
const liftBanOfParent = {
  type: 'liftRepairBan' as const,
  params: ({ context, event }: { context: AdministrativeReviewContextV2; event: AdministrativeReviewEventV2 }) => ({
    bannedByCaseId: context.parentCaseId,
    subjectId: context.subjectId,
    reason: `行政复议 ${context.reviewBody}: ${event.type === 'DECIDE' ? `${event.outcome}: ${event.reasons}` : ''}`,
  }),
};

const withdrawV2 = {
  target: '#administrative-review.withdrawn',
  actions: {
    type: 'recordWithdrawal',
    params: ({ event }: { event: AdministrativeReviewEventV2 }) => ({
      reason: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
    }),
  },
} as const;

const {
  acceptanceReview: _acceptanceV1,
  awaitingSupplement: _supplementV1,
  underReview: _underReviewV1,
  suspended: _suspendedV1,
  ...unchangedStatesV1
} = administrativeReviewMachine.config.states!;

export const administrativeReviewMachineV2 = setup({
  types: {
    context: {} as AdministrativeReviewContextV2,
    events: {} as AdministrativeReviewEventV2,
    input: {} as AdministrativeReviewInput,
  },
  actions: {
    ...effectsV2.actions,
    recordWithdrawal: assign((_, params: { reason: string | null }) => ({
      decision: ended('withdrawn', params.reason),
    })),
  },
  guards: {
    supplementNotYetRequested: ({ context }) => !context.supplementRequested,
    supplementReceiptNotYetRecorded: ({ context }) => context.supplementNoticeReceivedOn === null,
    copyReceiptNotYetRecorded: ({ context }) => context.copyReceivedOn === null,
    notYetExtended: ({ context }) => context.extension === null,
    isAgainstApplicant: ({ event }) => event.type === 'DECIDE' && againstApplicant.includes(event.outcome),
    isRevokeWithRedecision: ({ event }) =>
      event.type === 'DECIDE' && event.outcome === 'revoke' && event.redecide === true,
    changesRecord: ({ context, event }) =>
      event.type === 'DECIDE' &&
      context.recordId !== null &&
      ['alter', 'revoke', 'confirm_void'].includes(event.outcome) &&
      (event.removeRecord === true || Object.keys(event.correction ?? {}).length > 0),
  },
}).createMachine({
  id: 'administrative-review',
  description: 'An administrative review (行政复议) by the review body, tracked in xiufu; clocks count from receipts.',
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
          ...input,
          supplementRequested: false,
          copySentOn: null,
          copyReceivedOn: null,
          supplementNoticeReceivedOn: null,
          answer: null,
          extension: null,
          decision: null,
        },
  initial: 'acceptanceReview',
  states: {
    acceptanceReview: {
      description: 'The review body checks the application; silence for 5 working days means accepted (art. 30).',
      meta: stateMeta('review_body', { deadline: 'administrativeReview.accept', onDeadline: 'DEEMED_ACCEPTED' }),
      on: {
        ACCEPT: { target: 'underReview' },
        DEEMED_ACCEPTED: { target: 'underReview' },
        REFUSE_TO_ACCEPT: {
          target: 'notAccepted',
          actions: assign({ decision: ({ event }) => ended('not_accepted', event.reasons, event) }),
        },
        REQUEST_SUPPLEMENT: {
          guard: 'supplementNotYetRequested',
          target: 'supplementNoticeServing',
          actions: [
            assign({ supplementRequested: true }),
            {
              type: 'notifySubject',
              params: ({ context, event }) => ({
                subjectId: context.subjectId,
                topic: 'material_requested' as const,
                data: { requested: event.requested, ...reasonCodeIn(event) },
              }),
            },
          ],
        },
        WITHDRAW: withdrawV2,
      },
    },
    supplementNoticeServing: {
      description:
        'The notice to supplement is on its way; the applicant’s 10 working days count from its receipt (art. 31), which the review body records.',
      meta: stateMeta('review_body', { clockPaused: true }),
      on: {
        SUPPLEMENT_NOTICE_RECEIVED: {
          target: 'awaitingSupplement',
          actions: [
            assign({ supplementNoticeReceivedOn: ({ event }) => event.receivedOn }),
            {
              type: 'countClockFrom',
              params: ({ event }) => ({
                deadline: 'administrativeReview.supplement' as const,
                receivedOn: event.receivedOn,
              }),
            },
          ],
        },
        // The applicant who supplies what was asked plainly had the notice.
        SUPPLEMENT: { target: 'acceptanceReview' },
        WITHDRAW: withdrawV2,
      },
    },
    awaitingSupplement: {
      description:
        'The applicant supplements within 10 working days of receiving the notice, else the application is deemed withdrawn (art. 31).',
      meta: stateMeta('citizen', {
        deadline: 'administrativeReview.supplement',
        onDeadline: 'SUPPLEMENT_NOT_RECEIVED',
      }),
      on: {
        // A case moved from version 1 counted from the notice's sending: its receipt, once
        // recorded, moves the count to where the law puts it.
        SUPPLEMENT_NOTICE_RECEIVED: {
          guard: 'supplementReceiptNotYetRecorded',
          actions: [
            assign({ supplementNoticeReceivedOn: ({ event }) => event.receivedOn }),
            {
              type: 'countClockFrom',
              params: ({ event }) => ({
                deadline: 'administrativeReview.supplement' as const,
                receivedOn: event.receivedOn,
              }),
            },
          ],
        },
        SUPPLEMENT: { target: 'acceptanceReview' },
        SUPPLEMENT_NOT_RECEIVED: {
          target: 'withdrawn',
          actions: assign({
            decision: () => ended('withdrawn', 'deemed withdrawn: not supplemented in time (行政复议法 art. 31)'),
          }),
        },
        WITHDRAW: withdrawV2,
      },
    },
    underReview: {
      description: 'Accepted: the review body decides within 60 days, extendable once by up to 30 (art. 62).',
      meta: stateMeta('review_body', { deadline: 'administrativeReview.decide' }),
      initial: 'copyToRespondent',
      states: {
        copyToRespondent: {
          description: 'The copy of the application goes to the respondent (art. 48: within 7 working days).',
          on: {
            SEND_COPY: { target: 'awaitingService', actions: assign({ copySentOn: ({ event }) => event.sentOn }) },
          },
        },
        awaitingService: {
          description:
            'The copy is on its way; the respondent’s 10 days count from its receipt (art. 48), which the review body records.',
          meta: stateMeta('review_body', { deadlines: ['administrativeReview.service'] }),
          on: {
            COPY_RECEIVED: {
              target: 'awaitingAnswer',
              actions: [
                assign({ copyReceivedOn: ({ event }) => event.receivedOn }),
                {
                  type: 'countClockFrom',
                  params: ({ event }) => ({
                    deadline: 'administrativeReview.answer' as const,
                    receivedOn: event.receivedOn,
                  }),
                },
              ],
            },
            // An answer shows the copy arrived.
            ANSWER: { target: 'deliberating', actions: assign({ answer: ({ event }) => event.answer }) },
          },
        },
        awaitingAnswer: {
          description:
            'The respondent answers and submits its evidence within 10 days of receiving the copy (art. 48).',
          meta: stateMeta('agency', { deadlines: ['administrativeReview.answer'] }),
          on: {
            // A case moved from version 1 counted from the sending: the receipt moves the count.
            COPY_RECEIVED: {
              guard: 'copyReceiptNotYetRecorded',
              actions: [
                assign({ copyReceivedOn: ({ event }) => event.receivedOn }),
                {
                  type: 'countClockFrom',
                  params: ({ event }) => ({
                    deadline: 'administrativeReview.answer' as const,
                    receivedOn: event.receivedOn,
                  }),
                },
              ],
            },
            ANSWER: { target: 'deliberating', actions: assign({ answer: ({ event }) => event.answer }) },
          },
        },
        deliberating: {
          description: 'The review body examines the case and decides.',
        },
      },
      on: {
        EXTEND: {
          guard: 'notYetExtended',
          actions: [
            assign({
              extension: ({ event }) => ({ days: event.days, approvedBy: event.approvedBy, reasons: event.reasons }),
            }),
            { type: 'extendClock', params: ({ event }) => ({ days: event.days }) },
          ],
        },
        SUSPEND: { target: 'suspended' },
        TERMINATE: {
          target: 'terminated',
          actions: assign({ decision: ({ event }) => ended('terminated', event.reasons) }),
        },
        RECORD_MEDIATION: {
          target: 'mediated',
          actions: assign({ decision: ({ event }) => ended('mediated', event.terms) }),
        },
        RECORD_SETTLEMENT: {
          target: 'settled',
          actions: assign({ decision: ({ event }) => ended('settled', event.terms) }),
        },
        DECIDE: [
          {
            // Upheld or dismissed: the decision stands, and so does any bar it imposed.
            guard: 'isAgainstApplicant',
            target: 'decidedAgainst',
            actions: assign({ decision: ({ event }) => ended(event.outcome, event.reasons, event) }),
          },
          {
            guard: 'isRevokeWithRedecision',
            target: 'decidedFor',
            actions: [
              assign({ decision: ({ event }) => ({ ...ended(event.outcome, event.reasons), redecide: true }) }),
              liftBanOfParent,
              {
                type: 'openLinkedCase',
                params: ({ context }) => ({
                  type: context.parentType,
                  filing: {
                    ...context.parentFiling,
                    newFacts: `Reopened by administrative review ${context.parentCaseId}`,
                  },
                }),
              },
            ],
          },
          {
            guard: 'changesRecord',
            target: 'decidedFor',
            actions: [
              assign({
                decision: ({ event }) => ({
                  ...ended(event.outcome, event.reasons),
                  correction: event.correction ?? null,
                }),
              }),
              liftBanOfParent,
              {
                type: 'openLinkedCase',
                params: ({ context, event }) => ({
                  type: 'correction',
                  filing: {
                    recordId: context.recordId,
                    proposed: event.correction ?? null,
                    remove: event.removeRecord === true,
                    reasons: `行政复议 ${context.reviewBody}: ${event.reasons}`,
                  },
                }),
              },
            ],
          },
          {
            target: 'decidedFor',
            actions: [assign({ decision: ({ event }) => ended(event.outcome, event.reasons) }), liftBanOfParent],
          },
        ],
        WITHDRAW: withdrawV2,
      },
    },
    suspended: {
      description: 'Suspended (art. 39): the time to decide stands still until the review resumes.',
      meta: stateMeta('review_body', { clockPaused: true }),
      on: {
        RESUME: { target: 'underReview.deliberating' },
        TERMINATE: {
          target: 'terminated',
          actions: assign({ decision: ({ event }) => ended('terminated', event.reasons) }),
        },
        WITHDRAW: withdrawV2,
      },
    },
    // The final states are version 1's.
    ...(unchangedStatesV1 as Record<string, never>),
  },
});

export const administrativeReviewV2 = defineCaseType({
  name: 'administrative-review',
  version: 2,
  machine: administrativeReviewMachineV2,
  filing: administrativeReviewFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: administrativeReviewEventsV2,
  effects: effectsV2,
});

export const administrativeReviewV3 = defineCaseType({
  ...administrativeReviewV2,
  version: 3,
  events: administrativeReviewEventsV3,
});
