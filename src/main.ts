// The entry point: read the configuration, open (and migrate) the database, write reference
// data and, in demo mode, the demo data; then serve HTTP and print where and how to log in.
import { serve } from '@hono/node-server';
import { openDatabase, DataDirectoryLockedError } from '../db/client.js';
import { readConfig } from './config/env.js';
import { createApp } from './http/app.js';
import type { ServiceContext } from './services/context.js';
import { demoAccounts, demoPassword, seedDemoData } from './services/seed-demo-data.js';
import { seedReferenceData } from './services/seed-reference-data.js';

async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase(config);
  await seedReferenceData(database.db);
  if (config.demo) await seedDemoData(database.db);

  const services: ServiceContext = {
    db: database.db,
    now: () => new Date(),
    jurisdiction: config.jurisdiction,
    sessionTtlHours: config.sessionTtlHours,
  };
  const app = createApp(services);
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
      lines.push(`  try: curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"citizen1","password":"${demoPassword}"}'`);
    }
    console.log(lines.join('\n'));
  });

  const shutdown = () => {
    server.close(async () => {
      await database.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirectoryLockedError || (error instanceof Error && error.message.startsWith("xiufu's configuration"))) {
    console.error(error.message);
  } else {
    console.error('xiufu could not start:', error);
  }
  process.exit(1);
});
