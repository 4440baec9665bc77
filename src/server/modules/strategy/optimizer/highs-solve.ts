/**
 * Solves a portfolio-selection problem with HiGHS (WebAssembly, synchronous). Runs inside the
 * optimizer worker (optimizer.ts) so neither the server nor the CLI blocks its event loop.
 *
 * 1. Rule conflicts that no budget can fix (core ruleConflicts) → infeasible at once.
 * 2. The MIP of core buildSelectionModel, with a time limit and a relative gap.
 * 3. Shadow prices: the LP relaxation with the chosen portfolio fixed in (selected candidates
 *    at their start) and every other candidate free to enter fractionally; the row duals say
 *    how much value one more euro or hour would buy at the margin.
 * 4. Infeasible MIP: an elastic copy (each budget/capacity row gets a slack column, the total
 *    relative slack minimised) names the constraints that cannot hold.
 */
import loadHighs from 'highs';
import {
  assignmentFromColumns,
  assignmentValue,
  buildSelectionModel,
  columnsFromAssignment,
  greedyByDensity,
  greedyByScore,
  greedyFromRelaxation,
  isFeasible,
  describeAssignment,
  infeasibleResult,
  ruleConflicts,
  type SelectionModel,
  type SelectionProblem,
  type SelectionResult,
} from '../../../../core/strategy/selection.ts';
import { improveBySwaps } from '../../../../core/strategy/selection-search.ts';

export interface SolveOptions {
  /** Seconds HiGHS may spend on the MIP (default 30). */
  timeLimit?: number;
  /** Relative gap at which a solution counts as optimal (default 1e-4). */
  relativeGap?: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;

function fin(h: Highs, x: number): number {
  return x === Infinity ? h.infinity : x === -Infinity ? -h.infinity : x;
}

function modelData(
  h: Highs,
  m: SelectionModel,
  colLower: Float64Array,
  colUpper: Float64Array,
  integer: boolean,
) {
  return {
    numCols: m.numCols,
    numRows: m.numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: m.colCost,
    colLower,
    colUpper,
    rowLower: Float64Array.from(m.rowLower, (x) => fin(h, x)),
    rowUpper: Float64Array.from(m.rowUpper, (x) => fin(h, x)),
    matrix: {
      format: 'csr' as const,
      numRows: m.numRows,
      numCols: m.numCols,
      starts: m.starts,
      indices: m.indices,
      values: m.values,
    },
    ...(integer ? { integrality: new Int32Array(m.numCols).fill(1) } : {}),
  };
}

export async function solveSelection(
  problem: SelectionProblem,
  options: SolveOptions = {},
): Promise<SelectionResult> {
  const conflicts = ruleConflicts(problem);
  if (conflicts.length > 0) return infeasibleResult(problem, conflicts);
  const model = buildSelectionModel(problem);
  if (model.numCols === 0) {
    return describeAssignment(
      problem,
      new Int32Array(problem.candidates.length).fill(-1),
      'optimal',
      0,
    );
  }
  const h = await highs();
  const timeLimit = options.timeLimit ?? 30;
  const relativeGap = options.relativeGap ?? 1e-4;

  const t0 = performance.now();
  const { incumbent, lpBound } = startingPortfolio(h, problem, model);
  const mip = h.createModel(
    modelData(h, model, new Float64Array(model.numCols), model.colUpper, true),
  );
  let start: Int32Array;
  let status: 'optimal' | 'feasible';
  let gap: number;
  try {
    mip.options.set({
      output_flag: false,
      // The time spent on the starting portfolio counts, and some is kept for the prices.
      time_limit: Math.max(1, timeLimit * 0.85 - (performance.now() - t0) / 1000),
      mip_rel_gap: relativeGap,
    });
    if (incumbent) mip.setSolution({ colValue: columnsFromAssignment(model, incumbent) });
    mip.run();
    const ms = mip.getModelStatus();
    if (ms === INFEASIBLE) return infeasibleResult(problem, elasticConflicts(h, model));
    const primal = Number(mip.info.get('primal_solution_status'));
    if (ms !== OPTIMAL && primal !== 2) {
      // Time limit (or another stop) before any feasible portfolio was found.
      throw Object.assign(
        new Error(`the solver found no feasible portfolio within ${timeLimit} s`),
        { code: 'OPTIMIZER_TIMEOUT' },
      );
    }
    start = assignmentFromColumns(model, problem, mip.getSolution().colValue);
    // The gap against the best proven bound: HiGHS's dual bound, or the LP relaxation's when
    // the search stopped before improving on it.
    const value = assignmentValue(problem, start);
    const dualBound = Math.min(Number(mip.info.get('mip_dual_bound')), lpBound);
    gap =
      ms === OPTIMAL && Number(mip.info.get('mip_gap')) <= relativeGap
        ? Math.max(0, Number(mip.info.get('mip_gap')))
        : Number.isFinite(dualBound) && dualBound > 0
          ? Math.max(0, (dualBound - value) / dualBound)
          : 1;
    if (gap < 1e-9) gap = 0;
    status = ms === OPTIMAL ? 'optimal' : 'feasible';
  } finally {
    mip.dispose();
  }
  // Prices get what is left of the time limit, at least 2 s; those not reached are left out.
  const deadline = Math.max(performance.now() + 1000, t0 + timeLimit * 950);
  return describeAssignment(problem, start, status, gap, shadowPrices(h, model, start, deadline));
}

/**
 * A good feasible portfolio to start the branch-and-bound from: the best of picking by
 * score, by value density, and rounding the LP relaxation (undefined when none is feasible:
 * mandatory candidates that a greedy pass cannot place); and the LP relaxation's value, an
 * upper bound on the optimum. The best start is then improved by local search (selection-search.ts).
 */
function startingPortfolio(
  h: Highs,
  problem: SelectionProblem,
  model: SelectionModel,
): { incumbent: Int32Array | undefined; lpBound: number } {
  const tries = [greedyByScore(problem), greedyByDensity(problem)];
  let lpBound = Infinity;
  const lp = h.createModel(
    modelData(h, model, new Float64Array(model.numCols), model.colUpper, false),
  );
  try {
    lp.options.set({ output_flag: false, time_limit: 10 });
    lp.run();
    if (lp.getModelStatus() === OPTIMAL) {
      lpBound = lp.getObjectiveValue();
      tries.push(greedyFromRelaxation(problem, model, lp.getSolution().colValue));
    }
  } finally {
    lp.dispose();
  }
  let best: Int32Array | undefined;
  let bestValue = -Infinity;
  for (const t of tries) {
    if (!isFeasible(problem, t)) continue;
    const v = assignmentValue(problem, t);
    if (v > bestValue) {
      best = t;
      bestValue = v;
    }
  }
  // Local search on the best of them only (about a second on 1,000 candidates): the time it
  // takes comes out of the solver's.
  return { incumbent: best && improveBySwaps(problem, best), lpBound };
}

/**
 * Shadow prices of the budget and capacity rows. The LP is the relaxation with the chosen
 * portfolio fixed in (selected candidates at their start, their other starts closed) and every
 * other candidate free to enter fractionally. Its row duals are degenerate (the fixed columns
 * sit exactly on the limits, so any price above the next candidate's rate is "optimal"), so the
 * price is measured instead as the right derivative of that LP's value: the value gained when
 * the limit grows by δ = max(1, 0.1 % of the limit), divided by δ. Warm-started re-solves.
 */
function shadowPrices(
  h: Highs,
  model: SelectionModel,
  start: Int32Array,
  deadline: number,
): Record<string, number> {
  const lower = new Float64Array(model.numCols);
  const upper = new Float64Array(model.numCols).fill(1);
  for (let j = 0; j < model.numCols; j++) {
    const s = start[model.colCandidate[j]!]!;
    if (s < 0) continue;
    const chosen = model.colStart[j] === s;
    lower[j] = chosen ? 1 : 0;
    upper[j] = chosen ? 1 : 0;
  }
  const lp = h.createModel(modelData(h, model, lower, upper, false));
  const out: Record<string, number> = {};
  try {
    lp.options.set({ output_flag: false, time_limit: 10 });
    lp.run();
    if (lp.getModelStatus() !== OPTIMAL) return out;
    const base = lp.getObjectiveValue();
    for (let r = 0; r < model.numRows; r++) {
      const kind = model.rowKind[r];
      if (kind !== 'budget' && kind !== 'capacity') continue;
      if (performance.now() > deadline) break;
      const limit = model.rowUpper[r]!;
      const delta = Math.max(1, 1e-3 * Math.abs(limit));
      lp.changeRowBounds(r, -h.infinity, limit + delta);
      lp.run();
      const gain = lp.getModelStatus() === OPTIMAL ? lp.getObjectiveValue() - base : 0;
      lp.changeRowBounds(r, -h.infinity, limit);
      const price = gain / delta;
      if (price > 1e-9) out[model.rowKey[r]!] = Number(price.toPrecision(12));
    }
  } finally {
    lp.dispose();
  }
  return out;
}

/** The budget/capacity rows that must be exceeded for the mandatory candidates to fit. */
function elasticConflicts(h: Highs, model: SelectionModel): string[] {
  const elastic: number[] = [];
  for (let r = 0; r < model.numRows; r++) {
    const kind = model.rowKind[r];
    if (kind === 'budget' || kind === 'capacity') elastic.push(r);
  }
  const n = model.numCols + elastic.length;
  // CSR again with one slack column per elastic row (coefficient −1).
  const slackOf = new Int32Array(model.numRows).fill(-1);
  elastic.forEach((r, k) => (slackOf[r] = model.numCols + k));
  const starts = new Int32Array(model.numRows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < model.numRows; r++) {
    starts[r] = indices.length;
    for (let k = model.starts[r]!; k < model.starts[r + 1]!; k++) {
      indices.push(model.indices[k]!);
      values.push(model.values[k]!);
    }
    if (slackOf[r]! >= 0) {
      indices.push(slackOf[r]!);
      values.push(-1);
    }
  }
  starts[model.numRows] = indices.length;
  const colCost = new Float64Array(n);
  elastic.forEach((r, k) => {
    colCost[model.numCols + k] = 1 / Math.max(1, Math.abs(model.rowUpper[r]!));
  });
  const integrality = new Int32Array(n);
  integrality.fill(1, 0, model.numCols);
  const colUpper = new Float64Array(n).fill(h.infinity);
  colUpper.fill(1, 0, model.numCols);
  const m = h.createModel({
    numCols: n,
    numRows: model.numRows,
    sense: h.constants.objectiveSense.minimize,
    colCost,
    colLower: new Float64Array(n),
    colUpper,
    rowLower: Float64Array.from(model.rowLower, (x) => fin(h, x)),
    rowUpper: Float64Array.from(model.rowUpper, (x) => fin(h, x)),
    matrix: { format: 'csr', numRows: model.numRows, numCols: n, starts, indices, values },
    integrality,
  });
  try {
    m.options.set({ output_flag: false, time_limit: 30 });
    m.run();
    const ms = m.getModelStatus();
    if (ms !== OPTIMAL && Number(m.info.get('primal_solution_status')) !== 2) return ['rules'];
    const x = m.getSolution().colValue;
    const out: string[] = [];
    elastic.forEach((r, k) => {
      if (x[model.numCols + k]! > 1e-6 * Math.max(1, Math.abs(model.rowUpper[r]!)))
        out.push(model.rowKey[r]!);
    });
    return out.length > 0 ? out : ['rules'];
  } finally {
    m.dispose();
  }
}
