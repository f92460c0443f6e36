// One upload on the embedded build: xiufu started on PGlite (a data folder of its own, demo
// data), a citizen files an objection through the page form with 5 × 10 MB images while
// another client asks /healthz every 50 ms. Prints how long the upload took and the worst
// /healthz answer during it (the target: under 5 s, and other requests within 200 ms).
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
  const xiufu = await startXiufuProcess('all', { XIUFU_DATA_DIR: dataDir, XIUFU_DEMO: '1', DATABASE_URL: '', XIUFU_QUEUE_PREFIX: `bench_upload_${process.pid}` });
  try {
    const url = xiufu.url!;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'citizen1', password: demoPassword }) });
    const { token } = (await login.json()) as { token: string };
    const { records } = (await (await fetch(`${url}/api/v1/me/records`, { headers: { authorization: `Bearer ${token}` } })).json()) as { records: { id: string; disputed: boolean }[] };
    const record = records.find((r) => !r.disputed);
    if (!record) throw new Error('the demo citizen has no undisputed record to object to');

    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token));
    form.append('reason', 'The debt was paid on time; the bank statements are attached.');
    const megabytes = options.megabytes ?? 10;
    for (let i = 0; i < (options.files ?? 5); i += 1) form.append('files', new Blob([makeBenchPng(megabytes * 1024 * 1024 - 4096, i)], { type: 'image/png' }), `statement-${i + 1}.png`);
    // Encoded before the clock starts, so the bench's own work is not counted.
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type')!;
    const body = new Uint8Array(await encoded.arrayBuffer());

    const latencies: number[] = [];
    let uploading = true;
    let failures = 0;
    const poll = (async () => {
      while (uploading) {
        const started = performance.now();
        // A connection of its own each time: a kept-alive one may be closed under it.
        const answer = await fetch(`${url}/healthz`, { headers: { connection: 'close' } }).catch((error: Error) => error);
        if (answer instanceof Error) failures += 1;
        else await answer.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const response = await fetch(`${url}/records/${record.id}/file/objection`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `xiufu_session=${token}`, origin: url, 'content-type': contentType },
      body,
    });
    await response.arrayBuffer();
    const uploadSeconds = (performance.now() - started) / 1000;
    uploading = false;
    await poll;
    const summary = summarise(latencies);
    return { uploadSeconds, status: response.status, healthzWorstMs: Math.max(...latencies), healthzMedianMs: summary.median, healthzCount: latencies.length, healthzFailures: failures };
  } finally {
    await xiufu.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
