// The one door through which a case changes. `changeCase` loads the case (404 unless the actor
// may see it, 409 on a stale version), restores its snapshot, lets the caller's `decide` say what
// the change is (or refuse it by throwing), computes the next snapshot with the machine's pure
// transition(), and commits: in one transaction, the snapshot with version + 1 (only if nobody
// else moved the case first), the case's clock, the audit event chained to the one before it,
// and the effects the machine asked for. Every change of an existing case goes through it (an
// actor's event, a claim or reassignment, a timer, a calendar year loaded); `openCaseWithin`
// commits a new case the same way.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { initialTransition, transition } from 'xstate';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { accessLog, attachments, caseEvents, cases, notifications, outbox, policyVersions } from '../../db/schema.js';
import type { CaseEffect } from '../../machines/case-events.js';
import type { AttachmentReceipt } from '../domain/attachments.js';
import { type Executor, isConnectionLost } from '../../db/client.js';
import type { CaseType, CaseTypeName } from '../../machines/index.js';
import { genesisHash, hashAuditEvent } from '../domain/audit-chain.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import {
  clockDueOn,
  extendCaseClock,
  clockFromReceipt,
  nextCaseClock,
  nextOtherClocks,
  recountCaseClock,
  type CaseClock,
} from '../domain/case-clock.js';
import { slaMomentsOf, warnBeforeDaysOf, warningMomentOf } from '../domain/sla.js';
import { nextTimerAtOf } from '../domain/case-timers.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { checkedPolicyVersion, completedPolicyVersion, type PolicyVersion } from '../domain/policy.js';
import type { OnBehalfRelation } from '../domain/on-behalf.js';
import type { Actor } from '../domain/roles.js';
import { type AccessAction, accessEntryOf } from './access-log.js';
import {
  type CaseRowLike,
  carryOutCaseEffects,
  caseEffectsOf,
  effectsInTheCaseWrite,
  subjectNotificationRowsOf,
} from './carry-out-case-effects.js';
import { type CaseRow, type LoadedCase, loadCase, writeCaseChange } from './case-store.js';
import { noticeDecisionOf } from '../domain/decision-notice.js';
import type { ServiceContext } from './context.js';
import { canSeeCase, transitionNotAllowed } from './case-access.js';
import {
  caseTypeOf,
  caseTypeOfCase,
  clockDirectiveOf,
  otherDeadlinesOf,
  persistSnapshot,
  restoreSnapshot,
  stateMetaOf,
  stateNameOf,
} from './case-runtime.js';
import type { TrailEventName } from './case-trail-events.js';
import { prepareDecisionNotice } from './decision-notices.js';
import { isAbortedTransaction } from './database-errors.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { prepareCaseInput } from './prepare-case-input.js';
import { parseInput } from './validate-input.js';
import type { PreparedAttachment } from './prepare-attachments.js';

export type { CaseRow, LoadedCase } from './case-store.js';

export interface CaseChange {
  caseType: CaseType;
  /** The case as loaded (its version is the one the change was computed from); null when opening. */
  current: LoadedCase | null;
  /** For a new case: the row's identity and ownership. */
  opening?: Pick<
    CaseRow,
    'id' | 'type' | 'subjectId' | 'recordId' | 'agencyId' | 'idempotencyKey' | 'filingHash' | 'parentCaseId'
  > &
    Partial<
      Pick<
        CaseRow,
        | 'filedFromAddressLookup'
        | 'filedFromAddressMasked'
        | 'onBehalfRelation'
        | 'contactPhoneSealed'
        | 'contactPhoneLookup'
        | 'contactPhoneMasked'
        | 'applicationId'
      >
    >;
  next: AnyMachineSnapshot;
  actions: readonly { type: string; params?: unknown }[];
  actor: Actor;
  event: TrailEventName;
  payload: unknown;
  policy: PolicyVersion;
  /** Loaded before the transaction (and cached): PGlite cannot run a second query meanwhile. */
  calendar: WorkingDayCalendar;
  at: Date;
  /** Evidence that comes with this change; stored, and its hashes written into the audit event. */
  attachments?: readonly PreparedAttachment[];
  /** Set to change who works the case (a claim, a reassignment); otherwise whoever works it keeps it. */
  assignTo?: { userId: string | null };
  /** The deadline that has passed: its clock records the breach (DEADLINE_BREACHED). */
  breached?: string;
  /** The deadline whose warning point has come: its clock records the warning (DEADLINE_WARNED). */
  warned?: string;
  /** Where a new clock counts from another moment than `at` (see CaseDecision.clockFrom). */
  clockFrom?: Date;
  /** The address decision notices print their verification link under (ServiceContext.publicUrl). */
  publicUrl?: string | undefined;
  /** Staff told of the change (see CaseDecision.notifyStaff). */
  notifyStaff?: readonly StaffNotification[];
  /** Columns of the case the change sets beside its state (see CaseDecision.caseFields). */
  caseFields?: CaseFields;
  /**
   * The actor is shown the case as changed (the API answers with it): the access register's
   * entry for that read is written with the change, not after it in a statement of its own.
   */
  registerView?: AccessAction;
}

/** The case's columns a decision may set beside its state: an authorisation found not valid. */
export type CaseFields = Partial<
  Pick<CaseRow, 'authorisationRejectedAt' | 'authorisationRejectedBy' | 'authorisationRejectedReason'>
>;

/** A notification to a member of staff, written with the change (in-app, and the outbox for mail). */
export interface StaffNotification {
  userId: string;
  /** What happened, as a key the UI words in the reader's language (ui/notification-wording.ts). */
  topic: string;
  data: Record<string, string>;
}

async function commitCaseChange(tx: Executor, change: CaseChange): Promise<CaseRow> {
  const { current, next, actor, at } = change;
  const effects = caseEffectsOf(change.actions);
  const extension = effects.reduce((days, e) => (e.type === 'extendClock' ? days + e.params.days : days), 0);
  const clockBefore =
    current?.clock && extension > 0
      ? extendCaseClock(current.clock, extension, change.calendar)
      : (current?.clock ?? null);
  const counted: CaseClock | null = nextCaseClock(
    clockBefore,
    clockDirectiveOf(next),
    at,
    change.policy,
    change.calendar,
    change.clockFrom,
  );
  // A state whose due date a decision set (a deferral's next instalment) names it as an effect.
  const setDue = effects.findLast((e) => e.type === 'setClockDue');
  // A deadline that counts from a receipt (行政复议法 arts. 31, 48) starts on the day received, not now.
  const receipts = effects.flatMap((e) => (e.type === 'countClockFrom' ? [e.params] : []));
  const fromReceipt = (c: CaseClock): CaseClock => {
    const receipt = receipts.findLast((r) => r.deadline === c.deadline);
    return receipt ? clockFromReceipt(c, receipt.receivedOn, at, change.policy, change.calendar) : c;
  };
  const dueSet =
    counted && setDue?.type === 'setClockDue'
      ? clockDueOn(counted.deadline, setDue.params.dueOn, at, change.policy, change.calendar)
      : counted;
  const nextClock = dueSet && fromReceipt(dueSet);
  const others = otherDeadlinesOf(next);
  const otherClocks = nextOtherClocks(
    current?.otherClocks ?? [],
    others.running,
    others.paused,
    at,
    change.policy,
    change.calendar,
  ).map((c) => withSla(fromReceipt(c), change, at));
  const clock = nextClock ? withSla(nextClock, change, at) : null;
  const state = stateNameOf(next);
  const closed = next.status === 'done' || stateMetaOf(next).closed === true;
  const fields = {
    // The version whose machine wrote the snapshot: a migration moves a case to another.
    machineVersion: change.caseType.version,
    state,
    status: closed ? ('closed' as const) : ('open' as const),
    outcome: closed ? state : null,
    snapshot: persistSnapshot(change.caseType, next),
    clock,
    otherClocks,
    dueAt: clock?.dueAt ? new Date(clock.dueAt) : null,
    // The timers are the clocks' (src/domain/case-timers.ts): their next moment is written here,
    // in the case's own UPDATE, so no change costs a statement for its timers. A closed case
    // waits for nothing.
    nextTimerAt: closed ? null : nextTimerAtOf([clock, ...otherClocks]),
    materialRequests: materialRequestsOf(next),
    ...slaColumnsOf(clock, otherClocks),
    updatedAt: at,
    closedAt: closed ? at : null,
  };

  const eventOf = (theCase: { id: string; openedAt: Date }, seq: number, prevHash: string, payload: unknown) => {
    const content = {
      caseId: theCase.id,
      seq,
      actorUserId: actor.userId,
      actorRole: actor.role,
      at: at.toISOString(),
      event: change.event,
      fromState: current?.state ?? null,
      toState: state,
      payload,
    };
    return { ...content, caseOpenedAt: theCase.openedAt, at, prevHash, hash: hashAuditEvent(content, prevHash) };
  };
  const effectHooks = (parent: () => Promise<CaseRow>) => ({
    jurisdiction: change.policy.jurisdiction,
    actorUserId: actor.userId,
    dueOf: (deadline: string) =>
      [clock, ...otherClocks].find((c) => c?.deadline === deadline && !c.stoppedAt)?.dueAt ?? null,
    openLinkedCase: async (type: string, filing: Record<string, unknown>) =>
      openCaseWithin(tx, {
        type,
        filing,
        actor,
        at,
        policy: change.policy,
        calendar: change.calendar,
        parent: await parent(),
        files: [],
        idempotencyKey: null,
        filingHash: null,
      }),
  });

  if (current === null) {
    const opening = change.opening;
    if (!opening) throw new Error('commitCaseChange: a new case needs its opening fields');
    const [row] = (await tx
      .insert(cases)
      .values({
        ...opening,
        ...fields,
        version: 1,
        openedByUserId: actor.userId,
        policyVersionId: change.policy.id,
        openedAt: at,
      })
      .returning()) as [CaseRow];
    const payload = await payloadWithReceipts(tx, change, row.id, 1);
    await tx.insert(caseEvents).values(eventOf(row, 1, genesisHash, payload));
    const hooks = effectHooks(async () => row);
    const notices = subjectNotificationsOf(row, effects, at, hooks.dueOf);
    if (notices.notifications.length > 0)
      await Promise.all([
        tx.insert(notifications).values(notices.notifications),
        tx.insert(outbox).values(notices.outbox),
      ]);
    await carryOutCaseEffects(tx, row, effects, at, hooks);
    return row;
  }

  // Everything a change writes is known before it is written (the head hash came with the case):
  // the case, its audit event, notifications and the access-register entry go as one statement
  // (case-store.ts), whose UPDATE names the version, so concurrent writers of one version queue on
  // the row lock; the first commits, the rest find the version moved on and write nothing.
  const version = current.version + 1;
  const received = await payloadWithReceipts(tx, change, current.id, version);
  // A decision comes with its written notice: the PDF is drawn now, so that its hash is in the
  // decision's audit event and the file can be drawn again and checked against the trail.
  const notice = await prepareDecisionNotice(tx, {
    theCase: current,
    machineVersion: change.caseType.version,
    event: change.event,
    payload: received as Record<string, unknown>,
    seq: version,
    state,
    closed,
    actor,
    at,
    policy: change.policy,
    calendar: change.calendar,
    publicUrl: change.publicUrl,
  });
  const payload = notice ? { ...(received as Record<string, unknown>), notice: notice.trail } : received;
  const written = {
    ...fields,
    ...change.caseFields,
    version,
    assigneeId: change.assignTo ? change.assignTo.userId : current.assigneeId,
  };
  const hooks = effectHooks(async () => (await updated) ?? Promise.reject(versionConflict(current.version)));
  const theCase = {
    id: current.id,
    version,
    openedByUserId: current.openedByUserId,
    onBehalfRelation: current.onBehalfRelation,
  };
  const subjectNotices = subjectNotificationsOf(theCase, effects, at, hooks.dueOf);
  const staffNotices = (change.notifyStaff ?? []).map((n) => staffNotificationOf(current.id, n, at));
  const viewEntry = change.registerView
    ? accessEntryOf(
        actor,
        { subjectId: current.subjectId, caseId: current.id, recordId: current.recordId, action: change.registerView },
        at,
      )
    : null;
  // The row as written is known here, so nothing of it comes back: returning the whole row would
  // send the snapshot back over the wire to be parsed again, a large share of an event's CPU.
  const { headHash: _head, readAt: _read, ...before } = current;
  const updated = writeCaseChange(tx, {
    caseId: current.id,
    fromVersion: current.version,
    fromRow: current.readAt,
    set: written,
    event: eventOf(current, version, current.headHash, payload),
    alongside: [
      { table: notifications, rows: [...subjectNotices.notifications, ...staffNotices.map((n) => n.notification)] },
      { table: outbox, rows: [...subjectNotices.outbox, ...staffNotices.map((n) => n.outbox)] },
      { table: accessLog, rows: viewEntry ? [viewEntry] : [] },
    ],
  }).then((applied): CaseRow | null => (applied ? { ...before, ...written } : null));
  // What else the change does runs in the same transaction, sent with the statement above.
  const settled = await Promise.allSettled([
    updated,
    carryOutCaseEffects(tx, theCase, effects, at, hooks),
    ...(notice ? [notice.write(tx)] : []),
  ]);
  const [row] = settled;
  // A version that moved on is the answer, whatever the statements after the UPDATE met (the
  // rest of the transaction is then aborted).
  if (row.status === 'fulfilled' && row.value === null) throw versionConflict(current.version);
  const failures = settled.flatMap((w) => (w.status === 'rejected' ? [w.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((e) => !isAbortedTransaction(e)) ?? failures[0];
  return (row as PromiseFulfilledResult<CaseRow>).value;
}

/**
 * Whether a change writes nothing but its one statement (the case, its event, notifications, an
 * access entry): then it needs no transaction of its own. Evidence (stored first, for its ids),
 * a decision notice (drawn from reads) and other effects (records, linked cases) take one.
 */
function writesOneStatement(change: CaseChange): boolean {
  return (
    (change.attachments ?? []).length === 0 &&
    noticeDecisionOf(change.caseType.name, change.event) === null &&
    caseEffectsOf(change.actions).every((e) => effectsInTheCaseWrite.has(e.type))
  );
}

/** The rows of every notifySubject effect of the change (subjectNotificationRowsOf). */
function subjectNotificationsOf(
  theCase: CaseRowLike,
  effects: readonly CaseEffect[],
  at: Date,
  dueOf: (deadline: string) => string | null,
) {
  const rows = effects.flatMap((e) =>
    e.type === 'notifySubject' ? [subjectNotificationRowsOf(theCase, e.params, at, dueOf)] : [],
  );
  return { notifications: rows.flatMap((r) => r.notifications), outbox: rows.flatMap((r) => r.outbox) };
}

/** A notification to a member of staff, in-app, and its outbox row for mail. */
function staffNotificationOf(caseId: string, n: StaffNotification, at: Date) {
  return {
    notification: { userId: n.userId, caseId, topic: n.topic, data: n.data, createdAt: at },
    outbox: {
      caseId,
      kind: 'notification',
      payload: { userId: n.userId, topic: n.topic, data: n.data },
      createdAt: at,
      availableAt: at,
    },
  };
}

/** Evidence that comes with a change is stored first; its receipts go into the audit event. */
async function payloadWithReceipts(tx: Executor, change: CaseChange, caseId: string, seq: number): Promise<unknown> {
  const receipts: AttachmentReceipt[] = [];
  for (const file of change.attachments ?? []) {
    const [stored] = await tx
      .insert(attachments)
      .values({ ...file, caseId, eventSeq: seq, uploadedByUserId: change.actor.userId, createdAt: change.at })
      .returning({ id: attachments.id });
    receipts.push({
      id: stored!.id,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      ...(file.kind ? { kind: file.kind } : {}),
    });
  }
  return receipts.length > 0
    ? { ...(change.payload as Record<string, unknown>), attachments: receipts }
    : (change.payload ?? {});
}

/** How many times the case asked for material (一次性告知), for the supervisors' "asked again" list. */
function materialRequestsOf(snapshot: AnyMachineSnapshot): number {
  const requests = (snapshot.context as { materialRequests?: unknown } | undefined)?.materialRequests;
  return Array.isArray(requests) ? requests.length : 0;
}

function slaColumnsOf(clock: CaseClock | null, otherClocks: CaseClock[]) {
  const moments = slaMomentsOf(clock, otherClocks);
  return {
    slaBreachAt: moments.breachAt,
    slaWarningAt: moments.warningAt,
    slaRunning: moments.running,
    slaPaused: moments.paused,
  };
}

/** A clock with its SLA warning point, and its breach or warning where this change records one. */
function withSla(clock: CaseClock, change: CaseChange, at: Date): CaseClock {
  const warned =
    change.warned === clock.deadline && clock.dueAt
      ? { ...clock, warnedAt: at.toISOString(), warnedDueAt: clock.dueAt }
      : clock;
  const breached =
    change.breached === clock.deadline && warned.dueAt && !warned.breachedAt
      ? { ...warned, breachedAt: at.toISOString() }
      : warned;
  const warningAt = breached.dueAt
    ? warningMomentOf(
        breached,
        warnBeforeDaysOf(breached, change.policy.deadlines[breached.deadline]?.warnBeforeDays),
        change.calendar,
      )
    : null;
  return { ...breached, warningAt: warningAt?.toISOString() ?? null };
}

export interface CaseOpening {
  type: string;
  filing: Record<string, unknown>;
  actor: Actor;
  at: Date;
  policy: PolicyVersion;
  calendar: WorkingDayCalendar;
  parent: CaseRow | null;
  files: readonly PreparedAttachment[];
  idempotencyKey: string | null;
  filingHash: string | null;
  /**
   * The repair application that files this case with others (file-repair-application.ts): kept
   * on the row and in the FILED event, so each case's trail names the application it came in.
   */
  applicationId?: string | null;
  /** Where a person's filing came from, hashed and masked (the agent rule counts subjects per address). */
  filedFrom?: { lookup: string; masked: string } | null;
  /** The new case's id, when the caller needs it before (a contact phone is sealed bound to it). */
  caseId?: string;
  /** A filing on someone's behalf: the subject it is for, and the filer's relation to them. */
  onBehalf?: { subjectId: string; relation: OnBehalfRelation } | null;
  /** The filing's contact phone, sealed for this case (contact-phone-vault.ts). */
  contactPhone?: { sealed: string; lookup: string; masked: string } | null;
}

/** Opens a case in the caller's transaction: filed by a person, or linked from its parent. */
export async function openCaseWithin(tx: Executor, opening: CaseOpening): Promise<CaseRow> {
  const caseType = caseTypeOf(opening.type);
  const filing = opening.parent
    ? parseInput(caseType.filing, opening.filing, `The ${opening.type} filing`)
    : opening.filing;
  const prepared = await prepareCaseInput(opening.type as CaseTypeName, filing, {
    tx,
    actor: opening.actor,
    at: opening.at,
    policy: opening.policy,
    calendar: opening.calendar,
    parent: opening.parent,
    hasEvidence: opening.files.length > 0,
    onBehalfOf: opening.parent ? null : (opening.onBehalf?.subjectId ?? null),
  });
  const [next, actions] = initialTransition(caseType.machine, prepared.machineInput);
  return commitCaseChange(tx, {
    caseType,
    current: null,
    opening: {
      id: opening.caseId ?? randomUUID(),
      type: opening.type,
      subjectId: prepared.subjectId,
      recordId: prepared.recordId,
      agencyId: prepared.agencyId,
      idempotencyKey: opening.idempotencyKey,
      filingHash: opening.filingHash,
      parentCaseId: opening.parent?.id ?? prepared.parentCaseId ?? null,
      applicationId: opening.applicationId ?? null,
      filedFromAddressLookup: opening.parent ? null : (opening.filedFrom?.lookup ?? null),
      filedFromAddressMasked: opening.parent ? null : (opening.filedFrom?.masked ?? null),
      onBehalfRelation: opening.parent ? null : (opening.onBehalf?.relation ?? null),
      contactPhoneSealed: opening.parent ? null : (opening.contactPhone?.sealed ?? null),
      contactPhoneLookup: opening.parent ? null : (opening.contactPhone?.lookup ?? null),
      contactPhoneMasked: opening.parent ? null : (opening.contactPhone?.masked ?? null),
    },
    next,
    actions,
    actor: opening.actor,
    event: 'FILED',
    payload: opening.parent
      ? { ...filing, parentCaseId: opening.parent.id }
      : opening.applicationId
        ? { ...filing, applicationId: opening.applicationId }
        : filing,
    policy: opening.policy,
    calendar: opening.calendar,
    at: opening.at,
    attachments: opening.files,
  });
}

/** Who asks for a change of which case, and the version they saw. */
export interface CaseChangeRequest {
  caseId: string;
  actor: Actor;
  /**
   * The version the actor saw (If-Match): the change applies to that version only (else 409).
   * Absent for the engine's own changes, which are decided from the case as it is now.
   */
  expectedVersion?: number;
}

/** The case as `decide` sees it: loaded, with its snapshot restored by its machine. */
export interface CaseAtHand {
  current: LoadedCase;
  caseType: CaseType;
  snapshot: AnyMachineSnapshot;
  policy: PolicyVersion;
  actor: Actor;
  /** The moment of the change (the clock is read once, so the whole change has one time). */
  at: Date;
}

/** What a change does to the case, as `decide` found it. */
export interface CaseDecision {
  /** What the audit trail records: the actor's event, or one of the engine's own. */
  event: TrailEventName;
  /** The event handed to the machine; absent when its state stays as it is (a claim, a breach noted). */
  send?: EventObject;
  /** What the audit event carries. */
  payload: unknown;
  /**
   * Who works the case afterwards (a claim, a reassignment, a reviewer taking the case by working
   * it); absent: whoever works it now keeps it.
   */
  assignTo?: { userId: string | null };
  attachments?: readonly PreparedAttachment[];
  /** The deadline that has passed: its clock records the breach. */
  breached?: string;
  /** The deadline whose warning point has come: its clock records that it was warned of. */
  warned?: string;
  /**
   * The moment a clock the change starts counts from, where not the change's own: silence's
   * consequence takes effect on the last day of the period that lapsed (an application deemed
   * accepted when the acceptance period ends, 行政复议法 art. 30), not at the timer's midnight.
   */
  clockFrom?: Date;
  /**
   * Staff to tell of the change, in the same transaction (a reassignment tells the reviewer who
   * lost the case and the one who got it).
   */
  notifyStaff?: readonly StaffNotification[];
  /** Columns of the case set with the change (an authorisation staff found not valid). */
  caseFields?: CaseFields;
  /**
   * A declared migration (machines/migrations.ts): the case goes on under this version of its
   * type, in the snapshot that version reads, its running clocks kept or recounted under the
   * policy's rules. Nothing is sent to a machine; `effects` are what the migration declares the
   * move does (a notice to the subject), carried out like a machine's.
   */
  migrateTo?: {
    caseType: CaseType;
    snapshot: AnyMachineSnapshot;
    recountClocks: boolean;
    effects?: readonly { type: string; params?: unknown }[];
  };
}

/** Says what the change is, or refuses it by throwing a DomainError. Pure: no I/O. */
export type DecideCaseChange = (theCase: CaseAtHand) => CaseDecision;

/**
 * The door: one change of one case. The case is read (no transaction holds a read: the write
 * names the version it read), the change decided, and written: as one statement where that is
 * all it writes (writesOneStatement), else in a transaction of its own.
 */
export async function changeCase(
  ctx: ServiceContext,
  request: CaseChangeRequest,
  decide: DecideCaseChange,
  options: { registerView?: AccessAction } = {},
): Promise<CaseRow> {
  // PGlite runs one query at a time and a transaction holds its connection: the calendar is read
  // (or taken from its cache) before the transaction starts, never inside it through ctx.db.
  const calendar = await loadWorkingDayCalendar(ctx.db);
  let trustRemembered = true;
  for (let attempt = 1; ; attempt += 1) {
    const at = ctx.now();
    let remembered = false;
    let writing = false;
    try {
      const loaded = await loadCaseForChange(ctx.db, request, { trustRemembered });
      remembered = loaded.current.readAt.remembered;
      const planned = plannedChange(loaded, request, decide, { calendar, at, publicUrl: ctx.publicUrl, ...options });
      writing = true;
      return writesOneStatement(planned)
        ? await commitCaseChange(ctx.db, planned)
        : await ctx.db.transaction((tx) => commitCaseChange(tx, planned));
    } catch (error) {
      // A database out of reach is the answer, whatever row the change was decided on.
      if (isConnectionLost(error)) throw error;
      // A change decided on the row this process remembered is decided again on the row as read
      // when it wrote nothing, was refused or failed: something may have changed the row since
      // (another process, a job, a hand behind the engine), and only a success is told from the
      // remembered row; anything else comes from the row as stored.
      if (remembered) {
        trustRemembered = false;
        continue;
      }
      // A change that wrote nothing met another write of the row first. It is decided again on
      // the row as read: where the version moved on, a person's change gets the 409 (with the
      // version now) from that read; where only the row did (a timer putting its next moment
      // right), or the change named no version (xiufu's own: a calendar year loaded), it is
      // decided on the case as it now is.
      if (!writing || attempt >= 3 || !isDomainError(error, 'VERSION_CONFLICT')) throw error;
    }
  }
}

/**
 * The door inside a transaction the caller holds, for a change that must commit or fail together
 * with the caller's own writes (a timer is claimed in the same transaction as its consequence).
 */
export async function changeCaseWithin(
  tx: Executor,
  request: CaseChangeRequest & { calendar: WorkingDayCalendar; at: Date; publicUrl?: string | undefined },
  decide: DecideCaseChange,
): Promise<CaseRow> {
  return commitCaseChange(tx, plannedChange(await loadCaseForChange(tx, request), request, decide, request));
}

/** The change a decision makes of the case as loaded: what commitCaseChange writes. */
function plannedChange(
  loaded: Awaited<ReturnType<typeof loadCaseForChange>>,
  request: CaseChangeRequest,
  decide: DecideCaseChange,
  moment: { calendar: WorkingDayCalendar; at: Date; publicUrl?: string | undefined; registerView?: AccessAction },
): CaseChange {
  const { current, caseType, policy } = loaded;
  const theCase: CaseAtHand = {
    current,
    caseType,
    snapshot: restoreSnapshot(caseType, current),
    policy,
    actor: request.actor,
    at: moment.at,
  };
  const { decision, next, actions } = planCaseChange(theCase, decide);
  const recount = (clock: CaseClock) => recountCaseClock(clock, policy, moment.calendar);
  return {
    caseType: decision.migrateTo?.caseType ?? caseType,
    // A migration that recounts hands the clocks on recounted; the commit carries them on from there.
    current: decision.migrateTo?.recountClocks
      ? { ...current, clock: current.clock && recount(current.clock), otherClocks: current.otherClocks.map(recount) }
      : current,
    next,
    actions,
    actor: request.actor,
    event: decision.event,
    payload: decision.payload,
    policy,
    calendar: moment.calendar,
    at: moment.at,
    ...(decision.attachments ? { attachments: decision.attachments } : {}),
    ...(decision.assignTo ? { assignTo: decision.assignTo } : {}),
    ...(decision.breached ? { breached: decision.breached } : {}),
    ...(decision.warned ? { warned: decision.warned } : {}),
    ...(decision.clockFrom ? { clockFrom: decision.clockFrom } : {}),
    publicUrl: moment.publicUrl,
    ...(decision.notifyStaff ? { notifyStaff: decision.notifyStaff } : {}),
    ...(decision.caseFields ? { caseFields: decision.caseFields } : {}),
    ...(moment.registerView ? { registerView: moment.registerView } : {}),
  };
}

/**
 * The pure half of the door: the decision, and the snapshot it leads to. An event the machine
 * does not accept now is refused here, whoever decided to send it, so nothing is written for it.
 */
export function planCaseChange(
  theCase: CaseAtHand,
  decide: DecideCaseChange,
): { decision: CaseDecision; next: AnyMachineSnapshot; actions: readonly { type: string; params?: unknown }[] } {
  const decision = decide(theCase);
  const { snapshot } = theCase;
  if (decision.migrateTo)
    return { decision, next: decision.migrateTo.snapshot, actions: decision.migrateTo.effects ?? [] };
  if (!decision.send) return { decision, next: snapshot, actions: [] };
  if (!snapshot.can(decision.send)) throw transitionNotAllowed(decision.send.type, snapshot);
  const [next, actions] = transition(theCase.caseType.machine, snapshot, decision.send);
  return { decision, next, actions };
}

/**
 * The first steps of every change to an existing case: the row with its chain head (404 unless
 * the actor may see it), the version check (409, where the actor saw a version), its case type
 * and the policy version it runs under.
 */
async function loadCaseForChange(
  ex: Executor,
  request: CaseChangeRequest,
  memory: { trustRemembered: boolean } = { trustRemembered: false },
) {
  // Only a change that names a version can be decided on a remembered row: it is remembered for those.
  const remember = request.expectedVersion !== undefined;
  let current = await loadCase(ex, request.caseId, {
    atVersion: memory.trustRemembered ? request.expectedVersion : undefined,
    remember,
  });
  // Who may see a case is read from the case as stored, never from a row remembered.
  if (current?.readAt.remembered && !canSeeCase(request.actor, current))
    current = await loadCase(ex, request.caseId, { remember });
  if (!current || !canSeeCase(request.actor, current)) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
  if (request.expectedVersion !== undefined && current.version !== request.expectedVersion)
    throw versionConflict(request.expectedVersion, current.version);
  return { current, caseType: caseTypeOfCase(current), policy: await policyVersionOf(ex, current.policyVersionId) };
}

// A policy version never changes once written (a new rule is a new version), so each is read
// from the database once per process.
const policyCache = new Map<string, PolicyVersion>();

/** Forgets the versions read, for a test that rewrites a stored document (a process never does). */
export function forgetPolicyVersions(): void {
  policyCache.clear();
}

export async function policyVersionOf(tx: Executor, id: string): Promise<PolicyVersion> {
  const cached = policyCache.get(id);
  if (cached) return cached;
  const [policy] = await tx.select().from(policyVersions).where(eq(policyVersions.id, id));
  if (!policy) throw new Error(`The case's policy ${id} is missing.`);
  // Deadlines a later release added to the same version are read from the shipped one.
  const completed = completedPolicyVersion(checkedPolicyVersion(policy.document));
  policyCache.set(id, completed);
  return completed;
}

export function versionConflict(expected: number, actual?: number): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `The case has changed since version ${expected}${actual ? ` (it is now at ${actual})` : ''}; reload it and try again.`,
    actual ? { currentVersion: actual } : {},
  );
}
