// A case's pending timers as the tests read them: from its clocks (src/domain/case-timers.ts),
// checking on the way that the row's next_timer_at, what the workers go by, agrees with them;
// and a running clock to build timers from.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { cases } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import type { CaseClock } from '../../src/domain/case-clock.js';
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

/** A clock running since the test start, due and warning at the moments given. */
export function runningClock(
  deadline: CaseClock['deadline'],
  dueAt: string,
  warningAt: string | null,
  more: Partial<CaseClock> = {},
): CaseClock {
  return {
    deadline,
    limit: 20,
    unit: 'calendar',
    source: 'test',
    startedAt: '2026-11-25T02:00:00.000Z',
    runningSince: '2026-11-25T02:00:00.000Z',
    dueAt,
    pausedAt: null,
    usedDays: 0,
    stoppedAt: null,
    dueUnknown: null,
    warningAt,
    ...more,
  };
}
