import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A timeout only catches a hang: no result depends on the machine's speed (CI runs on a loaded 2-core machine).
    testTimeout: 300_000,
  },
});
