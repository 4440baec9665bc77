import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  methodologies,
  methodologyVersions,
  projectLifecycles,
} from '../governance/governance.tables.ts';
import { correctiveActions, qualityFindings } from '../governance/quality.tables.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import {
  lessons,
  policies,
  policyAcknowledgements,
  policyVersions,
  roleDescriptions,
} from './methods.tables.ts';

const personName = sql<string>`${people.firstName} || ' ' || ${people.lastName}`;

// ---------------------------------------------------------------- policies

export type PolicyRow = typeof policies.$inferSelect;
export type PolicyVersionRow = typeof policyVersions.$inferSelect & { acknowledgedCount: number };

export async function listPolicies(db: Executor, id?: string) {
  return db
    .select({ p: policies, ownerName: personName })
    .from(policies)
    .leftJoin(people, eq(people.id, policies.ownerId))
    .where(id ? eq(policies.id, id) : undefined)
    .orderBy(asc(policies.title));
}

/** Every version of the given policies (without their text), with how many acknowledged each. */
export async function versionsOf(db: Executor, policyIds: string[]): Promise<PolicyVersionRow[]> {
  if (policyIds.length === 0) return [];
  const rows = await db
    .select({
      id: policyVersions.id,
      policyId: policyVersions.policyId,
      number: policyVersions.number,
      body: sql<string>`''`,
      summary: policyVersions.summary,
      effectiveOn: policyVersions.effectiveOn,
      publishedById: policyVersions.publishedById,
      publishedByName: policyVersions.publishedByName,
      publishedAt: policyVersions.publishedAt,
      acknowledgedCount: sql<number>`(select count(*)::int from ${policyAcknowledgements} a where a.version_id = ${policyVersions.id})`,
    })
    .from(policyVersions)
    .where(inArray(policyVersions.policyId, policyIds))
    .orderBy(asc(policyVersions.policyId), asc(policyVersions.number));
  return rows.map((r) => ({ ...r, acknowledgedCount: Number(r.acknowledgedCount) }));
}

export async function versionBody(db: Executor, versionId: string) {
  const [row] = await db
    .select({ body: policyVersions.body })
    .from(policyVersions)
    .where(eq(policyVersions.id, versionId));
  return row?.body ?? '';
}

export async function acknowledgementsOf(db: Executor, versionId: string) {
  return db
    .select({ name: policyAcknowledgements.userName, at: policyAcknowledgements.acknowledgedAt })
    .from(policyAcknowledgements)
    .where(eq(policyAcknowledgements.versionId, versionId))
    .orderBy(desc(policyAcknowledgements.acknowledgedAt));
}

/** The version ids among `versionIds` the user acknowledged. */
export async function acknowledgedBy(db: Executor, userId: string, versionIds: string[]) {
  if (versionIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: policyAcknowledgements.versionId })
    .from(policyAcknowledgements)
    .where(
      and(
        eq(policyAcknowledgements.userId, userId),
        inArray(policyAcknowledgements.versionId, versionIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function insertPolicy(
  tx: Executor,
  values: { code: string; title: string; category: string; ownerId: string | null },
) {
  const [row] = await tx
    .insert(policies)
    .values({ ...values, latestNumber: 1 })
    .returning();
  return row!;
}

export async function insertPolicyVersion(
  tx: Executor,
  values: typeof policyVersions.$inferInsert,
) {
  const [row] = await tx.insert(policyVersions).values(values).returning({ id: policyVersions.id });
  return row!;
}

/** Bumps the policy to its next published number if it is still at `version`. */
export async function bumpPolicy(
  tx: Executor,
  id: string,
  version: number,
  patch: { title?: string; ownerId?: string | null },
) {
  const [row] = await tx
    .update(policies)
    .set({
      ...patch,
      latestNumber: sql`${policies.latestNumber} + 1`,
      version: sql`${policies.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(policies.id, id), eq(policies.version, version)))
    .returning();
  return row;
}

export async function findVersion(db: Executor, policyId: string, number: number) {
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, policyId), eq(policyVersions.number, number)));
  return row;
}

/** Records an acknowledgement; false when it already existed. */
export async function acknowledge(
  tx: Executor,
  versionId: string,
  userId: string,
  userName: string,
) {
  const rows = await tx
    .insert(policyAcknowledgements)
    .values({ versionId, userId, userName })
    .onConflictDoNothing()
    .returning({ v: policyAcknowledgements.versionId });
  return rows.length > 0;
}

// ---------------------------------------------------------------- role descriptions

export type RoleRow = typeof roleDescriptions.$inferSelect;

export async function listRoles(db: Executor) {
  return db.select().from(roleDescriptions).orderBy(asc(roleDescriptions.name));
}

export async function findRole(db: Executor, id: string) {
  const [row] = await db.select().from(roleDescriptions).where(eq(roleDescriptions.id, id));
  return row;
}

export async function insertRoles(tx: Executor, values: (typeof roleDescriptions.$inferInsert)[]) {
  return tx.insert(roleDescriptions).values(values).returning();
}

export async function updateRole(
  tx: Executor,
  id: string,
  version: number,
  patch: Partial<typeof roleDescriptions.$inferInsert>,
) {
  const [row] = await tx
    .update(roleDescriptions)
    .set({ ...patch, version: sql`${roleDescriptions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(roleDescriptions.id, id), eq(roleDescriptions.version, version)))
    .returning();
  return row;
}

export async function deleteRole(tx: Executor, id: string, version: number) {
  const rows = await tx
    .delete(roleDescriptions)
    .where(and(eq(roleDescriptions.id, id), eq(roleDescriptions.version, version)))
    .returning({ id: roleDescriptions.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- lessons

export type LessonRow = typeof lessons.$inferSelect;

const lessonSelect = {
  l: lessons,
  projectName: projects.name,
  projectCode: projects.code,
  methodologyId: methodologies.id,
  methodologyName: methodologies.name,
};

function lessonQuery(db: Executor) {
  return db
    .select(lessonSelect)
    .from(lessons)
    .innerJoin(projects, eq(projects.id, lessons.projectId))
    .leftJoin(projectLifecycles, eq(projectLifecycles.projectId, lessons.projectId))
    .leftJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .leftJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId));
}
export type LessonView = Awaited<ReturnType<ReturnType<typeof lessonQuery>['execute']>>[number];

export interface LessonFilters {
  visible: SQL | undefined;
  projectId?: string;
  q?: string;
  kind?: string;
  category?: string;
  methodologyId?: string;
  portfolioId?: string;
  limit: number;
}

function lessonWhere(f: LessonFilters) {
  const conds: (SQL | undefined)[] = [f.visible];
  if (f.projectId) conds.push(eq(lessons.projectId, f.projectId));
  if (f.kind) conds.push(eq(lessons.kind, f.kind));
  if (f.category) conds.push(eq(lessons.category, f.category));
  if (f.methodologyId) conds.push(eq(methodologies.id, f.methodologyId));
  if (f.portfolioId) conds.push(eq(projects.portfolioId, f.portfolioId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(lessons.title, like),
        ilike(lessons.description, like),
        ilike(lessons.recommendation, like),
        ilike(projects.name, like),
        sql`${lessons.tags}::text ilike ${like}`,
      ),
    );
  }
  return and(...conds);
}

export async function searchLessons(db: Executor, f: LessonFilters) {
  const where = lessonWhere(f);
  const rows = await lessonQuery(db)
    .where(where)
    .orderBy(desc(lessons.updatedAt), asc(lessons.id))
    .limit(f.limit);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(lessons)
    .innerJoin(projects, eq(projects.id, lessons.projectId))
    .leftJoin(projectLifecycles, eq(projectLifecycles.projectId, lessons.projectId))
    .leftJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .leftJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Lessons of visible projects following the method or carrying one of the tags (the candidates to rank). */
export async function lessonCandidates(
  db: Executor,
  visible: SQL | undefined,
  methodologyId: string | null,
  tags: string[],
) {
  const links: SQL[] = [];
  if (methodologyId) links.push(eq(methodologies.id, methodologyId));
  if (tags.length > 0)
    links.push(
      sql`exists (select 1 from jsonb_array_elements_text(${lessons.tags}) t where t in (${sql.join(
        tags.map((t) => sql`${t}`),
        sql`, `,
      )}))`,
    );
  if (links.length === 0) return [];
  return lessonQuery(db)
    .where(and(visible, or(...links)))
    .orderBy(desc(lessons.updatedAt))
    .limit(2000);
}

export async function findLesson(db: Executor, projectId: string, id: string) {
  const [row] = await lessonQuery(db).where(
    and(eq(lessons.id, id), eq(lessons.projectId, projectId)),
  );
  return row;
}

export async function insertLessons(tx: Executor, values: (typeof lessons.$inferInsert)[]) {
  return tx.insert(lessons).values(values).returning({ id: lessons.id });
}

export async function updateLesson(
  tx: Executor,
  id: string,
  version: number,
  patch: Partial<typeof lessons.$inferInsert>,
) {
  const [row] = await tx
    .update(lessons)
    .set({ ...patch, version: sql`${lessons.version} + 1`, updatedAt: new Date() })
    .where(and(eq(lessons.id, id), eq(lessons.version, version)))
    .returning({ id: lessons.id });
  return row;
}

export async function deleteLesson(tx: Executor, id: string, version: number) {
  const rows = await tx
    .delete(lessons)
    .where(and(eq(lessons.id, id), eq(lessons.version, version)))
    .returning({ id: lessons.id });
  return rows.length > 0;
}

/** The methodology a project follows (through its lifecycle), and its tags. */
export async function projectProfile(db: Executor, projectId: string) {
  const [row] = await db
    .select({ methodologyId: methodologies.id, tags: projects.tags })
    .from(projects)
    .leftJoin(projectLifecycles, eq(projectLifecycles.projectId, projects.id))
    .leftJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .leftJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(eq(projects.id, projectId));
  return row;
}

/** The open corrective actions a person owns on visible projects, earliest due first. */
export async function correctiveActionsOf(
  db: Executor,
  personId: string,
  visible: SQL | undefined,
) {
  return db
    .select({
      id: correctiveActions.id,
      description: correctiveActions.description,
      dueDate: correctiveActions.dueDate,
      status: correctiveActions.status,
      findingId: qualityFindings.id,
      findingDescription: qualityFindings.description,
      severity: qualityFindings.severity,
      projectId: projects.id,
      projectCode: projects.code,
      projectName: projects.name,
    })
    .from(correctiveActions)
    .innerJoin(qualityFindings, eq(qualityFindings.id, correctiveActions.findingId))
    .innerJoin(projects, eq(projects.id, correctiveActions.projectId))
    .where(
      and(
        eq(correctiveActions.ownerId, personId),
        sql`${correctiveActions.status} <> 'done'`,
        visible,
      ),
    )
    .orderBy(asc(correctiveActions.dueDate), asc(correctiveActions.id))
    .limit(500);
}

/** How many lessons learned a project recorded (its closure gate needs one). */
export async function countLessons(db: Executor, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(lessons)
    .where(eq(lessons.projectId, projectId));
  return Number(row?.n ?? 0);
}
