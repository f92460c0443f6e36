// The postgres.js client as xiufu uses it (db/client.ts): statements are prepared, so each is
// bound in one round trip and statements issued together are pipelined (unprepared, postgres.js
// first asks for the parameter types and holds everything after until the answer is back); and
// a transaction never loses its connection to other queries when the pool is busy. PostgreSQL
// only: PGlite runs in process, one statement at a time.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '../../db/client.js';
import { cases, users } from '../../db/schema.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { createPostgresDatabase } from '../helpers/test-database.js';

describe('the PostgreSQL client', () => {
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

  const prepared = async (
    db: DatabaseHandle['db'] | Parameters<Parameters<DatabaseHandle['db']['transaction']>[0]>[0],
  ) =>
    ((await db.execute(sql`select statement from pg_prepared_statements`)) as unknown as { statement: string }[]).map(
      (row) => row.statement,
    );

  it('are prepared, in and out of transactions, and reused', async () => {
    const s = await makeObjectionScenario(handle.db);
    await handle.db.select().from(users).where(eq(users.id, s.citizen.id));
    await handle.db.select().from(users).where(eq(users.id, s.reviewer.id));
    const outside = await prepared(handle.db);
    expect(
      outside.filter(
        (statement) => statement.startsWith('select') && statement.includes('from "users" where "users"."id" = $1'),
      ),
    ).toHaveLength(1);

    const inside = await handle.db.transaction(async (tx) => {
      await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, '00000000-0000-4000-8000-000000000000'));
      return prepared(tx);
    });
    expect(inside.some((statement) => statement.startsWith('update "cases" set "updated_at" = $1'))).toBe(true);
  });

  it('keeps each transaction on a connection of its own when the pool is busy', async () => {
    // postgres.js's own begin sends BEGIN down a busy connection, and when that fills the
    // connection's pipeline (100 statements) it does not mark the connection as the
    // transaction's (porsager/postgres#823, #1189): UNSAFE_TRANSACTION, and a transaction left
    // open for the pool to lend out. Here both connections are busy, 198 statements fill their
    // pipelines to one short of the limit, and two transactions come next.
    const busy = await openPostgres(database.url, { max: 2 });
    try {
      await Promise.all([busy.db.execute(sql.raw('select 1')), busy.db.execute(sql.raw('select 1'))]);
      const first = Promise.allSettled([
        busy.db.execute(sql.raw('select pg_sleep(0.3)')),
        busy.db.execute(sql.raw('select pg_sleep(0.3)')),
        ...Array.from({ length: 198 }, () => busy.db.execute(sql.raw('select 1'))),
      ]);
      await new Promise((resolve) => setImmediate(resolve)); // the 198 are on their way
      const then = Promise.allSettled(
        Array.from({ length: 2 }, () => busy.db.transaction(async (tx) => tx.execute(sql.raw('select 1')))),
      );
      const settled = [...(await first), ...(await then)];
      expect(
        settled
          .filter((result) => result.status === 'rejected')
          .map((result) => String((result as PromiseRejectedResult).reason)),
      ).toEqual([]);
      const stuck = (await handle.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      )) as unknown as { n: number }[];
      expect(stuck[0]!.n).toBe(0);
    } finally {
      await busy.close();
    }
  });

  it('ends a transaction whose connection dies at once, and the pool goes on', { timeout: 15_000 }, async () => {
    // Statements queued behind the one that met the dead connection never settle in postgres.js;
    // the transaction must not wait for them (the case engine sends its writes together).
    const pool = await openPostgres(database.url, { max: 2 });
    try {
      const dying = pool.db.transaction(async (tx) => {
        await Promise.allSettled([
          tx.execute(sql.raw('select pg_terminate_backend(pg_backend_pid())')),
          tx.execute(sql.raw('select 1')),
          tx.execute(sql.raw('select 2')),
        ]);
        return 'committed';
      });
      await expect(dying).rejects.toMatchObject({ code: expect.stringMatching(/^(57P01|CONNECTION_CLOSED)$/) });
      for (let i = 0; i < 4; i += 1) {
        const [row] = (await pool.db.execute(sql.raw('select 1 as one'))) as unknown as { one: number }[];
        expect(row!.one).toBe(1);
      }
      expect(
        await pool.db.transaction(
          async (tx) => ((await tx.execute(sql.raw('select 2 as two'))) as unknown as { two: number }[])[0]!.two,
        ),
      ).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('does not report a transaction as committed when PostgreSQL rolled it back', async () => {
    // A statement failed, the callback caught it and returned: COMMIT then answers ROLLBACK.
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql.raw('select 1/0')).catch(() => undefined);
        return 'done';
      }),
    ).rejects.toThrow(/rolled back/);
  });
});
