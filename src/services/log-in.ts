// Logging in and out, and turning a bearer token or session cookie back into an actor.
// Tokens are random; only their sha256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, min } from 'drizzle-orm';
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
 * Throttling: after 10 failures for an account, or 50 from one address, within 15 minutes,
 * logins are refused until the oldest of them is 15 minutes old. A short window, so a guesser
 * is slowed to a crawl while the real owner waits minutes, not days.
 */
export const loginThrottle = { windowMs: 15 * 60_000, perAccount: 10, perAddress: 50 };

export async function logIn(ctx: ServiceContext, username: string, password: string, address = 'unknown'): Promise<LoggedIn> {
  // A name PostgreSQL cannot hold (a NUL in it) is nobody's: the failure is still counted, under
  // the name without it, so such a guess is throttled like any other.
  const storable = !unstorable.test(username);
  const account = username.replace(/\u0000/g, '').trim().toLowerCase();
  const now = ctx.now();
  const since = new Date(now.getTime() - loginThrottle.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    ctx.db.select({ n: count(), oldest: min(loginFailures.at) }).from(loginFailures).where(and(eq(loginFailures.username, account), gt(loginFailures.at, since))),
    ctx.db.select({ n: count(), oldest: min(loginFailures.at) }).from(loginFailures).where(and(eq(loginFailures.address, address), gt(loginFailures.at, since))),
  ]);
  const blocked = (byAccount[0]?.n ?? 0) >= loginThrottle.perAccount ? byAccount[0] : (byAddress[0]?.n ?? 0) >= loginThrottle.perAddress ? byAddress[0] : null;
  if (blocked?.oldest) {
    const retryAfterSeconds = Math.max(1, Math.ceil((blocked.oldest.getTime() + loginThrottle.windowMs - now.getTime()) / 1000));
    throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds });
  }
  const [user] = storable ? await ctx.db.select().from(users).where(eq(users.username, username)) : [];
  const valid = await verifyPassword(password, user?.passwordHash ?? passwordHashForTiming);
  if (!user || !valid) {
    await ctx.db.insert(loginFailures).values({ username: account, address, at: now });
    throw new DomainError('UNAUTHENTICATED', 'The username or password is wrong.');
  }
  // The owner is back: their account's failures no longer count against them.
  await ctx.db.delete(loginFailures).where(eq(loginFailures.username, account));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionTtlHours * 3_600_000);
  await ctx.db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, expiresAt, actor: actorOf(user) };
}

export async function logOut(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** The CSRF token of a session: derived from its secret token, so it needs no storage. */
export function csrfTokenOf(token: string): string {
  return createHash('sha256').update(`csrf:${token}`).digest('base64url');
}

export async function authenticate(ctx: ServiceContext, token: string): Promise<Actor | null> {
  const [row] = await ctx.db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, ctx.now())));
  return row ? actorOf(row.user) : null;
}

/** The actor a user account acts as. */
export function actorOf(user: typeof users.$inferSelect): Actor {
  return { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, subjectId: user.subjectId, agencyId: user.agencyId };
}
