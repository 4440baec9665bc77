import { z } from 'zod';
import {
  ConstraintType,
  LinkType,
  Plan,
  PlanTask,
  type PlanChange,
  type PlanLink,
} from '../../../contracts/planning.ts';

/**
 * Reads the plan the API answers, checked against the `Plan` contract without zod's slow path
 * for its big arrays.
 *
 * In the browser zod cannot compile its object checks (the content security policy forbids
 * `new Function`), and checking 5,000 tasks and 6,000 links with its generic path took a large
 * part of the Gantt's first open. The tasks and links are checked here by hand, field by field,
 * with the contract's own patterns (zod's uuid and date regexes); everything else (settings,
 * calendar with its defaults, project span, critical path, rights) still goes through zod. The
 * result is what `Plan.parse` gives for every payload `Plan.parse` accepts, and every payload it
 * refuses is refused (`plan-read.test.ts` checks both, generated).
 */
export class PlanShapeError extends Error {
  readonly path: (string | number)[];

  constructor(path: (string | number)[], expected: string) {
    super(`${path.join('.')}: expected ${expected}`);
    this.name = 'PlanShapeError';
    this.path = path;
  }
}

const UUID = z.regexes.uuid();
const DATE = z.regexes.date;
const KINDS: ReadonlySet<string> = new Set(PlanTask.shape.kind.options);
const CONSTRAINTS: ReadonlySet<string> = new Set(ConstraintType.options);
const LINK_TYPES: ReadonlySet<string> = new Set(LinkType.options);

/** Everything but the tasks and links: small, read by zod (defaults applied). */
const PlanHead = Plan.omit({ tasks: true, links: true });

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

type Path = readonly (string | number)[];

function fail(path: Path, key: string | number | null, expected: string): never {
  throw new PlanShapeError(key === null ? [...path] : [...path, key], expected);
}

// Each check reads `o[key]` of the object at `path` (the path is built only on failure: the
// checks run about 100,000 times on a 5,000-task plan).
// Ids and dates repeat (parents, links, a few hundred days): each distinct one is tested once.
let seenIds = new Set<string>();
let seenDates = new Set<string>();

function id(o: Rec, key: string, path: Path): string {
  const v = o[key];
  if (typeof v !== 'string') fail(path, key, 'a uuid');
  if (!seenIds.has(v)) {
    if (!UUID.test(v)) fail(path, key, 'a uuid');
    seenIds.add(v);
  }
  return v;
}
function date(o: Rec, key: string, path: Path): string {
  const v = o[key];
  if (typeof v !== 'string') fail(path, key, 'a date YYYY-MM-DD');
  if (!seenDates.has(v)) {
    if (!DATE.test(v)) fail(path, key, 'a date YYYY-MM-DD');
    seenDates.add(v);
  }
  return v;
}
function str(o: Rec, key: string, path: Path): string {
  const v = o[key];
  if (typeof v !== 'string') fail(path, key, 'a string');
  return v;
}
function num(o: Rec, key: string, path: Path): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, key, 'a number');
  return v;
}
function int(o: Rec, key: string, path: Path): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, key, 'an integer');
  return v;
}
function bool(o: Rec, key: string, path: Path): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(path, key, 'a boolean');
  return v;
}
const nullableId = (o: Rec, key: string, path: Path) => (o[key] === null ? null : id(o, key, path));
const nullableDate = (o: Rec, key: string, path: Path) =>
  o[key] === null ? null : date(o, key, path);
const nullableNum = (o: Rec, key: string, path: Path) =>
  o[key] === null ? null : num(o, key, path);

function record(v: unknown, path: Path, key: string | number | null): Rec {
  if (!isRecord(v)) fail(path, key, 'an object');
  return v;
}

function readTask(v: unknown, index: number): PlanTask {
  const path: Path = ['tasks', index];
  const t = record(v, ['tasks'], index);
  const kind = t.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind))
    fail(path, 'kind', 'summary, task or milestone');
  let constraint: PlanTask['constraint'] = null;
  if (t.constraint !== null) {
    const c = record(t.constraint, path, 'constraint');
    const at = [...path, 'constraint'];
    if (typeof c.type !== 'string' || !CONSTRAINTS.has(c.type))
      fail(at, 'type', 'a constraint type');
    constraint = { type: c.type as ConstraintType, date: date(c, 'date', at) };
  }
  let owner: PlanTask['owner'] = null;
  if (t.owner !== null) {
    const o = record(t.owner, path, 'owner');
    const at = [...path, 'owner'];
    owner = { id: id(o, 'id', at), name: str(o, 'name', at) };
  }
  const percent = num(t, 'percentComplete', path);
  if (percent < 0 || percent > 100) fail(path, 'percentComplete', 'a number from 0 to 100');
  const schedule = readSchedule(t, path);
  return {
    id: id(t, 'id', path),
    parentId: nullableId(t, 'parentId', path),
    wbs: str(t, 'wbs', path),
    level: int(t, 'level', path),
    name: str(t, 'name', path),
    kind: kind as PlanTask['kind'],
    duration: int(t, 'duration', path),
    constraint,
    deadline: nullableDate(t, 'deadline', path),
    owner,
    notes: str(t, 'notes', path),
    percentComplete: percent,
    actualStart: nullableDate(t, 'actualStart', path),
    actualFinish: nullableDate(t, 'actualFinish', path),
    remaining: num(t, 'remaining', path),
    schedule,
    version: int(t, 'version', path),
  };
}

/** The `schedule` of the object `o` at `path` (a task, or an entry of a change's `schedules`). */
function readSchedule(o: Rec, path: Path): PlanTask['schedule'] {
  const s = record(o.schedule, path, 'schedule');
  const sp = [...path, 'schedule'];
  return {
    start: date(s, 'start', sp),
    finish: date(s, 'finish', sp),
    lateStart: nullableDate(s, 'lateStart', sp),
    lateFinish: nullableDate(s, 'lateFinish', sp),
    totalFloat: nullableNum(s, 'totalFloat', sp),
    freeFloat: nullableNum(s, 'freeFloat', sp),
    critical: bool(s, 'critical', sp),
  };
}

function readLink(v: unknown, index: number): PlanLink {
  const path: Path = ['links', index];
  const l = record(v, ['links'], index);
  if (typeof l.type !== 'string' || !LINK_TYPES.has(l.type)) fail(path, 'type', 'FS, SS, FF or SF');
  let fromProject: PlanLink['fromProject'] = null;
  if (l.fromProject !== null) {
    const p = record(l.fromProject, path, 'fromProject');
    const at = [...path, 'fromProject'];
    fromProject = { id: id(p, 'id', at), code: str(p, 'code', at), name: str(p, 'name', at) };
  }
  return {
    id: id(l, 'id', path),
    fromTaskId: id(l, 'fromTaskId', path),
    toTaskId: id(l, 'toTaskId', path),
    type: l.type as PlanLink['type'],
    lag: int(l, 'lag', path),
    fromProject,
    version: int(l, 'version', path),
  };
}

/** The plan in `json`, as `Plan.parse` reads it; throws a `PlanShapeError` (or zod's) when not. */
export function readPlan(json: unknown): Plan {
  const body = record(json, [], null);
  if (!Array.isArray(body.tasks)) fail([], 'tasks', 'an array');
  if (!Array.isArray(body.links)) fail([], 'links', 'an array');
  const { tasks, links, ...rest } = body;
  const head = PlanHead.parse(rest);
  seenIds = new Set();
  seenDates = new Set();
  try {
    const outTasks = new Array<PlanTask>(tasks.length);
    for (let i = 0; i < tasks.length; i++) outTasks[i] = readTask(tasks[i], i);
    const outLinks = new Array<PlanLink>(links.length);
    for (let i = 0; i < links.length; i++) outLinks[i] = readLink(links[i], i);
    return { ...head, tasks: outTasks, links: outLinks };
  } finally {
    seenIds = new Set();
    seenDates = new Set();
  }
}

/** An array of uuids at `body[key]`. */
function ids(body: Rec, key: string): string[] {
  const list = body[key];
  if (!Array.isArray(list)) fail([], key, 'an array');
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const v: unknown = list[i];
    if (typeof v !== 'string' || !UUID.test(v)) fail([key], i, 'a uuid');
    out[i] = v;
  }
  return out;
}

function list(body: Rec, key: string): unknown[] {
  const v = body[key];
  if (!Array.isArray(v)) fail([], key, 'an array');
  return v;
}

/**
 * An edit's answer (`PlanChange`), as `PlanChange.parse` reads it, without zod: after an edit of
 * a 5,000-task plan it carries the new schedule of every task that moved (thousands), which zod's
 * slow path took long to check. Throws a `PlanShapeError` where it is wrong.
 */
export function readPlanChange(json: unknown): PlanChange {
  const body = record(json, [], null);
  const tasks = list(body, 'tasks');
  const schedules = list(body, 'schedules');
  const links = list(body, 'links');
  seenIds = new Set();
  seenDates = new Set();
  try {
    const outTasks = new Array<PlanTask>(tasks.length);
    for (let i = 0; i < tasks.length; i++) outTasks[i] = readTask(tasks[i], i);
    const outSchedules = new Array<PlanChange['schedules'][number]>(schedules.length);
    for (let i = 0; i < schedules.length; i++) {
      const path: Path = ['schedules', i];
      const o = record(schedules[i], ['schedules'], i);
      outSchedules[i] = { id: id(o, 'id', path), schedule: readSchedule(o, path) };
    }
    const outLinks = new Array<PlanLink>(links.length);
    for (let i = 0; i < links.length; i++) outLinks[i] = readLink(links[i], i);
    return {
      tasks: outTasks,
      schedules: outSchedules,
      links: outLinks,
      removedTaskIds: ids(body, 'removedTaskIds'),
      removedLinkIds: ids(body, 'removedLinkIds'),
      createdTaskIds: ids(body, 'createdTaskIds'),
      projectStart: nullableDate(body, 'projectStart', []),
      projectFinish: nullableDate(body, 'projectFinish', []),
      criticalPath: ids(body, 'criticalPath'),
    };
  } finally {
    seenIds = new Set();
    seenDates = new Set();
  }
}

/**
 * A reader as a schema for the API helpers: a payload it refuses is reported with where and why,
 * like a zod failure.
 */
function payload<T>(read: (json: unknown) => T) {
  return z.unknown().transform((json, ctx): T => {
    try {
      return read(json);
    } catch (error) {
      if (error instanceof PlanShapeError) {
        ctx.addIssue({ code: 'custom', message: error.message, path: error.path });
      } else if (error instanceof z.ZodError) {
        for (const issue of error.issues) ctx.addIssue({ ...issue, code: 'custom' });
      } else throw error;
      return z.NEVER;
    }
  });
}

/** `readPlan` as a schema for `api.get`. */
export const PlanPayload = payload(readPlan);

/** `readPlanChange` as a schema for the writes' answers. */
export const PlanChangePayload = payload(readPlanChange);
