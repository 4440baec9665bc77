// Resource leveling: a serial schedule-generation scheme (SGS) over working days.
//
// Tasks are taken one at a time in a priority order that respects precedence; each is placed at
// the first working day, not before its current start nor before its predecessors allow, where
// every person it needs still has the hours. Tasks are never moved earlier. The order decides
// who keeps their dates: among the tasks ready to be placed, the earliest current start goes
// first, then the least total float (so tasks with slack are the ones delayed, within their
// float first), then the highest project priority, then the input order — deterministic.

/** A dependency between two tasks, in working days (`lag` may be negative). */
export interface LevelLink {
  from: number;
  to: number;
  type: 'FS' | 'SS' | 'FF' | 'SF';
  lag: number;
}

/** Hours a day a task needs from one person, on each of its working days. */
export interface LevelDemand {
  resource: number;
  hoursPerDay: number;
}

export interface LevelTask {
  /** Current start, as a working-day number. */
  start: number;
  /** Working days (0 = milestone). */
  duration: number;
  /** Total float in working days (null: unknown, taken as 0). */
  totalFloat: number | null;
  /** Higher is more important (the project's priority). */
  priority: number;
  demands: readonly LevelDemand[];
  /** Started or completed tasks keep their dates (their load still counts). */
  fixed: boolean;
}

export interface LevelInput {
  tasks: readonly LevelTask[];
  links: readonly LevelLink[];
  /**
   * Hours each person can give the leveled tasks on each working day from day 0:
   * `capacity[resource][day]`; days beyond the array repeat its last week (5 days).
   */
  capacity: readonly Float64Array[];
  /**
   * The days each person works: `workdays[resource][day]` is 1 on a day of their working week
   * (beyond the array: the same rule as `capacity`). A task's effort for a person is spread over
   * the days of the task they work, not over every day: a part-timer's day off asks nothing of
   * them. Undefined: every day of the axis.
   */
  workdays?: readonly Uint8Array[] | undefined;
  /** How far (working days) a task may be pushed looking for room before giving up. */
  maxDelay?: number;
  /**
   * Place the most important work first (portfolio leveling: lower-priority tasks are the
   * ones delayed), then by start and float; default: start, float, then priority.
   */
  priorityFirst?: boolean;
}

export type MoveReason = 'within_float' | 'beyond_float' | 'predecessor';

export interface LevelMove {
  task: number;
  from: number;
  to: number;
  /** Working days of delay. */
  delay: number;
  reason: MoveReason;
  /** The person whose over-allocation made the delay (resource-driven moves). */
  resource: number | null;
  /** A task that held that person on the first day tried (resource-driven moves). */
  blockedBy: number | null;
}

export interface LevelResult {
  /** New start of every task (working-day numbers). */
  starts: Int32Array;
  moves: LevelMove[];
  /** Person-days over capacity before and after. */
  overBefore: number;
  overAfter: number;
  /** Tasks that found no room within `maxDelay` (left where precedence puts them). */
  unresolved: number[];
}

const EPS = 1e-6;

/** Earliest start of `to` allowed by a placed predecessor. */
function earliestBy(link: LevelLink, predStart: number, predDuration: number, duration: number) {
  const predFinish = predStart + predDuration;
  switch (link.type) {
    case 'FS':
      return predFinish + link.lag;
    case 'SS':
      return predStart + link.lag;
    case 'FF':
      return predFinish + link.lag - duration;
    case 'SF':
      return predStart + link.lag - duration;
  }
}

/** Capacity of a person on a day (beyond the array: the same weekday of its last week). */
function capacityOn(cap: Float64Array, day: number): number {
  if (day < cap.length) return cap[day]!;
  if (cap.length === 0) return 0;
  const period = Math.min(5, cap.length);
  return cap[cap.length - period + ((day - cap.length) % period)]!;
}

/** Whether a person works on a day (beyond the mask: the same weekday of its last week). */
function worksOn(mask: Uint8Array, day: number): boolean {
  if (day < 0) return true;
  if (day < mask.length) return mask[day] === 1;
  if (mask.length === 0) return true;
  const period = Math.min(5, mask.length);
  return mask[mask.length - period + ((day - mask.length) % period)] === 1;
}

/**
 * The hours demand `d` of a task of `duration` days placed at `at` puts on each of its days
 * (`out[k]` for day `at + k`): its effort (`hoursPerDay × duration`) spread evenly over the days
 * the person works; over every day when `workdays` is undefined or they work none of them.
 */
export function spreadDemand(
  d: LevelDemand,
  duration: number,
  at: number,
  workdays: readonly Uint8Array[] | undefined,
  out: Float64Array = new Float64Array(duration),
): Float64Array {
  const mask = workdays?.[d.resource];
  let worked = 0;
  if (mask) for (let k = 0; k < duration; k++) if (worksOn(mask, at + k)) worked++;
  if (!mask || worked === 0 || worked === duration) {
    out.fill(d.hoursPerDay, 0, duration);
    return out;
  }
  const perDay = (d.hoursPerDay * duration) / worked;
  for (let k = 0; k < duration; k++) out[k] = worksOn(mask, at + k) ? perDay : 0;
  return out;
}

/** Binary heap of task indices by a comparator. */
class Heap {
  private items: number[] = [];
  private readonly less: (a: number, b: number) => boolean;
  constructor(less: (a: number, b: number) => boolean) {
    this.less = less;
  }
  get size() {
    return this.items.length;
  }
  push(x: number) {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Person-days where the tasks as placed need more hours than the person has. */
export function overAllocatedDays(
  tasks: readonly LevelTask[],
  starts: ArrayLike<number>,
  capacity: readonly Float64Array[],
  workdays?: readonly Uint8Array[],
): number {
  let lo = Infinity;
  let hi = -Infinity;
  tasks.forEach((t, i) => {
    if (t.duration <= 0 || t.demands.length === 0) return;
    lo = Math.min(lo, starts[i]!);
    hi = Math.max(hi, starts[i]! + t.duration);
  });
  if (hi <= lo) return 0;
  const width = hi - lo;
  const used = capacity.map(() => null as Float64Array | null);
  tasks.forEach((t, i) => {
    for (const d of t.demands) {
      const u = (used[d.resource] ??= new Float64Array(width));
      const h = spreadDemand(d, t.duration, starts[i]!, workdays);
      for (let k = 0, o = starts[i]! - lo; k < t.duration; k++) u[o + k]! += h[k]!;
    }
  });
  let over = 0;
  used.forEach((u, r) => {
    if (!u) return;
    for (let k = 0; k < width; k++) {
      if (u[k]! > EPS && u[k]! > capacityOn(capacity[r]!, lo + k) + EPS) over++;
    }
  });
  return over;
}

/**
 * Levels the tasks: returns their new starts, what moved, by how much and why.
 * Precedence is kept (every link holds afterwards if it held before or the task could move);
 * a task is only ever delayed. Cycles are not expected (the plan refuses them); tasks caught in
 * one are placed at their current start.
 */
export function level(input: LevelInput): LevelResult {
  const { tasks, links, capacity } = input;
  const n = tasks.length;
  const maxDelay = input.maxDelay ?? 520;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const preds: LevelLink[][] = Array.from({ length: n }, () => []);
  const waiting = new Int32Array(n);
  for (const l of links) {
    if (l.from === l.to || l.from < 0 || l.to < 0 || l.from >= n || l.to >= n) continue;
    succ[l.from]!.push(l.to);
    preds[l.to]!.push(l);
    waiting[l.to]! += 1;
  }
  const float = (i: number) => tasks[i]!.totalFloat ?? 0;
  const less = (a: number, b: number) => {
    const x = tasks[a]!;
    const y = tasks[b]!;
    if (input.priorityFirst && x.priority !== y.priority) return x.priority > y.priority;
    if (x.start !== y.start) return x.start < y.start;
    if (float(a) !== float(b)) return float(a) < float(b);
    if (x.priority !== y.priority) return x.priority > y.priority;
    return a < b;
  };
  const ready = new Heap(less);
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);

  // Hours used per person and day, with the task that took them first (for the "why"), in
  // typed arrays from the first start on, grown when delays push tasks further.
  let lo = 0;
  let hi = 0;
  tasks.forEach((t, i) => {
    if (i === 0 || t.start < lo) lo = t.start;
    hi = Math.max(hi, t.start + t.duration);
  });
  const initial = Math.max(16, hi - lo + 1);
  const used = capacity.map(() => new Float64Array(0));
  const holder = capacity.map(() => new Int32Array(0));
  /** Makes room for day offset `k` in the person's rows. */
  const ensure = (r: number, k: number) => {
    const u = used[r]!;
    if (k < u.length) return;
    const size = Math.max(initial, k + 1, u.length * 2);
    const nu = new Float64Array(size);
    nu.set(u);
    const nh = new Int32Array(size).fill(-1);
    nh.set(holder[r]!);
    used[r] = nu;
    holder[r] = nh;
  };
  /** Hours used on `day` (days before the first start: only reached through negative lags). */
  const usedOn = (r: number, day: number) => {
    const k = day - lo;
    const u = used[r]!;
    return k >= 0 && k < u.length ? u[k]! : 0;
  };
  const starts = new Int32Array(n);
  const placed = new Uint8Array(n);
  const moves: LevelMove[] = [];
  const unresolved: number[] = [];

  const { workdays } = input;
  /** Each demand's hours per day of the task placed at `at`. */
  const spread = (t: LevelTask, at: number) =>
    t.demands.map((d) => spreadDemand(d, t.duration, at, workdays));
  const fits = (t: LevelTask, at: number): number => {
    // −1 when the task fits at `at`, else the first day that does not.
    const hours = spread(t, at);
    for (let day = at; day < at + t.duration; day++) {
      for (let j = 0; j < t.demands.length; j++) {
        const d = t.demands[j]!;
        const h = hours[j]![day - at]!;
        if (h > 0 && usedOn(d.resource, day) + h > capacityOn(capacity[d.resource]!, day) + EPS) {
          return day;
        }
      }
    }
    return -1;
  };
  const book = (i: number, at: number) => {
    const t = tasks[i]!;
    const hours = spread(t, at);
    t.demands.forEach((d, j) => {
      if (t.duration > 0) ensure(d.resource, at + t.duration - 1 - lo);
      const u = used[d.resource]!;
      const h = holder[d.resource]!;
      for (let day = Math.max(at, lo); day < at + t.duration; day++) {
        const k = day - lo;
        const x = hours[j]![day - at]!;
        u[k]! += x;
        if (x > 0 && h[k] === -1) h[k] = i;
      }
    });
  };

  // Started tasks hold their people first, whatever the order.
  tasks.forEach((t, i) => t.fixed && book(i, t.start));

  const place = (i: number) => {
    const t = tasks[i]!;
    if (t.fixed) {
      starts[i] = t.start;
      placed[i] = 1;
      return;
    }
    let earliest = t.start;
    for (const l of preds[i]!) {
      if (!placed[l.from]) continue;
      const p = tasks[l.from]!;
      earliest = Math.max(earliest, earliestBy(l, starts[l.from]!, p.duration, t.duration));
    }
    let at = earliest;
    let resource: number | null = null;
    let blockedBy: number | null = null;
    if (t.duration > 0 && t.demands.length > 0) {
      let first = true;
      for (;;) {
        const bad = fits(t, at);
        if (bad < 0) break;
        if (first) {
          // Which person, and whose task, stopped it where it stood.
          const hours = spread(t, at);
          for (let j = 0; j < t.demands.length; j++) {
            const d = t.demands[j]!;
            const u = usedOn(d.resource, bad);
            const x = hours[j]![bad - at]!;
            if (x > 0 && u + x > capacityOn(capacity[d.resource]!, bad) + EPS) {
              resource = d.resource;
              const k = bad - lo;
              const hr = holder[d.resource]!;
              const by = k >= 0 && k < hr.length ? hr[k]! : -1;
              blockedBy = by >= 0 ? by : null;
              break;
            }
          }
          first = false;
        }
        at = bad + 1;
        if (at - earliest > maxDelay) {
          at = earliest;
          unresolved.push(i);
          resource = null;
          blockedBy = null;
          break;
        }
      }
    }
    starts[i] = at;
    placed[i] = 1;
    book(i, at);
    if (at !== t.start) {
      const delay = at - t.start;
      const byResource = at !== earliest;
      moves.push({
        task: i,
        from: t.start,
        to: at,
        delay,
        reason: !byResource
          ? 'predecessor'
          : delay <= Math.max(0, float(i))
            ? 'within_float'
            : 'beyond_float',
        resource: byResource ? resource : null,
        blockedBy: byResource ? blockedBy : null,
      });
    }
  };

  let done = 0;
  while (ready.size) {
    const i = ready.pop();
    place(i);
    done++;
    for (const s of succ[i]!) {
      waiting[s]! -= 1;
      if (waiting[s] === 0) ready.push(s);
    }
  }
  if (done < n) {
    // A cycle: place the rest where they are, in input order.
    for (let i = 0; i < n; i++) if (!placed[i]) place(i);
  }
  moves.sort((a, b) => a.task - b.task);
  return {
    starts,
    moves,
    overBefore: overAllocatedDays(
      tasks,
      tasks.map((t) => t.start),
      capacity,
      workdays,
    ),
    overAfter: overAllocatedDays(tasks, starts, capacity, workdays),
    unresolved,
  };
}
