// Job: fire one case timer (a warning point or a deadline). Idempotent: the handler claims the
// timer row in the database, so a job delivered twice changes a case once.
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { ServiceContext } from '../services/context.js';
import { fireCaseTimer } from '../services/fire-case-timer.js';

export const caseTimerJob = {
  name: 'fire-case-timer',
  payload: z.object({ timerId: z.number().int().positive(), fireAt: z.string().optional() }),
  /** BullMQ refuses a custom job id that contains ":" (its key separator), hence the dash. */
  jobId: (timerId: number) => `timer-${timerId}`,
  handle: (ctx: ServiceContext) => async (job: Job) => fireCaseTimer(ctx, caseTimerJob.payload.parse(job.data).timerId),
};
