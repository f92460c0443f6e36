// A repair application for several records as its reader sees it: the commitment signed once,
// the evidence shared by every case, and each record's case side by side (its department, state,
// next deadline, decision and notice). The subject sees their own application; the credit
// center's staff every one; an agency officer only the cases about its own records (the others
// are not theirs to see); anyone else is told there is no such application (404).
import { asc, eq, inArray } from 'drizzle-orm';
import { agencies, cases, creditRecords, decisionNotices, repairApplications } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { RefusalReasonCode } from '../domain/refusal-reasons.js';
import type { Actor } from '../domain/roles.js';
import { logAccess } from './access-log.js';
import { canSeeCase } from './case-access.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { viewCase, type DeadlineView } from './read-cases.js';

export interface ApplicationCaseView {
  caseId: string;
  recordId: string;
  decisionNumber: string;
  recordKind: string;
  agencyName: string;
  state: string;
  status: 'open' | 'closed';
  outcome: string | null;
  waitingOn: string;
  /** The clock that runs now (the department's time to decide, the material period…), if any. */
  deadline: DeadlineView | null;
  decision: { outcome: string; reasons: string | null; reasonCode?: RefusalReasonCode } | null;
  notices: { code: string; kind: string; issuedAt: string }[];
}

export interface RepairApplicationView {
  id: string;
  subjectId: string;
  filedAt: string;
  commitment: string;
  routes: string[];
  evidence: { filename: string; contentType: string; size: number; sha256: string }[];
  cases: ApplicationCaseView[];
  /** How many records the application has in all (an agency is shown only its own). */
  recordsInAll: number;
}

const notFound = () => new DomainError('NOT_FOUND', 'No such repair application.');

export async function getRepairApplication(
  ctx: ServiceContext,
  actor: Actor,
  applicationId: string,
): Promise<RepairApplicationView> {
  const [application] = await ctx.db.select().from(repairApplications).where(eq(repairApplications.id, applicationId));
  if (!application) throw notFound();
  const rows = await ctx.db
    .select({
      theCase: cases,
      decisionNumber: creditRecords.decisionNumber,
      kind: creditRecords.kind,
      agencyName: agencies.name,
    })
    .from(cases)
    .innerJoin(creditRecords, eq(creditRecords.id, cases.recordId))
    .innerJoin(agencies, eq(agencies.id, creditRecords.agencyId))
    .where(eq(cases.applicationId, applicationId))
    .orderBy(asc(creditRecords.decisionNumber), asc(cases.id));
  // The application is the subject's; each case is shown to whoever may see that case.
  const visible = rows.filter((row) => canSeeCase(actor, row.theCase));
  const mine = actor.role === 'citizen' && actor.subjectId === application.subjectId;
  if (!mine && visible.length === 0) throw notFound();
  const notices =
    visible.length > 0
      ? await ctx.db
          .select({
            caseId: decisionNotices.caseId,
            code: decisionNotices.code,
            kind: decisionNotices.kind,
            issuedAt: decisionNotices.issuedAt,
          })
          .from(decisionNotices)
          .where(
            inArray(
              decisionNotices.caseId,
              visible.map((row) => row.theCase.id),
            ),
          )
          .orderBy(asc(decisionNotices.eventSeq))
      : [];
  // Each case shown to someone other than its subject is a read of their data: registered first.
  for (const { theCase } of visible)
    await logAccess(ctx, actor, {
      subjectId: theCase.subjectId,
      caseId: theCase.id,
      recordId: theCase.recordId,
      action: 'view_case',
    });
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const now = ctx.now();
  return {
    id: application.id,
    subjectId: application.subjectId,
    filedAt: application.filedAt.toISOString(),
    commitment: application.commitment,
    routes: application.routes,
    evidence: application.evidence,
    recordsInAll: rows.length,
    cases: visible.map(({ theCase, decisionNumber, kind, agencyName }) => {
      const view = viewCase(theCase, actor, now, calendar);
      const decision = (view.details as { decision?: ApplicationCaseView['decision'] }).decision ?? null;
      return {
        caseId: theCase.id,
        recordId: theCase.recordId!,
        decisionNumber,
        recordKind: kind,
        agencyName,
        state: view.state,
        status: view.status,
        outcome: view.outcome,
        waitingOn: view.waitingOn,
        deadline: view.status === 'open' ? view.deadline : null,
        decision,
        notices: notices
          .filter((n) => n.caseId === theCase.id)
          .map((n) => ({ code: n.code, kind: n.kind, issuedAt: n.issuedAt.toISOString() })),
      };
    }),
  };
}
