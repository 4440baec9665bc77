import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { type Executor, pgArray, queryBulkRows, queryRows } from '../../db/client.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import {
  calendarFeeds,
  planBaselines,
  planBaselineTasks,
  planLinks,
  planMilestoneSnapshots,
  planSettings,
  planTasks,
} from './planning.tables.ts';

export type SettingsRow = typeof planSettings.$inferSelect;
export type LinkRow = typeof planLinks.$inferSelect;
export type BaselineRow = typeof planBaselines.$inferSelect;

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------- settings

export async function findSettings(db: Executor, projectId: string) {
  const [row] = await db.select().from(planSettings).where(eq(planSettings.projectId, projectId));
  return row;
}

/** Creates the settings row if absent, then locks it: every write to a plan goes through this lock. */
export async function lockSettings(
  db: Executor,
  projectId: string,
  defaults: { start: string; calendar: unknown },
): Promise<SettingsRow> {
  await db
    .insert(planSettings)
    .values({ projectId, start: defaults.start, calendar: defaults.calendar })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(planSettings)
    .where(eq(planSettings.projectId, projectId))
    .for('update');
  return row!;
}

export async function updateSettings(
  db: Executor,
  projectId: string,
  version: number,
  values: Partial<typeof planSettings.$inferInsert>,
) {
  const [row] = await db
    .update(planSettings)
    .set({ ...values, version: sql`${planSettings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(planSettings.projectId, projectId), eq(planSettings.version, version)))
    .returning();
  return row;
}

export async function setProjectSpan(
  db: Executor,
  projectId: string,
  start: string | null,
  finish: string | null,
) {
  await db
    .update(planSettings)
    .set({ projectStart: start, projectFinish: finish })
    .where(eq(planSettings.projectId, projectId));
}

// ---------------------------------------------------------------- tasks

/** A task as the planning module works with it (timestamps left out). */
export type TaskRow = Omit<typeof planTasks.$inferSelect, 'createdAt' | 'updatedAt'>;

/**
 * Every task of a project with its owner's name. Raw SQL with only the columns needed: this
 * runs on every edit, for thousands of rows.
 */
const TASK_VIEW_COLUMNS = sql`t.id, t.version, t.project_id as "projectId", t.parent_id as "parentId", t.position, t.name,
           t.duration, t.constraint_type as "constraintType", t.constraint_date as "constraintDate", t.deadline,
           t.owner_id as "ownerId", t.notes, t.percent_complete as "percentComplete",
           t.actual_start as "actualStart", t.actual_finish as "actualFinish", t.wbs, t.level,
           t.is_summary as "isSummary", t.span, t.start, t.finish, t.late_start as "lateStart",
           t.late_finish as "lateFinish", t.total_float as "totalFloat", t.free_float as "freeFloat", t.critical,
           case when t.owner_id is null then null else o.first_name || ' ' || o.last_name end as "ownerName"
    from plan_tasks t left join people o on o.id = t.owner_id`;

export async function listTasks(db: Executor, projectId: string) {
  const rows = await queryBulkRows<TaskRow & { ownerName: string | null }>(
    db,
    sql`select ${TASK_VIEW_COLUMNS} where t.project_id = ${projectId}`,
  );
  // The row itself, not a copy without its owner's name: copying 5,000 rows of 27 fields on
  // every edit cost more than the engine's passes.
  return rows.map((t) => ({ t, ownerName: t.ownerName }));
}

/** One task as listTasks shows it (with its owner's name), or undefined. */
export async function findTaskView(db: Executor, projectId: string, id: string) {
  const [row] = await queryRows<TaskRow & { ownerName: string | null }>(
    db,
    sql`select ${TASK_VIEW_COLUMNS} where t.project_id = ${projectId} and t.id = ${id}`,
  );
  if (!row) return undefined;
  const { ownerName, ...t } = row;
  return { t, ownerName };
}
export type TaskView = Awaited<ReturnType<typeof listTasks>>[number];

export async function findTask(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(planTasks)
    .where(and(eq(planTasks.id, id), eq(planTasks.projectId, projectId)));
  return row;
}

/** Tasks by id, whatever their project (cross-project links). */
export async function findTasksAnywhere(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(planTasks).where(inArray(planTasks.id, ids));
}

export async function insertTasks(db: Executor, values: (typeof planTasks.$inferInsert)[]) {
  const out: TaskRow[] = [];
  for (const part of chunks(values, 500))
    out.push(...(await db.insert(planTasks).values(part).returning()));
  return out;
}

export async function updateTask(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof planTasks.$inferInsert>,
) {
  const [row] = await db
    .update(planTasks)
    .set({ ...values, version: sql`${planTasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(planTasks.id, id), eq(planTasks.version, version)))
    .returning();
  return row;
}

/** Makes room at `position` under a parent: the siblings from there on move down by `count`. */
export async function shiftSiblings(
  db: Executor,
  projectId: string,
  parentId: string | null,
  fromPosition: number,
  count: number,
) {
  await db.execute(sql`
    update plan_tasks set position = position + ${count}
    where project_id = ${projectId} and parent_id is not distinct from ${parentId} and position >= ${fromPosition}`);
}

/** Renumbers the siblings of a parent 0..n−1, keeping their order. */
export async function compactSiblings(db: Executor, projectId: string, parentId: string | null) {
  await db.execute(sql`
    update plan_tasks t set position = s.rn - 1
    from (select id, row_number() over (order by position, created_at, id) as rn from plan_tasks
          where project_id = ${projectId} and parent_id is not distinct from ${parentId}) s
    where t.id = s.id and t.position <> s.rn - 1`);
}

export async function deleteTasks(db: Executor, ids: string[]) {
  for (const part of chunks(ids)) await db.delete(planTasks).where(inArray(planTasks.id, part));
}

export async function deleteAllTasks(db: Executor, projectId: string) {
  // Children first is not needed: the parent FK cascades; links cascade with their tasks.
  await db.delete(planTasks).where(eq(planTasks.projectId, projectId));
}

/** The computed part of a task, as `writeComputed` takes it. */
export interface ComputedRow {
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
  percentComplete: number;
}

const EPOCH = sql.raw(`date '1970-01-01'`);
type Cell = string | number | boolean | null;

/**
 * Writes computed schedules in set-based statements (`UPDATE … FROM unnest(…)`), 5,000 rows at
 * a time. Only the rows given are touched, and the user-facing version does not move. Each
 * column travels as one array parameter, dates as day numbers: the server parses that in about
 * two thirds of the time it took for the same rows as JSON objects (5,000 rows: ~70 ms of
 * backend CPU against ~100 ms). With `datesOnly` (rows whose outline, span and progress did not
 * change: most of an edit's) only the dates, floats and criticality are sent and set.
 */
export async function writeComputed(
  db: Executor,
  rows: readonly ComputedRow[],
  { datesOnly = false } = {},
) {
  for (const part of chunks(rows, 5000)) {
    // One pass over the rows fills every column; dates as day numbers (a plan has a few
    // hundred distinct dates: each is converted once).
    const n = part.length;
    const c: Record<keyof ComputedRow, Cell[]> = {
      id: new Array<Cell>(n),
      wbs: new Array<Cell>(datesOnly ? 0 : n),
      level: new Array<Cell>(datesOnly ? 0 : n),
      isSummary: new Array<Cell>(datesOnly ? 0 : n),
      span: new Array<Cell>(datesOnly ? 0 : n),
      start: new Array<Cell>(n),
      finish: new Array<Cell>(n),
      lateStart: new Array<Cell>(n),
      lateFinish: new Array<Cell>(n),
      totalFloat: new Array<Cell>(n),
      freeFloat: new Array<Cell>(n),
      critical: new Array<Cell>(n),
      percentComplete: new Array<Cell>(datesOnly ? 0 : n),
    };
    const dayOf = new Map<string, number>();
    const day = (date: string | null) => {
      if (date === null) return null;
      let d = dayOf.get(date);
      if (d === undefined) dayOf.set(date, (d = toEpochDay(date)));
      return d;
    };
    for (let i = 0; i < n; i++) {
      const r = part[i]!;
      c.id[i] = r.id;
      c.start[i] = day(r.start);
      c.finish[i] = day(r.finish);
      c.lateStart[i] = day(r.lateStart);
      c.lateFinish[i] = day(r.lateFinish);
      c.totalFloat[i] = r.totalFloat;
      c.freeFloat[i] = r.freeFloat;
      c.critical[i] = r.critical;
      if (datesOnly) continue;
      c.wbs[i] = r.wbs;
      c.level[i] = r.level;
      c.isSummary[i] = r.isSummary;
      c.span[i] = r.span;
      c.percentComplete[i] = r.percentComplete;
    }
    const dates = sql`start = ${EPOCH} + v.start, finish = ${EPOCH} + v.finish,
        late_start = ${EPOCH} + v.late_start, late_finish = ${EPOCH} + v.late_finish,
        total_float = v.total_float, free_float = v.free_float, critical = v.critical`;
    const dateColumns = sql`${pgArray(c.start)}::int[], ${pgArray(c.finish)}::int[],
        ${pgArray(c.lateStart)}::int[], ${pgArray(c.lateFinish)}::int[], ${pgArray(c.totalFloat)}::int[],
        ${pgArray(c.freeFloat)}::int[], ${pgArray(c.critical)}::boolean[]`;
    const dateNames = sql.raw(
      'start, finish, late_start, late_finish, total_float, free_float, critical',
    );
    await db.execute(
      datesOnly
        ? sql`update plan_tasks t set ${dates}
            from unnest(${pgArray(c.id)}::uuid[], ${dateColumns}) as v(id, ${dateNames})
            where t.id = v.id`
        : sql`update plan_tasks t set ${dates}, wbs = v.wbs, level = v.level,
              is_summary = v.is_summary, span = v.span, percent_complete = v.percent_complete
            from unnest(${pgArray(c.id)}::uuid[], ${dateColumns}, ${pgArray(c.wbs)}::text[],
              ${pgArray(c.level)}::int[], ${pgArray(c.isSummary)}::boolean[], ${pgArray(c.span)}::int[],
              ${pgArray(c.percentComplete)}::float8[])
              as v(id, ${dateNames}, wbs, level, is_summary, span, percent_complete)
            where t.id = v.id`,
    );
  }
}

// ---------------------------------------------------------------- links

/** A link as the planning module works with it; the `ext_`/`from_project_` fields are set for a cross-project link only. */
export interface LinkView {
  id: string;
  version: number;
  project_id: string;
  from_project_id: string;
  from_task_id: string;
  to_task_id: string;
  type: string;
  lag: number;
  from_project_code: string | null;
  from_project_name: string | null;
  ext_start: string | null;
  ext_finish: string | null;
  ext_span: number | null;
  ext_summary: boolean | null;
}

/**
 * Links whose successor is in the project, with, for a cross-project one, the predecessor's
 * project and persisted schedule. Two reads: the project's links as they are (thousands, no
 * join), then the few that come from another project with what they join to — joining every
 * link cost a hash of the whole task table on each edit.
 */
export async function listLinks(db: Executor, projectId: string): Promise<LinkView[]> {
  const links = await queryBulkRows<LinkView>(
    db,
    sql`select l.id, l.version, l.project_id, l.from_project_id, l.from_task_id, l.to_task_id, l.type, l.lag
        from plan_links l where l.project_id = ${projectId}`,
  );
  const external = await queryRows<
    Pick<
      LinkView,
      | 'id'
      | 'from_project_code'
      | 'from_project_name'
      | 'ext_start'
      | 'ext_finish'
      | 'ext_span'
      | 'ext_summary'
    >
  >(
    db,
    sql`select l.id, p.code as from_project_code, p.name as from_project_name,
               f.start as ext_start, f.finish as ext_finish, f.span as ext_span, f.is_summary as ext_summary
        from plan_links l
        join projects p on p.id = l.from_project_id
        join plan_tasks f on f.id = l.from_task_id
        where l.project_id = ${projectId} and l.from_project_id <> l.project_id`,
  );
  const byId = new Map(external.map((e) => [e.id, e]));
  for (const l of links) {
    const e = byId.get(l.id);
    l.from_project_code = e?.from_project_code ?? null;
    l.from_project_name = e?.from_project_name ?? null;
    l.ext_start = e?.ext_start ?? null;
    l.ext_finish = e?.ext_finish ?? null;
    l.ext_span = e?.ext_span ?? null;
    l.ext_summary = e?.ext_summary ?? null;
  }
  return links;
}

export async function findLink(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(planLinks)
    .where(and(eq(planLinks.id, id), eq(planLinks.projectId, projectId)));
  return row;
}

export async function findLinkByPair(db: Executor, fromTaskId: string, toTaskId: string) {
  const [row] = await db
    .select()
    .from(planLinks)
    .where(and(eq(planLinks.fromTaskId, fromTaskId), eq(planLinks.toTaskId, toTaskId)));
  return row;
}

export async function insertLinks(db: Executor, values: (typeof planLinks.$inferInsert)[]) {
  const out: LinkRow[] = [];
  for (const part of chunks(values, 1000))
    out.push(...(await db.insert(planLinks).values(part).returning()));
  return out;
}

export async function updateLink(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof planLinks.$inferInsert>,
) {
  const [row] = await db
    .update(planLinks)
    .set({ ...values, version: sql`${planLinks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(planLinks.id, id), eq(planLinks.version, version)))
    .returning();
  return row;
}

export async function deleteLink(db: Executor, id: string) {
  await db.delete(planLinks).where(eq(planLinks.id, id));
}

/** Links touching any of the tasks, in any project (what deleting them removes). */
export async function linksTouching(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  const out: LinkRow[] = [];
  for (const part of chunks(taskIds)) {
    out.push(
      ...(await db
        .select()
        .from(planLinks)
        .where(sql`${planLinks.fromTaskId} in ${part} or ${planLinks.toTaskId} in ${part}`)),
    );
  }
  return out;
}

/** Projects with tasks that depend on tasks of this one. */
export async function dependentProjects(db: Executor, projectId: string): Promise<string[]> {
  const rows = await queryRows<{ project_id: string }>(
    db,
    sql`select distinct project_id from plan_links where from_project_id = ${projectId} and project_id <> ${projectId}`,
  );
  return rows.map((r) => r.project_id);
}

/** Whether `toTaskId` is reachable from `fromTaskId` by following links forward, across projects. */
export async function reaches(
  db: Executor,
  fromTaskId: string,
  toTaskId: string,
): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`
    with recursive r(task_id) as (
      select ${fromTaskId}::uuid
      union
      select l.to_task_id from plan_links l join r on l.from_task_id = r.task_id
    ) select exists (select 1 from r where task_id = ${toTaskId}::uuid) as found`,
  );
  return rows[0]?.found === true;
}

// ---------------------------------------------------------------- baselines

export async function listBaselines(db: Executor, projectId: string) {
  return db
    .select()
    .from(planBaselines)
    .where(eq(planBaselines.projectId, projectId))
    .orderBy(desc(planBaselines.createdAt), desc(planBaselines.id));
}

export async function findBaseline(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(planBaselines)
    .where(and(eq(planBaselines.id, id), eq(planBaselines.projectId, projectId)));
  return row;
}

export async function insertBaseline(db: Executor, values: typeof planBaselines.$inferInsert) {
  const [row] = await db.insert(planBaselines).values(values).returning();
  return row!;
}

/** Copies the current schedule of every task of the project into the baseline. */
export async function snapshotBaselineTasks(db: Executor, baselineId: string, projectId: string) {
  await db.execute(sql`
    insert into plan_baseline_tasks (baseline_id, task_id, name, is_summary, start, finish, span)
    select ${baselineId}::uuid, id, name, is_summary, start, finish, span from plan_tasks where project_id = ${projectId}`);
}

export async function insertBaselineTasks(
  db: Executor,
  values: (typeof planBaselineTasks.$inferInsert)[],
) {
  for (const part of chunks(values, 1000)) await db.insert(planBaselineTasks).values(part);
}

export async function baselineTasks(db: Executor, baselineId: string) {
  return db.select().from(planBaselineTasks).where(eq(planBaselineTasks.baselineId, baselineId));
}

export async function deleteBaseline(db: Executor, id: string) {
  await db.delete(planBaselines).where(eq(planBaselines.id, id));
}

/** The latest baseline of each project, with its project finish. */
export async function latestBaselines(db: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return queryRows<{ id: string; project_id: string; project_finish: string | null }>(
    db,
    sql`select distinct on (project_id) id, project_id, project_finish from plan_baselines
        where project_id in ${projectIds} order by project_id, created_at desc, id desc`,
  );
}

export async function baselineDates(db: Executor, baselineIds: string[]) {
  if (baselineIds.length === 0) return [];
  return db
    .select({
      baselineId: planBaselineTasks.baselineId,
      taskId: planBaselineTasks.taskId,
      start: planBaselineTasks.start,
      finish: planBaselineTasks.finish,
    })
    .from(planBaselineTasks)
    .where(inArray(planBaselineTasks.baselineId, baselineIds));
}

// ---------------------------------------------------------------- milestone snapshots

/** Records the milestone dates of the project at a status date (replacing an earlier record of that date). */
export async function snapshotMilestones(db: Executor, projectId: string, statusDate: string) {
  await db
    .delete(planMilestoneSnapshots)
    .where(
      and(
        eq(planMilestoneSnapshots.projectId, projectId),
        eq(planMilestoneSnapshots.statusDate, statusDate),
      ),
    );
  await db.execute(sql`
    insert into plan_milestone_snapshots (project_id, status_date, task_id, name, date)
    select project_id, ${statusDate}::date, id, name, start from plan_tasks
    where project_id = ${projectId} and not is_summary and duration = 0 and start is not null`);
}

export async function milestoneSnapshots(db: Executor, projectId: string) {
  return db
    .select()
    .from(planMilestoneSnapshots)
    .where(eq(planMilestoneSnapshots.projectId, projectId))
    .orderBy(asc(planMilestoneSnapshots.statusDate));
}

// ---------------------------------------------------------------- portfolio views

/** Tasks of several projects for the roadmap, milestone list and iCal feed (persisted schedule, no recompute). */
export async function tasksOfProjects(
  db: Executor,
  projectIds: string[],
  what: 'phases-and-milestones' | 'milestones' | 'all',
) {
  if (projectIds.length === 0) return [];
  const filter =
    what === 'milestones'
      ? sql`and not t.is_summary and t.duration = 0`
      : what === 'phases-and-milestones'
        ? sql`and ((t.is_summary and t.parent_id is null) or (not t.is_summary and t.duration = 0))`
        : sql``;
  return queryRows<{
    id: string;
    project_id: string;
    parent_id: string | null;
    name: string;
    wbs: string;
    is_summary: boolean;
    duration: number;
    start: string | null;
    finish: string | null;
    deadline: string | null;
    critical: boolean;
    percent_complete: number;
    actual_finish: string | null;
    notes: string;
    updated_at: Date | string;
  }>(
    db,
    sql`select t.id, t.project_id, t.parent_id, t.name, t.wbs, t.is_summary, t.duration, t.start, t.finish,
               t.deadline, t.critical, t.percent_complete, t.actual_finish, t.notes, t.updated_at
        from plan_tasks t where t.project_id in ${projectIds} ${filter}
        order by t.project_id, t.start, t.wbs`,
  );
}

export async function settingsOf(db: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db.select().from(planSettings).where(inArray(planSettings.projectId, projectIds));
}

/** Links between tasks of different projects, both ends among the given projects. */
export async function crossProjectLinks(db: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(planLinks)
    .where(
      and(
        sql`${planLinks.fromProjectId} <> ${planLinks.projectId}`,
        inArray(planLinks.projectId, projectIds),
        inArray(planLinks.fromProjectId, projectIds),
      ),
    );
}

export async function projectNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .where(inArray(projects.id, ids));
}

// ---------------------------------------------------------------- calendar feeds

export async function upsertFeed(db: Executor, userId: string, tokenHash: string) {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash, createdAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function findFeedByUser(db: Executor, userId: string) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

export async function findFeedByHash(db: Executor, tokenHash: string) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}

export async function deleteFeed(db: Executor, userId: string) {
  const rows = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning();
  return rows.length > 0;
}

/**
 * Dates of tasks by id, whatever their project: one query, one array parameter, one JSON value
 * back (thousands of rows cost far more as rows than as one value).
 */
export async function taskSpans(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select coalesce(json_agg(json_build_object(
              'id', t.id, 'project_id', t.project_id, 'name', t.name, 'is_summary', t.is_summary,
              'start', t.start, 'finish', t.finish, 'total_float', t.total_float)), '[]')::text as data
        from plan_tasks t where t.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return JSON.parse(row?.data ?? '[]') as {
    id: string;
    project_id: string;
    name: string;
    is_summary: boolean;
    start: string | null;
    finish: string | null;
    total_float: number | null;
  }[];
}
