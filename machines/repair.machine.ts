// Credit repair (信用修复): a subject whose record may be repaired (eligibility is checked by
// the case engine when they apply) chooses the routes the policy offers (performance after the
// fact, volunteering, donation) and gives a commitment letter; an evidence ledger counts what
// they show toward each route's threshold; the agency confirms; the decision approves (display
// ends, propagated to every platform) or refuses (reasons; the review window opens). A repair
// later found to rest on false material is revoked: the record is shown again and the subject
// barred from repair for the policy's period.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { RepairRoute } from '../src/domain/policy.js';
import { boundedAmount } from '../src/domain/input-schemas.js';
import { plainText, singleLineText } from '../src/domain/text.js';
import { isShownStatus } from '../src/domain/display-period.js';
import { type CaseEventCatalog, type CaseEventsOf, reasons, staff, stateMeta } from './case-events.js';
import { defineCaseType } from './case-type.js';
import { caseEffects } from './effects.js';
import {
  acknowledgement,
  platformAcknowledgement,
  propagatingState,
  type PropagationContext,
} from './shared-states.js';
export const repairRoutes = ['performance', 'volunteering', 'donation'] as const satisfies readonly RepairRoute[];

export const repairFilingSchema = z.object({
  recordId: z.uuid(),
  routes: z
    .array(z.enum(repairRoutes))
    .min(1, 'choose at least one route')
    .refine((r) => new Set(r).size === r.length, 'choose each route once'),
  /** The text of the public commitment letter (信用修复承诺书). */
  commitment: plainText({ max: 10_000, required: 'write the commitment letter' }),
});
export type RepairFiling = z.infer<typeof repairFilingSchema>;

export const repairEvents = {
  ADD_EVIDENCE: {
    roles: ['citizen'],
    input: z.object({
      route: z.enum(repairRoutes),
      // Hours or yuan as a number (never a coerced `true` or "0x10"); 10,000,000 is beyond any threshold.
      amount: boundedAmount(10_000_000, 'give the hours, the amount, or 1 for a performed obligation'),
      certifiedBy: singleLineText({ max: 300, required: 'name who certifies it' }),
      description: plainText({ max: 5_000, required: 'describe the evidence' }),
    }),
    description:
      'Add evidence toward a route (hours volunteered, amount donated, obligation performed), certified by a named body.',
    payloadGuarded: true,
    attachments: true,
  },
  SUBMIT_APPLICATION: {
    roles: ['citizen'],
    input: z.object({}),
    description: 'Submit the application once every route has reached its threshold.',
  },
  AGENCY_CONFIRMED: {
    roles: ['agency', 'reviewer', 'supervisor'],
    input: z.object({ answer: plainText({ max: 5_000, required: "record the agency's answer" }) }),
    description: 'The agency that found the record confirms the conduct is corrected.',
    attachments: true,
  },
  AGENCY_DISPUTED: {
    roles: ['agency', 'reviewer', 'supervisor'],
    input: z.object({ answer: plainText({ max: 5_000, required: "record the agency's answer" }) }),
    description: 'The agency does not accept the evidence; the subject may add more.',
  },
  APPROVE: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Approve the repair: the record stops being shown, and every platform is told.',
    notBy: 'agencyConfirmedBy',
  },
  REFUSE: {
    roles: staff,
    input: z.object({ reasons }),
    description: 'Refuse the repair, with reasons (the review window opens).',
  },
  REVOKE_FOR_FALSE_MATERIAL: {
    roles: ['supervisor'],
    input: z.object({ reasons }),
    description:
      'Revoke the repair: the material was false. The record is shown again and the subject barred from repair.',
  },
  WITHDRAW: {
    roles: ['citizen'],
    input: z.object({ reason: plainText({ max: 2_000 }).optional() }),
    description: 'Withdraw the application before a decision.',
  },
  PLATFORM_ACKNOWLEDGED: platformAcknowledgement,
} satisfies CaseEventCatalog;

export type RepairEvent = CaseEventsOf<typeof repairEvents>;

export interface RouteRequirement {
  route: RepairRoute;
  threshold: number;
  unit: 'performed' | 'hours' | 'CNY';
}

export interface EvidenceEntry {
  route: RepairRoute;
  amount: number;
  certifiedBy: string;
  description: string;
}

export interface RepairContext extends PropagationContext {
  subjectId: string;
  routes: RouteRequirement[];
  commitment: string;
  evidence: EvidenceEntry[];
  banMonths: number;
  agencyAnswer: string | null;
  /** Who recorded the agency's confirmation; they do not also approve. */
  agencyConfirmedBy: string | null;
  decision: { outcome: 'approved' | 'refused' | 'withdrawn' | 'revoked'; reasons: string | null } | null;
}

export type RepairInput = {
  recordId: string;
  subjectId: string;
  routes: RouteRequirement[];
  commitment: string;
  banMonths: number;
  platformIds: string[];
};

/** Progress of each chosen route toward its threshold (the evidence ledger). */
export function repairProgress(context: Pick<RepairContext, 'routes' | 'evidence'>) {
  return context.routes.map((requirement) => {
    const shown = context.evidence.filter((e) => e.route === requirement.route).reduce((sum, e) => sum + e.amount, 0);
    return { ...requirement, shown, met: shown >= requirement.threshold };
  });
}

const effects = caseEffects(
  'notifySubject',
  'propagateRecord',
  'markRecordRepaired',
  'restoreRecordDisplay',
  'banRepair',
  'recordAcknowledgement',
);

const withdraw = {
  target: 'withdrawn',
  actions: {
    type: 'decide',
    params: ({ event }: { event: RepairEvent }) => ({
      outcome: 'withdrawn' as const,
      reasons: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
    }),
  },
} as const;

export const repairMachine = setup({
  types: { context: {} as RepairContext, events: {} as RepairEvent, input: {} as RepairInput },
  actions: {
    ...effects.actions,
    acknowledge: acknowledgement<RepairContext, RepairEvent>(),
    decide: assign(
      (_, params: { outcome: 'approved' | 'refused' | 'withdrawn' | 'revoked'; reasons: string | null }) => ({
        decision: params,
      }),
    ),
  },
  guards: {
    routeChosen: ({ context, event }) =>
      event.type === 'ADD_EVIDENCE' && context.routes.some((r) => r.route === event.route),
    thresholdsMet: ({ context }) => repairProgress(context).every((p) => p.met),
  },
}).createMachine({
  id: 'repair',
  description: 'A credit repair (信用修复) application with its evidence ledger.',
  context: ({ input }) => ({
    recordId: input.recordId,
    subjectId: input.subjectId,
    routes: input.routes,
    commitment: input.commitment,
    banMonths: input.banMonths,
    platformIds: input.platformIds,
    acknowledgedPlatformIds: [],
    evidence: [],
    agencyAnswer: null,
    agencyConfirmedBy: null,
    decision: null,
  }),
  initial: 'collectingEvidence',
  states: {
    collectingEvidence: {
      description: 'The applicant shows evidence toward each chosen route, then submits.',
      meta: stateMeta('citizen'),
      on: {
        ADD_EVIDENCE: {
          guard: 'routeChosen',
          actions: assign({
            evidence: ({ context, event }) => [
              ...context.evidence,
              {
                route: event.route,
                amount: event.amount,
                certifiedBy: event.certifiedBy,
                description: event.description,
              },
            ],
          }),
        },
        SUBMIT_APPLICATION: {
          guard: 'thresholdsMet',
          target: 'agencyVerification',
        },
        WITHDRAW: withdraw,
      },
    },
    agencyVerification: {
      description: 'The agency that found the record checks the evidence.',
      meta: stateMeta('agency', { deadline: 'repair.decide', deadlines: ['repair.report'] }),
      on: {
        AGENCY_CONFIRMED: {
          target: 'deciding',
          actions: assign({
            agencyAnswer: ({ event }) => event.answer,
            agencyConfirmedBy: ({ event }) => event.actor?.userId ?? null,
          }),
        },
        AGENCY_DISPUTED: {
          target: 'collectingEvidence',
          actions: assign({ agencyAnswer: ({ event }) => event.answer }),
        },
        WITHDRAW: withdraw,
      },
    },
    deciding: {
      description: 'A reviewer decides: approve or refuse, with reasons.',
      meta: stateMeta('reviewer', { deadline: 'repair.decide', deadlines: ['repair.report'] }),
      on: {
        APPROVE: {
          target: 'propagating',
          actions: [
            { type: 'decide', params: ({ event }) => ({ outcome: 'approved' as const, reasons: event.reasons }) },
            { type: 'markRecordRepaired', params: ({ context }) => ({ recordId: context.recordId }) },
          ],
        },
        REFUSE: {
          target: 'refused',
          actions: { type: 'decide', params: ({ event }) => ({ outcome: 'refused' as const, reasons: event.reasons }) },
        },
        WITHDRAW: withdraw,
      },
    },
    propagating: propagatingState({
      description:
        'Approved: the record no longer shows; every platform that published it is told, and the case waits for each to acknowledge.',
      done: 'repaired',
      deadlines: ['repair.report'],
    }),
    repaired: {
      description: 'Repaired: the record is not shown. Revoked if the material proves false.',
      meta: stateMeta('nobody', { closed: true }),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          data: { outcome: 'repaired' },
        }),
      },
      on: {
        REVOKE_FOR_FALSE_MATERIAL: {
          target: 'revoked',
          actions: [
            { type: 'decide', params: ({ event }) => ({ outcome: 'revoked' as const, reasons: event.reasons }) },
            { type: 'restoreRecordDisplay', params: ({ context }) => ({ recordId: context.recordId }) },
            {
              type: 'banRepair',
              params: ({ context, event }) => ({
                subjectId: context.subjectId,
                months: context.banMonths,
                reason: event.reasons,
              }),
            },
            {
              type: 'propagateRecord',
              params: ({ context }) => ({ recordId: context.recordId, platformIds: context.platformIds }),
            },
          ],
        },
      },
    },
    refused: {
      type: 'final',
      description: 'Refused with reasons; the subject may apply for review.',
      meta: stateMeta('nobody', { reviewable: true }),
      entry: {
        type: 'notifySubject',
        params: ({ context }) => ({
          subjectId: context.subjectId,
          topic: 'case_closed' as const,
          data: { outcome: 'refused' },
        }),
      },
    },
    withdrawn: { type: 'final', description: 'Withdrawn by the applicant.', meta: stateMeta('nobody') },
    revoked: {
      type: 'final',
      description: 'Revoked for false material: the record is shown again and the subject is barred from repair.',
      meta: stateMeta('nobody', { adverse: true }),
    },
  },
});

export const repairV1 = defineCaseType({
  name: 'repair',
  version: 1,
  machine: repairMachine,
  filing: repairFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: repairEvents,
  effects,
  // Only a record that is shown can be repaired; whether it may be now is checked on filing.
  offeredFor: (record) => isShownStatus(record.status),
});
