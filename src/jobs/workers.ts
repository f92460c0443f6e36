// The job workers: case timers, the outbox relay and maintenance (the reconciler, the SLA
// figures, the daily display-period sweep, audit anchor and case_events partitions), each a BullMQ Worker; the repeating jobs are job schedulers, so
// several worker processes share them without running any twice at once, and each worker
// process puts them back whenever Redis has lost them.
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

type RepeatingJob = {
  queue: 'outbox' | 'maintenance';
  name: string;
  repeat: { every: number } | { pattern: string; tz: string };
};

const repeatingJobs: RepeatingJob[] = [
  { queue: 'outbox', name: outboxRelayJob.name, repeat: { every: outboxRelayJob.everyMs } },
  { queue: 'maintenance', name: reconcileTimersJob.name, repeat: { every: reconcileTimersJob.everyMs } },
  {
    queue: 'maintenance',
    name: displaySweepJob.name,
    repeat: { pattern: displaySweepJob.cron, tz: displaySweepJob.timezone },
  },
  {
    queue: 'maintenance',
    name: caseEventPartitionsJob.name,
    repeat: { pattern: caseEventPartitionsJob.cron, tz: caseEventPartitionsJob.timezone },
  },
  { queue: 'maintenance', name: slaFiguresJob.name, repeat: { every: slaFiguresJob.everyMs } },
  {
    queue: 'maintenance',
    name: auditAnchorJob.name,
    repeat: { pattern: auditAnchorJob.cron, tz: auditAnchorJob.timezone },
  },
];

/** Every repeating job's scheduler as this version defines it (at start, so a changed interval or time takes effect). */
export async function scheduleRepeatingJobs(queues: JobQueues): Promise<void> {
  for (const job of repeatingJobs) await queues[job.queue].upsertJobScheduler(job.name, job.repeat, { name: job.name });
}

/**
 * Puts back the schedulers Redis no longer has (it restarted empty, or was flushed) and names
 * them. Those still there are left alone: upserting one would move its next run.
 */
export async function restoreRepeatingJobs(queues: JobQueues): Promise<string[]> {
  const restored: string[] = [];
  for (const job of repeatingJobs) {
    if (await queues[job.queue].getJobScheduler(job.name)) continue;
    await queues[job.queue].upsertJobScheduler(job.name, job.repeat, { name: job.name });
    restored.push(job.name);
  }
  return restored;
}

/** How often a worker process checks that its repeating jobs still exist, beside every reconnection. */
export const scheduleCheckEveryMs = 60_000;

/**
 * Keeps the repeating jobs in Redis while the process runs: on every (re)connection (ioredis
 * says 'ready') and every `everyMs` (a FLUSHALL drops them without a reconnection). Without
 * this, a Redis restarted empty lost the reconciler, and with it every queued deadline, until
 * xiufu itself restarted. A restored reconciler runs at once (an `every` scheduler starts with
 * a run) and queues the due timers again from the database.
 */
export function keepRepeatingJobs(queues: JobQueues, everyMs = scheduleCheckEveryMs): { stop(): void } {
  let checking = false;
  const check = () => {
    // One check at a time; while Redis is away, the reconnection's 'ready' checks.
    if (checking || queues.connection.status !== 'ready') return;
    checking = true;
    restoreRepeatingJobs(queues)
      .then((restored) => {
        if (restored.length > 0)
          console.warn(
            `xiufu: Redis had lost the repeating jobs ${restored.join(', ')} (restarted empty or flushed); scheduled them again`,
          );
      })
      .catch((error: unknown) =>
        console.error('xiufu: could not check the repeating jobs:', error instanceof Error ? error.message : error),
      )
      .finally(() => {
        checking = false;
      });
  };
  queues.connection.on('ready', check);
  const interval = setInterval(check, everyMs);
  interval.unref();
  return {
    stop: () => {
      clearInterval(interval);
      queues.connection.off('ready', check);
    },
  };
}

/**
 * What a worker process (role worker or all) runs: the repeating jobs scheduled and kept, one
 * reconciler round at once (timers due while no worker ran fire now), and the workers. An
 * api-only process runs no workers, so it leaves the schedules to the processes that do.
 */
export async function runJobWorkers(
  ctx: ServiceContext,
  queues: JobQueues,
  redisUrl: string,
  options: { concurrency?: number; relay?: RelayOptions; scheduleCheckEveryMs?: number } = {},
): Promise<RunningWorkers> {
  await scheduleRepeatingJobs(queues);
  await reconcileTimers(ctx, queues);
  const workers = startWorkers(ctx, queues, redisUrl, options);
  const keeper = keepRepeatingJobs(queues, options.scheduleCheckEveryMs);
  return {
    workers: workers.workers,
    close: async () => {
      keeper.stop();
      await workers.close();
    },
  };
}

export function startWorkers(
  ctx: ServiceContext,
  queues: JobQueues,
  redisUrl: string,
  options: { concurrency?: number; relay?: RelayOptions } = {},
): RunningWorkers {
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
    new Worker(queueNames.timers, caseTimerJob.handle(ctx, queues), opts),
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
