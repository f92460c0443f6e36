// A case's audit trail in order, and its verification: every hash re-derived from the stored
// content, so an event altered, removed or reordered behind the database's back is found.
import { asc, eq } from 'drizzle-orm';
import { caseEvents } from '../../db/schema.js';
import { verifyAuditChain, type ChainVerification, type StoredAuditEvent } from '../domain/audit-chain.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { findVisibleCase } from './read-cases.js';

export async function readAuditTrail(ctx: ServiceContext, actor: Actor, caseId: string): Promise<StoredAuditEvent[]> {
  await findVisibleCase(ctx, actor, caseId);
  return readTrail(ctx, caseId);
}

async function readTrail(ctx: ServiceContext, caseId: string): Promise<StoredAuditEvent[]> {
  const rows = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  return rows.map(({ id: _id, at, ...row }) => ({ ...row, at: at.toISOString() }));
}

export async function verifyCaseAuditTrail(ctx: ServiceContext, actor: Actor, caseId: string): Promise<ChainVerification & { caseId: string; checkedAt: string }> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const trail = await readTrail(ctx, caseId);
  const checked = { caseId, checkedAt: ctx.now().toISOString() };
  const verification = verifyAuditChain(trail);
  // The chain alone cannot tell that its newest events were cut off; the case's version can.
  if (verification.valid && trail.length !== theCase.version) {
    return { ...checked, valid: false, events: trail.length, brokenAtSeq: trail.length + 1, reason: `the case is at version ${theCase.version} but its trail ends at event ${trail.length}` };
  }
  return { ...checked, ...verification };
}
