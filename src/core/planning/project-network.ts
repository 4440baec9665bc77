import { fromEpochDay, isIsoDate } from '../calendar/days.ts';
import type { WorkCalendarSpec } from '../calendar/work-calendar.ts';
import type { Schedule } from './cpm.ts';
import {
  CONSTRAINT_TYPES,
  LINK_TYPES,
  type ConstraintType,
  type LinkType,
  type PlanLink,
  type PlanTask,
  type ProjectPlan,
  type TaskProgress,
} from './model.ts';
import { PlanningError, type PlanningErrorCode } from './planning-error.ts';

/** Dates and float of one task in the result of `jalon schedule --json`; summaries carry start and finish only. */
export interface TaskResult {
  start: string;
  finish: string;
  lateStart?: string;
  lateFinish?: string;
  /** Working days; negative when a deadline or constraint is missed. */
  totalFloat?: number;
  critical?: boolean;
}

/** The result format of `formats/project-network.md`. */
export interface ScheduleResult {
  projectStart: string;
  projectFinish: string;
  tasks: Record<string, TaskResult>;
  criticalPath: string[];
}

type Json = Record<string, unknown>;

/**
 * Validates a parsed `project.json` and returns the plan; throws PlanningError naming the
 * offending key, task or link. Semantic checks (unknown ids, cycles…) happen in compileNetwork.
 */
export function parseProjectNetwork(json: unknown): ProjectPlan {
  const root = object(json, 'the file', 'INVALID_FILE');
  const start = date(root.start, '"start"');
  const statusDate =
    root.statusDate === undefined ? undefined : date(root.statusDate, '"statusDate"');
  const calendar = parseCalendar(root.calendar);
  if (!Array.isArray(root.tasks))
    fail('INVALID_FILE', '"tasks" must be an array', { key: 'tasks' });
  const tasks = (root.tasks as unknown[]).map(parseTask);
  const rawLinks = root.dependencies ?? [];
  if (!Array.isArray(rawLinks)) {
    fail('INVALID_FILE', '"dependencies" must be an array', { key: 'dependencies' });
  }
  const links = (rawLinks as unknown[]).map(parseLink);
  const plan: ProjectPlan = { start, calendar, tasks, links };
  if (statusDate !== undefined) plan.statusDate = statusDate;
  if (typeof root.name === 'string') plan.name = root.name;
  return plan;
}

/** Serialises a plan back to the `project.json` format (the inverse of parseProjectNetwork). */
export function toProjectNetwork(plan: ProjectPlan): Json {
  const out: Json = {};
  if (plan.name !== undefined) out.name = plan.name;
  out.start = plan.start;
  if (plan.statusDate !== undefined) out.statusDate = plan.statusDate;
  out.calendar = plan.calendar;
  out.tasks = plan.tasks;
  out.dependencies = plan.links;
  return out;
}

/** The JSON result of a schedule, exactly as `formats/project-network.md` shows it. */
export function scheduleToResult(schedule: Schedule): ScheduleResult {
  const net = schedule.network;
  const dates = new Map<number, string>();
  const iso = (day: number): string => {
    let s = dates.get(day);
    if (s === undefined) {
      s = fromEpochDay(day);
      dates.set(day, s);
    }
    return s;
  };
  const tasks: Record<string, TaskResult> = {};
  for (let t = 0; t < net.ids.length; t++) {
    const leaf = net.leafOf[t]!;
    const start = iso(schedule.startDay[t]!);
    const finish = iso(schedule.finishDay[t]!);
    tasks[net.ids[t]!] =
      leaf < 0
        ? { start, finish }
        : {
            start,
            finish,
            lateStart: iso(schedule.lateStartDay[t]!),
            lateFinish: iso(schedule.lateFinishDay[t]!),
            totalFloat: schedule.totalFloat[leaf]!,
            critical: schedule.critical[leaf] === 1,
          };
  }
  const criticalPath: string[] = [];
  for (const leaf of schedule.criticalPath) criticalPath.push(net.ids[net.taskOf[leaf]!]!);
  return {
    projectStart: iso(schedule.projectStartDay),
    projectFinish: iso(schedule.projectFinishDay),
    tasks,
    criticalPath,
  };
}

/**
 * The text of `JSON.stringify(scheduleToResult(schedule), null, 2)`, written directly: the
 * CLI prints large schedules without building one object per task first.
 */
export function formatScheduleJson(schedule: Schedule): string {
  const net = schedule.network;
  const dates = new Map<number, string>();
  const iso = (day: number): string => {
    let s = dates.get(day);
    if (s === undefined) {
      s = `"${fromEpochDay(day)}"`;
      dates.set(day, s);
    }
    return s;
  };
  const parts: string[] = [
    `{\n  "projectStart": ${iso(schedule.projectStartDay)},\n  "projectFinish": ${iso(schedule.projectFinishDay)},\n  "tasks": {`,
  ];
  // Same key order as a JS object: integer-like ids first, ascending, then the others.
  const order = taskKeyOrder(net.ids);
  order.forEach((t, k) => {
    const leaf = net.leafOf[t]!;
    const head = `${k === 0 ? '' : ','}\n    ${quote(net.ids[t]!)}: {\n      "start": ${iso(schedule.startDay[t]!)},\n      "finish": ${iso(schedule.finishDay[t]!)}`;
    parts.push(
      leaf < 0
        ? `${head}\n    }`
        : `${head},\n      "lateStart": ${iso(schedule.lateStartDay[t]!)},\n      "lateFinish": ${iso(schedule.lateFinishDay[t]!)},\n      "totalFloat": ${schedule.totalFloat[leaf]!},\n      "critical": ${schedule.critical[leaf] === 1}\n    }`,
    );
  });
  parts.push(order.length === 0 ? '},\n  "criticalPath": [' : '\n  },\n  "criticalPath": [');
  schedule.criticalPath.forEach((leaf, k) => {
    parts.push(`${k === 0 ? '' : ','}\n    ${quote(net.ids[net.taskOf[leaf]!]!)}`);
  });
  parts.push(schedule.criticalPath.length === 0 ? ']\n}\n' : '\n  ]\n}\n');
  return parts.join('');
}

/** A JSON string literal; plain ids skip the general escaping. */
function quote(id: string): string {
  return /^[\w .:/@+-]*$/.test(id) ? `"${id}"` : JSON.stringify(id);
}

/** Task indexes in the order JavaScript lists object keys: array-index keys ascending, then insertion order. */
function taskKeyOrder(ids: readonly string[]): number[] {
  const numeric: number[] = [];
  const other: number[] = [];
  ids.forEach((id, t) =>
    (/^(0|[1-9]\d{0,9})$/.test(id) && Number(id) < 4294967295 ? numeric : other).push(t),
  );
  numeric.sort((a, b) => Number(ids[a]) - Number(ids[b]));
  return [...numeric, ...other];
}

function parseCalendar(value: unknown): WorkCalendarSpec {
  if (value === undefined) return {};
  const c = object(value, '"calendar"', 'INVALID_CALENDAR');
  const spec: WorkCalendarSpec = {};
  if (c.workdays !== undefined) {
    if (
      !Array.isArray(c.workdays) ||
      !c.workdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
    ) {
      fail('INVALID_CALENDAR', '"calendar.workdays" must list ISO weekdays 1..7', {
        key: 'calendar.workdays',
      });
    }
    spec.workdays = c.workdays as number[];
  }
  for (const key of ['holidays', 'workedDays', 'daysOff'] as const) {
    const list = c[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      fail('INVALID_CALENDAR', `"calendar.${key}" must be an array of dates`, { key });
    }
    (list as unknown[]).forEach((d, i) => date(d, `"calendar.${key}[${i}]"`));
    spec[key] = list as string[];
  }
  if (c.hoursPerDay !== undefined) {
    if (typeof c.hoursPerDay !== 'number' || !(c.hoursPerDay > 0 && c.hoursPerDay <= 24)) {
      fail('INVALID_CALENDAR', '"calendar.hoursPerDay" must be a number in ]0, 24]', {
        key: 'calendar.hoursPerDay',
      });
    }
    spec.hoursPerDay = c.hoursPerDay;
  }
  return spec;
}

function parseTask(value: unknown, index: number): PlanTask {
  const where = `tasks[${index}]`;
  const t = object(value, where, 'INVALID_FILE');
  if (isPlainTask(t)) return t as unknown as PlanTask;
  if (typeof t.id !== 'string' || t.id === '') {
    fail('INVALID_FILE', `${where} needs an "id" (a non-empty string)`, { index });
  }
  const id = t.id as string;
  const name = `task "${id}"`;
  const task: PlanTask = { id, name: typeof t.name === 'string' ? t.name : id };
  if (t.name !== undefined && typeof t.name !== 'string') {
    fail('INVALID_FILE', `${name}: "name" must be a string`, { task: id });
  }
  if (t.parent !== undefined) {
    if (typeof t.parent !== 'string') {
      fail('INVALID_FILE', `${name}: "parent" must be a task id`, { task: id });
    }
    task.parent = t.parent as string;
  }
  if (t.summary !== undefined && typeof t.summary !== 'boolean') {
    fail('INVALID_FILE', `${name}: "summary" must be true or false`, { task: id });
  }
  if (t.summary === true) task.summary = true;
  if (t.duration !== undefined) {
    const d = t.duration;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      fail(
        'INVALID_DURATION',
        `${name}: duration ${JSON.stringify(d)} is not a whole number of working days ≥ 0`,
        { task: id, duration: d },
      );
    }
    task.duration = d as number;
  } else if (!task.summary) {
    fail('INVALID_DURATION', `${name} has no duration (and is not a summary)`, { task: id });
  }
  if (t.constraint !== undefined) {
    const c = object(t.constraint, `${name}: "constraint"`, 'INVALID_CONSTRAINT');
    if (!CONSTRAINT_TYPES.includes(c.type as ConstraintType)) {
      fail(
        'INVALID_CONSTRAINT',
        `${name}: constraint type ${JSON.stringify(c.type)} is not one of ${CONSTRAINT_TYPES.join(', ')}`,
        { task: id },
      );
    }
    task.constraint = {
      type: c.type as ConstraintType,
      date: date(c.date, `${name}: the constraint date`),
    };
  }
  if (t.deadline !== undefined) task.deadline = date(t.deadline, `${name}: the deadline`);
  if (t.progress !== undefined) {
    const p = object(t.progress, `${name}: "progress"`, 'INVALID_PROGRESS');
    const progress: TaskProgress = {};
    if (p.percentComplete !== undefined) {
      if (
        typeof p.percentComplete !== 'number' ||
        !(p.percentComplete >= 0 && p.percentComplete <= 100)
      ) {
        fail('INVALID_PROGRESS', `${name}: percentComplete must be a number in 0..100`, {
          task: id,
        });
      }
      progress.percentComplete = p.percentComplete as number;
    }
    if (p.actualStart !== undefined) {
      progress.actualStart = date(p.actualStart, `${name}: the actual start`);
    }
    if (p.actualFinish !== undefined) {
      progress.actualFinish = date(p.actualFinish, `${name}: the actual finish`);
    }
    task.progress = progress;
  }
  return task;
}

/**
 * The common case, checked without copying: a task with a name and only structural keys,
 * already valid. Large files are mostly made of these; other keys are left alone (ignored).
 */
function isPlainTask(t: Json): boolean {
  if (typeof t.id !== 'string' || t.id === '' || typeof t.name !== 'string') return false;
  if (t.parent !== undefined && typeof t.parent !== 'string') return false;
  if (t.constraint !== undefined || t.deadline !== undefined || t.progress !== undefined)
    return false;
  if (t.baselines !== undefined) return false;
  const d = t.duration;
  if (t.summary === true) return d === undefined;
  if (t.summary !== undefined && t.summary !== false) return false;
  return typeof d === 'number' && Number.isInteger(d) && d >= 0;
}

function parseLink(value: unknown, index: number): PlanLink {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Json).from === 'string' &&
    typeof (value as Json).to === 'string' &&
    LINK_TYPES.includes((value as Json).type as LinkType) &&
    Number.isInteger((value as Json).lag)
  ) {
    return value as PlanLink;
  }
  const where = `dependencies[${index}]`;
  const l = object(value, where, 'INVALID_LINK');
  if (typeof l.from !== 'string' || typeof l.to !== 'string') {
    fail('INVALID_LINK', `${where} needs "from" and "to" task ids`, { link: index });
  }
  const label = `${where} (${String(l.from)} → ${String(l.to)})`;
  const type = l.type ?? 'FS';
  if (!LINK_TYPES.includes(type as LinkType)) {
    fail('INVALID_LINK', `${label}: type ${JSON.stringify(type)} is not FS, SS, FF or SF`, {
      link: index,
    });
  }
  const lag = l.lag ?? 0;
  if (typeof lag !== 'number' || !Number.isInteger(lag)) {
    fail(
      'INVALID_LINK',
      `${label}: lag ${JSON.stringify(lag)} is not a whole number of working days`,
      {
        link: index,
      },
    );
  }
  return { from: l.from as string, to: l.to as string, type: type as LinkType, lag: lag as number };
}

function object(value: unknown, what: string, code: PlanningErrorCode): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(code, `${what} must be a JSON object`, {});
  }
  return value as Json;
}

function date(value: unknown, what: string): string {
  if (!isIsoDate(value)) {
    fail('INVALID_DATE', `${what} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`, { value });
  }
  return value as string;
}

function fail(code: PlanningErrorCode, message: string, details: Record<string, unknown>): never {
  throw new PlanningError(code, message, details);
}
