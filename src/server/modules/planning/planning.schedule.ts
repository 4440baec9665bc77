import type { PlanCalendar } from '../../../contracts/planning.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { frenchPublicHolidays } from '../../../core/calendar/holidays-fr.ts';
import { WorkCalendar, type WorkCalendarSpec } from '../../../core/calendar/work-calendar.ts';
import { type Schedule, schedulePlan } from '../../../core/planning/cpm.ts';
import type {
  ConstraintType,
  LinkType,
  PlanLink as CoreLink,
  PlanTask as CoreTask,
  ProjectPlan,
} from '../../../core/planning/model.ts';
import { PlanningError } from '../../../core/planning/planning-error.ts';
import { DomainError } from '../../../core/errors.ts';

// Between the database rows and the engine: builds the core ProjectPlan of a project (WBS
// order, French holidays materialised, cross-project predecessors as fixed anchors), runs it,
// and turns the schedule into the values persisted on each task.

/** What the engine needs of a task row. */
export interface TaskInput {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  duration: number;
  constraintType: string | null;
  constraintDate: string | null;
  deadline: string | null;
  percentComplete: number;
  actualStart: string | null;
  actualFinish: string | null;
}

export interface LinkInput {
  id: string;
  fromTaskId: string;
  toTaskId: string;
  type: string;
  lag: number;
  /** Set for a cross-project link: the predecessor's persisted schedule. */
  external: { start: string | null; finish: string | null; milestone: boolean } | null;
}

/** The values the engine computes for one task, as persisted. */
export interface Computed {
  id: string;
  wbs: string;
  level: number;
  isSummary: boolean;
  span: number;
  start: string;
  finish: string;
  lateStart: string | null;
  lateFinish: string | null;
  totalFloat: number | null;
  freeFloat: number | null;
  critical: boolean;
  /** Summaries: the roll-up; leaves: as entered. */
  percentComplete: number;
}

export interface ScheduledPlan {
  computed: Map<string, Computed>;
  projectStart: string | null;
  projectFinish: string | null;
  criticalPath: string[];
  calendarSpec: WorkCalendarSpec;
  schedule: Schedule;
  plan: ProjectPlan;
}

export const DEFAULT_CALENDAR: PlanCalendar = {
  holidays: 'fr',
  whitMondayWorked: false,
  workdays: [1, 2, 3, 4, 5],
  daysOff: [],
  workedDays: [],
  hoursPerDay: 7,
};

const ANCHOR = 'ext:';
const yearOfDate = (d: string) => Number(d.slice(0, 4));

/** The engine's calendar for the years `fromYear`..`toYear`, French holidays listed. */
export function calendarSpec(
  cal: PlanCalendar,
  fromYear: number,
  toYear: number,
): WorkCalendarSpec {
  const holidays: string[] = [];
  if (cal.holidays !== 'none') {
    for (let y = fromYear; y <= toYear; y++) {
      holidays.push(
        ...frenchPublicHolidays(y, {
          whitMonday: !cal.whitMondayWorked,
          alsaceMoselle: cal.holidays === 'fr-alsace-moselle',
        }),
      );
    }
  }
  return {
    workdays: cal.workdays,
    holidays,
    daysOff: cal.daysOff,
    workedDays: cal.workedDays,
    hoursPerDay: cal.hoursPerDay,
  };
}

/** Tasks in WBS order (depth first, siblings by position), with outline numbers and depths. */
export function outline<T extends { id: string; parentId: string | null; position: number }>(
  tasks: readonly T[],
): {
  order: T[];
  /** The outline number and depth of `order[i]`, by position. */
  wbs: string[];
  level: number[];
  children: Map<string | null, T[]>;
} {
  const children = new Map<string | null, T[]>();
  for (const t of tasks) {
    const list = children.get(t.parentId);
    if (list) list.push(t);
    else children.set(t.parentId, [t]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const order: T[] = [];
  const wbs: string[] = [];
  const level: number[] = [];
  const walk = (parent: string | null, prefix: string, depth: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((t, i) => {
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      order.push(t);
      wbs.push(number);
      level.push(depth);
      walk(t.id, number, depth + 1);
    });
  };
  walk(null, '', 0);
  return { order, wbs, level, children };
}

/**
 * Builds the engine's plan of a project: its tasks in WBS order (`outlined.order`), then one
 * anchor per cross-project link — so the engine's task `i` is `outlined.order[i]`.
 */
export function buildPlan(
  settings: { start: string; statusDate: string | null; calendar: PlanCalendar },
  tasks: readonly TaskInput[],
  links: readonly LinkInput[],
  years: [number, number],
): { plan: ProjectPlan; outlined: ReturnType<typeof outline<TaskInput>> } {
  const outlined = outline(tasks);
  const spec = calendarSpec(settings.calendar, years[0], years[1]);
  const coreTasks: CoreTask[] = [];
  for (const t of outlined.order) {
    const summary = outlined.children.has(t.id);
    const task: CoreTask = { id: t.id, name: t.name };
    if (t.parentId) task.parent = t.parentId;
    if (summary) {
      task.summary = true;
    } else {
      task.duration = t.duration;
      if (t.constraintType && t.constraintDate)
        task.constraint = { type: t.constraintType as ConstraintType, date: t.constraintDate };
      if (t.deadline) task.deadline = t.deadline;
      if (t.percentComplete > 0 || t.actualStart || t.actualFinish) {
        task.progress = { percentComplete: t.percentComplete };
        if (t.actualStart) task.progress.actualStart = t.actualStart;
        if (t.actualFinish) task.progress.actualFinish = t.actualFinish;
      }
    }
    coreTasks.push(task);
  }
  const coreLinks: CoreLink[] = [];
  let index: ReturnType<WorkCalendar['indexFrom']> | undefined;
  for (const l of links) {
    if (!l.external) {
      coreLinks.push({ from: l.fromTaskId, to: l.toTaskId, type: l.type as LinkType, lag: l.lag });
      continue;
    }
    // A predecessor in another project is a done milestone pinned at the point the link
    // leaves (its start, or the working day after its finish), so the link keeps its meaning.
    const e = l.external;
    if (!e.start || !e.finish) continue;
    const fromFinish = l.type === 'FS' || l.type === 'FF';
    let point = fromFinish && !e.milestone ? fromEpochDay(toEpochDay(e.finish) + 1) : e.start;
    let lag = l.lag;
    if (point < settings.start) {
      // Never before the project start (it would move the start): fold the gap into the lag.
      index ??= new WorkCalendar(spec).indexFrom(toEpochDay(settings.start));
      lag += index.indexOnOrAfter(toEpochDay(point));
      point = settings.start;
    }
    const id = `${ANCHOR}${l.id}`;
    coreTasks.push({
      id,
      name: id,
      duration: 0,
      progress: { percentComplete: 100, actualStart: point, actualFinish: point },
    });
    coreLinks.push({ from: id, to: l.toTaskId, type: l.type as LinkType, lag });
  }
  const plan: ProjectPlan = {
    start: settings.start,
    calendar: spec,
    tasks: coreTasks,
    links: coreLinks,
  };
  if (settings.statusDate) plan.statusDate = settings.statusDate;
  return { plan, outlined };
}

/**
 * Schedules a project and computes what is persisted per task. The French holidays are
 * listed for the years the schedule covers, widened until it fits.
 */
export function scheduleProject(
  settings: { start: string; statusDate: string | null; calendar: PlanCalendar },
  tasks: readonly TaskInput[],
  links: readonly LinkInput[],
): ScheduledPlan {
  let low = yearOfDate(settings.start) - 1;
  for (const t of tasks) {
    if (t.actualStart && yearOfDate(t.actualStart) - 1 < low) low = yearOfDate(t.actualStart) - 1;
    if (t.constraintDate && yearOfDate(t.constraintDate) - 1 < low)
      low = yearOfDate(t.constraintDate) - 1;
  }
  let high =
    Math.max(
      yearOfDate(settings.start),
      settings.statusDate ? yearOfDate(settings.statusDate) : 0,
    ) + 4;
  const names = new Map(tasks.map((t) => [t.id, t.name]));
  for (let attempt = 0; ; attempt++) {
    const { plan, outlined } = buildPlan(settings, tasks, links, [low, high]);
    let schedule: Schedule;
    try {
      schedule = schedulePlan(plan);
    } catch (err) {
      throw toDomainError(err, names);
    }
    const lastDay = Math.max(schedule.projectFinishDay, maxLateDay(schedule));
    const lastYear = yearOfDate(fromEpochDay(lastDay));
    if (lastYear + 1 > high && attempt < 6) {
      high = lastYear + 2;
      continue;
    }
    return computeValues(plan, schedule, outlined);
  }
}

function maxLateDay(s: Schedule): number {
  let max = s.projectFinishDay;
  for (let t = 0; t < s.lateFinishDay.length; t++)
    if (s.lateFinishDay[t]! > max) max = s.lateFinishDay[t]!;
  return max;
}

function computeValues(
  plan: ProjectPlan,
  schedule: Schedule,
  outlined: ReturnType<typeof outline<TaskInput>>,
): ScheduledPlan {
  const net = schedule.network;
  // The engine's tasks are the plan's, in WBS order, then the anchors of cross-project links.
  const { order, wbs, level } = outlined;
  const own = order.length;
  const count = net.ids.length;
  // Roll-ups over the leaves below each summary: ES/EF span, weighted progress, criticality.
  const low = new Float64Array(count).fill(Infinity);
  const high = new Float64Array(count).fill(-Infinity);
  const weight = new Float64Array(count);
  const done = new Float64Array(count);
  const leaves = new Int32Array(count);
  const pctSum = new Float64Array(count);
  const critical = new Uint8Array(count);
  let projectStart = Infinity;
  let projectFinish = -Infinity;
  for (let t = 0; t < own; t++) {
    const leaf = net.leafOf[t]!;
    if (leaf < 0) continue;
    const es = schedule.earlyStart[leaf]!;
    const ef = schedule.earlyFinish[leaf]!;
    const d = net.duration[leaf]!;
    const pct = order[t]!.percentComplete;
    if (schedule.startDay[t]! < projectStart) projectStart = schedule.startDay[t]!;
    if (schedule.finishDay[t]! > projectFinish) projectFinish = schedule.finishDay[t]!;
    for (let p = net.parentOf[t]!; p >= 0; p = net.parentOf[p]!) {
      if (es < low[p]!) low[p] = es;
      if (ef > high[p]!) high[p] = ef;
      weight[p]! += d;
      done[p]! += (d * pct) / 100;
      leaves[p]!++;
      pctSum[p]! += pct;
      if (schedule.critical[leaf] === 1) critical[p] = 1;
    }
  }
  // A plan has a few hundred distinct dates: each is written out once.
  const dates = new Map<number, string>();
  const iso = (day: number) => {
    let d = dates.get(day);
    if (d === undefined) dates.set(day, (d = fromEpochDay(day)));
    return d;
  };
  const computed = new Map<string, Computed>();
  for (let t = 0; t < own; t++) {
    const id = net.ids[t]!;
    const leaf = net.leafOf[t]!;
    const start = iso(schedule.startDay[t]!);
    const finish = iso(schedule.finishDay[t]!);
    if (leaf >= 0) {
      computed.set(id, {
        id,
        wbs: wbs[t]!,
        level: level[t]!,
        isSummary: false,
        span: net.duration[leaf]!,
        start,
        finish,
        lateStart: iso(schedule.lateStartDay[t]!),
        lateFinish: iso(schedule.lateFinishDay[t]!),
        totalFloat: schedule.totalFloat[leaf]!,
        freeFloat: schedule.freeFloat[leaf]!,
        critical: schedule.critical[leaf] === 1,
        percentComplete: order[t]!.percentComplete,
      });
    } else {
      const pct =
        weight[t]! > 0
          ? (100 * done[t]!) / weight[t]!
          : leaves[t]! > 0
            ? pctSum[t]! / leaves[t]!
            : 0;
      computed.set(id, {
        id,
        wbs: wbs[t]!,
        level: level[t]!,
        isSummary: true,
        span: high[t]! > low[t]! ? high[t]! - low[t]! : 0,
        start,
        finish,
        lateStart: null,
        lateFinish: null,
        totalFloat: null,
        freeFloat: null,
        critical: critical[t] === 1,
        percentComplete: Math.round(pct * 10) / 10,
      });
    }
  }
  const criticalPath: string[] = [];
  for (const leaf of schedule.criticalPath) {
    const t = net.taskOf[leaf]!;
    if (t < own) criticalPath.push(net.ids[t]!);
  }
  return {
    computed,
    projectStart: Number.isFinite(projectStart) ? fromEpochDay(projectStart) : null,
    projectFinish: Number.isFinite(projectFinish) ? fromEpochDay(projectFinish) : null,
    criticalPath,
    calendarSpec: plan.calendar,
    schedule,
    plan,
  };
}

/** Maps an engine refusal to the API's error, naming tasks by their names. */
export function toDomainError(err: unknown, names: ReadonlyMap<string, string>): unknown {
  if (!(err instanceof PlanningError)) return err;
  const name = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : String(id));
  if (err.code === 'CYCLE') {
    const ids = (err.details.tasks as string[] | undefined) ?? [];
    const loop = ids.map((id) => ({ id, name: name(id) }));
    return new DomainError(
      'PLAN_CYCLE',
      `Dependency cycle: ${[...loop, loop[0]].map((t) => t?.name).join(' → ')}`,
      { tasks: loop },
    );
  }
  const task = err.details.task;
  let message = err.message;
  for (const [id, n] of names) if (message.includes(id)) message = message.split(id).join(n);
  return new DomainError('PLAN_INVALID', message, {
    reason: err.code,
    ...(typeof task === 'string' ? { task: { id: task, name: name(task) } } : {}),
  });
}

/** Non-working days between two dates (weekends, holidays, days off), for the Gantt's shading. */
export function nonWorkingDays(
  spec: WorkCalendarSpec,
  from: string | null,
  to: string | null,
): string[] {
  if (!from || !to) return [];
  const cal = new WorkCalendar(spec);
  const out: string[] = [];
  const end = toEpochDay(to);
  for (let d = toEpochDay(from); d <= end && out.length < 20000; d++) {
    if (!cal.isWorkingDay(d)) out.push(fromEpochDay(d));
  }
  return out;
}

/** Working days from `a` to `b` (positive when b is later), in the given calendar. */
export function workingDaysBetween(spec: WorkCalendarSpec, a: string, b: string): number {
  const index = new WorkCalendar(spec).indexFrom(toEpochDay(a));
  return index.indexOnOrAfter(toEpochDay(b)) - index.indexOnOrAfter(toEpochDay(a));
}
