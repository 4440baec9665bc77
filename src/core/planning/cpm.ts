import { toEpochDay } from '../calendar/days.ts';
import { WorkCalendar, type WorkingDayIndex } from '../calendar/work-calendar.ts';
import { CONSTRAINT_TYPES, type LinkType, type PlanTask, type ProjectPlan } from './model.ts';
import { PlanningError } from './planning-error.ts';

// The critical path method on working-day numbers (see formats/project-network.md): day 0 is
// the first working day on or after the project start; a leaf with early start ES and
// duration d occupies days ES … ES+d−1 and EF = ES + d. Everything below is integer
// arithmetic on those numbers; dates appear only when the schedule is turned into days.

/** Link type codes: bit 0 set = the link leaves its predecessor's finish, bit 1 = it reaches the successor's finish. */
const LINK_CODE: Readonly<Record<LinkType, number>> = { SS: 0, FS: 1, SF: 2, FF: 3 };
const FROM_FINISH = 1;
const TO_FINISH = 2;

/** How a leaf's early dates are obtained in the forward pass. */
export const LeafKind = {
  /** From its predecessors and lower bounds. */
  Normal: 0,
  /** Start pinned (must start on). */
  FixedStart: 1,
  /** Finish pinned (must finish on). */
  FixedFinish: 2,
  /** Started: actual start fixed, finish from the remaining work and finish links. */
  Started: 3,
  /** Done with actual dates: start and finish fixed. */
  Done: 4,
} as const;
export type LeafKind = (typeof LeafKind)[keyof typeof LeafKind];

const NEVER = -1e15;
const ALWAYS = 1e15;
const MAX_DURATION = 1_000_000;
const MAX_LAG = 1_000_000;

/**
 * A plan compiled for the passes: tasks numbered in input order; leaves numbered 0..n−1 in
 * one topological order (Kahn's algorithm, ties in input order), so that the passes are plain
 * loops over consecutive indices; links as two CSR adjacency lists (predecessors and
 * successors of each leaf); every date already turned into a working-day number.
 */
export interface CompiledNetwork {
  readonly ids: readonly string[];
  readonly tasks: readonly PlanTask[];
  /** Task index of the parent summary, −1 at the top. */
  readonly parentOf: Int32Array;
  /** Leaf index of each task, −1 for summaries. */
  readonly leafOf: Int32Array;
  /** Task index of each leaf. */
  readonly taskOf: Int32Array;
  readonly leafCount: number;
  readonly duration: Int32Array;
  readonly kind: Uint8Array;
  /** 1 when the leaf is done (100 % or an actual finish): never critical, late dates = early dates. */
  readonly done: Uint8Array;
  /** Lower bound of ES (or the pinned ES), in working days. */
  readonly startLow: Float64Array;
  /** Lower bound of EF (or the pinned EF). */
  readonly finishLow: Float64Array;
  /** Upper bound of LS (SNLT, MSO). */
  readonly startHigh: Float64Array;
  /** Upper bound of LF (FNLT, deadline, MFO). */
  readonly finishHigh: Float64Array;
  /** CSR of predecessors: links of leaf i are predStart[i] … predStart[i+1]−1. */
  readonly predStart: Int32Array;
  readonly predLeaf: Int32Array;
  readonly predCode: Uint8Array;
  readonly predLag: Float64Array;
  /** CSR of successors, same layout. */
  readonly succStart: Int32Array;
  readonly succLeaf: Int32Array;
  readonly succCode: Uint8Array;
  readonly succLag: Float64Array;
  /** Working-day numbering of the plan's calendar, day 0 = first working day from the start. */
  readonly days: WorkingDayIndex;
}

/**
 * The schedule of a compiled network. Per leaf (index 0..leafCount−1): early and late dates
 * and floats in working-day numbers. Per task (input order): the dates as epoch days (days
 * since 1970-01-01); summaries have start and finish only.
 */
export interface Schedule {
  readonly network: CompiledNetwork;
  /** Working-day number of the project start: 0, or earlier when actual work began before it. */
  readonly projectStart: number;
  /** T = max EF over the leaves (0 when there are none). */
  readonly projectEnd: number;
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  readonly totalFloat: Float64Array;
  readonly freeFloat: Float64Array;
  readonly critical: Uint8Array;
  /** Critical leaves in start order (ties in input order). */
  readonly criticalPath: Int32Array;
  /** Per task, epoch days of the first and last working day it occupies. */
  readonly startDay: Int32Array;
  readonly finishDay: Int32Array;
  /** Per task (leaves only, 0 for summaries), epoch days of the late start and finish. */
  readonly lateStartDay: Int32Array;
  readonly lateFinishDay: Int32Array;
  /** Epoch days of the project's first and last working day. */
  readonly projectStartDay: number;
  readonly projectFinishDay: number;
}

/** Validates a plan and compiles it for the passes; throws PlanningError naming the culprit. */
export function compileNetwork(plan: ProjectPlan): CompiledNetwork {
  const tasks = plan.tasks;
  const taskCount = tasks.length;
  const indexOf = new Map<string, number>();
  const ids: string[] = new Array<string>(taskCount);
  for (let t = 0; t < taskCount; t++) {
    const id = tasks[t]!.id;
    if (indexOf.has(id)) {
      throw new PlanningError('DUPLICATE_TASK', `task "${id}" is defined twice`, { task: id });
    }
    indexOf.set(id, t);
    ids[t] = id;
  }

  const parentOf = new Int32Array(taskCount).fill(-1);
  const leafOf = new Int32Array(taskCount).fill(-1);
  let leafCount = 0;
  for (let t = 0; t < taskCount; t++) {
    const task = tasks[t]!;
    if (task.parent !== undefined) {
      const p = indexOf.get(task.parent);
      if (p === undefined) {
        throw new PlanningError(
          'UNKNOWN_TASK',
          `task "${task.id}" has an unknown parent "${task.parent}"`,
          { task: task.id, parent: task.parent },
        );
      }
      if (!tasks[p]!.summary) {
        throw new PlanningError(
          'INVALID_PARENT',
          `task "${task.id}" has parent "${task.parent}", which is not a summary task`,
          { task: task.id, parent: task.parent },
        );
      }
      parentOf[t] = p;
    }
    if (task.summary) {
      if (task.duration !== undefined) {
        throw new PlanningError(
          'INVALID_DURATION',
          `summary task "${task.id}" has a duration; summaries take theirs from their leaves`,
          { task: task.id },
        );
      }
    } else {
      const d = task.duration;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_DURATION) {
        throw new PlanningError(
          'INVALID_DURATION',
          `task "${task.id}" needs a duration in whole working days (0..${MAX_DURATION}), got ${JSON.stringify(d)}`,
          { task: task.id, duration: d },
        );
      }
      leafOf[t] = leafCount++;
    }
  }
  checkParentChains(ids, parentOf);

  const calendar = new WorkCalendar(plan.calendar);
  const days = calendar.indexFrom(toDay(plan.start, 'the project start', {}));
  const statusIndex =
    plan.statusDate === undefined
      ? undefined
      : days.indexOnOrAfter(toDay(plan.statusDate, 'the status date', {}));

  // Links: validate, then number the leaves in topological order.
  const links = plan.links;
  const linkCount = links.length;
  const linkFrom = new Int32Array(linkCount);
  const linkTo = new Int32Array(linkCount);
  for (let k = 0; k < linkCount; k++) {
    const link = links[k]!;
    linkFrom[k] = linkEnd(link.from, 'from', k, link, indexOf, tasks, leafOf);
    linkTo[k] = linkEnd(link.to, 'to', k, link, indexOf, tasks, leafOf);
    if (!(link.type in LINK_CODE)) {
      throw new PlanningError(
        'INVALID_LINK',
        `link ${k + 1} (${link.from} → ${link.to}) has type ${JSON.stringify(link.type)}; expected FS, SS, FF or SF`,
        { link: k, from: link.from, to: link.to },
      );
    }
    if (!Number.isInteger(link.lag) || Math.abs(link.lag) > MAX_LAG) {
      throw new PlanningError(
        'INVALID_LINK',
        `link ${k + 1} (${link.from} → ${link.to}) has lag ${JSON.stringify(link.lag)}; expected whole working days`,
        { link: k, from: link.from, to: link.to, lag: link.lag },
      );
    }
  }
  const rank = topologicalRanks(leafCount, linkFrom, linkTo, (leaf) => {
    for (let t = 0; t < taskCount; t++) if (leafOf[t] === leaf) return ids[t]!;
    return String(leaf);
  });
  for (let t = 0; t < taskCount; t++) if (leafOf[t]! >= 0) leafOf[t] = rank[leafOf[t]!]!;
  for (let k = 0; k < linkCount; k++) {
    linkFrom[k] = rank[linkFrom[k]!]!;
    linkTo[k] = rank[linkTo[k]!]!;
  }

  const taskOf = new Int32Array(leafCount);
  const duration = new Int32Array(leafCount);
  const kind = new Uint8Array(leafCount);
  const done = new Uint8Array(leafCount);
  const startLow = new Float64Array(leafCount);
  const finishLow = new Float64Array(leafCount).fill(NEVER);
  const startHigh = new Float64Array(leafCount).fill(ALWAYS);
  const finishHigh = new Float64Array(leafCount).fill(ALWAYS);
  const bounds = { duration, kind, done, startLow, finishLow, startHigh, finishHigh };
  const floor = statusIndex === undefined ? 0 : Math.max(0, statusIndex);
  for (let t = 0; t < taskCount; t++) {
    const leaf = leafOf[t]!;
    if (leaf < 0) continue;
    const task = tasks[t]!;
    taskOf[leaf] = t;
    duration[leaf] = task.duration!;
    if (
      task.constraint === undefined &&
      task.progress === undefined &&
      task.deadline === undefined
    ) {
      startLow[leaf] = floor;
    } else {
      compileLeafBounds(task, leaf, days, statusIndex, bounds);
    }
  }

  const predStart = new Int32Array(leafCount + 1);
  const succStart = new Int32Array(leafCount + 1);
  for (let k = 0; k < linkCount; k++) {
    predStart[linkTo[k]! + 1]!++;
    succStart[linkFrom[k]! + 1]!++;
  }
  for (let i = 0; i < leafCount; i++) {
    predStart[i + 1]! += predStart[i]!;
    succStart[i + 1]! += succStart[i]!;
  }
  const predLeaf = new Int32Array(linkCount);
  const predCode = new Uint8Array(linkCount);
  const predLag = new Float64Array(linkCount);
  const succLeaf = new Int32Array(linkCount);
  const succCode = new Uint8Array(linkCount);
  const succLag = new Float64Array(linkCount);
  const predFill = predStart.slice(0, leafCount);
  const succFill = succStart.slice(0, leafCount);
  for (let k = 0; k < linkCount; k++) {
    const link = links[k]!;
    const from = linkFrom[k]!;
    const to = linkTo[k]!;
    const code = LINK_CODE[link.type];
    const p = predFill[to]!++;
    predLeaf[p] = from;
    predCode[p] = code;
    predLag[p] = link.lag;
    const s = succFill[from]!++;
    succLeaf[s] = to;
    succCode[s] = code;
    succLag[s] = link.lag;
  }

  return {
    ids,
    tasks,
    parentOf,
    leafOf,
    taskOf,
    leafCount,
    duration,
    kind,
    done,
    startLow,
    finishLow,
    startHigh,
    finishHigh,
    predStart,
    predLeaf,
    predCode,
    predLag,
    succStart,
    succLeaf,
    succCode,
    succLag,
    days,
  };
}

/**
 * Runs the passes on a compiled network: forward (early dates), backward (late dates, LF ≤ T),
 * total and free float, critical path, summary roll-up and dates. O(tasks + links), allocation
 * of a fixed number of typed arrays only.
 */
export function runPasses(net: CompiledNetwork): Schedule {
  const n = net.leafCount;
  const { duration, kind, done, startLow, finishLow, startHigh, finishHigh } = net;
  const { predStart, predLeaf, predCode, predLag, succStart, succLeaf, succCode, succLag } = net;
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const ls = new Float64Array(n);
  const lf = new Float64Array(n);
  const totalFloat = new Float64Array(n);
  const freeFloat = new Float64Array(n);
  const critical = new Uint8Array(n);

  // Forward pass: leaves are numbered in topological order, each pulls from its predecessors.
  let projectEnd = 0;
  let projectStart = 0;
  for (let i = 0; i < n; i++) {
    const d = duration[i]!;
    let start = startLow[i]!;
    let finish = finishLow[i]!;
    for (let p = predStart[i]!, end = predStart[i + 1]!; p < end; p++) {
      const j = predLeaf[p]!;
      const code = predCode[p]!;
      const v = ((code & FROM_FINISH) !== 0 ? ef[j]! : es[j]!) + predLag[p]!;
      if ((code & TO_FINISH) !== 0) {
        if (v > finish) finish = v;
      } else if (v > start) start = v;
    }
    switch (kind[i]) {
      case LeafKind.Normal:
        if (finish - d > start) start = finish - d;
        finish = start + d;
        break;
      case LeafKind.FixedStart:
        start = startLow[i]!;
        finish = start + d;
        break;
      case LeafKind.FixedFinish:
        finish = finishLow[i]!;
        start = finish - d;
        break;
      case LeafKind.Started:
        start = startLow[i]!;
        break;
      default:
        start = startLow[i]!;
        finish = finishLow[i]!;
    }
    es[i] = start;
    ef[i] = finish;
    if (finish > projectEnd) projectEnd = finish;
    if (start < projectStart) projectStart = start;
  }

  // Backward pass, in reverse order: each leaf pulls from its successors; the same loop
  // measures the free float (slack of the tightest outgoing link, or up to T).
  let criticalCount = 0;
  for (let i = n - 1; i >= 0; i--) {
    const start = es[i]!;
    const finish = ef[i]!;
    const span = finish - start;
    let late = projectEnd;
    if (finishHigh[i]! < late) late = finishHigh[i]!;
    if (startHigh[i]! + span < late) late = startHigh[i]! + span;
    let free = projectEnd - finish;
    for (let s = succStart[i]!, end = succStart[i + 1]!; s < end; s++) {
      const j = succLeaf[s]!;
      const code = succCode[s]!;
      const lag = succLag[s]!;
      let v: number;
      let slack: number;
      if ((code & TO_FINISH) !== 0) {
        v = lf[j]! - lag;
        slack = ef[j]! - lag;
      } else {
        v = ls[j]! - lag;
        slack = es[j]! - lag;
      }
      if ((code & FROM_FINISH) !== 0) {
        slack -= finish;
      } else {
        v += span;
        slack -= start;
      }
      if (v < late) late = v;
      if (slack < free) free = slack;
    }
    if (done[i] === 1) late = finish;
    lf[i] = late;
    ls[i] = late - span;
    const tf = late - finish;
    totalFloat[i] = tf;
    freeFloat[i] = free > 0 ? free : 0;
    if (tf <= 0 && done[i] === 0) {
      critical[i] = 1;
      criticalCount++;
    }
  }

  const taskOf = net.taskOf;
  const criticalPath = new Int32Array(criticalCount);
  for (let i = 0, c = 0; i < n; i++) if (critical[i] === 1) criticalPath[c++] = i;
  criticalPath.sort((a, b) => es[a]! - es[b]! || taskOf[a]! - taskOf[b]!);

  const dated = dateSchedule(net, es, ef, ls, lf, projectStart, projectEnd);
  return {
    network: net,
    projectStart,
    projectEnd,
    earlyStart: es,
    earlyFinish: ef,
    lateStart: ls,
    lateFinish: lf,
    totalFloat,
    freeFloat,
    critical,
    criticalPath,
    ...dated,
  };
}

/** Validates, compiles and schedules a plan: `runPasses(compileNetwork(plan))`. */
export function schedulePlan(plan: ProjectPlan): Schedule {
  return runPasses(compileNetwork(plan));
}

/** Turns working-day numbers into epoch days, rolling leaves up into their summaries. */
function dateSchedule(
  net: CompiledNetwork,
  es: Float64Array,
  ef: Float64Array,
  ls: Float64Array,
  lf: Float64Array,
  projectStart: number,
  projectEnd: number,
): Pick<
  Schedule,
  | 'startDay'
  | 'finishDay'
  | 'lateStartDay'
  | 'lateFinishDay'
  | 'projectStartDay'
  | 'projectFinishDay'
> {
  const taskCount = net.ids.length;
  const { leafOf, parentOf, days } = net;
  // Roll-up: min ES and max EF over the leaves below each summary.
  const rollStart = new Float64Array(taskCount).fill(ALWAYS);
  const rollEnd = new Float64Array(taskCount).fill(NEVER);
  let low = projectStart;
  let high = projectEnd;
  for (let t = 0; t < taskCount; t++) {
    const i = leafOf[t]!;
    if (i < 0) continue;
    const s = es[i]!;
    const f = ef[i]!;
    if (ls[i]! < low) low = ls[i]!;
    if (lf[i]! > high) high = lf[i]!;
    for (let p = parentOf[t]!; p >= 0; p = parentOf[p]!) {
      if (s < rollStart[p]!) rollStart[p] = s;
      if (f > rollEnd[p]!) rollEnd[p] = f;
    }
  }
  const table = days.span(low, high);
  const at = (index: number): number => table[index - low]!;

  const startDay = new Int32Array(taskCount);
  const finishDay = new Int32Array(taskCount);
  const lateStartDay = new Int32Array(taskCount);
  const lateFinishDay = new Int32Array(taskCount);
  for (let t = 0; t < taskCount; t++) {
    const i = leafOf[t]!;
    if (i >= 0) {
      const s = es[i]!;
      const f = ef[i]!;
      const sl = ls[i]!;
      const fl = lf[i]!;
      startDay[t] = table[s - low]!;
      finishDay[t] = table[(f > s ? f - 1 : s) - low]!;
      lateStartDay[t] = table[sl - low]!;
      lateFinishDay[t] = table[(fl > sl ? fl - 1 : sl) - low]!;
    } else {
      // A summary without leaves sits at the project start.
      const s = rollStart[t]! === ALWAYS ? 0 : rollStart[t]!;
      const f = rollEnd[t]! - 1 > s ? rollEnd[t]! - 1 : s;
      startDay[t] = at(s);
      finishDay[t] = at(f);
    }
  }
  return {
    startDay,
    finishDay,
    lateStartDay,
    lateFinishDay,
    projectStartDay: at(projectStart),
    projectFinishDay: at(projectEnd - 1 > projectStart ? projectEnd - 1 : projectStart),
  };
}

interface LeafBounds {
  duration: Int32Array;
  kind: Uint8Array;
  done: Uint8Array;
  startLow: Float64Array;
  finishLow: Float64Array;
  startHigh: Float64Array;
  finishHigh: Float64Array;
}

/** Turns a leaf's constraint, deadline and progress into bounds on working-day numbers. */
function compileLeafBounds(
  task: PlanTask,
  leaf: number,
  days: WorkingDayIndex,
  statusIndex: number | undefined,
  b: LeafBounds,
): void {
  const d = b.duration[leaf]!;
  // A milestone is dated at the working day numbered ES, so its "finish" bounds are start bounds.
  const finishOffset = d > 0 ? 1 : 0;
  const where = { task: task.id };
  const dayOf = (date: string, what: string): number =>
    toDay(date, `${what} of task "${task.id}"`, where);
  const onOrAfter = (date: string, what: string): number => days.indexOnOrAfter(dayOf(date, what));
  const onOrBefore = (date: string, what: string): number =>
    days.indexOnOrBefore(dayOf(date, what));
  /** EF bound for "finish on or before date": its last day is on or before it. */
  const finishBound = (date: string, what: string): number => onOrBefore(date, what) + finishOffset;

  if (task.deadline !== undefined) {
    b.finishHigh[leaf] = finishBound(task.deadline, 'the deadline');
  }

  const progress = task.progress;
  const pct = progress?.percentComplete ?? 0;
  if (typeof pct !== 'number' || !(pct >= 0 && pct <= 100)) {
    throw new PlanningError(
      'INVALID_PROGRESS',
      `task "${task.id}" has percentComplete ${JSON.stringify(pct)}; expected 0..100`,
      where,
    );
  }
  const actualStart =
    progress?.actualStart === undefined
      ? undefined
      : onOrAfter(progress.actualStart, 'the actual start');
  const actualFinish =
    progress?.actualFinish === undefined
      ? undefined
      : d > 0
        ? finishBound(progress.actualFinish, 'the actual finish')
        : onOrAfter(progress.actualFinish, 'the actual finish');

  if (actualFinish !== undefined || pct >= 100) {
    b.done[leaf] = 1;
    if (actualFinish !== undefined || actualStart !== undefined) {
      const start = actualStart ?? actualFinish! - d;
      const finish = actualFinish ?? actualStart! + d;
      if (finish < start || (d > 0 && finish === start)) {
        throw new PlanningError(
          'INVALID_PROGRESS',
          `task "${task.id}" has an actual finish before its actual start`,
          where,
        );
      }
      b.kind[leaf] = LeafKind.Done;
      b.startLow[leaf] = start;
      b.finishLow[leaf] = d === 0 ? start : finish;
    }
    // Done without actual dates: it keeps its scheduled dates.
    return;
  }
  if (d > 0 && (actualStart !== undefined || pct > 0)) {
    const remaining = Math.ceil((d * (100 - pct)) / 100 - 1e-9);
    const statusFloor = statusIndex === undefined ? NEVER : statusIndex + remaining;
    if (actualStart !== undefined) {
      b.kind[leaf] = LeafKind.Started;
      b.startLow[leaf] = actualStart;
      b.finishLow[leaf] = Math.max(actualStart + d, statusFloor);
    } else {
      // Reported progress without an actual start: the work left ends no earlier than the
      // status date plus the remaining duration.
      b.finishLow[leaf] = statusFloor;
    }
    return;
  }

  // Not started: nothing is left in the past.
  const floor = statusIndex === undefined ? 0 : Math.max(0, statusIndex);
  b.startLow[leaf] = floor;
  const c = task.constraint;
  if (c === undefined) return;
  if (!CONSTRAINT_TYPES.includes(c.type)) {
    throw new PlanningError(
      'INVALID_CONSTRAINT',
      `task "${task.id}" has constraint type ${JSON.stringify(c.type)}; expected one of ${CONSTRAINT_TYPES.join(', ')}`,
      where,
    );
  }
  const what = `the ${c.type} constraint date`;
  switch (c.type) {
    case 'SNET':
      b.startLow[leaf] = Math.max(floor, onOrAfter(c.date, what));
      break;
    case 'FNET':
      b.finishLow[leaf] = onOrAfter(c.date, what) + finishOffset;
      break;
    case 'SNLT':
      b.startHigh[leaf] = onOrBefore(c.date, what);
      break;
    case 'FNLT':
      b.finishHigh[leaf] = Math.min(b.finishHigh[leaf]!, finishBound(c.date, what));
      break;
    case 'MSO': {
      const pinned = onOrAfter(c.date, what);
      b.kind[leaf] = LeafKind.FixedStart;
      b.startLow[leaf] = statusIndex === undefined ? pinned : Math.max(pinned, statusIndex);
      b.startHigh[leaf] = pinned;
      break;
    }
    case 'MFO': {
      const pinned = d > 0 ? finishBound(c.date, what) : onOrAfter(c.date, what);
      b.kind[leaf] = LeafKind.FixedFinish;
      b.finishLow[leaf] = statusIndex === undefined ? pinned : Math.max(pinned, statusIndex + d);
      b.finishHigh[leaf] = Math.min(b.finishHigh[leaf]!, pinned);
      break;
    }
  }
}

function toDay(date: string, what: string, details: Record<string, unknown>): number {
  try {
    return toEpochDay(date);
  } catch {
    throw new PlanningError(
      'INVALID_DATE',
      `${what} "${String(date)}" is not a date (YYYY-MM-DD)`,
      {
        ...details,
        value: date,
      },
    );
  }
}

function linkEnd(
  id: string,
  side: 'from' | 'to',
  k: number,
  link: { from: string; to: string },
  indexOf: ReadonlyMap<string, number>,
  tasks: readonly PlanTask[],
  leafOf: Int32Array,
): number {
  const t = indexOf.get(id);
  if (t !== undefined && !tasks[t]!.summary) return leafOf[t]!;
  const where = { link: k, from: link.from, to: link.to };
  if (t === undefined) {
    throw new PlanningError(
      'UNKNOWN_TASK',
      `link ${k + 1} (${link.from} → ${link.to}) refers to an unknown task "${id}"`,
      { ...where, task: id },
    );
  }
  throw new PlanningError(
    'LINK_ON_SUMMARY',
    `link ${k + 1} (${link.from} → ${link.to}) ${side === 'from' ? 'leaves' : 'reaches'} summary task "${id}"; links join leaf tasks`,
    { ...where, task: id },
  );
}

function checkParentChains(ids: readonly string[], parentOf: Int32Array): void {
  // 0 = unvisited, 1 = on the current chain, 2 = known to reach the top.
  const state = new Uint8Array(ids.length);
  for (let t = 0; t < ids.length; t++) {
    let u = t;
    while (u >= 0 && state[u] === 0) {
      state[u] = 1;
      u = parentOf[u]!;
    }
    if (u >= 0 && state[u] === 1) {
      const loop = [ids[u]!];
      for (let v = parentOf[u]!; v !== u; v = parentOf[v]!) loop.push(ids[v]!);
      throw new PlanningError(
        'INVALID_PARENT',
        `the parents loop: ${loop.join(' → ')} → ${ids[u]!}`,
        {
          tasks: loop,
        },
      );
    }
    for (let v = t; v >= 0 && state[v] === 1; v = parentOf[v]!) state[v] = 2;
  }
}

/**
 * Kahn's algorithm (FIFO, so ties keep the input order): returns the rank of each leaf in a
 * topological order; on a cycle, names the tasks of one loop.
 */
function topologicalRanks(
  n: number,
  linkFrom: Int32Array,
  linkTo: Int32Array,
  nameOf: (leaf: number) => string,
): Int32Array {
  const m = linkFrom.length;
  const succStart = new Int32Array(n + 1);
  const indegree = new Int32Array(n);
  for (let k = 0; k < m; k++) {
    succStart[linkFrom[k]! + 1]!++;
    indegree[linkTo[k]!]!++;
  }
  for (let i = 0; i < n; i++) succStart[i + 1]! += succStart[i]!;
  const succ = new Int32Array(m);
  const fill = succStart.slice(0, n);
  for (let k = 0; k < m; k++) succ[fill[linkFrom[k]!]!++] = linkTo[k]!;

  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = order[head]!;
    for (let s = succStart[i]!, end = succStart[i + 1]!; s < end; s++) {
      const j = succ[s]!;
      if (--indegree[j]! === 0) order[tail++] = j;
    }
  }
  if (tail === n) {
    const rank = new Int32Array(n);
    for (let k = 0; k < n; k++) rank[order[k]!] = k;
    return rank;
  }

  // Every leaf left has a predecessor that is also left: walking predecessors must loop.
  const predOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) {
    if (indegree[linkTo[k]!]! > 0 && indegree[linkFrom[k]!]! > 0) predOf[linkTo[k]!] = linkFrom[k]!;
  }
  let u = 0;
  while (indegree[u] === 0) u++;
  const seen = new Int32Array(n).fill(-1);
  const walk: number[] = [];
  while (seen[u] === -1) {
    seen[u] = walk.length;
    walk.push(u);
    u = predOf[u]!;
  }
  // The walk follows predecessors, so the loop in dependency order is its reverse.
  const leaves = walk.slice(seen[u]).reverse();
  // Start the loop at the task that comes first in the input, so the message is stable.
  const first = leaves.indexOf(Math.min(...leaves));
  const loop = [...leaves.slice(first), ...leaves.slice(0, first)].map(nameOf);
  throw new PlanningError('CYCLE', `dependency cycle: ${loop.join(' → ')} → ${loop[0]!}`, {
    tasks: loop,
  });
}
