// Files a new case (for now: an objection against one of the filer's own records). Honours an
// idempotency key: the same key with the same filing returns the case already opened; the
// same key with a different filing is refused.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, eq } from 'drizzle-orm';
import { initialTransition } from 'xstate';
import { cases, creditRecords, policyVersions } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { policyInForce } from '../domain/policy.js';
import type { Actor } from '../domain/roles.js';
import { commitCaseChange, type CaseRow } from './case-engine.js';
import { caseTypeOf } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { violatedUniqueConstraint } from './database-errors.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { prepareAttachments, type UploadedFile } from './prepare-attachments.js';
import { parseInput } from './validate-input.js';

export interface OpenCaseRequest {
  actor: Actor;
  type: string;
  filing: Record<string, unknown>;
  idempotencyKey?: string | undefined;
  /** Evidence filed with the case. */
  files?: readonly UploadedFile[];
}

export interface OpenedCase {
  row: CaseRow;
  /** True when an earlier request with the same idempotency key had already opened it. */
  replayed: boolean;
}

export async function openCase(ctx: ServiceContext, request: OpenCaseRequest): Promise<OpenedCase> {
  const { actor } = request;
  const caseType = caseTypeOf(request.type);
  const filing = parseInput(caseType.filing, request.filing, 'The filing');
  const filingHash = createHash('sha256').update(canonicalize({ type: request.type, ...filing }) ?? '').digest('hex');
  const key = request.idempotencyKey?.trim() || null;
  if (key && key.length > 200) throw new DomainError('INVALID_INPUT', 'The Idempotency-Key header is longer than 200 characters.');

  if (key) {
    const earlier = await findByIdempotencyKey(ctx, actor, key);
    if (earlier) return replay(earlier, filingHash);
  }
  if (actor.role !== 'citizen' || !actor.subjectId) {
    throw new DomainError('FORBIDDEN', 'Only the subject of a record can file an objection against it.');
  }

  const calendar = await loadWorkingDayCalendar(ctx.db);
  const files = await prepareAttachments(request.files ?? []);
  if (files.length > 0 && !caseType.filingAttachments) throw new DomainError('INVALID_INPUT', 'This kind of case takes no files.');
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [record] = await tx.select().from(creditRecords).where(eq(creditRecords.id, filing.recordId as string));
      // Another subject's record is reported as absent, not as forbidden.
      if (!record || record.subjectId !== actor.subjectId) throw new DomainError('RECORD_NOT_FOUND', 'No such record among yours.');
      const at = ctx.now();
      // The stored policy versions, the same ones later events of the case read.
      const versions = await tx.select().from(policyVersions).where(eq(policyVersions.jurisdiction, ctx.jurisdiction));
      const policy = policyInForce(ctx.jurisdiction, at, versions.map((v) => v.document));
      const [next, actions] = initialTransition(caseType.machine, { ...filing, subjectId: record.subjectId });
      return commitCaseChange(tx, {
        caseType,
        current: null,
        opening: {
          id: randomUUID(),
          type: request.type,
          subjectId: record.subjectId,
          recordId: record.id,
          agencyId: record.agencyId,
          idempotencyKey: key,
          filingHash,
        },
        next,
        actions,
        actor,
        event: 'FILED',
        payload: filing,
        policy,
        calendar,
        at,
        attachments: files,
      });
    });
    return { row, replayed: false };
  } catch (error) {
    if (key) {
      // A concurrent request with the same key may have won the race (it then trips the
      // idempotency index, or the one-open-objection rule, first).
      const earlier = await findByIdempotencyKey(ctx, actor, key);
      if (earlier) return replay(earlier, filingHash);
    }
    const constraint = violatedUniqueConstraint(error);
    if (constraint === 'cases_one_open_objection_per_record') {
      throw new DomainError('OBJECTION_ALREADY_OPEN', 'An objection against this record is already open.');
    }
    throw error;
  }
}

async function findByIdempotencyKey(ctx: ServiceContext, actor: Actor, key: string): Promise<CaseRow | undefined> {
  const [row] = await ctx.db.select().from(cases).where(and(eq(cases.openedByUserId, actor.userId), eq(cases.idempotencyKey, key)));
  return row;
}

function replay(earlier: CaseRow, filingHash: string): OpenedCase {
  if (earlier.filingHash !== filingHash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different filing.', { caseId: earlier.id });
  }
  return { row: earlier, replayed: true };
}
