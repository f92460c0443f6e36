// `npm run cases:migrate`: moves open cases to the newer versions of their case types that the
// migrations in machines/migrations.ts declare. `-- --dry-run` only lists, per case type and
// state, how many cases would move and how their due moments would change. `--batch-size N`
// sets how many cases are read at a time, `--limit N` stops after N cases (run again to go on).
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { readConfig } from './config/env.js';
import { keysOf } from './config/keys.js';
import { migrateCases, planCaseMigrations } from './services/migrate-cases.js';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    limit: { type: 'string' },
  },
});
const config = readConfig();
const keys = await keysOf(config);
const database = await openDatabase(config);
const ctx = {
  db: database.db,
  now: () => new Date(),
  jurisdiction: config.jurisdiction,
  sessionTtlHours: config.sessionTtlHours,
  keys,
};
try {
  if (values['dry-run']) {
    const plan = await planCaseMigrations(ctx);
    if (plan.length === 0) console.log('cases:migrate: no open case runs on a version a migration moves from');
    for (const line of plan) {
      const moved =
        line.dueMomentsMoved === 0
          ? 'due moments unchanged'
          : `${line.dueMomentsMoved} due moments move (at most ${line.largestMoveHours?.toFixed(1) ?? 'to or from none'} h)`;
      console.log(
        `${line.type} v${line.from}→v${line.to}  ${line.state} → ${line.toState}: ${line.cases} cases, ${moved}`,
      );
    }
  } else {
    const run = await migrateCases(ctx, {
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
      limit: values.limit ? Number(values.limit) : undefined,
      onBatch: (migrated) => console.log(`cases:migrate: ${migrated} cases migrated so far`),
    });
    console.log(
      `cases:migrate: ${run.migrated} cases migrated${run.skipped.length > 0 ? `, ${run.skipped.length} changed meanwhile and left for the next run` : ''}${run.more ? '; more remain (run again)' : ''}`,
    );
  }
} finally {
  await database.close();
}
