// `npm run bench strategy-optimize`: `jalon optimize` on 1,000 candidates × 12 periods × 20
// resource pools with start windows of up to 4 periods, against picking by score.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  assignmentValue,
  greedyByScore,
  parseSelection,
  type SelectionResult,
} from '../src/core/strategy/selection.ts';
import { type BenchOptions, type BenchResult, median, REPO_ROOT, round } from './lib.ts';

/** Mulberry32: a small deterministic PRNG, so every run solves the same instance. */
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
 * A synthetic selection file: `n` candidates of 1–6 periods costing 50–500 k€ a period, each
 * using 1–3 of the pools (100–800 h a period), start windows of 1–4 periods; value a score of
 * 10–100 loosely tied to size; 2 % mandatory, 5 % requiring another, 3 % excluding another.
 * Budget and capacity cover about 40 % of what all candidates would need.
 */
export function generateSelection(
  n = 1000,
  periodsCount = 12,
  poolCount = 20,
  seed = 2027,
  tightness = { budget: 0.4, capacity: 0.4, correlation: 1 },
) {
  const random = prng(seed);
  const pick = (k: number): number => Math.floor(random() * k);
  const periods = Array.from(
    { length: periodsCount },
    (_, i) => `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  );
  const pools = Array.from({ length: poolCount }, (_, k) => `pool-${k + 1}`);
  const spend = new Array<number>(periodsCount).fill(0);
  const hours = pools.map(() => new Array<number>(periodsCount).fill(0));
  const candidates = Array.from({ length: n }, (_, i) => {
    const len = 1 + pick(6);
    const earliest = pick(periodsCount - len + 1);
    const window = Math.min(pick(4), periodsCount - len - earliest);
    const cost = Array.from({ length: len }, () => 50_000 + pick(451) * 1000);
    const demand: Record<string, number[]> = {};
    const used = 1 + pick(3);
    for (let u = 0; u < used; u++) {
      const k = pick(poolCount);
      demand[pools[k]!] = Array.from({ length: len }, () => 100 + pick(701));
    }
    const size = cost.reduce((a, b) => a + b, 0) / 1e6;
    const value = Math.max(
      10,
      Math.min(
        100,
        Math.round(
          10 + tightness.correlation * size * 15 + random() * (90 - 50 * tightness.correlation),
        ),
      ),
    );
    cost.forEach((c, k) => (spend[earliest + k]! += c));
    for (const [pool, prof] of Object.entries(demand)) {
      const row = hours[pools.indexOf(pool)]!;
      prof.forEach((h, k) => (row[earliest + k]! += h));
    }
    return {
      id: `C${i + 1}`,
      name: `Candidat ${i + 1}`,
      value,
      cost,
      demand,
      earliestStart: periods[earliest]!,
      latestStart: periods[earliest + window]!,
      ...(random() < 0.02 ? { mandatory: true } : {}),
      requires: [] as string[],
      excludes: [] as string[],
    };
  });
  for (const c of candidates) {
    if (c.mandatory) continue;
    if (random() < 0.05) {
      const j = pick(n);
      if (candidates[j]!.id !== c.id) c.requires.push(candidates[j]!.id);
    }
    if (random() < 0.03) {
      const j = pick(n);
      if (candidates[j]!.id !== c.id && !candidates[j]!.mandatory)
        c.excludes.push(candidates[j]!.id);
    }
  }
  const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const budget = Object.fromEntries(
    periods.map((p) => [p, Math.round(tightness.budget * avg(spend))]),
  );
  const capacity = Object.fromEntries(
    pools.map((pool, k) => [
      pool,
      Object.fromEntries(periods.map((p) => [p, Math.round(tightness.capacity * avg(hours[k]!))])),
    ]),
  );
  return { periods, budget, capacity, candidates };
}

/** What a realistic portfolio looks like: the budget binds hard, some pools are saturated. */
const REALISTIC = { budget: 0.4, capacity: 0.7, correlation: 0.3 };
/** A stress case: every pool as scarce as the money (a 252-row multidimensional knapsack). */
const TIGHT = { budget: 0.4, capacity: 0.4, correlation: 0.3 };

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const size = '1,000 candidates × 12 periods × 20 pools, windows ≤ 4';
  for (const [label, tightness] of [
    ['budget 40 %, pools 70 %', REALISTIC],
    ['budget 40 %, pools 40 % (stress)', TIGHT],
  ] as const) {
    const selection = generateSelection(1000, 12, 20, 2027, tightness);
    const problem = parseSelection(selection);
    const greedy = assignmentValue(problem, greedyByScore(problem));
    const dir = mkdtempSync(path.join(tmpdir(), 'jalon-bench-'));
    try {
      const file = path.join(dir, 'selection-1000.json');
      writeFileSync(file, JSON.stringify(selection));
      const times: number[] = [];
      const gaps: number[] = [];
      let last: SelectionResult | undefined;
      const runs = opts.quick || tightness === TIGHT ? 1 : Math.min(opts.runs, 3);
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        const child = spawnSync(
          process.execPath,
          [
            path.join(REPO_ROOT, 'bin/jalon.mjs'),
            'optimize',
            file,
            '--json',
            '--time-limit',
            '30',
            '--gap',
            '0.001',
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
        );
        times.push((performance.now() - t0) / 1000);
        if (child.status !== 0) throw new Error(`jalon optimize exited with ${child.status}`);
        last = JSON.parse(child.stdout) as SelectionResult;
        gaps.push(last.gap ?? 1);
        opts.log(
          `optimize (${label}) run ${r + 1}: ${last.status}, value ${last.objective}, gap ${last.gap}, ${times.at(-1)!.toFixed(1)} s`,
        );
      }
      const gap = median(gaps);
      results.push(
        {
          name: `jalon optimize --json, ${label}: whole process`,
          size: `${size}; ${last!.status}, gap ${(gap * 100).toFixed(3)} %`,
          median: round(median(times)),
          unit: 's',
          target: '≤ 30 s with gap ≤ 0.1 %',
          ok: median(times) <= 31 && gap <= 0.001 && last!.status !== 'infeasible',
        },
        {
          name: `optimize, ${label}: value over picking by score`,
          size: `${last!.objective} vs ${greedy} (${last!.selected.length} selected)`,
          median: round((last!.objective! / greedy - 1) * 100),
          unit: '%',
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
