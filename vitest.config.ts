import { defineConfig } from 'vitest/config';

// API and engine tests. The server's tests run twice in `npm test`: on PGlite, and on PostgreSQL
// when DATABASE_URL is set (scripts/test.mjs). Browser tests live in e2e/ with their own config.
export default defineConfig({
  test: {
    include: ['apps/server/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    setupFiles: ['vitest.setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
