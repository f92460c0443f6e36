// Carries out, inside the case's transaction, the effects a machine asked for: the disputed
// mark on a record, a corrected record version, and notifications written to the outbox for
// delivery after commit. Effects the machine names but this file does not know fail loudly.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { creditRecords, creditRecordVersions, notifications, outbox } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { isCaseEffect, type CaseEffect } from '../../machines/case-events.js';
import { DomainError } from '../domain/errors.js';
import { versionedFieldsOf } from './record-credit-information.js';

type MachineAction = { type: string; params?: unknown };

/** The effects among the actions transition() returned; XState's own actions are skipped. */
export function caseEffectsOf(actions: readonly MachineAction[]): CaseEffect[] {
  const effects: CaseEffect[] = [];
  for (const action of actions) {
    if (isCaseEffect(action)) effects.push(action);
    else if (!action.type.startsWith('xstate.')) throw new Error(`the machine asked for "${action.type}", which the case engine cannot carry out`);
  }
  return effects;
}

export async function carryOutCaseEffects(tx: Executor, caseId: string, effects: readonly CaseEffect[], at: Date): Promise<void> {
  for (const effect of effects) {
    switch (effect.type) {
      case 'markRecordDisputed': {
        const marked = await tx
          .update(creditRecords)
          .set({ disputedByCaseId: caseId, updatedAt: at })
          .where(and(eq(creditRecords.id, effect.params.recordId), isNull(creditRecords.disputedByCaseId)))
          .returning({ id: creditRecords.id });
        if (marked.length === 0) {
          throw new DomainError('OBJECTION_ALREADY_OPEN', 'This record already carries the disputed mark of another open objection.');
        }
        break;
      }
      case 'clearDisputedMark':
        await tx
          .update(creditRecords)
          .set({ disputedByCaseId: null, updatedAt: at })
          .where(and(eq(creditRecords.id, effect.params.recordId), eq(creditRecords.disputedByCaseId, caseId)));
        break;
      case 'correctRecord': {
        // One statement reads and bumps the version, so two corrections cannot share one.
        const [corrected] = await tx
          .update(creditRecords)
          .set({ ...effect.params.correction, status: 'corrected', version: sql`${creditRecords.version} + 1`, updatedAt: at })
          .where(eq(creditRecords.id, effect.params.recordId))
          .returning();
        if (!corrected) throw new DomainError('RECORD_NOT_FOUND', 'The record to correct no longer exists.');
        await tx.insert(creditRecordVersions).values({
          recordId: corrected.id,
          version: corrected!.version,
          fields: versionedFieldsOf(corrected!),
          changedByCaseId: caseId,
          changeReason: effect.params.reasons,
          createdAt: at,
        });
        break;
      }
      case 'notifySubject':
        // In-app now; the outbox row is for the other channels (SMS, mail) a relay delivers.
        await tx.insert(notifications).values({ subjectId: effect.params.subjectId, caseId, topic: effect.params.topic, data: effect.params.data, createdAt: at });
        await tx.insert(outbox).values({ caseId, kind: 'notification', payload: effect.params, createdAt: at, availableAt: at });
        break;
    }
  }
}
