import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { portfolios, programs, projects } from '../portfolio/portfolio.tables.ts';
import {
  kpiDefinitions,
  kpiValues,
  reportingSettings,
  statusOverrides,
  statusReports,
} from './reporting.tables.ts';

export type ReportRow = typeof statusReports.$inferSelect;
export type KpiRow = typeof kpiDefinitions.$inferSelect;
export type OverrideRow = typeof statusOverrides.$inferSelect;

// ---------------------------------------------------------------- settings

export async function settingsOf(db: Executor, portfolioId: string) {
  const [row] = await db
    .select()
    .from(reportingSettings)
    .where(eq(reportingSettings.portfolioId, portfolioId));
  return row ?? { portfolioId, frequency: 'monthly', rollupRule: 'worst', version: 0 };
}

/** Frequencies of several portfolios (default monthly). */
export async function frequencies(db: Executor) {
  const rows = await db
    .select({ portfolioId: reportingSettings.portfolioId, frequency: reportingSettings.frequency })
    .from(reportingSettings);
  return new Map(rows.map((r) => [r.portfolioId, r.frequency]));
}

/** Creates or updates the settings at `version` (0: none yet); null on a stale version. */
export async function saveSettings(
  db: Executor,
  portfolioId: string,
  version: number,
  values: { frequency: string; rollupRule: string },
) {
  if (version === 0) {
    const rows = await db
      .insert(reportingSettings)
      .values({ portfolioId, ...values })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  }
  const [row] = await db
    .update(reportingSettings)
    .set({ ...values, version: sql`${reportingSettings.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(reportingSettings.portfolioId, portfolioId), eq(reportingSettings.version, version)),
    )
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------- status reports

export async function reportsOfProject(db: Executor, projectId: string) {
  return db
    .select()
    .from(statusReports)
    .where(eq(statusReports.projectId, projectId))
    .orderBy(desc(statusReports.periodStart));
}

export async function findReport(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(statusReports)
    .where(and(eq(statusReports.id, id), eq(statusReports.projectId, projectId)));
  return row;
}

/** The report just before a period, for trends. */
export async function previousReport(db: Executor, projectId: string, periodStart: string) {
  const [row] = await db
    .select()
    .from(statusReports)
    .where(and(eq(statusReports.projectId, projectId), lt(statusReports.periodStart, periodStart)))
    .orderBy(desc(statusReports.periodStart))
    .limit(1);
  return row;
}

export async function insertReport(db: Executor, values: typeof statusReports.$inferInsert) {
  const [row] = await db.insert(statusReports).values(values).returning();
  return row!;
}

export async function updateReport(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof statusReports.$inferInsert>,
) {
  const [row] = await db
    .update(statusReports)
    .set({ ...values, version: sql`${statusReports.version} + 1`, updatedAt: new Date() })
    .where(and(eq(statusReports.id, id), eq(statusReports.version, version)))
    .returning();
  return row;
}

/** Reports of several projects for one period start, and each project's report before it. */
export async function reportsForPeriod(db: Executor, projectIds: string[], periodStart: string) {
  if (projectIds.length === 0) return { current: [], previous: [] };
  const current = await queryRows<{
    id: string;
    project_id: string;
    state: string;
    overall: string;
    dimensions: unknown;
  }>(
    db,
    sql`select id, project_id, state, overall, dimensions from status_reports
        where period_start = ${periodStart}::date and project_id in ${projectIds}`,
  );
  const previous = await queryRows<{ project_id: string; overall: string }>(
    db,
    sql`select distinct on (project_id) project_id, overall from status_reports
        where period_start < ${periodStart}::date and project_id in ${projectIds}
          and state in ('submitted', 'reviewed')
        order by project_id, period_start desc`,
  );
  return { current, previous };
}

/** Reports by (project, period start) for a list of pairs' projects and starts. */
export async function reportsAt(db: Executor, projectIds: string[], starts: string[]) {
  if (projectIds.length === 0 || starts.length === 0) return [];
  return db
    .select({
      id: statusReports.id,
      projectId: statusReports.projectId,
      periodStart: statusReports.periodStart,
      state: statusReports.state,
    })
    .from(statusReports)
    .where(
      and(inArray(statusReports.projectId, projectIds), inArray(statusReports.periodStart, starts)),
    );
}

// ---------------------------------------------------------------- overrides

export async function overridesFor(db: Executor, scopeIds: string[], periodStart: string) {
  if (scopeIds.length === 0) return [];
  return db
    .select()
    .from(statusOverrides)
    .where(
      and(inArray(statusOverrides.scopeId, scopeIds), eq(statusOverrides.periodStart, periodStart)),
    );
}

export async function findOverride(db: Executor, id: string) {
  const [row] = await db.select().from(statusOverrides).where(eq(statusOverrides.id, id));
  return row;
}

export async function upsertOverride(db: Executor, values: typeof statusOverrides.$inferInsert) {
  const [row] = await db
    .insert(statusOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [statusOverrides.scopeType, statusOverrides.scopeId, statusOverrides.periodStart],
      set: {
        weather: values.weather,
        comment: values.comment,
        setById: values.setById,
        setByName: values.setByName,
        version: sql`${statusOverrides.version} + 1`,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export async function deleteOverride(db: Executor, id: string, version: number) {
  const rows = await db
    .delete(statusOverrides)
    .where(and(eq(statusOverrides.id, id), eq(statusOverrides.version, version)))
    .returning();
  return rows[0];
}

// ---------------------------------------------------------------- projects (read-only, other modules' tables)

/** Active projects with their portfolio and manager, for the reports-due list and KPI runs. */
export function activeProjects(db: Executor) {
  return projectsWithStatus(db, ['active']);
}

/** Non-archived projects in one of `statuses`, with their portfolio and manager. */
export async function projectsWithStatus(db: Executor, statuses: string[]) {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      status: projects.status,
      portfolioId: projects.portfolioId,
      portfolioName: portfolios.name,
      programId: projects.programId,
      parentId: projects.parentId,
      managerId: projects.managerId,
      managerName: sql<string | null>`${people.firstName} || ' ' || ${people.lastName}`,
      plannedStart: projects.plannedStart,
    })
    .from(projects)
    .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(people, eq(people.id, projects.managerId))
    .where(and(isNull(projects.archivedAt), inArray(projects.status, statuses)))
    .orderBy(projects.code);
}

export async function programsOf(db: Executor, portfolioId: string) {
  return db
    .select({ id: programs.id, code: programs.code, name: programs.name })
    .from(programs)
    .where(and(eq(programs.portfolioId, portfolioId), isNull(programs.archivedAt)))
    .orderBy(programs.code);
}

export async function allScopes(db: Executor) {
  const ps = await db.select({ id: portfolios.id, name: portfolios.name }).from(portfolios);
  const gs = await db.select({ id: programs.id, name: programs.name }).from(programs);
  const js = await db
    .select({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects);
  return { portfolios: ps, programs: gs, projects: js };
}

// ---------------------------------------------------------------- KPIs

export async function listKpis(db: Executor) {
  return db
    .select({
      k: kpiDefinitions,
      ownerName: sql<string | null>`${people.firstName} || ' ' || ${people.lastName}`,
    })
    .from(kpiDefinitions)
    .leftJoin(people, eq(people.id, kpiDefinitions.ownerId))
    .orderBy(kpiDefinitions.code);
}

export async function findKpi(db: Executor, id: string) {
  const [row] = await db.select().from(kpiDefinitions).where(eq(kpiDefinitions.id, id));
  return row;
}

export async function insertKpis(db: Executor, values: (typeof kpiDefinitions.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(kpiDefinitions).values(values).onConflictDoNothing().returning();
}

export async function insertKpi(db: Executor, values: typeof kpiDefinitions.$inferInsert) {
  const [row] = await db.insert(kpiDefinitions).values(values).returning();
  return row!;
}

export async function updateKpi(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof kpiDefinitions.$inferInsert>,
) {
  const [row] = await db
    .update(kpiDefinitions)
    .set({ ...values, version: sql`${kpiDefinitions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(kpiDefinitions.id, id), eq(kpiDefinitions.version, version)))
    .returning();
  return row;
}

/** The two latest values of every (KPI, scope): the latest and the one before, for trends. */
export async function latestKpiValues(db: Executor) {
  return queryRows<{
    kpi_id: string;
    scope_type: string;
    scope_id: string;
    as_of: string;
    value: number | null;
    status: string | null;
    computed_at: Date | string;
    rank: number;
  }>(
    db,
    sql`select * from (
          select v.*, (row_number() over (partition by kpi_id, scope_type, scope_id order by as_of desc))::int as rank
          from kpi_values v
        ) x where rank <= 2 order by kpi_id, scope_type, scope_id, rank`,
  );
}

export async function kpiHistory(db: Executor, kpiId: string, scopeId?: string) {
  return db
    .select()
    .from(kpiValues)
    .where(and(eq(kpiValues.kpiId, kpiId), scopeId ? eq(kpiValues.scopeId, scopeId) : undefined))
    .orderBy(kpiValues.scopeId, kpiValues.asOf);
}

/** Writes KPI values (replacing those of the same day), in chunks to keep statements small. */
export async function saveKpiValues(db: Executor, values: (typeof kpiValues.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000) {
    await db
      .insert(kpiValues)
      .values(values.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [kpiValues.kpiId, kpiValues.scopeType, kpiValues.scopeId, kpiValues.asOf],
        set: {
          value: sql`excluded.value`,
          status: sql`excluded.status`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
}

/** Bulk insert of reports (the demo's history). */
export async function insertReports(db: Executor, values: (typeof statusReports.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 500)
    await db.insert(statusReports).values(values.slice(i, i + 500));
}
