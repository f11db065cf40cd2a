import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests against the real server in real Chromium:
//   npx vitest run --config e2e/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
    reporters: ['verbose'],
  },
});
