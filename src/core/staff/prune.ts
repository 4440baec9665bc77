// Leveling moves that buy nothing are given back: pure, no I/O.
//
// The serial scheme (core/resources/leveling.ts) delays a task as soon as it does not fit where
// it stands, even when the over-allocation that stops it cannot be cured (a started task, a
// person short of hours whatever the date) and the delay only drags successors along. After
// leveling, each move is undone when undoing it does not make the over-allocation worse (in
// person-days and in hours), predecessors first, until nothing changes; what is left is what
// each move gains, measured by undoing it alone.

import {
  type LevelLink,
  type LevelMove,
  type LevelTask,
  spreadDemand,
} from '../resources/leveling.ts';

const EPS = 1e-6;

/** What a kept move buys: person-days and hours over capacity that undoing it alone would bring back. */
export interface MoveGain {
  days: number;
  hours: number;
}

export interface PrunedLeveling {
  starts: Int32Array;
  /** The moves kept, each with its gain (zero for a move that only follows its predecessor). */
  moves: (LevelMove & { gain: MoveGain })[];
  /** How many moves of the scheme were given back. */
  dropped: number;
  overAfter: number;
  /** Hours over capacity, summed over person-days, before and after. */
  overHoursBefore: number;
  overHoursAfter: number;
}

/** Earliest start of `to` allowed by a predecessor placed at `predStart` (working days). */
export function earliestBy(
  link: LevelLink,
  predStart: number,
  predDuration: number,
  duration: number,
) {
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

function capacityOn(cap: Float64Array, day: number): number {
  if (day < cap.length) return cap[day]!;
  if (cap.length === 0) return 0;
  const period = Math.min(5, cap.length);
  return cap[cap.length - period + ((day - cap.length) % period)]!;
}

/**
 * Gives back the moves of a leveling that gain nothing (see the file's comment). `starts` and
 * `moves` are the scheme's result for `tasks`/`links`/`capacity`; links are kept (a move is only
 * undone when its predecessors, where they now stand, allow its first start).
 */
export function pruneMoves(
  tasks: readonly LevelTask[],
  links: readonly LevelLink[],
  capacity: readonly Float64Array[],
  leveled: ArrayLike<number>,
  moves: readonly LevelMove[],
  /** The days each person works (see `LevelInput.workdays`). */
  workdays?: readonly Uint8Array[],
): PrunedLeveling {
  const n = tasks.length;
  const starts = Int32Array.from({ length: n }, (_, i) => leveled[i]!);
  // The load grid, per person, over every day a task occupies before or after.
  let lo = Infinity;
  let hi = -Infinity;
  tasks.forEach((t, i) => {
    if (t.duration <= 0 || t.demands.length === 0) return;
    lo = Math.min(lo, t.start, starts[i]!);
    hi = Math.max(hi, t.start + t.duration, starts[i]! + t.duration);
  });
  const width = Number.isFinite(lo) ? hi - lo : 0;
  const used = capacity.map(() => new Float64Array(width));
  const add = (i: number, at: number, sign: number) => {
    const t = tasks[i]!;
    for (const d of t.demands) {
      const u = used[d.resource]!;
      const h = spreadDemand(d, t.duration, at, workdays);
      for (let k = 0, o = at - lo; k < t.duration; k++) u[o + k]! += sign * h[k]!;
    }
  };
  tasks.forEach((_, i) => add(i, starts[i]!, 1));
  const overOf = (r: number, k: number) => {
    const u = used[r]![k]!;
    return u > EPS ? Math.max(0, u - capacityOn(capacity[r]!, lo + k)) : 0;
  };
  /** Over-allocation (days, hours) of the people of task `i` over `[a, b)` day offsets. */
  const local = (i: number, a: number, b: number) => {
    let days = 0;
    let hours = 0;
    const seen = new Set<number>();
    for (const d of tasks[i]!.demands) {
      if (seen.has(d.resource)) continue;
      seen.add(d.resource);
      for (let k = Math.max(0, a); k < Math.min(width, b); k++) {
        const o = overOf(d.resource, k);
        if (o > EPS) {
          days++;
          hours += o;
        }
      }
    }
    return { days, hours };
  };
  /** What moving task `i` from `now` to `to` changes in over-allocation (after − before). */
  const delta = (i: number, now: number, to: number): MoveGain => {
    const t = tasks[i]!;
    if (t.duration <= 0 || t.demands.length === 0) return { days: 0, hours: 0 };
    const a = Math.min(now, to) - lo;
    const b = Math.max(now, to) + t.duration - lo;
    const before = local(i, a, b);
    add(i, now, -1);
    add(i, to, 1);
    const after = local(i, a, b);
    add(i, to, -1);
    add(i, now, 1);
    return { days: after.days - before.days, hours: after.hours - before.hours };
  };
  const preds: LevelLink[][] = Array.from({ length: n }, () => []);
  for (const l of links) {
    if (l.from === l.to || l.from < 0 || l.to < 0 || l.from >= n || l.to >= n) continue;
    preds[l.to]!.push(l);
  }
  const allowed = (i: number, at: number) =>
    preds[i]!.every(
      (l) => at >= earliestBy(l, starts[l.from]!, tasks[l.from]!.duration, tasks[i]!.duration),
    );
  const totalOver = () => {
    let days = 0;
    let hours = 0;
    used.forEach((_, r) => {
      for (let k = 0; k < width; k++) {
        const o = overOf(r, k);
        if (o > EPS) {
          days++;
          hours += o;
        }
      }
    });
    return { days, hours };
  };
  const hoursBefore = (() => {
    tasks.forEach((t, i) => {
      add(i, starts[i]!, -1);
      add(i, t.start, 1);
    });
    const h = totalOver().hours;
    tasks.forEach((t, i) => {
      add(i, t.start, -1);
      add(i, starts[i]!, 1);
    });
    return h;
  })();

  // Undo, predecessors first (moves in order of their original start), until a fixpoint.
  // Every task the scheme moved, listed as a move or not (a successor it dragged along).
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => starts[i] !== tasks[i]!.start)
    .sort((a, b) => tasks[a]!.start - tasks[b]!.start || a - b);
  for (let pass = 0, changed = true; changed && pass < 2 * n + 8; pass++) {
    changed = false;
    for (const i of order) {
      const from = tasks[i]!.start;
      if (starts[i] === from) continue;
      // Back to its first start, or as near to it as its predecessors now allow.
      let to = from;
      for (const l of preds[i]!) {
        to = Math.max(
          to,
          earliestBy(l, starts[l.from]!, tasks[l.from]!.duration, tasks[i]!.duration),
        );
      }
      if (to >= starts[i]! || !allowed(i, to)) continue;
      const d = delta(i, starts[i]!, to);
      if (d.days <= 0 && d.hours <= EPS) {
        add(i, starts[i]!, -1);
        add(i, to, 1);
        starts[i] = to;
        changed = true;
      }
    }
  }
  const byTask = new Map(moves.map((m) => [m.task, m]));
  const kept: PrunedLeveling['moves'] = [];
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    if (starts[i] === t.start) continue;
    const m = byTask.get(i);
    // What undoing this move alone would cost: back to its first start, or to the earliest
    // start its predecessors now allow (the part of the delay they force gains nothing).
    let base = t.start;
    for (const l of preds[i]!) {
      base = Math.max(base, earliestBy(l, starts[l.from]!, tasks[l.from]!.duration, t.duration));
    }
    let gain: MoveGain = { days: 0, hours: 0 };
    if (base < starts[i]!) {
      const d = delta(i, starts[i]!, base);
      gain = { days: Math.max(0, d.days), hours: Math.max(0, Math.round(d.hours * 100) / 100) };
    }
    const stillResource = m && m.reason !== 'predecessor' && starts[i] === m.to;
    kept.push({
      task: i,
      from: t.start,
      to: starts[i]!,
      delay: starts[i]! - t.start,
      reason: stillResource
        ? m.reason
        : allowed(i, t.start)
          ? starts[i]! - t.start <= Math.max(0, t.totalFloat ?? 0)
            ? 'within_float'
            : 'beyond_float'
          : 'predecessor',
      resource: stillResource ? m.resource : null,
      blockedBy: stillResource ? m.blockedBy : null,
      gain,
    });
  }
  const after = totalOver();
  return {
    starts,
    moves: kept,
    dropped: moves.length - kept.length,
    overAfter: after.days,
    overHoursBefore: Math.round(hoursBefore * 100) / 100,
    overHoursAfter: Math.round(after.hours * 100) / 100,
  };
}
