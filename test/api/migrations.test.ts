// Several xiufu processes starting at once against one blank PostgreSQL database: the
// migrations are applied once, and every process comes up. (PGlite serves one process only,
// so this is PostgreSQL's alone.)
import { readdirSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openPostgres } from '../../db/client.js';
import { adminUrl, databaseUrl, testDatabasePrefix } from '../helpers/test-database.js';

describe('migrations on PostgreSQL', () => {
  const name = `${testDatabasePrefix}migrate_${Math.random().toString(16).slice(2, 10)}`;
  afterAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('are applied once when four processes start together', async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();

    const handles = await Promise.all(Array.from({ length: 4 }, () => openPostgres(databaseUrl(name), { max: 1 })));
    await Promise.all(handles.map((h) => h.close()));

    const check = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
    const applied = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
    const triggers =
      await check`select count(*)::int as n from pg_trigger where tgname like 'case_events_no_%' and tgrelid = 'case_events'::regclass`;
    await check.end();
    expect(applied[0]!.n).toBe(readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length);
    expect(triggers[0]!.n).toBe(2);
  });
});
