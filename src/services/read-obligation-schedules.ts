// The schedule a deferral granted for a record's obligation, as the record page, the record's
// API answer and repair eligibility read it: the latest one granted for the record.
import { and, desc, eq } from 'drizzle-orm';
import { cases, obligationSchedules } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { ObligationSchedule } from '../domain/obligation-schedule.js';

export async function latestObligationSchedule(db: Executor, recordId: string): Promise<ObligationSchedule | null> {
  const [row] = await db
    .select({
      caseId: obligationSchedules.caseId,
      status: obligationSchedules.status,
      instalments: obligationSchedules.instalments,
    })
    .from(obligationSchedules)
    .where(eq(obligationSchedules.recordId, recordId))
    .orderBy(desc(obligationSchedules.grantedAt))
    .limit(1);
  return row ?? null;
}

/** The deferral of the record's obligation still open (being decided, or its schedule kept), if any. */
export async function openDeferralCaseId(db: Executor, recordId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.type, 'deferral'), eq(cases.recordId, recordId), eq(cases.status, 'open')))
    .limit(1);
  return row?.id ?? null;
}
