import type { CapacityGrid } from './capacity.ts';

/** Tolerance under which a load is not called an over-allocation (rounding of pro-rating). */
export const OVER_EPSILON = 0.05;

/** Sums of one group of people (team, role, org unit…) per bucket. */
export interface GroupRow {
  group: number;
  people: number;
  capacity: Float64Array;
  allocated: Float64Array;
  soft: Float64Array;
  assigned: Float64Array;
  load: Float64Array;
  /** How many of the group's people are over-allocated in the bucket. */
  overPeople: Int32Array;
}

/**
 * Folds the person rows of a grid into groups (`groupOf[p]` = group index, −1 = left out).
 * A group is over-allocated in a bucket when one of its people is, even if the sums balance.
 */
export function aggregateGroups(
  grid: CapacityGrid,
  groupOf: Int32Array,
  groupCount: number,
): GroupRow[] {
  return fold(grid, groupOf, groupCount, false).rows;
}

/**
 * `aggregateGroups` and the total of every person grouped, in one pass over the grid: the same
 * sums as a second `aggregateGroups` with everyone in one group (added in the same order).
 */
export function aggregateWithTotal(
  grid: CapacityGrid,
  groupOf: Int32Array,
  groupCount: number,
): { rows: GroupRow[]; total: GroupRow } {
  const { rows, total } = fold(grid, groupOf, groupCount, true);
  return { rows, total: total! };
}

function fold(grid: CapacityGrid, groupOf: Int32Array, groupCount: number, withTotal: boolean) {
  const B = grid.buckets;
  const rows: GroupRow[] = [];
  // One buffer per measure for all groups (and the total), each row a view on it (thousands of
  // groups when grouping by person: one allocation instead of one per row).
  const count = groupCount + (withTotal ? 1 : 0);
  const n = count * B;
  const capacity = new Float64Array(n);
  const allocated = new Float64Array(n);
  const soft = new Float64Array(n);
  const assigned = new Float64Array(n);
  const load = new Float64Array(n);
  const overPeople = new Int32Array(n);
  for (let g = 0; g < count; g++) {
    const a = g * B;
    const z = a + B;
    rows.push({
      group: g,
      people: 0,
      capacity: capacity.subarray(a, z),
      allocated: allocated.subarray(a, z),
      soft: soft.subarray(a, z),
      assigned: assigned.subarray(a, z),
      load: load.subarray(a, z),
      overPeople: overPeople.subarray(a, z),
    });
  }
  const total = withTotal ? rows.pop()! : undefined;
  const t = groupCount * B;
  for (let p = 0; p < grid.people; p++) {
    const g = groupOf[p]!;
    if (g < 0) continue;
    rows[g]!.people++;
    if (total) total.people++;
    const base = p * B;
    const r = g * B;
    for (let b = 0; b < B; b++) {
      const c = grid.capacity[base + b]!;
      const l = grid.load[base + b]!;
      const al = grid.allocated[base + b]!;
      const so = grid.soft[base + b]!;
      const as = grid.assigned[base + b]!;
      const over = l > c + OVER_EPSILON ? 1 : 0;
      capacity[r + b]! += c;
      allocated[r + b]! += al;
      soft[r + b]! += so;
      assigned[r + b]! += as;
      load[r + b]! += l;
      overPeople[r + b]! += over;
      if (total) {
        capacity[t + b]! += c;
        allocated[t + b]! += al;
        soft[t + b]! += so;
        assigned[t + b]! += as;
        load[t + b]! += l;
        overPeople[t + b]! += over;
      }
    }
  }
  return { rows, total };
}

/** Hours rounded to the tenth, for the API. */
export function roundHours(h: number): number {
  return Math.round(h * 10) / 10;
}
