import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/helpers/run-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ['default', './test/helpers/totals-reporter.ts'],
  },
});
