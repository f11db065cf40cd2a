import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit tests of the web UI (no browser): `npx vitest run --config apps/web/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
