// Deferral of an obligation (申请延期, 国办发〔2016〕98号 4(3)): the subject of a record with an
// unperformed obligation (a fine) asks the agency that made the finding for more time or for
// instalments, giving reasons and evidence of hardship (行政处罚法 art. 66: 当事人确有经济困难，
// 需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳). The agency grants
// a schedule (one new due date, or instalments) or refuses with reasons. While the schedule is
// kept the record shows it; the agency records each instalment paid; the last one marks the
// obligation performed. An instalment unpaid at the end of its day (a case timer, as every
// deadline) is recorded on the case and the record, and the subject is told.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { calendarDate } from '../src/domain/input-schemas.js';
import {
  type Instalment,
  nextUnpaidInstalment,
  type ScheduleStatus,
  scheduleIssues,
} from '../src/domain/obligation-schedule.js';
import type { RecordKind } from '../src/domain/records.js';
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

export const deferralRequests = ['defer', 'instalments'] as const;

/**
 * Kinds whose obligation an administrative organ imposed and may defer (行政处罚法 art. 66). A
 * court list entry's payment is a matter for the enforcing court; a credit-report debt is owed
 * to a lender: neither is deferred here.
 */
export const deferrableKinds: readonly string[] = [
  'administrative_penalty',
  'serious_list_entry',
  'other_dishonesty',
] satisfies RecordKind[];

export const deferralFilingSchema = z.object({
  recordId: z.uuid(),
  /** To pay later in one sum (暂缓), or by instalments (分期). */
  request: z.enum(deferralRequests),
  /** Why paying on time is not possible (确有经济困难); the evidence comes as files. */
  hardship: plainText({ max: 5_000, required: 'say why the obligation cannot be performed on time' }),
  /** What the subject proposes (dates, amounts), in their words; the agency sets the schedule. */
  proposal: plainText({ max: 2_000 }).optional(),
});
export type DeferralFiling = z.infer<typeof deferralFilingSchema>;

const instalmentInput = z.object({
  dueOn: calendarDate(),
  // Yuan with at most two decimals; CNY 100,000,000 is beyond any fine a person is given.
  amount: z
    .number('the amount in CNY')
    .positive('the amount in CNY')
    .max(100_000_000)
    .refine((n) => Math.round(n * 100) === n * 100, 'at most two decimals (fen)'),
});

/** A schedule as the agency grants it: one new due date, or instalments, in date order. */
export const grantedSchedule = z
  .array(instalmentInput)
  .min(1, 'give at least one due date')
  .max(12, 'at most 12 instalments')
  .superRefine((instalments, ctx) => {
    for (const issue of scheduleIssues(instalments)) ctx.addIssue({ code: 'custom', ...issue });
  });

export const deferralEvents = {
  GRANT: {
    roles: ['agency'],
    input: z.object({ instalments: grantedSchedule, reasons }),
    description:
      'The agency that made the finding grants the deferral: one new due date, or instalments with dates and amounts (行政处罚法 art. 66).',
    // The first due date must come after the day of the application (the guard reads it).
    payloadGuarded: true,
  },
  REFUSE: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description: 'The agency refuses the deferral, with reasons; the original due date stands.',
  },
  INSTALMENT_PAID: {
    roles: ['agency'],
    input: z.object({ paidOn: calendarDate(), note: plainText({ max: 2_000 }).optional() }),
    description: 'The agency records that the next instalment due was paid.',
  },
  INSTALMENT_MISSED: {
    roles: ['system'],
    input: z.object({}),
    description: 'An instalment was not recorded as paid by the end of its due date (xiufu, at the deadline).',
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description: 'Withdraw the application before the agency decides.',
  },
} satisfies CaseEventCatalog;

/**
 * Version 2 (issue 16 item 3): a refusal says why with a reason code from the deferral's closed
 * list (行政处罚法 art. 66: hardship; art. 72: enforcement), beside the agency's words, and the
 * subject is told both with what to do now. The machine is version 1's: it records the code
 * and words it in the notice whenever the event carries one, which only a version-2 event does.
 */
export const deferralEventsV2 = {
  ...deferralEvents,
  REFUSE: {
    ...deferralEvents.REFUSE,
    input: adverseDecision(reasonCodesFor.deferral.REFUSE),
    description: 'The agency refuses the deferral: why (from the list) and in its words; the original due date stands.',
  },
} satisfies CaseEventCatalog;

export type DeferralEvent = CaseEventsOf<typeof deferralEvents> | CaseEventsOf<typeof deferralEventsV2>;

export interface DeferralContext {
  recordId: string;
  subjectId: string;
  request: (typeof deferralRequests)[number];
  hardship: string;
  proposal: string | null;
  /** The China-time day the application was made: a granted due date must come after it. */
  appliedOn: string;
  /** The obligation as the record states it, when the application was made. */
  obligation: string;
  schedule: Instalment[] | null;
  status: ScheduleStatus | null;
  /** reasonCode: why a refusal went against the subject, from the closed list (version 2 on). */
  decision: {
    outcome: 'granted' | 'refused' | 'withdrawn';
    reasons: string | null;
    reasonCode?: RefusalReasonCode;
  } | null;
  /** The instalment that was missed, once one is. */
  missed: Instalment | null;
}

export type DeferralInput = Omit<DeferralFiling, 'proposal'> & {
  proposal?: string | undefined;
  subjectId: string;
  appliedOn: string;
  obligation: string;
};

const effects = caseEffects(
  'notifySubject',
  'writeObligationSchedule',
  'recordInstalmentMissed',
  'markObligationPerformed',
  'setClockDue',
);

const schedulePart = ({ context }: { context: DeferralContext }) => ({
  recordId: context.recordId,
  subjectId: context.subjectId,
  instalments: context.schedule ?? [],
  status: context.status ?? ('kept' as const),
});

export const deferralMachine = setup({
  types: { context: {} as DeferralContext, events: {} as DeferralEvent, input: {} as DeferralInput },
  actions: {
    ...effects.actions,
    payNextInstalment: assign(({ context, event }) => {
      if (event.type !== 'INSTALMENT_PAID' || !context.schedule) return {};
      const next = nextUnpaidInstalment(context.schedule);
      return {
        schedule: context.schedule.map((instalment) =>
          instalment === next ? { ...instalment, paidOn: event.paidOn } : instalment,
        ),
      };
    }),
  },
  guards: {
    dueAfterApplication: ({ context, event }) =>
      event.type === 'GRANT' && event.instalments.every((instalment) => instalment.dueOn > context.appliedOn),
    isLastInstalment: ({ context }) =>
      (context.schedule ?? []).filter((instalment) => instalment.paidOn === null).length === 1,
  },
}).createMachine({
  id: 'deferral',
  description: 'An application to the deciding agency to defer an obligation or pay it by instalments (申请延期).',
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
          recordId: input.recordId,
          subjectId: input.subjectId,
          request: input.request,
          hardship: input.hardship,
          proposal: input.proposal ?? null,
          appliedOn: input.appliedOn,
          obligation: input.obligation,
          schedule: null,
          status: null,
          decision: null,
          missed: null,
        },
  initial: 'deciding',
  states: {
    deciding: {
      description: 'The agency that made the finding decides: grant a schedule, or refuse with reasons.',
      meta: stateMeta('agency', { deadline: 'deferral.decide' }),
      on: {
        GRANT: {
          guard: 'dueAfterApplication',
          target: 'onSchedule',
          actions: [
            assign(({ event }) => ({
              schedule: event.instalments.map((i) => ({ dueOn: i.dueOn, amount: i.amount, paidOn: null })),
              status: 'kept' as const,
              decision: { outcome: 'granted' as const, reasons: event.reasons },
            })),
            { type: 'writeObligationSchedule', params: schedulePart },
            {
              type: 'notifySubject',
              params: ({ context }) => ({
                subjectId: context.subjectId,
                topic: 'deferral_granted' as const,
                data: { instalments: String(context.schedule?.length ?? 0) },
              }),
            },
          ],
        },
        REFUSE: {
          target: 'refused',
          actions: assign({
            decision: ({ event }) => ({ outcome: 'refused' as const, reasons: event.reasons, ...reasonCodeIn(event) }),
          }),
        },
        WITHDRAW: {
          target: 'withdrawn',
          actions: assign({
            decision: ({ event }) => ({ outcome: 'withdrawn' as const, reasons: event.reason ?? null }),
          }),
        },
      },
    },
    onSchedule: {
      description:
        'Granted and kept: the record shows the schedule; the agency records each instalment paid. The next due date runs as the case clock.',
      meta: stateMeta('citizen', { deadline: 'deferral.instalment', onDeadline: 'INSTALMENT_MISSED' }),
      // The clock falls due at the end of the next unpaid instalment's day (a date the agency set).
      entry: {
        type: 'setClockDue',
        params: ({ context }) => ({ dueOn: nextUnpaidInstalment(context.schedule ?? [])?.dueOn ?? context.appliedOn }),
      },
      on: {
        INSTALMENT_PAID: [
          {
            guard: 'isLastInstalment',
            target: 'paidInFull',
            actions: [
              'payNextInstalment',
              assign({ status: 'completed' as const }),
              { type: 'writeObligationSchedule', params: schedulePart },
              { type: 'markObligationPerformed', params: ({ context }) => ({ recordId: context.recordId }) },
            ],
          },
          {
            target: 'onSchedule',
            reenter: true,
            actions: ['payNextInstalment', { type: 'writeObligationSchedule', params: schedulePart }],
          },
        ],
        INSTALMENT_MISSED: {
          target: 'lapsed',
          actions: [
            assign(({ context }) => ({
              status: 'missed' as const,
              missed: nextUnpaidInstalment(context.schedule ?? []) ?? null,
            })),
            { type: 'writeObligationSchedule', params: schedulePart },
            {
              type: 'recordInstalmentMissed',
              params: ({ context, event }) => ({
                recordId: context.recordId,
                subjectId: context.subjectId,
                dueOn: context.missed?.dueOn ?? '',
                amount: context.missed?.amount ?? 0,
                actorUserId: event.actor?.userId ?? null,
              }),
            },
            {
              type: 'notifySubject',
              params: ({ context }) => ({
                subjectId: context.subjectId,
                topic: 'instalment_missed' as const,
                data: { dueOn: context.missed?.dueOn ?? '', amount: String(context.missed?.amount ?? '') },
              }),
            },
          ],
        },
      },
    },
    paidInFull: {
      type: 'final',
      description: 'Every instalment paid on the schedule: the obligation is performed, on time.',
      meta: stateMeta('nobody'),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          data: { outcome: 'paidInFull' },
        }),
      },
    },
    lapsed: {
      type: 'final',
      description:
        'An instalment was not paid by its due date: the deferral has lapsed and the rest of the obligation is overdue.',
      meta: stateMeta('nobody'),
    },
    refused: {
      type: 'final',
      description:
        'Refused with reasons; the original due date stands. The decision states the remedies (administrative review, litigation).',
      // The deciding organ's own decision: challenged by administrative review or in court, not
      // by a re-examination at the credit center (whose staff did not decide it).
      meta: stateMeta('nobody', { adverse: true }),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          // Why and the agency's words, where the refusal has a code (version 2 on).
          data: {
            outcome: 'refused',
            ...(context.decision?.reasonCode
              ? { reasonCode: context.decision.reasonCode, reasons: context.decision.reasons ?? '' }
              : {}),
          },
        }),
      },
    },
    withdrawn: {
      type: 'final',
      description: 'Withdrawn by the applicant.',
      meta: stateMeta('nobody', { decidedNothing: true }),
    },
  },
});

export const deferralV1 = defineCaseType({
  name: 'deferral',
  version: 1,
  machine: deferralMachine,
  filing: deferralFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: deferralEvents,
  effects,
  // A record with an obligation not yet performed, and no deferral running on it.
  offeredFor: (record) =>
    deferrableKinds.includes(record.kind ?? '') && record.obligationOpen === true && record.deferralRunning !== true,
});

export const deferralV2 = defineCaseType({ ...deferralV1, version: 2, events: deferralEventsV2 });
