import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalAuditEvent,
  genesisHash,
  hashAuditEvent,
  instantOf,
  joinChainSegments,
  verifyAuditChain,
  verifyChainChunk,
  verifyChainSegment,
  type AuditEventContent,
  type ChainVerification,
  type StoredAuditEvent,
} from '../../src/domain/audit-chain.js';

function chain(...events: Omit<AuditEventContent, 'caseId' | 'seq'>[]): StoredAuditEvent[] {
  let prevHash = genesisHash;
  return events.map((event, i) => {
    const content = { caseId: 'c1', seq: i + 1, ...event };
    const stored = { ...content, prevHash, hash: hashAuditEvent(content, prevHash) };
    prevHash = stored.hash;
    return stored;
  });
}
const base = {
  actorUserId: 'u1',
  actorRole: 'reviewer',
  at: '2026-11-25T08:00:00.000Z',
  fromState: 'intake',
  toState: 'verifying',
};

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
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"', '\\', '\u2028', '\u0000', '\ud800', '😀', '</script>'),
    );
    fc.assert(
      fc.property(
        fc.record({
          caseId: text,
          seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          actorUserId: fc.option(text),
          actorRole: text,
          at: text,
          event: text,
          fromState: fc.option(text),
          toState: text,
          payload: fc.jsonValue(),
        }),
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
    expect(verifyAuditChain([events[0]!, { ...events[1]!, payload: { note: 'x' } }, events[2]!])).toMatchObject({
      valid: false,
      brokenAtSeq: 2,
      reason: 'content does not match its hash',
    });
    expect(verifyAuditChain([{ ...events[0]!, actorRole: 'admin' }, ...events.slice(1)])).toMatchObject({
      valid: false,
      brokenAtSeq: 1,
    });
    expect(verifyAuditChain([events[0]!, events[2]!])).toMatchObject({
      valid: false,
      brokenAtSeq: 2,
      reason: 'event 2 is missing',
    });
    const { prevHash, hash: _hash, ...content } = { ...events[1]!, payload: { note: 'x' } };
    const forged = { ...content, prevHash, hash: hashAuditEvent(content, prevHash) };
    expect(verifyAuditChain([events[0]!, forged, events[2]!])).toMatchObject({
      valid: false,
      brokenAtSeq: 3,
      reason: 'previous hash does not match the event before it',
    });
  });

  it('verifies a trail cut into stretches exactly as it verifies the whole, intact or tampered', () => {
    // The reference: the plain sequential walk, written out here independently of the segments.
    const sequential = (trail: readonly StoredAuditEvent[]): ChainVerification => {
      let prev = genesisHash;
      for (const [i, event] of trail.entries()) {
        const { prevHash, hash, ...content } = event;
        if (event.seq !== i + 1)
          return { valid: false, events: trail.length, brokenAtSeq: i + 1, reason: `event ${i + 1} is missing` };
        if (prevHash !== prev)
          return {
            valid: false,
            events: trail.length,
            brokenAtSeq: event.seq,
            reason: 'previous hash does not match the event before it',
          };
        if (hashAuditEvent(content, prevHash) !== hash)
          return {
            valid: false,
            events: trail.length,
            brokenAtSeq: event.seq,
            reason: 'content does not match its hash',
          };
        prev = hash;
      }
      return { valid: true, events: trail.length, headHash: prev };
    };
    const long = chain(
      ...Array.from({ length: 12 }, (_, i) => ({ ...base, event: 'SUPPLEMENT', payload: { reason: `note ${i}` } })),
    );
    const tamperings: ((trail: StoredAuditEvent[], k: number) => StoredAuditEvent[])[] = [
      (trail) => trail,
      (trail, k) => trail.map((e, i) => (i === k ? { ...e, payload: { reason: 'rewritten' } } : e)),
      (trail, k) => trail.filter((_, i) => i !== k),
      (trail, k) => trail.map((e, i) => (i === k ? { ...e, prevHash: genesisHash } : e)),
      (trail, k) => trail.map((e, i) => (i === k ? { ...e, seq: e.seq + 1 } : e)),
      (trail, k) => trail.slice(0, k),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: tamperings.length - 1 }),
        fc.integer({ min: 0, max: 11 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { maxLength: 6 }),
        (which, k, cuts) => {
          const trail = tamperings[which]!(long, k);
          const bounds = [0, ...cuts.sort((a, b) => a - b).filter((c) => c < trail.length), trail.length];
          const segments = bounds.slice(1).map((end, i) => verifyChainSegment(trail.slice(bounds[i], end)));
          expect(joinChainSegments(segments)).toEqual(sequential(trail));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('reads a chunk as the database writes it (a JSON array per event, without the case id, its moment in epoch milliseconds)', () => {
    const rows = events.map((e) => [
      e.seq,
      e.actorUserId,
      e.actorRole,
      Date.parse(e.at),
      e.event,
      e.fromState,
      e.toState,
      e.payload,
      e.prevHash,
      e.hash,
    ]);
    expect(verifyChainChunk('c1', JSON.stringify(rows))).toEqual(verifyChainSegment(events));
    expect(joinChainSegments([verifyChainChunk('c1', JSON.stringify(rows))])).toMatchObject({ valid: true, events: 3 });
    expect(joinChainSegments([verifyChainChunk('c2', JSON.stringify(rows))])).toMatchObject({
      valid: false,
      brokenAtSeq: 1,
      reason: 'content does not match its hash',
    });
    expect(verifyChainChunk('c1', null)).toEqual({ events: 0, first: null, last: null, broken: null });
    // A moment no Date can hold (or none at all) is a break, not an error.
    for (const at of [9e15, null, 'infinity']) {
      const odd = rows.map((row, i) => (i === 1 ? [...row.slice(0, 3), at, ...row.slice(4)] : row));
      expect(joinChainSegments([verifyChainChunk('c1', JSON.stringify(odd))])).toMatchObject({
        valid: false,
        brokenAtSeq: 2,
        reason: 'content does not match its hash',
      });
    }
  });

  it('writes a moment of a chunk as toISOString does, for every moment a Date holds, in any order', () => {
    const latest = 8.64e15;
    const edges = [
      0,
      -1,
      1,
      86_399_999,
      86_400_000,
      -86_400_000,
      -86_400_001,
      latest,
      -latest,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(-1, 0, 1),
      Date.UTC(10_000, 0, 1) - 1,
    ];
    for (const ms of edges) expect(instantOf(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -latest, max: latest }), fc.integer({ min: 1.7e12, max: 1.9e12 })), {
          minLength: 1,
        }),
        (moments) => {
          for (const ms of moments) expect(instantOf(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 2_000 },
    );
    // What no Date holds reads as text no hash was made of; a fraction of a millisecond as a Date reads it.
    for (const odd of [latest + 1, -latest - 1, Number.NaN, Number.POSITIVE_INFINITY, null, '2026-12-03'])
      expect(instantOf(odd)).toMatch(/^unreadable instant/);
    expect(instantOf(1.5)).toBe(new Date(1.5).toISOString());
  });
});
