import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../db/client.ts';
import { projectViewsChanged } from '../portfolio/project-view-cache.ts';
import { orgUnits, people } from './org.tables.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

// Drizzle leaves columns unqualified in a one-table select, so the correlated subquery names
// org_units.id literally (an unqualified "id" would bind to people.id).
export async function listOrgUnits(db: Executor) {
  return db
    .select({
      unit: orgUnits,
      headcount: sql<number>`(select count(*)::int from people p where p.org_unit_id = org_units.id and p.archived_at is null)`,
    })
    .from(orgUnits)
    .orderBy(asc(orgUnits.name));
}

export async function findOrgUnit(db: Executor, id: string) {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function insertOrgUnit(db: Executor, values: typeof orgUnits.$inferInsert) {
  const [row] = await db.insert(orgUnits).values(values).returning();
  return row!;
}

export async function updateOrgUnit(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof orgUnits.$inferInsert>,
) {
  const [row] = await db
    .update(orgUnits)
    .set({ ...values, version: sql`${orgUnits.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
    .returning();
  await projectViewsChanged(db); // a project shows its org unit's name
  return row;
}

export async function deleteOrgUnit(db: Executor, id: string) {
  await db.delete(orgUnits).where(eq(orgUnits.id, id));
}

/** The ids of a unit's ancestors, nearest first (to refuse cycles when moving it). */
export async function orgUnitAncestors(db: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from org_units where id = ${id}
      union all
      select o.id, o.parent_id, up.depth + 1 from org_units o join up on o.id = up.parent_id where up.depth < 100
    ) select id from up where depth > 0 order by depth`,
  );
  return rows.map((r) => r.id);
}

const manager = alias(people, 'manager');

export async function listPeople(
  db: Executor,
  opts: {
    q?: string | undefined;
    orgUnitId?: string | undefined;
    after?: [string, string, string];
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [
    isNull(people.archivedAt),
    opts.q
      ? or(
          ilike(sql`${people.firstName} || ' ' || ${people.lastName}`, `%${opts.q}%`),
          ilike(sql`${people.lastName} || ' ' || ${people.firstName}`, `%${opts.q}%`),
          ilike(people.email, `%${opts.q}%`),
        )
      : undefined,
    opts.orgUnitId ? eq(people.orgUnitId, opts.orgUnitId) : undefined,
    opts.after
      ? sql`(${people.lastName}, ${people.firstName}, ${people.id}) > (${opts.after[0]}, ${opts.after[1]}, ${opts.after[2]}::uuid)`
      : undefined,
  ];
  return selectPeople(db)
    .where(and(...where))
    .orderBy(asc(people.lastName), asc(people.firstName), asc(people.id))
    .limit(opts.limit);
}

function selectPeople(db: Executor) {
  return db
    .select({
      person: people,
      orgUnitName: orgUnits.name,
      managerFirst: manager.firstName,
      managerLast: manager.lastName,
      hasAccount: sql<boolean>`exists (select 1 from users u where u.person_id = ${people.id})`,
    })
    .from(people)
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .leftJoin(manager, eq(manager.id, people.managerId))
    .$dynamic();
}

export async function findPersonView(db: Executor, id: string) {
  const [row] = await selectPeople(db).where(eq(people.id, id));
  return row;
}

export type PersonView = NonNullable<Awaited<ReturnType<typeof findPersonView>>>;

export async function findPersonByEmail(db: Executor, email: string) {
  const [row] = await db.select().from(people).where(eq(people.email, email));
  return row;
}

export async function findPerson(db: Executor, id: string) {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function peopleExist(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(sql`${people.id} in ${ids}`);
  return new Set(rows.map((r) => r.id));
}

export async function insertPerson(db: Executor, values: typeof people.$inferInsert) {
  const [row] = await db.insert(people).values(values).returning();
  return row!;
}

export async function updatePerson(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof people.$inferInsert>,
) {
  const [row] = await db
    .update(people)
    .set({ ...values, version: sql`${people.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning();
  await projectViewsChanged(db); // a project shows its manager's and sponsor's names
  return row;
}

/**
 * Every active person in one query, with the names of their org unit and manager. Sent as one
 * JSON value (one row), which both drivers hand over far faster than thousands of rows.
 */
/**
 * Some active people as the directory lists them (name, org unit, manager), read by id: the
 * rows a view needs, not the whole directory. One statement.
 */
export async function peopleByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{
    id: string;
    first_name: string;
    last_name: string;
    job_title: string | null;
    org_unit_id: string | null;
    org_unit_name: string | null;
    manager_id: string | null;
    manager_name: string | null;
  }>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.job_title, p.org_unit_id,
               u.name as org_unit_name, p.manager_id,
               m.first_name || ' ' || m.last_name as manager_name
        from people p
        left join org_units u on u.id = p.org_unit_id
        left join people m on m.id = p.manager_id
        where p.archived_at is null and p.id = any(${`{${[...new Set(ids)].join(',')}}`}::uuid[])
        order by p.last_name, p.first_name, p.id`,
  );
}

export async function peopleDirectory(db: Executor) {
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select coalesce(json_agg(x order by x.last_name, x.first_name, x.id), '[]')::text as data from (
          select p.id, p.first_name, p.last_name, p.job_title, p.org_unit_id, u.name as org_unit_name,
                 p.manager_id, m.first_name || ' ' || m.last_name as manager_name
          from people p
          left join org_units u on u.id = p.org_unit_id
          left join people m on m.id = p.manager_id
          where p.archived_at is null) x`,
  );
  return JSON.parse(row?.data ?? '[]') as {
    id: string;
    first_name: string;
    last_name: string;
    job_title: string | null;
    org_unit_id: string | null;
    org_unit_name: string | null;
    manager_id: string | null;
    manager_name: string | null;
  }[];
}
