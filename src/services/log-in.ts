// Logging in and out, and turning a bearer token or session cookie back into an actor.
// Tokens are random; only their sha256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, max, min, type SQL } from 'drizzle-orm';
import { loginFailures, sessions, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { unstorable } from '../domain/text.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { passwordHashForTiming, verifyPassword } from './passwords.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoggedIn {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * Throttling, in three parts (docs/SECURITY.md says what each stops and what is left):
 * - a pair of account and address with 10 failures in 15 minutes is refused until the oldest of
 *   them is 15 minutes old: one guesser at one account;
 * - an address with 50 failures in 15 minutes is refused the same way: one guesser at many accounts;
 * - an account with 10 or more failures in 24 hours, from all addresses together, delays each
 *   further attempt progressively: 1 s after its latest failure once there are 10, doubling with
 *   each one, at most 5 minutes. The delay binds only addresses that have failed at this account
 *   themselves, so the owner at an address of their own is never held back by a guesser
 *   elsewhere. And an address never waits longer than 5 minutes after its own latest failure,
 *   doubling with each of its own failures up to an hour: otherwise a guesser who takes every
 *   slot the account's delay opens (Retry-After tells it when) would keep an owner who mistyped
 *   out for as long as it kept guessing.
 * A refused attempt is not a failure: the password is not checked and nothing is stored.
 */
export const loginThrottle = {
  windowMs: 15 * 60_000,
  perPair: 10,
  perAddress: 50,
  accountWindowMs: 24 * 3_600_000,
  accountDelayAfter: 10,
  firstDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxOwnWaitMs: 60 * 60_000,
};

/** The progressive delay after an account's nth failure from all addresses (0 below the threshold). */
export function accountDelayMsAfter(failures: number): number {
  if (failures < loginThrottle.accountDelayAfter) return 0;
  return Math.min(
    loginThrottle.maxDelayMs,
    loginThrottle.firstDelayMs * 2 ** (failures - loginThrottle.accountDelayAfter),
  );
}

/** The longest an address waits after its own pth failure at an account, whatever the account's delay. */
export function ownWaitMsAfter(failures: number): number {
  return Math.min(loginThrottle.maxOwnWaitMs, loginThrottle.maxDelayMs * 2 ** Math.max(0, failures - 1));
}

/** When this account may next be tried from this address: null when now. */
async function nextAllowedAttempt(
  ctx: ServiceContext,
  account: string,
  address: string,
  now: Date,
): Promise<Date | null> {
  const since = new Date(now.getTime() - loginThrottle.windowMs);
  const accountSince = new Date(now.getTime() - loginThrottle.accountWindowMs);
  const failuresWhere = (...conditions: SQL[]) =>
    ctx.db
      .select({ n: count(), oldest: min(loginFailures.at), latest: max(loginFailures.at) })
      .from(loginFailures)
      .where(and(...conditions));
  const [[pair], [recentPair], [byAddress], [byAccount]] = await Promise.all([
    failuresWhere(
      eq(loginFailures.username, account),
      eq(loginFailures.address, address),
      gt(loginFailures.at, accountSince),
    ),
    failuresWhere(eq(loginFailures.username, account), eq(loginFailures.address, address), gt(loginFailures.at, since)),
    failuresWhere(eq(loginFailures.address, address), gt(loginFailures.at, since)),
    failuresWhere(eq(loginFailures.username, account), gt(loginFailures.at, accountSince)),
  ]);
  const moments: number[] = [];
  if (recentPair && recentPair.n >= loginThrottle.perPair && recentPair.oldest)
    moments.push(recentPair.oldest.getTime() + loginThrottle.windowMs);
  if (byAddress && byAddress.n >= loginThrottle.perAddress && byAddress.oldest)
    moments.push(byAddress.oldest.getTime() + loginThrottle.windowMs);
  const delay = accountDelayMsAfter(byAccount?.n ?? 0);
  if (delay > 0 && pair?.latest && byAccount?.latest)
    moments.push(Math.min(byAccount.latest.getTime() + delay, pair.latest.getTime() + ownWaitMsAfter(pair.n)));
  const next = Math.max(...moments.filter((moment) => moment > now.getTime()));
  return Number.isFinite(next) ? new Date(next) : null;
}

export async function logIn(
  ctx: ServiceContext,
  username: string,
  password: string,
  address = 'unknown',
): Promise<LoggedIn> {
  // A name PostgreSQL cannot hold (a NUL in it) is nobody's: the failure is still counted, under
  // the name without it, so such a guess is throttled like any other.
  const storable = !unstorable.test(username);
  const account = username
    .replace(/\u0000/g, '')
    .trim()
    .toLowerCase();
  const now = ctx.now();
  const nextAllowed = await nextAllowedAttempt(ctx, account, address, now);
  if (nextAllowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((nextAllowed.getTime() - now.getTime()) / 1000));
    const wait =
      retryAfterSeconds < 60 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
    throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${wait}.`, { retryAfterSeconds });
  }
  const [user] = storable ? await ctx.db.select().from(users).where(eq(users.username, username)) : [];
  const valid = await verifyPassword(password, user?.passwordHash ?? passwordHashForTiming);
  if (!user || !valid) {
    await ctx.db.insert(loginFailures).values({ username: account, address, at: now });
    throw new DomainError('UNAUTHENTICATED', 'The username or password is wrong.');
  }
  // The owner is back at this address: its failures no longer count against it. Failures from
  // elsewhere stay, so a guesser's delay does not start over when the owner logs in.
  await ctx.db
    .delete(loginFailures)
    .where(and(eq(loginFailures.username, account), eq(loginFailures.address, address)));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionTtlHours * 3_600_000);
  await ctx.db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, expiresAt, actor: actorOf(user) };
}

export async function logOut(ctx: ServiceContext, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  ctx.sessionCache?.revoke(tokenHash);
}

/** The CSRF token of a session: derived from its secret token, so it needs no storage. */
export function csrfTokenOf(token: string): string {
  return createHash('sha256').update(`csrf:${token}`).digest('base64url');
}

export async function authenticate(ctx: ServiceContext, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const now = ctx.now();
  const cached = ctx.sessionCache?.actorOf(tokenHash, now.getTime());
  if (cached) return cached;
  const [row] = await ctx.db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!row) return null;
  const actor = actorOf(row.user);
  ctx.sessionCache?.remember(tokenHash, actor, row.expiresAt, now.getTime());
  return actor;
}

/** The actor a user account acts as. */
export function actorOf(user: typeof users.$inferSelect): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    subjectId: user.subjectId,
    agencyId: user.agencyId,
  };
}
