import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { requestAllocations, resourceRequests } from './staffing.tables.ts';

export type RequestRow = typeof resourceRequests.$inferSelect;

export async function insertRequest(db: Executor, values: typeof resourceRequests.$inferInsert) {
  const [row] = await db.insert(resourceRequests).values(values).returning();
  return row!;
}

export async function findRequest(db: Executor, id: string) {
  const [row] = await db.select().from(resourceRequests).where(eq(resourceRequests.id, id));
  return row;
}

export async function listRequests(
  db: Executor,
  filter: { projectId?: string; statuses?: readonly string[] },
) {
  const conds = [
    filter.projectId ? eq(resourceRequests.projectId, filter.projectId) : undefined,
    filter.statuses
      ? sql`${resourceRequests.status} = any(${`{${filter.statuses.join(',')}}`}::text[])`
      : undefined,
  ].filter(Boolean);
  return db
    .select()
    .from(resourceRequests)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(resourceRequests.start, resourceRequests.createdAt);
}

export async function updateRequest(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof resourceRequests.$inferInsert>,
) {
  const [row] = await db
    .update(resourceRequests)
    .set({ ...values, version: sql`${resourceRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resourceRequests.id, id), eq(resourceRequests.version, version)))
    .returning();
  return row;
}

export async function linkAllocation(db: Executor, requestId: string, allocationId: string) {
  await db.insert(requestAllocations).values({ requestId, allocationId });
}

export interface LinkedAllocation {
  requestId: string;
  id: string;
  personId: string;
  start: string;
  finish: string;
  unit: 'hours' | 'percent';
  amount: number;
  status: 'soft' | 'hard';
  version: number;
}

/** The allocations answering the given requests (one query). */
export async function allocationsOf(db: Executor, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return queryRows<LinkedAllocation>(
    db,
    sql`select l.request_id as "requestId", a.id, a.person_id as "personId",
               a.start::text as start, a.finish::text as finish, a.unit, a.amount, a.status,
               a.version
        from resource_request_allocations l join resource_allocations a on a.id = l.allocation_id
        where l.request_id = any(${`{${requestIds.join(',')}}`}::uuid[])
        order by a.start, a.id`,
  );
}

/** Names of users by id (who raised the requests). */
export async function userNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from users where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
