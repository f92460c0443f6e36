// A case's pending timers as the tests read them: from its clocks (src/domain/case-timers.ts),
// checking on the way that the row's next_timer_at, what the workers go by, agrees with them.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { cases } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { type CaseTimer, nextTimerAtOf, pendingTimersOf } from '../../src/domain/case-timers.js';

export async function pendingTimersOfCase(db: Database, caseId: string): Promise<CaseTimer[]> {
  const [row] = await db
    .select({
      clock: cases.clock,
      otherClocks: cases.otherClocks,
      nextTimerAt: cases.nextTimerAt,
      status: cases.status,
    })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row) throw new Error(`no case ${caseId}`);
  const clocks = [row.clock, ...row.otherClocks];
  expect(row.nextTimerAt?.toISOString() ?? null).toBe(
    row.status === 'closed' ? null : (nextTimerAtOf(clocks)?.toISOString() ?? null),
  );
  return row.status === 'closed' ? [] : pendingTimersOf(clocks);
}
