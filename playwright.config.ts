import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * The Playwright journeys run against a real Jalon server started on a fresh embedded database
 * (the "Groupe Exemple" demo is seeded on its first start), in the Chromium of the machine.
 *
 * - `JALON_E2E_URL=http://127.0.0.1:3000 npm run e2e` runs against a server you started
 *   yourself (demo seeded, `JALON_DEMO_PASSWORD=demo-password-123`) instead of starting one.
 * - `JALON_E2E_PORT` picks the port of the started server (default: a random one, so that two
 *   runs on the same machine do not collide).
 *
 * The config is evaluated again in every worker: what is chosen here (port, data directory)
 * goes through the environment, so that the workers see the same values as the runner.
 */
const external = process.env.JALON_E2E_URL;
process.env.JALON_E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000));
const port = Number(process.env.JALON_E2E_PORT);
if (!external && !process.env.JALON_E2E_DATA_DIR) {
  // A fresh database for every run, removed when the runner exits (after the server stopped).
  const dir = mkdtempSync(path.join(tmpdir(), 'jalon-e2e-'));
  process.env.JALON_E2E_DATA_DIR = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const baseURL = external ?? `http://127.0.0.1:${port}`;

/**
 * The journeys that share demo data which one of them changes: the resource load and skills
 * (leveling applied, an allocation proposed then confirmed, an assessment and a development
 * goal recorded) and the intake backlog (a request passed into evaluation, which the backlog
 * scenario is built from).
 */
const SHARED_DEMO = [
  'staff.spec.ts',
  'resources.spec.ts',
  'staffing.spec.ts',
  'skills.spec.ts',
  'scenarios.spec.ts',
  'strategy.spec.ts',
].map((f) => `**/${f}`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Two journeys at a time against the one server and its one demo database (the files are
  // shared out between the two workers; the tests of one file run in order in one worker).
  workers: 2,
  fullyParallel: false,
  projects: [
    // The journeys that change demo data other journeys of this list read (or read what the
    // others change): one at a time, beside the other worker (listed first so that this chain
    // of files starts at once). See docs/ARCHITECTURE.md, « Journeys and the demo ».
    { name: 'shared-demo', testMatch: SHARED_DEMO, workers: 1 },
    // Every other journey works on its own data or on demo data no journey changes.
    { name: 'journeys', testIgnore: SHARED_DEMO },
  ],
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Upper bounds, not waits: two journeys, their two browsers and the server share a small
  // machine, and a page's first load (its chunk, then its reads) took over 15 s on a busy one.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // The CI script (.ci/run) passes `--reporter=list,json` with PLAYWRIGHT_JSON_OUTPUT_NAME,
  // which replaces this list; locally the JSON report lands in test-results/e2e.json.
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    // Recording a trace (a DOM snapshot and a screenshot at every action) cost ~60 % more CPU in
    // the browser and the runner (dash.spec: 15 s against 9 s). CI retries a failed journey once
    // and records that retry; locally, where there is no retry, every run is recorded and kept
    // when it fails.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        // Node 24 of the project, whatever `node` is on the PATH.
        command: `"${path.resolve('node_modules/.bin/node')}" bin/jalon.mjs start --port ${port}`,
        url: `${baseURL}/readyz`,
        env: {
          JALON_DATA_DIR: process.env.JALON_E2E_DATA_DIR!,
          JALON_DEMO_PASSWORD: 'demo-password-123',
          JALON_SEED_DEMO: 'true',
          JALON_JOBS: 'false',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        },
        // First start: build of the web app if stale, migrations and the demo seed.
        timeout: 480_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
