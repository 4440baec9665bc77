/**
 * Jobs run inside this process (without pg-boss), one after the other — the machine's cores
 * are shared — and each id at most once at a time. `wait` resolves when that id's job ends
 * (tests, seeding), and rejects as it did.
 */
export function serialRunner() {
  const running = new Map<string, Promise<void>>();
  let chain: Promise<void> = Promise.resolve();
  return {
    run(id: string, work: () => Promise<void>) {
      if (running.has(id)) return;
      const job = chain.then(work).finally(() => running.delete(id));
      chain = job.catch(() => undefined);
      running.set(id, job);
    },
    async wait(id: string) {
      await running.get(id);
    },
  };
}
