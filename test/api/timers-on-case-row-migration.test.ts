// Migration 0028 moves the timers onto the case row: on a database an older release left, with
// a warning already sent and timers still pending, what the timers table knew is carried over
// (the warning recorded on its clock, in the state's clock and in a further clock; a warning
// point an older clock did not keep) and each open case's next_timer_at is computed from its
// clocks, even where its timer rows were missing, before the table goes. The SQL is the
// same on both drivers; it runs here on PGlite, as migration 0016's test does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePglite } from '../../db/client.js';
import type { CaseClock } from '../../src/domain/case-clock.js';
import { nextTimerAtOf, pendingTimersOf } from '../../src/domain/case-timers.js';
import { runningClock } from '../helpers/case-timers.js';
import { migrationsBefore } from '../helpers/migrations-before.js';

describe('migration 0028 on a database with timers in it', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'xiufu-migrations-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('records sent warnings on their clocks and each open case’s next timer, then drops the table', {
    timeout: 60_000,
  }, async () => {
    const pglite = await PGlite.create();
    const old = drizzle(pglite);
    await migrate(old, { migrationsFolder: await migrationsBefore('0028_', directory) });
    // Only the clocks and timers matter to 0028, so the cases are bare otherwise.
    const required = (await old.execute(
      sql`select attname from pg_attribute where attrelid = 'cases'::regclass and attnotnull and attnum > 0 and attname not in ('id', 'opened_at')`,
    )) as unknown as { rows: { attname: string }[] };
    for (const { attname } of required.rows)
      await old.execute(sql.raw(`alter table cases alter column ${attname} drop not null`));

    const warned = '10000000-0000-4000-8000-000000000001';
    const twoClocks = '10000000-0000-4000-8000-000000000002';
    const closed = '10000000-0000-4000-8000-000000000003';
    const noRows = '10000000-0000-4000-8000-000000000004';
    const olderClock = '10000000-0000-4000-8000-000000000005';
    const answer = runningClock('objection.answer', '2026-12-15T16:00:00.000Z', '2026-12-11T16:00:00.000Z');
    const decide = runningClock('repair.decide', '2026-12-21T16:00:00.000Z', '2026-12-17T16:00:00.000Z');
    const report = runningClock('repair.report', '2026-12-09T16:00:00.000Z', '2026-12-07T16:00:00.000Z');
    const insertCase = (id: string, status: string, clock: object, others: object[]) =>
      old.execute(sql`insert into cases (id, type, state, status, version, opened_at, clock, other_clocks)
        values (${id}, 'objection', 'verifying', ${status}, 2, '2026-11-25T02:00:00Z', ${JSON.stringify(clock)}::jsonb, ${JSON.stringify(others)}::jsonb)`);
    await insertCase(warned, 'open', answer, []);
    await insertCase(twoClocks, 'open', decide, [report]);
    await insertCase(closed, 'closed', answer, []);
    // A running clock the table had no rows for, and a clock written before clocks kept their
    // warning point (its pending warning row has it).
    await insertCase(noRows, 'open', answer, []);
    const { warningAt: _unkept, ...withoutWarningPoint } = answer;
    await insertCase(olderClock, 'open', withoutWarningPoint, []);
    const timer = (caseId: string, kind: string, clock: CaseClock, firedAt: string | null) =>
      old.execute(sql`insert into timers (case_id, kind, deadline, due_at, fire_at, fired_at, created_at)
        values (${caseId}, ${kind}, ${clock.deadline}, ${clock.dueAt}, ${kind === 'warning' ? clock.warningAt : clock.dueAt}, ${firedAt}, now())`);
    await timer(warned, 'warning', answer, '2026-12-11T16:00:02Z');
    await timer(warned, 'breach', answer, null);
    await timer(twoClocks, 'warning', decide, null);
    await timer(twoClocks, 'breach', decide, null);
    await timer(twoClocks, 'warning', report, '2026-12-07T16:00:03Z');
    await timer(twoClocks, 'breach', report, null);
    // A closed case whose timer was left pending: it waits for nothing afterwards.
    await timer(closed, 'breach', answer, null);
    await timer(olderClock, 'warning', answer, null);
    await timer(olderClock, 'breach', answer, null);

    const handle = await usePglite(pglite);
    try {
      const result = (await handle.db.execute(
        sql`select id, clock, other_clocks, next_timer_at from cases order by id`,
      )) as unknown as {
        rows: { id: string; clock: CaseClock; other_clocks: CaseClock[]; next_timer_at: string | Date | null }[];
      };
      const byId = new Map(result.rows.map((row) => [row.id, row]));
      const nextOf = (id: string) => {
        const at = byId.get(id)!.next_timer_at;
        return at === null ? null : new Date(at).toISOString();
      };
      const pendingOf = (id: string) => {
        const row = byId.get(id)!;
        return pendingTimersOf([row.clock, ...row.other_clocks]).map((t) => `${t.deadline} ${t.kind}`);
      };

      // Moments as the engine writes them.
      expect(byId.get(warned)!.clock).toMatchObject({
        warnedAt: '2026-12-11T16:00:02.000Z',
        warnedDueAt: answer.dueAt,
      });
      expect(pendingOf(warned)).toEqual(['objection.answer breach']);
      expect(nextOf(warned)).toBe('2026-12-15T16:00:00.000Z');

      expect(byId.get(twoClocks)!.clock.warnedDueAt).toBeUndefined();
      expect(byId.get(twoClocks)!.other_clocks[0]).toMatchObject({
        warnedAt: '2026-12-07T16:00:03.000Z',
        warnedDueAt: report.dueAt,
      });
      expect(pendingOf(twoClocks)).toEqual(['repair.decide warning', 'repair.decide breach', 'repair.report breach']);
      expect(nextOf(twoClocks)).toBe('2026-12-09T16:00:00.000Z');
      expect(nextOf(noRows)).toBe('2026-12-11T16:00:00.000Z');
      expect(byId.get(olderClock)!.clock).toMatchObject({ warningAt: answer.warningAt });
      expect(pendingOf(olderClock)).toEqual(['objection.answer warning', 'objection.answer breach']);
      // What the workers go by agrees with what the clocks say, for every open case.
      for (const id of [warned, twoClocks, noRows, olderClock]) {
        const row = byId.get(id)!;
        expect(nextOf(id)).toBe(nextTimerAtOf([row.clock, ...row.other_clocks])?.toISOString());
      }

      expect(nextOf(closed)).toBeNull();
      const left = (await handle.db.execute(sql`select to_regclass('timers') as t`)) as unknown as {
        rows: { t: string | null }[];
      };
      expect(left.rows[0]!.t).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
