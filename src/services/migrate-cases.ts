// Moves running cases to a newer version of their case type, as the migrations declared in
// machines/migrations.ts say: planned first (how many cases in each state would move, and how
// their due moments change), then carried out through the door (changeCase) one case per
// transaction, each with one MIGRATED audit event naming both versions. Cases are taken in
// batches in id order; a run that stops leaves every case either moved or not, and the next run
// takes up the ones still on the old version. Closed cases stay on the version they ended
// under, which the registry keeps for reading them.
import { and, asc, eq, gt } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import { cases } from '../../db/schema.js';
import { caseMigrations, type CaseMigration, definitionsOf, migrateSnapshot } from '../../machines/migrations.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import { type CaseClock, nextCaseClock, recountCaseClock } from '../domain/case-clock.js';
import { isDomainError } from '../domain/errors.js';
import type { PolicyVersion } from '../domain/policy.js';
import type { Actor } from '../domain/roles.js';
import { changeCase, policyVersionOf } from './case-engine.js';
import { caseTypeOfCase, clockDirectiveOf, restoreSnapshot, stateNameOf } from './case-runtime.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { actorOf } from './log-in.js';
import { systemUsername } from './seed-reference-data.js';

export interface MigrationPlanLine {
  type: string;
  from: number;
  to: number;
  state: string;
  toState: string;
  cases: number;
  /** Cases whose running clock would fall due at another moment. */
  dueMomentsMoved: number;
  /** The largest of those moves, in hours (later positive, earlier negative); null when none moves. */
  largestMoveHours: number | null;
}

export interface MigrationRun {
  migrated: number;
  /** Cases someone changed while the run looked at them: left on the old version for the next run. */
  skipped: string[];
  /** Whether cases remain on an old version (the run stopped at its limit). */
  more: boolean;
}

const defaultBatchSize = 100;

/** What `cases:migrate --dry-run` prints: per migration and state, how many open cases would move. */
export async function planCaseMigrations(ctx: ServiceContext): Promise<MigrationPlanLine[]> {
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const at = ctx.now();
  const lines = new Map<string, MigrationPlanLine>();
  for (const migration of caseMigrations) {
    for await (const batch of openCasesOn(ctx, migration, defaultBatchSize)) {
      for (const { row: current } of batch) {
        const policy = await policyVersionOf(ctx.db, current.policyVersionId);
        const before = restoreSnapshot(caseTypeOfCase(current), current);
        const after = migrateSnapshot(migration, before, policy);
        const state = stateNameOf(before);
        const key = `${migration.type}|${migration.from}|${state}`;
        const line = lines.get(key) ?? {
          type: migration.type,
          from: migration.from,
          to: migration.to,
          state,
          toState: stateNameOf(after),
          cases: 0,
          dueMomentsMoved: 0,
          largestMoveHours: null,
        };
        line.cases += 1;
        const dueBefore = current.clock?.dueAt ? Date.parse(current.clock.dueAt) : null;
        const clockAfter = nextCaseClock(
          treatedClock(migration, current.clock, policy, calendar),
          clockDirectiveOf(after),
          at,
          policy,
          calendar,
        );
        const dueAfter = clockAfter?.dueAt ? Date.parse(clockAfter.dueAt) : null;
        if (dueBefore !== dueAfter) {
          line.dueMomentsMoved += 1;
          const hours = dueBefore !== null && dueAfter !== null ? (dueAfter - dueBefore) / 3_600_000 : null;
          if (hours !== null && (line.largestMoveHours === null || Math.abs(hours) > Math.abs(line.largestMoveHours)))
            line.largestMoveHours = hours;
        }
        lines.set(key, line);
      }
    }
  }
  return [...lines.values()];
}

/**
 * Migrates the open cases on a version a declared migration moves from, at most `limit` of them
 * (all when absent), `batchSize` at a time.
 */
export async function migrateCases(
  ctx: ServiceContext,
  options: { batchSize?: number; limit?: number; onBatch?: (migrated: number) => void } = {},
): Promise<MigrationRun> {
  const actor = await systemActor(ctx);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const run: MigrationRun = { migrated: 0, skipped: [], more: false };
  for (const migration of caseMigrations) {
    for await (const batch of openCasesOn(ctx, migration, options.batchSize ?? defaultBatchSize)) {
      for (const { id, version } of batch) {
        if (run.migrated >= limit) {
          run.more = true;
          return run;
        }
        try {
          await migrateCase(ctx, migration, actor, { id, version });
          run.migrated += 1;
        } catch (error) {
          // Changed meanwhile: it stays where it is, for the next run to look at again.
          if (!isDomainError(error, 'VERSION_CONFLICT')) throw error;
          run.skipped.push(id);
        }
      }
      options.onBatch?.(run.migrated);
    }
  }
  return run;
}

async function migrateCase(
  ctx: ServiceContext,
  migration: CaseMigration,
  actor: Actor,
  row: { id: string; version: number },
): Promise<void> {
  const { to } = definitionsOf(migration);
  // The version seen when the batch was read: a case changed since (acted on, closed) is refused with 409.
  await changeCase(ctx, { caseId: row.id, actor, expectedVersion: row.version }, ({ current, snapshot, policy }) => {
    if (current.machineVersion !== migration.from) throw new Error(`case ${current.id} is not on v${migration.from}`);
    return {
      event: 'MIGRATED',
      payload: {
        caseType: migration.type,
        fromVersion: migration.from,
        toVersion: migration.to,
        clock: migration.clock,
        reason: migration.description,
      },
      migrateTo: {
        caseType: to,
        snapshot: migrateSnapshot(migration, snapshot, policy),
        recountClocks: migration.clock === 'recount',
        effects: migration.effects?.(stateNameOf(snapshot), snapshot.context ?? {}) ?? [],
      },
    };
  });
}

function treatedClock(
  migration: CaseMigration,
  clock: CaseClock | null,
  policy: PolicyVersion,
  calendar: WorkingDayCalendar,
): CaseClock | null {
  return clock && migration.clock === 'recount' ? recountCaseClock(clock, policy, calendar) : clock;
}

/** The open cases on a migration's old version, in id order, a batch at a time. */
async function* openCasesOn(ctx: ServiceContext, migration: CaseMigration, batchSize: number) {
  let after = '';
  for (;;) {
    const batch = await ctx.db
      .select({ id: cases.id, version: cases.version, row: cases })
      .from(cases)
      .where(
        and(
          eq(cases.type, migration.type),
          eq(cases.machineVersion, migration.from),
          eq(cases.status, 'open'),
          after ? gt(cases.id, after) : undefined,
        ),
      )
      .orderBy(asc(cases.id))
      .limit(batchSize);
    if (batch.length === 0) return;
    yield batch;
    after = batch.at(-1)!.id;
  }
}

async function systemActor(ctx: ServiceContext): Promise<Actor> {
  const [system] = await ctx.db.select().from(users).where(eq(users.username, systemUsername));
  if (!system) throw new Error('the system user is missing: reference data was not seeded');
  return actorOf(system);
}
