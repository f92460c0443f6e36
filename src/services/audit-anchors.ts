// Anchoring and checking every audit chain at once. An anchor is a sha256 over each case's
// chain head (case id, seq, hash) at a moment, in case order; verification finds those heads
// again from case_events and recomputes it, and re-derives every case's chain. Each anchor is
// sealed with an HMAC under XIUFU_AUDIT_KEYS, a key the database does not hold: someone who
// rewrites a chain and then the anchors to match cannot make the seals match too.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { asc, lte, sql } from 'drizzle-orm';
import { auditAnchors, caseEvents, cases } from '../../db/schema.js';
import { verifyCaseTrail } from '../domain/audit-chain.js';
import type { NamedKey } from '../config/keys.js';
import type { ServiceContext } from './context.js';
import { readTrail } from './read-audit-trail.js';

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

function sealOf(key: NamedKey, anchor: { takenAt: Date; cases: number; root: string }): string {
  const mac = createHmac('sha256', key.secret).update(
    `xiufu audit anchor v1|${anchor.takenAt.toISOString()}|${anchor.cases}|${anchor.root}`,
  );
  return `${key.id}.${mac.digest('hex')}`;
}

/** Why an anchor's seal does not hold, or null when it does. */
function sealProblem(
  keys: NamedKey[],
  anchor: { takenAt: Date; cases: number; root: string; seal: string | null },
): string | null {
  if (anchor.seal === null) return 'the anchor has no seal';
  const key = keys.find((k) => k.id === anchor.seal!.slice(0, anchor.seal!.indexOf('.')));
  if (!key) return `the anchor is sealed with key "${anchor.seal.split('.')[0]}", which is not among XIUFU_AUDIT_KEYS`;
  const expected = Buffer.from(sealOf(key, anchor));
  const found = Buffer.from(anchor.seal);
  return expected.length === found.length && timingSafeEqual(expected, found)
    ? null
    : 'the seal does not match the anchor';
}

export async function takeAuditAnchor(ctx: ServiceContext): Promise<{ takenAt: string; cases: number; root: string }> {
  const takenAt = ctx.now();
  const heads = await headsAt(ctx, takenAt);
  const root = rootOf(heads);
  await ctx.db.insert(auditAnchors).values({
    takenAt,
    cases: heads.length,
    root,
    seal: sealOf(ctx.keys.audit[0]!, { takenAt, cases: heads.length, root }),
  });
  return { takenAt: takenAt.toISOString(), cases: heads.length, root };
}

export interface AuditReport {
  casesChecked: number;
  brokenCases: { caseId: string; brokenAtSeq: number; reason: string }[];
  anchorsChecked: number;
  brokenAnchors: { takenAt: string; expectedCases: number; foundCases: number; reason: string }[];
}

/** Re-derives every chain and every anchor; a report with nothing broken means all verifies. */
export async function verifyAllAuditTrails(ctx: ServiceContext): Promise<AuditReport> {
  const report: AuditReport = { casesChecked: 0, brokenCases: [], anchorsChecked: 0, brokenAnchors: [] };
  const allCases = await ctx.db
    .select({ id: cases.id, openedAt: cases.openedAt, version: cases.version, state: cases.state })
    .from(cases)
    .orderBy(asc(cases.id));
  for (const theCase of allCases) {
    // Every event the case has, not only those up to its version: one written past it is a break.
    const verification = verifyCaseTrail(await readTrail(ctx, { id: theCase.id, openedAt: theCase.openedAt }), theCase);
    report.casesChecked += 1;
    if (!verification.valid)
      report.brokenCases.push({
        caseId: theCase.id,
        brokenAtSeq: verification.brokenAtSeq,
        reason: verification.reason,
      });
  }
  for (const anchor of await ctx.db.select().from(auditAnchors).orderBy(asc(auditAnchors.takenAt))) {
    const heads = await headsAt(ctx, anchor.takenAt);
    report.anchorsChecked += 1;
    const problem =
      sealProblem(ctx.keys.audit, anchor) ??
      (rootOf(heads) !== anchor.root ? 'the chain heads found now differ from those anchored' : null);
    if (problem)
      report.brokenAnchors.push({
        takenAt: anchor.takenAt.toISOString(),
        expectedCases: anchor.cases,
        foundCases: heads.length,
        reason: problem,
      });
  }
  return report;
}
