// Carries out, inside the case's transaction, the effects a machine asked for: the disputed
// mark, corrected, repaired or restored record versions (the old ones stay in the history),
// linked cases, propagation to the platforms that publish the record, bars on repair,
// explanations shown beside a record, and notifications (in-app, and the outbox for the
// other channels). Effects the machine names but this file does not know fail loudly.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  cases,
  creditRecords,
  creditRecordVersions,
  notifications,
  obligationSchedules,
  outbox,
  platforms,
  propagations,
  recordEvents,
  repairBans,
} from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { isCaseEffect, type CaseEffect, type PropagationInstruction } from '../../machines/case-events.js';
import { chinaDateOf } from '../domain/calendar.js';
import { addMonths, displayPeriodOf, shownStatuses } from '../domain/display-period.js';
import { type Jurisdiction, policyAtFinding } from '../domain/policy.js';
import { DomainError } from '../domain/errors.js';
import type { RecordStatus } from '../domain/records.js';
import { versionedFieldsOf } from './record-credit-information.js';

type MachineAction = { type: string; params?: unknown };
/** The case the effects are of; who filed it, where someone filed it on the subject's behalf. */
export type CaseRowLike = { id: string; version: number; openedByUserId?: string; onBehalfRelation?: string | null };

/** The effects among the actions transition() returned; XState's own actions are skipped. */
export function caseEffectsOf(actions: readonly MachineAction[]): CaseEffect[] {
  const effects: CaseEffect[] = [];
  for (const action of actions) {
    if (isCaseEffect(action)) effects.push(action);
    else if (!action.type.startsWith('xstate.'))
      throw new Error(`the machine asked for "${action.type}", which the case engine cannot carry out`);
  }
  return effects;
}

export interface EffectHooks {
  openLinkedCase(type: string, filing: Record<string, unknown>): Promise<unknown>;
  /**
   * The case's jurisdiction: a display period a correction moves follows the rules in force at
   * the record's finding (policyAtFinding), not the case's or today's.
   */
  jurisdiction: Jurisdiction;
  /** Who made the change (the record's own trail names them). */
  actorUserId: string;
  /** The due moment of a deadline the case runs after this change, if it is known. */
  dueOf(deadline: string): string | null;
}

export async function carryOutCaseEffects(
  tx: Executor,
  theCase: CaseRowLike,
  effects: readonly CaseEffect[],
  at: Date,
  hooks: EffectHooks,
): Promise<void> {
  const caseId = theCase.id;
  for (const effect of effects) {
    switch (effect.type) {
      case 'markRecordDisputed': {
        const marked = await tx
          .update(creditRecords)
          .set({ disputedByCaseId: caseId, updatedAt: at })
          .where(and(eq(creditRecords.id, effect.params.recordId), isNull(creditRecords.disputedByCaseId)))
          .returning({ id: creditRecords.id });
        if (marked.length === 0) {
          throw new DomainError(
            'OBJECTION_ALREADY_OPEN',
            'This record already carries the disputed mark of another open objection.',
          );
        }
        break;
      }
      case 'clearDisputedMark':
        await tx
          .update(creditRecords)
          .set({ disputedByCaseId: null, updatedAt: at })
          .where(
            and(
              eq(creditRecords.id, effect.params.recordId),
              eq(creditRecords.disputedByCaseId, effect.params.markedByCaseId ?? caseId),
            ),
          );
        break;
      case 'keepObjectionOnRecord': {
        const { recordId, subjectId, ...kept } = effect.params;
        await tx.insert(recordEvents).values({
          recordId,
          subjectId,
          at,
          event: 'OBJECTION_KEPT_ON_RECORD',
          actorUserId: hooks.actorUserId,
          reason: kept.reasons,
          details: { caseId, ...kept },
        });
        break;
      }
      case 'correctRecord':
        await writeRecordVersion(
          tx,
          effect.params.recordId,
          // A shown record becomes "corrected"; a repaired, expired or revoked one keeps its
          // status (correcting a typo does not publish it again).
          (current) => ({
            ...effect.params.correction,
            status: effect.params.remove
              ? 'revoked'
              : shownStatuses.includes(current.status as never)
                ? 'corrected'
                : current.status,
          }),
          effect.params.reasons,
          caseId,
          at,
          hooks.jurisdiction,
        );
        break;
      case 'markRecordRepaired':
        await writeRecordVersion(
          tx,
          effect.params.recordId,
          (current) => ({ status: shownStatuses.includes(current.status as never) ? 'repaired' : current.status }),
          'repaired: display ended early',
          caseId,
          at,
          hooks.jurisdiction,
        );
        break;
      case 'restoreRecordDisplay':
        // Only a repaired record comes back, and only while its display period lasts.
        await writeRecordVersion(
          tx,
          effect.params.recordId,
          (current) => ({
            status:
              current.status !== 'repaired'
                ? current.status
                : current.publishedUntil < chinaDateOf(at)
                  ? 'expired'
                  : 'published',
          }),
          'repair revoked: shown again',
          caseId,
          at,
          hooks.jurisdiction,
        );
        break;
      case 'banRepair':
        await tx.insert(repairBans).values({
          subjectId: effect.params.subjectId,
          caseId,
          until: addMonths(chinaDateOf(at), effect.params.months),
          reason: effect.params.reason,
          createdAt: at,
        });
        break;
      case 'propagateRecord':
        await propagate(tx, caseId, effect.params.recordId, effect.params.platformIds, at, effect.params.instruction);
        break;
      case 'recordAcknowledgement':
        await tx
          .update(propagations)
          .set({ status: 'acknowledged', acknowledgedAt: at })
          .where(
            and(
              eq(propagations.caseId, caseId),
              eq(propagations.platformId, effect.params.platformId),
              eq(propagations.status, 'pending'),
            ),
          );
        break;
      case 'openLinkedCase':
        await hooks.openLinkedCase(effect.params.type, effect.params.filing);
        break;
      case 'liftRepairBan': {
        const { bannedByCaseId, subjectId, reason } = effect.params;
        const lifted = await tx
          .update(repairBans)
          .set({ liftedAt: at, liftedByCaseId: caseId, liftReason: reason })
          .where(and(eq(repairBans.caseId, bannedByCaseId), isNull(repairBans.liftedAt)))
          .returning({ id: repairBans.id, until: repairBans.until });
        // A decision that imposed no bar (a plain refusal) has nothing to lift.
        if (lifted.length === 0) break;
        const [banned] = await tx.select({ recordId: cases.recordId }).from(cases).where(eq(cases.id, bannedByCaseId));
        for (const ban of lifted) {
          if (banned?.recordId)
            await tx.insert(recordEvents).values({
              recordId: banned.recordId,
              subjectId,
              at,
              event: 'REPAIR_BAN_LIFTED',
              actorUserId: hooks.actorUserId,
              reason,
              details: { caseId, bannedByCaseId, banId: ban.id, until: ban.until },
            });
          await notify(tx, caseId, { subjectId, topic: 'repair_ban_lifted', data: { until: ban.until } }, at);
        }
        break;
      }
      case 'applyForumAnswer': {
        const { recordId, subjectId, outcome, answeredOn, answeredBy, reference, answer, correction, forum } =
          effect.params;
        const said = `${answeredBy}, ${answeredOn}${reference ? `, ${reference}` : ''}`;
        if (outcome === 'corrected')
          await writeRecordVersion(
            tx,
            recordId,
            (current) => ({
              ...(correction ?? {}),
              status: shownStatuses.includes(current.status as never) ? 'corrected' : current.status,
            }),
            `corrected by the forum that decides (${said})`,
            caseId,
            at,
            hooks.jurisdiction,
          );
        else if (outcome === 'deleted')
          // The court deleted the entry from its list (SPC rules 2017 art. 10), the agency the item.
          await writeRecordVersion(
            tx,
            recordId,
            () => ({ status: 'revoked' }),
            `removed by the forum that decides (${said})`,
            caseId,
            at,
            hooks.jurisdiction,
          );
        // Every answer stands beside the record: a kept record shows why it was kept.
        await tx.insert(recordEvents).values({
          recordId,
          subjectId,
          at,
          event: 'FORUM_ANSWER',
          actorUserId: hooks.actorUserId,
          reason: answer,
          details: { caseId, forum, outcome, answeredOn, answeredBy, reference },
        });
        break;
      }
      case 'extendClock':
      case 'setClockDue':
      case 'countClockFrom':
        // Applied to the clock by the case engine before it writes the case row.
        break;
      case 'notifySubject':
        // Written by the case engine in the statement that writes the case (subjectNotificationRowsOf).
        break;
      case 'writeObligationSchedule':
        await tx
          .insert(obligationSchedules)
          .values({
            caseId,
            recordId: effect.params.recordId,
            subjectId: effect.params.subjectId,
            status: effect.params.status,
            instalments: effect.params.instalments,
            grantedAt: at,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: obligationSchedules.caseId,
            set: { status: effect.params.status, instalments: effect.params.instalments, updatedAt: at },
          });
        break;
      case 'recordInstalmentMissed': {
        const { recordId, subjectId, dueOn, amount, actorUserId } = effect.params;
        if (!actorUserId) throw new Error('recordInstalmentMissed needs the actor (the system user) of the event');
        await tx.insert(recordEvents).values({
          recordId,
          subjectId,
          at,
          event: 'INSTALMENT_MISSED',
          actorUserId,
          reason: `instalment due ${dueOn} not recorded as paid (deferral case ${caseId})`,
          details: { caseId, dueOn, amount },
        });
        break;
      }
      case 'markObligationPerformed':
        await writeRecordVersion(
          tx,
          effect.params.recordId,
          (current) => ({ obligationPerformed: true, status: current.status as RecordStatus }),
          'obligation performed on the schedule the agency granted',
          caseId,
          at,
          hooks.jurisdiction,
        );
        break;
      case 'publishExplanation':
        await tx
          .update(creditRecords)
          .set({ explanation: effect.params.statement, explanationCaseId: caseId, updatedAt: at })
          .where(eq(creditRecords.id, effect.params.recordId));
        break;
      case 'withdrawExplanation':
        await tx
          .update(creditRecords)
          .set({ explanation: null, explanationCaseId: null, updatedAt: at })
          .where(and(eq(creditRecords.id, effect.params.recordId), eq(creditRecords.explanationCaseId, caseId)));
        break;
    }
  }
}

/** The effects the case engine applies in its own write (to the clock, or as rows of its statement): carryOutCaseEffects skips them. */
export const effectsInTheCaseWrite: ReadonlySet<CaseEffect['type']> = new Set([
  'notifySubject',
  'extendClock',
  'setClockDue',
  'countClockFrom',
]);

type NotifySubject = Extract<CaseEffect, { type: 'notifySubject' }>['params'];

/**
 * What a notifySubject effect writes: the subject's notification and its outbox row (other
 * channels); where someone filed on the subject's behalf, the filer's in-app notification too,
 * since they act on it (supply material, withdraw) and read the same words.
 */
export function subjectNotificationRowsOf(
  theCase: CaseRowLike,
  params: NotifySubject,
  at: Date,
  dueOf: (deadline: string) => string | null,
): { notifications: (typeof notifications.$inferInsert)[]; outbox: (typeof outbox.$inferInsert)[] } {
  // A notification that names a deadline says when it falls due (a material request).
  const { dueOf: deadline, ...notification } = params;
  const dueAt = deadline ? dueOf(deadline) : null;
  const data = dueAt ? { ...notification.data, dueAt } : notification.data;
  const subject = subjectNotificationOf(theCase.id, { ...notification, data }, at);
  return {
    notifications: [
      subject.notification,
      ...(theCase.onBehalfRelation && theCase.openedByUserId
        ? [{ userId: theCase.openedByUserId, caseId: theCase.id, topic: notification.topic, data, createdAt: at }]
        : []),
    ],
    outbox: [subject.outbox],
  };
}

/** A subject's notification as rows: in-app, and the outbox row for the channels a relay delivers. */
function subjectNotificationOf(
  caseId: string,
  notification: { subjectId: string; topic: string; data: Record<string, string> },
  at: Date,
) {
  return {
    notification: {
      subjectId: notification.subjectId,
      caseId,
      topic: notification.topic,
      data: notification.data,
      createdAt: at,
    },
    outbox: { caseId, kind: 'notification', payload: notification, createdAt: at, availableAt: at },
  };
}

/** A notification to the subject: in-app now, and the outbox row for the other channels (SMS, mail) a relay delivers. */
export async function notify(
  tx: Executor,
  caseId: string,
  notification: { subjectId: string; topic: string; data: Record<string, string> },
  at: Date,
): Promise<void> {
  const rows = subjectNotificationOf(caseId, notification, at);
  // Sent together: both go out in the same round trip as the rest of the change.
  await Promise.all([tx.insert(notifications).values(rows.notification), tx.insert(outbox).values(rows.outbox)]);
}

type RecordRow = typeof creditRecords.$inferSelect;

/**
 * A new version of the record. The row is locked while its new fields are worked out from the
 * current ones; a change of kind, class or display start recomputes the display period from
 * the policy (it is never corrected by hand).
 */
async function writeRecordVersion(
  tx: Executor,
  recordId: string,
  fieldsFrom: (current: RecordRow) => Record<string, unknown> & { status: RecordStatus },
  reason: string,
  caseId: string,
  at: Date,
  jurisdiction: Jurisdiction,
): Promise<void> {
  const [current] = await tx.select().from(creditRecords).where(eq(creditRecords.id, recordId)).for('update');
  if (!current) throw new DomainError('RECORD_NOT_FOUND', 'The record to change no longer exists.');
  // Writing a version of a deleted record would bring its content back.
  if (current.status === 'deleted')
    throw new DomainError(
      'RECORD_NOT_FOUND',
      'The record was deleted at the end of its keeping period (征信业管理条例 art. 16).',
    );
  const fields = fieldsFrom(current);
  const merged = { ...current, ...fields } as RecordRow;
  const period = displayPeriodOf(policyAtFinding(jurisdiction, merged).version.rules, merged, merged.publishedFrom);
  const [changed] = await tx
    .update(creditRecords)
    .set({
      ...fields,
      repairableFrom: period.repairableFrom,
      publishedUntil: period.publishedUntil,
      version: sql`${creditRecords.version} + 1`,
      updatedAt: at,
    })
    .where(eq(creditRecords.id, recordId))
    .returning();
  if (!changed) throw new DomainError('RECORD_NOT_FOUND', 'The record to change no longer exists.');
  await tx.insert(creditRecordVersions).values({
    recordId: changed.id,
    version: changed.version,
    fields: versionedFieldsOf(changed),
    changedByCaseId: caseId,
    changeReason: reason,
    createdAt: at,
  });
}

/**
 * One propagation row per platform that publishes the record's agency's records, and an outbox
 * row per HTTP platform for the relay to deliver (manual platforms are confirmed by a person).
 */
async function propagate(
  tx: Executor,
  caseId: string,
  recordId: string,
  platformIds: string[],
  at: Date,
  instruction?: PropagationInstruction,
): Promise<void> {
  const [record] = await tx.select().from(creditRecords).where(eq(creditRecords.id, recordId));
  if (!record) throw new DomainError('RECORD_NOT_FOUND', 'The record to propagate no longer exists.');
  // The platforms the case waits for (registered when it opened), so each is told.
  if (platformIds.length === 0) return;
  const targets = await tx
    .select({ id: platforms.id, kind: platforms.kind })
    .from(platforms)
    .where(inArray(platforms.id, platformIds));
  for (const platform of targets) {
    await tx
      .insert(propagations)
      .values({ caseId, platformId: platform.id, recordId, recordVersion: record.version, createdAt: at })
      .onConflictDoUpdate({
        target: [propagations.caseId, propagations.platformId],
        set: { recordVersion: record.version, status: 'pending', acknowledgedAt: null },
      });
    if (platform.kind === 'http') {
      await tx.insert(outbox).values({
        caseId,
        kind: 'propagation',
        payload: {
          platformId: platform.id,
          recordId,
          recordVersion: record.version,
          // Order 36 art. 3: a repair stops publication and sharing and lifts the related measures.
          ...(instruction ? { instruction } : {}),
        },
        createdAt: at,
        availableAt: at,
      });
    }
  }
}
