// Credit repair (信用修复): a subject whose record may be repaired (eligibility is checked by
// the case engine when they apply) chooses the routes the policy offers (performance after the
// fact, volunteering, donation) and gives a commitment letter; an evidence ledger counts what
// they show toward each route's threshold.
//
// Version 2 (信用修复管理办法, NDRC Order 2025 No. 36, and 国办发〔2025〕22号: 谁认定、谁修复):
// the credit center receives the application and checks it is complete (it may ask for
// material, due by the policy's period), then forwards it to the department that made the
// finding, which decides: approve, refuse, or refuse for false material (which bars repair for
// the policy's period); in a complex case it may extend its time once where the rules allow.
// The credit center then publishes an approval: the record stops being published and shared and
// every platform is told to lift the related measures (Order 36 art. 3). A repair later found
// to rest on false material is revoked by the department. The undecided states sit in one
// `open` parent that handles WITHDRAW once.
//
// Version 1 (the agency confirms, the credit center's reviewer decides) stays for the cases
// that started under it (repairV1toV2 in machines/migrations.ts moves the running ones).
import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { RepairRoute } from '../src/domain/policy.js';
import { boundedAmount, boundedInteger } from '../src/domain/input-schemas.js';
import { plainText, singleLineText } from '../src/domain/text.js';
import { isShownStatus } from '../src/domain/display-period.js';
import { type CaseEventCatalog, type CaseEventsOf, reasons, staff, stateMeta } from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';
import { reasonCodeSchema, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';
import {
  acknowledgement,
  type MaterialRequest,
  materialRequestRecord,
  platformAcknowledgement,
  propagatingState,
  type PropagationContext,
  requestMaterial,
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
  /**
   * Version 4: an entry added by mistake and removed by the applicant, with why. It stays in the
   * ledger (and the trail) struck through; it no longer counts toward any threshold.
   */
  removed?: { reason: string; by: string | null };
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
    // A removed entry stays in the ledger for the audit but counts for nothing.
    const shown = context.evidence
      .filter((e) => e.route === requirement.route && !e.removed)
      .reduce((sum, e) => sum + e.amount, 0);
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

/** Version 1: the agency confirms and the credit center's reviewer decides. */
export const repairMachineV1 = setup({
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
  context: ({ input }) =>
    input === undefined
      ? withoutInput()
      : {
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
        },
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
  machine: repairMachineV1,
  filing: repairFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: repairEvents,
  effects,
  // Only a record that is shown can be repaired; whether it may be now is checked on filing.
  // A kind the law excludes from repair (src/domain/forums.ts) gets the reason instead of the form.
  offeredFor: (record) => record.repairable && isShownStatus(record.status),
});

// ---------------------------------------------------------------------------------------------
// Version 2: the department that made the finding decides (谁认定、谁修复).

/** What a finding department may decide; refusing for false material also bars repair. */
export type RepairOutcomeV2 = 'approved' | 'refused' | 'refused_false_material' | 'withdrawn' | 'revoked';

export const repairEventsV2 = {
  ADD_EVIDENCE: repairEvents.ADD_EVIDENCE,
  SUBMIT_APPLICATION: {
    ...repairEvents.SUBMIT_APPLICATION,
    description:
      'Submit the application once every route has reached its threshold; the credit center checks it is complete.',
  },
  REQUEST_MATERIAL: {
    roles: staff,
    input: z.object({ requested: plainText({ max: 2_000, required: 'say what material is needed' }) }),
    description:
      'The application is incomplete: ask the applicant for material, due within the period the policy sets.',
  },
  SUBMIT_MATERIAL: {
    roles: ['citizen'],
    input: z.object({ material: plainText({ max: 10_000, required: 'describe the material supplied' }) }),
    description: 'Supply the material asked for; the credit center checks the application again.',
    attachments: true,
  },
  FORWARD_TO_DEPARTMENT: {
    roles: staff,
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'The application is complete: forward it to the department that made the finding, which decides.',
  },
  EXTEND_DECISION: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description: 'A complex case: extend the time to decide, once, by the extension the rules allow, with the reason.',
  },
  APPROVE: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description:
      'The finding department approves the repair; the credit center then publishes it and tells every platform.',
  },
  REFUSE: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description: 'The finding department refuses the repair, with reasons and the remedies open.',
  },
  REFUSE_FOR_FALSE_MATERIAL: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description:
      'The finding department refuses because the material is false: the applicant is barred from repair for the period the policy sets.',
  },
  PUBLISH_RESULT: {
    roles: staff,
    input: z.object({}),
    description:
      'Publish the approved repair: the record stops being published and shared, and every platform is told to lift the related measures.',
  },
  REVOKE_FOR_FALSE_MATERIAL: {
    roles: ['agency'],
    input: z.object({ reasons }),
    description:
      'The finding department revokes the repair: the material was false. The record is shown again and the applicant barred from repair.',
  },
  WITHDRAW: repairEvents.WITHDRAW,
  PLATFORM_ACKNOWLEDGED: platformAcknowledgement,
} satisfies CaseEventCatalog;

/**
 * Version 3 (issue 16 items 3-4): a request for material and a refusal say why, with a reason
 * code from the closed list (src/domain/refusal-reasons.ts) beside the officer's words; a
 * refusal or revocation for false material carries `material_false`. The request for material
 * is the shared one (requestMaterial in shared-states.ts): what, why, by when, how many times.
 */
export const repairEventsV3 = {
  ...repairEventsV2,
  REQUEST_MATERIAL: {
    ...repairEventsV2.REQUEST_MATERIAL,
    input: z.object({
      reasonCode: reasonCodeSchema,
      requested: plainText({ max: 2_000, required: 'say what material is needed' }),
    }),
    description:
      'The application is incomplete: say why and everything that is needed, at once; it is due by the end of the period the policy sets.',
  },
  REFUSE: {
    ...repairEventsV2.REFUSE,
    input: z.object({ reasonCode: reasonCodeSchema, reasons }),
    description:
      'The finding department refuses the repair: why (from the list), in its own words, with the remedies open.',
  },
} satisfies CaseEventCatalog;

/**
 * Version 4 (issue 16 item 9): the evidence ledger allows removing a wrong entry. The applicant
 * names the entry (its number in the ledger) and says why; the entry stays in the ledger struck
 * through, the removal is in the trail, and the thresholds count without it.
 */
export const repairEventsV4 = {
  ...repairEventsV3,
  REMOVE_EVIDENCE: {
    roles: ['citizen'],
    input: z.object({
      entry: boundedInteger(1, 1_000),
      reason: plainText({ max: 2_000, required: 'say why the entry is removed' }),
    }),
    description:
      'Remove an entry added by mistake, saying why: it stays in the ledger struck through and no longer counts.',
  },
} satisfies CaseEventCatalog;

export type RepairEventV2 = CaseEventsOf<typeof repairEventsV2>;
export type RepairEventV3 = CaseEventsOf<typeof repairEventsV3>;
export type RepairEventV4 = CaseEventsOf<typeof repairEventsV4>;
type RepairEventAny = RepairEventV2 | RepairEventV3 | RepairEventV4;
type RepairEventV2Of<K extends RepairEventV2['type']> = Extract<RepairEventV2, { type: K }>;

export interface RepairContextV2 extends Omit<RepairContext, 'decision'> {
  materialRequests: MaterialRequest[];
  /** Working days the department may add once in a complex case (0: the rules allow none). */
  extensionDays: number;
  extension: { days: number; reasons: string } | null;
  /** Who decided for the finding department. */
  decidedBy: string | null;
  decision: { outcome: RepairOutcomeV2; reasons: string | null; reasonCode?: RefusalReasonCode } | null;
}

export type RepairInputV2 = RepairInput & { extensionDays: number };

/** What a repair that takes effect tells each platform to do (信用修复管理办法 art. 3). */
const repairTakesEffect = { publication: 'stop', sharing: 'stop', relatedMeasures: 'lift' } as const;
/** What a revoked repair tells each platform: the record is published and shared again. */
const repairUndone = { publication: 'resume', sharing: 'resume', relatedMeasures: 'reinstate' } as const;

const effectsV2 = caseEffects(
  'notifySubject',
  'propagateRecord',
  'markRecordRepaired',
  'restoreRecordDisplay',
  'banRepair',
  'extendClock',
  'recordAcknowledgement',
);

const repairV2Setup = setup({
  types: { context: {} as RepairContextV2, events: {} as RepairEventAny, input: {} as RepairInputV2 },
  actions: {
    ...effectsV2.actions,
    acknowledge: acknowledgement<RepairContextV2, RepairEventAny>(),
    recordMaterialRequest: materialRequestRecord<RepairContextV2, RepairEventAny>(),
    // Version 4: the entry is marked removed (never deleted: the ledger and the audit keep it).
    removeEvidenceEntry: assign(({ context, event }) =>
      event.type === 'REMOVE_EVIDENCE'
        ? {
            evidence: context.evidence.map((entry, i) =>
              i === event.entry - 1
                ? { ...entry, removed: { reason: event.reason, by: event.actor?.userId ?? null } }
                : entry,
            ),
          }
        : {},
    ),
    decide: assign(
      (
        _,
        params: {
          outcome: RepairOutcomeV2;
          reasons: string | null;
          by?: string | null;
          reasonCode?: RefusalReasonCode;
        },
      ) => ({
        decision: {
          outcome: params.outcome,
          reasons: params.reasons,
          ...(params.reasonCode ? { reasonCode: params.reasonCode } : {}),
        },
        ...(params.by !== undefined ? { decidedBy: params.by } : {}),
      }),
    ),
  },
  guards: {
    routeChosen: ({ context, event }) =>
      event.type === 'ADD_EVIDENCE' && context.routes.some((r) => r.route === event.route),
    thresholdsMet: ({ context }) => repairProgress(context).every((p) => p.met),
    // Version 4: the entry named (1-based, as the ledger numbers it) is there and still counts.
    // Asked without an entry (whether to offer the removal at all), it is whether any entry
    // still counts; an event that is sent always names one (its schema requires it).
    isRemovableEntry: ({ context, event }) => {
      if (event.type !== 'REMOVE_EVIDENCE') return false;
      const entry = (event as { entry?: number }).entry;
      return entry === undefined
        ? context.evidence.some((e) => e.removed === undefined)
        : entry <= context.evidence.length && context.evidence[entry - 1]?.removed === undefined;
    },
    // Once, and only where the case's rules give an extension.
    mayExtend: ({ context }) => context.extension === null && context.extensionDays > 0,
  },
});

/**
 * The applicant is told how the case ended (the final state's name), with the department's
 * reasons and any bar; the remedies open are worded by the UI from the outcome.
 */
function notifyDecided(outcome: 'repaired' | 'refused' | 'refusedForFalseMaterial' | 'revoked') {
  return {
    type: 'notifySubject' as const,
    params: ({ context }: { context: RepairContextV2 }) => ({
      subjectId: context.subjectId,
      topic: 'case_closed' as const,
      data: {
        outcome,
        ...(context.decision?.reasons ? { reasons: context.decision.reasons } : {}),
        // Version 3: why, from the closed list; the notice words its label and what to do now.
        ...(context.decision?.reasonCode ? { reasonCode: context.decision.reasonCode } : {}),
        ...(outcome === 'refusedForFalseMaterial' || outcome === 'revoked'
          ? { bannedMonths: String(context.banMonths) }
          : {}),
      },
    }),
  };
}

const decidedBy = ({ event }: { event: RepairEventAny }) => event.actor?.userId ?? null;

/** The reason code a version-3 event carries (none in version 2). */
const reasonCodeOf = (event: RepairEventAny): RefusalReasonCode | undefined =>
  'reasonCode' in event ? event.reasonCode : undefined;

/**
 * The repair machine of version 2 or 3: the same states and clocks; version 3 asks for material
 * with the shared request (reason code, count) and gives every refusal its reason code.
 */
function repairMachineOf(version: 2 | 3 | 4) {
  const v3 = version >= 3;
  // Version 4: a wrong ledger entry can be removed while the applicant gathers evidence.
  const removal =
    version >= 4
      ? {
          REMOVE_EVIDENCE: {
            guard: 'isRemovableEntry' as const,
            actions: 'removeEvidenceEntry' as const,
          },
        }
      : {};
  const falseMaterial = v3 ? { reasonCode: 'material_false' as const } : {};
  return repairV2Setup.createMachine({
    id: 'repair',
    description:
      'A credit repair (信用修复) application: the credit center checks and forwards it; the department that made the finding decides.',
    context: ({ input }) =>
      input === undefined
        ? withoutInput()
        : {
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
            materialRequests: [],
            extensionDays: input.extensionDays,
            extension: null,
            decidedBy: null,
            decision: null,
          },
    initial: 'open',
    states: {
      open: {
        description: 'Undecided: the applicant may withdraw the application in any of these states.',
        initial: 'collectingEvidence',
        on: {
          WITHDRAW: {
            target: '#repair.withdrawn',
            actions: {
              type: 'decide',
              params: ({ event }: { event: RepairEventV2Of<'WITHDRAW'> }) => ({
                outcome: 'withdrawn' as const,
                reasons: event.reason ?? null,
              }),
            },
          },
        },
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
              SUBMIT_APPLICATION: { guard: 'thresholdsMet', target: 'completenessCheck' },
              ...removal,
            },
          },
          completenessCheck: {
            // The 10 working days to report the result run from the complete application (国办发〔2025〕22号).
            description: 'The credit center checks the application is complete, then forwards it to the department.',
            meta: stateMeta('reviewer', { deadlines: ['repair.report'] }),
            on: {
              REQUEST_MATERIAL: {
                target: 'awaitingMaterial',
                actions: v3
                  ? requestMaterial('repair.material')
                  : [
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
                          // The notice says by when: the end of the policy's material period.
                          dueOf: 'repair.material' as const,
                        }),
                      },
                    ],
              },
              FORWARD_TO_DEPARTMENT: { target: 'departmentDeciding' },
            },
          },
          awaitingMaterial: {
            // The applicant's own period runs; the reporting clock counts again from the complete application.
            description: 'Waiting for the material asked for, due within the policy’s period.',
            meta: stateMeta('citizen', { deadline: 'repair.material' }),
            on: {
              SUBMIT_MATERIAL: {
                target: 'completenessCheck',
                actions: assign({
                  materialRequests: ({ context, event }) =>
                    context.materialRequests.map((request, i) =>
                      i === context.materialRequests.length - 1 ? { ...request, supplied: event.material } : request,
                    ),
                }),
              },
            },
          },
          departmentDeciding: {
            description: 'The department that made the finding decides: approve, refuse, or refuse for false material.',
            meta: stateMeta('agency', { deadline: 'repair.decide', deadlines: ['repair.report'] }),
            on: {
              EXTEND_DECISION: {
                guard: 'mayExtend',
                actions: [
                  assign({
                    extension: ({ context, event }) => ({ days: context.extensionDays, reasons: event.reasons }),
                  }),
                  { type: 'extendClock', params: ({ context }) => ({ days: context.extensionDays }) },
                ],
              },
              APPROVE: {
                target: '#repair.publishing',
                actions: {
                  type: 'decide',
                  params: (args) => ({
                    outcome: 'approved' as const,
                    reasons: args.event.reasons,
                    by: decidedBy(args),
                  }),
                },
              },
              REFUSE: {
                target: '#repair.refused',
                actions: {
                  type: 'decide',
                  params: (args) => ({
                    outcome: 'refused' as const,
                    reasons: args.event.reasons,
                    by: decidedBy(args),
                    ...(reasonCodeOf(args.event) ? { reasonCode: reasonCodeOf(args.event) } : {}),
                  }),
                },
              },
              REFUSE_FOR_FALSE_MATERIAL: {
                target: '#repair.refusedForFalseMaterial',
                actions: {
                  type: 'decide',
                  params: (args) => ({
                    outcome: 'refused_false_material' as const,
                    reasons: args.event.reasons,
                    by: decidedBy(args),
                    ...falseMaterial,
                  }),
                },
              },
            },
          },
        },
      },
      publishing: {
        description: 'Approved by the department: the credit center publishes the result and tells the platforms.',
        meta: stateMeta('reviewer', { deadlines: ['repair.report'] }),
        on: {
          PUBLISH_RESULT: {
            target: 'propagating',
            actions: { type: 'markRecordRepaired', params: ({ context }) => ({ recordId: context.recordId }) },
          },
        },
      },
      propagating: propagatingState({
        description:
          'Published: the record is no longer shown or shared; every platform is told to lift the related measures, and the case waits for each to acknowledge.',
        done: 'repaired',
        deadlines: ['repair.report'],
        instruction: repairTakesEffect,
      }),
      repaired: {
        description: 'Repaired: the record is not shown. Revoked by the department if the material proves false.',
        meta: stateMeta('nobody', { closed: true }),
        entry: notifyDecided('repaired'),
        on: {
          REVOKE_FOR_FALSE_MATERIAL: {
            target: 'revoked',
            actions: [
              {
                type: 'decide',
                params: (args) => ({
                  outcome: 'revoked' as const,
                  reasons: args.event.reasons,
                  by: decidedBy(args),
                  ...falseMaterial,
                }),
              },
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
                params: ({ context }) => ({
                  recordId: context.recordId,
                  platformIds: context.platformIds,
                  instruction: repairUndone,
                }),
              },
            ],
          },
        },
      },
      refused: {
        type: 'final',
        description: 'Refused by the department with reasons; the applicant is told the remedies open.',
        meta: stateMeta('nobody', { reviewable: true }),
        entry: notifyDecided('refused'),
      },
      refusedForFalseMaterial: {
        type: 'final',
        description:
          'Refused for false material: the applicant is barred from repair for the policy’s period; the refusal and the bar may be contested.',
        meta: stateMeta('nobody', { reviewable: true }),
        entry: [
          {
            type: 'banRepair',
            params: ({ context }) => ({
              subjectId: context.subjectId,
              months: context.banMonths,
              reason: context.decision?.reasons ?? '',
            }),
          },
          notifyDecided('refusedForFalseMaterial'),
        ],
      },
      // Nothing was decided: there is no repair result to object to, and the applicant may apply again.
      withdrawn: {
        type: 'final',
        description: 'Withdrawn by the applicant.',
        meta: stateMeta('nobody', { decidedNothing: true }),
      },
      revoked: {
        type: 'final',
        description:
          'Revoked for false material: the record is shown again and the applicant barred from repair; the revocation and the bar may be contested.',
        meta: stateMeta('nobody', { reviewable: true }),
        entry: notifyDecided('revoked'),
      },
    },
  });
}

export const repairMachine = repairMachineOf(2);
export const repairMachineV3 = repairMachineOf(3);
export const repairMachineV4 = repairMachineOf(4);

export const repairV2 = defineCaseType({
  name: 'repair',
  version: 2,
  machine: repairMachine,
  filing: repairFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: repairEventsV2,
  effects: effectsV2,
  offeredFor: (record) => record.repairable && isShownStatus(record.status),
});

export const repairV3 = defineCaseType({
  name: 'repair',
  version: 3,
  machine: repairMachineV3,
  filing: repairFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: repairEventsV3,
  effects: effectsV2,
  offeredFor: (record) => record.repairable && isShownStatus(record.status),
});

export const repairV4 = defineCaseType({
  name: 'repair',
  version: 4,
  machine: repairMachineV4,
  filing: repairFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: true,
  events: repairEventsV4,
  effects: effectsV2,
  offeredFor: (record) => record.repairable && isShownStatus(record.status),
});
