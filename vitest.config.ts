import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on a 2-core machine, leaving a core
    // idle while a file waits on its embedded database or the PostgreSQL server.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
