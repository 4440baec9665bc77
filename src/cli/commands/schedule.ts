/** `jalon schedule`: kept tiny so that only the planning code is loaded (bin/jalon.mjs enables the compile cache). */
export async function run(argv: string[]): Promise<number> {
  const { runSchedule } = await import('../schedule-run.ts');
  return runSchedule(argv);
}
