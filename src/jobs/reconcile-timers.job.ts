// Job: the reconciler. Every case whose next timer (cases.next_timer_at, from its clocks) comes
// within the horizon gets its delayed BullMQ job (the job id is the case's and the moment's, so
// adding twice is harmless); a job that failed for good is
// retried, and one delayed past its timer's moment is brought forward. Run at start and on a schedule, it makes Redis disposable: after a FLUSHALL the next
// round puts back everything that is due and not done.
import { asc, lte } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { ServiceContext } from '../services/context.js';
import { caseTimerJob, timerHorizonMs } from './case-timer.job.js';
import type { JobQueues } from './queues.js';

export const reconcileTimersJob = {
  name: 'reconcile-timers',
  everyMs: 30_000,
  /** Timers further out are enqueued by a later round. */
  horizonMs: timerHorizonMs,
};

export async function reconcileTimers(
  ctx: ServiceContext,
  queues: Pick<JobQueues, 'timers'>,
): Promise<{ enqueued: number; retried: number; advanced: number }> {
  const now = ctx.now();
  // The partial index cases_next_timer_idx holds only cases with a timer pending, in this order.
  const pending = await ctx.db
    .select({ caseId: cases.id, fireAt: cases.nextTimerAt })
    .from(cases)
    .where(lte(cases.nextTimerAt, new Date(now.getTime() + reconcileTimersJob.horizonMs)))
    .orderBy(asc(cases.nextTimerAt))
    .limit(10_000);
  let enqueued = 0;
  let retried = 0;
  let advanced = 0;
  for (const timer of pending) {
    if (!timer.fireAt) continue;
    const jobId = caseTimerJob.jobId(timer.caseId, timer.fireAt);
    const fireAt = timer.fireAt.toISOString();
    const dueInMs = Math.max(0, timer.fireAt.getTime() - now.getTime());
    const add = () => caseTimerJob.queue(queues, timer.caseId, timer.fireAt!, now);
    try {
      const existing = await queues.timers.getJob(jobId);
      const state = existing ? await existing.getState() : 'unknown';
      if (!existing || state === 'unknown') {
        await add();
        enqueued += 1;
      } else if (state === 'failed') {
        await existing.retry();
        retried += 1;
      } else if (state === 'completed' || (existing.data as { fireAt?: string }).fireAt !== fireAt) {
        // Completed while the timer is still pending (run before its moment, or its case was
        // busy), or a job left from another database with the same id: replace it.
        await existing.remove();
        await add();
        enqueued += 1;
      } else if (state === 'delayed' && existing.timestamp + existing.delay - Date.now() > dueInMs + 1_000) {
        // Queued to run later than the timer is now due: its delay was reckoned on an earlier
        // clock (one that stepped, or a round cut off by a Redis restart and replayed later).
        await existing.changeDelay(dueInMs);
        advanced += 1;
      }
    } catch (error) {
      // One timer's trouble does not stop the round; the next round tries it again.
      console.error(`reconciler: case ${timer.caseId}:`, error instanceof Error ? error.message : error);
    }
  }
  return { enqueued, retried, advanced };
}
