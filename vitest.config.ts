import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 15_000,
    pool: 'threads',
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine, where the
    // process, Redis and browser suites spend most of their time waiting on other processes.
    maxWorkers: 2,
  },
});
