// The session cache's own rules: an entry ends with its session or after the cache's seconds,
// whichever is sooner; a logout here is announced; the cache does not grow without bound.
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/services/session-cache.js';
import type { Actor } from '../../src/domain/roles.js';

const actor: Actor = {
  userId: 'u1',
  username: 'reviewer',
  displayName: 'Reviewer',
  role: 'reviewer',
  subjectId: null,
  agencyId: null,
};

describe('SessionCache', () => {
  it('keeps a read for its seconds, and never past the session’s own end', () => {
    const cache = new SessionCache(10_000);
    cache.remember('a', actor, new Date(1_000_000 + 60_000), 1_000_000);
    expect(cache.actorOf('a', 1_009_999)).toEqual(actor);
    expect(cache.actorOf('a', 1_010_000)).toBeUndefined();
    cache.remember('b', actor, new Date(1_000_000 + 3_000), 1_000_000);
    expect(cache.actorOf('b', 1_002_999)).toEqual(actor);
    expect(cache.actorOf('b', 1_003_000)).toBeUndefined();
  });

  it('forgets a revoked session and announces it; forgets one another process revoked without announcing', () => {
    const announced: string[] = [];
    const cache = new SessionCache(10_000, (hash) => announced.push(hash));
    cache.remember('a', actor, new Date(2_000_000), 1_000_000);
    cache.remember('b', actor, new Date(2_000_000), 1_000_000);
    cache.revoke('a');
    cache.forget('b');
    expect(cache.actorOf('a', 1_000_001)).toBeUndefined();
    expect(cache.actorOf('b', 1_000_001)).toBeUndefined();
    expect(announced).toEqual(['a']);
  });

  it('keeps nothing when its seconds are 0, and at most 20,000 sessions, the oldest read going first', () => {
    const off = new SessionCache(0);
    off.remember('a', actor, new Date(2_000_000), 1_000_000);
    expect(off.actorOf('a', 1_000_000)).toBeUndefined();
    const cache = new SessionCache(10_000);
    for (let i = 0; i <= 20_000; i += 1) cache.remember(`t${i}`, actor, new Date(2_000_000), 1_000_000);
    expect(cache.actorOf('t0', 1_000_001)).toBeUndefined();
    expect(cache.actorOf('t1', 1_000_001)).toEqual(actor);
    expect(cache.actorOf('t20000', 1_000_001)).toEqual(actor);
  });
});
