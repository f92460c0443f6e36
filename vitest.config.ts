// Tests: unit (machines, domain), api (the Hono app in process against real PostgreSQL and
// PGlite), process (xiufu started as a user starts it). globalSetup migrates one template
// database per driver; each test file clones its own from it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are large; two workers fit the 2 cores here without thrashing.
    maxWorkers: 2,
  },
});
