import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // sql.js shares one WASM heap per process; threads keep memory bounded on 2 cores.
    pool: 'threads',
    testTimeout: 30_000,
    setupFiles: ['test/support/callback-failures.ts'],
  },
});
