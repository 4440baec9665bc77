/** `jalon optimize`: kept tiny so that only the selection code and HiGHS are loaded, never the server. */
export async function run(argv: string[]): Promise<number> {
  const { runOptimize } = await import('../optimize-run.ts');
  return runOptimize(argv);
}
