// Sessions as this API process last read them, kept for a few seconds, so a request does not
// read the sessions table each time (issue 17: the look-up was one of every event's statements).
// An entry lives until the sooner of its session's expiry and `ttlMs` after it was read. Logging
// out forgets the token here at once and announces it to the other API processes (Redis
// pub/sub, src/jobs/session-revocations.ts), which forget it as the announcement arrives; an
// announcement that does not arrive (Redis away) leaves a logged-out token usable on another
// process for at most `ttlMs` (SECURITY.md). Accounts are never changed after creation, so the
// actor read with a session stays true for the session's life.
import type { Actor } from '../domain/roles.js';

/** Bounded, so a flood of distinct tokens cannot grow the process. */
const maxEntries = 20_000;

export class SessionCache {
  private readonly entries = new Map<string, { actor: Actor; untilMs: number }>();

  constructor(
    readonly ttlMs: number,
    /** Tells the other processes (the local entry is already gone when it is called). */
    private readonly announce: (tokenHash: string) => void = () => undefined,
  ) {}

  actorOf(tokenHash: string, nowMs: number): Actor | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.untilMs > nowMs) return entry.actor;
    this.entries.delete(tokenHash);
    return undefined;
  }

  remember(tokenHash: string, actor: Actor, sessionExpiresAt: Date, nowMs: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= maxEntries) {
      // The oldest read goes first (a Map keeps insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { actor, untilMs: Math.min(sessionExpiresAt.getTime(), nowMs + this.ttlMs) });
  }

  /** Another process logged the session out. */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** This process logged the session out. */
  revoke(tokenHash: string): void {
    this.entries.delete(tokenHash);
    this.announce(tokenHash);
  }
}
