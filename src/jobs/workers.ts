// The job workers: case timers, the outbox relay and maintenance (the reconciler, the SLA
// figures, the daily display-period sweep, audit anchor and case_events partitions), each a BullMQ Worker; the repeating jobs are job schedulers, so
// several worker processes share them without running any twice at once.
import { Worker, type Job } from 'bullmq';
import type { ServiceContext } from '../services/context.js';
import { relayOutbox, type RelayOptions } from '../services/relay-outbox.js';
import { sweepDisplayPeriods } from '../services/sweep-display-periods.js';
import { takeAuditAnchor } from '../services/audit-anchors.js';
import { keepSlaFiguresFresh, slaFiguresJob } from '../services/read-sla-summary.js';
import { caseEventPartitionsJob, makeCaseEventPartitions } from '../services/case-event-partitions.js';
import { caseTimerJob } from './case-timer.job.js';
import { queueNames, redisConnection, type JobQueues } from './queues.js';
import { reconcileTimers, reconcileTimersJob } from './reconcile-timers.job.js';

export const outboxRelayJob = { name: 'relay-outbox', everyMs: 5_000 };
export const displaySweepJob = { name: 'sweep-display-periods', cron: '5 0 * * *', timezone: 'Asia/Shanghai' };
export const auditAnchorJob = { name: 'anchor-audit-chains', cron: '10 0 * * *', timezone: 'Asia/Shanghai' };

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export async function scheduleRepeatingJobs(queues: JobQueues): Promise<void> {
  await queues.outbox.upsertJobScheduler(outboxRelayJob.name, { every: outboxRelayJob.everyMs }, { name: outboxRelayJob.name });
  await queues.maintenance.upsertJobScheduler(reconcileTimersJob.name, { every: reconcileTimersJob.everyMs }, { name: reconcileTimersJob.name });
  await queues.maintenance.upsertJobScheduler(displaySweepJob.name, { pattern: displaySweepJob.cron, tz: displaySweepJob.timezone }, { name: displaySweepJob.name });
  await queues.maintenance.upsertJobScheduler(caseEventPartitionsJob.name, { pattern: caseEventPartitionsJob.cron, tz: caseEventPartitionsJob.timezone }, { name: caseEventPartitionsJob.name });
  await queues.maintenance.upsertJobScheduler(slaFiguresJob.name, { every: slaFiguresJob.everyMs }, { name: slaFiguresJob.name });
  await queues.maintenance.upsertJobScheduler(auditAnchorJob.name, { pattern: auditAnchorJob.cron, tz: auditAnchorJob.timezone }, { name: auditAnchorJob.name });
}

/**
 * What a worker process (role worker or all) runs: the repeating jobs scheduled, one
 * reconciler round at once (timers due while no worker ran fire now), and the workers.
 */
export async function runJobWorkers(ctx: ServiceContext, queues: JobQueues, redisUrl: string, options: { concurrency?: number; relay?: RelayOptions } = {}): Promise<RunningWorkers> {
  await scheduleRepeatingJobs(queues);
  await reconcileTimers(ctx, queues);
  return startWorkers(ctx, queues, redisUrl, options);
}

export function startWorkers(ctx: ServiceContext, queues: JobQueues, redisUrl: string, options: { concurrency?: number; relay?: RelayOptions } = {}): RunningWorkers {
  const connection = redisConnection(redisUrl);
  const opts = { connection, prefix: queues.prefix, concurrency: options.concurrency ?? 4 };
  const maintenance = async (job: Job) => {
    switch (job.name) {
      case reconcileTimersJob.name:
        return reconcileTimers(ctx, queues);
      case displaySweepJob.name:
        return sweepDisplayPeriods(ctx);
      case auditAnchorJob.name:
        return takeAuditAnchor(ctx);
      case caseEventPartitionsJob.name:
        return makeCaseEventPartitions(ctx.db, ctx.now());
      case slaFiguresJob.name:
        return keepSlaFiguresFresh(ctx);
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
  const workers = [
    new Worker(queueNames.timers, caseTimerJob.handle(ctx), opts),
    new Worker(queueNames.outbox, () => relayOutbox(ctx, options.relay), { ...opts, concurrency: 1 }),
    new Worker(queueNames.maintenance, maintenance, { ...opts, concurrency: 1 }),
  ];
  for (const worker of workers) worker.on('error', (error) => console.error(`worker ${worker.name}:`, error.message));
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
