/**
 * Portfolio scenarios on a selection problem (formats/portfolio-selection.md): the PMO's forcing
 * of candidates in or out, the budget scaled for the efficient frontier, and the comparison of
 * two results. Pure: the solves run in src/server/modules/strategy/optimizer/.
 */
import {
  SelectionError,
  type SelectionProblem,
  type SelectionResult,
} from '../strategy/selection.ts';

/** Budget levels of the efficient frontier, as factors of the file's budget. */
export const FRONTIER_FACTORS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * The problem with the PMO's choices: forced-in candidates become mandatory, forced-out ones
 * are never selected. Unknown ids, or an id both in and out, are refused (SelectionError naming
 * the list and index).
 */
export function applyForcing(
  problem: SelectionProblem,
  forcedIn: readonly string[],
  forcedOut: readonly string[],
): SelectionProblem {
  const index = new Map(problem.candidates.map((c, i) => [c.id, i]));
  const check = (ids: readonly string[], path: string) =>
    ids.forEach((id, k) => {
      if (!index.has(id)) throw new SelectionError(`${path}[${k}]`, `unknown candidate ${id}`);
    });
  check(forcedIn, 'forcedIn');
  check(forcedOut, 'forcedOut');
  const inSet = new Set(forcedIn);
  forcedOut.forEach((id, k) => {
    if (inSet.has(id))
      throw new SelectionError(`forcedOut[${k}]`, `${id} cannot be forced both in and out`);
  });
  const outSet = new Set(forcedOut);
  return {
    ...problem,
    candidates: problem.candidates.map((c) =>
      inSet.has(c.id)
        ? { ...c, mandatory: true, forcedOut: false }
        : outSet.has(c.id)
          ? { ...c, mandatory: false, forcedOut: true }
          : c,
    ),
  };
}

/** The problem with every period's budget multiplied by `factor` (unconstrained stays so). */
export function scaleBudget(problem: SelectionProblem, factor: number): SelectionProblem {
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new SelectionError('factor', 'must be a positive number');
  return {
    ...problem,
    budget: problem.budget.map((b) => (b === null ? null : Math.round(b * factor))),
  };
}

/** Σ of the constrained budget over the periods (null when no period has a budget). */
export function totalBudget(problem: SelectionProblem): number | null {
  const set = problem.budget.filter((b): b is number => b !== null);
  return set.length === 0 ? null : set.reduce((a, b) => a + b, 0);
}

export interface FrontierPoint {
  factor: number;
  budget: number;
  status: SelectionResult['status'];
  value: number | null;
  gap: number | null;
  selected: number;
  spent: number;
  /** False when a cheaper point reaches at least this value (a solve stopped early). */
  efficient: boolean;
}

/** Frontier points from the results at each budget level, flagging the dominated ones. */
export function frontierPoints(
  problem: SelectionProblem,
  runs: readonly { factor: number; result: SelectionResult }[],
): FrontierPoint[] {
  const base = totalBudget(problem);
  if (base === null) throw new SelectionError('budget', 'no period has a budget: no frontier');
  const points = [...runs]
    .sort((a, b) => a.factor - b.factor)
    .map(({ factor, result }) => ({
      factor,
      budget: Math.round(base * factor),
      status: result.status,
      value: result.objective,
      gap: result.gap,
      selected: result.selected.length,
      spent: Object.values(result.budgetUsed).reduce((a, b) => a + b, 0),
      efficient: result.status !== 'infeasible',
    }));
  let best = -Infinity;
  for (const p of points) {
    if (p.value === null) continue;
    if (p.value <= best && best > -Infinity) p.efficient = false;
    best = Math.max(best, p.value);
  }
  return points;
}

export interface ResultComparison {
  /** Selected in B, not in A. */
  added: string[];
  /** Selected in A, not in B. */
  dropped: string[];
  /** Selected in both but starting in another period. */
  moved: { id: string; from: string; to: string }[];
  valueDelta: number | null;
}

/** What changes from scenario A's result to scenario B's. */
export function compareResults(a: SelectionResult, b: SelectionResult): ResultComparison {
  const startA = new Map(a.selected.map((s) => [s.id, s.start]));
  const startB = new Map(b.selected.map((s) => [s.id, s.start]));
  return {
    added: b.selected.filter((s) => !startA.has(s.id)).map((s) => s.id),
    dropped: a.selected.filter((s) => !startB.has(s.id)).map((s) => s.id),
    moved: b.selected
      .filter((s) => startA.has(s.id) && startA.get(s.id) !== s.start)
      .map((s) => ({ id: s.id, from: startA.get(s.id)!, to: s.start })),
    valueDelta: a.objective === null || b.objective === null ? null : b.objective - a.objective,
  };
}
