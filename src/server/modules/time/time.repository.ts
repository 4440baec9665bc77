import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  timeActivities,
  timeLocks,
  timeSettings,
  timesheetEntries,
  timesheetLines,
  timesheets,
} from './time.tables.ts';

// Timesheets read the people, projects, memberships and plan tasks they refer to, read-only
// and set-wise (one query per need, never one per line): a week joins several modules' rows.

export type SheetRow = typeof timesheets.$inferSelect;
export type ActivityRow = typeof timeActivities.$inferSelect;
export type LockRow = typeof timeLocks.$inferSelect;
export type SettingsRow = typeof timeSettings.$inferSelect;

/** A uuid[] parameter that both drivers pass as one value (a PostgreSQL array literal). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

const CHUNK = 1000;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------- settings and activities

export const DEFAULT_ACTIVITIES = [
  { code: 'CONGES', name: 'Congés payés', kind: 'absence' },
  { code: 'RTT', name: 'RTT', kind: 'absence' },
  { code: 'MALADIE', name: 'Arrêt maladie', kind: 'absence' },
  { code: 'FORMATION', name: 'Formation', kind: 'training' },
  { code: 'REUNION', name: 'Réunions internes', kind: 'internal' },
  { code: 'SUPPORT', name: 'Support et maintenance', kind: 'support' },
] as const;

/** Creates the settings row and the standard activity list the first time timesheets are used. */
export async function ensureSetup(db: Executor): Promise<SettingsRow> {
  const [existing] = await db.select().from(timeSettings).where(eq(timeSettings.id, 1));
  if (existing) return existing;
  const [row] = await db
    .insert(timeSettings)
    .values({
      id: 1,
      maxDayCenti: 1000,
      maxWeekCenti: 4800,
      approverPolicy: 'resource_manager',
      lateAfterDays: 3,
      remindersEnabled: true,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return (await db.select().from(timeSettings).where(eq(timeSettings.id, 1)))[0]!;
  await db
    .insert(timeActivities)
    .values(DEFAULT_ACTIVITIES.map((a) => ({ ...a })))
    .onConflictDoNothing();
  return row;
}

export async function updateSettings(
  db: Executor,
  version: number,
  values: Partial<typeof timeSettings.$inferInsert>,
) {
  const [row] = await db
    .update(timeSettings)
    .set({ ...values, version: sql`${timeSettings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(timeSettings.id, 1), eq(timeSettings.version, version)))
    .returning();
  return row;
}

export function listActivities(db: Executor) {
  return db
    .select()
    .from(timeActivities)
    .orderBy(asc(timeActivities.kind), asc(timeActivities.code));
}

export async function findActivity(db: Executor, id: string) {
  const [row] = await db.select().from(timeActivities).where(eq(timeActivities.id, id));
  return row;
}

export async function insertActivity(db: Executor, values: typeof timeActivities.$inferInsert) {
  const [row] = await db.insert(timeActivities).values(values).returning();
  return row!;
}

export async function updateActivity(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof timeActivities.$inferInsert>,
) {
  const [row] = await db
    .update(timeActivities)
    .set({ ...values, version: sql`${timeActivities.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(timeActivities.id, id), eq(timeActivities.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- locked periods

export function listLocks(db: Executor) {
  return db
    .select()
    .from(timeLocks)
    .orderBy(sql`${timeLocks.from} desc`);
}

/** The locked periods that overlap [from, to]. */
export function locksOverlapping(db: Executor, from: string, to: string) {
  return db
    .select({ from: timeLocks.from, to: timeLocks.to })
    .from(timeLocks)
    .where(and(sql`${timeLocks.from} <= ${to}`, sql`${timeLocks.to} >= ${from}`));
}

export async function insertLock(db: Executor, values: typeof timeLocks.$inferInsert) {
  const [row] = await db.insert(timeLocks).values(values).returning();
  return row!;
}

export async function deleteLock(db: Executor, id: string) {
  const [row] = await db.delete(timeLocks).where(eq(timeLocks.id, id)).returning();
  return row;
}

// ---------------------------------------------------------------- people and projects around a sheet

export async function personName(db: Executor, personId: string) {
  const [row] = await queryRows<{ name: string; managerId: string | null }>(
    db,
    sql`select first_name || ' ' || last_name as name, manager_id as "managerId" from people where id = ${personId}`,
  );
  return row;
}

export interface TargetProjectRow {
  id: string;
  code: string;
  name: string;
  open: boolean;
}

/**
 * The projects a person may charge time to: those they manage, sponsor or are a member of,
 * and those where they own a plan task. `open` is false once a project is closed, cancelled
 * or archived. With `ids`, only those (used to check the lines of a save).
 */
export function personProjects(db: Executor, personId: string, ids?: readonly string[]) {
  return queryRows<TargetProjectRow>(
    db,
    sql`select p.id, p.code, p.name,
               (p.archived_at is null and p.status not in ('closed', 'cancelled')) as open
        from projects p
        where (p.manager_id = ${personId} or p.sponsor_id = ${personId}
               or exists (select 1 from project_members m where m.project_id = p.id and m.person_id = ${personId})
               or exists (select 1 from plan_tasks t where t.project_id = p.id and t.owner_id = ${personId}))
          ${ids ? sql`and p.id = any(${uuidArray(ids)})` : sql``}
        order by p.code`,
  );
}

/** Leaf tasks of some projects (what time can be charged to), in WBS order. */
export function leafTasks(db: Executor, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return queryRows<{ id: string; projectId: string; name: string; wbs: string }>(
    db,
    sql`select id, project_id as "projectId", name, wbs from plan_tasks
        where project_id = any(${uuidArray(projectIds)}) and not is_summary and duration > 0
        order by project_id, wbs`,
  );
}

/** The project of each of these tasks. */
export function taskProjects(db: Executor, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return queryRows<{ id: string; projectId: string; isSummary: boolean }>(
    db,
    sql`select id, project_id as "projectId", is_summary as "isSummary" from plan_tasks where id = any(${uuidArray(taskIds)})`,
  );
}

/** Leaf tasks a person owns that run during a week (suggested lines of a new week). */
export function ownedTasksInWeek(db: Executor, personId: string, from: string, to: string) {
  return queryRows<{ id: string; projectId: string }>(
    db,
    sql`select t.id, t.project_id as "projectId" from plan_tasks t join projects p on p.id = t.project_id
        where t.owner_id = ${personId} and not t.is_summary and t.duration > 0 and t.start <= ${to} and t.finish >= ${from}
          and p.archived_at is null and p.status not in ('closed', 'cancelled')
        order by p.code, t.wbs`,
  );
}

// ---------------------------------------------------------------- sheets

export async function findSheet(db: Executor, personId: string, weekStart: string, lock = false) {
  const q = db
    .select()
    .from(timesheets)
    .where(and(eq(timesheets.personId, personId), eq(timesheets.weekStart, weekStart)));
  const [row] = await (lock ? q.for('update') : q);
  return row;
}

export async function findSheetById(db: Executor, id: string, lock = false) {
  const q = db.select().from(timesheets).where(eq(timesheets.id, id));
  const [row] = await (lock ? q.for('update') : q);
  return row;
}

/** A new week at version 0: the save that creates it bumps it to 1, like every later save. */
export async function insertSheet(db: Executor, personId: string, weekStart: string) {
  const [row] = await db.insert(timesheets).values({ personId, weekStart, version: 0 }).returning();
  return row!;
}

export async function updateSheet(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof timesheets.$inferInsert>,
) {
  const [row] = await db
    .update(timesheets)
    .set({ ...values, version: sql`${timesheets.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(timesheets.id, id), eq(timesheets.version, version)))
    .returning();
  return row;
}

/** Sheets by id with their person's name (for audit labels and decisions). */
export function sheetsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<{
    id: string;
    version: number;
    status: string;
    weekStart: string;
    personId: string;
    personName: string;
  }>(
    db,
    sql`select s.id, s.version, s.status, s.week_start as "weekStart", s.person_id as "personId",
               pe.first_name || ' ' || pe.last_name as "personName"
        from timesheets s join people pe on pe.id = s.person_id
        where s.id = any(${uuidArray(ids)})`,
  );
}

/** Bumps the version of sheets whose lines changed without their status changing. */
export async function bumpVersions(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.execute(
    sql`update timesheets set version = version + 1, updated_at = now() where id = any(${uuidArray(ids)})`,
  );
}

export interface LineRow {
  id: string;
  timesheetId: string;
  position: number;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  projectManagerId: string | null;
  taskId: string | null;
  taskName: string | null;
  activityId: string | null;
  activityCode: string | null;
  activityName: string | null;
  activityKind: string | null;
  approval: string;
  decidedById: string | null;
  decidedByName: string | null;
  comment: string | null;
  /** Hundredths of an hour per day, Monday first. */
  centi: number[];
}

/** The lines of some sheets with their targets' names and their hours, in order. */
export async function linesOf(db: Executor, sheetIds: readonly string[]): Promise<LineRow[]> {
  if (sheetIds.length === 0) return [];
  const rows = await queryRows<
    Omit<LineRow, 'centi'> & { days: { d: number; c: number }[] | null }
  >(
    db,
    sql`select l.id, l.timesheet_id as "timesheetId", l.position,
               l.project_id as "projectId", p.code as "projectCode", p.name as "projectName",
               p.manager_id as "projectManagerId",
               l.task_id as "taskId", t.name as "taskName",
               l.activity_id as "activityId", a.code as "activityCode", a.name as "activityName", a.kind as "activityKind",
               l.approval, l.decided_by_id as "decidedById", l.decided_by_name as "decidedByName", l.comment,
               (select json_agg(json_build_object('d', e.date - s.week_start, 'c', e.centi))
                  from timesheet_entries e where e.line_id = l.id) as days
        from timesheet_lines l
        join timesheets s on s.id = l.timesheet_id
        left join projects p on p.id = l.project_id
        left join plan_tasks t on t.id = l.task_id
        left join time_activities a on a.id = l.activity_id
        where l.timesheet_id = any(${uuidArray(sheetIds)})
        order by l.timesheet_id, l.position`,
  );
  return rows.map(({ days, ...r }) => {
    const centi = [0, 0, 0, 0, 0, 0, 0];
    for (const x of days ?? []) centi[x.d] = x.c;
    return { ...r, centi };
  });
}

export interface NewLine {
  projectId: string | null;
  taskId: string | null;
  activityId: string | null;
  /** Hundredths of an hour per day, Monday first. */
  centi: readonly number[];
}

/** Replaces every line of a sheet (and their hours) in three statements. */
export async function replaceLines(
  db: Executor,
  sheetId: string,
  weekDates: readonly string[],
  lines: readonly NewLine[],
) {
  await db.delete(timesheetLines).where(eq(timesheetLines.timesheetId, sheetId));
  if (lines.length === 0) return;
  const inserted = await db
    .insert(timesheetLines)
    .values(
      lines.map((l, position) => ({
        timesheetId: sheetId,
        position,
        projectId: l.projectId,
        taskId: l.taskId,
        activityId: l.activityId,
      })),
    )
    .returning({ id: timesheetLines.id, position: timesheetLines.position });
  const entries = inserted.flatMap((row) =>
    lines[row.position]!.centi.flatMap((c, d) =>
      c > 0 ? [{ lineId: row.id, date: weekDates[d]!, centi: c }] : [],
    ),
  );
  for (const part of chunks(entries)) await db.insert(timesheetEntries).values(part);
}

/** Removes the lines without any hours (done at submission: nothing to approve there). */
export async function deleteEmptyLines(db: Executor, sheetId: string) {
  await db.execute(
    sql`delete from timesheet_lines l where l.timesheet_id = ${sheetId}
        and not exists (select 1 from timesheet_entries e where e.line_id = l.id)`,
  );
}

export async function resetApprovals(db: Executor, sheetId: string) {
  await db
    .update(timesheetLines)
    .set({
      approval: 'pending',
      decidedById: null,
      decidedByName: null,
      decidedAt: null,
      comment: null,
    })
    .where(eq(timesheetLines.timesheetId, sheetId));
}

// ---------------------------------------------------------------- approvals

/** Who asks, for the approval rules (see `approvableLines`). */
export interface Approver {
  personId: string | null;
  /** A global role that approves every sheet (`time.approve`). */
  approvesAll: boolean;
  policy: 'resource_manager' | 'project_manager';
}

/**
 * The condition that a line `l` of sheet `s` (person `pe`) is one the approver may decide:
 * never their own week; everything with `time.approve`; otherwise the line manager decides
 * the whole week (resource-manager policy) or the non-project lines (project-manager policy),
 * and a project's managers decide that project's lines (project-manager policy).
 */
function decidable(a: Approver): SQL {
  const me = a.personId;
  if (a.approvesAll) return me ? sql`s.person_id <> ${me}` : sql`true`;
  if (!me) return sql`false`;
  const lineManager = sql`pe.manager_id = ${me}`;
  if (a.policy === 'resource_manager') return sql`(s.person_id <> ${me} and ${lineManager})`;
  return sql`(s.person_id <> ${me} and (
      (l.activity_id is not null and ${lineManager})
      or (l.project_id is not null and exists (
            select 1 from projects p where p.id = l.project_id and (p.manager_id = ${me}
              or exists (select 1 from project_members m where m.project_id = p.id
                           and m.person_id = ${me} and m.role = 'project_manager'))))))`;
}

/** The ids of the pending lines of submitted sheets the approver may decide (all, or of some sheets). */
export function decidableLineIds(db: Executor, a: Approver, sheetIds?: readonly string[]) {
  return queryRows<{ id: string; timesheetId: string }>(
    db,
    sql`select l.id, l.timesheet_id as "timesheetId"
        from timesheet_lines l
        join timesheets s on s.id = l.timesheet_id
        join people pe on pe.id = s.person_id
        where s.status = 'submitted' and l.approval = 'pending' and ${decidable(a)}
          ${sheetIds ? sql`and s.id = any(${uuidArray(sheetIds)})` : sql``}`,
  );
}

/** The submitted sheets with lines waiting for this approver, with their hours. */
export function pendingFor(db: Executor, a: Approver) {
  return queryRows<{
    id: string;
    personId: string;
    personName: string;
    weekStart: string;
    submittedAt: Date | string | null;
    version: number;
    totalCenti: number;
    pendingCenti: number;
    projects: string[] | null;
  }>(
    db,
    sql`with mine as (
          select l.id, l.timesheet_id from timesheet_lines l
          join timesheets s on s.id = l.timesheet_id
          join people pe on pe.id = s.person_id
          where s.status = 'submitted' and l.approval = 'pending' and ${decidable(a)})
        select s.id, s.person_id as "personId", pe.first_name || ' ' || pe.last_name as "personName",
               s.week_start as "weekStart", s.submitted_at as "submittedAt", s.version,
               (select coalesce(sum(e.centi), 0)::int from timesheet_lines l2 join timesheet_entries e on e.line_id = l2.id
                 where l2.timesheet_id = s.id) as "totalCenti",
               (select coalesce(sum(e.centi), 0)::int from mine m2 join timesheet_entries e on e.line_id = m2.id
                 where m2.timesheet_id = s.id) as "pendingCenti",
               (select array_agg(distinct coalesce(p.code, a.name)) from mine m3
                  join timesheet_lines l3 on l3.id = m3.id
                  left join projects p on p.id = l3.project_id
                  left join time_activities a on a.id = l3.activity_id
                 where m3.timesheet_id = s.id) as projects
        from timesheets s join people pe on pe.id = s.person_id
        where s.id in (select timesheet_id from mine)
        order by pe.last_name, pe.first_name, s.week_start`,
  );
}

/** Records a decision on lines, set-wise. */
export async function decideLines(
  db: Executor,
  lineIds: readonly string[],
  decision: 'approved' | 'rejected',
  by: { userId: string | null; name: string },
  comment: string | null,
) {
  for (const part of chunks(lineIds)) {
    await db.execute(
      sql`update timesheet_lines set approval = ${decision}, decided_by_id = ${by.userId},
            decided_by_name = ${by.name}, decided_at = now(), comment = ${comment}
          where id = any(${uuidArray(part)})`,
    );
  }
}

/**
 * Derives each sheet's status from its lines (rejected if one is, approved if all are) and
 * bumps the version of those that changed; returns them with their previous status.
 */
export async function settleSheets(
  db: Executor,
  sheetIds: readonly string[],
  comment: string | null,
) {
  if (sheetIds.length === 0) return [];
  return queryRows<{ id: string; status: string; personId: string; weekStart: string }>(
    db,
    sql`update timesheets s
        set status = x.status, version = s.version + 1, updated_at = now(),
            decided_at = case when x.status <> 'submitted' then now() else s.decided_at end,
            comment = case when x.status = 'rejected' then ${comment} else s.comment end
        from (select timesheet_id,
                     case when bool_or(approval = 'rejected') then 'rejected'
                          when bool_and(approval = 'approved') then 'approved'
                          else 'submitted' end as status
              from timesheet_lines where timesheet_id = any(${uuidArray(sheetIds)})
              group by timesheet_id) x
        where s.id = x.timesheet_id and s.status = 'submitted' and x.status <> 'submitted'
        returning s.id, s.status, s.person_id as "personId", s.week_start as "weekStart"`,
  );
}

// ---------------------------------------------------------------- consolidation and actuals

export interface ConsolidationRow {
  key: string;
  code: string | null;
  name: string;
  kind: 'person' | 'project' | 'activity';
  /** A person's surname and first name (the French sort), null for a project or an activity. */
  lastName: string | null;
  firstName: string | null;
  approved: number;
  submitted: number;
  draft: number;
  people: number;
}

/** Hours of a period per person or per project (activities apart), by sheet status, in centi-hours. */
export function consolidate(db: Executor, from: string, to: string, by: 'person' | 'project') {
  const key =
    by === 'person'
      ? sql`pe.id::text as key, null::text as code, pe.last_name || ' ' || pe.first_name as name, 'person' as kind,
            pe.last_name as "lastName", pe.first_name as "firstName"`
      : sql`coalesce(p.id, a.id)::text as key, coalesce(p.code, a.code) as code, coalesce(p.name, a.name) as name,
            case when p.id is null then 'activity' else 'project' end as kind,
            null::text as "lastName", null::text as "firstName"`;
  const group = by === 'person' ? sql`pe.id, pe.last_name, pe.first_name` : sql`p.id, a.id`;
  return queryRows<ConsolidationRow>(
    db,
    sql`select ${key},
               coalesce(sum(e.centi) filter (where l.approval = 'approved'), 0)::int as approved,
               coalesce(sum(e.centi) filter (where l.approval <> 'approved' and s.status = 'submitted'), 0)::int as submitted,
               coalesce(sum(e.centi) filter (where l.approval <> 'approved' and s.status in ('draft', 'rejected')), 0)::int as draft,
               count(distinct s.person_id)::int as people
        from timesheet_entries e
        join timesheet_lines l on l.id = e.line_id
        join timesheets s on s.id = l.timesheet_id
        join people pe on pe.id = s.person_id
        left join projects p on p.id = l.project_id
        left join time_activities a on a.id = l.activity_id
        where e.date between ${from} and ${to}
        group by ${group}
        order by 4, 3`,
  );
}

/** Approved hours aggregated by (project, task, person, date), for finance and progress. */
export function approvedHours(
  db: Executor,
  f: { projectIds?: readonly string[]; personIds?: readonly string[]; from?: string; to?: string },
) {
  const where: SQL[] = [sql`l.approval = 'approved'`, sql`l.project_id is not null`];
  if (f.projectIds) where.push(sql`l.project_id = any(${uuidArray(f.projectIds)})`);
  if (f.personIds) where.push(sql`s.person_id = any(${uuidArray(f.personIds)})`);
  if (f.from) where.push(sql`e.date >= ${f.from}`);
  if (f.to) where.push(sql`e.date <= ${f.to}`);
  return queryRows<{
    projectId: string;
    taskId: string | null;
    personId: string;
    date: string;
    centi: number;
  }>(
    db,
    sql`select l.project_id as "projectId", l.task_id as "taskId", s.person_id as "personId", e.date,
               sum(e.centi)::int as centi
        from timesheet_entries e
        join timesheet_lines l on l.id = e.line_id
        join timesheets s on s.id = l.timesheet_id
        where ${sql.join(where, sql` and `)}
        group by 1, 2, 3, 4
        order by 1, 4, 3`,
  );
}

/** Approved hours per task of a project (actual work, for the plan). */
export function approvedHoursByTask(db: Executor, projectId: string) {
  return queryRows<{ taskId: string; centi: number }>(
    db,
    sql`select l.task_id as "taskId", sum(e.centi)::int as centi
        from timesheet_lines l join timesheet_entries e on e.line_id = l.id
        where l.project_id = ${projectId} and l.task_id is not null and l.approval = 'approved'
        group by 1`,
  );
}

// ---------------------------------------------------------------- reminders

/**
 * The people with an account who have not submitted the week starting `weekStart` (no sheet,
 * or one still in draft or rejected). People without an account cannot fill a timesheet.
 */
export function missingSheets(db: Executor, weekStart: string) {
  return queryRows<{ userId: string; personId: string; status: string | null }>(
    db,
    sql`select u.id as "userId", pe.id as "personId", s.status
        from users u join people pe on pe.id = u.person_id
        left join timesheets s on s.person_id = pe.id and s.week_start = ${weekStart}
        where not u.disabled and pe.archived_at is null
          and (s.id is null or s.status in ('draft', 'rejected'))`,
  );
}

/** The accounts of people who manage someone with a sheet waiting since before `before`. */
export function approversWithOldPending(db: Executor, before: string) {
  return queryRows<{ userId: string; count: number; oldest: string }>(
    db,
    sql`select u.id as "userId", count(distinct s.id)::int as count,
               to_char(min(s.week_start), 'YYYY-MM-DD') as oldest
        from timesheets s join people pe on pe.id = s.person_id
        join users u on u.person_id = pe.manager_id
        where s.status = 'submitted' and s.week_start < ${before} and not u.disabled
        group by u.id`,
  );
}

/** Every entry of a period with its person, target and state (the export's detail sheet). */
export function entriesDetail(db: Executor, from: string, to: string) {
  return queryRows<{
    person: string;
    lastName: string;
    firstName: string;
    projectCode: string | null;
    projectName: string | null;
    taskName: string | null;
    activityName: string | null;
    date: string;
    centi: number;
    status: string;
    approval: string;
  }>(
    db,
    sql`select pe.last_name || ' ' || pe.first_name as person, pe.last_name as "lastName",
               pe.first_name as "firstName", p.code as "projectCode", p.name as "projectName",
               t.name as "taskName", a.name as "activityName", e.date, e.centi, s.status, l.approval
        from timesheet_entries e
        join timesheet_lines l on l.id = e.line_id
        join timesheets s on s.id = l.timesheet_id
        join people pe on pe.id = s.person_id
        left join projects p on p.id = l.project_id
        left join plan_tasks t on t.id = l.task_id
        left join time_activities a on a.id = l.activity_id
        where e.date between ${from} and ${to}
        order by 1, e.date, 4 nulls last, 7`,
  );
}
