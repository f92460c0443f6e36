// Adds a credit record about a subject, as found by an agency, with its first version kept in
// the record's history.
import { creditRecords, creditRecordVersions } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { RecordClass, RecordDomain, RecordKind, RecordStatus } from '../domain/records.js';

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
  repairableFrom?: string | null;
  publishedUntil: string;
  status?: RecordStatus;
}

/** The fields of a record that its versions keep (everything but identity and bookkeeping). */
export function versionedFieldsOf(record: typeof creditRecords.$inferSelect): Record<string, unknown> {
  const { id: _id, version: _version, createdAt: _c, updatedAt: _u, disputedByCaseId: _d, ...fields } = record;
  return fields;
}

export async function recordCreditInformation(db: Executor, input: NewCreditRecord) {
  const [record] = await db.insert(creditRecords).values(input).returning();
  await db.insert(creditRecordVersions).values({
    recordId: record!.id,
    version: 1,
    fields: versionedFieldsOf(record!),
    changeReason: 'recorded',
  });
  return record!;
}
