// Portfolio what-if and leveling: pure logic, no I/O.
//
// Portfolio leveling places the tasks of several projects on shared people, the most important
// project first (a serial schedule-generation scheme, see core/resources/leveling.ts): so
// lower-priority work is what moves. A what-if scenario changes priorities, removes projects,
// shifts them or adds a hypothetical one, then shows the load before and after.

import { type LevelLink, type LevelMove, type LevelTask, level } from '../resources/leveling.ts';
import { type MoveGain, earliestBy, pruneMoves } from '../staff/prune.ts';

/** A project priority as a rank (higher is more important). */
export const PRIORITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;
export type PriorityName = keyof typeof PRIORITY_RANK;

/** One project of the portfolio: its tasks on the common working-day axis, its own links. */
export interface PortfolioProject {
  /** Higher is more important. */
  priority: number;
  tasks: readonly Omit<LevelTask, 'priority'>[];
  /** Indices within this project's tasks. */
  links: readonly LevelLink[];
}

export interface PortfolioMove extends Omit<LevelMove, 'task' | 'blockedBy'> {
  project: number;
  task: number;
  /** The task that held the person, as (project, task). */
  blockedBy: { project: number; task: number } | null;
  /** Over-allocation this move removes (undoing it alone would bring it back). */
  gain: MoveGain;
}

export interface PortfolioLevelResult {
  /** New starts per project, per task (working-day numbers). */
  starts: Int32Array[];
  moves: PortfolioMove[];
  overBefore: number;
  overAfter: number;
  /** Hours over capacity, summed over person-days, before and after. */
  overHoursBefore: number;
  overHoursAfter: number;
  /** Moves of the scheme given back because they gained nothing. */
  dropped: number;
  unresolved: { project: number; task: number }[];
}

/**
 * Levels a portfolio: every project's tasks together, placed by project priority first (then
 * start, float, input order), so the tasks of lower-priority projects are the ones delayed.
 * Links never cross projects here; started tasks keep their dates and hold their people.
 */
export function levelPortfolio(
  projects: readonly PortfolioProject[],
  capacity: readonly Float64Array[],
  maxDelay = 520,
  /** The days each person works (see `LevelInput.workdays`); every day when undefined. */
  workdays?: readonly Uint8Array[],
): PortfolioLevelResult {
  const offsets: number[] = [];
  const tasks: LevelTask[] = [];
  const links: LevelLink[] = [];
  const owner: number[] = [];
  projects.forEach((p, j) => {
    const base = tasks.length;
    offsets.push(base);
    for (const t of p.tasks) {
      tasks.push({ ...t, priority: p.priority });
      owner.push(j);
    }
    for (const l of p.links) {
      if (l.from < 0 || l.to < 0 || l.from >= p.tasks.length || l.to >= p.tasks.length) continue;
      // A link the plan's own dates already break on the common axis (another calendar, a
      // rounding) is taken as holding where the tasks stand: a successor moves only when its
      // predecessor's move eats the slack, never just because the axes differ.
      const a = p.tasks[l.from]!;
      const b = p.tasks[l.to]!;
      const broken = Math.max(0, earliestBy(l, a.start, a.duration, b.duration) - b.start);
      links.push({ ...l, lag: l.lag - broken, from: base + l.from, to: base + l.to });
    }
  });
  const result = level({ tasks, links, capacity, workdays, maxDelay, priorityFirst: true });
  // Moves that do not reduce the over-allocation are given back.
  const pruned = pruneMoves(tasks, links, capacity, result.starts, result.moves, workdays);
  const local = (i: number) => ({ project: owner[i]!, task: i - offsets[owner[i]!]! });
  return {
    starts: projects.map((p, j) => pruned.starts.slice(offsets[j]!, offsets[j]! + p.tasks.length)),
    moves: pruned.moves.map((m) => ({
      ...m,
      ...local(m.task),
      blockedBy: m.blockedBy === null ? null : local(m.blockedBy),
    })),
    overBefore: result.overBefore,
    overAfter: pruned.overAfter,
    overHoursBefore: pruned.overHoursBefore,
    overHoursAfter: pruned.overHoursAfter,
    dropped: pruned.dropped,
    unresolved: result.unresolved.map(local),
  };
}

/** The loads of the heat map as columns (see resources.repository capacityColumns). */
export interface LoadColumns {
  /** Person index. */
  p: number[];
  /** Project index. */
  j: number[];
  /** Start and finish (inclusive), epoch days. */
  s: number[];
  f: number[];
  /** 0 hours a week, 1 percent, 2 task effort. */
  k: number[];
  a: number[];
  /** 1 when soft (proposed). */
  sf: number[];
}

export interface LoadRow {
  p: number;
  j: number;
  s: number;
  f: number;
  k: number;
  a: number;
  sf: number;
}

export interface Scenario {
  /** Projects taken out of the portfolio (their loads disappear). */
  removed: ReadonlySet<number>;
  /** Calendar days each project's loads move by. */
  shifts: ReadonlyMap<number, number>;
  /** Projects whose task-effort loads are replaced by `extra` (leveled): not shifted. */
  replacedEffort: ReadonlySet<number>;
  /** Loads added as they are (a hypothetical project, leveled tasks). */
  extra: readonly LoadRow[];
}

/** The loads as the scenario would make them: removed, shifted, replaced, then added. */
export function applyScenario(loads: LoadColumns, scenario: Scenario): LoadColumns {
  const out: LoadColumns = { p: [], j: [], s: [], f: [], k: [], a: [], sf: [] };
  const push = (r: LoadRow) => {
    out.p.push(r.p);
    out.j.push(r.j);
    out.s.push(r.s);
    out.f.push(r.f);
    out.k.push(r.k);
    out.a.push(r.a);
    out.sf.push(r.sf);
  };
  for (let i = 0; i < loads.p.length; i++) {
    const j = loads.j[i]!;
    const k = loads.k[i]!;
    if (scenario.removed.has(j)) continue;
    if (k === 2 && scenario.replacedEffort.has(j)) continue;
    const d = scenario.shifts.get(j) ?? 0;
    push({
      p: loads.p[i]!,
      j,
      s: loads.s[i]! + d,
      f: loads.f[i]! + d,
      k,
      a: loads.a[i]!,
      sf: loads.sf[i]!,
    });
  }
  for (const r of scenario.extra) if (!scenario.removed.has(r.j)) push(r);
  return out;
}

/**
 * A hypothetical project as leveling tasks: one task per person, over the working days of its
 * period, at `hoursPerWeek / 5` a day (a 5-day week).
 */
export function hypotheticalTasks(
  people: readonly { resource: number; hoursPerWeek: number }[],
  start: number,
  duration: number,
): Omit<LevelTask, 'priority'>[] {
  return people
    .filter((x) => x.hoursPerWeek > 0)
    .map((x) => ({
      start,
      duration,
      totalFloat: 0,
      demands: [{ resource: x.resource, hoursPerDay: x.hoursPerWeek / 5 }],
      fixed: false,
    }));
}
