import { describe, expect, it } from 'vitest';
import type { ProjectPlan } from '../../src/core/planning/model.ts';
import {
  blockStates,
  compileSimulation,
  simulate,
  simulateBlocks,
  type BlockResult,
} from '../../src/core/risks/montecarlo.ts';
import { seedWords } from '../../src/core/risks/random.ts';
import {
  runSimulation,
  startKernelWorker,
} from '../../src/server/modules/risks/simulation-runner.ts';

/** A small network with every shape of estimate and a risk, so each kernel path runs. */
function model() {
  const tasks: ProjectPlan['tasks'] = [];
  const links: ProjectPlan['links'] = [];
  for (let i = 0; i < 40; i++) {
    tasks.push({ id: `t${i}`, name: `Tâche ${i}`, duration: 5 + (i % 4) });
    if (i >= 4)
      links.push({ from: `t${i - 4}`, to: `t${i}`, type: i % 5 === 0 ? 'SS' : 'FS', lag: i % 3 });
  }
  const estimates = new Map(
    tasks.map((t, i) => [
      t.id,
      {
        distribution: (['uniform', 'triangular', 'pert'] as const)[i % 3]!,
        min: 4,
        mode: 6,
        max: 12,
      },
    ]),
  );
  const plan = { start: '2027-01-04', tasks, links } as unknown as ProjectPlan;
  const risks = [
    { id: 'R1', name: 'Retard', probability: 0.3, impacts: [{ task: 't7', days: 6 }] },
  ];
  return compileSimulation({ plan, estimates, risks });
}

describe('simulation runner', () => {
  it('runs the kernel on a worker from its source text, with the same result as in-process', async () => {
    const m = model();
    const words = seedWords('worker');
    const worker = startKernelWorker(m.kernel, 1000);
    try {
      const result = await new Promise<BlockResult>((resolve, reject) => {
        worker.on('message', (message: BlockResult | 'ready') => {
          if (message === 'ready') {
            worker.postMessage({ firstBlock: 2, blockEnd: 6, states: blockStates(words, 2, 6) });
          } else resolve(message);
        });
        worker.once('error', reject);
      });
      const expected = simulateBlocks(m.kernel, words, 1000, 2, 6);
      expect(result.firstBlock).toBe(2);
      expect(result.blockEnd).toBe(6);
      expect(Array.from(result.durations)).toEqual(Array.from(expected.durations));
      expect(Array.from(result.criticalCount)).toEqual(Array.from(expected.criticalCount));
      expect(Array.from(result.sums)).toEqual(Array.from(expected.sums));
    } finally {
      await worker.terminate();
    }
  });

  it('gives the same samples with one thread, two threads and in-process', async () => {
    const m = model();
    const single = simulate(m, 3000, 's');
    let progress = 0;
    for (const threads of [1, 2]) {
      const samples = await runSimulation(m, 3000, 's', {
        threads,
        onProgress: (done) => (progress = done),
      });
      expect(Array.from(samples.durations)).toEqual(Array.from(single.durations));
      expect(Array.from(samples.criticalCount)).toEqual(Array.from(single.criticalCount));
      expect(progress).toBe(3000);
    }
  });

  it('reuses its worker threads from one simulation to the next, whatever the network', async () => {
    // Large enough to go parallel (the runner keeps small simulations on the calling thread).
    const iterations = 60_000;
    const a = model();
    const b = compileSimulation({
      plan: { start: '2027-01-04', tasks: [{ id: 'x', name: 'X', duration: 3 }], links: [] },
      estimates: new Map([['x', { distribution: 'triangular', min: 1, mode: 3, max: 9 }]]),
      risks: [],
    } as never);
    const expectedA = simulate(a, iterations, 'pool');
    const expectedB = simulate(b, 200_000, 'pool');
    for (const [m, n, expected] of [
      [a, iterations, expectedA],
      [b, 200_000, expectedB],
      [a, iterations, expectedA],
    ] as const) {
      const samples = await runSimulation(m, n, 'pool', { threads: 2 });
      expect(Array.from(samples.durations)).toEqual(Array.from(expected.durations));
      expect(Array.from(samples.criticalCount)).toEqual(Array.from(expected.criticalCount));
      expect(Array.from(samples.sums)).toEqual(Array.from(expected.sums));
    }
  });
});
