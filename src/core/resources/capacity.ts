import { civilOf, epochDayOf, isoWeekday, mondayOf } from '../calendar/days.ts';
import { mergeAbsences } from '../skills/absences.ts';
import { fullDaysOff } from '../staff/workdays.ts';

/** Weekly hours of one full-time equivalent (French legal week). */
export const FULL_TIME_WEEK_HOURS = 35;

/** The default working week: 7 h Monday to Friday. */
export const DEFAULT_WEEK_HOURS: readonly number[] = [7, 7, 7, 7, 7, 0, 0];

/** Time buckets of a heat map. */
export type BucketUnit = 'week' | 'month';

/**
 * Bucket boundaries as epoch days: bucket `i` is `[edges[i], edges[i + 1])`. Weeks start on
 * Monday; months on the 1st. The first bucket contains `fromDay`.
 * @example bucketEdges(toEpochDay('2026-03-04'), 2, 'week') → Mondays 2026-03-02, 03-09, 03-16
 */
export function bucketEdges(fromDay: number, count: number, unit: BucketUnit): Int32Array {
  const edges = new Int32Array(count + 1);
  if (unit === 'week') {
    const first = mondayOf(fromDay);
    for (let i = 0; i <= count; i++) edges[i] = first + 7 * i;
    return edges;
  }
  const { year, month } = civilOf(fromDay);
  for (let i = 0; i <= count; i++) {
    const m = month - 1 + i;
    edges[i] = epochDayOf(year + Math.floor(m / 12), (m % 12) + 1, 1);
  }
  return edges;
}

/** Sum of the seven weekday hours: the contractual week. */
export function weeklyHours(weekHours: ArrayLike<number>): number {
  let s = 0;
  for (let d = 0; d < 7; d++) s += weekHours[d] ?? 0;
  return s;
}

/** Full-time equivalent of a week pattern (1 = 35 h), rounded to the hundredth. */
export function fteOf(weekHours: ArrayLike<number>): number {
  return Math.round((weeklyHours(weekHours) / FULL_TIME_WEEK_HOURS) * 100) / 100;
}

/**
 * How many of each ISO weekday fall in `[from, to)`, minus the given non-working days:
 * `out[wd − 1]` for wd = 1 (Monday) … 7. `holidays` is sorted.
 */
export function weekdayCounts(
  from: number,
  to: number,
  holidays: Int32Array,
  out: Float64Array = new Float64Array(7),
): Float64Array {
  out.fill(0);
  const n = to - from;
  if (n <= 0) return out;
  const full = Math.floor(n / 7);
  for (let d = 0; d < 7; d++) out[d] = full;
  const startWd = isoWeekday(from) - 1;
  for (let k = 0; k < n % 7; k++) out[(startWd + k) % 7]! += 1;
  for (let i = lowerBound(holidays, from); i < holidays.length && holidays[i]! < to; i++) {
    out[isoWeekday(holidays[i]!) - 1]! -= 1;
  }
  return out;
}

/**
 * `weekdayCounts` for many ranges of one stretch of days, each in O(7): prefix sums of the
 * weekday counts less holidays, one row of seven per day of `[first, last]`, built once. The
 * same integers as `weekdayCounts` (a holiday listed twice counts twice there too), so the
 * figures computed from them do not change by a bit. Ranges outside the stretch, or a stretch
 * too long to tabulate, fall back to `weekdayCounts`.
 */
export function weekdayCounter(
  first: number,
  last: number,
  holidays: Int32Array,
): (from: number, to: number, out: Float64Array) => Float64Array {
  const n = last - first + 1;
  if (!(n > 0 && n <= MAX_TABULATED_DAYS)) {
    return (from, to, out) => weekdayCounts(from, to, holidays, out);
  }
  const prefix = new Int32Array((n + 1) * 7);
  let h = lowerBound(holidays, first);
  for (let i = 0, wd = isoWeekday(first) - 1; i < n; i++, wd = wd === 6 ? 0 : wd + 1) {
    const day = first + i;
    const row = i * 7;
    for (let d = 0; d < 7; d++) prefix[row + 7 + d] = prefix[row + d]!;
    let add = 1;
    for (; h < holidays.length && holidays[h]! <= day; h++) if (holidays[h] === day) add--;
    prefix[row + 7 + wd]! += add;
  }
  return (from, to, out) => {
    if (from < first || to > last + 1) return weekdayCounts(from, to, holidays, out);
    if (to <= from) return out.fill(0);
    const a = (from - first) * 7;
    const z = (to - first) * 7;
    for (let d = 0; d < 7; d++) out[d] = prefix[z + d]! - prefix[a + d]!;
    return out;
  };
}

/** Longest stretch `weekdayCounter` tabulates (about 110 years: 1.1 MB). */
const MAX_TABULATED_DAYS = 40_000;

/** First index of a sorted array whose value is ≥ `x`. */
export function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Approved time off: person index, first and last epoch day (inclusive), share of each day. */
export interface AbsenceSpan {
  person: number;
  start: number;
  finish: number;
  fraction: number;
}

/** Load of a person on a project: hours a week, a share of capacity, or task effort. */
export interface LoadSpan {
  person: number;
  project: number;
  start: number;
  /** Inclusive. */
  finish: number;
  kind: 'hours' | 'percent' | 'effort';
  /** Hours a week, percent of capacity, or total effort hours. */
  amount: number;
  /** Soft (proposed) allocations count apart so they can be shown or left out. */
  soft: boolean;
}

/** What the capacity engine needs, all in indices and epoch days. */
export interface CapacityInput {
  edges: Int32Array;
  /** Company non-working days (public holidays, closures), sorted epoch days. */
  holidays: Int32Array;
  /** `people × 7` hours per ISO weekday (Monday first). */
  weekHours: Float64Array;
  absences: readonly AbsenceSpan[];
  loads: readonly LoadSpan[];
}

/** `people × buckets` matrices, row-major by person. */
export interface CapacityGrid {
  people: number;
  buckets: number;
  /** Hours available: pattern on working days, less approved absences. */
  capacity: Float64Array;
  /** Hours allocated (hard and soft). */
  allocated: Float64Array;
  /** Of which soft (proposed). */
  soft: Float64Array;
  /** Hours of task effort assigned. */
  assigned: Float64Array;
  /** Demand: per project the larger of allocation and assignments, summed over projects. */
  load: Float64Array;
}

/**
 * Capacity and demand of every person in every bucket, in typed arrays (no per-cell objects).
 * Allocations in hours are pro-rated by the person's pattern days of the bucket inside the
 * period; percentages take that share of the capacity; task effort is spread evenly over the
 * days of the task the person works (`core/staff/workdays.ts`: their week's days, not holidays,
 * not whole days of approved leave — the leveling's rule), over the company working days of the
 * task when they work none of them. A project's allocation and its task assignments describe
 * the same work, so the load of a project is the larger of the two, not their sum.
 */
export function computeCapacity(input: CapacityInput): CapacityGrid {
  const { edges, holidays, weekHours } = input;
  const B = edges.length - 1;
  const P = weekHours.length / 7;
  const capacity = new Float64Array(P * B);
  const counts = new Float64Array(B * 7);
  const tmp = new Float64Array(7);
  // Every range counted lies within the grid and the loads' own days (a task crossing the
  // grid's ends is spread over all of its days): their weekday counts come from prefix sums.
  let first = edges[0]!;
  let last = edges[B]! - 1;
  for (const s of input.loads) {
    if (s.start < first) first = s.start;
    if (s.finish > last) last = s.finish;
  }
  const countDays = weekdayCounter(first, last, holidays);
  for (let b = 0; b < B; b++) {
    countDays(edges[b]!, edges[b + 1]!, tmp);
    counts.set(tmp, b * 7);
  }
  // People share a handful of working weeks: each distinct one is computed once, then copied.
  const rowOfPattern = new Map<string, number>();
  for (let p = 0; p < P; p++) {
    const w = weekHours.subarray(p * 7, p * 7 + 7);
    const key = w.join(',');
    const same = rowOfPattern.get(key);
    if (same !== undefined) {
      capacity.copyWithin(p * B, same * B, same * B + B);
      continue;
    }
    rowOfPattern.set(key, p);
    const [w0, w1, w2, w3, w4, w5, w6] = w as unknown as number[];
    for (let b = 0, c = 0; b < B; b++, c += 7) {
      capacity[p * B + b] =
        w0! * counts[c]! +
        w1! * counts[c + 1]! +
        w2! * counts[c + 2]! +
        w3! * counts[c + 3]! +
        w4! * counts[c + 4]! +
        w5! * counts[c + 5]! +
        w6! * counts[c + 6]!;
    }
  }
  const gridStart = edges[0]!;
  const gridEnd = edges[B]!;
  // Overlapping absences (a « congés » on a training day) take each day once: merged first.
  const merged = mergeAbsences(input.absences);
  const daysOff = fullDaysOff(merged, true);
  for (const a of merged) {
    const from = Math.max(a.start, gridStart);
    const to = Math.min(a.finish + 1, gridEnd);
    for (let day = from, b = bucketOf(edges, from); day < to; day++) {
      while (day >= edges[b + 1]!) b++;
      if (isHoliday(holidays, day)) continue;
      const i = a.person * B + b;
      const h = weekHours[a.person * 7 + isoWeekday(day) - 1]! * a.fraction;
      capacity[i] = Math.max(0, capacity[i]! - h);
    }
  }

  const allocated = new Float64Array(P * B);
  const soft = new Float64Array(P * B);
  const assigned = new Float64Array(P * B);
  const load = new Float64Array(P * B);
  // Group the spans by (person, project) so the load takes the larger of the two views.
  // Counting sort by person (linear), then by project within a person's few spans.
  const L = input.loads.length;
  const startOf = new Int32Array(P + 1);
  for (const s of input.loads) startOf[s.person + 1]! += 1;
  for (let p = 0; p < P; p++) startOf[p + 1]! += startOf[p]!;
  const order = new Int32Array(L);
  const fill = startOf.slice(0, P);
  for (let i = 0; i < L; i++) order[fill[input.loads[i]!.person]!++] = i;
  for (let p = 0; p < P; p++) {
    const from = startOf[p]!;
    const to = startOf[p + 1]!;
    if (to - from > 1) {
      order
        .subarray(from, to)
        .sort((x, y) => input.loads[x]!.project - input.loads[y]!.project || x - y);
    }
  }
  const alloc = new Float64Array(B);
  const work = new Float64Array(B);
  // People whose week has hours Monday to Friday and none at the weekend.
  const mondayToFriday = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    let ok = 1;
    for (let d = 0; d < 7; d++) if (weekHours[p * 7 + d]! > 0 !== d < 5) ok = 0;
    mondayToFriday[p] = ok;
  }
  const holidayPrefix = holidayCountPrefix(holidays);
  // A person's whole days of leave that take a working day away (a day of their week, not a
  // holiday): what `personWorkingDays` subtracts, counted by two binary searches.
  let offOf = -1;
  let workOff: Int32Array | undefined;
  const workDaysOf = (p: number, a: number, z: number) => {
    if (offOf !== p) {
      offOf = p;
      const off = daysOff.get(p);
      workOff = off?.filter(
        (day) => weekHours[p * 7 + isoWeekday(day) - 1]! > 0 && !isHoliday(holidays, day),
      );
    }
    countDays(a, z, tmp);
    let n = 0;
    for (let d = 0; d < 7; d++) if (weekHours[p * 7 + d]! > 0) n += tmp[d]!;
    if (workOff && workOff.length) n -= lowerBound(workOff, z) - lowerBound(workOff, a);
    return n;
  };
  let k = 0;
  while (k < order.length) {
    const head = input.loads[order[k]!]!;
    const p = head.person;
    let lo = B;
    let hi = -1;
    for (; k < order.length; k++) {
      const s = input.loads[order[k]!]!;
      if (s.person !== p || s.project !== head.project) break;
      const from = Math.max(s.start, gridStart);
      const to = Math.min(s.finish + 1, gridEnd);
      if (from >= to) continue;
      const b0 = bucketOf(edges, from);
      const b1 = bucketOf(edges, to - 1);
      lo = Math.min(lo, b0);
      hi = Math.max(hi, b1);
      if (s.kind === 'effort') {
        // The person's working days; the company's when their week is Monday to Friday and
        // they have no whole day of leave (the same days, cheaper), or when they work none.
        const own = !(mondayToFriday[p] === 1 && !daysOff.has(p));
        const days = (a: number, z: number) => workDaysOf(p, a, z);
        let total = own ? days(s.start, s.finish + 1) : 0;
        const mine = own && total > 0;
        if (!mine) total = workingDays(s.start, s.finish + 1, holidays, holidayPrefix);
        if (total <= 0) continue;
        const perDay = s.amount / total;
        for (let b = b0; b <= b1; b++) {
          const bs = Math.max(from, edges[b]!);
          const be = Math.min(to, edges[b + 1]!);
          const d = mine ? days(bs, be) : workingDays(bs, be, holidays, holidayPrefix);
          const h = d * perDay;
          work[b]! += h;
          assigned[p * B + b]! += h;
        }
        continue;
      }
      let patternDays = 0;
      for (let d = 0; d < 7; d++) if (weekHours[p * 7 + d]! > 0) patternDays++;
      if (patternDays === 0) continue;
      for (let b = b0; b <= b1; b++) {
        const bs = edges[b]!;
        const be = edges[b + 1]!;
        const os = Math.max(from, bs);
        const oe = Math.min(to, be);
        let h: number;
        if (s.kind === 'hours') {
          countDays(os, oe, tmp);
          let covered = 0;
          for (let d = 0; d < 7; d++) if (weekHours[p * 7 + d]! > 0) covered += tmp[d]!;
          h = (s.amount * covered) / patternDays;
        } else {
          const full = capacity[p * B + b]!;
          if (os === bs && oe === be) {
            h = (full * s.amount) / 100;
          } else {
            countDays(os, oe, tmp);
            let part = 0;
            let whole = 0;
            for (let d = 0; d < 7; d++) {
              part += weekHours[p * 7 + d]! * tmp[d]!;
              whole += weekHours[p * 7 + d]! * counts[b * 7 + d]!;
            }
            h = whole > 0 ? (full * (part / whole) * s.amount) / 100 : 0;
          }
        }
        alloc[b]! += h;
        allocated[p * B + b]! += h;
        if (s.soft) soft[p * B + b]! += h;
      }
    }
    for (let b = lo; b <= hi; b++) {
      load[p * B + b]! += Math.max(alloc[b]!, work[b]!);
      alloc[b] = 0;
      work[b] = 0;
    }
  }
  return { people: P, buckets: B, capacity, allocated, soft, assigned, load };
}

/** Index of the bucket containing `day` (clamped to the grid). */
export function bucketOf(edges: Int32Array, day: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isHoliday(holidays: Int32Array, day: number): boolean {
  const i = lowerBound(holidays, day);
  return i < holidays.length && holidays[i] === day;
}

function holidayCountPrefix(holidays: Int32Array): Int32Array {
  // Weekday holidays only: a holiday on a weekend takes no working day away.
  const out = new Int32Array(holidays.length + 1);
  for (let i = 0; i < holidays.length; i++) {
    out[i + 1] = out[i]! + (isoWeekday(holidays[i]!) <= 5 ? 1 : 0);
  }
  return out;
}

/** Monday-to-Friday days of `[from, to)` that are not holidays: O(log h). */
export function workingDays(
  from: number,
  to: number,
  holidays: Int32Array,
  prefix: Int32Array = holidayCountPrefix(holidays),
): number {
  if (to <= from) return 0;
  const weekdays = weekdaysBefore(to) - weekdaysBefore(from);
  const off = prefix[lowerBound(holidays, to)]! - prefix[lowerBound(holidays, from)]!;
  return weekdays - off;
}

/** Number of Monday-to-Friday days before epoch day `day` since a Monday long ago. */
function weekdaysBefore(day: number): number {
  // Epoch day −3 (1969-12-29) is a Monday.
  const n = day + 3;
  const weeks = Math.floor(n / 7);
  return weeks * 5 + Math.min(5, n - weeks * 7);
}
