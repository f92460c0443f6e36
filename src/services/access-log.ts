// The register of who looked at a person's data (查询使用登记, 征信业管理条例 art. 22): every
// read of someone's case, its trail, its evidence or their record by another person is written
// down with its purpose before the data leaves; the person can read their register, and a
// supervisor can search it.
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { accessLog, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';

/** What was read: one word per kind of read, so the person's register says what was seen. */
export type AccessAction =
  | 'view_case'
  | 'view_audit_trail'
  | 'verify_audit_trail'
  | 'list_evidence'
  | 'download_evidence'
  | 'view_record'
  | 'download_notice'
  /** A member of staff asked to see the whole resident identity number (masked by default). */
  | 'reveal_resident_id';

/** What each role reads a person's data for, stated in the register. */
const purposeOfRole: Record<string, string> = {
  reviewer: 'handling a case (objection, correction, review or repair)',
  supervisor: 'supervising case handling',
  agency: 'verifying a record the agency found',
  admin: 'administration',
};

/**
 * Writes one entry; callers await it before the data is returned, so a write that fails fails
 * the read: no read of someone else's data goes unregistered. A read that follows a change of the
 * case is registered in the change's own statement instead (CaseChange.registerView).
 */
export async function logAccess(
  ctx: ServiceContext,
  actor: Actor,
  entry: { subjectId: string; caseId?: string | null; recordId?: string | null; action: AccessAction },
): Promise<void> {
  const row = accessEntryOf(actor, entry, ctx.now());
  if (row) await ctx.db.insert(accessLog).values(row);
}

/** The register's entry for a read, or null where the reader is not "someone else". */
export function accessEntryOf(
  actor: Actor,
  entry: { subjectId: string; caseId?: string | null; recordId?: string | null; action: AccessAction },
  at: Date,
): typeof accessLog.$inferInsert | null {
  // The person reading their own data, and xiufu itself, are not "someone else".
  if (actor.role === 'system' || actor.subjectId === entry.subjectId) return null;
  return {
    at,
    actorUserId: actor.userId,
    actorRole: actor.role,
    subjectId: entry.subjectId,
    caseId: entry.caseId ?? null,
    recordId: entry.recordId ?? null,
    action: entry.action,
    purpose: purposeOfRole[actor.role] ?? actor.role,
  };
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
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'Searching the access register is for supervisors.');
  const conditions: (SQL | undefined)[] = [];
  if (filter.subjectId) conditions.push(eq(accessLog.subjectId, filter.subjectId));
  if (filter.actorUserId) conditions.push(eq(accessLog.actorUserId, filter.actorUserId));
  return readEntries(ctx, conditions, filter);
}

/**
 * One's own register: the reads of the subject the user is. Supervisors and admins read theirs
 * here too (staff accounts are no subject, so it is empty); everyone's is `searchAccessLog`.
 */
export async function readAccessLog(
  ctx: ServiceContext,
  actor: Actor,
  filter: Pick<AccessLogFilter, 'from' | 'to' | 'limit'>,
) {
  if (actor.role !== 'citizen' && actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'The access register is for the person concerned and for supervisors.');
  }
  if (!actor.subjectId) return [];
  return readEntries(ctx, [eq(accessLog.subjectId, actor.subjectId)], filter);
}

async function readEntries(
  ctx: ServiceContext,
  conditions: (SQL | undefined)[],
  filter: Pick<AccessLogFilter, 'from' | 'to' | 'limit'>,
) {
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
