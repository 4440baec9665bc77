/** `jalon simulate`: kept tiny so that only the simulation code is loaded. */
export async function run(argv: string[]): Promise<number> {
  const { runSimulate } = await import('../simulate-run.ts');
  return runSimulate(argv);
}
