// What opening a case of each type takes beyond its filing: who may file it, the facts the
// machine needs from the database (the record's subject and agency, the platforms to tell, the
// policy's thresholds, the original decider of a case under review), and the refusals that
// come before a case exists (repair eligibility, a review out of time, a repeated objection).
// A linked case (opened by its parent's machine) skips the filer checks: the parent allowed it.
import { and, asc, desc, eq, gte, inArray, isNull, notInArray } from 'drizzle-orm';
import { agencyPlatforms, caseEvents, cases, creditRecords, repairBans } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { endedAdversely, mayBeReviewed, statesWhere, type CaseTypeName } from '../../machines/index.js';
import type { AdministrativeReviewInput } from '../../machines/administrative-review.machine.js';
import type { CaseStateMeta } from '../../machines/case-events.js';
import type { ReviewInput } from '../../machines/review.machine.js';
import type { ReferralInput } from '../../machines/referral.machine.js';
import type { RepairInputV2 } from '../../machines/repair.machine.js';
import { deferrableKinds, type DeferralInput } from '../../machines/deferral.machine.js';
import {
  addCalendarDays,
  addMonthsIso,
  chinaDateOf,
  chinaDayOf,
  countDeadline,
  endOfChinaDay,
  isoDateOfDay,
  type WorkingDayCalendar,
} from '../domain/calendar.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { citationIn } from '../domain/citation.js';
import { forumOf, forumRules } from '../domain/forums.js';
import {
  type PolicyVersion,
  reExaminationOffered,
  remedyWindows,
  repairDecisionExtensionOf,
  type RepairRoute,
} from '../domain/policy.js';
import { repairEligibility } from '../domain/repair-eligibility.js';
import { latestObligationSchedule } from './read-obligation-schedules.js';
import type { Actor } from '../domain/roles.js';

export interface OpeningContext {
  tx: Executor;
  actor: Actor;
  at: Date;
  policy: PolicyVersion;
  calendar: WorkingDayCalendar;
  /** The case that opens this one, for a linked case. */
  parent: typeof cases.$inferSelect | null;
  /** Whether evidence files come with the filing. */
  hasEvidence: boolean;
  /**
   * The subject a citizen files for on their behalf (their authorisation letter checked by
   * openCase): their records count as the filer's own for this filing only.
   */
  onBehalfOf?: string | null;
}

export interface PreparedOpening {
  machineInput: Record<string, unknown>;
  subjectId: string;
  recordId: string | null;
  agencyId: string | null;
  /** The case this one challenges or follows, when the filer names it (a review's decided case). */
  parentCaseId?: string;
}

type Preparer = (filing: Record<string, unknown>, ctx: OpeningContext) => Promise<PreparedOpening>;

/** How a filing of each case type is prepared: one entry per type, so a new type without one fails the type check. */
const preparers: Record<CaseTypeName, Preparer> = {
  objection: prepareObjection,
  explanation: prepareExplanation,
  correction: prepareCorrection,
  repair: prepareRepair,
  review: prepareReview,
  referral: prepareReferral,
  deferral: prepareDeferral,
  'administrative-review': prepareAdministrativeReview,
};

export function prepareCaseInput(
  type: CaseTypeName,
  filing: Record<string, unknown>,
  ctx: OpeningContext,
): Promise<PreparedOpening> {
  return preparers[type](filing, ctx);
}

async function prepareObjection(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const opening = await prepareExplanation(filing, ctx);
  if (!ctx.parent) await refuseOtherForum(ctx, opening.recordId!);
  if (!ctx.parent) await refuseRepeatObjection(ctx, opening.recordId!, filing);
  if (filing.concerns === 'repair_result') await requireRepairResult(ctx, opening.recordId!);
  return opening;
}

/**
 * An objection against a repair's result (国办发〔2025〕22号) needs a repair of the record that
 * decided something (not one withdrawn): its department verifies the objection like any other.
 */
async function requireRepairResult(ctx: OpeningContext, recordId: string): Promise<void> {
  const [decided] = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.type, 'repair'),
        eq(cases.recordId, recordId),
        eq(cases.status, 'closed'),
        notInArray(
          cases.outcome,
          statesOfType('repair', (meta) => meta.decidedNothing === true),
        ),
      ),
    )
    .limit(1);
  if (!decided) {
    const message = 'no repair of this record has been decided: there is no repair result to object to';
    throw new DomainError('INVALID_INPUT', `The objection cannot be filed: ${message}.`, {
      issues: [{ path: 'concerns', message }],
    });
  }
}

/** A filing by the subject about their record: the machine takes the filing and the subject. */
async function prepareExplanation(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const record = await subjectsRecord(ctx, String(filing.recordId));
  return {
    machineInput: { ...filing, subjectId: record.subjectId },
    subjectId: record.subjectId,
    recordId: record.id,
    agencyId: record.agencyId,
  };
}

async function prepareCorrection(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const record = await anyRecord(ctx, String(filing.recordId));
  const requiresApproval =
    ctx.policy.rules.correction.approvalForClasses.includes(record.class) || filing.remove === true;
  return {
    machineInput: {
      ...filing,
      subjectId: record.subjectId,
      requiresApproval,
      platformIds: await platformsOf(ctx, record.agencyId),
      // An upheld objection leaves its mark for this correction to lift when applied (art. 25).
      liftsMarkOf: ctx.parent && record.disputedByCaseId === ctx.parent.id ? ctx.parent.id : null,
    },
    subjectId: record.subjectId,
    recordId: record.id,
    agencyId: record.agencyId,
  };
}

async function prepareRepair(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const record = await subjectsRecord(ctx, String(filing.recordId));
  const today = chinaDateOf(ctx.at);
  const routes = filing.routes as RepairRoute[];
  const [ban] = await ctx.tx
    .select()
    .from(repairBans)
    // A bar lifted by a review that went the person's way no longer counts.
    .where(and(eq(repairBans.subjectId, record.subjectId), gte(repairBans.until, today), isNull(repairBans.liftedAt)))
    .orderBy(desc(repairBans.until))
    .limit(1);
  const [open] = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.type, 'repair'), eq(cases.recordId, record.id), eq(cases.status, 'open')));
  // A repair reopened by a review is decided again as it stood: no fresh eligibility test.
  const failed = ctx.parent
    ? []
    : repairEligibility(ctx.policy.rules, {
        record,
        bannedUntil: ban?.until ?? null,
        openRepairCaseId: open?.id ?? null,
        today,
        routes,
        obligationSchedule: await latestObligationSchedule(ctx.tx, record.id),
      });
  if (failed.length > 0) {
    throw new DomainError(
      'REPAIR_NOT_ELIGIBLE',
      `This record cannot be repaired now: ${failed.map((f) => f.message).join('; ')}.`,
      {
        issues: failed.map((f) => ({ path: f.rule, message: f.message })),
      },
    );
  }
  const input: RepairInputV2 = {
    recordId: record.id,
    subjectId: record.subjectId,
    routes: routes.map((route) => ({
      route,
      threshold: ctx.policy.rules.repair.routes[route].threshold,
      unit: ctx.policy.rules.repair.routes[route].unit,
    })),
    commitment: String(filing.commitment),
    banMonths: ctx.policy.rules.repair.banAfterFalseMaterialMonths.value,
    platformIds: await platformsOf(ctx, record.agencyId),
    // What the department may add once in a complex case, under the case's rules.
    extensionDays: repairDecisionExtensionOf(ctx.policy)?.value ?? 0,
  };
  return {
    machineInput: { ...input },
    subjectId: record.subjectId,
    recordId: record.id,
    agencyId: record.agencyId,
  };
}

/**
 * An objection about a record that another forum decides (the court list, credit reports):
 * xiufu sends it there and follows it. One open referral per record; the forum comes from the
 * record's kind (src/domain/forums.ts), never from the filer.
 */
async function prepareReferral(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const record = await subjectsRecord(ctx, String(filing.recordId));
  const forum = forumOf(record.kind);
  if (forum === 'platform') {
    throw new DomainError(
      'ANOTHER_FORUM_DECIDES',
      `A ${record.kind} record is decided here, by ${forumRules.platform.decidedBy.en}: file an objection instead of a referral.`,
      { forum },
    );
  }
  const [open] = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.type, 'referral'), eq(cases.recordId, record.id), eq(cases.status, 'open')))
    .limit(1);
  if (open) {
    throw new DomainError(
      'ANOTHER_FORUM_DECIDES',
      `A referral of this record is already open (case ${open.id}): add to it there.`,
      { referralCaseId: open.id },
    );
  }
  const input: ReferralInput = {
    recordId: record.id,
    subjectId: record.subjectId,
    forum,
    reason: String(filing.reason),
    ...(filing.requestedCorrection ? { requestedCorrection: String(filing.requestedCorrection) } : {}),
  };
  return { machineInput: { ...input }, subjectId: record.subjectId, recordId: record.id, agencyId: record.agencyId };
}

/** An objection about a record another forum decides is refused with where it goes instead. */
async function refuseOtherForum(ctx: OpeningContext, recordId: string): Promise<void> {
  const [record] = await ctx.tx
    .select({ kind: creditRecords.kind })
    .from(creditRecords)
    .where(eq(creditRecords.id, recordId));
  const forum = forumOf(record!.kind);
  if (forum !== 'platform') {
    const rule = forumRules[forum];
    throw new DomainError(
      'ANOTHER_FORUM_DECIDES',
      `An objection to this record is decided by ${rule.decidedBy.en} (${rule.source.en}), not here: file a referral and xiufu sends it there and follows it.`,
      { forum, fileInstead: 'referral' },
    );
  }
}

/**
 * A deferral is asked of the agency that made the finding (行政处罚法 art. 66), about a record
 * whose obligation is not yet performed, once at a time: not while another is being decided or
 * its granted schedule is being kept.
 */
async function prepareDeferral(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  const record = await subjectsRecord(ctx, String(filing.recordId));
  if (!deferrableKinds.includes(record.kind)) {
    throw new DomainError(
      'NOT_DEFERRABLE',
      'Only an obligation an administrative organ imposed is deferred by it (行政处罚法 art. 66); a court list entry is a matter for the enforcing court, a credit-report debt for the lender.',
    );
  }
  if (!record.obligation || record.obligationPerformed) {
    throw new DomainError(
      'NOT_DEFERRABLE',
      record.obligation
        ? 'The obligation of this record is already recorded as performed: there is nothing to defer.'
        : 'This record states no obligation (such as a fine) that could be deferred.',
    );
  }
  const [open] = await ctx.tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.type, 'deferral'), eq(cases.recordId, record.id), eq(cases.status, 'open')));
  if (open) {
    throw new DomainError(
      'NOT_DEFERRABLE',
      `A deferral of this obligation is already being decided or kept (case ${open.id}).`,
      { deferralCaseId: open.id },
    );
  }
  const input: DeferralInput = {
    recordId: record.id,
    subjectId: record.subjectId,
    request: filing.request as DeferralInput['request'],
    hardship: String(filing.hardship),
    proposal: filing.proposal as string | undefined,
    appliedOn: chinaDateOf(ctx.at),
    obligation: record.obligation,
  };
  return {
    machineInput: { ...input },
    subjectId: record.subjectId,
    recordId: record.id,
    // The agency that made the finding decides (its agency users see and act on the case).
    agencyId: record.agencyId,
  };
}

async function prepareReview(filing: Record<string, unknown>, ctx: OpeningContext): Promise<PreparedOpening> {
  // Re-examination (复核) exists only where a local rule provides it; elsewhere the remedies are
  // 行政复议 and 行政诉讼, which the decision lists.
  if (!reExaminationOffered(ctx.policy.rules)) {
    throw new DomainError(
      'NOT_REVIEWABLE',
      `Re-examination (复核) is not provided under ${citationIn('en', ctx.policy.title)} (${citationIn('en', ctx.policy.rules.review.offered?.source ?? 'no rule provides it')}). You may apply for administrative review (行政复议) within ${remedyWindows.administrativeReview.amount} days of knowing of the decision (${citationIn('en', remedyWindows.administrativeReview.source)}), or sue within ${remedyWindows.administrativeLitigation.amount} months (${citationIn('en', remedyWindows.administrativeLitigation.source)}).`,
    );
  }
  const [parent] = await ctx.tx
    .select()
    .from(cases)
    .where(eq(cases.id, String(filing.parentCaseId)));
  if (!parent || (ctx.actor.role === 'citizen' && parent.subjectId !== ctx.actor.subjectId)) {
    throw new DomainError('CASE_NOT_FOUND', 'No such case among yours.');
  }
  if (!mayBeReviewed(parent)) {
    throw new DomainError(
      'NOT_REVIEWABLE',
      `A ${parent.type} that is ${parent.outcome ?? parent.state} cannot be reviewed; review is for a dismissed, unresolved or rejected objection and a refused repair.`,
    );
  }
  const [earlier] = await ctx.tx
    .select({ id: cases.id, outcome: cases.outcome, status: cases.status })
    .from(cases)
    .where(
      and(
        eq(cases.type, 'review'),
        eq(cases.parentCaseId, parent.id),
        // A review refused or withdrawn decided nothing: the decision may be brought again.
        notInArray(
          cases.state,
          statesOfType('review', (meta) => meta.decidedNothing === true),
        ),
      ),
    );
  if (earlier) {
    throw new DomainError(
      'NOT_REVIEWABLE',
      `This decision is already ${earlier.status === 'open' ? 'under re-examination' : 're-examined'} (case ${earlier.id}); a decided re-examination is challenged by administrative review (行政复议) or in court (行政诉讼).`,
      { reviewCaseId: earlier.id },
    );
  }
  const windowDays = ctx.policy.rules.review.applicationWindowDays.value;
  let windowEnds: Date;
  try {
    windowEnds = addCalendarDays(ctx.calendar, parent.closedAt!, windowDays);
  } catch (error) {
    // The window's last day lies in a year the calendar lacks, so whether a holiday moves it is
    // unknown: the applicant gets the benefit of the doubt for the longest run of holidays
    // (Spring Festival, 9 days) and one more; acceptance review looks at such cases.
    if (!isDomainError(error, 'CALENDAR_YEAR_MISSING')) throw error;
    windowEnds = new Date(endOfChinaDay(chinaDayOf(parent.closedAt!) + windowDays).getTime() + 10 * 86_400_000);
  }
  const late = ctx.at > windowEnds;
  // Even with a justified delay, not past one year from the decision. No re-examination rule
  // was read: the year is 行政复议法 art. 20(3)'s outer limit, borrowed (unverified).
  const outerLimit = addMonthsIso(chinaDateOf(parent.closedAt!), remedyWindows.administrativeReviewUntold.amount);
  if (late && chinaDateOf(ctx.at) > outerLimit) {
    throw new DomainError(
      'REVIEW_WINDOW_PASSED',
      `More than a year has passed since the decision (${outerLimit}): re-examination can no longer be asked for (a limit borrowed from ${citationIn('en', remedyWindows.administrativeReviewUntold.source)}; no re-examination rule was read).`,
    );
  }
  if (late && !filing.lateJustification) {
    throw new DomainError(
      'REVIEW_WINDOW_PASSED',
      `The window for review closed at the end of ${chinaDateOf(new Date(windowEnds.getTime() - 1))} (${windowDays} days from the decision, ${citationIn('en', ctx.policy.rules.review.applicationWindowDays.source)}). If you could not apply in time for a reason beyond your control, apply again with lateJustification saying why.`,
      { windowEnds: windowEnds.toISOString() },
    );
  }
  // The parent's filing (its first event) and the event that closed it (its last).
  const events = await ctx.tx
    .select()
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, parent.id),
        eq(caseEvents.caseOpenedAt, parent.openedAt),
        inArray(caseEvents.seq, [1, parent.version]),
      ),
    )
    .orderBy(asc(caseEvents.seq));
  const { attachments: _files, ...parentFiling } = (events[0]?.payload ?? {}) as Record<string, unknown>;
  const input: ReviewInput = {
    parentCaseId: parent.id,
    grounds: String(filing.grounds),
    lateJustification: filing.lateJustification as string | undefined,
    parentType: parent.type,
    parentFiling,
    recordId: parent.recordId,
    subjectId: parent.subjectId,
    late,
    // Whoever made the decision under review: the actor of the event that closed the case.
    originalDeciderId: events.at(-1)?.actorUserId ?? null,
    extensionDays: ctx.policy.rules.review.extensionDays.value,
  };
  return {
    machineInput: { ...input },
    subjectId: parent.subjectId,
    recordId: parent.recordId,
    agencyId: parent.agencyId,
    parentCaseId: parent.id,
  };
}

/**
 * An administrative review (行政复议) the citizen filed with the review body, about a decision
 * against them in xiufu. Refused before a case exists: a decision that went their way, one
 * already under review or reviewed, a repeat after withdrawal (art. 74(2)), and an application
 * out of the window of art. 20 (60 days from knowing of the act; the obstacle of 20(2) stops the
 * count; never told of the right: at most a year, 20(3)) or past art. 21's five years.
 */
async function prepareAdministrativeReview(
  filing: Record<string, unknown>,
  ctx: OpeningContext,
): Promise<PreparedOpening> {
  const [parent] = await ctx.tx
    .select()
    .from(cases)
    .where(eq(cases.id, String(filing.parentCaseId)));
  if (!parent || (ctx.actor.role === 'citizen' && parent.subjectId !== ctx.actor.subjectId)) {
    throw new DomainError('CASE_NOT_FOUND', 'No such case among yours.');
  }
  if (!endedAdversely(parent) || !parent.closedAt) {
    throw new DomainError(
      'NOT_REVIEWABLE',
      `A ${parent.type} that is ${parent.outcome ?? parent.state} did not decide against you: there is nothing to bring to administrative review.`,
    );
  }
  const earlier = await ctx.tx
    .select({ id: cases.id, status: cases.status, outcome: cases.outcome, closedAt: cases.closedAt })
    .from(cases)
    .where(and(eq(cases.type, 'administrative-review'), eq(cases.parentCaseId, parent.id)))
    .orderBy(desc(cases.openedAt));
  const barring = statesOfType('administrative-review', (meta) => meta.barsRepeatFiling === true);
  const withdrawn = earlier.find((e) => e.outcome !== null && barring.includes(e.outcome));
  if (withdrawn) {
    throw new DomainError(
      'REPEAT_APPLICATION',
      `You withdrew an administrative review of this decision on ${chinaDateOf(withdrawn.closedAt!)} (case ${withdrawn.id}). A withdrawn application cannot be filed again on the same facts and grounds (行政复议法 art. 74(2)); only a withdrawal shown to be against your true will reopens it.`,
      { withdrawnCaseId: withdrawn.id },
    );
  }
  // An open review, or one that decided the matter (not refused, withdrawn or terminated).
  const decidedNothing = statesOfType('administrative-review', (meta) => meta.decidedNothing === true);
  const standing = earlier.find(
    (e) => e.status === 'open' || (e.outcome !== null && !decidedNothing.includes(e.outcome)),
  );
  if (standing) {
    throw new DomainError(
      'NOT_REVIEWABLE',
      standing.status === 'open'
        ? `This decision is already under administrative review (case ${standing.id}).`
        : `This decision was already decided on administrative review (case ${standing.id}); the way on is the court, within ${remedyWindows.litigationAfterReview.amount} days of receiving that decision (${citationIn('en', remedyWindows.litigationAfterReview.source)}).`,
      { reviewCaseId: standing.id },
    );
  }
  refuseOutOfWindow(filing, chinaDateOf(parent.closedAt), ctx);
  const events = await ctx.tx
    .select({ payload: caseEvents.payload })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, parent.id), eq(caseEvents.caseOpenedAt, parent.openedAt), eq(caseEvents.seq, 1)));
  const { attachments: _files, ...parentFiling } = (events[0]?.payload ?? {}) as Record<string, unknown>;
  const input: AdministrativeReviewInput = {
    parentCaseId: parent.id,
    parentType: parent.type,
    parentFiling,
    recordId: parent.recordId,
    subjectId: parent.subjectId,
    reviewBody: String(filing.reviewBody),
    filedOn: String(filing.filedOn),
    learnedOn: String(filing.learnedOn),
    toldOfRight: filing.toldOfRight === true,
    obstacle: typeof filing.obstacle === 'string' ? filing.obstacle : null,
    grounds: String(filing.grounds),
    request: String(filing.request),
  };
  return {
    machineInput: { ...input },
    subjectId: parent.subjectId,
    recordId: parent.recordId,
    agencyId: parent.agencyId,
    parentCaseId: parent.id,
  };
}

/**
 * 行政复议法 arts. 20–21: the application window, counted from the day the person knew of the
 * act (never before it was made), by the counting rules (a last day on a rest day moves on).
 */
function refuseOutOfWindow(filing: Record<string, unknown>, decidedOn: string, ctx: OpeningContext): void {
  const filedOn = String(filing.filedOn);
  const learnedOn = String(filing.learnedOn);
  const refuse = (message: string, details: Record<string, unknown> = {}) => {
    throw new DomainError('REVIEW_WINDOW_PASSED', message, details);
  };
  if (learnedOn < decidedOn || learnedOn > filedOn) {
    throw new DomainError(
      'INVALID_INPUT',
      'The day you learned of the decision lies before it was made or after you applied.',
      {
        issues: [{ path: 'learnedOn', message: `must lie between ${decidedOn} and ${filedOn}` }],
      },
    );
  }
  // Art. 21: the review body does not accept an application more than 5 years after the act.
  if (filedOn > addMonthsIso(decidedOn, 60)) {
    refuse(
      `More than five years have passed since the decision of ${decidedOn}: it can no longer be reviewed (行政复议法 art. 21).`,
    );
  }
  // Art. 20(2): an obstacle beyond the person's control stops the count until it ends.
  const obstacleDays =
    filing.obstacle && filing.obstacleFrom && filing.obstacleUntil && filing.obstacleUntil >= filing.obstacleFrom
      ? (Date.parse(String(filing.obstacleUntil)) - Date.parse(String(filing.obstacleFrom))) / 86_400_000 + 1
      : 0;
  if (filing.obstacle && obstacleDays === 0) {
    throw new DomainError('INVALID_INPUT', 'Say from when until when the obstacle kept you from applying.', {
      issues: [{ path: 'obstacleUntil', message: 'give obstacleFrom and obstacleUntil, the end not before the start' }],
    });
  }
  const window =
    filing.toldOfRight === true ? remedyWindows.administrativeReview : remedyWindows.administrativeReviewUntold;
  let lastDay: string | null;
  try {
    // The obstacle's days are added to the count (they did not run), before a last day on a rest day moves on.
    const amount = window.unit === 'calendar' ? window.amount + obstacleDays : window.amount;
    lastDay = countDeadline(ctx.calendar, window.unit, new Date(`${learnedOn}T04:00:00Z`), amount).lastDay;
    if (window.unit !== 'calendar' && obstacleDays > 0)
      lastDay = isoDateOfDay(chinaDayOf(new Date(`${lastDay}T04:00:00Z`)) + obstacleDays);
  } catch (error) {
    if (!isDomainError(error, 'CALENDAR_YEAR_MISSING')) throw error;
    lastDay = null; // cannot be counted yet: the review body judges it; xiufu does not guess against the person
  }
  if (lastDay && filedOn > lastDay) {
    refuse(
      filing.toldOfRight === true
        ? `The window for administrative review ended on ${lastDay}: ${window.amount} days from ${learnedOn}, the day you learned of the decision${obstacleDays > 0 ? `, with the ${obstacleDays} days of the obstacle added (art. 20(2))` : ''} (${citationIn('en', window.source)}). If something beyond your control kept you from applying, state the obstacle and its dates.`
        : `Even when the decision did not tell you of the right to review or its window, the application must come within one year of learning of the decision: that year ended on ${lastDay} (${citationIn('en', window.source)}).`,
      { lastDay },
    );
  }
}

/** The record, if the filer is its subject (or the case is opened by a parent case). */
async function subjectsRecord(ctx: OpeningContext, recordId: string) {
  const [record] = await ctx.tx.select().from(creditRecords).where(eq(creditRecords.id, recordId));
  const filingFor = ctx.onBehalfOf ?? ctx.actor.subjectId;
  const own = record && (ctx.parent !== null || (ctx.actor.role === 'citizen' && record.subjectId === filingFor));
  if (!record || !own) throw new DomainError('RECORD_NOT_FOUND', 'No such record among yours.');
  return refuseDeleted(record);
}

async function anyRecord(ctx: OpeningContext, recordId: string) {
  const [record] = await ctx.tx.select().from(creditRecords).where(eq(creditRecords.id, recordId));
  if (!record) throw new DomainError('RECORD_NOT_FOUND', 'No such record.');
  return refuseDeleted(record);
}

/** A deleted credit-report record is a tombstone: there is nothing left to object to or correct. */
function refuseDeleted<T extends { status: string }>(record: T): T {
  if (record.status === 'deleted')
    throw new DomainError(
      'RECORD_NOT_FOUND',
      'This record was deleted at the end of its keeping period (征信业管理条例 art. 16).',
    );
  return record;
}

async function platformsOf(ctx: OpeningContext, agencyId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ id: agencyPlatforms.platformId })
    .from(agencyPlatforms)
    .where(eq(agencyPlatforms.agencyId, agencyId));
  return rows.map((r) => r.id).sort();
}

/**
 * 征信业管理条例 art. 25 and sound practice: an objection dismissed on its merits is not filed
 * again on the same grounds; new facts or evidence are needed, else the way on is review.
 */
async function refuseRepeatObjection(
  ctx: OpeningContext,
  recordId: string,
  filing: Record<string, unknown>,
): Promise<void> {
  const [dismissed] = await ctx.tx
    .select({ id: cases.id, closedAt: cases.closedAt })
    .from(cases)
    .where(
      and(
        eq(cases.type, 'objection'),
        eq(cases.recordId, recordId),
        inArray(
          cases.outcome,
          statesOfType('objection', (meta) => meta.barsRepeatFiling === true),
        ),
      ),
    )
    .orderBy(desc(cases.closedAt))
    .limit(1);
  if (dismissed && !filing.newFacts && !ctx.hasEvidence) {
    throw new DomainError(
      'REPEAT_OBJECTION',
      `An objection to this record was dismissed on ${chinaDateOf(dismissed.closedAt!)} (case ${dismissed.id}). A new objection needs new facts or new evidence (say what is new in newFacts, or attach it); to challenge the dismissal itself, apply for administrative review (行政复议) within ${remedyWindows.administrativeReview.amount} days of knowing of it (${citationIn('en', remedyWindows.administrativeReview.source)})${reExaminationOffered(ctx.policy.rules) ? `, or for re-examination (复核) of that case within ${ctx.policy.rules.review.applicationWindowDays.value} days of the decision` : ''}.`,
      { dismissedCaseId: dismissed.id },
    );
  }
}

/** A case type's states (across its versions) whose meta passes the test. */
function statesOfType(type: CaseTypeName, test: (meta: CaseStateMeta) => boolean): string[] {
  return statesWhere(test).find((entry) => entry.type === type)?.states ?? [];
}
