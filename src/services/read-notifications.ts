// A citizen's in-app notifications (written by the case engine's notifySubject effect).
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { cases, notifications } from '../../db/schema.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';

export async function listNotifications(ctx: ServiceContext, actor: Actor) {
  if (!actor.subjectId) return [];
  const rows = await ctx.db
    .select({ notification: notifications, caseType: cases.type })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(notifications.subjectId, actor.subjectId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(100);
  return rows.map((row) => ({ ...row.notification, caseType: row.caseType }));
}

export async function countUnreadNotifications(ctx: ServiceContext, actor: Actor): Promise<number> {
  if (!actor.subjectId) return 0;
  const [row] = await ctx.db.select({ n: count() }).from(notifications).where(and(eq(notifications.subjectId, actor.subjectId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markNotificationsRead(ctx: ServiceContext, actor: Actor): Promise<void> {
  if (!actor.subjectId) return;
  await ctx.db.update(notifications).set({ readAt: ctx.now() }).where(and(eq(notifications.subjectId, actor.subjectId), isNull(notifications.readAt)));
}
