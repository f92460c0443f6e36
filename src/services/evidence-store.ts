// Where evidence contents live. On PostgreSQL in `attachments.content`, where every process
// reaches them. On the embedded build in a content-addressed folder beside the data
// (`<data dir>/files/ab/abcdef…`, named by SHA-256): PGlite runs in the one thread that also
// serves every request, and 50 MB of bytea through its WebAssembly engine took 45 s, during
// which nothing else was answered (docs/PERFORMANCE.md, "One upload"). The row keeps name,
// type, size and hash either way; every read checks the hash of what it read.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { attachments } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
import type { PreparedAttachment } from './prepare-attachments.js';

/**
 * A file no row refers to is removed once it is this old. Contents are written before the
 * transaction that adds their row commits; a transaction that rolled back (or a process that
 * died) leaves its files behind, and a younger file may belong to a transaction still open.
 */
export const orphanAgeMs = 60 * 60 * 1000;

const sha256Name = /^[0-9a-f]{64}$/;

export function evidencePathOf(folder: string, sha256: string): string {
  if (!sha256Name.test(sha256)) throw new Error(`Not a SHA-256 name: ${sha256}`);
  return path.join(folder, sha256.slice(0, 2), sha256);
}

/** Writes one content under its hash: a temporary file renamed into place, so a reader never sees half of it. */
export async function keepEvidenceFile(folder: string, content: Uint8Array, sha256: string): Promise<void> {
  const target = evidencePathOf(folder, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // Written again even when the same content is there: the rename makes it young, so a sweep
    // that runs before this upload's row commits does not take it.
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Before the transaction: on the embedded build each content goes to the folder and leaves
 * the attachment (its row then holds no content); on PostgreSQL nothing happens here.
 */
export async function storeEvidenceContents(
  ctx: ServiceContext,
  files: PreparedAttachment[],
): Promise<PreparedAttachment[]> {
  const folder = ctx.evidenceFolder;
  if (!folder) return files;
  for (const file of files) if (file.content) await keepEvidenceFile(folder, file.content, file.sha256);
  return files.map((file) => ({ ...file, content: null }));
}

/** The content of a stored attachment, from its row or the folder, refused unless its SHA-256 is the row's. */
export async function readEvidenceContent(
  ctx: ServiceContext,
  row: { sha256: string; content: Buffer | null },
): Promise<Buffer> {
  let content = row.content;
  if (!content) {
    if (!ctx.evidenceFolder)
      throw new Error(`Evidence ${row.sha256} has no content in the database and no evidence folder is configured.`);
    content = await readFile(evidencePathOf(ctx.evidenceFolder, row.sha256)).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Evidence ${row.sha256} is missing from ${ctx.evidenceFolder}: ${error.code ?? error.message}`);
    });
  }
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== row.sha256)
    throw new Error(
      `Evidence ${row.sha256} does not match its SHA-256 (read ${actual}): it was changed where it is kept.`,
    );
  return content;
}

/**
 * Removes files of the evidence folder that no attachment refers to and that are older than
 * `orphanAgeMs` (and temporary files as old, from a write that died). Returns how many went.
 */
export async function sweepOrphanEvidence(ctx: ServiceContext): Promise<number> {
  const folder = ctx.evidenceFolder;
  if (!folder) return 0;
  const cutoff = ctx.now().getTime() - orphanAgeMs;
  const shards = await readdir(folder).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? [] : Promise.reject(error),
  );
  let removed = 0;
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    const old: string[] = [];
    for (const name of await readdir(path.join(folder, shard))) {
      const info = await stat(path.join(folder, shard, name)).catch(() => null);
      if (info?.isFile() && info.mtimeMs < cutoff) old.push(name);
    }
    const hashes = old.filter((name) => sha256Name.test(name));
    const referenced = new Set(
      hashes.length === 0
        ? []
        : (
            await ctx.db
              .selectDistinct({ sha256: attachments.sha256 })
              .from(attachments)
              .where(inArray(attachments.sha256, hashes))
          ).map((r) => r.sha256),
    );
    for (const name of old) {
      if (referenced.has(name)) continue;
      const file = path.join(folder, shard, name);
      // Looked at again just before: an upload of the same content may have renewed it meanwhile.
      const info = await stat(file).catch(() => null);
      if (!info || info.mtimeMs >= cutoff) continue;
      await unlink(file).catch(() => undefined);
      removed += 1;
    }
  }
  return removed;
}
