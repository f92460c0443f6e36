// The BullMQ queues xiufu runs its background work on, over one Redis (REDIS_URL: a plain
// address, or a Sentinel-watched master for more than one machine). The database is the truth
// for every timer and outbox row; these queues only execute them.
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sentinelOptionsOf } from '../config/redis-address.js';

export const queueNames = { timers: 'case-timers', outbox: 'outbox', maintenance: 'maintenance' } as const;

export interface JobQueues {
  connection: Redis;
  prefix: string;
  timers: Queue;
  outbox: Queue;
  maintenance: Queue;
  all: Queue[];
  close(): Promise<void>;
}

/** A Redis connection as BullMQ wants it (workers block, so no retry limit per request). */
export function redisConnection(url: string): Redis {
  const options = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };
  const sentinel = sentinelOptionsOf(url);
  if (!sentinel) return new Redis(url, options);
  // After a failover the old master answers writes with READONLY until the sentinels' word
  // (+switch-master, which failoverDetector listens for) moves the connection to the new one.
  // 2: reconnect and send the refused command again.
  return new Redis({
    ...options,
    ...sentinel,
    failoverDetector: true,
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
  });
}

/**
 * Whether Redis answers within `timeoutMs`. A connection that is not ready gets that long to
 * become ready (a process just started), and no command is sent before: with
 * maxRetriesPerRequest null, ioredis would keep it in its offline queue for the whole outage.
 */
export async function redisAnswers(connection: Redis, timeoutMs = 500): Promise<boolean> {
  const started = performance.now();
  if (connection.status !== 'ready') {
    if (connection.status === 'end') return false;
    // Rejects on the connection's next error too (an outage): no answer, at once.
    const ready = await once(connection, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).then(
      () => true,
      () => false,
    );
    if (!ready) return false;
  }
  return (await withinMs(connection.ping(), Math.max(1, timeoutMs - (performance.now() - started)))) === 'PONG';
}

/** The work's result, or undefined when it has not settled within `timeoutMs` (or failed). */
export async function withinMs<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export function openJobQueues(redisUrl: string, prefix = 'xiufu'): JobQueues {
  const connection = redisConnection(redisUrl);
  const make = (name: string) =>
    new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    });
  const timers = make(queueNames.timers);
  const outbox = make(queueNames.outbox);
  const maintenance = make(queueNames.maintenance);
  const all = [timers, outbox, maintenance];
  // While Redis is away each queue reports every reconnection attempt (a stack trace each,
  // with no listener): say it once per outage instead.
  let reported = false;
  connection.on('ready', () => (reported = false));
  for (const queue of all) {
    queue.on('error', (error) => {
      if (reported) return;
      reported = true;
      console.error(
        `xiufu: the job queues' Redis does not answer (${error.message}); retrying, and the database keeps every deadline meanwhile`,
      );
    });
  }
  return {
    connection,
    prefix,
    timers,
    outbox,
    maintenance,
    all,
    close: async () => {
      await Promise.all(all.map((q) => q.close()));
      connection.disconnect();
    },
  };
}
