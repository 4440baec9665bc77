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
  const B = grid.buckets;
  const rows: GroupRow[] = [];
  // One buffer per measure for all groups, each row a view on it (thousands of groups when
  // grouping by person: one allocation instead of one per row).
  const n = groupCount * B;
  const capacity = new Float64Array(n);
  const allocated = new Float64Array(n);
  const soft = new Float64Array(n);
  const assigned = new Float64Array(n);
  const load = new Float64Array(n);
  const overPeople = new Int32Array(n);
  for (let g = 0; g < groupCount; g++) {
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
  for (let p = 0; p < grid.people; p++) {
    const g = groupOf[p]!;
    if (g < 0) continue;
    const row = rows[g]!;
    row.people++;
    const base = p * B;
    for (let b = 0; b < B; b++) {
      const c = grid.capacity[base + b]!;
      const l = grid.load[base + b]!;
      row.capacity[b]! += c;
      row.allocated[b]! += grid.allocated[base + b]!;
      row.soft[b]! += grid.soft[base + b]!;
      row.assigned[b]! += grid.assigned[base + b]!;
      row.load[b]! += l;
      if (l > c + OVER_EPSILON) row.overPeople[b]! += 1;
    }
  }
  return rows;
}

/** Hours rounded to the tenth, for the API. */
export function roundHours(h: number): number {
  return Math.round(h * 10) / 10;
}
