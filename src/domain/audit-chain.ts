// The hash chain over a case's audit events. Each event's hash covers a canonical (RFC 8785)
// serialisation of what happened and the previous event's hash, so altering, removing or
// reordering any stored event breaks every hash after it (國辦發〔2016〕98號 4(2): protection
// against tampering). Pure: node:crypto's hash is deterministic and touches nothing.
import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(canonicalAuditEvent(content, prevHash), 'utf8').digest('hex');
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
  if (payload === undefined || !Number.isSafeInteger(content.seq)) throw new TypeError('audit event is not serialisable');
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
export function verifyCaseTrail(events: readonly StoredAuditEvent[], theCase: { version: number; state: string }): ChainVerification {
  const verification = verifyAuditChain(events);
  if (!verification.valid) return verification;
  if (events.length !== theCase.version) {
    return { valid: false, events: events.length, brokenAtSeq: events.length + 1, reason: `the case is at version ${theCase.version} but its trail ends at event ${events.length}` };
  }
  if (events.at(-1)?.toState !== theCase.state) {
    return { valid: false, events: events.length, brokenAtSeq: events.length, reason: `the case is in state ${theCase.state} but its last event left it in ${events.at(-1)?.toState}` };
  }
  return verification;
}

/** Re-derives every hash in order; the first mismatch is reported. */
export function verifyAuditChain(events: readonly StoredAuditEvent[]): ChainVerification {
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const event of events) {
    const { prevHash, hash, ...content } = event;
    if (event.seq !== expectedSeq) {
      return { valid: false, events: events.length, brokenAtSeq: expectedSeq, reason: `event ${expectedSeq} is missing` };
    }
    if (prevHash !== prev) {
      return { valid: false, events: events.length, brokenAtSeq: event.seq, reason: 'previous hash does not match the event before it' };
    }
    if (hashAuditEvent(content, prevHash) !== hash) {
      return { valid: false, events: events.length, brokenAtSeq: event.seq, reason: 'content does not match its hash' };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { valid: true, events: events.length, headHash: prev };
}
