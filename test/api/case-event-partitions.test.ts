// case_events partitioned by the month its case was opened, on PostgreSQL and PGlite: each
// chain is in its month's partition; months are made ahead and a month nobody made lands in the
// default partition (and is then reported, not made over it); every partition refuses UPDATE,
// DELETE and TRUNCATE; (case_id, seq) stays unique; and migration 0016 carries a database with
// events in it over (applied here to a database migrated up to 0015 and filled first).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePglite, type Database } from '../../db/client.js';
import { verifyAllAuditTrails } from '../../src/services/audit-anchors.js';
import { makeCaseEventPartitions, monthsFrom } from '../../src/services/case-event-partitions.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testStart } from '../helpers/test-clock.js';
import { migrationsBefore } from '../helpers/migrations-before.js';
import { drivers } from '../helpers/test-database.js';

/** What the database said when it refused (drizzle puts it in the error's cause). */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'accepted';
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
}

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

describe.each(drivers)('case_events by month (%s)', (driver) => {
  // One instant for the whole file: the migration made its months from the real day it ran
  // (global setup, moments ago), so the months here count from the real day too, but read once,
  // so that no test straddles a month's end between two readings.
  const today = new Date();
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let citizen: string;

  const file = async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
    });
    expect(filed.status).toBe(201);
    return filed.body as { id: string };
  };
  const partitionOf = async (caseId: string) =>
    (
      await rows<{ partition: string }>(
        h.database.db,
        sql`select distinct tableoid::regclass::text as partition from case_events where case_id = ${caseId}`,
      )
    ).map((r) => r.partition);

  beforeAll(async () => {
    h = await startHarness(driver, today.toISOString());
    s = await makeObjectionScenario(h.database.db);
    citizen = await h.login(s.citizen.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('keeps each chain in the partition of its case’s month, made ahead of time', async () => {
    const [partitioned] = await rows<{ strategy: string }>(
      h.database.db,
      sql`select partstrat as strategy from pg_partitioned_table where partrelid = 'case_events'::regclass`,
    );
    expect(partitioned?.strategy).toBe('r');
    expect((await makeCaseEventPartitions(h.database.db, today)).ready).toEqual(
      monthsFrom(today, 2).map((m) => m.slice(0, 7)),
    );
    const now = await file();
    expect(await partitionOf(now.id)).toEqual([`case_events_${today.toISOString().slice(0, 7).replace('-', '_')}`]);
  });

  it('puts a month nobody made into the default partition, and then reports that month rather than making it', async () => {
    // Months from the migration's run to two ahead exist; five months on, none does yet.
    const [unmade, next] = monthsFrom(today, 6).slice(5);
    h.clock.set(`${unmade}T02:00:00Z`);
    const unplanned = await file();
    expect(await partitionOf(unplanned.id)).toEqual(['case_events_default']);
    expect(await makeCaseEventPartitions(h.database.db, new Date(`${unmade}T00:00:00Z`), 1)).toEqual({
      ready: [next!.slice(0, 7)],
      heldInDefault: [unmade!.slice(0, 7)],
    });
    h.clock.set(`${next}T02:00:00Z`);
    expect(await partitionOf((await file()).id)).toEqual([`case_events_${next!.slice(0, 7).replace('-', '_')}`]);
    const report = await verifyAllAuditTrails(h.services);
    expect(report.brokenCases).toEqual([]);
  });

  it('refuses to change or remove events in every partition, and keeps (case, seq) unique', async () => {
    h.clock.set(today);
    const theCase = await file();
    const month = (await partitionOf(theCase.id))[0]!;
    // And one in the default partition, eight months on, so that every table has rows to refuse.
    h.clock.set(`${monthsFrom(today, 8)[8]}T02:00:00Z`);
    expect(await partitionOf((await file()).id)).toEqual(['case_events_default']);
    for (const table of ['case_events', month, 'case_events_default']) {
      expect(await refusal(h.database.db.execute(sql.raw(`update ${table} set payload = '{}'`))), table).toMatch(
        /append-only/,
      );
      expect(await refusal(h.database.db.execute(sql.raw(`delete from ${table}`))), table).toMatch(/append-only/);
      expect(await refusal(h.database.db.execute(sql.raw(`truncate ${table}`))), table).toMatch(/append-only/);
    }
    const again = sql`insert into case_events (case_id, case_opened_at, seq, actor_role, at, event, to_state, payload, prev_hash, hash)
      select case_id, case_opened_at, seq, actor_role, at, event, to_state, payload, prev_hash, hash from case_events where case_id = ${theCase.id} and seq = 1`;
    expect(await refusal(h.database.db.execute(again))).toMatch(
      /duplicate key value violates unique constraint "case_events_\w+_pkey"/,
    );
  });
});

describe('migration 0016 on a database with events in it', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'xiufu-migrations-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('moves every event into its month’s partition and the chains still verify', { timeout: 60_000 }, async () => {
    const before = await migrationsBefore('0016_', directory);

    const pglite = await PGlite.create();
    const old = drizzle(pglite);
    await migrate(old, { migrationsFolder: before });
    // Events as the engine wrote them then: two cases opened in different months. Only the
    // events matter to 0016, so the cases are bare (their other columns may be empty here).
    const required = (await old.execute(
      sql`select attname from pg_attribute where attrelid = 'cases'::regclass and attnotnull and attnum > 0 and attname not in ('id', 'opened_at')`,
    )) as unknown as { rows: { attname: string }[] };
    for (const { attname } of required.rows)
      await old.execute(sql.raw(`alter table cases alter column ${attname} drop not null`));
    const chain = [
      ['10000000-0000-4000-8000-000000000001', '2026-09-30T23:00:00Z'],
      ['10000000-0000-4000-8000-000000000002', '2026-11-02T08:00:00Z'],
    ] as const;
    const { hashAuditEvent, genesisHash } = await import('../../src/domain/audit-chain.js');
    for (const [id, openedAt] of chain) {
      await old
        .execute(
          sql`insert into cases (id, type, state, status, version, opened_at) values (${id}, 'objection', 'intake', 'open', 2, ${openedAt})`,
        )
        .catch(async (error: Error) => {
          throw new Error(`fill the old schema: ${String((error as { cause?: Error }).cause?.message)}`);
        });
      let prev = genesisHash;
      for (const seq of [1, 2]) {
        const content = {
          caseId: id,
          seq,
          actorUserId: null,
          actorRole: 'citizen',
          at: openedAt.replace('Z', '.000Z'),
          event: seq === 1 ? 'FILED' : 'SUPPLEMENT',
          fromState: seq === 1 ? null : 'intake',
          toState: 'intake',
          payload: { n: seq },
        };
        const hash = hashAuditEvent(content, prev);
        await old.execute(sql`insert into case_events (case_id, seq, actor_role, at, event, from_state, to_state, payload, prev_hash, hash)
          values (${id}, ${seq}, 'citizen', ${content.at}, ${content.event}, ${content.fromState}, 'intake', ${JSON.stringify(content.payload)}::jsonb, ${prev}, ${hash})`);
        prev = hash;
      }
    }

    const handle = await usePglite(pglite);
    try {
      const placed = await rows<{ partition: string; n: number }>(
        handle.db,
        sql`select tableoid::regclass::text as partition, count(*)::int as n from case_events group by 1 order by 1`,
      );
      expect(placed).toEqual([
        { partition: 'case_events_2026_09', n: 2 },
        { partition: 'case_events_2026_11', n: 2 },
      ]);
      await seedReferenceData(handle.db);
      const report = await verifyAllAuditTrails({
        db: handle.db,
        now: () => new Date(testStart),
        jurisdiction: 'national',
        sessionTtlHours: 1,
        keys: (await import('../helpers/test-keys.js')).testKeys,
      });
      expect(report).toMatchObject({ casesChecked: 2, brokenCases: [] });
      const [next] = await rows<{ id: number }>(handle.db, sql`select nextval('case_events_id_seq')::int as id`);
      expect(next!.id).toBe(5);
    } finally {
      await handle.close();
    }
  });
});
