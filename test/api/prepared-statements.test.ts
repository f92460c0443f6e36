// xiufu's statements reach PostgreSQL as prepared statements (db/client.ts), so each is bound in
// one round trip and statements issued together are pipelined. Unprepared, postgres.js first
// asks for the parameter types and holds everything after until the answer is back. PostgreSQL
// only: PGlite runs in process and has no round trips to save.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '../../db/client.js';
import { cases, users } from '../../db/schema.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { createPostgresDatabase } from '../helpers/test-database.js';

describe('statements on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // One connection, so the statements prepared are visible to the query that lists them.
    handle = await openPostgres(database.url, { max: 1 });
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  const prepared = async (db: DatabaseHandle['db'] | Parameters<Parameters<DatabaseHandle['db']['transaction']>[0]>[0]) =>
    ((await db.execute(sql`select statement from pg_prepared_statements`)) as unknown as { statement: string }[]).map((row) => row.statement);

  it('are prepared, in and out of transactions, and reused', async () => {
    const s = await makeObjectionScenario(handle.db);
    await handle.db.select().from(users).where(eq(users.id, s.citizen.id));
    await handle.db.select().from(users).where(eq(users.id, s.reviewer.id));
    const outside = await prepared(handle.db);
    expect(outside.filter((statement) => statement.startsWith('select') && statement.includes('from "users" where "users"."id" = $1'))).toHaveLength(1);

    const inside = await handle.db.transaction(async (tx) => {
      await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, '00000000-0000-4000-8000-000000000000'));
      return prepared(tx);
    });
    expect(inside.some((statement) => statement.startsWith('update "cases" set "updated_at" = $1'))).toBe(true);
  });
});
