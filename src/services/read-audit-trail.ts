// A case's audit trail in order, and its verification: every hash re-derived from the stored
// content, so an event altered, removed or reordered behind the database's back is found.
import { and, asc, eq, lte } from 'drizzle-orm';
import { caseEvents } from '../../db/schema.js';
import { verifyAuditChain, type ChainVerification, type StoredAuditEvent } from '../domain/audit-chain.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { findVisibleCase } from './read-cases.js';

export async function readAuditTrail(ctx: ServiceContext, actor: Actor, caseId: string): Promise<StoredAuditEvent[]> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  return readTrail(ctx, caseId, theCase.version);
}

/**
 * The events up to `version`. The case row is read first: an event committed after that read
 * has a higher seq, so the trail and the version always describe the same moment.
 */
async function readTrail(ctx: ServiceContext, caseId: string, version: number): Promise<StoredAuditEvent[]> {
  const rows = await ctx.db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), lte(caseEvents.seq, version)))
    .orderBy(asc(caseEvents.seq));
  return rows.map(({ id: _id, at, ...row }) => ({ ...row, at: at.toISOString() }));
}

export async function verifyCaseAuditTrail(ctx: ServiceContext, actor: Actor, caseId: string): Promise<ChainVerification & { caseId: string; checkedAt: string }> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const trail = await readTrail(ctx, caseId, theCase.version);
  const checked = { caseId, checkedAt: ctx.now().toISOString() };
  const verification = verifyAuditChain(trail);
  // The chain alone cannot tell that its newest events were cut off, or that the case row
  // was moved without an event; the case's version and state can.
  if (verification.valid && trail.length !== theCase.version) {
    return { ...checked, valid: false, events: trail.length, brokenAtSeq: trail.length + 1, reason: `the case is at version ${theCase.version} but its trail ends at event ${trail.length}` };
  }
  if (verification.valid && trail.at(-1)?.toState !== theCase.state) {
    return { ...checked, valid: false, events: trail.length, brokenAtSeq: trail.length, reason: `the case is in state ${theCase.state} but its last event left it in ${trail.at(-1)?.toState}` };
  }
  return { ...checked, ...verification };
}
