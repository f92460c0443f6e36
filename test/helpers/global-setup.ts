// Runs once before all tests: migrates and seeds a template database on the PostgreSQL
// server and a PGlite dump, which each test file clones (fast, and tests stay independent).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openPostgres, usePglite } from '../../db/client.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { adminUrl, databaseUrl, pgliteTemplatePath, templateName, testDatabasePrefix } from './test-database.js';

export default async function setup(): Promise<() => Promise<void>> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Databases left behind by an interrupted run, and the previous template.
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where starts_with(datname, ${testDatabasePrefix})`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
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

  return async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${templateName} with (force)`);
    await cleanup.end();
  };
}
