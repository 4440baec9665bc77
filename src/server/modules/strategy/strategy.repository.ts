import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';
import { resourceTeams } from '../resources/resources.tables.ts';
import { projectRequests } from './strategy.tables.ts';

export type RequestRow = typeof projectRequests.$inferSelect;
export type NewRequest = typeof projectRequests.$inferInsert;

const sponsor = alias(people, 'sponsor');

/** Requests with the names of what they point at (one query, joins for display only). */
function selectViews(db: Executor) {
  return db
    .select({
      r: projectRequests,
      sponsorName: sql<string | null>`${sponsor.firstName} || ' ' || ${sponsor.lastName}`,
      portfolioName: portfolios.name,
      projectName: projects.name,
    })
    .from(projectRequests)
    .leftJoin(sponsor, eq(sponsor.id, projectRequests.sponsorId))
    .leftJoin(portfolios, eq(portfolios.id, projectRequests.portfolioId))
    .leftJoin(projects, eq(projects.id, projectRequests.projectId));
}
export type RequestView = Awaited<ReturnType<typeof listViews>>[number];

/** All requests, or only those of one requester; newest first. */
export function listViews(db: Executor, requesterId: string | null) {
  const q = selectViews(db);
  return (requesterId ? q.where(eq(projectRequests.requesterId, requesterId)) : q).orderBy(
    desc(projectRequests.number),
  );
}

export async function findView(db: Executor, id: string) {
  const [row] = await selectViews(db).where(eq(projectRequests.id, id));
  return row;
}

export async function findRequest(db: Executor, id: string) {
  const [row] = await db.select().from(projectRequests).where(eq(projectRequests.id, id));
  return row;
}

export async function nextNumber(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`cast(coalesce(max(${projectRequests.number}), 0) + 1 as int)` })
    .from(projectRequests);
  return Number(row!.n);
}

export async function insertRequest(db: Executor, values: NewRequest) {
  const [row] = await db.insert(projectRequests).values(values).returning();
  return row!;
}

export async function insertRequests(db: Executor, values: NewRequest[]) {
  if (values.length === 0) return [];
  return db.insert(projectRequests).values(values).returning();
}

/** Versioned update: undefined when the version moved on. */
export async function updateRequest(
  db: Executor,
  id: string,
  version: number,
  values: Partial<NewRequest>,
) {
  const [row] = await db
    .update(projectRequests)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(projectRequests.id, id), eq(projectRequests.version, version)))
    .returning();
  return row;
}

/** The resource teams' names by id (a few dozen rows): for the requests' effort by team. */
export async function teamNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: resourceTeams.id, name: resourceTeams.name })
    .from(resourceTeams);
  return new Map(rows.map((r) => [r.id, r.name]));
}
