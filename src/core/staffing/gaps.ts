// Skill gaps per quarter: the hours the open resource requests still need, skill by skill and
// level by level, against the hours the people holding that skill at that level have free.
// A request asking for several skills needs each of them for its whole amount; a person holding
// several skills is supply for each (the gaps are per skill, not a staffing plan).

import { civilOf, epochDayOf } from '../calendar/days.ts';
import { workingDays } from '../resources/capacity.ts';
import { HOURS_PER_FTE } from '../resources/staffing.ts';

export interface GapRequest {
  skills: readonly { skillId: string; minLevel: number }[];
  unit: 'hours' | 'fte';
  amount: number;
  /** Share of the amount already covered by allocations, 0–1. */
  covered: number;
  /** Epoch days, inclusive. */
  start: number;
  finish: number;
  /** Drafts are demand in preparation, shown apart. */
  draft: boolean;
}

export interface GapSupply {
  /** Levels held, by skill. */
  levels: ReadonlyMap<string, number>;
  /** Hours of capacity and of load in each quarter. */
  capacity: ArrayLike<number>;
  load: ArrayLike<number>;
}

export interface GapRow {
  skillId: string;
  minLevel: number;
  quarters: {
    /** Uncovered hours of submitted (or partly staffed) requests. */
    demand: number;
    /** Hours of draft requests. */
    draft: number;
    /** People holding the skill at the level or above. */
    holders: number;
    /** Their hours of capacity and the hours they have free. */
    capacity: number;
    free: number;
    /** Demand (drafts included) less free hours; positive is a shortage. */
    gap: number;
  }[];
}

/** Edges of `count` calendar quarters from the quarter containing `fromDay` (epoch days). */
export function quarterEdges(fromDay: number, count: number): Int32Array {
  const { year, month } = civilOf(fromDay);
  const first = Math.floor((month - 1) / 3) * 3;
  const edges = new Int32Array(count + 1);
  for (let q = 0; q <= count; q++) {
    const m = first + 3 * q;
    edges[q] = epochDayOf(year + Math.floor(m / 12), (m % 12) + 1, 1);
  }
  return edges;
}

/** `2027-T1` style label of a quarter starting on an epoch day. */
export function quarterLabel(startDay: number): { year: number; quarter: number } {
  const { year, month } = civilOf(startDay);
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

const r1 = (x: number) => Math.round(x * 10) / 10 + 0; // + 0: no −0

/**
 * The gap rows, one per (skill, minimum level) asked by some request, sorted by skill id then
 * level. `holidays` are the company's non-working days (sorted epoch days).
 */
export function skillGaps(
  edges: Int32Array,
  holidays: Int32Array,
  requests: readonly GapRequest[],
  supply: readonly GapSupply[],
): GapRow[] {
  const Q = edges.length - 1;
  const rows = new Map<
    string,
    { skillId: string; minLevel: number; demand: Float64Array; draft: Float64Array }
  >();
  for (const r of requests) {
    const weekly = r.unit === 'hours' ? r.amount : r.amount * HOURS_PER_FTE;
    const open = Math.max(0, 1 - r.covered);
    if (open <= 0) continue;
    for (let q = 0; q < Q; q++) {
      const from = Math.max(r.start, edges[q]!);
      const to = Math.min(r.finish + 1, edges[q + 1]!);
      if (to <= from) continue;
      const hours = ((weekly * workingDays(from, to, holidays)) / 5) * open;
      for (const s of r.skills) {
        const key = `${s.skillId}:${s.minLevel}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            skillId: s.skillId,
            minLevel: s.minLevel,
            demand: new Float64Array(Q),
            draft: new Float64Array(Q),
          };
          rows.set(key, row);
        }
        (r.draft ? row.draft : row.demand)[q]! += hours;
      }
    }
  }
  const out: GapRow[] = [];
  for (const row of [...rows.values()].sort((a, b) =>
    a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : a.minLevel - b.minLevel,
  )) {
    const holders = new Float64Array(Q);
    const capacity = new Float64Array(Q);
    const free = new Float64Array(Q);
    for (const p of supply) {
      if ((p.levels.get(row.skillId) ?? 0) < row.minLevel) continue;
      for (let q = 0; q < Q; q++) {
        const c = p.capacity[q]!;
        holders[q]! += c > 0 ? 1 : 0;
        capacity[q]! += c;
        free[q]! += Math.max(0, c - p.load[q]!);
      }
    }
    out.push({
      skillId: row.skillId,
      minLevel: row.minLevel,
      quarters: Array.from({ length: Q }, (_, q) => ({
        demand: r1(row.demand[q]!),
        draft: r1(row.draft[q]!),
        holders: holders[q]!,
        capacity: r1(capacity[q]!),
        free: r1(free[q]!),
        gap: r1(row.demand[q]! + row.draft[q]! - free[q]!),
      })),
    });
  }
  return out;
}
