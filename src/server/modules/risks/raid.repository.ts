import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { portfolios, programs, projects } from '../portfolio/portfolio.tables.ts';
import { raidActions, raidChangeRequests, raidDecisions, raidIssues } from './raid.tables.ts';
import { risks } from './risks.tables.ts';

export type IssueRow = typeof raidIssues.$inferSelect;
export type DecisionRow = typeof raidDecisions.$inferSelect;
export type ChangeRow = typeof raidChangeRequests.$inferSelect;
export type ActionRow = typeof raidActions.$inferSelect;

const personName = sql<string | null>`${people.firstName} || ' ' || ${people.lastName}`;
const projectName = sql<string>`${projects.code} || ' — ' || ${projects.name}`;

/** Open actions of a source, counted in the same query as the rows. */
const openActions = (type: string, id: SQL | unknown) =>
  sql<number>`(select count(*)::int from ${raidActions} a
    where a.source_type = ${type} and a.source_id = ${id} and a.status = 'open')`;

/** `1.2.3 Recette` of a task id column, as a scalar subquery (null when none). */
const taskLabel = (column: SQL | unknown) =>
  sql<string | null>`(select t.wbs || ' ' || t.name from ${planTasks} t where t.id = ${column})`;

/** The next number of a log (I-n, D-n, DC-n) in a project. */
export async function nextNumber(
  db: Executor,
  table: typeof raidIssues | typeof raidDecisions | typeof raidChangeRequests,
  projectId: string,
) {
  const [row] = await db
    .select({ n: sql<number>`(coalesce(max(${table.number}), 0) + 1)::int` })
    .from(table as PgTable)
    .where(eq(table.projectId, projectId));
  return Number(row?.n ?? 1);
}

// ---------------------------------------------------------------- issues

function selectIssues(db: Executor) {
  return db
    .select({
      i: raidIssues,
      projectName,
      ownerName: personName,
      riskNumber: risks.number,
      riskTitle: risks.title,
      taskName: taskLabel(raidIssues.taskId),
      programName: sql<
        string | null
      >`(select p.name from ${programs} p where p.id = ${raidIssues.programId})`,
      portfolioName: sql<
        string | null
      >`(select p.name from ${portfolios} p where p.id = ${raidIssues.portfolioId})`,
      openActions: openActions('issue', raidIssues.id),
    })
    .from(raidIssues)
    .innerJoin(projects, eq(projects.id, raidIssues.projectId))
    .leftJoin(people, eq(people.id, raidIssues.ownerId))
    .leftJoin(risks, eq(risks.id, raidIssues.riskId));
}
export type IssueView = Awaited<ReturnType<ReturnType<typeof selectIssues>['execute']>>[number];

export const listIssues = (db: Executor, where: SQL | undefined) =>
  selectIssues(db)
    .where(where)
    .orderBy(
      sql`case ${raidIssues.status} when 'open' then 0 when 'in_progress' then 1 else 2 end`,
      sql`case ${raidIssues.priority} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
      desc(raidIssues.number),
    );

export async function findIssueView(db: Executor, id: string) {
  const [row] = await selectIssues(db).where(eq(raidIssues.id, id));
  return row;
}

export async function findIssue(db: Executor, id: string) {
  const [row] = await db.select().from(raidIssues).where(eq(raidIssues.id, id));
  return row;
}

// ---------------------------------------------------------------- decisions

function selectDecisions(db: Executor) {
  return db
    .select({
      d: raidDecisions,
      projectName,
      decidedByName: personName,
      changeNumber: raidChangeRequests.number,
      changeTitle: raidChangeRequests.title,
      openActions: openActions('decision', raidDecisions.id),
    })
    .from(raidDecisions)
    .innerJoin(projects, eq(projects.id, raidDecisions.projectId))
    .leftJoin(people, eq(people.id, raidDecisions.decidedById))
    .leftJoin(raidChangeRequests, eq(raidChangeRequests.id, raidDecisions.changeRequestId));
}
export type DecisionView = Awaited<
  ReturnType<ReturnType<typeof selectDecisions>['execute']>
>[number];

export const listDecisions = (db: Executor, where: SQL | undefined) =>
  selectDecisions(db)
    .where(where)
    .orderBy(desc(raidDecisions.decidedOn), desc(raidDecisions.number));

export async function findDecisionView(db: Executor, id: string) {
  const [row] = await selectDecisions(db).where(eq(raidDecisions.id, id));
  return row;
}

export async function findDecision(db: Executor, id: string) {
  const [row] = await db.select().from(raidDecisions).where(eq(raidDecisions.id, id));
  return row;
}

/** Codes and titles of linked items, in one query per kind. */
export async function labelsOf(
  db: Executor,
  ids: { risk: string[]; issue: string[]; change_request: string[] },
) {
  const out = new Map<string, { code: string; title: string; projectId: string | null }>();
  // One after the other: never concurrent queries on one client or transaction.
  const r = await (ids.risk.length
    ? db
        .select({ id: risks.id, n: risks.number, title: risks.title, projectId: risks.projectId })
        .from(risks)
        .where(inArray(risks.id, ids.risk))
    : []);
  const i = await (ids.issue.length
    ? db
        .select({
          id: raidIssues.id,
          n: raidIssues.number,
          title: raidIssues.title,
          projectId: raidIssues.projectId,
        })
        .from(raidIssues)
        .where(inArray(raidIssues.id, ids.issue))
    : []);
  const c = await (ids.change_request.length
    ? db
        .select({
          id: raidChangeRequests.id,
          n: raidChangeRequests.number,
          title: raidChangeRequests.title,
          projectId: raidChangeRequests.projectId,
        })
        .from(raidChangeRequests)
        .where(inArray(raidChangeRequests.id, ids.change_request))
    : []);
  for (const x of r) out.set(x.id, { code: `R-${x.n}`, title: x.title, projectId: x.projectId });
  for (const x of i) out.set(x.id, { code: `I-${x.n}`, title: x.title, projectId: x.projectId });
  for (const x of c) out.set(x.id, { code: `DC-${x.n}`, title: x.title, projectId: x.projectId });
  return out;
}

// ---------------------------------------------------------------- change requests

function selectChanges(db: Executor) {
  return db
    .select({
      c: raidChangeRequests,
      projectName,
      requestedByName: personName,
      decisionNumber: raidDecisions.number,
      decisionTitle: raidDecisions.title,
      openActions: openActions('change_request', raidChangeRequests.id),
    })
    .from(raidChangeRequests)
    .innerJoin(projects, eq(projects.id, raidChangeRequests.projectId))
    .leftJoin(people, eq(people.id, raidChangeRequests.requestedById))
    .leftJoin(raidDecisions, eq(raidDecisions.id, raidChangeRequests.decisionId));
}
export type ChangeView = Awaited<ReturnType<ReturnType<typeof selectChanges>['execute']>>[number];

export const listChanges = (db: Executor, where: SQL | undefined) =>
  selectChanges(db)
    .where(where)
    .orderBy(
      sql`case ${raidChangeRequests.status} when 'submitted' then 0 when 'draft' then 1 else 2 end`,
      desc(raidChangeRequests.number),
    );

export async function findChangeView(db: Executor, id: string) {
  const [row] = await selectChanges(db).where(eq(raidChangeRequests.id, id));
  return row;
}

export async function findChange(db: Executor, id: string) {
  const [row] = await db.select().from(raidChangeRequests).where(eq(raidChangeRequests.id, id));
  return row;
}

export async function risksOfProject(db: Executor, projectId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: risks.id, number: risks.number, title: risks.title, score: risks.score })
    .from(risks)
    .where(and(eq(risks.projectId, projectId), inArray(risks.id, [...ids])))
    .orderBy(asc(risks.number));
}

// ---------------------------------------------------------------- actions

/** The code and title of each action's source, through one left join per kind. */
function selectActions(db: Executor) {
  const ri = sql.raw('src_r');
  const is = sql.raw('src_i');
  const de = sql.raw('src_d');
  const cr = sql.raw('src_c');
  return db
    .select({
      a: raidActions,
      projectName: sql<string | null>`${projects.code} || ' — ' || ${projects.name}`,
      programName: programs.name,
      ownerName: personName,
      taskName: taskLabel(raidActions.taskId),
      sourceCode: sql<string>`coalesce('R-' || ${ri}.number, 'I-' || ${is}.number,
        'D-' || ${de}.number, 'DC-' || ${cr}.number, '')`,
      sourceTitle: sql<string>`coalesce(${ri}.title, ${is}.title, ${de}.title, ${cr}.title, '')`,
    })
    .from(raidActions)
    .leftJoin(projects, eq(projects.id, raidActions.projectId))
    .leftJoin(programs, eq(programs.id, raidActions.programId))
    .leftJoin(people, eq(people.id, raidActions.ownerId))
    .leftJoin(
      sql`${risks} as ${ri}`,
      sql`${raidActions.sourceType} = 'risk' and ${ri}.id = ${raidActions.sourceId}`,
    )
    .leftJoin(
      sql`${raidIssues} as ${is}`,
      sql`${raidActions.sourceType} = 'issue' and ${is}.id = ${raidActions.sourceId}`,
    )
    .leftJoin(
      sql`${raidDecisions} as ${de}`,
      sql`${raidActions.sourceType} = 'decision' and ${de}.id = ${raidActions.sourceId}`,
    )
    .leftJoin(
      sql`${raidChangeRequests} as ${cr}`,
      sql`${raidActions.sourceType} = 'change_request' and ${cr}.id = ${raidActions.sourceId}`,
    );
}
export type ActionView = Awaited<ReturnType<ReturnType<typeof selectActions>['execute']>>[number];

export const listActions = (db: Executor, where: SQL | undefined) =>
  selectActions(db)
    .where(where)
    .orderBy(
      sql`case ${raidActions.status} when 'open' then 0 else 1 end`,
      sql`${raidActions.dueDate} asc nulls last`,
      asc(raidActions.createdAt),
    )
    .limit(1000);

export async function findActionView(db: Executor, id: string) {
  const [row] = await selectActions(db).where(eq(raidActions.id, id));
  return row;
}

export async function findAction(db: Executor, id: string) {
  const [row] = await db.select().from(raidActions).where(eq(raidActions.id, id));
  return row;
}

/** Open actions due on or before `until`, with an owner, for the reminders job. */
export function actionsToRemind(db: Executor, until: string) {
  return selectActions(db)
    .where(
      and(
        eq(raidActions.status, 'open'),
        sql`${raidActions.ownerId} is not null`,
        sql`${raidActions.dueDate} <= ${until}`,
      ),
    )
    .limit(10_000);
}

// ---------------------------------------------------------------- tasks

/** The WBS of a project for the task pickers: filtered by WBS code or name, in WBS order. */
export function searchTasks(
  db: Executor,
  projectId: string,
  q: { text?: string | undefined; leaves: boolean; limit: number },
) {
  const like = q.text ? `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return (
    db
      .select({
        id: planTasks.id,
        wbs: planTasks.wbs,
        name: planTasks.name,
        isSummary: planTasks.isSummary,
        duration: planTasks.duration,
        finish: planTasks.finish,
      })
      .from(planTasks)
      .where(
        and(
          eq(planTasks.projectId, projectId),
          q.leaves ? eq(planTasks.isSummary, false) : undefined,
          like
            ? sql`(${planTasks.name} ilike ${like} or ${planTasks.wbs} ilike ${like})`
            : undefined,
        ),
      )
      // WBS order: "1.10" after "1.9" (each segment padded, so any text is safe).
      .orderBy(
        sql`array(select lpad(x, 8, '0') from unnest(string_to_array(${planTasks.wbs}, '.')) x)`,
        asc(planTasks.position),
      )
      .limit(q.limit)
  );
}

/** The tasks among `ids` that belong to the project (with whether they are summaries). */
export function tasksOfProject(db: Executor, projectId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: planTasks.id, isSummary: planTasks.isSummary })
    .from(planTasks)
    .where(and(eq(planTasks.projectId, projectId), inArray(planTasks.id, [...ids])));
}
