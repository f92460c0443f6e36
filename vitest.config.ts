// Tests, as four vitest projects: unit (machines, domain; no database, seconds:
// `npx vitest run --project unit`), api (the Hono app in process against real PostgreSQL and
// PGlite), process (xiufu started as a user starts it) and browser (chromium). The last three
// share a global setup that migrates one template database per driver; each test file clones
// its own from it. `npm test` runs all four.
import { defineConfig } from 'vitest/config';

// Every database, PGlite dump and queue prefix a run makes is named after the run, so that two
// runs at once (two work trees, or two terminals) never touch each other's. Set here, in the
// main process, so the global setup and every worker it forks read the same name.
process.env.XIUFU_TEST_RUN ??= `p${process.pid}`;

const withDatabase = { globalSetup: ['test/helpers/global-setup.ts'], hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // PGlite instances are large; two workers fit the 2 cores here without thrashing.
    maxWorkers: 2,
    projects: [
      // No database and no global setup; the generated walks and property tests take seconds alone
      // and several times that on two busy cores, hence more than vitest's 5 s.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'api', include: ['test/api/**/*.test.ts'], testTimeout: 30_000, ...withDatabase } },
      { test: { name: 'process', include: ['test/process/**/*.test.ts'], testTimeout: 30_000, ...withDatabase } },
      // Three people's journeys through chromium take longer than a request.
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 60_000, ...withDatabase } },
    ],
  },
});
