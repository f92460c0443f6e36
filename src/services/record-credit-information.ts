// Adds a credit record about a subject, as found by an agency, with its first version kept in
// the record's history. Its display period comes from the policy (kind and class), never from
// the caller. A credit-report record needs the day its conduct ended: it is kept 5 years from
// that day (征信业管理条例 art. 16), never published.
import { creditRecords, creditRecordVersions } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { displayPeriodOf } from '../domain/display-period.js';
import { DomainError } from '../domain/errors.js';
import { type Jurisdiction, type PolicyRules, policyAtFinding } from '../domain/policy.js';
import {
  isCreditReportKind,
  type RecordClass,
  type RecordDomain,
  type RecordKind,
  type RecordStatus,
} from '../domain/records.js';

export interface NewCreditRecord {
  subjectId: string;
  agencyId: string;
  kind: RecordKind;
  domain: RecordDomain;
  class: RecordClass;
  decisionNumber: string;
  decisionDate: string;
  facts: string;
  legalBasis: string;
  obligation?: string | null;
  obligationPerformed?: boolean;
  publishedFrom: string;
  /** Required for credit-report kinds: the day the conduct ended (the overdue loan repaid, say). */
  conductEndedOn?: string | null;
  /**
   * Court list entries: the paragraph of art. 1 of the SPC rules (2017) the listing rests on,
   * 1 (no fixed term) to 6 (2 years, extendable): arts. 1, 2.
   */
  courtListParagraph?: number | null;
  status?: Exclude<RecordStatus, 'deleted'>;
}

/** The fields of a record that its versions keep (everything but identity and bookkeeping). */
export function versionedFieldsOf(record: typeof creditRecords.$inferSelect): Record<string, unknown> {
  const {
    id: _id,
    version: _version,
    createdAt: _c,
    updatedAt: _u,
    disputedByCaseId: _d,
    explanationCaseId: _e,
    deletedAt: _t,
    deletionReason: _r,
    ...fields
  } = record;
  return fields;
}

/**
 * Records a record with its display period by the rules given, or, given the jurisdiction, by the
 * rules in force there on the day of its finding (policyAtFinding).
 */
export async function recordCreditInformation(
  db: Executor,
  input: NewCreditRecord,
  rulesOrJurisdiction: PolicyRules | Jurisdiction,
  /** When it was recorded, by xiufu's clock (its first version's time; later versions use the same clock). */
  recordedAt?: Date,
) {
  const rules =
    typeof rulesOrJurisdiction === 'string'
      ? policyAtFinding(rulesOrJurisdiction, input).version.rules
      : rulesOrJurisdiction;
  if (isCreditReportKind(input.kind) && !input.conductEndedOn) {
    const message =
      'a credit-report record needs the day the conduct ended: it is kept 5 years from that day (征信业管理条例 art. 16)';
    throw new DomainError('INVALID_INPUT', `The record is incomplete: ${message}.`, {
      issues: [{ path: 'conductEndedOn', message }],
    });
  }
  const paragraph = input.courtListParagraph ?? null;
  if (
    paragraph !== null &&
    (input.kind !== 'court_dishonest_debtor' || !Number.isInteger(paragraph) || paragraph < 1 || paragraph > 6)
  ) {
    const message = 'only a court list entry names a paragraph of art. 1 of the SPC rules (2017), from 1 to 6';
    throw new DomainError('INVALID_INPUT', `The record is not valid: ${message}.`, {
      issues: [{ path: 'courtListParagraph', message, kind: 'custom' }],
    });
  }
  const period = displayPeriodOf(rules, input, input.publishedFrom);
  const [record] = await db
    .insert(creditRecords)
    .values({
      ...input,
      repairableFrom: period.repairableFrom,
      publishedUntil: period.publishedUntil,
    })
    .returning();
  await db.insert(creditRecordVersions).values({
    recordId: record!.id,
    version: 1,
    fields: versionedFieldsOf(record!),
    changeReason: 'recorded',
    ...(recordedAt ? { createdAt: recordedAt } : {}),
  });
  return record!;
}
