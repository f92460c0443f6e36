// One upload on the embedded build: xiufu started on PGlite (a data folder of its own, demo
// data), a citizen files an objection through the page form with 5 × 10 MB images while
// another client, in a process of its own, asks /healthz every 50 ms. Prints how long the upload
// took and the worst /healthz answer during it (the target: under 5 s, and other requests within
// 200 ms). The asking client must not share a thread with the uploading one: sending 50 MB held
// the bench's own event loop, and its /healthz timings with it, for half a second.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { csrfTokenOf } from '../../src/services/log-in.js';
import { demoPassword } from '../../src/services/seed-demo-data.js';
import { startXiufuProcess, summarise } from './bench-kit.js';
import { makeBenchPng } from './upload-files.js';

export interface UploadFigures {
  uploadSeconds: number;
  status: number;
  healthzWorstMs: number;
  healthzMedianMs: number;
  healthzCount: number;
  healthzFailures: number;
}

export async function measureUpload(options: { files?: number; megabytes?: number } = {}): Promise<UploadFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'xiufu-bench-upload-'));
  const xiufu = await startXiufuProcess('all', {
    XIUFU_DATA_DIR: dataDir,
    XIUFU_DEMO: '1',
    DATABASE_URL: '',
    XIUFU_QUEUE_PREFIX: `bench_upload_${process.pid}`,
  });
  try {
    const url = xiufu.url!;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'citizen1', password: demoPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const { records } = (await (
      await fetch(`${url}/api/v1/me/records`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { records: { id: string; disputed: boolean }[] };
    const record = records.find((r) => !r.disputed);
    if (!record) throw new Error('the demo citizen has no undisputed record to object to');

    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token));
    form.append('reason', 'The debt was paid on time; the bank statements are attached.');
    const megabytes = options.megabytes ?? 10;
    for (let i = 0; i < (options.files ?? 5); i += 1)
      form.append(
        'files',
        new Blob([makeBenchPng(megabytes * 1024 * 1024 - 4096, i)], { type: 'image/png' }),
        `statement-${i + 1}.png`,
      );
    // Encoded before the clock starts, so the bench's own work is not counted.
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type')!;
    const body = new Uint8Array(await encoded.arrayBuffer());

    const poller = pollHealthz(url);
    const started = performance.now();
    const response = await fetch(`${url}/records/${record.id}/file/objection`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `xiufu_session=${token}`, origin: url, 'content-type': contentType },
      body,
    });
    await response.arrayBuffer();
    const uploadSeconds = (performance.now() - started) / 1000;
    const { latencies, failures } = await poller.stop();
    const summary = summarise(latencies);
    return {
      uploadSeconds,
      status: response.status,
      healthzWorstMs: Math.max(...latencies),
      healthzMedianMs: summary.median,
      healthzCount: latencies.length,
      healthzFailures: failures,
    };
  } finally {
    await xiufu.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Asks url/healthz every 50 ms from a child process until stopped; each answer's time in ms. */
function pollHealthz(url: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const script = `
    const latencies = []; let failures = 0; let asking = true;
    process.stdin.on('data', () => { asking = false; }).resume();
    while (asking) {
      const started = performance.now();
      // A connection of its own each time: a kept-alive one may be closed under it.
      try { await (await fetch(process.argv[1] + '/healthz', { headers: { connection: 'close' } })).arrayBuffer(); }
      catch { failures += 1; }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.stdout.write(JSON.stringify({ latencies, failures }));
    process.exit(0);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, url], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    async stop() {
      child.stdin.write('stop');
      await exited;
      return JSON.parse(output) as { latencies: number[]; failures: number };
    },
  };
}
