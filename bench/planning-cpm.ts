import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { frenchPublicHolidays } from '../src/core/calendar/holidays-fr.ts';
import { compileNetwork, runPasses } from '../src/core/planning/cpm.ts';
import type { LinkType, PlanLink, PlanTask, ProjectPlan } from '../src/core/planning/model.ts';
import { scheduleToResult, toProjectNetwork } from '../src/core/planning/project-network.ts';

interface BenchResult {
  name: string;
  size: string;
  median: number;
  unit: string;
  p95?: number;
  target?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Mulberry32: a small deterministic PRNG, so every run schedules the same networks. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic plan of `taskCount` leaves in phases of 50 under summaries, ~1.5 links per task
 * of every type (FS 70 %, SS 12 %, FF 12 %, SF 6 %) with lags from −3 to +5 days, 10 %
 * milestones, the French holidays, and an input order that is not a topological order.
 */
export function generateNetwork(taskCount: number, seed = 2026): ProjectPlan {
  const random = prng(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const tasks: PlanTask[] = [];
  const leafIds: string[] = [];
  for (let i = 0; i < taskCount; i++) {
    if (i % 50 === 0) tasks.push({ id: `P${i / 50}`, name: `Phase ${i / 50 + 1}`, summary: true });
    const id = `T${i}`;
    leafIds.push(id);
    const duration = random() < 0.1 ? 0 : 1 + pick(15);
    tasks.push({ id, name: `Tâche ${i + 1}`, parent: `P${Math.floor(i / 50)}`, duration });
  }
  // A hidden rank close to the input order: links go up in rank, so the network is acyclic.
  const rank = Array.from({ length: taskCount }, (_, i) => i + random() * 40);
  const types: LinkType[] = ['FS', 'SS', 'FF', 'SF'];
  const links: PlanLink[] = [];
  const target = Math.round(taskCount * 1.5);
  while (links.length < target && taskCount > 1) {
    const b = pick(taskCount);
    const a = Math.min(taskCount - 1, Math.max(0, b - 60 + pick(100)));
    if (!(rank[a]! < rank[b]!)) continue;
    const r = random();
    const type = types[r < 0.7 ? 0 : r < 0.82 ? 1 : r < 0.94 ? 2 : 3]!;
    const lag = random() < 0.7 ? 0 : pick(9) - 3;
    links.push({ from: leafIds[a]!, to: leafIds[b]!, type, lag });
  }
  const holidays: string[] = [];
  for (let year = 2026; year <= 2200; year++) holidays.push(...frenchPublicHolidays(year));
  return { start: '2026-01-05', calendar: { workdays: [1, 2, 3, 4, 5], holidays }, tasks, links };
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function time(runs: number, body: () => void): number[] {
  body(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    body();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** CPM compile and passes on 1,000 / 20,000 / 100,000 tasks, and `jalon schedule` on 20,000. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const size of [1_000, 20_000, 100_000]) {
    const plan = generateNetwork(size);
    const label = `${size.toLocaleString('en')} tasks, ${plan.links.length.toLocaleString('en')} links`;
    const runs = size >= 100_000 ? 15 : 30;
    const compile = stats(time(runs, () => compileNetwork(plan)));
    const network = compileNetwork(plan);
    const passes = stats(time(runs, () => runPasses(network)));
    const full = stats(time(runs, () => runPasses(compileNetwork(plan))));
    const withJson = stats(time(runs, () => scheduleToResult(runPasses(compileNetwork(plan)))));
    results.push(
      { name: 'cpm compile (ids, CSR, topological order)', size: label, unit: 'ms', ...compile },
      {
        name: 'cpm passes (forward, backward, float, path, dates)',
        size: label,
        unit: 'ms',
        ...passes,
        ...(size === 100_000 ? { target: '< 50 ms' } : {}),
      },
      { name: 'cpm full (compile + passes)', size: label, unit: 'ms', ...full },
      { name: 'cpm full + JSON result', size: label, unit: 'ms', ...withJson },
    );
  }

  // The whole `jalon schedule FILE --json` process on a 20,000-task project.json.
  const dir = mkdtempSync(path.join(tmpdir(), 'jalon-bench-'));
  try {
    const file = path.join(dir, 'project-20000.json');
    writeFileSync(file, JSON.stringify(toProjectNetwork(generateNetwork(20_000))));
    const cli = (): void => {
      const child = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin/jalon.mjs'), 'schedule', file, '--json'],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      if (child.status !== 0) throw new Error(`jalon schedule exited with ${child.status}`);
    };
    results.push({
      name: 'jalon schedule FILE --json (whole process)',
      size: '20,000 tasks',
      unit: 'ms',
      ...stats(time(10, cli)),
      target: '< 400 ms',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  const rows = results.map((r) => [
    r.name,
    r.size,
    `${r.median} ${r.unit}`,
    r.p95 === undefined ? '' : `${r.p95} ${r.unit}`,
    r.target ?? '',
  ]);
  const header = ['benchmark', 'size', 'median', 'p95', 'target'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, k) => c.padEnd(widths[k]!))
      .join('  ')
      .trimEnd();
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
