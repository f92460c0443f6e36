// The daily display-period sweep: records whose maximum display period has passed stop being
// shown (status expired), each change kept as a new version of the record.
import { and, inArray, lt, sql } from 'drizzle-orm';
import { creditRecords, creditRecordVersions } from '../../db/schema.js';
import { chinaDateOf } from '../domain/calendar.js';
import { shownStatuses } from '../domain/display-period.js';
import type { ServiceContext } from './context.js';
import { versionedFieldsOf } from './record-credit-information.js';

export async function sweepDisplayPeriods(ctx: ServiceContext): Promise<{ expired: number }> {
  const at = ctx.now();
  const today = chinaDateOf(at);
  return ctx.db.transaction(async (tx) => {
    const ended = await tx
      .update(creditRecords)
      .set({ status: 'expired', version: sql`${creditRecords.version} + 1`, updatedAt: at })
      .where(and(inArray(creditRecords.status, [...shownStatuses]), lt(creditRecords.publishedUntil, today)))
      .returning();
    if (ended.length > 0) {
      await tx.insert(creditRecordVersions).values(
        ended.map((record) => ({ recordId: record.id, version: record.version, fields: versionedFieldsOf(record), changeReason: 'display period ended', createdAt: at })),
      );
    }
    return { expired: ended.length };
  });
}
