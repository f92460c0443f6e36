// The migrations as they were before one of them, for a test that fills a database the way an
// older release left it and then applies the rest: a copy of the folder whose journal stops
// short of `tag` (drizzle applies what the journal lists, in its order).
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { migrationsFolder } from '../../db/client.js';

export async function migrationsBefore(tagPrefix: string, directory: string): Promise<string> {
  const before = path.join(directory, `migrations-before-${tagPrefix}`);
  await cp(migrationsFolder, before, { recursive: true });
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.startsWith(tagPrefix));
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  await writeFile(journalPath, JSON.stringify(journal));
  return before;
}
