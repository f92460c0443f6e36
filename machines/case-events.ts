// What every case machine declares about the events a person may send: the roles that may
// send it and the input it needs. The API validates with these schemas, authorisation reads
// the roles, the OpenAPI document and the UI list them; nothing keeps a second list.
import { z } from 'zod';
import type { Role } from '../src/domain/roles.js';
import type { DeadlineKey } from '../src/domain/policy.js';
import { type RefusalReasonCode, reasonCodeOf } from '../src/domain/refusal-reasons.js';
import { plainText } from '../src/domain/text.js';

export interface CaseEventMeta<Input extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  input: Input;
  /** One line for people: what sending this event means. */
  description: string;
  /** Whether evidence files may come with the event (their hashes go into its audit entry). */
  attachments?: boolean;
  /**
   * Conflict of interest: the name of a context field holding a user id that may not send this
   * event (e.g. the drafter may not approve their own draft). The case engine enforces it.
   */
  notBy?: string;
  /**
   * Set where a guard of the event reads its payload (a draft's content, a review's outcome):
   * such an event is offered wherever its state handles it, and the payload decides when sent.
   */
  payloadGuarded?: true;
}

/** Who sent an event: the case engine adds it to every event it hands to a machine. */
export interface EventActor {
  userId: string;
  role: Role;
}

export type CaseEventCatalog = Record<string, CaseEventMeta>;

/** The events a machine receives, from its catalog: each with its input and who sent it. */
export type CaseEventsOf<Catalog extends CaseEventCatalog> = {
  [K in keyof Catalog]: { type: K; actor?: EventActor } & z.infer<Catalog[K]['input']>;
}[keyof Catalog];

/** The reasons a decision gives, in every case type alike. */
export const reasons = plainText({ max: 5_000, required: 'give the reasons' });

/**
 * The input of a decision against the person (issue 16 item 3): why, from the decision's closed
 * list of reason codes, and the officer's own words. Every case type's adverse events use it.
 */
export function adverseDecision<const Codes extends readonly [RefusalReasonCode, ...RefusalReasonCode[]]>(
  codes: Codes,
) {
  return z.object({ reasonCode: reasonCodeOf(codes), reasons });
}

/** The reason code an event carries, where its version asks for one (older versions' events have none). */
export function reasonCodeIn(event: object): { reasonCode?: RefusalReasonCode } {
  const code = (event as { reasonCode?: RefusalReasonCode }).reasonCode;
  return code ? { reasonCode: code } : {};
}

/** Who may act for the office: the roles of most decisions. */
export const staff = ['reviewer', 'supervisor'] as const;

/** State meta: the deadline a state runs under, or that it pauses the clock. */
export interface CaseStateMeta {
  deadline?: DeadlineKey;
  /** Further deadlines that run in this state beside its own, across states (e.g. reporting a result). */
  deadlines?: DeadlineKey[];
  clockPaused?: true;
  /** Whoever should act next, for queues, the citizen's view and the approvals list. */
  waitingOn: 'reviewer' | 'supervisor' | 'agency' | 'citizen' | 'platform' | 'review_body' | 'nobody';
  /**
   * A resting state in which the case counts as closed although an event may still come
   * (a repaired record whose repair can be revoked, a published explanation the subject may
   * withdraw).
   */
  closed?: true;
  /**
   * The event xiufu itself sends when this state's deadline passes (the law's consequence of
   * silence: an application deemed accepted, material deemed not supplied), instead of only
   * recording a breach.
   */
  onDeadline?: string;
  /** A final state whose outcome the subject may challenge by re-examination (复核) where the profile provides it. */
  reviewable?: true;
  /**
   * A final (or resting) state that decided against the person: its decision states the remedies
   * open to them (src/domain/remedies.ts). Every reviewable state is adverse too.
   */
  adverse?: true;
  /** A final state after which a new filing of the type about the same record needs new facts. */
  barsRepeatFiling?: true;
  /** A final state in which the case decided nothing (refused, withdrawn): the matter may be brought again. */
  decidedNothing?: true;
}

/** A state's meta: whose move it is, and what else the state means to the rest of the system. */
export function stateMeta(
  waitingOn: CaseStateMeta['waitingOn'],
  extra: Omit<CaseStateMeta, 'waitingOn'> = {},
): CaseStateMeta {
  return { waitingOn, ...extra };
}

export type NotificationTopic =
  | 'material_requested'
  | 'case_closed'
  | 'case_opened'
  | 'referral_sent'
  | 'deferral_granted'
  | 'instalment_missed'
  | 'repair_ban_lifted'
  | 'record_changed_by_forum';

/** Effects a machine asks for, as the names of its actions; the case engine carries them out. */
export interface CaseEffectParams {
  markRecordDisputed: { recordId: string };
  /**
   * Lifts the mark this case set, or (markedByCaseId) the mark of the objection whose upholding
   * opened this correction: the mark stays until the correction is applied (征信业管理条例 art. 25).
   */
  clearDisputedMark: { recordId: string; markedByCaseId?: string };
  /**
   * Keeps an unresolved objection on record beside the record (征信业管理条例 art. 25: 予以记载):
   * what the subject objected, the verification, and why it could not be resolved.
   */
  keepObjectionOnRecord: {
    recordId: string;
    subjectId: string;
    objection: string;
    supplements: string[];
    verification: { finding: string; answer: string } | null;
    reasons: string;
  };
  /** A new version of the record with these fields, or its removal from publication. */
  correctRecord: { recordId: string; correction: Record<string, unknown>; remove: boolean; reasons: string };
  /** topic: a key the UI words in the reader's language; data: the values it needs. */
  notifySubject: {
    subjectId: string;
    topic: NotificationTopic;
    data: Record<string, string>;
    /** A deadline the case now runs whose due moment the notification states (data.dueAt). */
    dueOf?: DeadlineKey;
  };
  /** Opens a linked case (its parent is this case) with this filing. */
  openLinkedCase: { type: string; filing: Record<string, unknown> };
  /**
   * Tells every platform that publishes the record about its current version, and, for a repair,
   * what to do with it (信用修复管理办法 art. 3: stop publishing and sharing, lift related measures).
   */
  propagateRecord: { recordId: string; platformIds: string[]; instruction?: PropagationInstruction };
  /** Ends the record's display early (an approved repair). */
  markRecordRepaired: { recordId: string };
  /** Shows the record again (a repair revoked for false material). */
  restoreRecordDisplay: { recordId: string };
  /** Bars the subject from credit repair for a period. */
  banRepair: { subjectId: string; months: number; reason: string };
  /** Adds days to the running clock (a review's one extension). */
  extendClock: { days: number };
  /** Marks a platform's part of the propagation acknowledged. */
  recordAcknowledgement: { platformId: string };
  publishExplanation: { recordId: string; statement: string };
  withdrawExplanation: { recordId: string };
  /** Writes the schedule a deferral granted, as it now stands, for the record to show. */
  writeObligationSchedule: {
    recordId: string;
    subjectId: string;
    instalments: { dueOn: string; amount: number; paidOn: string | null }[];
    status: 'kept' | 'missed' | 'completed';
  };
  /** Records on the record (record_events) that an instalment of its schedule was missed. */
  recordInstalmentMissed: {
    recordId: string;
    subjectId: string;
    dueOn: string;
    amount: number;
    actorUserId: string | null;
  };
  /** A new version of the record with its obligation performed (the status stays as it is). */
  markObligationPerformed: { recordId: string };
  /** The running clock falls due at the end of this day: a date a decision set, not a count from the policy. */
  setClockDue: { dueOn: string };
  /**
   * Lifts the bar on repair that the repair case `bannedByCaseId` imposed (false material, a
   * revocation), because a re-examination (复核) or administrative review (行政复议) of that
   * decision went the person's way; the lifting goes on the record's trail and the subject is told.
   * Nothing happens where that case imposed no bar (a plain refusal).
   */
  liftRepairBan: { bannedByCaseId: string; subjectId: string; reason: string };
  /**
   * A deadline this state starts counts from the day something was received (a copy served on
   * the respondent, 行政复议法 art. 48; a notice to supplement, art. 31), not from the change.
   */
  countClockFrom: { deadline: DeadlineKey; receivedOn: string };
  /**
   * The answer of the forum a referral went to, on the record: a correction or deletion it made
   * becomes a new version of the record (with the forum, its reference and the date); an answer
   * that keeps the record is kept beside it.
   */
  applyForumAnswer: {
    recordId: string;
    subjectId: string;
    forum: string;
    outcome: 'corrected' | 'deleted' | 'maintained';
    answeredOn: string;
    answeredBy: string;
    reference: string | null;
    answer: string;
    correction: Record<string, unknown> | null;
  };
}
export type CaseEffectName = keyof CaseEffectParams;

/** What a platform is told to do with a record when a repair takes effect or is revoked. */
export interface PropagationInstruction {
  publication: 'stop' | 'resume';
  sharing: 'stop' | 'resume';
  relatedMeasures: 'lift' | 'reinstate';
}
export type CaseEffect = { [K in CaseEffectName]: { type: K; params: CaseEffectParams[K] } }[CaseEffectName];

export const caseEffectNames: readonly CaseEffectName[] = [
  'markRecordDisputed',
  'clearDisputedMark',
  'keepObjectionOnRecord',
  'correctRecord',
  'notifySubject',
  'openLinkedCase',
  'propagateRecord',
  'markRecordRepaired',
  'restoreRecordDisplay',
  'banRepair',
  'extendClock',
  'recordAcknowledgement',
  'publishExplanation',
  'withdrawExplanation',
  'writeObligationSchedule',
  'recordInstalmentMissed',
  'markObligationPerformed',
  'setClockDue',
  'liftRepairBan',
  'countClockFrom',
  'applyForumAnswer',
];

export function isCaseEffect(action: { type: string; params?: unknown }): action is CaseEffect {
  return (caseEffectNames as readonly string[]).includes(action.type);
}
