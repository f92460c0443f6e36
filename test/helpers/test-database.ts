// A database of its own for each test file, on either driver: a clone of the template that
// global-setup.ts migrated and seeded with reference data (calendar, policies).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openPostgres, usePglite, type DatabaseHandle } from '../../db/client.js';

export type Driver = 'postgres' | 'pglite';
export const drivers: Driver[] = ['postgres', 'pglite'];

/** The PostgreSQL server the tests use; any database on it with CREATE DATABASE rights. */
export const adminUrl = process.env.XIUFU_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/postgres';
/**
 * The run's name: XIUFU_TEST_RUN, or p<pid of vitest> where it is unset (vitest.config.ts sets
 * it), so two runs on one server (two work trees, or two at once in one) never drop each other's.
 */
export const testRun = process.env.XIUFU_TEST_RUN ?? `p${process.pid}`;
/** Every database a run makes starts with this prefix: XIUFU_TEST_RUN=w1 names them xiufu_w1_…. */
export const testDatabasePrefix = `xiufu_${testRun}_`;
export const templateName = `${testDatabasePrefix}template`;
export const pgliteTemplatePath = path.resolve(
  import.meta.dirname,
  `../../.test-artifacts/pglite-template-${testRun}.tar.gz`,
);

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createPostgresDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${testDatabasePrefix}${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${templateName}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function openTestDatabase(driver: Driver): Promise<DatabaseHandle> {
  if (driver === 'postgres') {
    const database = await createPostgresDatabase();
    const handle = await openPostgres(database.url, { max: 25 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await database.drop();
      },
    };
  }
  const dump = await readFile(pgliteTemplatePath);
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return usePglite(pglite);
}
