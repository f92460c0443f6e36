// The register of who looked at a person's data (查询使用登记, 征信业管理条例 art. 22): every
// read of someone's case, record or evidence by another person is written down with its
// purpose; the person can read their register, and a supervisor can search it.
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { accessLog, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';

export type AccessAction = 'view_case' | 'view_record' | 'download_evidence';

/** What each role reads a person's data for, stated in the register. */
const purposeOfRole: Record<string, string> = {
  reviewer: 'handling a case (objection, correction, review or repair)',
  supervisor: 'supervising case handling',
  agency: 'verifying a record the agency found',
  admin: 'administration',
};

export async function logAccess(ctx: ServiceContext, actor: Actor, entry: { subjectId: string; caseId?: string | null; recordId?: string | null; action: AccessAction }): Promise<void> {
  // The person reading their own data, and xiufu itself, are not "someone else".
  if (actor.role === 'system' || actor.subjectId === entry.subjectId) return;
  await ctx.db.insert(accessLog).values({
    at: ctx.now(),
    actorUserId: actor.userId,
    actorRole: actor.role,
    subjectId: entry.subjectId,
    caseId: entry.caseId ?? null,
    recordId: entry.recordId ?? null,
    action: entry.action,
    purpose: purposeOfRole[actor.role] ?? actor.role,
  });
}

export interface AccessLogFilter {
  subjectId?: string | undefined;
  actorUserId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
}

/** Searching everyone's register: supervisors and admins only. */
export async function searchAccessLog(ctx: ServiceContext, actor: Actor, filter: AccessLogFilter) {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Searching the access register is for supervisors.');
  return readAccessLog(ctx, actor, filter);
}

/** A citizen reads their own register; supervisors and admins search everyone's. */
export async function readAccessLog(ctx: ServiceContext, actor: Actor, filter: AccessLogFilter) {
  const conditions: (SQL | undefined)[] = [];
  if (actor.role === 'citizen') {
    if (!actor.subjectId) return [];
    conditions.push(eq(accessLog.subjectId, actor.subjectId));
  } else if (actor.role === 'supervisor' || actor.role === 'admin') {
    if (filter.subjectId) conditions.push(eq(accessLog.subjectId, filter.subjectId));
    if (filter.actorUserId) conditions.push(eq(accessLog.actorUserId, filter.actorUserId));
  } else {
    throw new DomainError('FORBIDDEN', 'The access register is for the person concerned and for supervisors.');
  }
  if (filter.from) conditions.push(gte(accessLog.at, filter.from));
  if (filter.to) conditions.push(lte(accessLog.at, filter.to));
  const rows = await ctx.db
    .select({ entry: accessLog, actorName: users.displayName })
    .from(accessLog)
    .innerJoin(users, eq(users.id, accessLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(filter.limit ?? 200);
  return rows.map(({ entry, actorName }) => ({ ...entry, at: entry.at.toISOString(), actorName }));
}
