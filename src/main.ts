// The entry point: read the configuration, open (and migrate) the database, write reference
// data and, in demo mode, the demo data; then serve HTTP and print where and how to log in.
import { serve } from '@hono/node-server';
import { pathToFileURL } from 'node:url';
import { DataDirectoryLockedError, openDatabase } from '../db/client.js';
import { readConfig, type AppConfig } from './config/env.js';
import { createApp } from './http/app.js';
import type { ServiceContext } from './services/context.js';
import { demoAccounts, demoPassword, seedDemoData } from './services/seed-demo-data.js';
import { runBackgroundWork } from './services/run-background-work.js';
import { seedReferenceData } from './services/seed-reference-data.js';

export interface RunningXiufu {
  url: string;
  banner: string;
  close(): Promise<void>;
}

/** Starts xiufu in this process (the CLI below, and the screenshot script, use it). */
export async function startXiufu(config: AppConfig): Promise<RunningXiufu> {
  const database = await openDatabase(config);
  await seedReferenceData(database.db);
  if (config.demo) await seedDemoData(database.db, { now: new Date(), jurisdiction: config.jurisdiction });

  const services: ServiceContext = {
    db: database.db,
    now: () => new Date(),
    jurisdiction: config.jurisdiction,
    sessionTtlHours: config.sessionTtlHours,
  };
  const app = createApp(services, { demo: config.demo });
  const background = runBackgroundWork(services);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
      const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`;
      const lines = [
        `xiufu is running at ${url}`,
        `  database: ${database.description}`,
        `  policy:   ${config.jurisdiction}`,
        `  API docs: ${url}/api/docs`,
      ];
      if (config.demo) {
        lines.push(`  demo logins (password "${demoPassword}" for each):`);
        for (const account of demoAccounts) lines.push(`    ${account.username.padEnd(11)} ${account.role.padEnd(10)} ${account.displayName}`);
      }
      resolve({
        url,
        banner: lines.join('\n'),
        close: () =>
          new Promise<void>((done) =>
            server.close(async () => {
              await background.stop();
              await database.close();
              done();
            }),
          ),
      });
    });
  });
}

async function main(): Promise<void> {
  const running = await startXiufu(readConfig());
  console.log(running.banner);
  const shutdown = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    if (error instanceof DataDirectoryLockedError || (error instanceof Error && error.message.startsWith("xiufu's configuration"))) {
      console.error(error.message);
    } else {
      console.error('xiufu could not start:', error);
    }
    process.exit(1);
  });
}
