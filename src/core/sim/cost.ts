import {
  estimateProblem,
  pertLevels,
  PertTables,
  standardTriangularQuantile,
  tableQuantile,
  type ThreePointEstimate,
} from '../risks/distributions.ts';
import { percentileOfSorted } from '../risks/montecarlo.ts';
import { RandomStream, seedWords } from '../risks/random.ts';

// Cost risk: the same Monte Carlo idea as the schedule side, on a sum. Each cost item (a budget
// line) either keeps its amount or is drawn from its three-point range; each risk event occurs
// with its probability and then adds its cost. The total cost of an iteration is the sum. All
// amounts are integer minor units (cents); draws are real numbers, percentiles are rounded to
// the cent. Iterations are grouped in blocks of COST_BLOCK, each with its own random stream
// derived from the seed (salted so it never reuses the schedule's streams), so the result
// depends only on the input, the iteration count and the seed.

export const COST_BLOCK = 128;

/** A cost item: its current amount, and optionally the range it may really cost. */
export interface CostItem {
  id: string;
  name: string;
  /** Current budget of the item, minor units. */
  amount: number;
  /** Three-point range of what it will cost, minor units. */
  estimate?: ThreePointEstimate;
}

/** A risk event on the cost side: occurs with `probability`, then adds `cost` (minor units; negative: an opportunity). */
export interface CostRiskEvent {
  id: string;
  name: string;
  probability: number;
  cost: number;
}

export interface CostSimulationInput {
  items: readonly CostItem[];
  risks: readonly CostRiskEvent[];
  /** The budget held (minor units): what the contingency is measured against. */
  budget: number;
}

export interface CostHistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface CostSensitivity {
  kind: 'item' | 'risk';
  id: string;
  name: string;
  /** Pearson correlation of the item's cost (or the risk's occurrence) with the total, −1..1. */
  correlation: number;
}

export interface CostSummary {
  iterations: number;
  seed: string;
  /** Sum of the items' current amounts (no range, no risk). */
  base: number;
  budget: number;
  /** Expected total: Σ item means + Σ p × cost (exact, not sampled). */
  expected: number;
  mean: number;
  stdev: number;
  p10: number;
  p50: number;
  p80: number;
  p90: number;
  /** Share of iterations whose total is within the budget. */
  probabilityWithinBudget: number;
  /** P80 − budget: positive means the budget needs that much more to be held at 80 %. */
  contingencyP80: number;
  histogram: CostHistogramBin[];
  /** P0, P5 … P100 of the total. */
  sCurve: { probability: number; amount: number }[];
  /** Sorted by decreasing |correlation|, at most 20. */
  sensitivity: CostSensitivity[];
}

export class CostInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Checks the input; throws a CostInputError naming the item or risk. */
export function checkCostInput(input: CostSimulationInput): void {
  for (const item of input.items) {
    if (!Number.isFinite(item.amount)) {
      throw new CostInputError(`items.${item.id}.amount`, 'amount must be a number');
    }
    if (item.estimate) {
      const problem = estimateProblem(item.estimate);
      if (problem) throw new CostInputError(`items.${item.id}.estimate`, problem);
    }
  }
  for (const risk of input.risks) {
    if (!(risk.probability >= 0 && risk.probability <= 1)) {
      throw new CostInputError(`risks.${risk.id}.probability`, 'probability must be in 0..1');
    }
    if (!Number.isFinite(risk.cost)) {
      throw new CostInputError(`risks.${risk.id}.cost`, 'cost must be a number');
    }
  }
}

const round = (x: number, digits: number) => {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
};

/** A "nice" bin width (1, 2, 5 × 10^k minor units) for about 30 bins. */
function niceWidth(range: number): number {
  const raw = Math.max(1, range / 30);
  const scale = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const f of [1, 2, 5, 10]) if (f * scale >= raw) return f * scale;
  return 10 * scale;
}

/** Runs the cost simulation; pure and deterministic. */
export function simulateCost(
  input: CostSimulationInput,
  iterations: number,
  seed: string,
): CostSummary {
  checkCostInput(input);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new CostInputError('iterations', 'iterations must be a whole number ≥ 1');
  }
  const words = seedWords(`${seed}#cost`);
  const sampled = input.items.filter((i) => i.estimate !== undefined);
  const fixed = input.items.reduce((s, i) => s + (i.estimate ? 0 : i.amount), 0);
  const m = sampled.length;
  const r = input.risks.length;
  const tables = new PertTables();
  const offsets = sampled.map((i) => {
    const e = i.estimate!;
    if (e.distribution !== 'pert') return { o0: 0, o1: 0, w: 0 };
    const { low, high, weight } = pertLevels(e);
    const o0 = tables.offsetOf(low);
    return { o0, o1: weight > 0 ? tables.offsetOf(high) : o0, w: weight };
  });
  const packed = tables.pack();
  const totals = new Float64Array(iterations);
  // Σx, Σx², Σx·T per sampled item, then Σo, Σo·T per risk.
  const sums = new Float64Array(3 * m + 2 * r);
  const draw = new Float64Array(m);
  const occur = new Uint8Array(r);
  for (let block = 0; block * COST_BLOCK < iterations; block++) {
    const stream = new RandomStream(words, block);
    const end = Math.min(iterations, (block + 1) * COST_BLOCK);
    for (let it = block * COST_BLOCK; it < end; it++) {
      let total = fixed;
      for (let k = 0; k < r; k++) {
        const risk = input.risks[k]!;
        const hit = stream.next() < risk.probability ? 1 : 0;
        occur[k] = hit;
        if (hit) total += risk.cost;
      }
      for (let s = 0; s < m; s++) {
        const e = sampled[s]!.estimate!;
        const u = stream.next();
        const range = e.max - e.min;
        let x: number;
        if (e.distribution === 'uniform') x = e.min + range * u;
        else if (e.distribution === 'triangular')
          x =
            e.min +
            range * standardTriangularQuantile(range > 0 ? (e.mode - e.min) / range : 0.5, u);
        else {
          const { o0, o1, w } = offsets[s]!;
          const q0 = tableQuantile(packed, o0, u);
          const q1 = tableQuantile(packed, o1, u);
          x = e.min + range * (q0 + w * (q1 - q0));
        }
        draw[s] = x;
        total += x;
      }
      totals[it] = total;
      for (let s = 0; s < m; s++) {
        const x = draw[s]!;
        sums[3 * s]! += x;
        sums[3 * s + 1]! += x * x;
        sums[3 * s + 2]! += x * total;
      }
      for (let k = 0; k < r; k++) {
        if (occur[k]) {
          sums[3 * m + 2 * k]! += 1;
          sums[3 * m + 2 * k + 1]! += total;
        }
      }
    }
  }

  let sum = 0;
  for (let i = 0; i < iterations; i++) sum += totals[i]!;
  const mean = sum / iterations;
  let squares = 0;
  for (let i = 0; i < iterations; i++) squares += (totals[i]! - mean) ** 2;
  const stdev = iterations > 1 ? Math.sqrt(squares / (iterations - 1)) : 0;
  const sdT = Math.sqrt(squares / iterations);
  const sorted = Float64Array.from(totals).sort();
  const pct = (q: number) => Math.round(percentileOfSorted(sorted, q));
  const p80 = pct(80);
  let within = 0;
  for (let i = 0; i < iterations; i++) if (totals[i]! <= input.budget + 1e-6) within++;

  const min = sorted[0]!;
  const max = sorted[iterations - 1]!;
  const width = niceWidth(max - min);
  const from = Math.floor(min / width) * width;
  const binCount = Math.max(1, Math.floor((max - from) / width) + 1);
  const counts = new Int32Array(binCount);
  for (let i = 0; i < iterations; i++) {
    counts[Math.min(binCount - 1, Math.floor((totals[i]! - from) / width))]!++;
  }
  const histogram: CostHistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    histogram.push({ from: from + b * width, to: from + (b + 1) * width, count: counts[b]! });
  }
  const sCurve: { probability: number; amount: number }[] = [];
  for (let q = 0; q <= 100; q += 5) {
    sCurve.push({ probability: q / 100, amount: q === 0 ? Math.round(min) : pct(q) });
  }

  const sensitivity: CostSensitivity[] = [];
  sampled.forEach((item, s) => {
    const ex = sums[3 * s]! / iterations;
    const exx = sums[3 * s + 1]! / iterations;
    const ext = sums[3 * s + 2]! / iterations;
    const sd = Math.sqrt(Math.max(0, exx - ex * ex));
    const c = sd > 0 && sdT > 0 ? (ext - ex * mean) / (sd * sdT) : 0;
    sensitivity.push({
      kind: 'item',
      id: item.id,
      name: item.name,
      correlation: round(Math.max(-1, Math.min(1, c)), 4),
    });
  });
  input.risks.forEach((risk, k) => {
    const share = sums[3 * m + 2 * k]! / iterations;
    const sumT = sums[3 * m + 2 * k + 1]! / iterations;
    const sd = Math.sqrt(share * (1 - share));
    const c = sd > 0 && sdT > 0 ? (sumT - share * mean) / (sd * sdT) : 0;
    sensitivity.push({
      kind: 'risk',
      id: risk.id,
      name: risk.name,
      correlation: round(Math.max(-1, Math.min(1, c)), 4),
    });
  });
  sensitivity.sort(
    (a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || (a.id < b.id ? -1 : 1),
  );
  sensitivity.length = Math.min(sensitivity.length, 20);

  const base = input.items.reduce((s, i) => s + i.amount, 0);
  const expected = expectedCost(input);
  return {
    iterations,
    seed,
    base,
    budget: input.budget,
    expected: Math.round(expected),
    mean: Math.round(mean),
    stdev: Math.round(stdev),
    p10: pct(10),
    p50: pct(50),
    p80,
    p90: pct(90),
    probabilityWithinBudget: round(within / iterations, 4),
    contingencyP80: p80 - input.budget,
    histogram,
    sCurve,
    sensitivity,
  };
}

/** The exact expected total: Σ item means + Σ probability × cost. */
export function expectedCost(input: CostSimulationInput): number {
  let total = 0;
  for (const item of input.items) {
    const e = item.estimate;
    if (!e) total += item.amount;
    else if (e.distribution === 'uniform') total += (e.min + e.max) / 2;
    else if (e.distribution === 'triangular') total += (e.min + e.mode + e.max) / 3;
    else total += (e.min + 4 * e.mode + e.max) / 6;
  }
  for (const risk of input.risks) total += risk.probability * risk.cost;
  return total;
}
