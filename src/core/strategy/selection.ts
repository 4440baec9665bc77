/**
 * Portfolio selection (formats/portfolio-selection.md): parse and validate a selection file,
 * build the mixed-integer program, read a solver's answer back into the format's result, and
 * the "pick by score until the money runs out" baseline. Pure: the solver call lives in
 * src/server/modules/strategy/optimizer/.
 */

/** The only error this module throws; `path` locates the culprit in the JSON (e.g. `candidates[2].cost[1]`). */
export class SelectionError extends Error {
  readonly code = 'SELECTION_INVALID';
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path || '(root)'}: ${message}`);
    this.name = 'SelectionError';
    this.path = path;
  }
}

export interface SelectionCandidate {
  id: string;
  name: string;
  value: number;
  /** Cost profile relative to the start (element k: the k-th period after the start). */
  cost: number[];
  /** Demand profile per pool, relative to the start. */
  demand: Record<string, number[]>;
  /** Index in `periods` of the first and last allowed start. */
  earliestStart: number;
  latestStart: number;
  mandatory: boolean;
  /** Never selected (a scenario forced it out). Not part of the file format. */
  forcedOut: boolean;
  /** Indices of the candidates it requires / excludes. */
  requires: number[];
  excludes: number[];
}

export interface SelectionProblem {
  periods: string[];
  /** Budget per period index; null = unconstrained. */
  budget: (number | null)[];
  /** Every pool named in `capacity` or in a demand, in order of first appearance. */
  pools: string[];
  /** capacity[pool index][period index]; null = unconstrained. */
  capacity: (number | null)[][];
  candidates: SelectionCandidate[];
}

export type SelectionStatus = 'optimal' | 'feasible' | 'infeasible';

export interface SelectionResult {
  status: SelectionStatus;
  objective: number | null;
  selected: { id: string; start: string }[];
  rejected: string[];
  budgetUsed: Record<string, number>;
  capacityUsed: Record<string, Record<string, number>>;
  binding: string[];
  gap: number | null;
  /**
   * Value one more unit of each constraint would buy (per euro of budget, per hour of
   * capacity), from the LP relaxation with the chosen portfolio fixed in (see docs/strategy.md).
   * Only the constraints with a non-zero price are listed.
   */
  shadowPrices: Record<string, number>;
  /** For an infeasible instance: the constraints that cannot all hold. */
  conflicts: string[];
}

const MAX_CANDIDATES = 20_000;
const MAX_PERIODS = 240;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new SelectionError(
        path ? `${path}.${key}` : key,
        `unknown field (expected one of ${allowed.join(', ')})`,
      );
    }
  }
}

function nonNegative(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new SelectionError(path, 'must be a number');
  if (v < 0) throw new SelectionError(path, `must not be negative (got ${v})`);
  return v;
}

function profile(v: unknown, path: string): number[] {
  if (!Array.isArray(v))
    throw new SelectionError(path, 'must be an array of amounts, one per period');
  if (v.length > MAX_PERIODS) throw new SelectionError(path, `is longer than ${MAX_PERIODS}`);
  return v.map((x, k) => nonNegative(x, `${path}[${k}]`));
}

/** The number of periods a candidate occupies once started (its longest profile). */
export function profileLength(c: Pick<SelectionCandidate, 'cost' | 'demand'>): number {
  let len = c.cost.length;
  for (const d of Object.values(c.demand)) len = Math.max(len, d.length);
  return len;
}

/**
 * Validates a parsed selection file and resolves labels to indices. Throws SelectionError
 * naming the JSON path of the first problem found.
 */
export function parseSelection(input: unknown): SelectionProblem {
  if (!isRecord(input)) throw new SelectionError('', 'must be a JSON object');
  checkKeys(input, ['periods', 'budget', 'capacity', 'candidates'], '');
  const rawPeriods = input['periods'];
  if (!Array.isArray(rawPeriods) || rawPeriods.length === 0)
    throw new SelectionError('periods', 'must be a non-empty array of period labels');
  if (rawPeriods.length > MAX_PERIODS)
    throw new SelectionError('periods', `has more than ${MAX_PERIODS} periods`);
  const periodIndex = new Map<string, number>();
  const periods = rawPeriods.map((p, i) => {
    if (typeof p !== 'string' || p.trim() === '')
      throw new SelectionError(`periods[${i}]`, 'must be a non-empty string');
    if (periodIndex.has(p)) throw new SelectionError(`periods[${i}]`, `"${p}" is repeated`);
    periodIndex.set(p, i);
    return p;
  });
  const periodMap = (v: unknown, path: string): (number | null)[] => {
    const out: (number | null)[] = periods.map(() => null);
    if (v === undefined) return out;
    if (!isRecord(v)) throw new SelectionError(path, 'must be an object { period: amount }');
    for (const [label, amount] of Object.entries(v)) {
      const i = periodIndex.get(label);
      if (i === undefined)
        throw new SelectionError(`${path}.${label}`, `"${label}" is not one of the periods`);
      out[i] = nonNegative(amount, `${path}.${label}`);
    }
    return out;
  };
  const budget = periodMap(input['budget'], 'budget');
  const pools: string[] = [];
  const poolIndex = new Map<string, number>();
  const capacity: (number | null)[][] = [];
  const addPool = (name: string): number => {
    let i = poolIndex.get(name);
    if (i === undefined) {
      i = pools.length;
      pools.push(name);
      poolIndex.set(name, i);
      capacity.push(periods.map(() => null));
    }
    return i;
  };
  const rawCapacity = input['capacity'];
  if (rawCapacity !== undefined) {
    if (!isRecord(rawCapacity))
      throw new SelectionError('capacity', 'must be an object { pool: { period: hours } }');
    for (const [pool, byPeriod] of Object.entries(rawCapacity)) {
      const i = addPool(pool);
      capacity[i] = periodMap(byPeriod, `capacity.${pool}`);
    }
  }
  const rawCandidates = input['candidates'];
  if (!Array.isArray(rawCandidates))
    throw new SelectionError('candidates', 'must be an array of candidates');
  if (rawCandidates.length > MAX_CANDIDATES)
    throw new SelectionError('candidates', `has more than ${MAX_CANDIDATES} candidates`);
  const idIndex = new Map<string, number>();
  rawCandidates.forEach((c, i) => {
    const path = `candidates[${i}]`;
    if (!isRecord(c)) throw new SelectionError(path, 'must be an object');
    const id = c['id'];
    if (typeof id !== 'string' || id.trim() === '')
      throw new SelectionError(`${path}.id`, 'must be a non-empty string');
    const first = idIndex.get(id);
    if (first !== undefined)
      throw new SelectionError(`${path}.id`, `"${id}" is already the id of candidates[${first}]`);
    idIndex.set(id, i);
  });
  const candidates = rawCandidates.map((raw, i): SelectionCandidate => {
    const c = raw as Record<string, unknown>;
    const path = `candidates[${i}]`;
    checkKeys(
      c,
      [
        'id',
        'name',
        'value',
        'cost',
        'demand',
        'earliestStart',
        'latestStart',
        'mandatory',
        'requires',
        'excludes',
      ],
      path,
    );
    const id = c['id'] as string;
    const name = c['name'] ?? id;
    if (typeof name !== 'string') throw new SelectionError(`${path}.name`, 'must be a string');
    const value = c['value'];
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new SelectionError(`${path}.value`, 'must be a number');
    const cost = c['cost'] === undefined ? [] : profile(c['cost'], `${path}.cost`);
    const demand: Record<string, number[]> = {};
    const rawDemand = c['demand'];
    if (rawDemand !== undefined) {
      if (!isRecord(rawDemand))
        throw new SelectionError(`${path}.demand`, 'must be an object { pool: [hours…] }');
      for (const [pool, prof] of Object.entries(rawDemand)) {
        demand[pool] = profile(prof, `${path}.demand.${pool}`);
        addPool(pool);
      }
    }
    const startIndex = (key: 'earliestStart' | 'latestStart', fallback: number): number => {
      const v = c[key];
      if (v === undefined) return fallback;
      const idx = typeof v === 'string' ? periodIndex.get(v) : undefined;
      if (idx === undefined)
        throw new SelectionError(
          `${path}.${key}`,
          `${JSON.stringify(v)} is not one of the periods`,
        );
      return idx;
    };
    const earliestStart = startIndex('earliestStart', 0);
    const latestStart = startIndex('latestStart', earliestStart);
    if (latestStart < earliestStart)
      throw new SelectionError(
        `${path}.latestStart`,
        `${periods[latestStart]} is before earliestStart ${periods[earliestStart]}`,
      );
    const mandatory = c['mandatory'] ?? false;
    if (typeof mandatory !== 'boolean')
      throw new SelectionError(`${path}.mandatory`, 'must be true or false');
    const refs = (key: 'requires' | 'excludes'): number[] => {
      const v = c[key];
      if (v === undefined) return [];
      if (!Array.isArray(v)) throw new SelectionError(`${path}.${key}`, 'must be an array of ids');
      const out = new Set<number>();
      v.forEach((ref, k) => {
        const j = typeof ref === 'string' ? idIndex.get(ref) : undefined;
        if (j === undefined)
          throw new SelectionError(
            `${path}.${key}[${k}]`,
            `${JSON.stringify(ref)} is not the id of a candidate`,
          );
        if (j === i)
          throw new SelectionError(
            `${path}.${key}[${k}]`,
            `a candidate cannot ${key.slice(0, -1)} itself`,
          );
        out.add(j);
      });
      return [...out];
    };
    return {
      id,
      name,
      value,
      cost,
      demand,
      earliestStart,
      latestStart,
      mandatory,
      forcedOut: false,
      requires: refs('requires'),
      excludes: refs('excludes'),
    };
  });
  return { periods, budget, pools, capacity, candidates };
}

/** The starts at which a candidate may be selected: its window, cut so the profile fits. */
export function allowedStarts(problem: SelectionProblem, c: SelectionCandidate): number[] {
  if (c.forcedOut) return [];
  const last = Math.min(c.latestStart, problem.periods.length - profileLength(c));
  const out: number[] = [];
  for (let s = c.earliestStart; s <= last; s++) out.push(s);
  return out;
}

export type RowKind = 'choice' | 'budget' | 'capacity' | 'requires' | 'excludes';

/**
 * The mixed-integer program in HiGHS's shape (CSR rows, maximise). One binary column per
 * (candidate, allowed start); rows: one choice row per candidate (≤ 1, or = 1 if mandatory),
 * one budget row per constrained period, one capacity row per constrained (pool, period),
 * one row per requires pair (x_i − x_j ≤ 0) and per excludes pair (x_i + x_j ≤ 1).
 */
export interface SelectionModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  colCandidate: Int32Array;
  colStart: Int32Array;
  /** `budget:PERIOD`, `capacity:POOL:PERIOD`, `choice:ID`, `requires:A:B`, `excludes:A:B`. */
  rowKey: string[];
  rowKind: RowKind[];
  /** First column of each candidate (columns of a candidate are contiguous); length n + 1. */
  candidateCols: Int32Array;
}

export function buildSelectionModel(problem: SelectionProblem): SelectionModel {
  const { periods, candidates, pools } = problem;
  const P = periods.length;
  const colCandidate: number[] = [];
  const colStart: number[] = [];
  const candidateCols = new Int32Array(candidates.length + 1);
  candidates.forEach((c, i) => {
    candidateCols[i] = colCandidate.length;
    for (const s of allowedStarts(problem, c)) {
      colCandidate.push(i);
      colStart.push(s);
    }
  });
  candidateCols[candidates.length] = colCandidate.length;
  const numCols = colCandidate.length;

  // Rows are built as lists of (col, coefficient).
  const rowCols: number[][] = [];
  const rowVals: number[][] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const rowKey: string[] = [];
  const rowKind: RowKind[] = [];
  const addRow = (kind: RowKind, key: string, lo: number, hi: number): number => {
    rowCols.push([]);
    rowVals.push([]);
    rowLower.push(lo);
    rowUpper.push(hi);
    rowKey.push(key);
    rowKind.push(kind);
    return rowKey.length - 1;
  };
  candidates.forEach((c, i) => {
    const from = candidateCols[i]!;
    const to = candidateCols[i + 1]!;
    if (from === to) return;
    const r = addRow('choice', `choice:${c.id}`, c.mandatory ? 1 : -Infinity, 1);
    for (let j = from; j < to; j++) {
      rowCols[r]!.push(j);
      rowVals[r]!.push(1);
    }
  });
  const budgetRow = problem.budget.map((b, p) =>
    b === null ? -1 : addRow('budget', `budget:${periods[p]}`, -Infinity, b),
  );
  const capRow = problem.capacity.map((byPeriod, k) =>
    byPeriod.map((cap, p) =>
      cap === null ? -1 : addRow('capacity', `capacity:${pools[k]}:${periods[p]}`, -Infinity, cap),
    ),
  );
  const poolIdx = new Map(pools.map((p, k) => [p, k]));
  for (let j = 0; j < numCols; j++) {
    const c = candidates[colCandidate[j]!]!;
    const s = colStart[j]!;
    c.cost.forEach((amount, k) => {
      const r = budgetRow[s + k]!;
      if (r >= 0 && amount !== 0 && s + k < P) {
        rowCols[r]!.push(j);
        rowVals[r]!.push(amount);
      }
    });
    for (const [pool, prof] of Object.entries(c.demand)) {
      const rows = capRow[poolIdx.get(pool)!]!;
      prof.forEach((hours, k) => {
        const r = rows[s + k]!;
        if (r >= 0 && hours !== 0) {
          rowCols[r]!.push(j);
          rowVals[r]!.push(hours);
        }
      });
    }
  }
  const seenExcl = new Set<string>();
  candidates.forEach((c, i) => {
    for (const j of c.requires) {
      const r = addRow('requires', `requires:${c.id}:${candidates[j]!.id}`, -Infinity, 0);
      for (let col = candidateCols[i]!; col < candidateCols[i + 1]!; col++) {
        rowCols[r]!.push(col);
        rowVals[r]!.push(1);
      }
      for (let col = candidateCols[j]!; col < candidateCols[j + 1]!; col++) {
        rowCols[r]!.push(col);
        rowVals[r]!.push(-1);
      }
    }
    for (const j of c.excludes) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const pair = `${a}:${b}`;
      if (seenExcl.has(pair)) continue;
      seenExcl.add(pair);
      const r = addRow(
        'excludes',
        `excludes:${candidates[a]!.id}:${candidates[b]!.id}`,
        -Infinity,
        1,
      );
      for (const k of [a, b]) {
        for (let col = candidateCols[k]!; col < candidateCols[k + 1]!; col++) {
          rowCols[r]!.push(col);
          rowVals[r]!.push(1);
        }
      }
    }
  });
  const numRows = rowKey.length;
  const starts = new Int32Array(numRows + 1);
  let nnz = 0;
  for (let r = 0; r < numRows; r++) {
    starts[r] = nnz;
    nnz += rowCols[r]!.length;
  }
  starts[numRows] = nnz;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let r = 0; r < numRows; r++) {
    indices.set(rowCols[r]!, starts[r]!);
    values.set(rowVals[r]!, starts[r]!);
  }
  const colCost = new Float64Array(numCols);
  for (let j = 0; j < numCols; j++) colCost[j] = candidates[colCandidate[j]!]!.value;
  return {
    numCols,
    numRows,
    colCost,
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    starts,
    indices,
    values,
    colCandidate: Int32Array.from(colCandidate),
    colStart: Int32Array.from(colStart),
    rowKey,
    rowKind,
    candidateCols,
  };
}

/** A decision: for each candidate, the start period index, or −1 when not selected. */
export type Assignment = Int32Array;

/** Reads a solver's column values (≥ 0.5 = chosen) as an assignment. */
export function assignmentFromColumns(
  model: SelectionModel,
  problem: SelectionProblem,
  colValue: ArrayLike<number>,
): Assignment {
  const start = new Int32Array(problem.candidates.length).fill(-1);
  for (let j = 0; j < model.numCols; j++) {
    if (colValue[j]! > 0.5) start[model.colCandidate[j]!] = model.colStart[j]!;
  }
  return start;
}

/** Budget and capacity used by an assignment, per period and per (pool, period). */
export function usage(
  problem: SelectionProblem,
  start: Assignment,
): { budget: number[]; capacity: number[][] } {
  const P = problem.periods.length;
  const budget = new Array<number>(P).fill(0);
  const capacity = problem.pools.map(() => new Array<number>(P).fill(0));
  const poolIdx = new Map(problem.pools.map((p, k) => [p, k]));
  problem.candidates.forEach((c, i) => {
    const s = start[i]!;
    if (s < 0) return;
    c.cost.forEach((amount, k) => {
      if (s + k < P) budget[s + k]! += amount;
    });
    for (const [pool, prof] of Object.entries(c.demand)) {
      const row = capacity[poolIdx.get(pool)!]!;
      prof.forEach((hours, k) => {
        if (s + k < P) row[s + k]! += hours;
      });
    }
  });
  return { budget, capacity };
}

/** Tolerance under which a slack counts as none (relative to the limit, for float sums). */
function noSlack(used: number, limit: number): boolean {
  return limit - used <= 1e-9 * Math.max(1, Math.abs(limit));
}

/** Whether an assignment satisfies every rule of the problem (used by tests and the greedy). */
export function isFeasible(problem: SelectionProblem, start: Assignment): boolean {
  const { candidates, periods } = problem;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const s = start[i]!;
    if (s < 0) {
      if (c.mandatory) return false;
      continue;
    }
    if (c.forcedOut || s < c.earliestStart || s > c.latestStart) return false;
    if (s + profileLength(c) > periods.length) return false;
    for (const j of c.requires) if (start[j]! < 0) return false;
    for (const j of c.excludes) if (start[j]! >= 0) return false;
  }
  const used = usage(problem, start);
  for (let p = 0; p < periods.length; p++) {
    const b = problem.budget[p];
    if (b !== null && b !== undefined && used.budget[p]! > b + 1e-9 * Math.max(1, b)) return false;
    for (let k = 0; k < problem.pools.length; k++) {
      const cap = problem.capacity[k]![p];
      if (
        cap !== null &&
        cap !== undefined &&
        used.capacity[k]![p]! > cap + 1e-9 * Math.max(1, cap)
      )
        return false;
    }
  }
  return true;
}

export function assignmentValue(problem: SelectionProblem, start: Assignment): number {
  let v = 0;
  problem.candidates.forEach((c, i) => {
    if (start[i]! >= 0) v += c.value;
  });
  return v;
}

/** Builds the format's result from an assignment (the solver's or the greedy's). */
export function describeAssignment(
  problem: SelectionProblem,
  start: Assignment,
  status: 'optimal' | 'feasible',
  gap: number,
  shadowPrices: Record<string, number> = {},
): SelectionResult {
  const { periods, pools, candidates } = problem;
  const used = usage(problem, start);
  const budgetUsed: Record<string, number> = {};
  const capacityUsed: Record<string, Record<string, number>> = {};
  const binding: string[] = [];
  periods.forEach((p, i) => {
    budgetUsed[p] = used.budget[i]!;
    const b = problem.budget[i];
    if (b !== null && b !== undefined && noSlack(used.budget[i]!, b)) binding.push(`budget:${p}`);
  });
  pools.forEach((pool, k) => {
    const byPeriod: Record<string, number> = {};
    periods.forEach((p, i) => {
      byPeriod[p] = used.capacity[k]![i]!;
      const cap = problem.capacity[k]![i];
      if (cap !== null && cap !== undefined && noSlack(used.capacity[k]![i]!, cap))
        binding.push(`capacity:${pool}:${p}`);
    });
    capacityUsed[pool] = byPeriod;
  });
  const selected: { id: string; start: string }[] = [];
  const rejected: string[] = [];
  candidates.forEach((c, i) => {
    const s = start[i]!;
    if (s >= 0) selected.push({ id: c.id, start: periods[s]! });
    else rejected.push(c.id);
  });
  return {
    status,
    objective: assignmentValue(problem, start),
    selected,
    rejected,
    budgetUsed,
    capacityUsed,
    binding,
    gap,
    shadowPrices,
    conflicts: [],
  };
}

export function infeasibleResult(problem: SelectionProblem, conflicts: string[]): SelectionResult {
  return {
    status: 'infeasible',
    objective: null,
    selected: [],
    rejected: problem.candidates.map((c) => c.id),
    budgetUsed: {},
    capacityUsed: {},
    binding: [],
    gap: null,
    shadowPrices: {},
    conflicts,
  };
}

/**
 * Conflicts that make the instance infeasible whatever the budget: a mandatory candidate (or
 * one a mandatory candidate requires, transitively) with no start that fits (`window:ID`),
 * or two of those that exclude each other (`excludes:A:B`). Empty when none.
 */
export function ruleConflicts(problem: SelectionProblem): string[] {
  const { candidates } = problem;
  const forced = new Uint8Array(candidates.length);
  const stack: number[] = [];
  candidates.forEach((c, i) => {
    if (c.mandatory) {
      forced[i] = 1;
      stack.push(i);
    }
  });
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (const j of candidates[i]!.requires) {
      if (!forced[j]) {
        forced[j] = 1;
        stack.push(j);
      }
    }
  }
  const out: string[] = [];
  candidates.forEach((c, i) => {
    if (!forced[i]) return;
    if (allowedStarts(problem, c).length === 0) out.push(`window:${c.id}`);
    for (const j of c.excludes) {
      if (forced[j] && i < j) out.push(`excludes:${c.id}:${candidates[j]!.id}`);
      if (forced[j] && j < i && !candidates[j]!.excludes.includes(i))
        out.push(`excludes:${candidates[j]!.id}:${c.id}`);
    }
  });
  return out;
}

/**
 * The baseline a PMO would do by hand: mandatory candidates first, then by value (score)
 * descending, each at the earliest start where it still fits the remaining budget and
 * capacity and respects the rules (a candidate whose required ones are not in is skipped).
 */
export function greedyByScore(problem: SelectionProblem): Assignment {
  const { candidates } = problem;
  return greedyInOrder(
    problem,
    candidates
      .map((_, i) => i)
      .sort((a, b) => candidates[b]!.value - candidates[a]!.value || a - b),
  );
}

/**
 * Greedy by value density: value divided by the candidate's share of every constrained limit
 * it uses (cost / budget + hours / capacity, at its earliest start). A good starting
 * portfolio for the solver, usually far better than by score alone.
 */
export function greedyByDensity(problem: SelectionProblem): Assignment {
  const { candidates, periods } = problem;
  const poolIdx = new Map(problem.pools.map((p, k) => [p, k]));
  const density = candidates.map((c) => {
    const s = c.earliestStart;
    let weight = 0;
    c.cost.forEach((a, k) => {
      const b = problem.budget[s + k];
      if (b !== null && b !== undefined && s + k < periods.length) weight += a / Math.max(b, 1);
    });
    for (const [pool, prof] of Object.entries(c.demand)) {
      const row = problem.capacity[poolIdx.get(pool)!]!;
      prof.forEach((h, k) => {
        const cap = row[s + k];
        if (cap !== null && cap !== undefined) weight += h / Math.max(cap, 1);
      });
    }
    return weight > 0 ? c.value / weight : c.value > 0 ? Infinity : 0;
  });
  return greedyInOrder(
    problem,
    candidates.map((_, i) => i).sort((a, b) => density[b]! - density[a]! || a - b),
  );
}

/**
 * Mandatory candidates first, then `order`: each at its earliest start that still fits the
 * remaining budget and capacity and respects the rules.
 */
export function greedyInOrder(
  problem: SelectionProblem,
  order: readonly number[],
  startsOf: (i: number) => readonly number[] = (i) =>
    allowedStarts(problem, problem.candidates[i]!),
): Assignment {
  const { candidates, periods } = problem;
  const P = periods.length;
  const start = new Int32Array(candidates.length).fill(-1);
  const budgetLeft = problem.budget.map((b) => (b === null ? Infinity : b));
  const capLeft = problem.capacity.map((row) => row.map((c) => (c === null ? Infinity : c)));
  const poolIdx = new Map(problem.pools.map((p, k) => [p, k]));
  const excluded: number[][] = candidates.map(() => []);
  candidates.forEach((c, i) => {
    for (const j of c.excludes) {
      excluded[i]!.push(j);
      excluded[j]!.push(i);
    }
  });
  const mandatory = order.filter((i) => candidates[i]!.mandatory);
  const others = order.filter((i) => !candidates[i]!.mandatory);
  for (const i of [...mandatory, ...others]) {
    const c = candidates[i]!;
    if (c.requires.some((j) => start[j]! < 0)) continue;
    if (excluded[i]!.some((j) => start[j]! >= 0)) continue;
    if (!c.mandatory && c.value <= 0) continue;
    for (const s of startsOf(i)) {
      const fits =
        c.cost.every((a, k) => s + k >= P || a <= budgetLeft[s + k]! + 1e-9) &&
        Object.entries(c.demand).every(([pool, prof]) => {
          const row = capLeft[poolIdx.get(pool)!]!;
          return prof.every((h, k) => s + k >= P || h <= row[s + k]! + 1e-9);
        });
      if (!fits) continue;
      start[i] = s;
      c.cost.forEach((a, k) => {
        if (s + k < P) budgetLeft[s + k]! -= a;
      });
      for (const [pool, prof] of Object.entries(c.demand)) {
        const row = capLeft[poolIdx.get(pool)!]!;
        prof.forEach((h, k) => {
          if (s + k < P) row[s + k]! -= h;
        });
      }
      break;
    }
  }
  return start;
}

/**
 * LP-guided rounding: candidates in decreasing order of their weight in the LP relaxation
 * (sum of their columns' values), ties by value; each tries first the start the LP preferred.
 */
export function greedyFromRelaxation(
  problem: SelectionProblem,
  model: SelectionModel,
  colValue: ArrayLike<number>,
): Assignment {
  const n = problem.candidates.length;
  const weight = new Float64Array(n);
  for (let j = 0; j < model.numCols; j++) weight[model.colCandidate[j]!]! += colValue[j]!;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      weight[b]! - weight[a]! ||
      problem.candidates[b]!.value - problem.candidates[a]!.value ||
      a - b,
  );
  return greedyInOrder(problem, order, (i) => {
    const cols: number[] = [];
    for (let j = model.candidateCols[i]!; j < model.candidateCols[i + 1]!; j++) cols.push(j);
    cols.sort((a, b) => colValue[b]! - colValue[a]! || a - b);
    return cols.map((j) => model.colStart[j]!);
  });
}

/** The solver's column values for an assignment (to give the solver a starting portfolio). */
export function columnsFromAssignment(model: SelectionModel, start: Assignment): Float64Array {
  const x = new Float64Array(model.numCols);
  for (let j = 0; j < model.numCols; j++) {
    if (start[model.colCandidate[j]!] === model.colStart[j]) x[j] = 1;
  }
  return x;
}
