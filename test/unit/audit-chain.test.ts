import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAuditEvent, genesisHash, hashAuditEvent, verifyAuditChain, type AuditEventContent, type StoredAuditEvent } from '../../src/domain/audit-chain.js';

function chain(...events: Omit<AuditEventContent, 'caseId' | 'seq'>[]): StoredAuditEvent[] {
  let prevHash = genesisHash;
  return events.map((event, i) => {
    const content = { caseId: 'c1', seq: i + 1, ...event };
    const stored = { ...content, prevHash, hash: hashAuditEvent(content, prevHash) };
    prevHash = stored.hash;
    return stored;
  });
}
const base = { actorUserId: 'u1', actorRole: 'reviewer', at: '2026-11-25T08:00:00.000Z', fromState: 'intake', toState: 'verifying' };

describe('audit chain', () => {
  const events = chain(
    { ...base, event: 'FILED', fromState: null, toState: 'intake', payload: { reason: 'wrong', recordId: 'r1' } },
    { ...base, event: 'ACCEPT', payload: {} },
    { ...base, event: 'AGENCY_DENIED', fromState: 'verifying', toState: 'deciding', payload: { answer: 'paid' } },
  );

  it('verifies an intact chain', () => {
    expect(verifyAuditChain(events)).toEqual({ valid: true, events: 3, headHash: events[2]!.hash });
  });

  it('writes exactly the RFC 8785 form of the whole event, for any content', () => {
    // The envelope is written by hand for speed; this holds it to the general canonicaliser, so
    // a chain hashed before the fast path (or by another implementation) still verifies.
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u2028', '\u0000', '\ud800', '😀', '</script>'));
    fc.assert(
      fc.property(
        fc.record({ caseId: text, seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), actorUserId: fc.option(text), actorRole: text, at: text, event: text, fromState: fc.option(text), toState: text, payload: fc.jsonValue() }),
        text,
        (content, prevHash) => {
          expect(canonicalAuditEvent(content, prevHash)).toBe(canonicalize({ ...content, prevHash }));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('does not depend on the order of keys in the payload (canonical serialisation)', () => {
    const reordered = { ...events[0]!, payload: { recordId: 'r1', reason: 'wrong' } };
    expect(verifyAuditChain([reordered, ...events.slice(1)]).valid).toBe(true);
  });

  it('finds an altered payload, an altered actor, a removed event and a forged hash', () => {
    expect(verifyAuditChain([events[0]!, { ...events[1]!, payload: { note: 'x' } }, events[2]!])).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'content does not match its hash' });
    expect(verifyAuditChain([{ ...events[0]!, actorRole: 'admin' }, ...events.slice(1)])).toMatchObject({ valid: false, brokenAtSeq: 1 });
    expect(verifyAuditChain([events[0]!, events[2]!])).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'event 2 is missing' });
    const { prevHash, hash: _hash, ...content } = { ...events[1]!, payload: { note: 'x' } };
    const forged = { ...content, prevHash, hash: hashAuditEvent(content, prevHash) };
    expect(verifyAuditChain([events[0]!, forged, events[2]!])).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'previous hash does not match the event before it' });
  });
});
