import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import {
  correctiveActions,
  qualityAudits,
  qualityChecklists,
  qualityFindings,
} from './quality.tables.ts';

export type ChecklistRow = typeof qualityChecklists.$inferSelect;
export type AuditRow = typeof qualityAudits.$inferSelect;
export type FindingRow = typeof qualityFindings.$inferSelect;
export type ActionRow = typeof correctiveActions.$inferSelect;

const personName = sql<string>`${people.firstName} || ' ' || ${people.lastName}`;

// ---------------------------------------------------------------- checklists

export async function listChecklists(db: Executor, id?: string) {
  return db
    .select({
      c: qualityChecklists,
      // Qualified by hand: in a one-table select, drizzle would write the column as bare "id".
      auditCount: sql<number>`(select count(*)::int from ${qualityAudits} a
        where a.checklist_id = "gov_quality_checklists"."id")`,
    })
    .from(qualityChecklists)
    .where(id ? eq(qualityChecklists.id, id) : undefined)
    .orderBy(asc(qualityChecklists.archived), asc(qualityChecklists.name));
}

export async function findChecklist(db: Executor, id: string) {
  const [row] = await db.select().from(qualityChecklists).where(eq(qualityChecklists.id, id));
  return row;
}

export async function insertChecklist(db: Executor, values: typeof qualityChecklists.$inferInsert) {
  const [row] = await db.insert(qualityChecklists).values(values).returning();
  return row!;
}

export async function updateChecklist(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof qualityChecklists.$inferInsert>,
) {
  const [row] = await db
    .update(qualityChecklists)
    .set({ ...values, version: sql`${qualityChecklists.version} + 1`, updatedAt: new Date() })
    .where(and(eq(qualityChecklists.id, id), eq(qualityChecklists.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- audits

export async function listAudits(db: Executor, projectId: string, auditId?: string) {
  return db
    .select({ a: qualityAudits, auditorName: personName })
    .from(qualityAudits)
    .leftJoin(people, eq(people.id, qualityAudits.auditorId))
    .where(
      and(
        eq(qualityAudits.projectId, projectId),
        auditId ? eq(qualityAudits.id, auditId) : undefined,
      ),
    )
    .orderBy(desc(qualityAudits.plannedDate), desc(qualityAudits.createdAt));
}

export async function findAudit(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(qualityAudits)
    .where(and(eq(qualityAudits.id, id), eq(qualityAudits.projectId, projectId)));
  return row;
}

export async function insertAudit(db: Executor, values: typeof qualityAudits.$inferInsert) {
  const [row] = await db.insert(qualityAudits).values(values).returning();
  return row!;
}

export async function updateAudit(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof qualityAudits.$inferInsert>,
) {
  const [row] = await db
    .update(qualityAudits)
    .set({ ...values, version: sql`${qualityAudits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(qualityAudits.id, id), eq(qualityAudits.version, version)))
    .returning();
  return row;
}

export async function deleteAudit(db: Executor, id: string, version: number) {
  const rows = await db
    .delete(qualityAudits)
    .where(and(eq(qualityAudits.id, id), eq(qualityAudits.version, version)))
    .returning({ id: qualityAudits.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- findings and actions

export async function findingsOfAudits(db: Executor, auditIds: string[]) {
  if (auditIds.length === 0) return [];
  return db
    .select()
    .from(qualityFindings)
    .where(inArray(qualityFindings.auditId, auditIds))
    .orderBy(asc(qualityFindings.createdAt), asc(qualityFindings.id));
}

export async function actionsOfFindings(db: Executor, findingIds: string[]) {
  if (findingIds.length === 0) return [];
  return db
    .select({ x: correctiveActions, ownerName: personName })
    .from(correctiveActions)
    .leftJoin(people, eq(people.id, correctiveActions.ownerId))
    .where(inArray(correctiveActions.findingId, findingIds))
    .orderBy(asc(correctiveActions.dueDate), asc(correctiveActions.createdAt));
}

export async function findFinding(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(qualityFindings)
    .where(and(eq(qualityFindings.id, id), eq(qualityFindings.projectId, projectId)));
  return row;
}

export async function insertFindings(
  db: Executor,
  values: (typeof qualityFindings.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(qualityFindings).values(values).returning();
}

export async function updateFinding(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof qualityFindings.$inferInsert>,
) {
  const [row] = await db
    .update(qualityFindings)
    .set({ ...values, version: sql`${qualityFindings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(qualityFindings.id, id), eq(qualityFindings.version, version)))
    .returning();
  return row;
}

export async function findAction(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(correctiveActions)
    .where(and(eq(correctiveActions.id, id), eq(correctiveActions.projectId, projectId)));
  return row;
}

export async function insertActions(
  db: Executor,
  values: (typeof correctiveActions.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(correctiveActions).values(values).returning();
}

export async function updateAction(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof correctiveActions.$inferInsert>,
) {
  const [row] = await db
    .update(correctiveActions)
    .set({ ...values, version: sql`${correctiveActions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(correctiveActions.id, id), eq(correctiveActions.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- portfolio follow-up

export interface PortfolioFindingFilter {
  visible: SQL | undefined;
  portfolioId?: string;
  projectId?: string;
  status?: string;
  severity?: string;
  /** Only findings with (true) or without (false) an overdue corrective action. */
  overdue?: boolean;
  today: string;
  limit: number;
}

const hasOverdue = (today: string) => sql`exists (select 1 from ${correctiveActions} x
  where x.finding_id = ${qualityFindings.id} and x.status <> 'done' and x.due_date < ${today})`;

function findingWhere(f: PortfolioFindingFilter) {
  return and(
    f.visible,
    sql`${projects.archivedAt} is null`,
    f.portfolioId ? eq(projects.portfolioId, f.portfolioId) : undefined,
    f.projectId ? eq(qualityFindings.projectId, f.projectId) : undefined,
    f.status ? eq(qualityFindings.status, f.status) : undefined,
    f.severity ? eq(qualityFindings.severity, f.severity) : undefined,
    f.overdue === undefined
      ? undefined
      : f.overdue
        ? hasOverdue(f.today)
        : sql`not ${hasOverdue(f.today)}`,
  );
}

/** Findings of visible projects, the most severe and oldest first (one query). */
export async function portfolioFindings(db: Executor, f: PortfolioFindingFilter) {
  return db
    .select({
      f: qualityFindings,
      projectCode: projects.code,
      projectName: projects.name,
      auditTitle: qualityAudits.title,
      auditKind: qualityAudits.kind,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(qualityFindings)
    .innerJoin(projects, eq(projects.id, qualityFindings.projectId))
    .innerJoin(qualityAudits, eq(qualityAudits.id, qualityFindings.auditId))
    .where(findingWhere(f))
    .orderBy(
      sql`case ${qualityFindings.status} when 'open' then 0 else 1 end`,
      sql`case ${qualityFindings.severity} when 'critical' then 0 when 'major' then 1 else 2 end`,
      asc(qualityFindings.createdAt),
      asc(qualityFindings.id),
    )
    .limit(f.limit);
}

/** Counts over the visible projects (ignoring the status/severity/overdue filters). */
export async function portfolioCounts(
  db: Executor,
  visible: SQL | undefined,
  today: string,
  portfolioId?: string,
  projectId?: string,
) {
  const scope = and(
    visible,
    sql`${projects.archivedAt} is null`,
    portfolioId ? eq(projects.portfolioId, portfolioId) : undefined,
    projectId ? eq(projects.id, projectId) : undefined,
  );
  const [findings] = await db
    .select({
      minor: sql<number>`(count(*) filter (where ${qualityFindings.severity} = 'minor'))::int`,
      major: sql<number>`(count(*) filter (where ${qualityFindings.severity} = 'major'))::int`,
      critical: sql<number>`(count(*) filter (where ${qualityFindings.severity} = 'critical'))::int`,
    })
    .from(qualityFindings)
    .innerJoin(projects, eq(projects.id, qualityFindings.projectId))
    .where(and(scope, eq(qualityFindings.status, 'open')));
  const [actions] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${correctiveActions.dueDate} < ${today}))::int`,
    })
    .from(correctiveActions)
    .innerJoin(projects, eq(projects.id, correctiveActions.projectId))
    .where(and(scope, sql`${correctiveActions.status} <> 'done'`));
  return {
    open: {
      minor: Number(findings?.minor ?? 0),
      major: Number(findings?.major ?? 0),
      critical: Number(findings?.critical ?? 0),
    },
    openActions: Number(actions?.open ?? 0),
    overdueActions: Number(actions?.overdue ?? 0),
  };
}
