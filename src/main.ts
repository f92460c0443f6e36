// The entry point: read the configuration, open (and migrate) the database, write reference
// data and, in demo mode, the demo data; find Redis; then, by role, serve HTTP (api), run the
// job workers (worker), or both (all, the default), and print where and how to log in.
//   npm start                     everything in one process (the embedded database needs this)
//   npm start -- --role=api       HTTP only       (PostgreSQL; run workers elsewhere)
//   npm start -- --role=worker    job workers only
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataDirectoryLockedError, openDatabase } from '../db/client.js';
import { readConfig, type AppConfig } from './config/env.js';
import { keysOf } from './config/keys.js';
import { createApp } from './http/app.js';
import { ensureRedis, RedisUnavailableError } from './jobs/ensure-redis.js';
import { openJobQueues } from './jobs/queues.js';
import { runJobWorkers } from './jobs/workers.js';
import { sessionRevocations } from './jobs/session-revocations.js';
import type { ServiceContext } from './services/context.js';
import { demoAccounts, demoPassword, seedDemoData } from './services/seed-demo-data.js';
import { makeCaseEventPartitions } from './services/case-event-partitions.js';
import { seedReferenceData } from './services/seed-reference-data.js';
import { orphanAgeMs, sweepOrphanEvidence } from './services/evidence-store.js';
import { resealResidentIds } from './services/resident-id-vault.js';
import { protectFilingAddresses } from './services/filing-address-vault.js';
import { smtpMailer } from './services/send-notification-mail.js';
import { wordNotification } from '../ui/notification-wording.js';

export type ProcessRole = 'all' | 'api' | 'worker';

export interface RunningXiufu {
  url: string | null;
  banner: string;
  close(): Promise<void>;
}

/** Starts xiufu in this process (the CLI below, and the screenshot script, use it). */
export async function startXiufu(config: AppConfig, role: ProcessRole = 'all'): Promise<RunningXiufu> {
  if (role !== 'all' && !config.databaseUrl) {
    throw new Error(
      `--role=${role} needs PostgreSQL (DATABASE_URL): the embedded database serves one process, which must run everything.`,
    );
  }
  const keys = await keysOf(config);
  const database = await openDatabase(config);
  const stops: (() => Promise<void>)[] = [() => database.close()];
  try {
    await seedReferenceData(database.db);
    const partitions = await makeCaseEventPartitions(database.db, new Date(), 2, config.demo ? 12 : 0);
    if (partitions.heldInDefault.length > 0)
      console.warn(
        `xiufu: audit events of ${partitions.heldInDefault.join(', ')} are in case_events_default (see docs/DEPLOYMENT.md, partitions)`,
      );
    const resealed = await resealResidentIds(database.db, keys);
    if (resealed > 0) console.log(`xiufu: sealed ${resealed} resident identity numbers under the current keys`);
    const addresses = await protectFilingAddresses(database.db, keys);
    if (addresses > 0) console.log(`xiufu: hashed and masked the filing addresses of ${addresses} cases`);
    // The embedded build keeps evidence contents in a folder beside its data (evidence-store.ts);
    // PostgreSQL keeps them in the database, where every process reaches them.
    const evidenceFolder = database.driver === 'pglite' ? path.join(path.resolve(config.dataDir), 'files') : undefined;
    if (config.demo)
      await seedDemoData(database.db, { now: new Date(), jurisdiction: config.jurisdiction, keys, evidenceFolder });
    const redis = await ensureRedis({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    stops.unshift(() => redis.stop());
    const queues = openJobQueues(redis.url, config.queuePrefix);
    stops.unshift(() => queues.close());

    // The API's session cache, told of logouts on other processes over Redis.
    const revocations =
      role !== 'worker' && config.sessionCacheSeconds > 0
        ? await sessionRevocations(redis.url, config.queuePrefix, config.sessionCacheSeconds * 1000, queues.connection)
        : null;
    if (revocations) stops.unshift(() => revocations.close());
    const services: ServiceContext = {
      db: database.db,
      now: () => new Date(),
      jurisdiction: config.jurisdiction,
      sessionTtlHours: config.sessionTtlHours,
      keys,
      evidenceFolder,
      ...(revocations ? { sessionCache: revocations.cache } : {}),
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    };
    if (evidenceFolder) {
      // Files whose transaction rolled back (or whose process died) go once they are an hour old.
      const sweep = () =>
        void sweepOrphanEvidence(services).catch((error: unknown) =>
          console.error('xiufu: sweeping the evidence folder failed:', error),
        );
      sweep();
      const sweeping = setInterval(sweep, orphanAgeMs);
      sweeping.unref();
      stops.unshift(async () => clearInterval(sweeping));
    }
    const lines: string[] = [];
    if (role !== 'api') {
      const workers = await runJobWorkers(services, queues, redis.url, {
        relay: {
          mailer: config.mail ? smtpMailer(config.mail, wordNotification) : undefined,
          publicUrl: config.publicUrl,
        },
      });
      stops.unshift(() => workers.close());
    }
    let url: string | null = null;
    if (role !== 'worker') {
      const app = createApp(services, {
        demo: config.demo,
        queues,
        timerOverdueMarginSeconds: config.timerOverdueMarginSeconds,
        trustedProxies: config.trustedProxies,
        // A line per request: written in batches of 4 KB (or each second), not one write each,
        // which was a few percent of the API's CPU under load; flushed on exit.
        logger: pino(
          { base: { role } },
          pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }),
        ),
      });
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
          url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`;
          resolve(started);
        });
      });
      stops.unshift(() => new Promise<void>((done) => server.close(() => done())));
      lines.push(`xiufu is running at ${url}`, `  API docs: ${url}/api/docs · queues: ${url}/admin/queues`);
    } else {
      lines.push('xiufu workers are running');
    }
    lines.push(
      `  database: ${database.description}`,
      `  redis:    ${redis.description}`,
      `  policy:   ${config.jurisdiction} · role: ${role}`,
    );
    if (config.demo && role !== 'worker') {
      lines.push(`  demo logins (password "${demoPassword}" for each):`);
      for (const account of demoAccounts)
        lines.push(`    ${account.username.padEnd(11)} ${account.role.padEnd(10)} ${account.displayName}`);
    }
    return {
      url,
      banner: lines.join('\n'),
      close: async () => {
        // Every stop runs even if one fails (the database and a private Redis must close).
        for (const stop of stops) await stop().catch((error: unknown) => console.error('while stopping:', error));
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
}

function roleFromArgs(argv: string[]): ProcessRole {
  const value = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? 'all';
  if (value !== 'all' && value !== 'api' && value !== 'worker')
    throw new Error(`xiufu's configuration is invalid:\n  --role: expected all, api or worker, got ${value}`);
  return value;
}

async function main(): Promise<void> {
  const running = await startXiufu(readConfig(), roleFromArgs(process.argv.slice(2)));
  console.log(running.banner);
  const shutdown = () =>
    void running
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    if (
      error instanceof DataDirectoryLockedError ||
      error instanceof RedisUnavailableError ||
      (error instanceof Error && /configuration is invalid|needs PostgreSQL/.test(error.message))
    ) {
      console.error(error.message);
    } else {
      console.error('xiufu could not start:', error);
    }
    process.exit(1);
  });
}
