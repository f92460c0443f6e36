// The one door through which a case changes. Given a case's next snapshot (computed by the
// machine's pure transition()), it writes, in the caller's transaction: the snapshot with
// version + 1 (only if nobody else moved the case first), the case's clock, the audit event
// chained to the one before it, and the effects the machine asked for. open-case.ts and
// apply-case-event.ts are its only callers.
import { and, eq } from 'drizzle-orm';
import type { AnyMachineSnapshot } from 'xstate';
import { caseEvents, cases } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { CaseType } from '../../machines/index.js';
import { genesisHash, hashAuditEvent } from '../domain/audit-chain.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import { nextCaseClock, type CaseClock } from '../domain/case-clock.js';
import { DomainError } from '../domain/errors.js';
import type { PolicyVersion } from '../domain/policy.js';
import type { Actor } from '../domain/roles.js';
import { carryOutCaseEffects, caseEffectsOf } from './carry-out-case-effects.js';
import { clockDirectiveOf, persistSnapshot, stateNameOf } from './case-runtime.js';

export type CaseRow = typeof cases.$inferSelect;

export interface CaseChange {
  caseType: CaseType;
  /** The case as loaded (its version is the one the change was computed from); null when opening. */
  current: CaseRow | null;
  /** For a new case: the row's identity and ownership. */
  opening?: Pick<CaseRow, 'id' | 'type' | 'subjectId' | 'recordId' | 'agencyId' | 'idempotencyKey' | 'filingHash'>;
  next: AnyMachineSnapshot;
  actions: readonly { type: string; params?: unknown }[];
  actor: Actor;
  event: string;
  payload: unknown;
  policy: PolicyVersion;
  /** Loaded before the transaction (and cached): PGlite cannot run a second query meanwhile. */
  calendar: WorkingDayCalendar;
  at: Date;
}

export async function commitCaseChange(tx: Executor, change: CaseChange): Promise<CaseRow> {
  const { current, next, actor, at } = change;
  const clock: CaseClock | null = nextCaseClock(current?.clock ?? null, clockDirectiveOf(next), at, change.policy, change.calendar);
  const state = stateNameOf(next);
  const closed = next.status === 'done';
  const fields = {
    state,
    status: closed ? ('closed' as const) : ('open' as const),
    outcome: closed ? state : null,
    snapshot: persistSnapshot(change.caseType, next),
    clock,
    dueAt: clock?.dueAt ? new Date(clock.dueAt) : null,
    updatedAt: at,
    closedAt: closed ? at : null,
  };

  let row: CaseRow;
  let prevHash: string;
  if (current === null) {
    const opening = change.opening;
    if (!opening) throw new Error('commitCaseChange: a new case needs its opening fields');
    [row] = (await tx
      .insert(cases)
      .values({
        ...opening,
        ...fields,
        machineVersion: change.caseType.machineVersion,
        version: 1,
        openedByUserId: actor.userId,
        policyVersionId: change.policy.id,
        openedAt: at,
      })
      .returning()) as [CaseRow];
    prevHash = genesisHash;
  } else {
    // The version in the WHERE makes concurrent writers of one version queue on the row lock;
    // the first commits, the rest find the version moved on and change nothing.
    const updated = await tx
      .update(cases)
      .set({
        ...fields,
        version: current.version + 1,
        // Working a case claims it: the first staff member to act on an unassigned case owns it.
        assigneeId: current.assigneeId ?? (actor.role === 'reviewer' || actor.role === 'supervisor' ? actor.userId : null),
      })
      .where(and(eq(cases.id, current.id), eq(cases.version, current.version)))
      .returning();
    if (updated.length === 0) throw versionConflict(current.version);
    row = updated[0]!;
    const [previous] = await tx
      .select({ hash: caseEvents.hash })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.seq, current.version)));
    if (!previous) throw new Error(`case ${row.id} has no audit event ${current.version}`);
    prevHash = previous.hash;
  }

  const content = {
    caseId: row.id,
    seq: row.version,
    actorUserId: actor.userId,
    actorRole: actor.role,
    at: at.toISOString(),
    event: change.event,
    fromState: current?.state ?? null,
    toState: state,
    payload: change.payload ?? {},
  };
  await tx.insert(caseEvents).values({ ...content, at, prevHash, hash: hashAuditEvent(content, prevHash) });
  await carryOutCaseEffects(tx, row.id, caseEffectsOf(change.actions), at);
  return row;
}

export function versionConflict(expected: number, actual?: number): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `The case has changed since version ${expected}${actual ? ` (it is now at ${actual})` : ''}; reload it and try again.`,
    actual ? { currentVersion: actual } : {},
  );
}
