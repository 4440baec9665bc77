import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on a 2-core machine, leaving a core
    // idle while a file waits on its embedded database or the PostgreSQL server.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/web/**', '**/*.isolated.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // The core, server and API tests keep no state between files beyond what is keyed by
          // their own database (each file opens a fresh copy), so a worker runs file after file
          // in one process and imports the app once instead of once per file: about half the
          // CPU of the API suite went into importing and evaluating the same modules again.
          // A file that mocks a module (`vi.mock`) would not see its mock once another file has
          // imported that module in the same worker: it is named `*.isolated.test.ts` and runs in
          // the project below (test/vitest-isolation.test.ts checks the naming).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-isolated',
          include: ['src/**/*.isolated.test.ts', 'test/**/*.isolated.test.ts'],
          exclude: [...configDefaults.exclude, 'src/web/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The web tests mock modules and globals (fetch, timers) and use jsdom: one fresh
          // module graph per file.
          name: 'web',
          include: ['src/web/**/*.test.ts', 'src/web/**/*.test.tsx'],
          setupFiles: ['src/web/test-setup.ts'],
        },
      },
    ],
  },
});
