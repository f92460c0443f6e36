// Files a new case of any type. Honours an idempotency key: the same key with the same filing
// returns the case already opened; the same key with a different filing is refused. A second
// objection to a record that already has one open is added to the open case (with its
// evidence) instead of opening another.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, eq } from 'drizzle-orm';
import { attachments, cases } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { applyCaseEvent } from './apply-case-event.js';
import { openCaseWithin, type CaseRow } from './case-engine.js';
import { caseTypeOf } from './case-runtime.js';
import { notify } from './carry-out-case-effects.js';
import type { ServiceContext } from './context.js';
import { storedPolicyInForce } from './read-policy-versions.js';
import { domainErrorOfConstraint } from './database-errors.js';
import { protectContactPhone } from './contact-phone-vault.js';
import { protectFilingAddress } from './filing-address-vault.js';
import { onBehalfCaseTypes } from '../domain/on-behalf.js';
import { checkedContactPhone, resolveOnBehalf } from './file-on-behalf.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { storeEvidenceContents } from './evidence-store.js';
import { prepareAttachments, type PreparedAttachment, type UploadedFile } from './prepare-attachments.js';
import { parseInput } from './validate-input.js';

export interface OpenCaseRequest {
  actor: Actor;
  type: string;
  filing: Record<string, unknown>;
  idempotencyKey?: string | undefined;
  /** Evidence filed with the case. */
  files?: readonly UploadedFile[];
  /** The address the filing came from (src/http/client-address.ts). */
  clientAddress?: string | undefined;
  /**
   * "Apply again" (issue 16 item 3): a closed case of the same type about the same record, by
   * the same subject, whose uploads the new case keeps by reference (the same hashes).
   */
  keepEvidenceOf?: string | undefined;
  /**
   * Filing for another person (file-on-behalf.ts): the subject's resident identity number and
   * name, the record's decision number, the filer's relation; `recordId` then comes from these.
   */
  onBehalf?: Record<string, unknown> | undefined;
  /** The signed authorisation letter(s) a filing on behalf needs. */
  authorisationLetters?: readonly UploadedFile[];
  /** A contact phone (optional): a mainland mobile or landline number. */
  contactPhone?: unknown;
}

export interface OpenedCase {
  row: CaseRow;
  /** True when an earlier request with the same idempotency key had already opened it. */
  replayed: boolean;
  /** True when the filing was added to an objection already open on the record. */
  attached: boolean;
}

/** A well-formed record id that names no record: the filing's fields checked before its record is known. */
const unknownRecordId = '00000000-0000-4000-8000-000000000000';

export async function openCase(ctx: ServiceContext, request: OpenCaseRequest): Promise<OpenedCase> {
  const { actor } = request;
  const caseType = caseTypeOf(request.type);
  // Who may file comes before what was filed: a role that may not file learns that, not
  // how its form would have been wrong.
  if (!caseType.filingRoles.includes(actor.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `A ${actor.role} may not file a ${request.type}; it is filed by: ${caseType.filingRoles.join(', ')}.`,
    );
  }
  const contactPhone = checkedContactPhone(request.contactPhone);
  if (request.onBehalf) {
    if (!(onBehalfCaseTypes as readonly string[]).includes(request.type))
      throw new DomainError('INVALID_INPUT', `A ${request.type} is not filed on someone's behalf.`, {
        issues: [{ path: 'type', message: `filed on someone's behalf: ${onBehalfCaseTypes.join(', ')}` }],
      });
    // The filing's own fields are checked before the three facts are looked up, so the answer to
    // a filing with a field left wrong does not tell whether the facts name a record.
    parseInput(caseType.filing, { ...request.filing, recordId: unknownRecordId }, 'The filing', ctx.now());
  }
  // On someone's behalf: the letter and the three facts that name the record come first, and the
  // record they name is the one the filing is about (never one the filer picked by id).
  const onBehalf = request.onBehalf
    ? await resolveOnBehalf(ctx, actor, request.onBehalf, request.authorisationLetters ?? [])
    : null;
  const filing = parseInput(
    caseType.filing,
    onBehalf ? { ...request.filing, recordId: onBehalf.recordId } : request.filing,
    'The filing',
    ctx.now(),
  ) as Record<string, unknown>;
  const filingHash = createHash('sha256')
    .update(
      canonicalize({
        type: request.type,
        ...filing,
        ...(onBehalf ? { onBehalf: { subjectId: onBehalf.subjectId, relation: onBehalf.relation } } : {}),
      }) ?? '',
    )
    .digest('hex');
  const key = request.idempotencyKey?.trim() || null;
  if (key && key.length > 200)
    throw new DomainError('INVALID_INPUT', 'The Idempotency-Key header is longer than 200 characters.');

  if (key) {
    const earlier = await findByIdempotencyKey(ctx, actor, key);
    if (earlier) return replay(earlier, filingHash);
  }
  if ((request.files?.length ?? 0) > 0 && !caseType.filingAttachments)
    throw new DomainError('INVALID_INPUT', `A ${request.type} takes no files.`);

  if (request.type === 'objection' && !onBehalf) {
    if (key) {
      const earlier = await findByIdempotencyKey(ctx, actor, key);
      if (earlier) return replay(earlier, filingHash);
    }
    const attached = await attachToOpenObjection(ctx, actor, filing, request.files ?? []);
    if (attached) return { row: attached, replayed: false, attached: true };
  }

  const calendar = await loadWorkingDayCalendar(ctx.db);
  // Contents kept outside the database are written before the transaction that adds their rows.
  const files = [
    ...(await storeEvidenceContents(ctx, onBehalf?.letters ?? [])),
    ...(await storeEvidenceContents(ctx, await prepareAttachments(request.files ?? []))),
    ...(request.keepEvidenceOf ? await keptEvidence(ctx, actor, request.type, filing, request.keepEvidenceOf) : []),
  ];
  const caseId = randomUUID();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const at = ctx.now();
      const policy = await storedPolicyInForce(tx, ctx.jurisdiction, at);
      const opened = await openCaseWithin(tx, {
        type: request.type,
        filing,
        actor,
        at,
        policy,
        calendar,
        parent: null,
        files,
        idempotencyKey: key,
        filingHash,
        filedFrom: request.clientAddress ? protectFilingAddress(ctx.keys, request.clientAddress) : null,
        caseId,
        onBehalf: onBehalf ? { subjectId: onBehalf.subjectId, relation: onBehalf.relation } : null,
        contactPhone: contactPhone ? protectContactPhone(ctx.keys, caseId, contactPhone) : null,
      });
      // The subject learns at once that someone filed in their name, and who: if they gave no
      // authorisation, they can say so before anything is decided.
      if (onBehalf)
        await notify(
          tx,
          opened.id,
          {
            subjectId: onBehalf.subjectId,
            topic: 'filed_on_your_behalf',
            data: { filer: actor.displayName, relation: onBehalf.relation },
          },
          at,
        );
      return opened;
    });
    return { row, replayed: false, attached: false };
  } catch (error) {
    if (key) {
      // A concurrent request with the same key may have won the race (it then trips the
      // idempotency index, or the one-open-objection rule, first).
      const earlier = await findByIdempotencyKey(ctx, actor, key);
      if (earlier) return replay(earlier, filingHash);
    }
    throw domainErrorOfConstraint(error) ?? error;
  }
}

/**
 * The uploads of a closed case the subject applies again after: the same files by reference
 * (filename, type, size, SHA-256; on the embedded build the content stays in the folder under
 * its hash, on PostgreSQL the row carries it). Only the subject's own closed case of the same
 * type about the same record; anything else is refused and nothing is opened.
 */
async function keptEvidence(
  ctx: ServiceContext,
  actor: Actor,
  type: string,
  filing: Record<string, unknown>,
  caseId: string,
): Promise<PreparedAttachment[]> {
  const [earlier] = await ctx.db
    .select({ type: cases.type, subjectId: cases.subjectId, recordId: cases.recordId, status: cases.status })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (
    !earlier ||
    earlier.subjectId !== actor.subjectId ||
    earlier.type !== type ||
    earlier.recordId !== filing.recordId ||
    earlier.status !== 'closed'
  ) {
    const message = 'not a closed application of yours about this record';
    throw new DomainError('INVALID_INPUT', `The uploads cannot be kept: ${message}.`, {
      issues: [{ path: 'keepEvidenceOf', message }],
    });
  }
  return ctx.db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      content: attachments.content,
    })
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(attachments.createdAt);
}

/** The subject's open objection on the record gets the new filing as a supplement. */
async function attachToOpenObjection(
  ctx: ServiceContext,
  actor: Actor,
  filing: Record<string, unknown>,
  files: readonly UploadedFile[],
): Promise<CaseRow | null> {
  const [open] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.type, 'objection'), eq(cases.recordId, String(filing.recordId)), eq(cases.status, 'open')));
  if (!open || open.subjectId !== actor.subjectId) return null;
  const reason = [filing.reason, filing.requestedCorrection, filing.newFacts].filter(Boolean).join('\n\n');
  return applyCaseEvent(ctx, {
    caseId: open.id,
    actor,
    expectedVersion: open.version,
    type: 'SUPPLEMENT',
    input: { reason },
    files,
  });
}

async function findByIdempotencyKey(ctx: ServiceContext, actor: Actor, key: string): Promise<CaseRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.openedByUserId, actor.userId), eq(cases.idempotencyKey, key)));
  return row;
}

function replay(earlier: CaseRow, filingHash: string): OpenedCase {
  if (earlier.filingHash !== filingHash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different filing.', {
      caseId: earlier.id,
    });
  }
  return { row: earlier, replayed: true, attached: false };
}
