// Runs once before the api, process and browser tests: migrates and seeds a template database
// on the PostgreSQL server and a PGlite dump, which each test file clones (fast, and tests stay
// independent). Everything it makes is named after the run (test-database.ts), so another run
// at the same time keeps its own.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openPostgres, usePglite } from '../../db/client.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { adminUrl, databaseUrl, pgliteTemplatePath, templateName, testDatabasePrefix } from './test-database.js';

// Each vitest project that names this file runs it, each in a module graph of its own; the
// templates are made once per vitest process, and dropped when the last project is done.
const shared = globalThis as { xiufuTestTemplates?: { ready: Promise<void>; users: number } };

export default async function setup(): Promise<() => Promise<void>> {
  shared.xiufuTestTemplates ??= { ready: makeTemplates(), users: 0 };
  const templates = shared.xiufuTestTemplates;
  templates.users += 1;
  await templates.ready;
  return async () => {
    templates.users -= 1;
    if (templates.users > 0) return;
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${templateName} with (force)`);
    await cleanup.end();
    await rm(pgliteTemplatePath, { force: true });
  };
}

async function makeTemplates(): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Databases left behind by an interrupted run of this name, and by unnamed runs
    // (xiufu_p<pid>_…) whose process is gone.
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where starts_with(datname, 'xiufu_')`;
    for (const { datname } of leftovers)
      if (datname.startsWith(testDatabasePrefix) || isOfAnEndedRun(datname))
        await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`create database ${templateName}`);
  } finally {
    await admin.end();
  }
  const template = await openPostgres(databaseUrl(templateName), { max: 1 });
  await seedReferenceData(template.db);
  await template.close();

  const pglite = await PGlite.create();
  const embedded = await usePglite(pglite);
  await seedReferenceData(embedded.db);
  const dump = await pglite.dumpDataDir('gzip');
  await mkdir(path.dirname(pgliteTemplatePath), { recursive: true });
  await writeFile(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
}

/** A database of an unnamed run whose vitest process no longer exists on this machine. */
function isOfAnEndedRun(datname: string): boolean {
  const pid = /^xiufu_p(\d+)_/.exec(datname)?.[1];
  if (!pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
