// The daily display-period sweep. Credit-report records whose keeping period has ended (5 years
// from the end of the conduct, 征信业管理条例 art. 16) are deleted: their content is erased from
// the record and from every version of it, a tombstone stays (id, subject, kind, the keeping
// dates, when and why), and the deletion is written to record_events. Other records whose
// maximum display period has passed stop being shown (status expired), as a new version, except
// where the obligation is still unperformed and the policy in force at the record's finding
// (认定之日, policyAtFinding) says the finding department's rule for that kind keeps such a record
// until it is performed (NDRC Order 36): a record found under the earlier rules expires by them.
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { creditRecords, creditRecordVersions, recordEvents, users } from '../../db/schema.js';
import { chinaDateOf } from '../domain/calendar.js';
import { shownStatuses } from '../domain/display-period.js';
import { policyAtFinding, unperformedAtMaximumOf } from '../domain/policy.js';
import { creditReportKinds, publicRecordKinds } from '../domain/records.js';
import type { ServiceContext } from './context.js';
import { versionedFieldsOf } from './record-credit-information.js';
import { systemUsername } from './seed-reference-data.js';

export const keepingEndedReason = 'keeping period ended: content deleted (征信业管理条例 art. 16)';

export async function sweepDisplayPeriods(ctx: ServiceContext): Promise<{ expired: number; deleted: number }> {
  const at = ctx.now();
  const today = chinaDateOf(at);
  return ctx.db.transaction(async (tx) => {
    const [system] = await tx.select({ id: users.id }).from(users).where(eq(users.username, systemUsername));
    if (!system) throw new Error('The system user is missing: reference data was not seeded.');
    // published_until is the last day kept: the sweep of the day after deletes.
    const deleted = await tx
      .update(creditRecords)
      .set({
        decisionNumber: '',
        decisionDate: null,
        facts: '',
        legalBasis: '',
        obligation: null,
        obligationPerformed: false,
        explanation: null,
        status: 'deleted',
        deletedAt: at,
        deletionReason: keepingEndedReason,
        version: sql`${creditRecords.version} + 1`,
        updatedAt: at,
      })
      .where(
        and(
          inArray(creditRecords.kind, [...creditReportKinds]),
          ne(creditRecords.status, 'deleted'),
          lt(creditRecords.publishedUntil, today),
        ),
      )
      .returning();
    for (const record of deleted) {
      // Old versions would keep what the deletion removes, so each is overwritten with the
      // tombstone; their number and time stay, so the history shows that there were versions.
      const tombstone = versionedFieldsOf(record);
      const erased = await tx
        .update(creditRecordVersions)
        .set({ fields: tombstone, changeReason: keepingEndedReason })
        .where(eq(creditRecordVersions.recordId, record.id))
        .returning({ version: creditRecordVersions.version });
      await Promise.all([
        tx.insert(creditRecordVersions).values({
          recordId: record.id,
          version: record.version,
          fields: tombstone,
          changeReason: keepingEndedReason,
          createdAt: at,
        }),
        tx.insert(recordEvents).values({
          recordId: record.id,
          subjectId: record.subjectId,
          at,
          event: 'CONTENT_DELETED',
          actorUserId: system.id,
          reason: keepingEndedReason,
          details: {
            kind: record.kind,
            conductEndedOn: record.conductEndedOn,
            keptUntil: record.publishedUntil,
            versionsErased: erased.length,
          },
        }),
      ]);
    }

    // The records past their maximum; each stops being shown unless the rules of its finding keep
    // it while its obligation is unperformed.
    const due = await tx
      .select()
      .from(creditRecords)
      .where(
        and(
          inArray(creditRecords.status, [...shownStatuses]),
          inArray(creditRecords.kind, [...publicRecordKinds]),
          lt(creditRecords.publishedUntil, today),
        ),
      );
    const ending = due
      .filter(
        (record) =>
          !(
            record.obligation !== null &&
            !record.obligationPerformed &&
            unperformedAtMaximumOf(policyAtFinding(ctx.jurisdiction, record).version.rules, record.kind) ===
              'stay_until_performed'
          ),
      )
      .map((record) => record.id);
    const ended =
      ending.length === 0
        ? []
        : await tx
            .update(creditRecords)
            .set({ status: 'expired', version: sql`${creditRecords.version} + 1`, updatedAt: at })
            .where(and(inArray(creditRecords.id, ending), inArray(creditRecords.status, [...shownStatuses])))
            .returning();
    if (ended.length > 0) {
      await tx.insert(creditRecordVersions).values(
        ended.map((record) => ({
          recordId: record.id,
          version: record.version,
          fields: versionedFieldsOf(record),
          changeReason: 'display period ended',
          createdAt: at,
        })),
      );
    }
    return { expired: ended.length, deleted: deleted.length };
  });
}
