// The registry of case types: every version of each type still in use, and which version a new
// case starts under (the last). A case stores its type's name and version and is read by that
// version's machine until it ends or a migration (machines/migrations.ts) moves it on; a
// version stays here as long as any case may run on it.
import type { CaseStateMeta } from './case-events.js';
import {
  caseStatesOf,
  isAdverseOutcome,
  isReviewableOutcome,
  type AnyCaseTypeDefinition,
  type RecordStanding,
} from './case-type.js';
import {
  administrativeReviewV1,
  administrativeReviewV2,
  administrativeReviewV3,
} from './administrative-review.machine.js';
import { correctionV1, correctionV2, correctionV3 } from './correction.machine.js';
import { deferralV1, deferralV2 } from './deferral.machine.js';
import { explanationV1, explanationV2 } from './explanation.machine.js';
import { objectionV2, objectionV3, objectionV4, objectionV5 } from './objection.machine.js';
import { referralV1, referralV2, referralV3 } from './referral.machine.js';
import { repairV1, repairV2, repairV3, repairV4 } from './repair.machine.js';
import { reviewV1, reviewV2, reviewV3 } from './review.machine.js';

/** The current version of each case type: what a new case of that type starts under. */
export const caseTypes = {
  objection: objectionV5,
  correction: correctionV3,
  review: reviewV3,
  repair: repairV4,
  explanation: explanationV2,
  // Objections that another forum decides (the court list, credit reports): src/domain/forums.ts.
  referral: referralV3,
  deferral: deferralV2,
  // 行政复议, tracked (issue 15 item 2).
  'administrative-review': administrativeReviewV3,
} as const;

export type CaseTypeName = keyof typeof caseTypes;

/** A case type at some version, with the machine, catalog and filing typed as erased as any version's. */
export type CaseType = AnyCaseTypeDefinition;

/** Every version of each case type still in use, oldest first, ending with the current one. */
const versions = {
  objection: [objectionV2, objectionV3, objectionV4, objectionV5],
  correction: [correctionV1, correctionV2, correctionV3],
  review: [reviewV1, reviewV2, reviewV3],
  repair: [repairV1, repairV2, repairV3, repairV4],
  explanation: [explanationV1, explanationV2],
  referral: [referralV1, referralV2, referralV3],
  deferral: [deferralV1, deferralV2],
  'administrative-review': [administrativeReviewV1, administrativeReviewV2, administrativeReviewV3],
} as const satisfies { [N in CaseTypeName]: readonly [...CaseType[], (typeof caseTypes)[N]] };

export const caseTypeNames = Object.keys(versions) as CaseTypeName[];

export function isCaseTypeName(value: string): value is CaseTypeName {
  return Object.hasOwn(versions, value);
}

export function currentCaseType<N extends CaseTypeName>(name: N): (typeof caseTypes)[N] {
  return caseTypes[name];
}

type RecordFilingType = {
  [N in CaseTypeName]: (typeof caseTypes)[N] extends { offeredFor: (record: RecordStanding) => boolean } ? N : never;
}[CaseTypeName];

/** The case types a subject files about one of their records (their current version says when it is offered). */
export const recordFilingTypes = caseTypeNames.filter(
  (name): name is RecordFilingType => 'offeredFor' in caseTypes[name],
);

export function isRecordFilingType(name: CaseTypeName): name is RecordFilingType {
  return (recordFilingTypes as readonly string[]).includes(name);
}

/** A case type at a stored version; undefined for a name or version this build does not know. */
export function caseTypeVersion(name: string, version: number): CaseType | undefined {
  if (!isCaseTypeName(name)) return undefined;
  return (versions[name] as readonly CaseType[]).find((definition) => definition.version === version);
}

/** Every version of a case type this build can run, oldest first. */
export function caseTypeVersions(name: CaseTypeName): readonly CaseType[] {
  return versions[name];
}

/** An event of a case type by name; undefined for names that are not its own (`__proto__`, `toString`). */
export function eventOfCaseType(caseType: CaseType, name: string): CaseType['events'][string] | undefined {
  return Object.hasOwn(caseType.events, name) ? caseType.events[name] : undefined;
}

/** The state names of a case type across its versions, in document order, each once. */
export function stateNamesOf(name: CaseTypeName): string[] {
  return [...new Set(versions[name].flatMap((definition) => caseStatesOf(definition.machine).map((s) => s.name)))];
}

/**
 * The states, per case type (across its versions), whose meta matches: e.g. where the move is
 * the supervisor's. A stored case's state is matched with its type, never across types.
 */
export function statesWhere(test: (meta: CaseStateMeta) => boolean): { type: CaseTypeName; states: string[] }[] {
  return caseTypeNames.flatMap((type) => {
    const states = [
      ...new Set(
        versions[type].flatMap((definition) =>
          caseStatesOf(definition.machine)
            .filter((state) => test(state.meta))
            .map((state) => state.name),
        ),
      ),
    ];
    return states.length > 0 ? [{ type, states }] : [];
  });
}

/** Whether a case ended in a decision against the person, which states the remedies (its version's meta says). */
export function endedAdversely(theCase: {
  type: string;
  machineVersion: number;
  status: string;
  outcome: string | null;
}): boolean {
  const definition = caseTypeVersion(theCase.type, theCase.machineVersion);
  return definition !== undefined && theCase.outcome !== null && isAdverseOutcome(definition.machine, theCase.outcome);
}

/** Whether a case that ended so may be challenged by re-examination (复核; its version's meta says). */
export function mayBeReviewed(theCase: {
  type: string;
  machineVersion: number;
  status: string;
  outcome: string | null;
}): boolean {
  const definition = caseTypeVersion(theCase.type, theCase.machineVersion);
  return (
    theCase.status === 'closed' && definition !== undefined && isReviewableOutcome(definition.machine, theCase.outcome)
  );
}
