// A case's audit trail in order, and its verification: every hash re-derived from the stored
// content, so an event altered, removed or reordered behind the database's back is found.
// Reading or verifying someone else's trail is registered (access-log.ts) before it is answered.
import { and, asc, eq, lte } from 'drizzle-orm';
import { caseEvents } from '../../db/schema.js';
import { verifyCaseTrail, type ChainVerification, type StoredAuditEvent } from '../domain/audit-chain.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { logAccess } from './access-log.js';
import { verifyTrailInChunks } from './audit-trail-chunks.js';
import { findVisibleCase } from './read-cases.js';

export async function readAuditTrail(ctx: ServiceContext, actor: Actor, caseId: string): Promise<StoredAuditEvent[]> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const trail = await readTrail(ctx, theCase);
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'view_audit_trail',
  });
  return trail;
}

/**
 * A case's events up to `version`, in order. The case row is read first: an event committed
 * after that read has a higher seq, so the trail and the version always describe the same
 * moment. The case's opening moment names the one partition its chain is in.
 */
export async function readTrail(
  ctx: Pick<ServiceContext, 'db'>,
  theCase: { id: string; openedAt: Date; version?: number },
): Promise<StoredAuditEvent[]> {
  const rows = await ctx.db
    .select()
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, theCase.id),
        eq(caseEvents.caseOpenedAt, theCase.openedAt),
        theCase.version === undefined ? undefined : lte(caseEvents.seq, theCase.version),
      ),
    )
    .orderBy(asc(caseEvents.seq));
  return rows.map(({ id: _id, caseOpenedAt: _partition, at, ...row }) => ({ ...row, at: at.toISOString() }));
}

/** The trail and its verification from one read (the case page shows both). */
export async function readVerifiedAuditTrail(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
): Promise<{ trail: StoredAuditEvent[]; verification: ChainVerification }> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const trail = await readTrail(ctx, theCase);
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'view_audit_trail',
  });
  return { trail, verification: verifyCaseTrail(trail, theCase) };
}

export async function verifyCaseAuditTrail(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
): Promise<ChainVerification & { caseId: string; checkedAt: string }> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const verification = await verifyTrailInChunks(ctx.db, theCase);
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'verify_audit_trail',
  });
  return { caseId, checkedAt: ctx.now().toISOString(), ...verification };
}
