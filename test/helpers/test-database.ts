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
 * Every database a run makes starts with this prefix, so two runs on one server (two work
 * trees, say) never drop each other's: XIUFU_TEST_RUN=w1 names them xiufu_w1_….
 */
export const testDatabasePrefix = `xiufu_${process.env.XIUFU_TEST_RUN ?? 't'}_`;
export const templateName = `${testDatabasePrefix}template`;
export const pgliteTemplatePath = path.resolve(import.meta.dirname, '../../.test-artifacts/pglite-template.tar.gz');

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
