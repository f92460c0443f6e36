// The hash chain over a case's audit events. Each event's hash covers a canonical (RFC 8785)
// serialisation of what happened and the previous event's hash, so altering, removing or
// reordering any stored event breaks every hash after it (国办发〔2016〕98号 4(2): protection
// against tampering). Pure: node:crypto's hash is deterministic and touches nothing, and the one
// memo (the date of the day last written, instantOf) changes no answer.
import { hash as digest } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The first event of a case chains to this. */
export const genesisHash = '0'.repeat(64);

export interface AuditEventContent {
  caseId: string;
  seq: number;
  actorUserId: string | null;
  actorRole: string;
  /** ISO instant, millisecond precision. */
  at: string;
  event: string;
  fromState: string | null;
  toState: string;
  payload: unknown;
}

export function hashAuditEvent(content: AuditEventContent, prevHash: string): string {
  // The one-shot hash (node >= 20.12) costs half of a Hash object for inputs this small.
  return digest('sha256', canonicalAuditEvent(content, prevHash), 'hex');
}

/**
 * The RFC 8785 form of an event and its previous hash. The envelope's keys are fixed, so they
 * are written in their sorted order directly, each value as JSON.stringify writes it (which is
 * what RFC 8785 prescribes for strings, null and integers); only the free-form payload goes
 * through the general canonicaliser. This is what lets a long trail verify at hundreds of
 * thousands of events a second; a unit test holds it equal to canonicalising the whole object.
 */
export function canonicalAuditEvent(content: AuditEventContent, prevHash: string): string {
  const payload = canonicalize(content.payload);
  if (payload === undefined || !Number.isSafeInteger(content.seq))
    throw new TypeError('audit event is not serialisable');
  const text = JSON.stringify;
  return `{"actorRole":${text(content.actorRole)},"actorUserId":${text(content.actorUserId)},"at":${text(content.at)},"caseId":${text(content.caseId)},"event":${text(content.event)},"fromState":${text(content.fromState)},"payload":${payload},"prevHash":${text(prevHash)},"seq":${content.seq},"toState":${text(content.toState)}}`;
}

export interface StoredAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | { valid: true; events: number; headHash: string }
  | { valid: false; events: number; brokenAtSeq: number; reason: string };

/**
 * A case's trail against the case itself: the chain must verify, and end at the case's version
 * and state — which the chain alone cannot tell (newest events cut off, a row moved without one).
 */
export function verifyCaseTrail(
  events: readonly StoredAuditEvent[],
  theCase: { version: number; state: string },
): ChainVerification {
  return verifyCaseSegments([verifyChainSegment(events)], theCase);
}

/** The same, for a trail verified in stretches (see ChainSegment). */
export function verifyCaseSegments(
  segments: readonly ChainSegment[],
  theCase: { version: number; state: string },
): ChainVerification {
  const verification = joinChainSegments(segments);
  if (!verification.valid) return verification;
  const { events } = verification;
  if (events !== theCase.version) {
    return {
      valid: false,
      events,
      brokenAtSeq: events + 1,
      reason: `the case is at version ${theCase.version} but its trail ends at event ${events}`,
    };
  }
  const lastState = segments.findLast((segment) => segment.last)?.last?.toState;
  if (lastState !== theCase.state) {
    return {
      valid: false,
      events,
      brokenAtSeq: events,
      reason: `the case is in state ${theCase.state} but its last event left it in ${lastState}`,
    };
  }
  return verification;
}

/** Re-derives every hash in order; the first mismatch is reported. */
export function verifyAuditChain(events: readonly StoredAuditEvent[]): ChainVerification {
  return joinChainSegments([verifyChainSegment(events)]);
}

/**
 * What one stretch of a trail (consecutive events, from any seq) says about itself: its own
 * hashes and links checked, and its ends, which joinChainSegments checks against its
 * neighbours. Stretches verify independently, so a long trail can be checked on several cores.
 */
export interface ChainSegment {
  events: number;
  first: { seq: number; prevHash: string } | null;
  last: { seq: number; hash: string; toState: string } | null;
  /** The first event in this stretch that does not verify against the one before it in the stretch. */
  broken: { seq: number; reason: string } | null;
}

export function verifyChainSegment(events: readonly StoredAuditEvent[]): ChainSegment {
  const head = events[0];
  const segment: ChainSegment = {
    events: events.length,
    first: head ? { seq: head.seq, prevHash: head.prevHash } : null,
    last: null,
    broken: null,
  };
  let before: StoredAuditEvent | undefined;
  for (const event of events) {
    if (before && event.seq !== before.seq + 1)
      return { ...segment, broken: { seq: before.seq + 1, reason: `event ${before.seq + 1} is missing` } };
    if (before && event.prevHash !== before.hash)
      return { ...segment, broken: { seq: event.seq, reason: 'previous hash does not match the event before it' } };
    // The event itself is the content: the hash reads its content's fields by name, so no copy
    // without prevHash and hash is made (a fifth of a long trail's verification, in a profile).
    if (hashAuditEvent(event, event.prevHash) !== event.hash)
      return { ...segment, broken: { seq: event.seq, reason: 'content does not match its hash' } };
    before = event;
  }
  return { ...segment, last: before ? { seq: before.seq, hash: before.hash, toState: before.toState } : null };
}

/** Stretches of one trail, in order, as one verification: the first break in the trail is reported. */
export function joinChainSegments(segments: readonly ChainSegment[]): ChainVerification {
  const events = segments.reduce((sum, s) => sum + s.events, 0);
  let last: NonNullable<ChainSegment['last']> = { seq: 0, hash: genesisHash, toState: '' };
  for (const segment of segments) {
    if (!segment.first) continue;
    if (segment.first.seq !== last.seq + 1)
      return { valid: false, events, brokenAtSeq: last.seq + 1, reason: `event ${last.seq + 1} is missing` };
    if (segment.first.prevHash !== last.hash)
      return {
        valid: false,
        events,
        brokenAtSeq: segment.first.seq,
        reason: 'previous hash does not match the event before it',
      };
    if (segment.broken || !segment.last)
      return {
        valid: false,
        events,
        brokenAtSeq: segment.broken?.seq ?? segment.first.seq,
        reason: segment.broken?.reason ?? 'unreadable',
      };
    last = segment.last;
  }
  return { valid: true, events, headHash: last.hash };
}

/**
 * One event in a chunk of a trail: its content but the case id, prevHash and hash, in this
 * order; `at` as milliseconds since the epoch (an ISO text from the database would drop a BC
 * era, so a moment moved two thousand years back would read the same).
 */
type ChunkedEvent = [
  seq: number,
  actorUserId: string | null,
  actorRole: string,
  at: unknown,
  event: string,
  fromState: string | null,
  toState: string,
  payload: unknown,
  prevHash: string,
  hash: string,
];

const dayMs = 86_400_000;
/** The furthest a Date reaches either side of the epoch (ECMA-262: 100,000,000 days). */
const latestDateMs = 8.64e15;
/** The day of the instant last formatted, and its date as toISOString writes it ("2026-12-03T"). */
let lastDay = Number.NaN;
let lastDayPrefix = '';
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The ISO instant the hash covers; a moment no Date can hold reads as text that cannot match.
 * A trail's events come days at a time, so the date is formatted once a day (by toISOString, for
 * whatever years it writes) and the time of day by arithmetic: a day has exactly 86,400,000 ms
 * in JavaScript's time, so this is toISOString's text, at an eighth of its cost in a profile.
 */
export function instantOf(epochMs: unknown): string {
  if (typeof epochMs !== 'number' || !(Math.abs(epochMs) <= latestDateMs))
    return `unreadable instant ${String(epochMs)}`;
  if (!Number.isInteger(epochMs)) return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / dayMs);
  if (day !== lastDay) {
    lastDay = day;
    lastDayPrefix = new Date(day * dayMs).toISOString().slice(0, -'00:00:00.000Z'.length);
  }
  const ms = epochMs - day * dayMs;
  const millis = ms % 1000;
  return `${lastDayPrefix}${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/**
 * A stretch of a trail as the database serialises it (a JSON array of ChunkedEvent, null for
 * none; see services/audit-trail-chunks.ts), verified. Pure, so worker threads can run it.
 */
export function verifyChainChunk(caseId: string, chunk: string | null): ChainSegment {
  const rows = chunk === null ? [] : (JSON.parse(chunk) as ChunkedEvent[]);
  return verifyChainSegment(
    rows.map(([seq, actorUserId, actorRole, at, event, fromState, toState, payload, prevHash, hash]) => ({
      caseId,
      seq,
      actorUserId,
      actorRole,
      at: instantOf(at),
      event,
      fromState,
      toState,
      payload,
      prevHash,
      hash,
    })),
  );
}
