import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { users } from '../../platform/platform.tables.ts';
import {
  copilPacks,
  copilTemplates,
  reportDeliveries,
  reportSubscriptions,
  smtpSettings,
} from '../copil.tables.ts';

export type TemplateRow = typeof copilTemplates.$inferSelect;
export type PackRow = typeof copilPacks.$inferSelect;
export type SubscriptionRow = typeof reportSubscriptions.$inferSelect;
export type DeliveryRow = typeof reportDeliveries.$inferSelect;
export type SmtpRow = typeof smtpSettings.$inferSelect;

// ---------------------------------------------------------------- templates

export const listTemplates = (db: Executor) =>
  db.select().from(copilTemplates).orderBy(copilTemplates.name);

export async function findTemplate(db: Executor, id: string) {
  const [row] = await db.select().from(copilTemplates).where(eq(copilTemplates.id, id));
  return row;
}

export async function insertTemplate(db: Executor, values: typeof copilTemplates.$inferInsert) {
  const [row] = await db.insert(copilTemplates).values(values).returning();
  return row!;
}

export async function updateTemplate(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof copilTemplates.$inferInsert>,
) {
  const [row] = await db
    .update(copilTemplates)
    .set({ ...values, version: sql`${copilTemplates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(copilTemplates.id, id), eq(copilTemplates.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- packs

/** Every column but the file content. */
const packColumns = {
  id: copilPacks.id,
  scopeType: copilPacks.scopeType,
  scopeId: copilPacks.scopeId,
  scopeName: copilPacks.scopeName,
  asOf: copilPacks.asOf,
  format: copilPacks.format,
  language: copilPacks.language,
  templateId: copilPacks.templateId,
  templateName: copilPacks.templateName,
  state: copilPacks.state,
  progress: copilPacks.progress,
  error: copilPacks.error,
  projectCount: copilPacks.projectCount,
  fileName: copilPacks.fileName,
  size: copilPacks.size,
  durationMs: copilPacks.durationMs,
  requestedBy: copilPacks.requestedBy,
  requestedByName: copilPacks.requestedByName,
  createdAt: copilPacks.createdAt,
  finishedAt: copilPacks.finishedAt,
};
export type PackInfo = Omit<PackRow, 'content'>;

export async function insertPack(db: Executor, values: typeof copilPacks.$inferInsert) {
  const [row] = await db.insert(copilPacks).values(values).returning(packColumns);
  return row!;
}

export async function findPack(db: Executor, id: string): Promise<PackInfo | undefined> {
  const [row] = await db.select(packColumns).from(copilPacks).where(eq(copilPacks.id, id));
  return row;
}

export async function packContent(db: Executor, id: string) {
  const [row] = await db
    .select({ content: copilPacks.content })
    .from(copilPacks)
    .where(eq(copilPacks.id, id));
  return row?.content ?? null;
}

/** The latest packs; only `requestedBy`'s when given. */
export function listPacks(db: Executor, limit: number, requestedBy?: string) {
  return db
    .select(packColumns)
    .from(copilPacks)
    .where(requestedBy ? eq(copilPacks.requestedBy, requestedBy) : undefined)
    .orderBy(desc(copilPacks.createdAt), desc(copilPacks.id))
    .limit(limit);
}

export async function setPack(
  db: Executor,
  id: string,
  values: Partial<typeof copilPacks.$inferInsert>,
) {
  await db.update(copilPacks).set(values).where(eq(copilPacks.id, id));
}

/** Packs left queued or running by a stopped server (older than `before`) are marked failed. */
export async function failInterrupted(db: Executor, before: Date) {
  await db
    .update(copilPacks)
    .set({ state: 'failed', error: 'COPIL_PACK_INTERRUPTED', finishedAt: new Date() })
    .where(
      and(inArray(copilPacks.state, ['queued', 'running']), lte(copilPacks.createdAt, before)),
    );
}

// ---------------------------------------------------------------- pack data

export interface ReportRow {
  project_id: string;
  state: string;
  overall: string;
  dimensions: unknown;
  achievements: string;
  next_steps: string;
  issues: string;
  decisions: string;
  period_start: string;
}

/** Full reports of the period for several projects, and each one's previous counted report. */
export async function reportsWithNarrative(db: Executor, ids: string[], periodStart: string) {
  if (ids.length === 0) return { current: [], previous: [] };
  const current = await queryRows<ReportRow>(
    db,
    sql`select project_id, state, overall, dimensions, achievements, next_steps, issues, decisions,
               period_start::text as period_start
        from status_reports where period_start = ${periodStart}::date and project_id in ${ids}`,
  );
  const previous = await queryRows<{ project_id: string; overall: string; dimensions: unknown }>(
    db,
    sql`select distinct on (project_id) project_id, overall, dimensions from status_reports
        where period_start < ${periodStart}::date and project_id in ${ids}
          and state in ('submitted', 'reviewed')
        order by project_id, period_start desc`,
  );
  return { current, previous };
}

/** Milestones (zero-duration leaf tasks) of several projects with their latest baseline date. */
export function milestonesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<{
    project_id: string;
    name: string;
    date: string | null;
    baseline: string | null;
    done: boolean;
  }>(
    db,
    sql`with bl as (
          select distinct on (project_id) id, project_id from plan_baselines
          where project_id in ${ids} order by project_id, created_at desc, id desc
        )
        select t.project_id, t.name, t.start::text as date, b.start::text as baseline,
               (t.actual_finish is not null or t.percent_complete >= 100) as done
        from plan_tasks t
        left join bl on bl.project_id = t.project_id
        left join plan_baseline_tasks b on b.baseline_id = bl.id and b.task_id = t.id
        where t.project_id in ${ids} and t.duration = 0 and not t.is_summary
        order by t.project_id, t.start`,
  );
}

/** The five highest-scored open threats of each project. */
export function topRisksOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<{
    project_id: string;
    number: number;
    title: string;
    score: number;
    status: string;
    owner: string | null;
  }>(
    db,
    sql`select project_id, number, title, score, status, owner from (
          select r.project_id, r.number, r.title, r.score::int as score, r.status,
                 p.first_name || ' ' || p.last_name as owner,
                 row_number() over (partition by r.project_id order by r.score desc, r.number) as rank
          from risks r left join people p on p.id = r.owner_id
          where r.project_id in ${ids} and r.kind = 'threat' and r.status in ('open', 'monitoring', 'occurred')
        ) x where rank <= 5 order by project_id, rank`,
  );
}

// ---------------------------------------------------------------- e-mail

export async function smtpOf(db: Executor) {
  const [row] = await db.select().from(smtpSettings).where(eq(smtpSettings.id, 1));
  return row;
}

/** Creates (version 0) or updates the SMTP settings; null on a stale version. */
export async function saveSmtp(
  db: Executor,
  version: number,
  values: Omit<typeof smtpSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>,
) {
  if (version === 0) {
    const rows = await db
      .insert(smtpSettings)
      .values({ id: 1, ...values })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  }
  const [row] = await db
    .update(smtpSettings)
    .set({ ...values, version: sql`${smtpSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(smtpSettings.id, 1), eq(smtpSettings.version, version)))
    .returning();
  return row ?? null;
}

export function listSubscriptions(db: Executor) {
  return db
    .select({ s: reportSubscriptions, userEmail: users.email, userName: users.name })
    .from(reportSubscriptions)
    .leftJoin(users, eq(users.id, reportSubscriptions.recipientUserId))
    .orderBy(reportSubscriptions.createdAt, reportSubscriptions.id);
}

export async function findSubscription(db: Executor, id: string) {
  const [row] = await db
    .select({ s: reportSubscriptions, userEmail: users.email, userName: users.name })
    .from(reportSubscriptions)
    .leftJoin(users, eq(users.id, reportSubscriptions.recipientUserId))
    .where(eq(reportSubscriptions.id, id));
  return row;
}

export async function insertSubscription(
  db: Executor,
  values: typeof reportSubscriptions.$inferInsert,
) {
  const [row] = await db.insert(reportSubscriptions).values(values).returning();
  return row!;
}

export async function updateSubscription(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof reportSubscriptions.$inferInsert>,
) {
  const [row] = await db
    .update(reportSubscriptions)
    .set({ ...values, version: sql`${reportSubscriptions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.version, version)))
    .returning();
  return row;
}

export async function deleteSubscription(db: Executor, id: string, version: number) {
  const rows = await db
    .delete(reportSubscriptions)
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.version, version)))
    .returning({ id: reportSubscriptions.id });
  return rows.length > 0;
}

/** Subscriptions due on or before `date`. */
export function dueSubscriptions(db: Executor, date: string) {
  return db
    .select({ s: reportSubscriptions, userEmail: users.email, userName: users.name })
    .from(reportSubscriptions)
    .leftJoin(users, eq(users.id, reportSubscriptions.recipientUserId))
    .where(and(eq(reportSubscriptions.active, true), lte(reportSubscriptions.nextRunOn, date)));
}

/**
 * Claims a due run: moves the subscription to its next run date if it is still at `runOn`
 * (so that two instances never send the same run twice). True when claimed.
 */
export async function claimRun(db: Executor, id: string, runOn: string, next: string) {
  const rows = await db
    .update(reportSubscriptions)
    .set({ nextRunOn: next, lastRunOn: runOn })
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.nextRunOn, runOn)))
    .returning({ id: reportSubscriptions.id });
  return rows.length > 0;
}

export async function insertDelivery(db: Executor, values: typeof reportDeliveries.$inferInsert) {
  const [row] = await db.insert(reportDeliveries).values(values).returning();
  return row!;
}

export async function setDelivery(
  db: Executor,
  id: string,
  values: Partial<typeof reportDeliveries.$inferInsert>,
) {
  await db
    .update(reportDeliveries)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(reportDeliveries.id, id));
}

/** Deliveries waiting for a retry whose time has come. */
export function retriesDue(db: Executor, now: Date) {
  return db
    .select()
    .from(reportDeliveries)
    .where(and(eq(reportDeliveries.state, 'retrying'), lte(reportDeliveries.nextAttemptAt, now)));
}

export function listDeliveries(db: Executor, limit: number, subscriptionId?: string) {
  return db
    .select()
    .from(reportDeliveries)
    .where(subscriptionId ? eq(reportDeliveries.subscriptionId, subscriptionId) : undefined)
    .orderBy(desc(reportDeliveries.updatedAt), desc(reportDeliveries.id))
    .limit(limit);
}

/** The latest delivery of each subscription. */
export async function lastDeliveries(db: Executor) {
  return queryRows<{ subscription_id: string; state: string; updated_at: Date | string }>(
    db,
    sql`select distinct on (subscription_id) subscription_id, state, updated_at
        from report_deliveries order by subscription_id, updated_at desc`,
  );
}

export async function findDelivery(db: Executor, id: string) {
  const [row] = await db.select().from(reportDeliveries).where(eq(reportDeliveries.id, id));
  return row;
}
