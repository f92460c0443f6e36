// Anchoring and checking every audit chain at once. An anchor is a sha256 over each case's
// chain head (case id, seq, hash) at a moment, in case order; verification finds those heads
// again from case_events and recomputes it, and re-derives every case's chain.
import { createHash } from 'node:crypto';
import { asc, eq, lte, sql } from 'drizzle-orm';
import { auditAnchors, caseEvents, cases } from '../../db/schema.js';
import { verifyCaseTrail, type StoredAuditEvent } from '../domain/audit-chain.js';
import type { ServiceContext } from './context.js';

async function headsAt(ctx: ServiceContext, moment: Date): Promise<{ caseId: string; seq: number; hash: string }[]> {
  return ctx.db
    .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, seq: caseEvents.seq, hash: caseEvents.hash })
    .from(caseEvents)
    .where(lte(caseEvents.at, moment))
    .orderBy(asc(caseEvents.caseId), sql`${caseEvents.seq} desc`);
}

function rootOf(heads: { caseId: string; seq: number; hash: string }[]): string {
  const hash = createHash('sha256');
  for (const head of heads) hash.update(`${head.caseId}:${head.seq}:${head.hash}\n`);
  return hash.digest('hex');
}

export async function takeAuditAnchor(ctx: ServiceContext): Promise<{ takenAt: string; cases: number; root: string }> {
  const takenAt = ctx.now();
  const heads = await headsAt(ctx, takenAt);
  const root = rootOf(heads);
  await ctx.db.insert(auditAnchors).values({ takenAt, cases: heads.length, root });
  return { takenAt: takenAt.toISOString(), cases: heads.length, root };
}

export interface AuditReport {
  casesChecked: number;
  brokenCases: { caseId: string; brokenAtSeq: number; reason: string }[];
  anchorsChecked: number;
  brokenAnchors: { takenAt: string; expectedCases: number; foundCases: number }[];
}

/** Re-derives every chain and every anchor; a report with nothing broken means all verifies. */
export async function verifyAllAuditTrails(ctx: ServiceContext): Promise<AuditReport> {
  const report: AuditReport = { casesChecked: 0, brokenCases: [], anchorsChecked: 0, brokenAnchors: [] };
  const allCases = await ctx.db.select({ id: cases.id, version: cases.version, state: cases.state }).from(cases).orderBy(asc(cases.id));
  for (const theCase of allCases) {
    const rows = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, theCase.id)).orderBy(asc(caseEvents.seq));
    const trail: StoredAuditEvent[] = rows.map(({ id: _id, at, ...row }) => ({ ...row, at: at.toISOString() }));
    const verification = verifyCaseTrail(trail, theCase);
    report.casesChecked += 1;
    if (!verification.valid) report.brokenCases.push({ caseId: theCase.id, brokenAtSeq: verification.brokenAtSeq, reason: verification.reason });
  }
  for (const anchor of await ctx.db.select().from(auditAnchors).orderBy(asc(auditAnchors.takenAt))) {
    const heads = await headsAt(ctx, anchor.takenAt);
    report.anchorsChecked += 1;
    if (rootOf(heads) !== anchor.root) report.brokenAnchors.push({ takenAt: anchor.takenAt.toISOString(), expectedCases: anchor.cases, foundCases: heads.length });
  }
  return report;
}
