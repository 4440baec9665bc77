import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { type Executor, queryRows, readConcurrently } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import {
  absences,
  allocations,
  costRates,
  resourceProfiles,
  resourceRoles,
  resourceTeams,
  taskAssignments,
} from './resources.tables.ts';

export type RoleRow = typeof resourceRoles.$inferSelect;
export type TeamRow = typeof resourceTeams.$inferSelect;
export type ProfileRow = typeof resourceProfiles.$inferSelect;
export type RateRow = typeof costRates.$inferSelect;
export type AbsenceRow = typeof absences.$inferSelect;
export type AllocationRow = typeof allocations.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;

/** A uuid[] literal passed as one parameter (no limit on the number of ids). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The rows of a query as one JSON value: for the capacity reads of tens of thousands of rows,
 * which both drivers hand over far faster as one value than as rows.
 */
async function jsonRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select coalesce(json_agg(x), '[]')::text as data from (${query}) x`,
  );
  return JSON.parse(row?.data ?? '[]') as T[];
}

// ---------------------------------------------------------------- roles and teams

export async function listRoles(db: Executor) {
  return queryRows<RoleRow & { headcount: number }>(
    db,
    sql`select r.id, r.code, r.name, r.default_rate_minor as "defaultRateMinor", r.currency,
               r.version, (select count(*)::int from resource_profiles p where p.role_id = r.id) as headcount
        from resource_roles r order by r.name, r.id`,
  );
}

export async function findRole(db: Executor, id: string) {
  const [row] = await db.select().from(resourceRoles).where(eq(resourceRoles.id, id));
  return row;
}

export async function insertRole(db: Executor, values: typeof resourceRoles.$inferInsert) {
  const [row] = await db.insert(resourceRoles).values(values).returning();
  return row!;
}

export async function updateRole(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof resourceRoles.$inferInsert>,
) {
  const [row] = await db
    .update(resourceRoles)
    .set({ ...values, version: sql`${resourceRoles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resourceRoles.id, id), eq(resourceRoles.version, version)))
    .returning();
  return row;
}

export async function listTeams(db: Executor) {
  return queryRows<TeamRow & { headcount: number }>(
    db,
    sql`select t.id, t.code, t.name, t.lead_id as "leadId", t.version,
               (select count(*)::int from resource_profiles p where p.team_id = t.id) as headcount
        from resource_teams t order by t.name, t.id`,
  );
}

export async function findTeam(db: Executor, id: string) {
  const [row] = await db.select().from(resourceTeams).where(eq(resourceTeams.id, id));
  return row;
}

export async function insertTeam(db: Executor, values: typeof resourceTeams.$inferInsert) {
  const [row] = await db.insert(resourceTeams).values(values).returning();
  return row!;
}

export async function updateTeam(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof resourceTeams.$inferInsert>,
) {
  const [row] = await db
    .update(resourceTeams)
    .set({ ...values, version: sql`${resourceTeams.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resourceTeams.id, id), eq(resourceTeams.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- profiles and rates

export async function listProfiles(db: Executor): Promise<ProfileRow[]> {
  const rows = await jsonRows<{
    p: string;
    r: string | null;
    t: string | null;
    w: number[];
    v: number;
  }>(
    db,
    sql`select person_id as p, role_id as r, team_id as t, week_hours as w, version as v from resource_profiles`,
  );
  return rows.map((x) => ({
    personId: x.p,
    roleId: x.r,
    teamId: x.t,
    weekHours: x.w,
    version: x.v,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  }));
}

export async function findProfile(db: Executor, personId: string) {
  const [row] = await db
    .select()
    .from(resourceProfiles)
    .where(eq(resourceProfiles.personId, personId));
  return row;
}

/** Creates (expected version 0) or updates (expected version n) a profile; undefined on a miss. */
export async function saveProfile(
  db: Executor,
  personId: string,
  version: number,
  values: { roleId: string | null; teamId: string | null; weekHours: number[] },
) {
  if (version === 0) {
    const [row] = await db
      .insert(resourceProfiles)
      .values({ personId, ...values })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(resourceProfiles)
    .set({ ...values, version: sql`${resourceProfiles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resourceProfiles.personId, personId), eq(resourceProfiles.version, version)))
    .returning();
  return row;
}

export async function insertProfiles(
  db: Executor,
  values: (typeof resourceProfiles.$inferInsert)[],
) {
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(resourceProfiles).values(values.slice(i, i + 1000));
  }
}

export async function ratesOf(db: Executor, personIds: readonly string[] | 'all') {
  const where = personIds === 'all' ? sql`true` : sql`person_id = any(${uuidArray(personIds)})`;
  if (personIds !== 'all' && personIds.length === 0) return [];
  return queryRows<{
    id: string;
    person_id: string;
    valid_from: string;
    rate_minor: number;
    currency: string;
  }>(
    db,
    sql`select id, person_id, valid_from, rate_minor, currency from resource_cost_rates
        where ${where} order by person_id, valid_from`,
  );
}

/** Sets the rate of a person from a date, replacing one that starts the same day. */
export async function upsertRate(db: Executor, values: typeof costRates.$inferInsert) {
  const [row] = await db
    .insert(costRates)
    .values(values)
    .onConflictDoUpdate({
      target: [costRates.personId, costRates.validFrom],
      set: { rateMinor: values.rateMinor, currency: values.currency ?? 'EUR' },
    })
    .returning();
  return row!;
}

export async function insertRates(db: Executor, values: (typeof costRates.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(costRates).values(values.slice(i, i + 1000));
  }
}

export async function findRate(db: Executor, personId: string, id: string) {
  const [row] = await db
    .select()
    .from(costRates)
    .where(and(eq(costRates.id, id), eq(costRates.personId, personId)));
  return row;
}

export async function deleteRate(db: Executor, id: string) {
  await db.delete(costRates).where(eq(costRates.id, id));
}

/** Default role rates of people: person id → the role's default rate. */
export async function roleRatesOf(db: Executor, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return queryRows<{ person_id: string; rate_minor: number; currency: string }>(
    db,
    sql`select p.person_id, r.default_rate_minor as rate_minor, r.currency
        from resource_profiles p join resource_roles r on r.id = p.role_id
        where p.person_id = any(${uuidArray(personIds)})`,
  );
}

// ---------------------------------------------------------------- absences

export async function listAbsences(
  db: Executor,
  f: {
    personIds?: readonly string[] | undefined;
    from?: string | undefined;
    to?: string | undefined;
    status?: string | undefined;
  },
) {
  const conds: SQL[] = [];
  if (f.personIds) conds.push(sql`person_id = any(${uuidArray(f.personIds)})`);
  if (f.from) conds.push(sql`finish >= ${f.from}`);
  if (f.to) conds.push(sql`start <= ${f.to}`);
  if (f.status) conds.push(sql`status = ${f.status}`);
  return db
    .select()
    .from(absences)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(absences.start), asc(absences.id))
    .limit(2000);
}

export async function findAbsence(db: Executor, id: string) {
  const [row] = await db.select().from(absences).where(eq(absences.id, id));
  return row;
}

/** Live (requested or approved) absences of a person overlapping a period. */
export async function overlappingAbsences(
  db: Executor,
  personId: string,
  start: string,
  finish: string,
) {
  return db
    .select({ id: absences.id })
    .from(absences)
    .where(
      and(
        eq(absences.personId, personId),
        sql`${absences.status} in ('requested', 'approved')`,
        sql`${absences.start} <= ${finish} and ${absences.finish} >= ${start}`,
      ),
    );
}

export async function insertAbsence(db: Executor, values: typeof absences.$inferInsert) {
  const [row] = await db.insert(absences).values(values).returning();
  return row!;
}

export async function insertAbsences(db: Executor, values: (typeof absences.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(absences).values(values.slice(i, i + 1000));
  }
}

export async function updateAbsence(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof absences.$inferInsert>,
) {
  const [row] = await db
    .update(absences)
    .set({ ...values, version: sql`${absences.version} + 1`, updatedAt: new Date() })
    .where(and(eq(absences.id, id), eq(absences.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- allocations

export async function listAllocations(
  db: Executor,
  f: {
    projectId?: string | undefined;
    personIds?: readonly string[] | undefined;
    from?: string | undefined;
    to?: string | undefined;
    status?: string | undefined;
  },
) {
  const conds: SQL[] = [];
  if (f.projectId) conds.push(eq(allocations.projectId, f.projectId));
  if (f.personIds) conds.push(sql`${allocations.personId} = any(${uuidArray(f.personIds)})`);
  if (f.from) conds.push(sql`${allocations.finish} >= ${f.from}`);
  if (f.to) conds.push(sql`${allocations.start} <= ${f.to}`);
  if (f.status) conds.push(eq(allocations.status, f.status));
  return db
    .select()
    .from(allocations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(allocations.start), asc(allocations.id))
    .limit(5000);
}

export async function findAllocation(db: Executor, id: string) {
  const [row] = await db.select().from(allocations).where(eq(allocations.id, id));
  return row;
}

export async function insertAllocation(db: Executor, values: typeof allocations.$inferInsert) {
  const [row] = await db.insert(allocations).values(values).returning();
  return row!;
}

export async function insertAllocations(db: Executor, values: (typeof allocations.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(allocations).values(values.slice(i, i + 1000));
  }
}

export async function updateAllocation(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof allocations.$inferInsert>,
) {
  const [row] = await db
    .update(allocations)
    .set({ ...values, version: sql`${allocations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(allocations.id, id), eq(allocations.version, version)))
    .returning();
  return row;
}

export async function deleteAllocation(db: Executor, id: string) {
  await db.delete(allocations).where(eq(allocations.id, id));
}

// ---------------------------------------------------------------- task assignments

export async function listAssignments(db: Executor, projectId: string, taskId?: string) {
  return db
    .select()
    .from(taskAssignments)
    .where(
      taskId
        ? and(eq(taskAssignments.projectId, projectId), eq(taskAssignments.taskId, taskId))
        : eq(taskAssignments.projectId, projectId),
    )
    .orderBy(asc(taskAssignments.createdAt), asc(taskAssignments.id));
}

export async function findAssignment(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(taskAssignments)
    .where(and(eq(taskAssignments.id, id), eq(taskAssignments.projectId, projectId)));
  return row;
}

export async function insertAssignment(db: Executor, values: typeof taskAssignments.$inferInsert) {
  const [row] = await db.insert(taskAssignments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function insertAssignments(
  db: Executor,
  values: (typeof taskAssignments.$inferInsert)[],
) {
  for (let i = 0; i < values.length; i += 1000) {
    await db.insert(taskAssignments).values(values.slice(i, i + 1000));
  }
}

export async function updateAssignment(
  db: Executor,
  id: string,
  version: number,
  effortHours: number,
) {
  const [row] = await db
    .update(taskAssignments)
    .set({ effortHours, version: sql`${taskAssignments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(taskAssignments.id, id), eq(taskAssignments.version, version)))
    .returning();
  return row;
}

export async function deleteAssignment(db: Executor, id: string) {
  await db.delete(taskAssignments).where(eq(taskAssignments.id, id));
}

// ---------------------------------------------------------------- capacity inputs, set-wise

/**
 * Everything the capacity engine reads, in four reads of one snapshot (concurrent on
 * PostgreSQL: `readConcurrently`), each one JSON value of columns of numbers: people and projects are given as their index in `people` and `projects`. Loads are
 * the allocations and the task assignments (with their task's dates, joined here rather than
 * sent back and forth as ids) overlapping `[from, to)`; kind 0 = hours a week, 1 = percent,
 * 2 = task effort. Only active people are read — only some of them with `only` (ids, a team, a
 * role, an org unit) — with what the views show of them (name, org unit), so that no other
 * read of the directory is needed.
 */
export interface CapacityColumns {
  /** Person index → id: the active people read, by last name, first name, id. */
  people: string[];
  /** Person index → « First Last ». */
  names: string[];
  /** Person index → org unit id and name (null: none). */
  units: (string | null)[];
  unitNames: (string | null)[];
  /** Project index → id (every project, by id). */
  projects: string[];
  loads: {
    p: number[];
    j: number[];
    s: number[];
    f: number[];
    k: number[];
    a: number[];
    sf: number[];
  };
  absences: { p: number[]; s: number[]; f: number[]; d: number[] };
  profiles: { p: number[]; r: (string | null)[]; t: (string | null)[]; w: number[][] };
}

/** Which people a capacity read is about (all active people when every field is undefined). */
export interface PeopleFilter {
  ids?: readonly string[] | undefined;
  teamId?: string | undefined;
  roleId?: string | undefined;
  orgUnitId?: string | undefined;
}

export async function capacityColumns(
  db: Executor,
  f: {
    /** Loads overlapping `[from, to)`. */
    from: string;
    to: string;
    /** Approved absences overlapping `[absenceFrom, absenceTo)`. */
    absenceFrom: string;
    absenceTo: string;
    includeSoft: boolean;
    /** Only these projects' loads (a drill-down or a leveling), all when undefined. */
    projectIds?: readonly string[] | undefined;
    /** Only these people (all active people when undefined). */
    only?: PeopleFilter | undefined;
  },
): Promise<CapacityColumns> {
  const epoch = sql`date '1970-01-01'`;
  const onlyProjects = (column: SQL) =>
    f.projectIds ? sql`and ${column} = any(${uuidArray(f.projectIds)})` : sql``;
  const o = f.only ?? {};
  // The people read: active, and those of the filter (a team or role is the profile's).
  const who = sql`${people.archivedAt} is null
    ${o.ids ? sql`and ${people.id} = any(${uuidArray(o.ids)})` : sql``}
    ${o.orgUnitId ? sql`and ${people.orgUnitId} = ${o.orgUnitId}` : sql``}
    ${
      o.teamId || o.roleId
        ? sql`and exists (select 1 from ${resourceProfiles} x where x.person_id = ${people.id}
            ${o.teamId ? sql`and x.team_id = ${o.teamId}` : sql``}
            ${o.roleId ? sql`and x.role_id = ${o.roleId}` : sql``})`
        : sql``
    }`;
  // With a filter, the loads and absences read are those of the people read.
  const onlyPeople = (column: SQL) =>
    f.only ? sql`and ${column} in (select ${people.id} from ${people} where ${who})` : sql``;
  // Indices are row numbers, in inline subqueries (not CTEs) so that the planner keeps
  // the tables' statistics: a misestimate here once cost seconds of JIT compilation.
  const order = sql`order by ${people.lastName}, ${people.firstName}, ${people.id}`;
  const personIndex = sql`(select ${people.id} as id, (row_number() over (${order}) - 1)::int as i
      from ${people} where ${who})`;
  const projectIndex = sql`(select id, (row_number() over (order by id) - 1)::int as i from ${projects})`;
  // Four reads that need nothing from one another, run concurrently on PostgreSQL (each takes
  // a core; in one snapshot, so the person indices agree): the people and projects, the
  // allocations, the task assignments (the bulk: tens of thousands of rows, joined to their
  // tasks) and the absences.
  const [head, allocated, assigned, absent] = (
    await readConcurrently(db, [
      sql`select json_build_object(
          'people', (select coalesce(json_agg(${people.id} ${order}), '[]') from ${people} where ${who}),
          'names', (select coalesce(json_agg(${people.firstName} || ' ' || ${people.lastName} ${order}), '[]')
                    from ${people} where ${who}),
          'units', (select coalesce(json_agg(${people.orgUnitId} ${order}), '[]') from ${people} where ${who}),
          'unitNames', (select coalesce(json_agg(u.name ${order}), '[]')
                        from ${people} left join org_units u on u.id = ${people.orgUnitId} where ${who}),
          'projects', (select coalesce(json_agg(id order by id), '[]') from ${projects}),
          'profiles', (select json_build_object(
              'p', coalesce(json_agg(pi.i), '[]'), 'r', coalesce(json_agg(x.role_id), '[]'),
              't', coalesce(json_agg(x.team_id), '[]'), 'w', coalesce(json_agg(x.week_hours), '[]'))
            from ${resourceProfiles} x join ${personIndex} pi on pi.id = x.person_id)
        )::text as data`,
      sql`select json_build_object(
              'p', coalesce(json_agg(pi.i), '[]'), 'j', coalesce(json_agg(pj.i), '[]'),
              's', coalesce(json_agg(a.start - ${epoch}), '[]'), 'f', coalesce(json_agg(a.finish - ${epoch}), '[]'),
              'k', coalesce(json_agg(case a.unit when 'percent' then 1 else 0 end), '[]'),
              'a', coalesce(json_agg(a.amount), '[]'),
              'sf', coalesce(json_agg(case a.status when 'soft' then 1 else 0 end), '[]'))::text as data
            from ${allocations} a
            join ${personIndex} pi on pi.id = a.person_id
            join ${projectIndex} pj on pj.id = a.project_id
            where a.start < ${f.to} and a.finish >= ${f.from}
              ${f.includeSoft ? sql`` : sql`and a.status = 'hard'`} ${onlyProjects(sql`a.project_id`)}
              ${onlyPeople(sql`a.person_id`)}`,
      // Kind 2 (task effort), never soft: those two columns are filled here.
      sql`select json_build_object(
              'p', coalesce(json_agg(pi.i), '[]'), 'j', coalesce(json_agg(pj.i), '[]'),
              's', coalesce(json_agg(t.start - ${epoch}), '[]'), 'f', coalesce(json_agg(t.finish - ${epoch}), '[]'),
              'a', coalesce(json_agg(a.effort_hours), '[]'))::text as data
            from ${taskAssignments} a join ${planTasks} t on t.id = a.task_id
            join ${personIndex} pi on pi.id = a.person_id
            join ${projectIndex} pj on pj.id = a.project_id
            where a.effort_hours > 0 and t.start < ${f.to} and t.finish >= ${f.from}
              ${onlyProjects(sql`a.project_id`)} ${onlyPeople(sql`a.person_id`)}`,
      sql`select json_build_object(
              'p', coalesce(json_agg(pi.i), '[]'), 's', coalesce(json_agg(x.start - ${epoch}), '[]'),
              'f', coalesce(json_agg(x.finish - ${epoch}), '[]'), 'd', coalesce(json_agg(x.day_fraction), '[]'))::text as data
            from ${absences} x join ${personIndex} pi on pi.id = x.person_id
            where x.status = 'approved' and x.start < ${f.absenceTo} and x.finish >= ${f.absenceFrom}
              ${onlyPeople(sql`x.person_id`)}`,
    ])
  ).map((rows) => JSON.parse((rows[0] as { data: string }).data) as unknown);
  const columns = head as Omit<CapacityColumns, 'loads' | 'absences'>;
  const hard = allocated as CapacityColumns['loads'];
  const work = assigned as Omit<CapacityColumns['loads'], 'k' | 'sf'>;
  const n = work.p.length;
  // Allocations first, then task effort: the order the engine has always been given them in.
  const loads: CapacityColumns['loads'] = {
    p: hard.p.concat(work.p),
    j: hard.j.concat(work.j),
    s: hard.s.concat(work.s),
    f: hard.f.concat(work.f),
    k: hard.k.concat(new Array<number>(n).fill(2)),
    a: hard.a.concat(work.a),
    sf: hard.sf.concat(new Array<number>(n).fill(0)),
  };
  return { ...columns, loads, absences: absent as CapacityColumns['absences'] };
}

/** The active people `managerId` manages (and themself, when active, with `self`): their ids. */
export async function reportIds(db: Executor, managerId: string, self: boolean) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from ${people}
        where archived_at is null
          and (manager_id = ${managerId} ${self ? sql`or id = ${managerId}` : sql``})`,
  );
  return rows.map((r) => r.id);
}

/**
 * Approved absences of some people overlapping `[from, to)` but not `[readFrom, readTo)` (read
 * already), as epoch days: the leave far from a window that a long task crossing it is spread
 * around. One statement.
 */
export async function absencesBeyond(
  db: Executor,
  personIds: readonly string[],
  f: { from: string; to: string; readFrom: string; readTo: string },
) {
  if (personIds.length === 0) return [];
  const epoch = sql`date '1970-01-01'`;
  return queryRows<{ person: string; s: number; f: number; d: number }>(
    db,
    sql`select x.person_id as person, x.start - ${epoch} as s, x.finish - ${epoch} as f,
               x.day_fraction::float8 as d
        from ${absences} x
        where x.status = 'approved' and x.person_id = any(${uuidArray([...new Set(personIds)])})
          and x.start < ${f.to}::date and x.finish >= ${f.from}::date
          and not (x.start < ${f.readTo}::date and x.finish >= ${f.readFrom}::date)
        order by x.person_id, x.start`,
  );
}
