// The Redis the tests share (XIUFU_TEST_REDIS_URL, else the default server), and queue prefixes
// of a test's own on it: two files, or two whole runs at once, never see, count or empty each
// other's jobs, so no test needs a Redis database number of its own or a FLUSHDB.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const testRedisUrl = process.env.XIUFU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A BullMQ prefix no other test and no other run uses. */
export function ownQueuePrefix(label: string): string {
  return `${label}-${randomUUID()}`;
}

/** Empties Redis as far as the queues under `prefix` can tell: a FLUSHDB that spares everyone else. */
export async function emptyQueuePrefix(redisUrl: string, prefix: string): Promise<number> {
  const admin = new Redis(redisUrl);
  let removed = 0;
  try {
    for await (const keys of admin.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) removed += await admin.unlink(...keys);
    }
  } finally {
    admin.disconnect();
  }
  return removed;
}
