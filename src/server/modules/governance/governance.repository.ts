import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';
import {
  deliverables,
  gateChecks,
  gateConditions,
  gateDecisions,
  glossaryTerms,
  methodologies,
  methodologyVersions,
  projectLifecycles,
  raciMatrices,
} from './governance.tables.ts';

export type MethodologyRow = typeof methodologies.$inferSelect;
export type VersionRow = typeof methodologyVersions.$inferSelect;
export type LifecycleRow = typeof projectLifecycles.$inferSelect;
export type DeliverableRow = typeof deliverables.$inferSelect;
export type DecisionRow = typeof gateDecisions.$inferSelect;
export type ConditionRow = typeof gateConditions.$inferSelect;
export type GlossaryRow = typeof glossaryTerms.$inferSelect;

const personName = sql<string>`${people.firstName} || ' ' || ${people.lastName}`;

// ---------------------------------------------------------------- methodologies

/** Methodologies with the content of their latest version and how many projects follow them. */
export async function listMethodologies(db: Executor, id?: string) {
  return db
    .select({
      m: methodologies,
      content: methodologyVersions.content,
      projectCount: sql<number>`(select count(*)::int from ${projectLifecycles} l
        join ${methodologyVersions} v on v.id = l.methodology_version_id
        where v.methodology_id = ${methodologies.id})`,
    })
    .from(methodologies)
    .innerJoin(
      methodologyVersions,
      and(
        eq(methodologyVersions.methodologyId, methodologies.id),
        eq(methodologyVersions.number, methodologies.latestVersion),
      ),
    )
    .where(id ? eq(methodologies.id, id) : undefined)
    .orderBy(asc(methodologies.name));
}

export async function findMethodology(db: Executor, id: string) {
  const [row] = await db.select().from(methodologies).where(eq(methodologies.id, id));
  return row;
}

export async function listVersions(db: Executor, methodologyId: string) {
  return db
    .select({
      v: {
        id: methodologyVersions.id,
        number: methodologyVersions.number,
        notes: methodologyVersions.notes,
        publishedBy: methodologyVersions.publishedBy,
        publishedAt: methodologyVersions.publishedAt,
      },
      projectCount: sql<number>`(select count(*)::int from ${projectLifecycles} l
        where l.methodology_version_id = ${methodologyVersions.id})`,
    })
    .from(methodologyVersions)
    .where(eq(methodologyVersions.methodologyId, methodologyId))
    .orderBy(desc(methodologyVersions.number));
}

export async function findVersion(db: Executor, methodologyId: string, number: number) {
  const [row] = await db
    .select()
    .from(methodologyVersions)
    .where(
      and(
        eq(methodologyVersions.methodologyId, methodologyId),
        eq(methodologyVersions.number, number),
      ),
    );
  return row;
}

export async function findVersionById(db: Executor, id: string) {
  const [row] = await db
    .select({ v: methodologyVersions, m: methodologies })
    .from(methodologyVersions)
    .innerJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(eq(methodologyVersions.id, id));
  return row;
}

export async function insertMethodology(db: Executor, values: typeof methodologies.$inferInsert) {
  const [row] = await db.insert(methodologies).values(values).returning();
  return row!;
}

export async function updateMethodology(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof methodologies.$inferInsert>,
) {
  const [row] = await db
    .update(methodologies)
    .set({ ...values, version: sql`${methodologies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(methodologies.id, id), eq(methodologies.version, version)))
    .returning();
  return row;
}

export async function insertVersion(db: Executor, values: typeof methodologyVersions.$inferInsert) {
  const [row] = await db.insert(methodologyVersions).values(values).returning();
  return row!;
}

// ---------------------------------------------------------------- project lifecycles

export async function findLifecycle(db: Executor, projectId: string) {
  const [row] = await db
    .select({ l: projectLifecycles, v: methodologyVersions, m: methodologies })
    .from(projectLifecycles)
    .innerJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .innerJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(eq(projectLifecycles.projectId, projectId));
  return row;
}

export async function insertLifecycle(db: Executor, values: typeof projectLifecycles.$inferInsert) {
  const [row] = await db.insert(projectLifecycles).values(values).returning();
  return row!;
}

export async function updateLifecycle(
  db: Executor,
  projectId: string,
  version: number,
  values: Partial<typeof projectLifecycles.$inferInsert>,
) {
  const [row] = await db
    .update(projectLifecycles)
    .set({ ...values, version: sql`${projectLifecycles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projectLifecycles.projectId, projectId), eq(projectLifecycles.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- deliverables and checklist

export async function listDeliverables(db: Executor, projectId: string) {
  return db
    .select({ d: deliverables, ownerName: personName })
    .from(deliverables)
    .leftJoin(people, eq(people.id, deliverables.ownerId))
    .where(eq(deliverables.projectId, projectId))
    .orderBy(asc(deliverables.createdAt), asc(deliverables.key));
}

export async function insertDeliverables(
  db: Executor,
  values: (typeof deliverables.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(deliverables).values(values).returning();
}

export async function findDeliverable(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.projectId, projectId), eq(deliverables.id, id)));
  return row;
}

export async function updateDeliverable(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof deliverables.$inferInsert>,
) {
  const [row] = await db
    .update(deliverables)
    .set({ ...values, version: sql`${deliverables.version} + 1`, updatedAt: new Date() })
    .where(and(eq(deliverables.id, id), eq(deliverables.version, version)))
    .returning();
  return row;
}

export async function listChecks(db: Executor, projectId: string) {
  return db.select().from(gateChecks).where(eq(gateChecks.projectId, projectId));
}

export async function setCheck(
  db: Executor,
  row: typeof gateChecks.$inferInsert,
  met: boolean,
): Promise<boolean> {
  const key = and(
    eq(gateChecks.projectId, row.projectId),
    eq(gateChecks.phaseKey, row.phaseKey),
    eq(gateChecks.criterionKey, row.criterionKey),
  );
  if (met) {
    const inserted = await db.insert(gateChecks).values(row).onConflictDoNothing().returning();
    return inserted.length > 0;
  }
  const deleted = await db.delete(gateChecks).where(key).returning();
  return deleted.length > 0;
}

// ---------------------------------------------------------------- decisions and conditions

export async function insertDecision(db: Executor, values: typeof gateDecisions.$inferInsert) {
  const [row] = await db.insert(gateDecisions).values(values).returning();
  return row!;
}

export async function insertConditions(
  db: Executor,
  values: (typeof gateConditions.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(gateConditions).values(values).returning();
}

export interface DecisionFilter {
  /** The projects the caller sees, from the portfolio service (undefined: all). */
  visible: SQL | undefined;
  projectId?: string | undefined;
  portfolioId?: string | undefined;
  decision?: string | undefined;
  phaseKey?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  openConditions?: boolean | undefined;
  after?: [string, string] | undefined;
  limit: number;
}

/** Gate decisions of visible projects, newest first, keyset-paginated on (decided_at, id). */
export async function listDecisions(db: Executor, f: DecisionFilter) {
  const where: (SQL | undefined)[] = [
    f.visible,
    f.projectId ? eq(gateDecisions.projectId, f.projectId) : undefined,
    f.portfolioId ? eq(projects.portfolioId, f.portfolioId) : undefined,
    f.decision ? eq(gateDecisions.decision, f.decision) : undefined,
    f.phaseKey ? eq(gateDecisions.phaseKey, f.phaseKey) : undefined,
    f.from ? gte(gateDecisions.decidedAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(gateDecisions.decidedAt, sql`${f.to}::date + 1`) : undefined,
    f.openConditions === undefined
      ? undefined
      : f.openConditions
        ? sql`exists (select 1 from ${gateConditions} c where c.decision_id = ${gateDecisions.id} and c.status = 'open')`
        : sql`not exists (select 1 from ${gateConditions} c where c.decision_id = ${gateDecisions.id} and c.status = 'open')`,
  ];
  if (f.after) {
    const at = new Date(f.after[0]);
    where.push(
      or(
        lt(gateDecisions.decidedAt, at),
        and(eq(gateDecisions.decidedAt, at), lt(gateDecisions.id, f.after[1])),
      ),
    );
  }
  return db
    .select({
      d: gateDecisions,
      projectCode: projects.code,
      projectName: projects.name,
    })
    .from(gateDecisions)
    .innerJoin(projects, eq(projects.id, gateDecisions.projectId))
    .where(and(...where))
    .orderBy(desc(gateDecisions.decidedAt), desc(gateDecisions.id))
    .limit(f.limit);
}

export async function listConditions(db: Executor, decisionIds: string[]) {
  if (decisionIds.length === 0) return [];
  return db
    .select({ c: gateConditions, ownerName: personName })
    .from(gateConditions)
    .leftJoin(people, eq(people.id, gateConditions.ownerId))
    .where(inArray(gateConditions.decisionId, decisionIds))
    .orderBy(asc(gateConditions.dueDate), asc(gateConditions.id));
}

export async function findCondition(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(gateConditions)
    .where(and(eq(gateConditions.projectId, projectId), eq(gateConditions.id, id)));
  return row;
}

export async function updateCondition(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof gateConditions.$inferInsert>,
) {
  const [row] = await db
    .update(gateConditions)
    .set({ ...values, version: sql`${gateConditions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(gateConditions.id, id), eq(gateConditions.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- compliance across projects

/** Every visible, unarchived project with its lifecycle (if any) and its deliverable counts. */
export async function complianceRows(db: Executor, visible: SQL | undefined, portfolioId?: string) {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      portfolioId: portfolios.id,
      portfolioName: portfolios.name,
      lifecycle: projectLifecycles,
      methodologyId: methodologyVersions.methodologyId,
      methodologyName: methodologies.name,
      versionNumber: methodologyVersions.number,
      content: methodologyVersions.content,
      openConditions: sql<number>`(select count(*)::int from ${gateConditions} c
        where c.project_id = ${projects.id} and c.status = 'open')`,
      overdueConditions: sql<number>`(select count(*)::int from ${gateConditions} c
        where c.project_id = ${projects.id} and c.status = 'open' and c.due_date < current_date)`,
    })
    .from(projects)
    .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(projectLifecycles, eq(projectLifecycles.projectId, projects.id))
    .leftJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .leftJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(
      and(
        visible,
        sql`${projects.archivedAt} is null`,
        portfolioId ? eq(projects.portfolioId, portfolioId) : undefined,
      ),
    )
    .orderBy(asc(projects.code));
}

/** The deliverables (phase, required, status) of a set of projects, for compliance in bulk. */
export async function deliverableStates(db: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: deliverables.projectId,
      phaseKey: deliverables.phaseKey,
      key: deliverables.key,
      name: deliverables.name,
      required: deliverables.required,
      status: deliverables.status,
    })
    .from(deliverables)
    .where(inArray(deliverables.projectId, projectIds));
}

// ---------------------------------------------------------------- RACI

export async function findRaci(db: Executor, projectId: string) {
  const [row] = await db.select().from(raciMatrices).where(eq(raciMatrices.projectId, projectId));
  return row;
}

export async function insertRaci(db: Executor, values: typeof raciMatrices.$inferInsert) {
  const [row] = await db.insert(raciMatrices).values(values).returning();
  return row!;
}

export async function updateRaci(
  db: Executor,
  projectId: string,
  version: number,
  values: { columns: unknown; rows: unknown },
) {
  const [row] = await db
    .update(raciMatrices)
    .set({ ...values, version: sql`${raciMatrices.version} + 1`, updatedAt: new Date() })
    .where(and(eq(raciMatrices.projectId, projectId), eq(raciMatrices.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- glossary

export async function listGlossary(db: Executor, q?: string, category?: string) {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(glossaryTerms)
    .where(
      and(
        like
          ? or(
              ilike(glossaryTerms.term, like),
              ilike(glossaryTerms.termEn, like),
              ilike(glossaryTerms.definition, like),
              ilike(glossaryTerms.definitionEn, like),
            )
          : undefined,
        category ? eq(glossaryTerms.category, category) : undefined,
      ),
    )
    .orderBy(sql`lower(${glossaryTerms.term})`, asc(glossaryTerms.id));
}

export async function findTerm(db: Executor, id: string) {
  const [row] = await db.select().from(glossaryTerms).where(eq(glossaryTerms.id, id));
  return row;
}

export async function insertTerms(db: Executor, values: (typeof glossaryTerms.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(glossaryTerms).values(values).returning();
}

export async function updateTerm(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof glossaryTerms.$inferInsert>,
) {
  const [row] = await db
    .update(glossaryTerms)
    .set({ ...values, version: sql`${glossaryTerms.version} + 1`, updatedAt: new Date() })
    .where(and(eq(glossaryTerms.id, id), eq(glossaryTerms.version, version)))
    .returning();
  return row;
}

export async function deleteTerm(db: Executor, id: string, version: number) {
  const deleted = await db
    .delete(glossaryTerms)
    .where(and(eq(glossaryTerms.id, id), eq(glossaryTerms.version, version)))
    .returning({ id: glossaryTerms.id });
  return deleted.length > 0;
}
