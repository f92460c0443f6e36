// Declared migrations: how running cases move from one version of a case type to the next.
// A migration names both versions, where each old state lands in the new machine, and how a
// running clock is treated: `keep` (its due moment stands) or `recount` (the days used so far
// stand, the limit is the new rules'). `npm run cases:migrate` (src/cases-migrate.ts) lists
// and carries them out through the case engine; without a migration, a case finishes on the
// version it started under. Pure: this only maps snapshots.
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { type PolicyVersion, repairDecisionExtensionOf } from '../src/domain/policy.js';
import { caseStatesOf, stateNameOf } from './case-type.js';
import { caseTypeVersion, type CaseType, type CaseTypeName } from './index.js';

export interface CaseMigration {
  type: CaseTypeName;
  from: number;
  to: number;
  /** Why the cases move, for the audit trail and the dry run. */
  description: string;
  /** The state value in the new machine for each state (by its stored name) of the old. */
  states: Record<string, StateValue>;
  clock: 'keep' | 'recount';
  /**
   * States whose meaning changes on purpose (the law moved the decision to someone else), each
   * with why; every other state keeps its meaning (test/unit/case-definitions.test.ts).
   */
  meaningChanges?: Record<string, string>;
  /**
   * States where the new version runs a clock the old did not (state meta `deadlines`), each with
   * why that is lawful; the test allows exactly these beside the old state's clocks.
   */
  clocksAdded?: Record<string, Record<string, string>>;
  /** What the move does for a case in a state (a notice to the subject), as the machine's effects are named. */
  effects?: (state: string, context: Record<string, unknown>) => { type: string; params: unknown }[];
  /** The fields the new version's context adds, from the old context and the case's rules. */
  context?: (context: Record<string, unknown>, policy: PolicyVersion | undefined) => Record<string, unknown>;
}

/** Objection v2 → v3: the same states, the undecided ones now inside `open`; the same deadlines. */
export const objectionV2toV3: CaseMigration = {
  type: 'objection',
  from: 2,
  to: 3,
  description: 'The undecided states move inside one open parent that handles WITHDRAW and SUPPLEMENT.',
  states: {
    intake: { open: 'intake' },
    awaitingMaterial: { open: 'awaitingMaterial' },
    verifying: { open: 'verifying' },
    deciding: { open: 'deciding' },
    rejected: 'rejected',
    withdrawn: 'withdrawn',
    upheld: 'upheld',
    dismissed: 'dismissed',
    unresolved: 'unresolved',
  },
  clock: 'keep',
};

/**
 * Correction v1 → v2: the same states and deadlines. A v1 correction was opened by an objection
 * that had already lifted its mark, so it has none to lift; it gains the cancellation notice.
 */
export const correctionV1toV2: CaseMigration = {
  type: 'correction',
  from: 1,
  to: 2,
  description:
    'A cancellation tells the subject why; a correction opened by an upheld objection lifts its mark when applied.',
  states: {
    drafting: 'drafting',
    awaitingApproval: 'awaitingApproval',
    propagating: 'propagating',
    applied: 'applied',
    cancelled: 'cancelled',
  },
  clock: 'keep',
};

/**
 * Repair v1 → v2 (谁认定、谁修复): the department that made the finding decides. A case the agency
 * was verifying is now with the department for its decision, under the same clocks; a case the
 * credit center's reviewer was to decide goes to the department, which decides it.
 */
export const repairV1toV2: CaseMigration = {
  type: 'repair',
  from: 1,
  to: 2,
  description:
    'The department that made the finding decides the repair (信用修复管理办法, 国办发〔2025〕22号: 谁认定、谁修复); the credit center checks, forwards, publishes and propagates.',
  states: {
    collectingEvidence: { open: 'collectingEvidence' },
    agencyVerification: { open: 'departmentDeciding' },
    deciding: { open: 'departmentDeciding' },
    propagating: 'propagating',
    repaired: 'repaired',
    refused: 'refused',
    withdrawn: 'withdrawn',
    revoked: 'revoked',
  },
  clock: 'keep',
  meaningChanges: {
    deciding: 'the reviewer no longer decides a repair: the finding department does, within the same limit',
    revoked: 'a revocation, which bars repair, may now be contested (closed cases stay on v1)',
    withdrawn: 'a withdrawn repair is said to have decided nothing: no result to object to (closed cases stay on v1)',
  },
  context: (context, policy) => ({
    materialRequests: [],
    extensionDays: policy ? (repairDecisionExtensionOf(policy)?.value ?? 0) : 0,
    extension: null,
    decidedBy: null,
    // v1's decision words stand; its outcomes are v2's too.
    decision: context.decision ?? null,
  }),
};

/**
 * Objection v3 → v4 (issue 15 item 5; 征信业管理条例 art. 25): the same states. What changes:
 *
 * - An undecided case goes on in the same state. One waiting for material now runs the material
 *   period (objection.material): v3's request named no date, so the period counts from the move
 *   and the subject is told the date in a notice, as a v4 request would tell it; nothing follows
 *   from its lapse but the reviewer's view (no state leaves on it), so no one loses a right.
 * - Upheld and unresolved take v4's meaning once decided under v4: an upheld objection leaves the
 *   mark until its correction is applied; an unresolved one is kept on record.
 * - A case already closed is not moved (cases:migrate moves open cases only): a v3 case past
 *   UPHOLD lifted its mark then, and stays as it ended. Its correction (correction v2) names that
 *   objection's mark, which is gone: applying it lifts nothing (clearDisputedMark lifts only the
 *   mark of the case it names, never one a later objection put on). The mark is not put back:
 *   the objection was decided, and a mark tells readers one is running (art. 25 marks a record
 *   on receipt of an objection); the correction case shows the pending change meanwhile.
 *   test/api/case-migrations.test.ts walks both.
 */
export const objectionV3toV4: CaseMigration = {
  type: 'objection',
  from: 3,
  to: 4,
  description:
    'An upheld objection leaves the disputed mark until its correction is applied; an unresolved one is kept on record; a request for material says by when it is due (征信业管理条例 art. 25).',
  states: {
    intake: { open: 'intake' },
    awaitingMaterial: { open: 'awaitingMaterial' },
    verifying: { open: 'verifying' },
    deciding: { open: 'deciding' },
    rejected: 'rejected',
    withdrawn: 'withdrawn',
    upheld: 'upheld',
    dismissed: 'dismissed',
    unresolved: 'unresolved',
  },
  clock: 'keep',
  clocksAdded: {
    awaitingMaterial: {
      'objection.material':
        'the material period runs from the move, and the subject is told its date (v3 named none); its lapse moves nothing',
    },
  },
  effects: (state, context) => {
    if (state !== 'awaitingMaterial') return [];
    const requests = (context.materialRequests ?? []) as { requested: string }[];
    return [
      {
        type: 'notifySubject',
        params: {
          subjectId: context.subjectId,
          topic: 'material_requested',
          data: { requested: requests.at(-1)?.requested ?? '' },
          dueOf: 'objection.material',
        },
      },
    ];
  },
};

/**
 * Review (复核) v1 → v2: the same states and clocks; a decision for the person now lifts a bar on
 * repair that the decision under review imposed.
 */
export const reviewV1toV2: CaseMigration = {
  type: 'review',
  from: 1,
  to: 2,
  description: 'A re-examination that goes the person’s way lifts the bar on repair the decision imposed.',
  states: {
    acceptanceReview: 'acceptanceReview',
    awaitingMaterial: 'awaitingMaterial',
    underReview: 'underReview',
    rejected: 'rejected',
    withdrawn: 'withdrawn',
    decided: 'decided',
  },
  clock: 'keep',
};

/**
 * Repair v2 → v3 (issue 16 items 3-4): the same states and clocks; a refusal and a request for
 * material now say why with a reason code, and the request is the shared one (what, why, by
 * when, how many times). Requests already made keep their words, without a code.
 */
export const repairV2toV3: CaseMigration = {
  type: 'repair',
  from: 2,
  to: 3,
  description:
    'A refusal and a request for material carry a reason code from the closed list, with what to do now; the request says how many times material was asked for.',
  states: {
    collectingEvidence: { open: 'collectingEvidence' },
    completenessCheck: { open: 'completenessCheck' },
    awaitingMaterial: { open: 'awaitingMaterial' },
    departmentDeciding: { open: 'departmentDeciding' },
    publishing: 'publishing',
    propagating: 'propagating',
    repaired: 'repaired',
    refused: 'refused',
    refusedForFalseMaterial: 'refusedForFalseMaterial',
    withdrawn: 'withdrawn',
    revoked: 'revoked',
  },
  clock: 'keep',
};

/**
 * Administrative review v1 → v2: the same states, plus the receipts the clocks count from (行政复议法
 * arts. 31, 48). A running case keeps its clocks (counted from the sending) until the review body
 * records the receipt, which moves the count to the day received; it starts with none on record.
 */
export const administrativeReviewV1toV2: CaseMigration = {
  type: 'administrative-review',
  from: 1,
  to: 2,
  description:
    'The respondent’s 10 days (art. 48) and the applicant’s 10 working days to supplement (art. 31) count from receipt, recorded by the review body; a decision for the applicant lifts a bar on repair.',
  states: {
    acceptanceReview: 'acceptanceReview',
    awaitingSupplement: 'awaitingSupplement',
    copyToRespondent: { underReview: 'copyToRespondent' },
    awaitingAnswer: { underReview: 'awaitingAnswer' },
    deliberating: { underReview: 'deliberating' },
    suspended: 'suspended',
    notAccepted: 'notAccepted',
    withdrawn: 'withdrawn',
    terminated: 'terminated',
    mediated: 'mediated',
    settled: 'settled',
    decidedFor: 'decidedFor',
    decidedAgainst: 'decidedAgainst',
  },
  clock: 'keep',
  context: () => ({ copyReceivedOn: null, supplementNoticeReceivedOn: null }),
};

/** Referral v1 → v2: the same states and clocks; the forum's answer now changes the record (or stands beside it). */
export const referralV1toV2: CaseMigration = {
  type: 'referral',
  from: 1,
  to: 2,
  description:
    'The forum’s answer reaches the record: a correction or deletion it made becomes a version of the record, with its date and reference; an answer that keeps the record is shown beside it.',
  states: {
    toRefer: { open: 'toRefer' },
    awaitingCourt: { open: 'awaitingCourt' },
    awaitingCreditReporting: { open: 'awaitingCreditReporting' },
    answered: 'answered',
    withdrawn: 'withdrawn',
  },
  clock: 'keep',
};

/**
 * The state map of a migration between two versions with the same states: each leaf state of
 * the old machine lands on the same path in the new (a nested `open.intake` as `{ open: 'intake' }`).
 */
function sameStates(type: CaseTypeName, from: number): Record<string, StateValue> {
  const definition = caseTypeVersion(type, from);
  if (!definition) throw new Error(`migration ${type} v${from}: unknown version`);
  return Object.fromEntries(
    caseStatesOf(definition.machine).map((state) => [
      state.name,
      state.path.slice(0, -1).reduceRight<StateValue>((inner, step) => ({ [step]: inner }), state.name),
    ]),
  );
}

const reasonCodeMigrationText =
  'Decisions against the person, and requests for material, carry a reason code from the closed list with what to do now; the notice says them (issue 16 item 3). Decisions already made keep their words, without a code.';

/** Objection v4 → v5: the same states and clocks; rejections, dismissals, unresolved closes and requests for material carry a reason code. */
export const objectionV4toV5: CaseMigration = {
  type: 'objection',
  from: 4,
  to: 5,
  description: reasonCodeMigrationText,
  states: sameStates('objection', 4),
  clock: 'keep',
};

/** Explanation v1 → v2: the same states and clock; a rejection carries a reason code and the subject is told. */
export const explanationV1toV2: CaseMigration = {
  type: 'explanation',
  from: 1,
  to: 2,
  description: `${reasonCodeMigrationText} A rejected statement is now notified to the subject.`,
  states: sameStates('explanation', 1),
  clock: 'keep',
};

/** Deferral v1 → v2: the same machine and clocks; a refusal carries a reason code (行政处罚法 arts. 66, 72). */
export const deferralV1toV2: CaseMigration = {
  type: 'deferral',
  from: 1,
  to: 2,
  description: reasonCodeMigrationText,
  states: sameStates('deferral', 1),
  clock: 'keep',
};

/** Review (复核) v2 → v3: the same machine and clocks; refusals, requests for material and upheld decisions carry a reason code. */
export const reviewV2toV3: CaseMigration = {
  type: 'review',
  from: 2,
  to: 3,
  description: reasonCodeMigrationText,
  states: sameStates('review', 2),
  clock: 'keep',
};

/** Administrative review v2 → v3: the same machine and clocks; non-acceptance, supplements asked and decisions against the applicant carry a reason code. */
export const administrativeReviewV2toV3: CaseMigration = {
  type: 'administrative-review',
  from: 2,
  to: 3,
  description: reasonCodeMigrationText,
  states: sameStates('administrative-review', 2),
  clock: 'keep',
};

/** Correction v2 → v3: the same machine and clocks; a cancellation carries a reason code. */
export const correctionV2toV3: CaseMigration = {
  type: 'correction',
  from: 2,
  to: 3,
  description: reasonCodeMigrationText,
  states: sameStates('correction', 2),
  clock: 'keep',
};

/** Referral v2 → v3: the same machine and clocks; an answer that keeps the record says why, from the list. */
export const referralV2toV3: CaseMigration = {
  type: 'referral',
  from: 2,
  to: 3,
  description: reasonCodeMigrationText,
  states: sameStates('referral', 2),
  clock: 'keep',
};

/**
 * Repair v3 → v4 (issue 16 item 9): the same states and clocks; while gathering evidence the
 * applicant may remove an entry added by mistake, with why (kept in the ledger struck through).
 * Entries already in the ledger stand as they are.
 */
export const repairV3toV4: CaseMigration = {
  type: 'repair',
  from: 3,
  to: 4,
  description:
    'The evidence ledger allows removing a wrong entry, with the reason, in the trail; the entry stays struck through and no longer counts.',
  states: sameStates('repair', 3),
  clock: 'keep',
};

export const caseMigrations: readonly CaseMigration[] = [
  objectionV2toV3,
  repairV1toV2,
  correctionV1toV2,
  objectionV3toV4,
  reviewV1toV2,
  administrativeReviewV1toV2,
  referralV1toV2,
  repairV2toV3,
  objectionV4toV5,
  explanationV1toV2,
  deferralV1toV2,
  reviewV2toV3,
  administrativeReviewV2toV3,
  repairV3toV4,
  correctionV2toV3,
  referralV2toV3,
];

/** Both definitions of a migration; a migration naming a version this build lacks is a programming error. */
export function definitionsOf(migration: CaseMigration): { from: CaseType; to: CaseType } {
  const from = caseTypeVersion(migration.type, migration.from);
  const to = caseTypeVersion(migration.type, migration.to);
  if (!from || !to) throw new Error(`migration ${migration.type} v${migration.from}→v${migration.to}: unknown version`);
  return { from, to };
}

/**
 * The case's snapshot as the new version's machine reads it: the same context, the state the
 * migration maps its state to. A state the migration does not map is refused, never guessed.
 */
export function migrateSnapshot(
  migration: CaseMigration,
  snapshot: AnyMachineSnapshot,
  policy?: PolicyVersion,
): AnyMachineSnapshot {
  const name = stateNameOf(snapshot);
  if (!Object.hasOwn(migration.states, name)) {
    throw new Error(`migration ${migration.type} v${migration.from}→v${migration.to} does not map the state ${name}`);
  }
  const { to } = definitionsOf(migration);
  const context = migration.context
    ? { ...snapshot.context, ...migration.context(snapshot.context ?? {}, policy) }
    : snapshot.context;
  return to.machine.resolveState({ value: migration.states[name]!, context }) as AnyMachineSnapshot;
}
