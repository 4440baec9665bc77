import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import { compileNetwork, LeafKind, runPasses, type CompiledNetwork } from '../planning/cpm.ts';
import type { ProjectPlan } from '../planning/model.ts';
import {
  estimateProblem,
  pertLevels,
  PertTables,
  PERT_KNOTS,
  Shape,
  shapeOf,
  type ThreePointEstimate,
} from './distributions.ts';
import { runKernelBlocks } from './kernel.ts';
import { RandomStream, seedWords } from './random.ts';
import { SimulationError } from './simulation-error.ts';

// Monte Carlo schedule risk analysis (formats/schedule-risk.md). The plan is compiled once
// by the CPM engine (validation, topological order, predecessor lists); the simulation then
// works on a kernel of typed arrays only: per iteration it samples the uncertain durations,
// draws the risk events, runs one forward pass in continuous working time, and traces the
// driving path back from the finish to find the critical leaves. Iterations are grouped in
// blocks of BLOCK_SIZE, each with its own random stream derived from the seed, so that any
// split of the blocks between threads gives exactly the same result.

/** Iterations per block: the unit of random streams and of work handed to a thread. */
export const BLOCK_SIZE = 128;
/** Largest number of iterations of one simulation. */
export const MAX_ITERATIONS = 1_000_000;

/** A risk event: occurs in an iteration with `probability` and then lengthens tasks. */
export interface RiskEvent {
  id: string;
  name: string;
  /** 0..1. */
  probability: number;
  /** Working days added to each task's duration when the risk occurs (negative: an opportunity). */
  impacts: { task: string; days: number }[];
}

/** What a simulation needs: a plan, estimates of some leaves (by task id), risk events. */
export interface SimulationInput {
  plan: ProjectPlan;
  estimates: ReadonlyMap<string, ThreePointEstimate>;
  risks: readonly RiskEvent[];
}

/** What one iteration runs on: typed arrays only, so it can be copied to a worker thread. */
export interface SimulationKernel {
  leafCount: number;
  /** Leaf durations when nothing is sampled (working days). */
  baseDuration: Float64Array;
  /** 1 when every leaf is LeafKind.Normal (the fast forward pass). */
  allNormal: number;
  kind: Uint8Array;
  done: Uint8Array;
  startLow: Float64Array;
  finishLow: Float64Array;
  /**
   * Links reaching a leaf's start (FS, SS) in CSR form: for leaf i, entries
   * startLinkStart[i] … startLinkStart[i+1]−1, each the slot of the predecessor's date it
   * leaves from (2 × leaf for its start, 2 × leaf + 1 for its finish) and the lag.
   */
  startLinkStart: Int32Array;
  startLinkFrom: Int32Array;
  startLinkLag: Float64Array;
  /** Links reaching a leaf's finish (FF, SF), same layout. */
  finishLinkStart: Int32Array;
  finishLinkFrom: Int32Array;
  finishLinkLag: Float64Array;
  /**
   * Leaves with an estimate, grouped by shape (uniform, then triangular, then PERT, each in
   * leaf order) so that each group is sampled by a loop without branches; `shapeEnd[k]` is
   * the end of group k.
   */
  sampledLeaf: Int32Array;
  shapeEnd: Int32Array;
  sampleMin: Float64Array;
  sampleRange: Float64Array;
  /** Triangular: mode position in [0, 1]; PERT: weight between its two tables. */
  sampleParam: Float64Array;
  pertOffset0: Int32Array;
  pertOffset1: Int32Array;
  pertTables: Float64Array;
  /** Knots of each PERT table (PERT_KNOTS). */
  pertKnots: number;
  riskProbability: Float64Array;
  impactStart: Int32Array;
  impactLeaf: Int32Array;
  impactDays: Float64Array;
}

/** A compiled simulation: the network (ids, dates), the kernel, and the deterministic schedule. */
export interface SimulationModel {
  network: CompiledNetwork;
  kernel: SimulationKernel;
  risks: readonly RiskEvent[];
  /** T with the plan's own durations (no sampling, no risk). */
  deterministicDuration: number;
}

/** The raw outcome of a range of blocks. */
export interface BlockResult {
  firstBlock: number;
  blockEnd: number;
  /** T of each iteration of the range, in iteration order. */
  durations: Float64Array;
  /** Per leaf: iterations in which it was critical. */
  criticalCount: Int32Array;
  /** Per block of the range: for each sampled leaf Σd, Σd², Σd·T, then for each risk Σoccur, Σoccur·T. */
  sums: Float64Array;
}

/** Every iteration's outcome, merged in block order. */
export interface SimulationSamples {
  iterations: number;
  durations: Float64Array;
  criticalCount: Int32Array;
  /** Σ over blocks (in block order) of the per-block sums. */
  sums: Float64Array;
}

/** Validates the estimates and risks against the plan and compiles everything once. */
export function compileSimulation(input: SimulationInput): SimulationModel {
  const network = compileNetwork(input.plan);
  const n = network.leafCount;
  const leafById = new Map<string, number>();
  for (let t = 0; t < network.ids.length; t++) leafById.set(network.ids[t]!, network.leafOf[t]!);

  const leafEstimate: (ThreePointEstimate | undefined)[] = new Array(n);
  for (const [id, estimate] of input.estimates) {
    const leaf = leafById.get(id);
    if (leaf === undefined) {
      throw new SimulationError('UNKNOWN_TASK', `an estimate names an unknown task "${id}"`, {
        task: id,
      });
    }
    if (leaf < 0) {
      throw new SimulationError(
        'INVALID_ESTIMATE',
        `task "${id}" is a summary: estimates go on leaf tasks`,
        { task: id },
      );
    }
    const problem = estimateProblem(estimate);
    if (problem !== undefined) {
      throw new SimulationError('INVALID_ESTIMATE', `task "${id}": estimate ${problem}`, {
        task: id,
      });
    }
    leafEstimate[leaf] = estimate;
  }

  const baseDuration = Float64Array.from(network.duration);
  const sampled: number[] = [];
  for (let leaf = 0; leaf < n; leaf++) {
    const k = network.kind[leaf]!;
    // Started and done leaves keep their recorded dates: only work still to start is uncertain.
    if (leafEstimate[leaf] !== undefined && k !== LeafKind.Started && k !== LeafKind.Done) {
      sampled.push(leaf);
    }
  }
  const shapeRank = (leaf: number): number => shapeOf(leafEstimate[leaf]!.distribution);
  sampled.sort((x, y) => shapeRank(x) - shapeRank(y) || x - y);
  const m = sampled.length;
  const sampledLeaf = Int32Array.from(sampled);
  const shapeEnd = new Int32Array(3);
  const sampleMin = new Float64Array(m);
  const sampleRange = new Float64Array(m);
  const sampleParam = new Float64Array(m);
  const pertOffset0 = new Int32Array(m);
  const pertOffset1 = new Int32Array(m);
  const tables = new PertTables();
  for (let s = 0; s < m; s++) {
    const e = leafEstimate[sampled[s]!]!;
    const shape = shapeOf(e.distribution);
    const range = e.max - e.min;
    for (let g = shape; g < 3; g++) shapeEnd[g] = s + 1;
    sampleMin[s] = e.min;
    sampleRange[s] = range;
    if (shape === Shape.Triangular) sampleParam[s] = range > 0 ? (e.mode - e.min) / range : 0.5;
    if (shape === Shape.Pert) {
      const { low, high, weight } = pertLevels(e);
      pertOffset0[s] = tables.offsetOf(low);
      pertOffset1[s] = weight > 0 ? tables.offsetOf(high) : pertOffset0[s]!;
      sampleParam[s] = weight;
    }
  }

  const risks = input.risks;
  const riskIds = new Set<string>();
  const riskProbability = new Float64Array(risks.length);
  const impactStart = new Int32Array(risks.length + 1);
  const impactLeaf: number[] = [];
  const impactDays: number[] = [];
  risks.forEach((risk, r) => {
    if (riskIds.has(risk.id)) {
      throw new SimulationError('INVALID_RISK', `risk "${risk.id}" is defined twice`, {
        risk: risk.id,
      });
    }
    riskIds.add(risk.id);
    const p = risk.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new SimulationError(
        'INVALID_RISK',
        `risk "${risk.id}": probability ${JSON.stringify(p)} is not a number in 0..1`,
        { risk: risk.id },
      );
    }
    riskProbability[r] = p;
    for (const impact of risk.impacts) {
      const leaf = leafById.get(impact.task);
      if (leaf === undefined) {
        throw new SimulationError(
          'UNKNOWN_TASK',
          `risk "${risk.id}" has an impact on an unknown task "${impact.task}"`,
          { risk: risk.id, task: impact.task },
        );
      }
      if (leaf < 0) {
        throw new SimulationError(
          'INVALID_RISK',
          `risk "${risk.id}" has an impact on the summary task "${impact.task}": impacts go on leaf tasks`,
          { risk: risk.id, task: impact.task },
        );
      }
      if (typeof impact.days !== 'number' || !Number.isFinite(impact.days)) {
        throw new SimulationError(
          'INVALID_RISK',
          `risk "${risk.id}": the impact on "${impact.task}" needs a number of working days`,
          { risk: risk.id, task: impact.task },
        );
      }
      impactLeaf.push(leaf);
      impactDays.push(impact.days);
    }
    impactStart[r + 1] = impactLeaf.length;
  });

  const links = splitLinks(network);
  let allNormal = 1;
  for (let leaf = 0; leaf < n; leaf++) {
    if (network.kind[leaf] !== LeafKind.Normal || network.finishLow[leaf]! > -1e14) allNormal = 0;
  }

  const kernel: SimulationKernel = {
    leafCount: n,
    baseDuration,
    allNormal,
    kind: network.kind,
    done: network.done,
    startLow: network.startLow,
    finishLow: network.finishLow,
    ...links,
    sampledLeaf,
    shapeEnd,
    sampleMin,
    sampleRange,
    sampleParam,
    pertOffset0,
    pertOffset1,
    pertTables: tables.pack(),
    pertKnots: PERT_KNOTS,
    riskProbability,
    impactStart,
    impactLeaf: Int32Array.from(impactLeaf),
    impactDays: Float64Array.from(impactDays),
  };
  const schedule = runPasses(network);
  return { network, kernel, risks, deterministicDuration: schedule.projectEnd };
}

/** The predecessor links of each leaf split by the end they reach (start or finish). */
function splitLinks(network: CompiledNetwork) {
  const n = network.leafCount;
  const { predStart, predLeaf, predCode, predLag } = network;
  const startLinkStart = new Int32Array(n + 1);
  const finishLinkStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let toStart = 0;
    for (let p = predStart[i]!; p < predStart[i + 1]!; p++) if ((predCode[p]! & 2) === 0) toStart++;
    startLinkStart[i + 1] = startLinkStart[i]! + toStart;
    finishLinkStart[i + 1] = finishLinkStart[i]! + (predStart[i + 1]! - predStart[i]! - toStart);
  }
  const startLinkFrom = new Int32Array(startLinkStart[n]!);
  const startLinkLag = new Float64Array(startLinkStart[n]!);
  const finishLinkFrom = new Int32Array(finishLinkStart[n]!);
  const finishLinkLag = new Float64Array(finishLinkStart[n]!);
  for (let i = 0, s = 0, f = 0; i < n; i++) {
    for (let p = predStart[i]!; p < predStart[i + 1]!; p++) {
      const code = predCode[p]!;
      const slot = 2 * predLeaf[p]! + (code & 1);
      if ((code & 2) === 0) {
        startLinkFrom[s] = slot;
        startLinkLag[s++] = predLag[p]!;
      } else {
        finishLinkFrom[f] = slot;
        finishLinkLag[f++] = predLag[p]!;
      }
    }
  }
  return {
    startLinkStart,
    startLinkFrom,
    startLinkLag,
    finishLinkStart,
    finishLinkFrom,
    finishLinkLag,
  };
}

/** Number of blocks of a simulation of `iterations` iterations. */
export function blockCount(iterations: number): number {
  return Math.ceil(iterations / BLOCK_SIZE);
}

/** Checks the iteration count; throws INVALID_OPTIONS naming the problem. */
export function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new SimulationError(
      'INVALID_OPTIONS',
      `iterations must be a whole number in 1..${MAX_ITERATIONS}, got ${iterations}`,
      { iterations },
    );
  }
}

/** The sfc32 start states of blocks [firstBlock, blockEnd), four words per block. */
export function blockStates(words: Uint32Array, firstBlock: number, blockEnd: number): Int32Array {
  const states = new Int32Array(4 * Math.max(0, blockEnd - firstBlock));
  for (let block = firstBlock; block < blockEnd; block++) {
    states.set(new RandomStream(words, block).state(), 4 * (block - firstBlock));
  }
  return states;
}

/**
 * Runs blocks [firstBlock, blockEnd) of a simulation of `iterations` iterations. Pure and
 * deterministic: the same kernel, seed words and block range always give the same result.
 */
export function simulateBlocks(
  k: SimulationKernel,
  words: Uint32Array,
  iterations: number,
  firstBlock: number,
  blockEnd: number,
): BlockResult {
  const states = blockStates(words, firstBlock, blockEnd);
  const result = runKernelBlocks(k, states, iterations, BLOCK_SIZE, firstBlock, blockEnd);
  return { firstBlock, blockEnd, ...result };
}

/** Merges block results covering [0, blockCount) into the samples of the whole simulation. */
export function mergeBlocks(
  kernel: SimulationKernel,
  iterations: number,
  parts: readonly BlockResult[],
): SimulationSamples {
  const sorted = [...parts].sort((a, b) => a.firstBlock - b.firstBlock);
  const stride = 3 * kernel.sampledLeaf.length + 2 * kernel.riskProbability.length;
  const durations = new Float64Array(iterations);
  const criticalCount = new Int32Array(kernel.leafCount);
  const sums = new Float64Array(stride);
  let expected = 0;
  for (const part of sorted) {
    if (part.firstBlock !== expected) throw new Error('simulation blocks are missing or overlap');
    durations.set(part.durations, part.firstBlock * BLOCK_SIZE);
    for (let i = 0; i < criticalCount.length; i++) criticalCount[i]! += part.criticalCount[i]!;
    for (let b = 0; b < part.blockEnd - part.firstBlock; b++) {
      for (let x = 0; x < stride; x++) sums[x]! += part.sums[b * stride + x]!;
    }
    expected = part.blockEnd;
  }
  if (expected !== blockCount(iterations)) throw new Error('simulation blocks are missing');
  return { iterations, durations, criticalCount, sums };
}

/** Runs a whole simulation on the calling thread. */
export function simulate(
  model: SimulationModel,
  iterations: number,
  seed: string,
): SimulationSamples {
  checkIterations(iterations);
  const blocks = blockCount(iterations);
  const part = simulateBlocks(model.kernel, seedWords(seed), iterations, 0, blocks);
  return mergeBlocks(model.kernel, iterations, [part]);
}

/** Percentiles reported: P10, P50, P80, P90. */
export const PERCENTILES = [10, 50, 80, 90] as const;

export interface DurationStats {
  mean: number;
  stdev: number;
  p10: number;
  p50: number;
  p80: number;
  p90: number;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** One point of the S-curve: the probability of finishing within `durationDays`. */
export interface SCurvePoint {
  probability: number;
  durationDays: number;
  finish: string;
}

/** How much a task's duration or a risk's occurrence drives the project duration. */
export interface SensitivityEntry {
  kind: 'task' | 'risk';
  id: string;
  name: string;
  /** Pearson correlation with the project duration T, −1..1. */
  correlation: number;
  /** Risks: mean T when the risk occurs minus mean T when it does not (working days). */
  meanImpactDays?: number;
  /** Risks: share of iterations in which it occurred. */
  occurrence?: number;
}

/** Everything a simulation tells, in plain data. */
export interface SimulationSummary {
  iterations: number;
  seed: string;
  deterministic: { durationDays: number; finish: string };
  durationDays: DurationStats;
  finish: { p10: string; p50: string; p80: string; p90: string };
  /** Leaf id → share of iterations in which it was critical, leaves in input order. */
  criticality: Record<string, number>;
  histogram: HistogramBin[];
  sCurve: SCurvePoint[];
  /** Sorted by decreasing |correlation|. */
  sensitivity: SensitivityEntry[];
  /** Probability of finishing on or before the target date, when one was given. */
  target?: { date: string; probability: number; durationDays: number };
}

/** The nearest-rank percentile: the smallest sample x with at least p % of samples ≤ x. */
export function percentileOfSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n - 1e-9) - 1))]!;
}

/** The working day (as YYYY-MM-DD) in which a duration of T working days ends. */
export function finishDateOf(network: CompiledNetwork, durationDays: number): string {
  const index = Math.max(0, Math.ceil(durationDays - 1e-9) - 1);
  return fromEpochDay(network.days.dayOf(index));
}

/** The working-day count T within which the project finishes on or before `date`. */
export function durationWithin(network: CompiledNetwork, date: string): number {
  return network.days.indexOnOrBefore(toEpochDay(date)) + 1;
}

/** Bin width: 1, 2, 5, 10, 20, 50… working days, for at most ~40 bins. */
function binWidth(range: number): number {
  const raw = range / 40;
  if (raw <= 1) return 1;
  const scale = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const f of [1, 2, 5, 10]) if (f * scale >= raw) return f * scale;
  return 10 * scale;
}

const round = (x: number, digits: number): number => {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
};

export interface SummaryOptions {
  seed: string;
  /** YYYY-MM-DD: also tell the probability of finishing by then. */
  targetDate?: string;
  /** Keep the `sensitivity` entries with the largest |correlation| only (default 30). */
  sensitivityLimit?: number;
}

/** Turns the samples into percentiles, dates, histogram, S-curve, criticality and tornado. */
export function summarize(
  model: SimulationModel,
  samples: SimulationSamples,
  options: SummaryOptions,
): SimulationSummary {
  const net = model.network;
  const { durations, iterations } = samples;
  let total = 0;
  for (let i = 0; i < iterations; i++) total += durations[i]!;
  const mean = total / iterations;
  let squares = 0;
  for (let i = 0; i < iterations; i++) {
    const dev = durations[i]! - mean;
    squares += dev * dev;
  }
  const variance = iterations > 1 ? squares / (iterations - 1) : 0;
  const stdev = Math.sqrt(variance);
  const sorted = Float64Array.from(durations).sort();
  const p = (q: number): number => percentileOfSorted(sorted, q);
  const [p10, p50, p80, p90] = PERCENTILES.map(p) as [number, number, number, number];

  const criticality: Record<string, number> = {};
  for (let t = 0; t < net.ids.length; t++) {
    const leaf = net.leafOf[t]!;
    if (leaf >= 0) criticality[net.ids[t]!] = round(samples.criticalCount[leaf]! / iterations, 6);
  }

  const min = sorted[0]!;
  const max = sorted[iterations - 1]!;
  const width = binWidth(max - min);
  const from = Math.floor(min / width) * width;
  const binCount = Math.max(1, Math.floor((max - from) / width) + 1);
  const counts = new Int32Array(binCount);
  for (let i = 0; i < iterations; i++) {
    const b = Math.min(binCount - 1, Math.floor((durations[i]! - from) / width));
    counts[b]!++;
  }
  const histogram: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    histogram.push({ from: from + b * width, to: from + (b + 1) * width, count: counts[b]! });
  }

  const sCurve: SCurvePoint[] = [];
  for (let q = 0; q <= 100; q += 5) {
    const d = q === 0 ? min : p(q);
    sCurve.push({
      probability: q / 100,
      durationDays: round(d, 2),
      finish: finishDateOf(net, d),
    });
  }

  const sensitivity: SensitivityEntry[] = [];
  const sdT = Math.sqrt(squares / iterations);
  const k = model.kernel;
  const m = k.sampledLeaf.length;
  for (let s = 0; s < m; s++) {
    const sd = samples.sums[3 * s]! / iterations;
    const sdd = samples.sums[3 * s + 1]! / iterations;
    const sdt = samples.sums[3 * s + 2]! / iterations;
    const sdD = Math.sqrt(Math.max(0, sdd - sd * sd));
    const correlation = sdD > 0 && sdT > 0 ? (sdt - sd * mean) / (sdD * sdT) : 0;
    const t = net.taskOf[k.sampledLeaf[s]!]!;
    sensitivity.push({
      kind: 'task',
      id: net.ids[t]!,
      name: net.tasks[t]!.name,
      correlation: round(Math.max(-1, Math.min(1, correlation)), 4),
    });
  }
  model.risks.forEach((risk, r) => {
    const count = samples.sums[3 * m + 2 * r]!;
    const sumT = samples.sums[3 * m + 2 * r + 1]!;
    const share = count / iterations;
    const sdI = Math.sqrt(share * (1 - share));
    const correlation = sdI > 0 && sdT > 0 ? (sumT / iterations - share * mean) / (sdI * sdT) : 0;
    const meanWith = count > 0 ? sumT / count : mean;
    const meanWithout = count < iterations ? (total - sumT) / (iterations - count) : mean;
    sensitivity.push({
      kind: 'risk',
      id: risk.id,
      name: risk.name,
      correlation: round(Math.max(-1, Math.min(1, correlation)), 4),
      meanImpactDays: round(count > 0 && count < iterations ? meanWith - meanWithout : 0, 2),
      occurrence: round(share, 4),
    });
  });
  sensitivity.sort(
    (a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || (a.id < b.id ? -1 : 1),
  );
  sensitivity.length = Math.min(sensitivity.length, options.sensitivityLimit ?? 30);

  const summary: SimulationSummary = {
    iterations,
    seed: options.seed,
    deterministic: {
      durationDays: model.deterministicDuration,
      finish: finishDateOf(net, model.deterministicDuration),
    },
    durationDays: {
      mean: round(mean, 2),
      stdev: round(stdev, 2),
      p10: round(p10, 2),
      p50: round(p50, 2),
      p80: round(p80, 2),
      p90: round(p90, 2),
    },
    finish: {
      p10: finishDateOf(net, p10),
      p50: finishDateOf(net, p50),
      p80: finishDateOf(net, p80),
      p90: finishDateOf(net, p90),
    },
    criticality,
    histogram,
    sCurve,
    sensitivity,
  };
  if (options.targetDate !== undefined) {
    const within = durationWithin(net, options.targetDate);
    let hits = 0;
    for (let i = 0; i < iterations; i++) if (durations[i]! <= within + 1e-9) hits++;
    summary.target = {
      date: options.targetDate,
      probability: round(hits / iterations, 4),
      durationDays: within,
    };
  }
  return summary;
}

/** The `--json` result of `jalon simulate`, with exactly the keys of formats/schedule-risk.md. */
export function toScheduleRiskJson(summary: SimulationSummary): Record<string, unknown> {
  return {
    iterations: summary.iterations,
    seed: summary.seed,
    deterministic: summary.deterministic,
    durationDays: summary.durationDays,
    finish: summary.finish,
    criticality: summary.criticality,
    histogram: summary.histogram,
  };
}
