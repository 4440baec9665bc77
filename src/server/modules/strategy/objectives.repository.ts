import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { contributions, objectives } from './objectives.tables.ts';
import { projectRequests } from './strategy.tables.ts';

export type ObjectiveRow = typeof objectives.$inferSelect;
export type NewObjective = typeof objectives.$inferInsert;
export type ContributionRow = typeof contributions.$inferSelect;
export type NewContribution = typeof contributions.$inferInsert;

/** Every node of the tree with its owner's name, axes' positions first then objectives'. */
export function listObjectives(db: Executor) {
  return db
    .select({
      o: objectives,
      ownerName: sql<string | null>`${people.firstName} || ' ' || ${people.lastName}`,
    })
    .from(objectives)
    .leftJoin(people, eq(people.id, objectives.ownerId))
    .orderBy(asc(objectives.position), asc(objectives.code));
}

export async function findObjective(db: Executor, id: string) {
  const [row] = await db.select().from(objectives).where(eq(objectives.id, id));
  return row;
}

export async function countChildren(db: Executor, id: string) {
  const [row] = await db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(objectives)
    .where(eq(objectives.parentId, id));
  return Number(row!.n);
}

export async function countContributions(db: Executor, objectiveId: string) {
  const [row] = await db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(contributions)
    .where(eq(contributions.objectiveId, objectiveId));
  return Number(row!.n);
}

export async function insertObjective(db: Executor, values: NewObjective) {
  const [row] = await db.insert(objectives).values(values).returning();
  return row!;
}

export async function updateObjective(
  db: Executor,
  id: string,
  version: number,
  values: Partial<NewObjective>,
) {
  const [row] = await db
    .update(objectives)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(objectives.id, id), eq(objectives.version, version)))
    .returning();
  return row;
}

export async function deleteObjective(db: Executor, id: string, version: number) {
  const [row] = await db
    .delete(objectives)
    .where(and(eq(objectives.id, id), eq(objectives.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- contributions

export function listContributionsOf(
  db: Executor,
  item: { projectId?: string; requestId?: string },
) {
  return db
    .select()
    .from(contributions)
    .where(
      item.projectId
        ? eq(contributions.projectId, item.projectId)
        : eq(contributions.requestId, item.requestId!),
    );
}

export async function findContribution(db: Executor, id: string) {
  const [row] = await db.select().from(contributions).where(eq(contributions.id, id));
  return row;
}

export async function insertContribution(db: Executor, values: NewContribution) {
  const [row] = await db.insert(contributions).values(values).returning();
  return row!;
}

export async function updateContribution(
  db: Executor,
  id: string,
  version: number,
  values: Partial<NewContribution>,
) {
  const [row] = await db
    .update(contributions)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(contributions.id, id), eq(contributions.version, version)))
    .returning();
  return row;
}

export async function deleteContribution(db: Executor, id: string, version: number) {
  const [row] = await db
    .delete(contributions)
    .where(and(eq(contributions.id, id), eq(contributions.version, version)))
    .returning();
  return row;
}

export async function insertContributions(db: Executor, values: NewContribution[]) {
  if (values.length === 0) return [];
  return db.insert(contributions).values(values).returning();
}

// ---------------------------------------------------------------- strategy map

/**
 * Top-level projects in flight (proposed, active, on hold; not archived) that the condition lets
 * the actor see, with their contributions: two set-wise queries.
 */
export async function mapProjects(db: Executor, visible: SQL | undefined) {
  const where = and(
    isNull(projects.archivedAt),
    isNull(projects.parentId),
    inArray(projects.status, ['proposed', 'active', 'on_hold']),
    visible,
  );
  const [items, links] = await Promise.all([
    db
      .select({ id: projects.id, reference: projects.code, name: projects.name })
      .from(projects)
      .where(where)
      .orderBy(asc(projects.code)),
    db
      .select({
        objectiveId: contributions.objectiveId,
        itemId: contributions.projectId,
        level: contributions.level,
      })
      .from(contributions)
      .innerJoin(projects, eq(projects.id, contributions.projectId))
      .where(where),
  ]);
  return { items, links: links.map((l) => ({ ...l, itemId: l.itemId! })) };
}

/** Candidates: requests submitted or in evaluation, with their contributions. */
export async function mapCandidates(db: Executor) {
  const open = inArray(projectRequests.stage, ['submitted', 'needs_info', 'evaluation']);
  const [items, links] = await Promise.all([
    db
      .select({
        id: projectRequests.id,
        number: projectRequests.number,
        name: projectRequests.title,
      })
      .from(projectRequests)
      .where(open)
      .orderBy(asc(projectRequests.number)),
    db
      .select({
        objectiveId: contributions.objectiveId,
        itemId: contributions.requestId,
        level: contributions.level,
      })
      .from(contributions)
      .innerJoin(projectRequests, eq(projectRequests.id, contributions.requestId))
      .where(open),
  ]);
  return { items, links: links.map((l) => ({ ...l, itemId: l.itemId! })) };
}
