// Logging in and out, and turning a bearer token or session cookie back into an actor.
// Tokens are random; only their sha256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { sessions, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { passwordHashForTiming, verifyPassword } from './passwords.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoggedIn {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

export async function logIn(ctx: ServiceContext, username: string, password: string): Promise<LoggedIn> {
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const valid = await verifyPassword(password, user?.passwordHash ?? passwordHashForTiming);
  if (!user || !valid) throw new DomainError('UNAUTHENTICATED', 'The username or password is wrong.');
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
