// Where the time of one upload of 5 × 10 MB goes, cause by cause, on an embedded PGlite
// (on disk, as the embedded build runs): reading the multipart body, type sniffing, sha256,
// copying, and the bytea insert through the WebAssembly database.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fileTypeFromBuffer } from 'file-type';
import { sql } from 'drizzle-orm';
import { usePglite } from '../../db/client.js';
import { makeBenchPng } from './upload-files.js';

const timed = async <T>(label: string, rows: [string, number][], run: () => Promise<T> | T): Promise<T> => {
  const started = performance.now();
  const result = await run();
  rows.push([label, performance.now() - started]);
  return result;
};

export async function measureUploadCauses(): Promise<[string, number][]> {
  const rows: [string, number][] = [];
  const files = Array.from({ length: 5 }, (_, i) => makeBenchPng(10 * 1024 * 1024 - 4096, i));
  const form = new FormData();
  for (const [i, file] of files.entries())
    form.append('files', new Blob([file], { type: 'image/png' }), `scan-${i}.png`);
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type')!;
  const body = await encoded.arrayBuffer();
  await timed('reading the multipart body (50 MB)', rows, async () => {
    const parsed = await new Request('http://x/', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    }).formData();
    for (const value of parsed.getAll('files')) await (value as File).arrayBuffer();
  });
  await timed('file-type sniffing, 5 files', rows, async () => {
    for (const file of files) await fileTypeFromBuffer(file);
  });
  await timed('sha256, 5 × 10 MB', rows, () => {
    for (const file of files) createHash('sha256').update(file).digest('hex');
  });
  await timed('Buffer copies, 5 × 10 MB', rows, () => {
    for (const file of files) Buffer.from(file);
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'xiufu-upload-causes-'));
  try {
    const handle = await timed('PGlite on disk: create and migrate', rows, async () =>
      usePglite(await PGlite.create({ dataDir: path.join(dir, 'pgdata') })),
    );
    await handle.db.execute(sql`create table blobs (id serial primary key, content bytea not null)`);
    await timed('PGlite: insert 1 × 10 KB bytea', rows, () =>
      handle.db.execute(sql`insert into blobs (content) values (${Buffer.alloc(10_240, 7)})`),
    );
    await timed('PGlite: insert 5 × 10 MB bytea, one transaction', rows, () =>
      handle.db.transaction(async (tx) => {
        for (const file of files) await tx.execute(sql`insert into blobs (content) values (${Buffer.from(file)})`);
      }),
    );
    await timed('PGlite: read 5 × 10 MB bytea back', rows, () => handle.db.execute(sql`select content from blobs`));
    await handle.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, ms] of await measureUploadCauses())
    console.log(`${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms`);
}
