import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Freeze the live vault document so any in-place change (instead of a copy-on-write draft) fails the tests.
    env: { SKM_FREEZE_VAULT: '1' },
  },
});
