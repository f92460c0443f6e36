// The worker threads that verify audit-trail chunks (audit-verify.worker.ts): one per core,
// started on first use and kept, held open only while they have work (an idle pool never keeps
// a process from exiting). A worker that dies fails the chunks it had and is replaced next time.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { appPath } from '../config/app-root.js';
import type { ChainSegment } from '../domain/audit-chain.js';

// Under `npm start` this module is part of dist/main.js, and the worker is dist/audit-verify.worker.js
// beside it (src/build-start.ts bundles both); under tsx (the tests, the scripts) it is the
// TypeScript file beside this one, and a worker thread has a module loader of its own, so it
// registers tsx before it loads its module (tsx found from here, not from the working directory).
const bundled = import.meta.url.endsWith('.js');
// The bundled worker by the checkout's path, not this module's: a bundle split differently
// could move this module into dist/chunks/.
const workerModule = bundled
  ? pathToFileURL(appPath('dist/audit-verify.worker.js'))
  : new URL('./audit-verify.worker.ts', import.meta.url);
const bootstrap = bundled
  ? `import(${JSON.stringify(workerModule.href)})`
  : `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(workerModule.href)}); })`;

interface Pending {
  resolve: (segment: ChainSegment) => void;
  reject: (error: Error) => void;
}

class VerifyWorker {
  readonly thread = new Worker(bootstrap, { eval: true, execArgv: [] });
  readonly pending = new Map<number, Pending>();
  dead = false;

  constructor() {
    this.thread.unref();
    this.thread.on('message', ({ id, segment, error }: { id: number; segment?: ChainSegment; error?: string }) => {
      const task = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.thread.unref();
      if (error !== undefined) task?.reject(new Error(`audit verification worker: ${error}`));
      else task?.resolve(segment!);
    });
    const fail = (error: Error) => {
      this.dead = true;
      for (const task of this.pending.values()) task.reject(error);
      this.pending.clear();
    };
    this.thread.on('error', fail);
    this.thread.on('exit', (code) => fail(new Error(`audit verification worker exited (${code})`)));
  }

  verify(id: number, caseId: string, chunk: string | null): Promise<ChainSegment> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread.ref();
      this.thread.postMessage({ id, caseId, chunk });
    });
  }
}

let workers: VerifyWorker[] = [];
let nextTask = 0;

/** Verifies a chunk on the least busy worker thread. */
export function verifyChunkOffThread(caseId: string, chunk: string | null): Promise<ChainSegment> {
  workers = workers.filter((worker) => !worker.dead);
  while (workers.length < workerCount()) workers.push(new VerifyWorker());
  const idlest = workers.reduce((best, worker) => (worker.pending.size < best.pending.size ? worker : best));
  nextTask += 1;
  return idlest.verify(nextTask, caseId, chunk);
}

export function workerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** Stops the threads (tests, shutdown); the next verification starts new ones. */
export async function stopVerifyWorkers(): Promise<void> {
  const stopping = workers;
  workers = [];
  await Promise.all(stopping.map((worker) => worker.thread.terminate()));
}
