// The API process's session cache (src/services/session-cache.ts) as two API processes on one
// PostgreSQL meet it: a session read once is not read again for a few seconds, and a logout on
// one process stops the token on the other at once, told over Redis pub/sub
// (src/jobs/session-revocations.ts); without that word, no later than the cache's few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { openPostgres } from '../../db/client.js';
import { sessionRevocations, type SessionRevocations } from '../../src/jobs/session-revocations.js';
import { SessionCache } from '../../src/services/session-cache.js';
import { makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { createPostgresDatabase } from '../helpers/test-database.js';
import { ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';
import { waitFor } from '../helpers/wait.js';

const ttlMs = 10_000;

describe('session cache across API processes (postgres)', () => {
  let a: Harness;
  let b: Harness;
  let publisher: Redis;
  const revocations: SessionRevocations[] = [];
  let sessionReads = 0;
  let reviewer: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Two processes: two connection pools on one database.
    const database = await createPostgresDatabase();
    dropDatabase = database.drop;
    a = await startHarness('postgres', undefined, 'national', await openPostgres(database.url, { max: 5 }));
    const seen = await openPostgres(database.url, {
      max: 5,
      logQuery: (query) => {
        if (/from "sessions"/.test(query)) sessionReads += 1;
      },
    });
    b = await startHarness('postgres', undefined, 'national', seen);
    publisher = new Redis(testRedisUrl);
    const prefix = ownQueuePrefix('sessions');
    for (const h of [a, b]) {
      const r = await sessionRevocations(testRedisUrl, prefix, ttlMs, publisher);
      revocations.push(r);
      h.services.sessionCache = r.cache;
    }
    reviewer = (await makeUser(a.database.db, 'reviewer')).username;
  });
  afterAll(async () => {
    for (const r of revocations) await r.close();
    publisher.disconnect();
    await b.close();
    await a.close();
    await dropDatabase();
  });

  it('reads a session once, then answers from the cache until the logout, which the other process hears at once', async () => {
    const token = await a.login(reviewer);
    sessionReads = 0;
    for (let i = 0; i < 5; i += 1) expect((await b.call('GET', '/api/v1/cases', { token })).status).toBe(200);
    expect(sessionReads).toBe(1);

    expect((await a.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    await waitFor(
      'the logout heard by the other process',
      async () => (await b.call('GET', '/api/v1/cases', { token })).status === 401,
      2_000,
    );
    expect((await a.call('GET', '/api/v1/cases', { token })).status).toBe(401);
  });

  it('without the word from the other process, stops a logged-out token once its cached read is older than the cache allows', async () => {
    const token = await a.login(reviewer);
    b.services.sessionCache = new SessionCache(ttlMs);
    expect((await b.call('GET', '/api/v1/cases', { token })).status).toBe(200);
    await a.call('POST', '/api/v1/auth/logout', { token });
    // Not told: the cached read still stands within its seconds…
    expect((await b.call('GET', '/api/v1/cases', { token })).status).toBe(200);
    // …and not after them.
    b.clock.set(new Date(b.services.now().getTime() + ttlMs + 1));
    expect((await b.call('GET', '/api/v1/cases', { token })).status).toBe(401);
  });
});
