import { enableCompileCache } from 'node:module';

export const summary = 'Schedule a project.json or MS Project XML file (critical path)';

/**
 * `jalon schedule`. This module stays tiny on purpose: it switches on Node's compile cache
 * (which also keeps the result of TypeScript type stripping) before loading the planning code,
 * so a warm run skips re-stripping every file — most of the command's start-up time.
 */
export async function run(argv: string[]): Promise<number> {
  enableCompileCache();
  const { runSchedule } = await import('../schedule-run.ts');
  return runSchedule(argv);
}
