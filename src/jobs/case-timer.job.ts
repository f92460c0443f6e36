// Job: fire a case's due timers (a warning point or a deadline). Idempotent: the handler reads
// what is due from the case's clocks under the case's row lock, and recording it marks it done,
// so a job delivered twice changes a case once. Where the case's next timer comes within the
// reconciler's horizon (a warning fired, its deadline near), its job is queued at once rather
// than at the reconciler's next round.
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { ServiceContext } from '../services/context.js';
import { fireCaseTimersAndLookAhead, type TimerOutcome } from '../services/fire-case-timers.js';
import type { JobQueues } from './queues.js';

const casePayload = z.object({ caseId: z.string().uuid(), fireAt: z.string() });
/** A job an earlier release queued for a row of its timers table, which no longer exists. */
const timerRowPayload = z.object({ timerId: z.number().int().positive() });

/** Timers further out than this are queued by the reconciler's rounds (reconcile-timers.job.ts). */
export const timerHorizonMs = 60 * 60_000;

export const caseTimerJob = {
  name: 'fire-case-timer',
  payload: z.union([casePayload, timerRowPayload]),
  /**
   * One job per case and moment: a clock that moves gets a job of its own, and the one left for
   * the old moment finds nothing due. BullMQ refuses a custom id with ":" (its key separator).
   */
  jobId: (caseId: string, fireAt: Date) => `case-${caseId}-${fireAt.getTime()}`,
  /** Queues the job for a case's timer moment (adding the same one twice is harmless). */
  queue: (queues: Pick<JobQueues, 'timers'>, caseId: string, fireAt: Date, now: Date) =>
    queues.timers.add(
      caseTimerJob.name,
      { caseId, fireAt: fireAt.toISOString() },
      { jobId: caseTimerJob.jobId(caseId, fireAt), delay: Math.max(0, fireAt.getTime() - now.getTime()) },
    ),
  handle:
    (ctx: ServiceContext, queues?: Pick<JobQueues, 'timers'>) =>
    async (job: Job): Promise<TimerOutcome> => {
      const payload = caseTimerJob.payload.parse(job.data);
      // The reconciler queues that timer again from its case's clocks under the new id.
      if ('timerId' in payload) return 'already-done';
      const { outcome, nextTimerAt } = await fireCaseTimersAndLookAhead(ctx, payload.caseId);
      const now = ctx.now();
      if (queues && nextTimerAt && outcome !== 'not-due' && nextTimerAt.getTime() - now.getTime() <= timerHorizonMs)
        await caseTimerJob.queue(queues, payload.caseId, nextTimerAt, now);
      return outcome;
    },
};
