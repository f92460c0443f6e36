// A long audit trail read in chunks the database serialises itself (one JSON text per few
// thousand events), and each chunk verified on its own (audit-chain.ts: verifyChainChunk). Reading
// a few large texts instead of a hundred thousand rows is what makes the read cheap; chunks
// that verify independently are what lets several cores hash them (audit-verify-workers.ts).
import { and, between, eq, lte, sql } from 'drizzle-orm';
import { caseEvents } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import {
  verifyCaseSegments,
  verifyChainChunk,
  type ChainSegment,
  type ChainVerification,
} from '../domain/audit-chain.js';
import { verifyChunkOffThread, workerCount } from './audit-verify-workers.js';

/** Events per chunk: about 1.3 MB of text, a few milliseconds of work for the database. */
export const eventsPerChunk = 5_000;

/**
 * A case's trail up to its version, verified against the case. A trail of one chunk is verified
 * here; a longer one chunk by chunk on the worker threads, the reads running ahead of the
 * hashing by at most one chunk per thread, so memory stays bounded however long the trail.
 */
export async function verifyTrailInChunks(
  db: Database,
  theCase: { id: string; openedAt: Date; version: number; state: string },
  chunkSize = eventsPerChunk,
): Promise<ChainVerification> {
  if (theCase.version <= chunkSize)
    return verifyCaseSegments(
      [verifyChainChunk(theCase.id, await readTrailChunk(db, theCase, 1, theCase.version))],
      theCase,
    );
  const ranges: [number, number][] = [];
  for (let from = 1; from <= theCase.version; from += chunkSize)
    ranges.push([from, Math.min(theCase.version, from + chunkSize - 1)]);
  const segments: ChainSegment[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ranges.length) {
      const index = next++;
      const [from, to] = ranges[index]!;
      segments[index] = await verifyChunkOffThread(theCase.id, await readTrailChunk(db, theCase, from, to));
    }
  };
  await Promise.all(Array.from({ length: workerCount() + 1 }, lane));
  return verifyCaseSegments(segments, theCase);
}

/**
 * Events seq from..to of a case, as one JSON array text in the layout verifyChainChunk reads
 * (null when there are none); the case id is the one asked for, so it is not repeated per event.
 */
export async function readTrailChunk(
  db: Database,
  theCase: { id: string; openedAt: Date },
  from: number,
  to: number,
): Promise<string | null> {
  const [row] = await db
    .select({
      chunk: sql<
        string | null
      >`json_agg(json_build_array(${caseEvents.seq}, ${caseEvents.actorUserId}, ${caseEvents.actorRole}, floor(extract(epoch from ${caseEvents.at}) * 1000), ${caseEvents.event}, ${caseEvents.fromState}, ${caseEvents.toState}, ${caseEvents.payload}, ${caseEvents.prevHash}, ${caseEvents.hash}) order by ${caseEvents.seq})::text`,
    })
    .from(caseEvents)
    // The first chunk has no lower bound: an event stored with seq 0 or below is a break too.
    .where(
      and(
        eq(caseEvents.caseId, theCase.id),
        eq(caseEvents.caseOpenedAt, theCase.openedAt),
        from <= 1 ? lte(caseEvents.seq, to) : between(caseEvents.seq, from, to),
      ),
    );
  return row?.chunk ?? null;
}
