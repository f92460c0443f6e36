// A worker thread that verifies chunks of audit trails (audit-chain.ts: verifyChainChunk), so
// hashing a long trail uses every core and never holds up the API's event loop. Started by
// audit-verify-workers.ts; one message in (a case id and a chunk's text), one out (its ChainSegment).
import { parentPort } from 'node:worker_threads';
import { verifyChainChunk } from '../domain/audit-chain.js';

parentPort!.on('message', ({ id, caseId, chunk }: { id: number; caseId: string; chunk: string | null }) => {
  try {
    parentPort!.postMessage({ id, segment: verifyChainChunk(caseId, chunk) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
