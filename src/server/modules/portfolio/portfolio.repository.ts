import { createHash } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import { type Executor, preparedOn, queryRows } from '../../db/client.ts';
import { orgUnits, people } from '../org/org.tables.ts';
import { portfolios, programs, projectMembers, projects } from './portfolio.tables.ts';
import { projectViewsChanged } from './project-view-cache.ts';

export type PortfolioRow = typeof portfolios.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

/** Who is asking, as the visibility filter needs it: all projects, or those of one person. */
export type Visibility = { all: true } | { all: false; personId: string | null };

/** The SQL condition "the project is visible" for a member: they hold a role on it. */
export function visibleCondition(v: Visibility): SQL | undefined {
  if (v.all) return undefined;
  if (!v.personId) return sql`false`;
  return sql`(${projects.managerId} = ${v.personId} or ${projects.sponsorId} = ${v.personId} or exists (
    select 1 from ${projectMembers} m where m.project_id = ${projects.id} and m.person_id = ${v.personId}))`;
}

/**
 * The SQL condition "the programme is visible": for a member, one they manage or one holding a
 * project they may see (programme names can be confidential too).
 */
function programVisibleCondition(v: Visibility): SQL | undefined {
  if (v.all) return undefined;
  if (!v.personId) return sql`false`;
  return sql`(${programs.managerId} = ${v.personId} or exists (
    select 1 from ${projects} where ${projects.programId} = ${programs.id} and ${visibleCondition(v)}))`;
}

/** The SQL condition "the portfolio is visible": owned, or holding a visible programme or project. */
function portfolioVisibleCondition(v: Visibility): SQL | undefined {
  if (v.all) return undefined;
  if (!v.personId) return sql`false`;
  return sql`(${portfolios.ownerId} = ${v.personId}
    or exists (select 1 from programs g where g.portfolio_id = ${portfolios.id} and g.manager_id = ${v.personId})
    or exists (select 1 from ${projects} where ${projects.portfolioId} = ${portfolios.id} and ${visibleCondition(v)}))`;
}

const personName = (t: { firstName: AnyPgColumn; lastName: AnyPgColumn }) =>
  sql<string>`${t.firstName} || ' ' || ${t.lastName}`;

// ---------------------------------------------------------------- portfolios and programs

/** Portfolios with their counts; one portfolio when `id` is given. */
export async function listPortfolios(db: Executor, v: Visibility, id?: string) {
  const visible = visibleCondition(v);
  return db
    .select({
      p: portfolios,
      ownerName: personName(people),
      programCount: sql<number>`(select count(*)::int from ${programs} where ${programs.portfolioId} = ${portfolios.id} and ${programs.archivedAt} is null ${visible ? sql`and ${programVisibleCondition(v)}` : sql``})`,
      projectCount: sql<number>`(select count(*)::int from ${projects} where ${projects.portfolioId} = ${portfolios.id} and ${projects.archivedAt} is null ${visible ? sql`and ${visible}` : sql``})`,
    })
    .from(portfolios)
    .leftJoin(people, eq(people.id, portfolios.ownerId))
    .where(and(id ? eq(portfolios.id, id) : undefined, portfolioVisibleCondition(v)))
    .orderBy(asc(portfolios.name));
}

export async function findPortfolio(db: Executor, id: string) {
  const [row] = await db.select().from(portfolios).where(eq(portfolios.id, id));
  return row;
}

export async function insertPortfolio(db: Executor, values: typeof portfolios.$inferInsert) {
  const [row] = await db.insert(portfolios).values(values).returning();
  return row!;
}

export async function updatePortfolio(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof portfolios.$inferInsert>,
) {
  const [row] = await db
    .update(portfolios)
    .set({ ...values, version: sql`${portfolios.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(portfolios.id, id), eq(portfolios.version, version)))
    .returning();
  await projectViewsChanged(db); // a project shows its portfolio's name
  return row;
}

/** Programmes with their counts, of one portfolio or all; one programme when `id` is given. */
export async function listPrograms(
  db: Executor,
  v: Visibility,
  filter: { portfolioId?: string | undefined; id?: string } = {},
) {
  const visible = visibleCondition(v);
  return db
    .select({
      g: programs,
      portfolioName: portfolios.name,
      managerName: personName(people),
      projectCount: sql<number>`(select count(*)::int from ${projects} where ${projects.programId} = ${programs.id} and ${projects.archivedAt} is null ${visible ? sql`and ${visible}` : sql``})`,
    })
    .from(programs)
    .innerJoin(portfolios, eq(portfolios.id, programs.portfolioId))
    .leftJoin(people, eq(people.id, programs.managerId))
    .where(
      and(
        filter.portfolioId ? eq(programs.portfolioId, filter.portfolioId) : undefined,
        filter.id ? eq(programs.id, filter.id) : undefined,
        programVisibleCondition(v),
      ),
    )
    .orderBy(asc(programs.name));
}

export async function findProgram(db: Executor, id: string) {
  const [row] = await db.select().from(programs).where(eq(programs.id, id));
  return row;
}

export async function insertProgram(db: Executor, values: typeof programs.$inferInsert) {
  const [row] = await db.insert(programs).values(values).returning();
  return row!;
}

export async function updateProgram(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof programs.$inferInsert>,
) {
  const [row] = await db
    .update(programs)
    .set({ ...values, version: sql`${programs.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(programs.id, id), eq(programs.version, version)))
    .returning();
  await projectViewsChanged(db); // a project shows its programme's name
  return row;
}

/** Visible, non-archived project counts per (portfolio, program), for the navigation tree. */
export async function countProjectsByProgram(db: Executor, v: Visibility) {
  const visible = visibleCondition(v);
  return db
    .select({
      portfolioId: projects.portfolioId,
      programId: projects.programId,
      n: sql<number>`count(*)::int`,
    })
    .from(projects)
    .where(and(sql`${projects.archivedAt} is null`, visible))
    .groupBy(projects.portfolioId, projects.programId);
}

// ---------------------------------------------------------------- projects

const manager = alias(people, 'manager');
const sponsor = alias(people, 'sponsor');

/** The project columns a list row shows (not the description or custom fields, which can be long). */
const summaryColumns = {
  id: projects.id,
  code: projects.code,
  name: projects.name,
  status: projects.status,
  priority: projects.priority,
  portfolioId: projects.portfolioId,
  programId: projects.programId,
  parentId: projects.parentId,
  managerId: projects.managerId,
  orgUnitId: projects.orgUnitId,
  plannedStart: projects.plannedStart,
  plannedEnd: projects.plannedEnd,
  tags: projects.tags,
  archivedAt: projects.archivedAt,
  updatedAt: projects.updatedAt,
};

function selectProjects(db: Executor) {
  return db
    .select({
      p: summaryColumns,
      portfolioName: portfolios.name,
      programName: programs.name,
      managerName: personName(manager),
      sponsorName: personName(sponsor),
      orgUnitName: orgUnits.name,
      childCount: sql<number>`(select count(*)::int from projects c where c.parent_id = ${projects.id} and c.archived_at is null)`,
    })
    .from(projects)
    .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(programs, eq(programs.id, projects.programId))
    .leftJoin(manager, eq(manager.id, projects.managerId))
    .leftJoin(sponsor, eq(sponsor.id, projects.sponsorId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.orgUnitId))
    .$dynamic();
}

export type ProjectView = Awaited<ReturnType<ReturnType<typeof selectProjects>['execute']>>[number];

/**
 * The same rows as one text array each, in `SUMMARY_FIELDS` order, for the API's
 * `ProjectSummary` JSON built by the service (`summaryJson`), with the text of the sort key for
 * the cursor. PostgreSQL outputs plain text (building the JSON there cost it ~40 µs a row:
 * `json_build_object` and `to_char` per row were most of a list's database time) and Jalon maps
 * no typed columns: one array per row, spliced into the JSON as it is.
 */
function selectProjectsJson(db: Executor, sort: SortKey) {
  return db
    .select({
      f: sql<string>`array_to_json(array[
        ${projects.id}::text, (${SORT_KEYS[sort].expr})::text, ${projects.code}, ${projects.name},
        ${projects.status}, ${projects.priority}, ${projects.portfolioId}::text, ${portfolios.name},
        ${projects.programId}::text, ${programs.name}, ${projects.parentId}::text,
        ${projects.managerId}::text, ${personName(manager)},
        ${projects.orgUnitId}::text, ${orgUnits.name},
        ${projects.plannedStart}::text, ${projects.plannedEnd}::text, array_to_json(${projects.tags})::text,
        (select count(*)::int from projects c where c.parent_id = ${projects.id} and c.archived_at is null)::text,
        (${projects.archivedAt} is not null)::text,
        (extract(epoch from date_trunc('milliseconds', ${projects.updatedAt})) * 1000)::bigint::text
      ])::text`,
    })
    .from(projects)
    .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(programs, eq(programs.id, projects.programId))
    .leftJoin(manager, eq(manager.id, projects.managerId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.orgUnitId))
    .$dynamic();
}

export const SORT_KEYS = {
  name: { expr: sql`${projects.name}`, cast: 'text' },
  code: { expr: sql`${projects.code}`, cast: 'text' },
  plannedStart: { expr: sql`coalesce(${projects.plannedStart}, '9999-12-31'::date)`, cast: 'date' },
  plannedEnd: { expr: sql`coalesce(${projects.plannedEnd}, '9999-12-31'::date)`, cast: 'date' },
  // JavaScript dates (and so cursors) keep milliseconds; PostgreSQL keeps microseconds.
  updatedAt: { expr: sql`date_trunc('milliseconds', ${projects.updatedAt})`, cast: 'timestamptz' },
} as const;
export type SortKey = keyof typeof SORT_KEYS;

export interface ProjectFilter {
  visibility: Visibility;
  portfolioId?: string | undefined;
  programId?: string | undefined;
  parentId?: string | undefined;
  topLevel?: boolean | undefined;
  status?: string[] | undefined;
  managerId?: string | undefined;
  orgUnitId?: string | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
}

/**
 * The list query with placeholders for every value, so that it is built once per shape (which
 * filters are present, the sort, the order, whether there is a cursor) and then reused.
 */
function listShape(f: ProjectFilter, after: boolean) {
  const values: Record<string, unknown> = {};
  const shape: string[] = [];
  const p = (name: string, value: unknown) => {
    values[name] = value;
    shape.push(name);
    return sql.placeholder(name);
  };
  const v = f.visibility;
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const build = (sort: SortKey, order: 'asc' | 'desc') => {
    const where: (SQL | undefined)[] = [
      v.all
        ? undefined
        : v.personId
          ? // The member's few projects first (their memberships, the projects they manage or
            // sponsor, each by its index), then the other filters on those rows only: the same
            // rows as `visibleCondition`, without testing every project of the portfolio.
            sql`${projects.id} in (
    select m.project_id from ${projectMembers} m where m.person_id = ${p('person', v.personId)}
    union all select x.id from projects x where x.manager_id = ${sql.placeholder('person')}
    union all select x.id from projects x where x.sponsor_id = ${sql.placeholder('person')})`
          : sql`false`,
      f.includeArchived ? undefined : sql`${projects.archivedAt} is null`,
      f.portfolioId ? eq(projects.portfolioId, p('portfolioId', f.portfolioId)) : undefined,
      f.programId ? eq(projects.programId, p('programId', f.programId)) : undefined,
      f.parentId ? eq(projects.parentId, p('parentId', f.parentId)) : undefined,
      f.topLevel ? sql`${projects.parentId} is null` : undefined,
      f.status?.length
        ? sql`${projects.status} = any(${p('status', f.status)}::text[])`
        : undefined,
      f.managerId ? eq(projects.managerId, p('managerId', f.managerId)) : undefined,
      f.orgUnitId ? eq(projects.orgUnitId, p('orgUnitId', f.orgUnitId)) : undefined,
      like
        ? sql`(${projects.code} ilike ${p('q', like)} or ${projects.name} ilike ${sql.placeholder('q')})`
        : undefined,
    ];
    const key = SORT_KEYS[sort];
    const dir = order === 'asc' ? sql`asc` : sql`desc`;
    if (after) {
      const cmp = order === 'asc' ? sql`>` : sql`<`;
      where.push(
        sql`(${key.expr}, ${projects.id}) ${cmp} (${p('after0', null)}::${sql.raw(key.cast)}, ${p('after1', null)}::uuid)`,
      );
    }
    return { where, order: [sql`${key.expr} ${dir}`, sql`${projects.id} ${dir}`] };
  };
  return { build, values, shape };
}

/** The values and the shape key of a list query (which filters, sort, order, cursor). */
function listParams(
  f: ProjectFilter,
  sort: SortKey,
  order: 'asc' | 'desc',
  after: [string, string] | undefined,
) {
  const { build, values, shape } = listShape(f, after !== undefined);
  build(sort, order); // fills `values` and `shape`
  const v = f.visibility;
  const key = `${shape.join(',')}|${v.all ? 'all' : v.personId ? 'person' : 'nobody'}|${f.includeArchived ? 'a' : ''}${f.topLevel ? 't' : ''}|${sort}|${order}`;
  if (after) {
    values.after0 = after[0];
    values.after1 = after[1];
  }
  return { key, values };
}

type ListQuery = ReturnType<ReturnType<typeof listShape>['build']>;

/**
 * A list query prepared by `prepare` once per database handle and per shape (which filters,
 * sort, order, cursor), under a name derived from `prefix` and the shape, then run with the
 * request's values: a page costs no SQL building and no planning.
 */
function preparedList<Q extends { execute(values: Record<string, unknown>): Promise<unknown> }>(
  prefix: string,
  prepare: (db: Executor, sort: SortKey, q: ListQuery, name: string) => Q,
) {
  const caches = new WeakMap<Executor, Map<string, Q>>();
  return (
    db: Executor,
    f: ProjectFilter,
    sort: SortKey,
    order: 'asc' | 'desc',
    after: [string, string] | undefined,
    limit: number,
  ) => {
    const { key, values } = listParams(f, sort, order, after);
    let cache = caches.get(db);
    if (!cache) {
      cache = new Map();
      caches.set(db, cache);
    }
    let query = cache.get(key);
    if (!query) {
      const name = `${prefix}_${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
      query = prepare(db, sort, listShape(f, after !== undefined).build(sort, order), name);
      cache.set(key, query);
    }
    return query.execute({ ...values, limit }) as ReturnType<Q['execute']>;
  };
}

/** One page of projects, keyset-paginated on (sort key, id). Reads `limit` rows at most. */
export const listProjects = preparedList('list_projects', (db, _sort, q, name) =>
  selectProjects(db)
    .where(and(...q.where))
    .orderBy(...q.order)
    .limit(sql.placeholder('limit'))
    .prepare(name),
);

/** `listProjects`, each row as the text array of `selectProjectsJson` (id and cursor first). */
export const listProjectsJson = preparedList('list_pj', (db, sort, q, name) =>
  selectProjectsJson(db, sort)
    .where(and(...q.where))
    .orderBy(...q.order)
    .limit(sql.placeholder('limit'))
    .prepare(name),
);

/** The value of the sort key of a row, as it goes into a cursor. */
export function sortValue(
  row: Pick<ProjectRow, 'name' | 'code' | 'plannedStart' | 'plannedEnd' | 'updatedAt'>,
  sort: SortKey,
): string {
  switch (sort) {
    case 'name':
      return row.name;
    case 'code':
      return row.code;
    case 'plannedStart':
      return row.plannedStart ?? '9999-12-31';
    case 'plannedEnd':
      return row.plannedEnd ?? '9999-12-31';
    case 'updatedAt':
      return row.updatedAt.toISOString();
  }
}

const findProjectViewForQuery = preparedOn((db) =>
  db
    .select({
      p: projects,
      portfolioName: portfolios.name,
      programName: programs.name,
      managerName: personName(manager),
      sponsorName: personName(sponsor),
      orgUnitName: orgUnits.name,
      childCount: sql<number>`(select count(*)::int from projects c where c.parent_id = ${projects.id} and c.archived_at is null)`,
      memberRoles: sql<
        string[]
      >`array(select m.role from project_members m where m.project_id = ${projects.id} and m.person_id = ${sql.placeholder('personId')})`,
      // Root first; in the same query, so a project read is one round trip.
      ancestors: sql<Array<{ id: string; code: string; name: string }>>`(
        with recursive up(id, parent_id, depth) as (
          select a.id, a.parent_id, 1 from projects a where a.id = ${projects.parentId}
          union all
          select a.id, a.parent_id, up.depth + 1 from projects a join up on a.id = up.parent_id where up.depth < 50
        )
        select coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name) order by up.depth desc), '[]'::json)
        from up join projects a on a.id = up.id)`,
    })
    .from(projects)
    .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(programs, eq(programs.id, projects.programId))
    .leftJoin(manager, eq(manager.id, projects.managerId))
    .leftJoin(sponsor, eq(sponsor.id, projects.sponsorId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.orgUnitId))
    .where(eq(projects.id, sql.placeholder('id')))
    .prepare('find_project_view_for'),
);

/** A project's view with the roles `personId` holds on it by membership, in one query. */
export async function findProjectViewFor(db: Executor, id: string, personId: string | null) {
  const [row] = await findProjectViewForQuery(db).execute({ id, personId });
  return row;
}

export async function findProject(db: Executor, id: string) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row;
}

/** Locks the project row for the rest of the transaction. */
export async function findProjectForUpdate(db: Executor, id: string) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('update');
  return row;
}

/** Ids of every descendant of a project (not the project itself). */
export async function projectDescendants(db: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive down(id, depth) as (
      select id, 0 from projects where parent_id = ${id}
      union all
      select p.id, down.depth + 1 from projects p join down on p.parent_id = down.id where down.depth < 50
    ) select id from down`,
  );
  return rows.map((r) => r.id);
}

/** The roles a person holds on a project: membership, and manager or sponsor by assignment. */
export async function rolesOf(
  db: Executor,
  project: ProjectRow,
  personId: string | null,
): Promise<string[]> {
  if (!personId) return [];
  const roles = new Set<string>();
  if (project.managerId === personId) roles.add('project_manager');
  if (project.sponsorId === personId) roles.add('sponsor');
  const rows = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.personId, personId)));
  for (const r of rows) roles.add(r.role);
  return [...roles];
}

export async function insertProject(db: Executor, values: typeof projects.$inferInsert) {
  const [row] = await db.insert(projects).values(values).returning();
  await projectViewsChanged(db); // its parent's sub-project count
  return row!;
}

export async function updateProject(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof projects.$inferInsert>,
) {
  const [row] = await db
    .update(projects)
    .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning();
  await projectViewsChanged(db);
  return row;
}

/** Moves descendants to another portfolio, dropping programs that do not belong to it. */
export async function movePortfolioOfProjects(db: Executor, ids: string[], portfolioId: string) {
  if (ids.length === 0) return;
  await db.execute(sql`
    update projects set portfolio_id = ${portfolioId},
      program_id = case when program_id in (select id from programs where portfolio_id = ${portfolioId}) then program_id else null end,
      version = version + 1, updated_at = now()
    where id in ${ids}`);
  await projectViewsChanged(db);
}

export async function setArchived(db: Executor, ids: string[], archived: boolean) {
  if (ids.length === 0) return;
  await db.execute(sql`
    update projects set archived_at = ${archived ? sql`now()` : sql`null`}, version = version + 1, updated_at = now()
    where id in ${ids}`);
  await projectViewsChanged(db);
}

// ---------------------------------------------------------------- members

export async function listMembers(db: Executor, projectId: string) {
  return db
    .select({
      m: projectMembers,
      name: personName(people),
      email: people.email,
      jobTitle: people.jobTitle,
    })
    .from(projectMembers)
    .innerJoin(people, eq(people.id, projectMembers.personId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(people.lastName), asc(people.firstName));
}

export async function insertMember(db: Executor, values: typeof projectMembers.$inferInsert) {
  const [row] = await db.insert(projectMembers).values(values).returning();
  await projectViewsChanged(db); // the person's roles on the project
  return row!;
}

export async function findMember(db: Executor, projectId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.id, memberId), eq(projectMembers.projectId, projectId)));
  return row;
}

export async function deleteMember(db: Executor, memberId: string) {
  await db.delete(projectMembers).where(eq(projectMembers.id, memberId));
  await projectViewsChanged(db);
}

/** Code and name of projects by id, in one query (one array parameter). */
export async function projectRefs(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; code: string; name: string; priority: string }>(
    db,
    sql`select id, code, name, priority from projects where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
}
