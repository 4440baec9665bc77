/**
 * Improves a feasible portfolio by local search before it is given to the solver as its
 * starting point: add every candidate that still fits (best value first, at any allowed start),
 * then swap one selected candidate out for a more valuable one that fits in its place, and
 * again until no move improves the value or `maxPasses` passes are done. Every move keeps the
 * portfolio feasible (budget, capacity, start windows, mandatory, requires, excludes, forced
 * out), and the value only grows. Pure: no clock (the caller bounds the passes).
 */
import { allowedStarts, type Assignment, isFeasible, type SelectionProblem } from './selection.ts';

/** One candidate at one start: the limits it uses (row index, amount). */
interface Footprint {
  rows: Int32Array;
  amounts: Float64Array;
}

export function improveBySwaps(
  problem: SelectionProblem,
  initial: Assignment,
  maxPasses = 20,
): Assignment {
  const start = Int32Array.from(initial);
  if (!isFeasible(problem, start)) return start;
  const { candidates, periods } = problem;
  const P = periods.length;
  const n = candidates.length;
  const poolIdx = new Map(problem.pools.map((p, k) => [p, k]));
  // Rows: budget of period p → p; capacity of pool k in period p → P + k·P + p.
  const left = new Float64Array(P + problem.pools.length * P).fill(Infinity);
  problem.budget.forEach((b, p) => {
    if (b !== null) left[p] = b;
  });
  problem.capacity.forEach((row, k) =>
    row.forEach((c, p) => {
      if (c !== null) left[P + k * P + p] = c;
    }),
  );
  const starts = candidates.map((c) => allowedStarts(problem, c));
  const footprint = (i: number, s: number): Footprint => {
    const c = candidates[i]!;
    const sum = new Map<number, number>();
    c.cost.forEach((a, k) => {
      if (s + k < P && a > 0) sum.set(s + k, (sum.get(s + k) ?? 0) + a);
    });
    for (const [pool, prof] of Object.entries(c.demand)) {
      const base = P + poolIdx.get(pool)! * P;
      prof.forEach((h, k) => {
        if (s + k < P && h > 0) sum.set(base + s + k, (sum.get(base + s + k) ?? 0) + h);
      });
    }
    return {
      rows: Int32Array.from(sum.keys()),
      amounts: Float64Array.from(sum.values()),
    };
  };
  const cache = new Map<number, Footprint>();
  const foot = (i: number, s: number): Footprint => {
    const key = i * (P + 1) + s;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = footprint(i, s)));
    return f;
  };
  const apply = (i: number, s: number, sign: 1 | -1) => {
    const f = foot(i, s);
    for (let k = 0; k < f.rows.length; k++) left[f.rows[k]!]! -= sign * f.amounts[k]!;
  };
  for (let i = 0; i < n; i++) if (start[i]! >= 0) apply(i, start[i]!, 1);

  const tol = (r: number) => 1e-9 * Math.max(1, Math.abs(left[r]!));
  const fits = (f: Footprint) => {
    for (let k = 0; k < f.rows.length; k++) {
      const r = f.rows[k]!;
      if (f.amounts[k]! > left[r]! + tol(r)) return false;
    }
    return true;
  };
  const requiredBy: number[][] = candidates.map(() => []);
  const excluded: number[][] = candidates.map(() => []);
  candidates.forEach((c, i) => {
    for (const j of c.requires) requiredBy[j]!.push(i);
    for (const j of c.excludes) {
      excluded[i]!.push(j);
      excluded[j]!.push(i);
    }
  });
  /** May `i` enter when `out` (or nobody, −1) leaves? */
  const rulesAllow = (i: number, out: number) => {
    const c = candidates[i]!;
    if (c.forcedOut || c.value <= 0) return false;
    for (const j of c.requires) if (j === out || start[j]! < 0) return false;
    for (const j of excluded[i]!) if (j !== out && start[j]! >= 0) return false;
    return true;
  };
  /** May `j` leave (nothing selected requires it, not mandatory)? */
  const removable = (j: number) =>
    !candidates[j]!.mandatory && requiredBy[j]!.every((i) => start[i]! < 0);

  const byValue = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => candidates[b]!.value - candidates[a]!.value || a - b,
  );
  // Who uses each row (for a swap: the selected candidates that free a short row).
  const users: number[][] = Array.from({ length: left.length }, () => []);
  for (let i = 0; i < n; i++)
    for (const s of starts[i]!) for (const r of foot(i, s).rows) users[r]!.push(i);

  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    // Adds: everything that still fits, best value first.
    for (const i of byValue) {
      if (start[i]! >= 0 || !rulesAllow(i, -1)) continue;
      for (const s of starts[i]!) {
        if (!fits(foot(i, s))) continue;
        start[i] = s;
        apply(i, s, 1);
        improved = true;
        break;
      }
    }
    // Swaps: i in (at some start), the least valuable j out that makes room, value grows.
    for (const i of byValue) {
      if (start[i]! >= 0) continue;
      const vi = candidates[i]!.value;
      let best: { j: number; s: number } | undefined;
      for (const s of starts[i]!) {
        const f = foot(i, s);
        let short = -1;
        for (let k = 0; k < f.rows.length; k++) {
          const r = f.rows[k]!;
          if (f.amounts[k]! > left[r]! + tol(r)) {
            short = r;
            break;
          }
        }
        if (short < 0) continue; // fits already: the next pass's adds take it
        for (const j of users[short]!) {
          const sj = start[j]!;
          if (sj < 0 || candidates[j]!.value >= vi) continue;
          if (best && candidates[j]!.value >= candidates[best.j]!.value) continue;
          if (!removable(j) || !rulesAllow(i, j)) continue;
          apply(j, sj, -1);
          const ok = fits(f);
          apply(j, sj, 1);
          if (ok) best = { j, s };
        }
      }
      if (!best) continue;
      apply(best.j, start[best.j]!, -1);
      start[best.j] = -1;
      start[i] = best.s;
      apply(i, best.s, 1);
      improved = true;
    }
    if (!improved) break;
  }
  return start;
}
