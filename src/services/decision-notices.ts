// Decision notices (决定通知书): issued by the case engine in the transaction that records the
// decision (its PDF's sha256 goes into the decision's audit event), downloaded by whoever may see
// the case (drawn again from the stored content and checked against the trail's hash), and
// verified by anyone with the code on a public page that says only whether the notice stands.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { agencies, caseEvents, cases, creditRecords, decisionNotices, subjects } from '../../db/schema.js';
import { endedAdversely, mayBeReviewed } from '../../machines/index.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import { chinaDateOf } from '../domain/calendar.js';
import {
  chineseDate,
  composeNotice,
  formatVerificationCode,
  type NoticeContent,
  noticeDecisionOf,
  type NoticeStanding,
  normalizeVerificationCode,
  standingOf,
  undoesEarlierDecision,
  verificationCodePattern,
} from '../domain/decision-notice.js';
import { DomainError } from '../domain/errors.js';
import { type PolicyVersion, reExaminationOffered } from '../domain/policy.js';
import { remediesAgainst } from '../domain/remedies.js';
import type { Actor } from '../domain/roles.js';
import { logAccess } from './access-log.js';
import type { ServiceContext } from './context.js';
import { findVisibleCase } from './read-cases.js';

/**
 * The PDF renderer (pdf-lib, fontkit, a CJK font, QR codes: about 50 MiB of a process's memory)
 * is loaded the first time a notice is drawn, not at start: a process that never draws one (a
 * worker, an API process before its first decision) does not carry it.
 */
const noticeRenderer = () => import('./render-decision-notice.js');

/** The case types in the words a notice uses. */
const caseTypeNames: Record<string, string> = {
  objection: '信用信息异议',
  repair: '信用修复',
  deferral: '延期（分期）缴纳申请',
  review: '复核',
  'administrative-review': '行政复议',
  explanation: '自主解释',
};

export interface NoticeIssue {
  /** What the decision's audit event carries: the code and the PDF's sha256. */
  trail: { code: string; sha256: string };
  /** Writes the notice row (in the decision's transaction). */
  write: (tx: Executor) => Promise<unknown>;
}

/**
 * The notice of a decision being committed, or null where the event decides nothing. Reads the
 * subject and the record in the transaction; draws the PDF to know its hash before the audit
 * event is written.
 */
export async function prepareDecisionNotice(
  tx: Executor,
  change: {
    theCase: { id: string; type: string; subjectId: string; recordId: string | null };
    machineVersion: number;
    event: string;
    payload: Record<string, unknown>;
    seq: number;
    state: string;
    closed: boolean;
    actor: Actor;
    at: Date;
    policy: PolicyVersion;
    calendar: WorkingDayCalendar;
    publicUrl: string | undefined;
  },
): Promise<NoticeIssue | null> {
  const kind = noticeDecisionOf(change.theCase.type, change.event);
  if (!kind) return null;
  const [subject] = await tx
    .select({ name: subjects.name, residentIdMasked: subjects.residentIdMasked })
    .from(subjects)
    .where(eq(subjects.id, change.theCase.subjectId));
  const [record] = change.theCase.recordId
    ? await tx
        .select({ kind: creditRecords.kind, decisionNumber: creditRecords.decisionNumber, agency: agencies.name })
        .from(creditRecords)
        .innerJoin(agencies, eq(agencies.id, creditRecords.agencyId))
        .where(eq(creditRecords.id, change.theCase.recordId))
    : [];
  const ended = {
    type: change.theCase.type,
    machineVersion: change.machineVersion,
    status: change.closed ? 'closed' : 'open',
    outcome: change.closed ? change.state : null,
  };
  const byReviewBody = change.theCase.type === 'administrative-review';
  const remedies = endedAdversely(ended)
    ? remediesAgainst(
        change.policy.rules,
        {
          decidedAt: change.at,
          reExaminable: mayBeReviewed(ended) && reExaminationOffered(change.policy.rules),
          byReviewBody,
        },
        change.calendar,
      )
    : [];
  const code = formatVerificationCode(randomBytes(10));
  const content = composeNotice({
    code,
    verifyUrl: `${(change.publicUrl ?? '').replace(/\/$/, '')}/verify/${code}`,
    caseId: change.theCase.id,
    caseType: change.theCase.type,
    caseTypeName: caseTypeNames[change.theCase.type] ?? change.theCase.type,
    eventSeq: change.seq,
    kind,
    payload: change.payload,
    decidedAt: change.at,
    decidedOn: chineseDate(chinaDateOf(change.at)),
    subject: { name: subject?.name ?? '', residentIdMasked: subject?.residentIdMasked ?? null },
    record: record ?? null,
    decidedBy: byReviewBody
      ? '行政复议机关'
      : change.actor.role === 'agency' && record
        ? record.agency
        : '信用信息异议与修复受理机构',
    remedies,
  });
  const { noticeHash, renderDecisionNotice } = await noticeRenderer();
  const sha256 = noticeHash(await renderDecisionNotice(content));
  const outcome = typeof change.payload.outcome === 'string' ? change.payload.outcome : null;
  return {
    trail: { code, sha256 },
    write: (tx) =>
      tx.insert(decisionNotices).values({
        code,
        caseId: change.theCase.id,
        eventSeq: change.seq,
        kind,
        undoes: undoesEarlierDecision(kind, outcome),
        content,
        sha256,
        issuedAt: change.at,
      }),
  };
}

/** The notices of a case, oldest first, for whoever may see it (the case page lists them). */
export async function listCaseNotices(ctx: ServiceContext, actor: Actor, caseId: string) {
  await findVisibleCase(ctx, actor, caseId);
  return ctx.db
    .select({
      code: decisionNotices.code,
      eventSeq: decisionNotices.eventSeq,
      kind: decisionNotices.kind,
      issuedAt: decisionNotices.issuedAt,
      sha256: decisionNotices.sha256,
      title: decisionNotices.content,
    })
    .from(decisionNotices)
    .where(eq(decisionNotices.caseId, caseId))
    .orderBy(asc(decisionNotices.eventSeq))
    .then((rows) => rows.map(({ title, ...row }) => ({ ...row, title: title.title })));
}
export type CaseNoticeListing = Awaited<ReturnType<typeof listCaseNotices>>[number];

/**
 * A notice's PDF, drawn again from its stored content; refused (500) unless the file's sha256
 * is the one the decision's audit event carries, so what is handed out is what the trail holds.
 */
export async function downloadDecisionNotice(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  code: string,
): Promise<{ filename: string; content: Uint8Array; sha256: string }> {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const { notice, trailHash } = await readNoticeWithTrail(ctx.db, caseId, code);
  const { noticeHash, renderDecisionNotice } = await noticeRenderer();
  const content = await renderDecisionNotice(notice.content);
  const sha256 = noticeHash(content);
  if (sha256 !== trailHash || sha256 !== notice.sha256)
    throw new Error(`notice ${code}: the file drawn again (${sha256}) is not the one in the trail (${trailHash})`);
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'download_notice',
  });
  return { filename: `notice-${notice.code}.pdf`, content, sha256 };
}

/** The stored notice and the hash its decision's audit event carries. */
export async function readNoticeWithTrail(db: Executor, caseId: string, code: string) {
  const [row] = await db
    .select({ notice: decisionNotices, payload: caseEvents.payload })
    .from(decisionNotices)
    .innerJoin(cases, eq(cases.id, decisionNotices.caseId))
    .innerJoin(
      caseEvents,
      and(
        eq(caseEvents.caseId, cases.id),
        eq(caseEvents.caseOpenedAt, cases.openedAt),
        eq(caseEvents.seq, decisionNotices.eventSeq),
      ),
    )
    .where(and(eq(decisionNotices.caseId, caseId), eq(decisionNotices.code, code)));
  if (!row) throw new DomainError('NOT_FOUND', 'No such notice on this case.');
  const trail = (row.payload as { notice?: { sha256?: string } } | null)?.notice;
  return { notice: row.notice, trailHash: trail?.sha256 ?? null };
}

/** What the public verification page shows: the notice is genuine, what it decided, and whether it stands. */
export interface NoticeVerification {
  code: string;
  title: string;
  decidedOn: string;
  decision: string;
  caseTypeName: string;
  subject: { name: string; residentId: string | null };
  record: { kind: string; decisionNumber: string; agency: string } | null;
  decidedBy: string;
  kind: string;
  standing: NoticeStanding;
  sha256: string;
}

/** Looks a notice up by its code for anyone (throttled by the route); 404 for an unknown code. */
export async function verifyDecisionNotice(ctx: ServiceContext, input: string): Promise<NoticeVerification> {
  const code = normalizeVerificationCode(input);
  if (!verificationCodePattern.test(code)) throw new DomainError('NOT_FOUND', 'No notice has this code.');
  const [notice] = await ctx.db.select().from(decisionNotices).where(eq(decisionNotices.code, code));
  if (!notice) throw new DomainError('NOT_FOUND', 'No notice has this code.');
  // Later decisions on the same case, and decisions on cases that review it.
  const later = await ctx.db
    .select({
      caseId: decisionNotices.caseId,
      eventSeq: decisionNotices.eventSeq,
      undoes: decisionNotices.undoes,
      parentCaseId: cases.parentCaseId,
    })
    .from(decisionNotices)
    .innerJoin(cases, eq(cases.id, decisionNotices.caseId))
    .where(
      or(
        and(eq(decisionNotices.caseId, notice.caseId), gt(decisionNotices.eventSeq, notice.eventSeq)),
        inArray(
          decisionNotices.caseId,
          ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.parentCaseId, notice.caseId)),
        ),
      ),
    );
  const c: NoticeContent = notice.content;
  return {
    code: notice.code,
    title: c.title,
    decidedOn: c.decidedOn,
    decision: c.decision,
    caseTypeName: c.caseTypeName,
    subject: c.subject,
    record: c.record,
    decidedBy: c.decidedBy,
    kind: notice.kind,
    standing: standingOf(notice, later),
    sha256: notice.sha256,
  };
}
