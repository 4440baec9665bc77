// Three-point estimates: triangular, beta-PERT (λ = 4) and uniform distributions of a
// duration (or a cost), their moments, and fast inverse-CDF sampling.

export const DISTRIBUTIONS = ['triangular', 'pert', 'uniform'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** A three-point estimate: min ≤ mode ≤ max (mode unused for uniform). */
export interface ThreePointEstimate {
  distribution: Distribution;
  min: number;
  mode: number;
  max: number;
}

/** Shape codes used by the simulation kernel. */
export const Shape = { Uniform: 0, Triangular: 1, Pert: 2 } as const;
export type Shape = (typeof Shape)[keyof typeof Shape];

export function shapeOf(distribution: Distribution): Shape {
  switch (distribution) {
    case 'uniform':
      return Shape.Uniform;
    case 'triangular':
      return Shape.Triangular;
    case 'pert':
      return Shape.Pert;
  }
}

/** The beta shape parameters of a beta-PERT estimate (λ = 4): α + β = 6. */
export function pertShape(e: ThreePointEstimate): { alpha: number; beta: number } {
  const range = e.max - e.min;
  const r = range > 0 ? (e.mode - e.min) / range : 0.5;
  return { alpha: 1 + 4 * r, beta: 5 - 4 * r };
}

/** Expected value of the distribution. */
export function estimateMean(e: ThreePointEstimate): number {
  switch (e.distribution) {
    case 'uniform':
      return (e.min + e.max) / 2;
    case 'triangular':
      return (e.min + e.mode + e.max) / 3;
    case 'pert':
      return (e.min + 4 * e.mode + e.max) / 6;
  }
}

/** Variance of the distribution. */
export function estimateVariance(e: ThreePointEstimate): number {
  const { min: a, mode: c, max: b } = e;
  switch (e.distribution) {
    case 'uniform':
      return ((b - a) * (b - a)) / 12;
    case 'triangular':
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    case 'pert': {
      const { alpha, beta } = pertShape(e);
      // (b − a)² αβ / ((α + β)² (α + β + 1)) with α + β = 6.
      return ((b - a) * (b - a) * alpha * beta) / 252;
    }
  }
}

/** The inverse CDF of the triangular distribution on [0, 1] with mode c, at u ∈ [0, 1]. */
export function standardTriangularQuantile(c: number, u: number): number {
  return u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c));
}

/** Knots of each PERT quantile table: the quantile at u = k / PERT_KNOTS, k = 0 … PERT_KNOTS. */
export const PERT_KNOTS = 2048;
/** Mode positions r = (mode − min) / (max − min) with a table: r = k / PERT_LEVELS. */
export const PERT_LEVELS = 256;
const CDF_CELLS = 8192;
let logGrid: { lx: Float64Array; l1x: Float64Array } | undefined;

/**
 * The quantile function of the standard beta-PERT distribution on [0, 1] with mode at
 * `level / PERT_LEVELS`, tabulated at PERT_KNOTS + 1 equally spaced probabilities. The CDF
 * is integrated numerically (midpoint rule on 8,192 cells, exact normalisation) and
 * inverted; sampling interpolates linearly between knots, and between the two neighbouring
 * mode levels. The mean of the tabulated distribution is within 5e−5 of the exact beta mean
 * (tested), far under the sampling noise of any practical number of iterations.
 */
export function pertQuantileTable(level: number): Float64Array {
  const r = level / PERT_LEVELS;
  const a1 = 4 * r; // α − 1
  const b1 = 4 - 4 * r; // β − 1
  if (logGrid === undefined) {
    const lx = new Float64Array(CDF_CELLS);
    const l1x = new Float64Array(CDF_CELLS);
    for (let i = 0; i < CDF_CELLS; i++) {
      const x = (i + 0.5) / CDF_CELLS;
      lx[i] = Math.log(x);
      l1x[i] = Math.log1p(-x);
    }
    logGrid = { lx, l1x };
  }
  const { lx, l1x } = logGrid;
  const cdf = new Float64Array(CDF_CELLS + 1);
  for (let i = 0; i < CDF_CELLS; i++) cdf[i + 1] = cdf[i]! + Math.exp(a1 * lx[i]! + b1 * l1x[i]!);
  const total = cdf[CDF_CELLS]!;
  const table = new Float64Array(PERT_KNOTS + 1);
  table[PERT_KNOTS] = 1;
  let cell = 0;
  for (let k = 1; k < PERT_KNOTS; k++) {
    const target = (k / PERT_KNOTS) * total;
    while (cdf[cell + 1]! < target) cell++;
    const lo = cdf[cell]!;
    const hi = cdf[cell + 1]!;
    table[k] = (cell + (hi > lo ? (target - lo) / (hi - lo) : 0)) / CDF_CELLS;
  }
  return table;
}

/** A set of PERT quantile tables, built on demand, packed into one array. */
export class PertTables {
  private readonly offsets = new Map<number, number>();
  private readonly tables: Float64Array[] = [];

  /** Offset of the table of `level` in `pack()`, building it on first use. */
  offsetOf(level: number): number {
    let offset = this.offsets.get(level);
    if (offset === undefined) {
      offset = this.tables.length * (PERT_KNOTS + 1);
      this.tables.push(pertQuantileTable(level));
      this.offsets.set(level, offset);
    }
    return offset;
  }

  pack(): Float64Array {
    const out = new Float64Array(Math.max(1, this.tables.length) * (PERT_KNOTS + 1));
    this.tables.forEach((t, i) => out.set(t, i * (PERT_KNOTS + 1)));
    return out;
  }
}

/** Where a PERT estimate reads its tables: two levels and the weight between them. */
export function pertLevels(e: ThreePointEstimate): { low: number; high: number; weight: number } {
  const range = e.max - e.min;
  const r = range > 0 ? (e.mode - e.min) / range : 0.5;
  const position = Math.min(1, Math.max(0, r)) * PERT_LEVELS;
  const low = Math.min(PERT_LEVELS - 1, Math.floor(position));
  return { low, high: low + 1, weight: position - low };
}

/** Reads a quantile from a packed table at u ∈ [0, 1). */
export function tableQuantile(tables: Float64Array, offset: number, u: number): number {
  const position = u * PERT_KNOTS;
  const k = position | 0;
  const q = tables[offset + k]!;
  return q + (position - k) * (tables[offset + k + 1]! - q);
}

/**
 * One sample of the estimate at probability u ∈ [0, 1) (inverse transform), for one-off use;
 * the simulation kernel inlines the same arithmetic.
 */
export function sampleEstimate(e: ThreePointEstimate, u: number, tables?: PertTables): number {
  const range = e.max - e.min;
  switch (e.distribution) {
    case 'uniform':
      return e.min + range * u;
    case 'triangular':
      return (
        e.min + range * standardTriangularQuantile(range > 0 ? (e.mode - e.min) / range : 0.5, u)
      );
    case 'pert': {
      const set = tables ?? new PertTables();
      const { low, high, weight } = pertLevels(e);
      const o0 = set.offsetOf(low);
      const o1 = set.offsetOf(high);
      const packed = set.pack();
      const q0 = tableQuantile(packed, o0, u);
      const q1 = tableQuantile(packed, o1, u);
      return e.min + range * (q0 + weight * (q1 - q0));
    }
  }
}

/**
 * Checks an estimate; returns a reason when it is unusable (NaN, negative, min > mode > max),
 * undefined when it is fine.
 */
export function estimateProblem(e: ThreePointEstimate): string | undefined {
  if (!DISTRIBUTIONS.includes(e.distribution)) {
    return `distribution ${JSON.stringify(e.distribution)} is not one of ${DISTRIBUTIONS.join(', ')}`;
  }
  for (const key of ['min', 'mode', 'max'] as const) {
    if (e.distribution === 'uniform' && key === 'mode') continue;
    const v = e[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `"${key}" must be a number`;
    if (v < 0) return `"${key}" must be ≥ 0`;
  }
  if (e.min > e.max) return `min (${e.min}) is greater than max (${e.max})`;
  if (e.distribution !== 'uniform' && (e.mode < e.min || e.mode > e.max)) {
    return `mode (${e.mode}) is not between min (${e.min}) and max (${e.max})`;
  }
  return undefined;
}
