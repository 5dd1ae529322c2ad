import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Two workers on this 2-core machine: much of the suite waits on disk syncs, child processes and TLS, so two files
    // at once take half the time (about 2 min instead of 4).
    maxWorkers: 2,
    // Freeze the live vault document so any in-place change (instead of a copy-on-write draft) fails the tests.
    env: { SKM_FREEZE_VAULT: '1' },
  },
});
