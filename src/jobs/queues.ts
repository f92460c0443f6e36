// The BullMQ queues xiufu runs its background work on, over one Redis (REDIS_URL: a plain
// address, or a Sentinel-watched master for more than one machine). The database is the truth
// for every timer and outbox row; these queues only execute them.
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
  return new Redis({ ...options, ...sentinel, failoverDetector: true, reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false) });
}


export function openJobQueues(redisUrl: string, prefix = 'xiufu'): JobQueues {
  const connection = redisConnection(redisUrl);
  const make = (name: string) => new Queue(name, { connection, prefix, defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: 1_000, removeOnFail: 5_000 } });
  const timers = make(queueNames.timers);
  const outbox = make(queueNames.outbox);
  const maintenance = make(queueNames.maintenance);
  const all = [timers, outbox, maintenance];
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
