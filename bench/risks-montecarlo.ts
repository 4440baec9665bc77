import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProjectPlan } from '../src/core/planning/model.ts';
import { toProjectNetwork } from '../src/core/planning/project-network.ts';
import { DISTRIBUTIONS, type ThreePointEstimate } from '../src/core/risks/distributions.ts';
import { compileSimulation, type RiskEvent } from '../src/core/risks/montecarlo.ts';
import { runSimulation } from '../src/server/modules/risks/simulation-runner.ts';
import { type BenchOptions, type BenchResult, median, quantile, REPO_ROOT } from './lib.ts';
import { generateNetwork } from './planning-cpm.ts';

/**
 * The planning benchmark's synthetic network (all link types, lags, milestones, French
 * holidays) with a three-point estimate on every non-milestone leaf (triangular, PERT and
 * uniform in turn, skewed to the right) and one risk event per 50 tasks.
 */
export function riskyNetwork(taskCount: number): {
  plan: ProjectPlan;
  estimates: Map<string, ThreePointEstimate>;
  risks: RiskEvent[];
} {
  const plan = generateNetwork(taskCount);
  const estimates = new Map<string, ThreePointEstimate>();
  const leaves = plan.tasks.filter((t) => !t.summary);
  leaves.forEach((t, i) => {
    const d = t.duration!;
    if (d === 0) return;
    estimates.set(t.id, {
      distribution: DISTRIBUTIONS[i % 3]!,
      min: d * 0.8,
      mode: d,
      max: d * (1.3 + (i % 7) / 10),
    });
  });
  const risks: RiskEvent[] = [];
  for (let r = 0; r * 50 < leaves.length; r++) {
    risks.push({
      id: `R${r + 1}`,
      name: `Risque ${r + 1}`,
      probability: 0.05 + (r % 5) / 20,
      impacts: [
        {
          task: leaves[r * 50 + ((r * 7) % 50 < leaves.length - r * 50 ? (r * 7) % 50 : 0)]!.id,
          days: 3 + (r % 4),
        },
      ],
    });
  }
  return { plan, estimates, risks };
}

function riskyJson(taskCount: number): string {
  const { plan, estimates, risks } = riskyNetwork(taskCount);
  const json = toProjectNetwork(plan) as { tasks: Record<string, unknown>[] };
  json.tasks = plan.tasks.map((t) => {
    const e = estimates.get(t.id);
    return e ? { ...t, estimate: e } : { ...t };
  });
  return JSON.stringify({ ...json, risks });
}

async function timeAsync(runs: number, body: () => Promise<unknown>): Promise<number[]> {
  await body(); // warm-up (JIT, worker start-up code cached)
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await body();
    samples.push(performance.now() - t0);
  }
  return samples;
}

const stats = (samples: number[]): { median: number; p95: number } => ({
  median: Math.round(median(samples)),
  p95: Math.round(quantile(samples, 0.95)),
});

/** Compute of 10,000 × 1,000 and 1,000 × 20,000, and the whole `jalon simulate` process. */
export async function run(opts?: Partial<BenchOptions>): Promise<BenchResult[]> {
  const runs = opts?.quick ? 2 : Math.max(5, opts?.runs ?? 5);
  const results: BenchResult[] = [];
  for (const [tasks, iterations, target] of [
    [1_000, 10_000, '< 500 ms'],
    [20_000, 1_000, '< 600 ms'],
  ] as const) {
    const { plan, estimates, risks } = riskyNetwork(tasks);
    const model = compileSimulation({ plan, estimates, risks });
    const size = `${iterations.toLocaleString('en')} iterations × ${tasks.toLocaleString('en')} tasks, ${plan.links.length.toLocaleString('en')} links, ${risks.length} risks`;
    opts?.log?.(`risks-montecarlo: ${size}`);
    results.push({
      name: 'Monte Carlo compute (sampling, forward pass, criticality, sensitivity; all cores)',
      size,
      unit: 'ms',
      ...stats(await timeAsync(runs, () => runSimulation(model, iterations, 'bench'))),
      target,
    });
    results.push({
      name: 'Monte Carlo compute, one thread',
      size,
      unit: 'ms',
      ...stats(
        await timeAsync(runs, () => runSimulation(model, iterations, 'bench', { threads: 1 })),
      ),
    });
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'jalon-bench-'));
  try {
    const file = path.join(dir, 'risky-1000.json');
    writeFileSync(file, riskyJson(1_000));
    const cli = async (): Promise<void> => {
      const child = spawnSync(
        process.execPath,
        [
          path.join(REPO_ROOT, 'bin/jalon.mjs'),
          'simulate',
          file,
          '--json',
          '--iterations',
          '10000',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (child.status !== 0) throw new Error(`jalon simulate exited with ${child.status}`);
    };
    results.push({
      name: 'jalon simulate FILE --json (whole process)',
      size: '10,000 iterations × 1,000 tasks',
      unit: 'ms',
      ...stats(await timeAsync(runs, cli)),
      target: '< 1000 ms',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run({ log: (m) => console.error(m) })) {
    console.log(
      `${r.name} | ${r.size} | median ${r.median} ${r.unit} | p95 ${r.p95} | ${r.target ?? ''}`,
    );
  }
}
