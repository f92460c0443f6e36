// Logouts told to every API process over Redis pub/sub, so a token logged out on one process
// stops working on the others at once rather than when their session cache lets it go
// (src/services/session-cache.ts). Redis only speeds this up: the cache's few seconds bound how
// long a missed announcement matters.
import type { Redis } from 'ioredis';
import { SessionCache } from '../services/session-cache.js';
import { redisConnection } from './queues.js';

export interface SessionRevocations {
  cache: SessionCache;
  close(): Promise<void>;
}

export async function sessionRevocations(
  redisUrl: string,
  prefix: string,
  ttlMs: number,
  /** The connection logouts are published on (the queues' own). */
  publisher: Redis,
): Promise<SessionRevocations> {
  const channel = `${prefix}:sessions:revoked`;
  const cache = new SessionCache(ttlMs, (tokenHash) => {
    publisher.publish(channel, tokenHash).catch((error: unknown) => {
      console.error('xiufu: announcing a logout to the other processes failed:', (error as Error).message);
    });
  });
  // A connection in subscriber mode can do nothing else, hence one of its own.
  const subscriber = redisConnection(redisUrl);
  subscriber.on('message', (from: string, tokenHash: string) => {
    if (from === channel) cache.forget(tokenHash);
  });
  // ioredis subscribes again by itself after a reconnection.
  subscriber.on('error', () => undefined);
  await subscriber.subscribe(channel);
  return {
    cache,
    close: async () => {
      subscriber.disconnect();
    },
  };
}
