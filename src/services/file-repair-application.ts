// One application to repair several records (issue 16 item 2): the commitment letter signed once
// and the evidence uploaded once, filed for several records at a time. Each record still gets its
// own repair case, decided by the department that made its finding (谁认定、谁修复), with its own
// clocks and notice; the application only groups them. All or none: the cases are opened in one
// transaction through the case engine's door for openings (openCaseWithin), and if any record
// is not eligible now nothing is filed and every failing record is named with its rules.
import { and, eq, gte, inArray, isNull, desc } from 'drizzle-orm';
import { z } from 'zod';
import { cases, creditRecords, repairApplications, repairBans } from '../../db/schema.js';
import { repairFilingSchema } from '../../machines/repair.machine.js';
import { chinaDateOf } from '../domain/calendar.js';
import { DomainError, isDomainError, type InputIssue } from '../domain/errors.js';
import { type FailedRule, repairEligibility } from '../domain/repair-eligibility.js';
import type { Actor } from '../domain/roles.js';
import { openCaseWithin, type CaseRow } from './case-engine.js';
import type { ServiceContext } from './context.js';
import { protectFilingAddress } from './filing-address-vault.js';
import { storedPolicyInForce } from './read-policy-versions.js';
import { domainErrorOfConstraint } from './database-errors.js';
import { storeEvidenceContents } from './evidence-store.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { prepareAttachments, type UploadedFile } from './prepare-attachments.js';
import { latestObligationSchedule } from './read-obligation-schedules.js';
import { readPolicyVersions } from './read-policy-versions.js';
import { parseInput } from './validate-input.js';

/** At most this many records in one application (a person's page of records, not a bulk door). */
export const maxRecordsPerApplication = 20;

export const repairApplicationSchema = repairFilingSchema.omit({ recordId: true }).extend({
  recordIds: z
    .array(z.uuid())
    .min(1, 'choose at least one record')
    .max(maxRecordsPerApplication, `at most ${maxRecordsPerApplication} records in one application`)
    .refine((ids) => new Set(ids).size === ids.length, 'choose each record once'),
});
export type RepairApplicationFiling = z.infer<typeof repairApplicationSchema>;

export interface RepairApplicationRequest {
  actor: Actor;
  filing: Record<string, unknown>;
  /** The evidence, uploaded once: every case gets the same files by reference (same SHA-256). */
  files?: readonly UploadedFile[];
  clientAddress?: string | undefined;
}

/** A record the application could not include, with the eligibility rules it failed. */
export interface RefusedRecord {
  recordId: string;
  decisionNumber: string | null;
  rules: FailedRule['rule'][];
  /** Each rule's English detail, for the API (pages word the rules themselves). */
  messages: string[];
}

export async function fileRepairApplication(
  ctx: ServiceContext,
  request: RepairApplicationRequest,
): Promise<{ applicationId: string; cases: CaseRow[] }> {
  const { actor } = request;
  if (actor.role !== 'citizen' || !actor.subjectId)
    throw new DomainError('FORBIDDEN', 'A repair application is filed by the subject of the records.');
  const filing = parseInput(repairApplicationSchema, request.filing, 'The application', ctx.now());
  const calendar = await loadWorkingDayCalendar(ctx.db);
  // Checked and stored once, before the transaction (contents kept outside the database are
  // written first); every case then refers to the same files by their hashes.
  const files = await storeEvidenceContents(ctx, await prepareAttachments(request.files ?? []));
  try {
    return await ctx.db.transaction(async (tx) => {
      const at = ctx.now();
      const policy = await storedPolicyInForce(tx, ctx.jurisdiction, at);
      const [application] = await tx
        .insert(repairApplications)
        .values({
          subjectId: actor.subjectId!,
          filedByUserId: actor.userId,
          filedAt: at,
          commitment: filing.commitment,
          routes: filing.routes,
          evidence: files.map(({ filename, contentType, size, sha256 }) => ({ filename, contentType, size, sha256 })),
        })
        .returning({ id: repairApplications.id });
      const opened: CaseRow[] = [];
      const refused: RefusedRecord[] = [];
      for (const recordId of filing.recordIds) {
        try {
          opened.push(
            await openCaseWithin(tx, {
              type: 'repair',
              filing: { recordId, routes: filing.routes, commitment: filing.commitment },
              actor,
              at,
              policy,
              calendar,
              parent: null,
              files,
              idempotencyKey: null,
              filingHash: null,
              filedFrom: request.clientAddress ? protectFilingAddress(ctx.keys, request.clientAddress) : null,
              applicationId: application!.id,
            }),
          );
        } catch (error) {
          // The eligibility check refuses before anything of that record is written, so the
          // transaction goes on to check the others; the refusal below undoes what was opened.
          if (!isDomainError(error, 'REPAIR_NOT_ELIGIBLE')) throw error;
          const failed = error.details.issues ?? [];
          refused.push({
            recordId,
            decisionNumber: null,
            rules: failed.map((issue) => issue.path as FailedRule['rule']),
            messages: failed.map((issue) => issue.message),
          });
        }
      }
      if (refused.length > 0) {
        const numbers = await tx
          .select({ id: creditRecords.id, decisionNumber: creditRecords.decisionNumber })
          .from(creditRecords)
          .where(
            inArray(
              creditRecords.id,
              refused.map((r) => r.recordId),
            ),
          );
        const numberOf = new Map(numbers.map((n) => [n.id, n.decisionNumber]));
        throw applicationRefusal(refused.map((r) => ({ ...r, decisionNumber: numberOf.get(r.recordId) ?? null })));
      }
      return { applicationId: application!.id, cases: opened };
    });
  } catch (error) {
    throw domainErrorOfConstraint(error) ?? error;
  }
}

function applicationRefusal(refused: RefusedRecord[]): DomainError {
  const issues: InputIssue[] = refused.flatMap((record) =>
    record.rules.map((rule, i) => ({
      path: `records.${record.recordId}.${rule}`,
      message: record.messages[i] ?? rule,
    })),
  );
  return new DomainError(
    'APPLICATION_NOT_ELIGIBLE',
    `Nothing was filed: ${refused.length} of the records chosen cannot be repaired now (${refused
      .map((r) => `${r.decisionNumber ?? r.recordId}: ${r.rules.join(', ')}`)
      .join('; ')}).`,
    { issues, records: refused },
  );
}

/**
 * Which of a subject's records a repair may be asked for today, and for the others the rules
 * they fail: the same rules, under the policy in force today, that filing applies (routes aside,
 * which are chosen on the form). The records page offers a checkbox only where none fails.
 */
export async function repairChoicesOf(
  ctx: ServiceContext,
  actor: Actor,
  records: readonly {
    id: string;
    kind: string;
    storedStatus: string;
    repairableFrom: string | null;
    obligation: string | null;
    obligationPerformed: boolean;
  }[],
): Promise<Map<string, FailedRule['rule'][]>> {
  const choices = new Map<string, FailedRule['rule'][]>();
  if (actor.role !== 'citizen' || !actor.subjectId || records.length === 0) return choices;
  const today = chinaDateOf(ctx.now());
  const { inForce } = await readPolicyVersions(ctx);
  const [ban] = await ctx.db
    .select({ until: repairBans.until })
    .from(repairBans)
    .where(and(eq(repairBans.subjectId, actor.subjectId), gte(repairBans.until, today), isNull(repairBans.liftedAt)))
    .orderBy(desc(repairBans.until))
    .limit(1);
  const open = await ctx.db
    .select({ id: cases.id, recordId: cases.recordId })
    .from(cases)
    .where(and(eq(cases.type, 'repair'), eq(cases.subjectId, actor.subjectId), eq(cases.status, 'open')));
  const openOf = new Map(open.map((c) => [c.recordId, c.id]));
  for (const record of records) {
    const failed = repairEligibility(inForce.rules, {
      record: { ...record, status: record.storedStatus },
      bannedUntil: ban?.until ?? null,
      openRepairCaseId: openOf.get(record.id) ?? null,
      today,
      routes: [],
      obligationSchedule: await latestObligationSchedule(ctx.db, record.id),
    });
    choices.set(
      record.id,
      failed.map((f) => f.rule),
    );
  }
  return choices;
}
