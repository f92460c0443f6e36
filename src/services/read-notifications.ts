// A citizen's in-app notifications (written by the case engine's notifySubject effect).
import { and, count, desc, eq, isNull, or } from 'drizzle-orm';
import { cases, notifications } from '../../db/schema.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';

/**
 * A citizen's notifications are their subject's, and those of the cases they filed for someone
 * else (addressed to their account); a staff member's are their own.
 */
function mine(actor: Actor) {
  return actor.subjectId
    ? or(eq(notifications.subjectId, actor.subjectId), eq(notifications.userId, actor.userId))
    : eq(notifications.userId, actor.userId);
}

export async function listNotifications(ctx: ServiceContext, actor: Actor) {
  const rows = await ctx.db
    .select({ notification: notifications, caseType: cases.type })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(mine(actor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(100);
  return rows.map((row) => ({ ...row.notification, caseType: row.caseType }));
}

export async function countUnreadNotifications(ctx: ServiceContext, actor: Actor): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markNotificationsRead(ctx: ServiceContext, actor: Actor): Promise<void> {
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(mine(actor), isNull(notifications.readAt)));
}
