// How xiufu finds Redis: REDIS_URL, else a server on the default port, else a private
// redis-server under the data directory (stopped with xiufu), else a clear message.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRedis, RedisUnavailableError } from '../../src/jobs/ensure-redis.js';

describe('finding Redis', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'xiufu-redis-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('uses REDIS_URL as given', async () => {
    const handle = await ensureRedis({ redisUrl: 'redis://10.0.0.9:6380', dataDir });
    expect(handle).toMatchObject({ url: 'redis://10.0.0.9:6380', description: 'Redis from REDIS_URL' });
  });

  it('uses a server on the default port when one answers', async () => {
    const handle = await ensureRedis({ redisUrl: undefined, dataDir });
    expect(handle.url).toBe('redis://127.0.0.1:6379');
  });

  it('starts a private redis-server when nothing answers, and stops it', async () => {
    // Port 1 never answers here: the same path as a machine with no Redis running.
    const handle = await ensureRedis({ redisUrl: undefined, dataDir, defaultPort: 1 });
    expect(handle.description).toMatch(/private redis-server/);
    const client = new Redis(handle.url);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    expect((await stat(path.join(dataDir, 'redis'))).isDirectory()).toBe(true);
    await handle.stop();
    const gone = new Redis(handle.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    gone.on('error', () => {});
    await expect(gone.connect()).rejects.toThrow();
    gone.disconnect();
  });

  it('says how to get Redis when there is none', async () => {
    const error = await ensureRedis({
      redisUrl: undefined,
      dataDir,
      defaultPort: 1,
      redisServer: '/nonexistent/redis-server',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/apt-get install redis-server.*REDIS_URL/);
  });
});
