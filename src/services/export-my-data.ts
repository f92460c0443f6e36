// Everything xiufu holds about a citizen, in one machine-readable file (个人信息保护法 art. 45:
// the right to access and copy): their account, the subject they are, every record with its
// versions, its events and any granted schedule for its obligation (a deleted credit-report record: the tombstone and its deletion), every case with its audit trail and evidence list, notifications and the register
// of who looked at their data, and their repair applications for several records.
import { asc, eq, inArray } from 'drizzle-orm';
import {
  attachments,
  caseEvents,
  cases,
  creditRecords,
  creditRecordVersions,
  notifications,
  obligationSchedules,
  recordEvents,
  repairApplications,
  subjects,
  users,
} from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { readAccessLog } from './access-log.js';
import type { ServiceContext } from './context.js';
import { openResidentId } from './resident-id-vault.js';

export async function exportMyData(ctx: ServiceContext, actor: Actor) {
  if (actor.role !== 'citizen' || !actor.subjectId)
    throw new DomainError('FORBIDDEN', 'The export is of a subject’s own data.');
  const subjectId = actor.subjectId;
  const [[account], [subject], records, caseRows, notes] = await Promise.all([
    ctx.db
      .select({
        username: users.username,
        displayName: users.displayName,
        email: users.email,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, actor.userId)),
    ctx.db.select().from(subjects).where(eq(subjects.id, subjectId)),
    ctx.db
      .select()
      .from(creditRecords)
      .where(eq(creditRecords.subjectId, subjectId))
      .orderBy(asc(creditRecords.decisionDate)),
    ctx.db.select().from(cases).where(eq(cases.subjectId, subjectId)).orderBy(asc(cases.openedAt)),
    ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.subjectId, subjectId))
      .orderBy(asc(notifications.createdAt)),
  ]);
  const recordIds = records.map((r) => r.id);
  const caseIds = caseRows.map((c) => c.id);
  const [versions, recordTrail, events, files, register, schedules, applications] = await Promise.all([
    recordIds.length
      ? ctx.db
          .select()
          .from(creditRecordVersions)
          .where(inArray(creditRecordVersions.recordId, recordIds))
          .orderBy(asc(creditRecordVersions.version))
      : [],
    ctx.db
      .select()
      .from(recordEvents)
      .where(eq(recordEvents.subjectId, subjectId))
      .orderBy(asc(recordEvents.at), asc(recordEvents.id)),
    caseIds.length
      ? ctx.db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).orderBy(asc(caseEvents.seq))
      : [],
    caseIds.length
      ? ctx.db
          .select({
            id: attachments.id,
            caseId: attachments.caseId,
            filename: attachments.filename,
            contentType: attachments.contentType,
            size: attachments.size,
            sha256: attachments.sha256,
            createdAt: attachments.createdAt,
          })
          .from(attachments)
          .where(inArray(attachments.caseId, caseIds))
      : [],
    readAccessLog(ctx, actor, { limit: 1000 }),
    ctx.db
      .select()
      .from(obligationSchedules)
      .where(eq(obligationSchedules.subjectId, subjectId))
      .orderBy(asc(obligationSchedules.grantedAt)),
    // Repair applications for several records: the commitment and the shared evidence list.
    ctx.db
      .select()
      .from(repairApplications)
      .where(eq(repairApplications.subjectId, subjectId))
      .orderBy(asc(repairApplications.filedAt)),
  ]);
  return {
    exportedAt: ctx.now().toISOString(),
    legalBasis: '个人信息保护法 art. 45',
    account,
    subject: subject && {
      id: subject.id,
      name: subject.name,
      residentId: subject.residentIdSealed
        ? openResidentId(ctx.keys, subject.id, subject.residentIdSealed)
        : subject.residentId,
      createdAt: subject.createdAt,
    },
    records: records.map((record) => ({
      ...record,
      versions: versions.filter((v) => v.recordId === record.id),
      events: recordTrail.filter((e) => e.recordId === record.id),
      // Schedules a deferral granted for the record's obligation (行政处罚法 art. 66).
      obligationSchedules: schedules.filter((schedule) => schedule.recordId === record.id),
    })),
    cases: caseRows.map((row) => ({
      id: row.id,
      type: row.type,
      state: row.state,
      status: row.status,
      outcome: row.outcome,
      openedAt: row.openedAt,
      closedAt: row.closedAt,
      parentCaseId: row.parentCaseId,
      applicationId: row.applicationId,
      details: (row.snapshot as { context?: unknown }).context ?? null,
      clock: row.clock,
      auditTrail: events.filter((e) => e.caseId === row.id),
      evidence: files.filter((f) => f.caseId === row.id),
    })),
    repairApplications: applications,
    notifications: notes,
    accessRegister: register,
  };
}
