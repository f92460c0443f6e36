// A subject's credit records as they see them: the display status (disputed while an
// objection runs), whether the record is public at all (credit-report records never are), the
// tombstone of a deleted one, and each record's version history.
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import {
  agencies,
  cases,
  creditRecords,
  creditRecordVersions,
  platforms,
  propagations,
  recordEvents,
  repairBans,
  subjects,
} from '../../db/schema.js';
import {
  displayPeriodStartOf,
  policyAtFinding,
  rulesAtFindingBasis,
  unperformedAtMaximumOf,
} from '../domain/policy.js';
import { DomainError } from '../domain/errors.js';
import { recordKindRuleOf } from '../domain/forums.js';
import { displayStatusOf, isPublicRecordKind } from '../domain/records.js';
import { mayRevealResidentId, seesWholeResidentId, type Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { logAccess } from './access-log.js';
import { openResidentId } from './resident-id-vault.js';
import { latestObligationSchedule, openDeferralCaseId } from './read-obligation-schedules.js';
import { obligationStandingOf } from '../domain/obligation-schedule.js';
import { chinaDateOf } from '../domain/calendar.js';
import { isShownStatus } from '../domain/display-period.js';
import type { PolicyRules, PolicySource } from '../domain/policy.js';
import { daysUntilRepair, firstRepairDayOf, minimumPeriodServed } from '../domain/repair-eligibility.js';

type RecordRow = typeof creditRecords.$inferSelect;

export function viewRecord(record: RecordRow, agencyName: string) {
  return {
    ...record,
    agencyName,
    storedStatus: record.status,
    status: displayStatusOf(record),
    disputed: record.disputedByCaseId !== null,
    publicKind: isPublicRecordKind(record.kind),
    // Who decides an objection about it, whether it can be repaired here, and (for the court
    // list) the period rule that replaces the class-based one: src/domain/forums.ts.
    kindRule: recordKindRuleOf(record.kind),
    // The first day a repair application is accepted (the day after the minimum period's last day).
    firstRepairDay: firstRepairDayOf(record.repairableFrom),
    deletedAt: record.deletedAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
export type RecordView = ReturnType<typeof viewRecord>;

/**
 * A repairable record whose minimum display period is still running: the first day an
 * application is accepted, how many days until then, and the rule that sets the date
 * (the class's minimum period, counted from the finding or publication, with its source).
 */
export interface RepairWait {
  firstDay: string;
  daysLeft: number;
  minimumMonths: number;
  countsFrom: 'publication' | 'finding';
  source: PolicySource;
}

export function repairWaitOf(rules: PolicyRules, record: RecordRow, today: string): RepairWait | null {
  const repairable =
    recordKindRuleOf(record.kind).repair.repairable && rules.repair.repairableKinds.includes(record.kind);
  if (!repairable || !isShownStatus(record.status) || minimumPeriodServed(record.repairableFrom, today)) return null;
  const rule = rules.displayPeriods[record.class];
  return {
    firstDay: firstRepairDayOf(record.repairableFrom)!,
    daysLeft: daysUntilRepair(record.repairableFrom, today),
    minimumMonths: rule.minimumMonths,
    countsFrom: displayPeriodStartOf(rules),
    source: rule.source,
  };
}

export async function listMyRecords(ctx: ServiceContext, actor: Actor): Promise<RecordView[]> {
  if (actor.role !== 'citizen' || !actor.subjectId)
    throw new DomainError('FORBIDDEN', 'Only a subject has records of their own.');
  const rows = await ctx.db
    .select({ record: creditRecords, agencyName: agencies.name })
    .from(creditRecords)
    .innerJoin(agencies, eq(agencies.id, creditRecords.agencyId))
    .where(eq(creditRecords.subjectId, actor.subjectId))
    .orderBy(desc(creditRecords.decisionDate), asc(creditRecords.id));
  return rows.map((r) => viewRecord(r.record, r.agencyName));
}

/** The subject a record is about; the identity number whole or masked by role (seesWholeResidentId). */
export interface SubjectView {
  name: string;
  residentId: string;
  masked: boolean;
  /** Whether this reader may ask to see the whole number (the asking is registered). */
  revealable: boolean;
  /** Shown whole because this reader asked (and the asking was registered). */
  revealed: boolean;
}

/**
 * One record with its history and its subject, if the actor may see it (a citizen: their own;
 * an agency: its own).
 */
export async function getRecord(
  ctx: ServiceContext,
  actor: Actor,
  recordId: string,
  options: { revealResidentId?: boolean } = {},
) {
  if (options.revealResidentId && !mayRevealResidentId(actor))
    throw new DomainError(
      'FORBIDDEN',
      'Only the reviewers and supervisors who decide cases may see a whole resident identity number.',
    );
  const [row] = await ctx.db
    .select({
      record: creditRecords,
      agencyName: agencies.name,
      subject: { name: subjects.name, sealed: subjects.residentIdSealed, masked: subjects.residentIdMasked },
    })
    .from(creditRecords)
    .innerJoin(agencies, eq(agencies.id, creditRecords.agencyId))
    .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
    .where(eq(creditRecords.id, recordId));
  const visible =
    row &&
    (actor.role === 'citizen'
      ? row.record.subjectId === actor.subjectId
      : actor.role === 'agency'
        ? row.record.agencyId === actor.agencyId
        : true);
  if (!row || !visible) throw new DomainError('RECORD_NOT_FOUND', 'No such record.');
  await logAccess(ctx, actor, { subjectId: row.record.subjectId, recordId: row.record.id, action: 'view_record' });
  // Asking for the whole number is a read of its own, registered before the number leaves.
  const whole = seesWholeResidentId(actor, row.record.subjectId) || options.revealResidentId === true;
  if (options.revealResidentId)
    await logAccess(ctx, actor, {
      subjectId: row.record.subjectId,
      recordId: row.record.id,
      action: 'reveal_resident_id',
    });
  const versions = await ctx.db
    .select()
    .from(creditRecordVersions)
    .where(and(eq(creditRecordVersions.recordId, recordId)))
    .orderBy(asc(creditRecordVersions.version));
  // An open referral of the record to its forum, if any (one at a time per record).
  const [referral] = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.recordId, recordId), eq(cases.type, 'referral'), eq(cases.status, 'open')))
    .limit(1);
  // A granted deferral's schedule is shown with the record; paying on it counts as on time.
  const obligationSchedule = await latestObligationSchedule(ctx.db, recordId);
  const deferralCaseId = await openDeferralCaseId(ctx.db, recordId);
  // Unresolved objections kept on record beside the record (征信业管理条例 art. 25: 予以记载).
  const kept = await ctx.db
    .select()
    .from(recordEvents)
    .where(and(eq(recordEvents.recordId, recordId), eq(recordEvents.event, 'OBJECTION_KEPT_ON_RECORD')))
    .orderBy(asc(recordEvents.at), asc(recordEvents.id));
  // The rules of its display are those in force on the day of its finding (认定之日), not today's.
  const atFinding = policyAtFinding(ctx.jurisdiction, row.record);
  const rules = atFinding.version.rules;
  const displayEnded = await displayEndedOf(ctx, row.record, versions);
  // Bars on repair of the subject that still run, or were lifted by a review (repair_bans).
  const bans = await ctx.db
    .select()
    .from(repairBans)
    .where(and(eq(repairBans.subjectId, row.record.subjectId), gte(repairBans.until, chinaDateOf(ctx.now()))))
    .orderBy(desc(repairBans.until));
  // The answers of the forum a referral went to (court, credit-reporting agency), beside the record.
  const forumAnswers = await ctx.db
    .select()
    .from(recordEvents)
    .where(and(eq(recordEvents.recordId, recordId), inArray(recordEvents.event, ['FORUM_ANSWER'])))
    .orderBy(asc(recordEvents.at), asc(recordEvents.id));
  const subject: SubjectView = {
    name: row.subject.name,
    residentId: whole ? openResidentId(ctx.keys, row.record.subjectId, row.subject.sealed!) : row.subject.masked!,
    masked: !whole,
    revealable: !whole && mayRevealResidentId(actor),
    revealed: options.revealResidentId === true,
  };
  return {
    ...viewRecord(row.record, row.agencyName),
    subject,
    openReferralCaseId: referral?.id ?? null,
    obligationSchedule,
    deferralCaseId,
    obligationStanding: obligationStandingOf(row.record, obligationSchedule),
    repairWait: repairWaitOf(rules, row.record, chinaDateOf(ctx.now())),
    history: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    displayEnded,
    objectionsOnRecord: kept.map((e) => ({
      at: e.at.toISOString(),
      caseId: String(e.details.caseId ?? ''),
      objection: String(e.details.objection ?? ''),
      supplements: (e.details.supplements as string[] | undefined) ?? [],
      verification: (e.details.verification as { finding: string; answer: string } | null | undefined) ?? null,
      reasons: e.reason,
    })),
    repairBans: bans.map((ban) => ({
      until: ban.until,
      reason: ban.reason,
      caseId: ban.caseId,
      liftedAt: ban.liftedAt?.toISOString() ?? null,
      liftedByCaseId: ban.liftedByCaseId,
    })),
    forumAnswers: forumAnswers.map((e) => ({
      at: e.at.toISOString(),
      caseId: String(e.details.caseId ?? ''),
      forum: String(e.details.forum ?? ''),
      outcome: String(e.details.outcome ?? ''),
      answeredOn: String(e.details.answeredOn ?? ''),
      answeredBy: String(e.details.answeredBy ?? ''),
      reference: (e.details.reference as string | null | undefined) ?? null,
      answer: e.reason,
    })),
    // The rules of its display, those in force at its finding: which version, what the period
    // counts from, and what happens at its maximum while the obligation is unperformed (NDRC Order 36).
    displayRule: {
      countsFrom: displayPeriodStartOf(rules),
      atMaximumUnperformed: unperformedAtMaximumOf(rules, row.record.kind),
      policyVersionId: atFinding.version.id,
      policyTitle: atFinding.version.title,
      foundOn: atFinding.foundOn,
      chosenBy: atFinding.by,
      basis: rulesAtFindingBasis,
    },
  };
}

/**
 * When public display of a repaired or expired record ended (the version that made it so), and
 * for each platform the change was sent to whether it confirmed the stop (propagations of that
 * version or later: relay-outbox.ts delivers, staff confirm the manual ones). Null while shown.
 */
async function displayEndedOf(
  ctx: ServiceContext,
  record: RecordRow,
  versions: (typeof creditRecordVersions.$inferSelect)[],
) {
  if (record.status !== 'repaired' && record.status !== 'expired') return null;
  let ending: (typeof versions)[number] | undefined;
  for (const [i, version] of versions.entries()) {
    const status = (version.fields as { status?: string }).status;
    const before = i > 0 ? (versions[i - 1]!.fields as { status?: string }).status : undefined;
    if (status === record.status && before !== record.status) ending = version;
  }
  if (!ending) return null;
  const sent = await ctx.db
    .select({
      platformName: platforms.name,
      status: propagations.status,
      acknowledgedAt: propagations.acknowledgedAt,
      recordVersion: propagations.recordVersion,
    })
    .from(propagations)
    .innerJoin(platforms, eq(platforms.id, propagations.platformId))
    .where(and(eq(propagations.recordId, record.id), gte(propagations.recordVersion, ending.version)))
    .orderBy(asc(platforms.name), desc(propagations.recordVersion));
  // The latest word of each platform.
  const byPlatform = new Map<string, (typeof sent)[number]>();
  for (const row of sent) if (!byPlatform.has(row.platformName)) byPlatform.set(row.platformName, row);
  return {
    at: ending.createdAt.toISOString(),
    status: record.status,
    changedByCaseId: ending.changedByCaseId,
    platforms: [...byPlatform.values()].map((p) => ({
      name: p.platformName,
      confirmedAt: p.status === 'acknowledged' ? (p.acknowledgedAt?.toISOString() ?? null) : null,
    })),
  };
}
