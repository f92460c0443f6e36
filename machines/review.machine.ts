// The re-examination (复核) of a decision: an internal second look by the credit center's staff,
// other than whoever decided, offered only where the jurisdiction's profile provides it
// (rules.review.offered). It is not administrative review (行政复议), which the review body
// decides (machines/administrative-review.machine.ts). Its steps and clocks borrow 行政复议法's
// (acceptance check, one request for material, one extension: unverified for 复核, policy.ts
// says so); a late request needs a justified delay. Outcomes: uphold, revoke, alter, confirm the
// decision wrong, order the office to act. A revoke reopens the original matter for a new
// decision; an alter opens a correction. The case type keeps its name `review`: renaming it
// would rewrite every stored case for no change a user sees (the words are in ui/texts).
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { recordCorrectionSchema, type RecordCorrection } from '../src/domain/records.js';
import { dateNearToday } from '../src/domain/input-schemas.js';
import { plainText } from '../src/domain/text.js';
import { reasonCodeOf, reasonCodesFor, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import {
  adverseDecision,
  type CaseEventCatalog,
  type CaseEventsOf,
  reasonCodeIn,
  reasons,
  staff,
  stateMeta,
} from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';

export const reviewOutcomes = ['uphold', 'revoke', 'alter', 'confirm_unlawful', 'order_performance'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

export const reviewFilingSchema = z.object({
  /** The decided case under review (a dismissed objection, a refused repair). */
  parentCaseId: z.uuid(),
  grounds: plainText({ max: 10_000, required: 'say why the decision is wrong' }),
  /** Why the application comes after the window, where it does. */
  lateJustification: plainText({ max: 5_000 }).optional(),
});
export type ReviewFiling = z.infer<typeof reviewFilingSchema>;

export const reviewEvents = {
  ACCEPT_APPLICATION: {
    roles: staff,
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'Accept the request for re-examination.',
    notBy: 'originalDeciderId',
  },
  REJECT_APPLICATION: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Refuse the application (e.g. out of time without a justified delay), with reasons.',
    notBy: 'originalDeciderId',
  },
  REQUEST_MATERIAL: {
    roles: staff,
    input: z.object({ requested: plainText({ max: 2_000, required: 'say what material is needed' }) }),
    description: 'Ask once for missing material; the clock pauses.',
    notBy: 'originalDeciderId',
  },
  SUBMIT_MATERIAL: {
    roles: ['citizen'],
    input: z.object({ material: plainText({ max: 10_000, required: 'describe the material supplied' }) }),
    description: 'Supply the material asked for.',
    attachments: true,
  },
  RECORD_HEARING: {
    roles: staff,
    // A hearing already held: today at the latest, within the year before (a review lasts 60 days, 90 extended).
    input: z.object({
      heldOn: dateNearToday({ daysBefore: 365, daysAfter: 0 }),
      summary: plainText({ max: 10_000, required: 'summarise the hearing' }),
    }),
    description: 'Record a hearing held in the re-examination.',
    notBy: 'originalDeciderId',
  },
  EXTEND: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Extend the time to decide, once.',
    notBy: 'originalDeciderId',
  },
  DECIDE: {
    roles: staff,
    input: z.object({ outcome: z.enum(reviewOutcomes), reasons, correction: recordCorrectionSchema.optional() }),
    description: 'Decide the re-examination, with reasons; not by whoever decided the original case.',
    payloadGuarded: true,
    notBy: 'originalDeciderId',
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description: 'Withdraw the application before a decision.',
  },
  DEEMED_ACCEPTED: {
    roles: ['system'],
    input: z.object({}),
    description:
      'Five working days passed without a decision on acceptance: the request is accepted (as 行政复议法 art. 30 has it for review).',
  },
  MATERIAL_NOT_SUPPLIED: {
    roles: ['system'],
    input: z.object({}),
    description:
      'The material asked for did not arrive in time: the request is deemed withdrawn (as 行政复议法 art. 31 has it for review).',
  },
} satisfies CaseEventCatalog;

/**
 * Version 3 (issue 16 item 3): refusing the application, asking for material and upholding the
 * decision say why with a reason code from the re-examination's closed list, beside the words.
 * The machine is version 2's: it records the code and the notice words it whenever the event
 * carries one, which only a version-3 event does.
 */
export const reviewEventsV3 = {
  ...reviewEvents,
  REJECT_APPLICATION: {
    ...reviewEvents.REJECT_APPLICATION,
    input: adverseDecision(reasonCodesFor.review.REJECT_APPLICATION),
  },
  REQUEST_MATERIAL: {
    ...reviewEvents.REQUEST_MATERIAL,
    input: z.object({
      reasonCode: reasonCodeOf(reasonCodesFor.review.REQUEST_MATERIAL),
      requested: plainText({ max: 2_000, required: 'say what material is needed' }),
    }),
  },
  DECIDE: {
    ...reviewEvents.DECIDE,
    input: z
      .object({
        outcome: z.enum(reviewOutcomes),
        // Required when the decision is upheld (against the person); the other outcomes go their way.
        reasonCode: reasonCodeOf(reasonCodesFor.review.DECIDE).optional(),
        reasons,
        correction: recordCorrectionSchema.optional(),
      })
      .refine((decision) => decision.outcome !== 'uphold' || decision.reasonCode !== undefined, {
        message: 'choose why from the list',
        path: ['reasonCode'],
        params: { kind: 'required' },
      }),
  },
} satisfies CaseEventCatalog;

export type ReviewEvent = CaseEventsOf<typeof reviewEvents> | CaseEventsOf<typeof reviewEventsV3>;

export interface ReviewContext {
  parentCaseId: string;
  parentType: string;
  parentFiling: Record<string, unknown>;
  recordId: string | null;
  subjectId: string;
  grounds: string;
  late: boolean;
  lateJustification: string | null;
  originalDeciderId: string | null;
  extensionDays: number;
  materialRequested: boolean;
  extended: boolean;
  hearings: { heldOn: string; summary: string }[];
  decision: {
    outcome: ReviewOutcome | 'rejected' | 'withdrawn';
    reasons: string | null;
    correction: RecordCorrection | null;
    /** Why it went against the person, from the closed list (version 3 on). */
    reasonCode?: RefusalReasonCode;
  } | null;
}

export type ReviewInput = ReviewFiling &
  Omit<
    ReviewContext,
    'grounds' | 'lateJustification' | 'materialRequested' | 'extended' | 'hearings' | 'decision' | 'parentCaseId'
  >;

const effects = caseEffects('notifySubject', 'openLinkedCase', 'extendClock');

const withdraw = {
  target: 'withdrawn',
  actions: {
    type: 'recordWithdrawal',
    params: ({ event }: { event: ReviewEvent }) => ({
      reason: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
    }),
  },
} as const;

export const reviewMachine = setup({
  types: { context: {} as ReviewContext, events: {} as ReviewEvent, input: {} as ReviewInput },
  actions: {
    ...effects.actions,
    recordWithdrawal: assign((_, params: { reason: string | null }) => ({
      decision: { outcome: 'withdrawn' as const, reasons: params.reason, correction: null },
    })),
  },
  guards: {
    materialNotYetRequested: ({ context }) => !context.materialRequested,
    notYetExtended: ({ context }) => !context.extended,
    isRevoke: ({ event }) => event.type === 'DECIDE' && event.outcome === 'revoke',
    isAlterWithCorrection: ({ context, event }) =>
      event.type === 'DECIDE' &&
      event.outcome === 'alter' &&
      context.recordId !== null &&
      Object.keys(event.correction ?? {}).length > 0,
    isOtherOutcome: ({ event }) => event.type === 'DECIDE' && event.outcome !== 'revoke' && event.outcome !== 'alter',
  },
}).createMachine({
  id: 'review',
  description: 'A re-examination (复核) of a decided case by someone other than the decider.',
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
          parentCaseId: input.parentCaseId,
          parentType: input.parentType,
          parentFiling: input.parentFiling,
          recordId: input.recordId,
          subjectId: input.subjectId,
          grounds: input.grounds,
          late: input.late,
          lateJustification: input.lateJustification ?? null,
          originalDeciderId: input.originalDeciderId,
          extensionDays: input.extensionDays,
          materialRequested: false,
          extended: false,
          hearings: [],
          decision: null,
        },
  initial: 'acceptanceReview',
  states: {
    acceptanceReview: {
      description: 'Is the application admissible and in time? Silence for 5 working days means accepted (art. 30).',
      meta: stateMeta('reviewer', { deadline: 'review.accept', onDeadline: 'DEEMED_ACCEPTED' }),
      on: {
        ACCEPT_APPLICATION: { target: 'underReview' },
        DEEMED_ACCEPTED: { target: 'underReview' },
        REJECT_APPLICATION: {
          target: 'rejected',
          actions: assign({
            decision: ({ event }) => ({
              outcome: 'rejected' as const,
              reasons: event.reasons,
              correction: null,
              ...reasonCodeIn(event),
            }),
          }),
        },
        REQUEST_MATERIAL: {
          guard: 'materialNotYetRequested',
          target: 'awaitingMaterial',
          actions: [
            assign({ materialRequested: true }),
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
    awaitingMaterial: {
      description:
        'Waiting for the applicant’s material: 10 working days, else deemed withdrawn; acceptance is counted afresh from its receipt.',
      meta: stateMeta('citizen', { deadline: 'review.material', onDeadline: 'MATERIAL_NOT_SUPPLIED' }),
      on: {
        SUBMIT_MATERIAL: { target: 'acceptanceReview' },
        MATERIAL_NOT_SUPPLIED: {
          target: 'withdrawn',
          actions: {
            type: 'recordWithdrawal',
            params: () => ({ reason: 'deemed withdrawn: the material did not arrive in time (行政复议法 art. 31)' }),
          },
        },
        WITHDRAW: withdraw,
      },
    },
    underReview: {
      description: 'Under review: hearing where needed, one extension at most, then the decision.',
      meta: stateMeta('reviewer', { deadline: 'review.decide' }),
      on: {
        RECORD_HEARING: {
          actions: assign({
            hearings: ({ context, event }) => [...context.hearings, { heldOn: event.heldOn, summary: event.summary }],
          }),
        },
        EXTEND: {
          guard: 'notYetExtended',
          actions: [
            assign({ extended: true }),
            { type: 'extendClock', params: ({ context }) => ({ days: context.extensionDays }) },
          ],
        },
        DECIDE: [
          {
            guard: 'isRevoke',
            target: 'decided',
            actions: [
              assign({
                decision: ({ event }) => ({ outcome: event.outcome, reasons: event.reasons, correction: null }),
              }),
              // Revoked: the original matter is decided again, by someone else.
              {
                type: 'openLinkedCase',
                params: ({ context }) => ({
                  type: context.parentType,
                  filing: { ...context.parentFiling, newFacts: `Reopened by review ${context.parentCaseId}` },
                }),
              },
            ],
          },
          {
            guard: 'isAlterWithCorrection',
            target: 'decided',
            actions: [
              assign({
                decision: ({ event }) => ({
                  outcome: event.outcome,
                  reasons: event.reasons,
                  correction: event.correction ?? null,
                }),
              }),
              {
                type: 'openLinkedCase',
                params: ({ context, event }) => ({
                  type: 'correction',
                  filing: {
                    recordId: context.recordId,
                    proposed: event.correction ?? null,
                    remove: false,
                    reasons: event.reasons,
                  },
                }),
              },
            ],
          },
          {
            guard: 'isOtherOutcome',
            target: 'decided',
            actions: assign({
              decision: ({ event }) => ({ outcome: event.outcome, reasons: event.reasons, correction: null }),
            }),
          },
        ],
        WITHDRAW: withdraw,
      },
    },
    rejected: {
      type: 'final',
      description: 'The application was refused, with reasons.',
      meta: stateMeta('nobody', { decidedNothing: true, adverse: true }),
      entry: closedNotice('rejected'),
    },
    withdrawn: {
      type: 'final',
      description: 'Withdrawn by the applicant.',
      meta: stateMeta('nobody', { decidedNothing: true }),
      entry: closedNotice('withdrawn'),
    },
    decided: {
      type: 'final',
      description: 'Decided, with reasons.',
      meta: stateMeta('nobody'),
      entry: closedNotice('decided'),
    },
  },
});

export const reviewV1 = defineCaseType({
  name: 'review',
  version: 1,
  machine: reviewMachine,
  filing: reviewFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: reviewEvents,
  effects,
});

function closedNotice(outcome: string) {
  return {
    type: 'notifySubject' as const,
    params: ({ context }: { context: ReviewContext }) => ({
      subjectId: context.subjectId,
      topic: 'case_closed' as const,
      // Why and the words, where the decision against the person has a code (version 3 on).
      data: {
        outcome,
        ...(context.decision?.reasonCode
          ? { reasonCode: context.decision.reasonCode, reasons: context.decision.reasons ?? '' }
          : {}),
      },
    }),
  };
}

// ---- Version 2: a re-examination that goes the person's way lifts the bar on repair ----
// A refusal for false material or a revocation of a repair bars the person from repair
// (repair_bans). When the re-examination of that decision goes their way (revoked, altered,
// declared wrong, performance ordered), the bar goes with it; an upheld decision keeps it.
// Every other state and event is version 1's.

const effectsV2 = caseEffects('notifySubject', 'openLinkedCase', 'extendClock', 'liftRepairBan');

/** Lifts the bar the decision under review imposed, if it imposed one (the effect does nothing otherwise). */
const liftBanOfParent = {
  type: 'liftRepairBan' as const,
  params: ({ context, event }: { context: ReviewContext; event: ReviewEvent }) => ({
    bannedByCaseId: context.parentCaseId,
    subjectId: context.subjectId,
    reason: `复核 / re-examination: ${event.type === 'DECIDE' ? `${event.outcome}: ${event.reasons}` : ''}`,
  }),
};

const { underReview: underReviewV1, ...unchangedStatesV1 } = reviewMachine.config.states!;

export const reviewMachineV2 = setup({
  types: { context: {} as ReviewContext, events: {} as ReviewEvent, input: {} as ReviewInput },
  actions: {
    ...effectsV2.actions,
    recordWithdrawal: assign((_, params: { reason: string | null }) => ({
      decision: { outcome: 'withdrawn' as const, reasons: params.reason, correction: null },
    })),
  },
  guards: {
    materialNotYetRequested: ({ context }) => !context.materialRequested,
    notYetExtended: ({ context }) => !context.extended,
    isUphold: ({ event }) => event.type === 'DECIDE' && event.outcome === 'uphold',
    isRevoke: ({ event }) => event.type === 'DECIDE' && event.outcome === 'revoke',
    isAlterWithCorrection: ({ context, event }) =>
      event.type === 'DECIDE' &&
      event.outcome === 'alter' &&
      context.recordId !== null &&
      Object.keys(event.correction ?? {}).length > 0,
    isOtherOutcome: ({ event }) => event.type === 'DECIDE' && event.outcome !== 'revoke' && event.outcome !== 'alter',
  },
}).createMachine({
  ...(reviewMachine.config as { id: string; description: string; initial: string }),
  context: reviewMachine.config.context as never,
  states: {
    ...(unchangedStatesV1 as Record<string, never>),
    underReview: {
      ...(underReviewV1 as { description: string; meta: never }),
      on: {
        ...(underReviewV1 as { on: Record<string, never> }).on,
        DECIDE: [
          {
            // Upheld: the decision stands, and so does any bar it imposed.
            guard: 'isUphold',
            target: 'decided',
            actions: assign({
              decision: ({ event }) => ({
                outcome: event.outcome,
                reasons: event.reasons,
                correction: null,
                ...reasonCodeIn(event),
              }),
            }),
          },
          {
            guard: 'isRevoke',
            target: 'decided',
            actions: [
              assign({
                decision: ({ event }) => ({ outcome: event.outcome, reasons: event.reasons, correction: null }),
              }),
              liftBanOfParent,
              {
                type: 'openLinkedCase',
                params: ({ context }) => ({
                  type: context.parentType,
                  filing: { ...context.parentFiling, newFacts: `Reopened by review ${context.parentCaseId}` },
                }),
              },
            ],
          },
          {
            guard: 'isAlterWithCorrection',
            target: 'decided',
            actions: [
              assign({
                decision: ({ event }) => ({
                  outcome: event.outcome,
                  reasons: event.reasons,
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
                    remove: false,
                    reasons: event.reasons,
                  },
                }),
              },
            ],
          },
          {
            guard: 'isOtherOutcome',
            target: 'decided',
            actions: [
              assign({
                decision: ({ event }) => ({ outcome: event.outcome, reasons: event.reasons, correction: null }),
              }),
              liftBanOfParent,
            ],
          },
        ],
      },
    },
  },
});

export const reviewV2 = defineCaseType({
  name: 'review',
  version: 2,
  machine: reviewMachineV2,
  filing: reviewFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: reviewEvents,
  effects: effectsV2,
});

export const reviewV3 = defineCaseType({ ...reviewV2, version: 3, events: reviewEventsV3 });
