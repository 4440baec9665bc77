import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type {
  ChangeAnalysis,
  ChangeRequest,
  ChangeRequestDetail,
  CreateActionBody,
  CreateChangeRequestBody,
  CreateDecisionBody,
  CreateIssueBody,
  Decision,
  DecideChangeBody,
  EscalateIssueBody,
  Issue,
  RaidAction,
  RaidListQuery,
  RaidTaskOption,
  UpdateActionBody,
  UpdateChangeRequestBody,
  UpdateDecisionBody,
  UpdateIssueBody,
} from '../../../contracts/raid.ts';
import { DomainError, type ErrorCode } from '../../../core/errors.ts';
import { escalation } from '../../../core/raid/escalation.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants, type Permission } from '../../../core/platform/permissions.ts';
import {
  actionOverdue,
  changedDuration,
  changeStepAllowed,
  changeStepTarget,
  costImpact,
  issueResolved,
  scheduleImpact,
  slipThrough,
  type ChangeStatus,
  type ChangeStep,
} from '../../../core/risks/raid.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as finance from '../finance/finance.service.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import * as planning from '../planning/planning.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, getProject } from '../portfolio/portfolio.service.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import * as repo from './raid.repository.ts';
import { raidActions, raidChangeRequests, raidDecisions, raidIssues } from './raid.tables.ts';
import { authorizeProgram, authorizeRisk, readScope } from './risks.service.ts';

const today = () => new Date().toISOString().slice(0, 10);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const personOf = (actor: Actor) => actor.personId;

function notFound(code: ErrorCode, what: string, id: string): never {
  throw new DomainError(code, `No ${what} ${id}`);
}

function stale(what: string, current: unknown): DomainError {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

/**
 * Loads a log record's project access: invisible project → the record's NOT_FOUND, read-only →
 * FORBIDDEN.
 */
async function authorizeIn(
  tx: Executor,
  actor: Actor,
  projectId: string,
  permission: Permission,
  code: ErrorCode,
  id: string,
) {
  try {
    await authorizeProject(tx, actor, projectId, 'risk.read');
  } catch (err) {
    if (err instanceof DomainError) notFound(code, 'record', id);
    throw err;
  }
  if (permission !== 'risk.read') return authorizeProject(tx, actor, projectId, permission);
  return authorizeProject(tx, actor, projectId, 'risk.read');
}

/** The project condition of a log list: one project, or the visible projects of a programme. */
async function listScope(ctx: Ctx, actor: Actor, q: RaidListQuery, column: SQL): Promise<SQL> {
  if (q.projectId) {
    await authorizeProject(ctx.db, actor, q.projectId, 'risk.read');
    return sql`${column} = ${q.projectId}`;
  }
  if (!q.programId) {
    throw new DomainError('VALIDATION_FAILED', 'projectId or programId is required', {
      issues: [{ path: ['querystring', 'programId'], message: 'Required for this log' }],
    });
  }
  await authorizeProgram(ctx, actor, q.programId, 'risk.read');
  const scope = await readScope(ctx, actor);
  const inProgram = sql`${column} in (select ${projects.id} from ${projects} where ${projects.programId} = ${q.programId})`;
  if (scope.all) return inProgram;
  if (scope.projectIds.length === 0) return sql`false`;
  return sql`${inProgram} and ${column} in (${sql.join(
    scope.projectIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

const statusIn = (column: SQL, status: string[] | undefined) =>
  status && status.length > 0
    ? sql`${column} in (${sql.join(
        status.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : undefined;

/** Runs an insert that takes the next number of a log; retries when two writers collide. */
async function withNumber<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

type LogTable =
  typeof raidIssues | typeof raidDecisions | typeof raidChangeRequests | typeof raidActions;
type LogRow<T extends LogTable> = T['$inferSelect'];

/** One RAID log as its writes see it: the table, and how a record is named and audited. */
interface Log<T extends LogTable> {
  table: T;
  entityType: 'raid_issue' | 'raid_decision' | 'change_request' | 'raid_action';
  label: (row: LogRow<T>) => string;
  audited: (row: LogRow<T>) => Record<string, unknown>;
}

/** Records a write of a log record in the audit trail; `project` prefixes the label with its code. */
async function auditWrite<T extends LogTable>(
  tx: Executor,
  actor: Actor,
  log: Log<T>,
  action: 'create' | 'update' | 'delete',
  { before, after }: { before?: LogRow<T>; after?: LogRow<T> },
  project?: { code: string },
) {
  const row = (after ?? before)!;
  await recordAudit(tx, actor, {
    entityType: log.entityType,
    entityId: row.id,
    entityLabel: project ? `${project.code} — ${log.label(row)}` : log.label(row),
    projectId: row.projectId,
    action,
    ...(before ? { before: log.audited(before) } : {}),
    ...(after ? { after: log.audited(after) } : {}),
  });
}

/**
 * Sets `values` on a record still at the version the client read (If-Match), bumps the version
 * and audits the change; null when someone changed it since.
 */
async function updateAtVersion<T extends LogTable>(
  tx: Executor,
  actor: Actor,
  log: Log<T>,
  before: LogRow<T>,
  version: number,
  values: Partial<T['$inferInsert']>,
  project?: { code: string },
): Promise<LogRow<T> | null> {
  const table = log.table as LogTable;
  const [after] = await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date() })
    .where(and(eq(table.id, before.id), eq(table.version, version)))
    .returning();
  if (!after) return null;
  await auditWrite(tx, actor, log, 'update', { before, after: after as LogRow<T> }, project);
  return after as LogRow<T>;
}

/** Deletes a record still at the version the client read and audits it; null when someone changed it since. */
async function deleteAtVersion<T extends LogTable>(
  tx: Executor,
  actor: Actor,
  log: Log<T>,
  id: string,
  version: number,
): Promise<LogRow<T> | null> {
  const table = log.table as LogTable;
  const [gone] = await tx
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning();
  if (!gone) return null;
  await auditWrite(tx, actor, log, 'delete', { before: gone as LogRow<T> });
  return gone as LogRow<T>;
}

// ---------------------------------------------------------------- issues

function toIssue(v: repo.IssueView): Issue {
  const i = v.i;
  return {
    id: i.id,
    code: `I-${i.number}`,
    project: { id: i.projectId, name: v.projectName },
    title: i.title,
    description: i.description,
    impact: i.impact,
    owner: i.ownerId ? { id: i.ownerId, name: v.ownerName ?? '' } : null,
    priority: i.priority as Issue['priority'],
    status: i.status as Issue['status'],
    raisedOn: i.raisedOn,
    dueDate: i.dueDate,
    resolution: i.resolution,
    resolvedOn: i.resolvedOn,
    risk: i.riskId ? { id: i.riskId, name: `R-${v.riskNumber} ${v.riskTitle ?? ''}` } : null,
    task: i.taskId ? { id: i.taskId, name: v.taskName ?? '' } : null,
    program: i.programId ? { id: i.programId, name: v.programName ?? '' } : null,
    portfolio: i.portfolioId ? { id: i.portfolioId, name: v.portfolioName ?? '' } : null,
    escalatedTo: i.escalatedAt === null ? null : i.portfolioId !== null ? 'portfolio' : 'program',
    escalatedAt: iso(i.escalatedAt),
    escalationReason: i.escalationReason,
    openActions: Number(v.openActions),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

const issueAudit = (i: repo.IssueRow) => ({
  title: i.title,
  description: i.description,
  impact: i.impact,
  ownerId: i.ownerId,
  priority: i.priority,
  status: i.status,
  raisedOn: i.raisedOn,
  dueDate: i.dueDate,
  resolution: i.resolution,
  resolvedOn: i.resolvedOn,
  riskId: i.riskId,
  taskId: i.taskId,
  programId: i.programId,
  portfolioId: i.portfolioId,
  escalationReason: i.escalationReason,
});

const issueLog: Log<typeof raidIssues> = {
  table: raidIssues,
  entityType: 'raid_issue',
  label: (i) => `I-${i.number} ${i.title}`,
  audited: issueAudit,
};

async function assertProjectRisk(tx: Executor, projectId: string, riskId: string | null) {
  if (!riskId) return;
  const found = await repo.risksOfProject(tx, projectId, [riskId]);
  if (found.length === 0) {
    throw new DomainError('RISK_NOT_FOUND', `No risk ${riskId} in this project`, {
      issues: [{ path: ['body', 'riskId'], message: 'Not a risk of this project' }],
    });
  }
}

/**
 * Checks a WBS task named by a RAID record: it must be a task of the record's project
 * (`path` names the field on failure).
 */
async function assertProjectTask(
  tx: Executor,
  projectId: string | null,
  taskId: string | null | undefined,
  path: string[],
) {
  if (!taskId) return;
  const found = projectId ? await repo.tasksOfProject(tx, projectId, [taskId]) : [];
  if (found.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Not a task of this project', {
      issues: [{ path, message: 'Not a task of this project' }],
    });
  }
}

/**
 * The issues escalated to a programme or portfolio: the programme's readers (its manager,
 * global roles, members of its projects) see them all; a portfolio's are for global roles.
 */
async function escalatedScope(ctx: Ctx, actor: Actor, q: RaidListQuery): Promise<SQL> {
  if (q.programId) {
    await authorizeProgram(ctx, actor, q.programId, 'risk.read');
    return sql`${raidIssues.programId} = ${q.programId}`;
  }
  if (!roleGrants(actor.role, 'risk.read')) {
    throw new DomainError('FORBIDDEN', 'The portfolio register is for global roles', {
      permission: 'risk.read',
    });
  }
  return sql`${raidIssues.portfolioId} = ${q.portfolioId}`;
}

export async function listIssues(ctx: Ctx, actor: Actor, q: RaidListQuery) {
  const scope =
    q.escalated === 'true' || (q.portfolioId && !q.projectId && !q.programId)
      ? await escalatedScope(ctx, actor, q)
      : await listScope(ctx, actor, q, sql`${raidIssues.projectId}`);
  const where = and(scope, statusIn(sql`${raidIssues.status}`, q.status));
  return { items: (await repo.listIssues(ctx.db, where)).map(toIssue) };
}

/**
 * Loads an issue the actor may act on. An escalated issue is also readable from its programme
 * (or, for global roles, its portfolio); writing stays with the project's managers.
 */
async function authorizeIssue(ctx: Ctx, actor: Actor, row: repo.IssueRow, permission: Permission) {
  try {
    await authorizeIn(ctx.db, actor, row.projectId, permission, 'ISSUE_NOT_FOUND', row.id);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'ISSUE_NOT_FOUND') throw err;
    if (row.programId) {
      try {
        await authorizeProgram(ctx, actor, row.programId, 'risk.read');
      } catch (e) {
        if (e instanceof DomainError) throw err;
        throw e;
      }
    } else throw err;
    if (permission !== 'risk.read') {
      throw new DomainError('FORBIDDEN', `You may not ${permission} on this issue`, {
        permission,
      });
    }
  }
}

export async function getIssue(ctx: Ctx, actor: Actor, id: string): Promise<Issue> {
  const row = (await repo.findIssue(ctx.db, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
  await authorizeIssue(ctx, actor, row, 'risk.read');
  return toIssue((await repo.findIssueView(ctx.db, id))!);
}

/** Why an issue cannot be raised (the messages of ISSUE_NOT_ESCALATABLE). */
const ISSUE_REFUSALS = {
  program: {
    already: 'This issue is already escalated to its programme',
    'not-project': 'This project belongs to no programme',
    'no-target': 'This project belongs to no programme',
  },
  portfolio: {
    already: 'This issue is already escalated to its portfolio',
    'not-project': 'No portfolio to escalate to',
    'no-target': 'No portfolio to escalate to',
  },
} as const;

/**
 * Raises an issue to its project's programme or portfolio with the reason, as risks are: it
 * stays in its project's log and is listed by the programme (or portfolio) as escalated.
 */
export async function escalateIssue(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: EscalateIssueBody,
) {
  const checked = (await repo.findIssue(ctx.db, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
  await authorizeIn(ctx.db, actor, checked.projectId, 'risk.manage', 'ISSUE_NOT_FOUND', id);
  const project = await getProject(ctx, actor, checked.projectId);
  const after = await ctx.db.transaction(async (tx) => {
    const before = (await repo.findIssue(tx, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
    const outcome = escalation(body.to, before, project);
    if (!outcome.ok) {
      throw new DomainError('ISSUE_NOT_ESCALATABLE', ISSUE_REFUSALS[body.to][outcome.refusal], {
        to: body.to,
      });
    }
    const values = { ...outcome.change, escalatedAt: new Date(), escalationReason: body.reason };
    return updateAtVersion(tx, actor, issueLog, before, version, values, project);
  });
  if (!after) throw stale('issue', await getIssue(ctx, actor, id));
  return getIssue(ctx, actor, id);
}

export async function createIssue(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: CreateIssueBody,
) {
  const id = await withNumber(() =>
    ctx.db.transaction(async (tx) => {
      const { project } = await authorizeProject(tx, actor, projectId, 'risk.manage');
      await assertPeopleExist(tx, { ownerId: body.ownerId });
      await assertProjectRisk(tx, projectId, body.riskId);
      await assertProjectTask(tx, projectId, body.taskId, ['body', 'taskId']);
      const raisedOn = body.raisedOn ?? today();
      const [row] = await tx
        .insert(raidIssues)
        .values({
          ...body,
          projectId,
          raisedOn,
          number: await repo.nextNumber(tx, raidIssues, projectId),
          resolvedOn: issueResolved(body.status) ? today() : null,
        })
        .returning();
      await auditWrite(tx, actor, issueLog, 'create', { after: row! }, project);
      return row!.id;
    }),
  );
  return getIssue(ctx, actor, id);
}

export async function updateIssue(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: UpdateIssueBody,
) {
  const checked = (await repo.findIssue(ctx.db, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
  await authorizeIssue(ctx, actor, checked, 'risk.manage');
  const after = await ctx.db.transaction(async (tx) => {
    const before = (await repo.findIssue(tx, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
    if (body.ownerId) await assertPeopleExist(tx, { ownerId: body.ownerId });
    if (body.riskId) await assertProjectRisk(tx, before.projectId, body.riskId);
    await assertProjectTask(tx, before.projectId, body.taskId, ['body', 'taskId']);
    const status = (body.status ?? before.status) as Issue['status'];
    return updateAtVersion(tx, actor, issueLog, before, version, {
      ...body,
      resolvedOn: issueResolved(status) ? (before.resolvedOn ?? today()) : null,
    });
  });
  if (!after) throw stale('issue', await getIssue(ctx, actor, id));
  return getIssue(ctx, actor, id);
}

export async function deleteIssue(ctx: Ctx, actor: Actor, id: string, version: number) {
  const checked = (await repo.findIssue(ctx.db, id)) ?? notFound('ISSUE_NOT_FOUND', 'issue', id);
  await authorizeIssue(ctx, actor, checked, 'risk.manage');
  await ctx.db.transaction(async (tx) => {
    const gone = await deleteAtVersion(tx, actor, issueLog, id, version);
    if (!gone) throw stale('issue', { version: checked.version });
    await deleteActionsOf(tx, 'issue', id);
  });
}

// ---------------------------------------------------------------- decisions

type Link = { type: 'risk' | 'issue' | 'change_request'; id: string };

async function linkViews(db: Executor, links: readonly Link[]) {
  const ids = { risk: [] as string[], issue: [] as string[], change_request: [] as string[] };
  for (const l of links) ids[l.type].push(l.id);
  return repo.labelsOf(db, ids);
}

/** Checks every linked item exists in the same project (path names the bad one). */
async function assertLinks(tx: Executor, projectId: string, links: readonly Link[]) {
  const labels = await linkViews(tx, links);
  const issues = links.flatMap((l, index) =>
    labels.get(l.id)?.projectId === projectId
      ? []
      : [{ path: ['body', 'links', String(index), 'id'], message: `No ${l.type} of this project` }],
  );
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'A linked item is not in this project', { issues });
  }
}

async function toDecisions(db: Executor, views: repo.DecisionView[]): Promise<Decision[]> {
  const labels = await linkViews(
    db,
    views.flatMap((v) => v.d.links as Link[]),
  );
  return views.map((v) => {
    const d = v.d;
    return {
      id: d.id,
      code: `D-${d.number}`,
      project: { id: d.projectId, name: v.projectName },
      title: d.title,
      decision: d.decision,
      alternatives: d.alternatives,
      decidedBy: d.decidedById ? { id: d.decidedById, name: v.decidedByName ?? '' } : null,
      forum: d.forum,
      decidedOn: d.decidedOn,
      status: d.status as Decision['status'],
      links: (d.links as Link[]).flatMap((l) => {
        const label = labels.get(l.id);
        return label ? [{ ...l, code: label.code, title: label.title }] : [];
      }),
      changeRequest: d.changeRequestId
        ? { id: d.changeRequestId, name: `DC-${v.changeNumber} ${v.changeTitle ?? ''}` }
        : null,
      openActions: Number(v.openActions),
      version: d.version,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    };
  });
}

const decisionAudit = (d: repo.DecisionRow) => ({
  title: d.title,
  decision: d.decision,
  alternatives: d.alternatives,
  decidedById: d.decidedById,
  forum: d.forum,
  decidedOn: d.decidedOn,
  status: d.status,
  links: d.links,
});

const decisionLog: Log<typeof raidDecisions> = {
  table: raidDecisions,
  entityType: 'raid_decision',
  label: (d) => `D-${d.number} ${d.title}`,
  audited: decisionAudit,
};

export async function listDecisions(ctx: Ctx, actor: Actor, q: RaidListQuery) {
  const where = and(
    await listScope(ctx, actor, q, sql`${raidDecisions.projectId}`),
    statusIn(sql`${raidDecisions.status}`, q.status),
  );
  return { items: await toDecisions(ctx.db, await repo.listDecisions(ctx.db, where)) };
}

export async function getDecision(ctx: Ctx, actor: Actor, id: string): Promise<Decision> {
  const row =
    (await repo.findDecision(ctx.db, id)) ?? notFound('DECISION_NOT_FOUND', 'decision', id);
  await authorizeIn(ctx.db, actor, row.projectId, 'risk.read', 'DECISION_NOT_FOUND', id);
  return (await toDecisions(ctx.db, [(await repo.findDecisionView(ctx.db, id))!]))[0]!;
}

async function insertDecision(
  tx: Executor,
  actor: Actor,
  project: { id: string; code: string },
  body: CreateDecisionBody,
  changeRequestId: string | null = null,
) {
  const [row] = await tx
    .insert(raidDecisions)
    .values({
      ...body,
      projectId: project.id,
      decidedOn: body.decidedOn ?? today(),
      number: await repo.nextNumber(tx, raidDecisions, project.id),
      changeRequestId,
    })
    .returning();
  await auditWrite(tx, actor, decisionLog, 'create', { after: row! }, project);
  return row!;
}

export async function createDecision(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: CreateDecisionBody,
) {
  const id = await withNumber(() =>
    ctx.db.transaction(async (tx) => {
      const { project } = await authorizeProject(tx, actor, projectId, 'risk.manage');
      await assertPeopleExist(tx, { decidedById: body.decidedById });
      await assertLinks(tx, projectId, body.links);
      return (await insertDecision(tx, actor, project, body)).id;
    }),
  );
  return getDecision(ctx, actor, id);
}

export async function updateDecision(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: UpdateDecisionBody,
) {
  const checked =
    (await repo.findDecision(ctx.db, id)) ?? notFound('DECISION_NOT_FOUND', 'decision', id);
  await authorizeIn(ctx.db, actor, checked.projectId, 'risk.manage', 'DECISION_NOT_FOUND', id);
  const after = await ctx.db.transaction(async (tx) => {
    const before =
      (await repo.findDecision(tx, id)) ?? notFound('DECISION_NOT_FOUND', 'decision', id);
    if (body.decidedById) await assertPeopleExist(tx, { decidedById: body.decidedById });
    if (body.links) await assertLinks(tx, before.projectId, body.links);
    return updateAtVersion(tx, actor, decisionLog, before, version, body);
  });
  if (!after) throw stale('decision', await getDecision(ctx, actor, id));
  return getDecision(ctx, actor, id);
}

export async function deleteDecision(ctx: Ctx, actor: Actor, id: string, version: number) {
  const checked =
    (await repo.findDecision(ctx.db, id)) ?? notFound('DECISION_NOT_FOUND', 'decision', id);
  await authorizeIn(ctx.db, actor, checked.projectId, 'risk.manage', 'DECISION_NOT_FOUND', id);
  await ctx.db.transaction(async (tx) => {
    const gone = await deleteAtVersion(tx, actor, decisionLog, id, version);
    if (!gone) throw stale('decision', { version: checked.version });
    await deleteActionsOf(tx, 'decision', id);
  });
}

// ---------------------------------------------------------------- change requests

type TaskChange = { taskId: string; deltaDays: number };
type BudgetChange = { lineId: string; month: string; deltaCents: number };

function toChange(v: repo.ChangeView): ChangeRequest {
  const c = v.c;
  return {
    id: c.id,
    code: `DC-${c.number}`,
    project: { id: c.projectId, name: v.projectName },
    title: c.title,
    description: c.description,
    justification: c.justification,
    scopeImpact: c.scopeImpact,
    riskImpact: c.riskImpact,
    taskChanges: c.taskChanges as TaskChange[],
    budgetChanges: c.budgetChanges as BudgetChange[],
    risks: [],
    costImpactCents: Number(c.costImpactCents),
    scheduleImpactDays: c.scheduleImpactDays,
    requestedBy: c.requestedById ? { id: c.requestedById, name: v.requestedByName ?? '' } : null,
    status: c.status as ChangeStatus,
    submittedAt: iso(c.submittedAt),
    decidedAt: iso(c.decidedAt),
    decidedByName: c.decidedByName,
    decisionComment: c.decisionComment,
    decision: c.decisionId ? { id: c.decisionId, name: `D-${v.decisionNumber}` } : null,
    applied: c.applied,
    openActions: Number(v.openActions),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const changeAudit = (c: repo.ChangeRow) => ({
  title: c.title,
  description: c.description,
  justification: c.justification,
  scopeImpact: c.scopeImpact,
  riskImpact: c.riskImpact,
  taskChanges: c.taskChanges,
  budgetChanges: c.budgetChanges,
  riskIds: c.riskIds,
  costImpactCents: Number(c.costImpactCents),
  scheduleImpactDays: c.scheduleImpactDays,
  status: c.status,
  decisionComment: c.decisionComment,
  applied: c.applied,
});

const changeLog: Log<typeof raidChangeRequests> = {
  table: raidChangeRequests,
  entityType: 'change_request',
  label: (c) => `DC-${c.number} ${c.title}`,
  audited: changeAudit,
};

/** Reads the budget when the actor may (null otherwise), in the caller's executor. */
async function budgetOrNull(ctx: Ctx, actor: Actor, projectId: string) {
  try {
    return await finance.getBudget(ctx, actor, projectId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') return null;
    throw err;
  }
}

/**
 * The impact analysis of a change from the plan (each task's dates, duration and float, through
 * the planning service) and the budget (each line's working total, through the finance
 * service), checking every task and line belongs to the project.
 */
async function analyse(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  change: { taskChanges: TaskChange[]; budgetChanges: BudgetChange[]; riskIds: string[] },
): Promise<ChangeAnalysis> {
  const plan = await planning.getPlan(ctx, actor, projectId);
  const budget = await budgetOrNull(ctx, actor, projectId);
  const risks = await repo.risksOfProject(ctx.db, projectId, change.riskIds);
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const problems: { path: string[]; message: string }[] = [];
  change.taskChanges.forEach((c, i) => {
    const task = tasks.get(c.taskId);
    if (!task)
      problems.push({
        path: ['body', 'taskChanges', String(i), 'taskId'],
        message: 'Not a task of this plan',
      });
    else if (task.kind === 'summary')
      problems.push({
        path: ['body', 'taskChanges', String(i), 'taskId'],
        message: 'A summary task has no duration of its own',
      });
  });
  if (change.budgetChanges.length > 0 && !budget) {
    throw new DomainError('FORBIDDEN', 'You may not read this project budget', {
      permission: 'finance.read',
    });
  }
  const lines = new Map((budget?.lines ?? []).map((l) => [l.id, l]));
  change.budgetChanges.forEach((c, i) => {
    if (!lines.has(c.lineId))
      problems.push({
        path: ['body', 'budgetChanges', String(i), 'lineId'],
        message: 'Not a line of this budget',
      });
  });
  if (risks.length !== new Set(change.riskIds).size) {
    const found = new Set(risks.map((r) => r.id));
    change.riskIds.forEach((id, i) => {
      if (!found.has(id))
        problems.push({
          path: ['body', 'riskIds', String(i)],
          message: 'Not a risk of this project',
        });
    });
  }
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'The change names items outside this project', {
      issues: problems,
    });
  }
  const affected = change.taskChanges.map((c) => {
    const t = tasks.get(c.taskId)!;
    const task = { duration: t.duration, totalFloat: t.schedule.totalFloat };
    return {
      taskId: t.id,
      wbs: t.wbs,
      name: t.name,
      start: t.schedule.start,
      finish: t.schedule.finish,
      duration: t.duration,
      totalFloat: t.schedule.totalFloat,
      critical: t.schedule.critical,
      deltaDays: c.deltaDays,
      newDuration: changedDuration(t.duration, c.deltaDays),
      slipDays: slipThrough(task, c.deltaDays),
      task,
    };
  });
  return {
    tasks: affected.map(({ task: _t, ...rest }) => rest),
    budget: change.budgetChanges.map((c) => {
      const l = lines.get(c.lineId)!;
      return {
        lineId: l.id,
        label: l.label,
        month: c.month,
        totalCents: l.total,
        deltaCents: c.deltaCents,
        newTotalCents: l.total + c.deltaCents,
      };
    }),
    budgetVisible: budget !== null,
    projectFinish: plan.projectFinish,
    scheduleImpactDays: scheduleImpact(affected),
    costImpactCents: costImpact(change.budgetChanges),
    risks: risks.map((r) => ({ id: r.id, code: `R-${r.number}`, title: r.title, score: r.score })),
  };
}

export async function listChangeRequests(ctx: Ctx, actor: Actor, q: RaidListQuery) {
  const where = and(
    await listScope(ctx, actor, q, sql`${raidChangeRequests.projectId}`),
    statusIn(sql`${raidChangeRequests.status}`, q.status),
  );
  return { items: (await repo.listChanges(ctx.db, where)).map(toChange) };
}

export async function getChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<ChangeRequestDetail> {
  const row =
    (await repo.findChange(ctx.db, id)) ??
    notFound('CHANGE_REQUEST_NOT_FOUND', 'change request', id);
  await authorizeIn(ctx.db, actor, row.projectId, 'risk.read', 'CHANGE_REQUEST_NOT_FOUND', id);
  const view = (await repo.findChangeView(ctx.db, id))!;
  const analysis = await analyse(ctx, actor, row.projectId, {
    taskChanges: row.taskChanges as TaskChange[],
    // A reader without the budget still sees the request, without its lines.
    budgetChanges: (await budgetOrNull(ctx, actor, row.projectId))
      ? (row.budgetChanges as BudgetChange[])
      : [],
    riskIds: row.riskIds as string[],
  }).catch((err: unknown) => {
    // Tasks or lines deleted since: the analysis shows what is left.
    if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') return null;
    throw err;
  });
  const base = toChange(view);
  return {
    ...base,
    risks: (analysis?.risks ?? []).map((r) => ({ id: r.id, name: `${r.code} ${r.title}` })),
    analysis: analysis ?? {
      tasks: [],
      budget: [],
      budgetVisible: false,
      projectFinish: null,
      scheduleImpactDays: base.scheduleImpactDays,
      costImpactCents: base.costImpactCents,
      risks: [],
    },
  };
}

export async function createChangeRequest(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: CreateChangeRequestBody,
) {
  await authorizeProject(ctx.db, actor, projectId, 'risk.manage');
  const analysis = await analyse(ctx, actor, projectId, body);
  const id = await withNumber(() =>
    ctx.db.transaction(async (tx) => {
      const { project } = await authorizeProject(tx, actor, projectId, 'risk.manage');
      const [row] = await tx
        .insert(raidChangeRequests)
        .values({
          ...body,
          projectId,
          number: await repo.nextNumber(tx, raidChangeRequests, projectId),
          costImpactCents: analysis.costImpactCents,
          scheduleImpactDays: analysis.scheduleImpactDays,
          requestedById: personOf(actor),
          status: 'draft',
        })
        .returning();
      await auditWrite(tx, actor, changeLog, 'create', { after: row! }, project);
      return row!.id;
    }),
  );
  return getChangeRequest(ctx, actor, id);
}

function wrongStatus(status: string, step: ChangeStep) {
  return new DomainError(
    'CHANGE_REQUEST_WRONG_STATUS',
    `A ${status} change request cannot ${step}`,
    { status, step },
  );
}

/** Writes a change request with its version check and audit; the caller checks the step. */
async function loadChangeFor(ctx: Ctx, actor: Actor, id: string, permission: Permission) {
  const row =
    (await repo.findChange(ctx.db, id)) ??
    notFound('CHANGE_REQUEST_NOT_FOUND', 'change request', id);
  const access = await authorizeIn(
    ctx.db,
    actor,
    row.projectId,
    permission,
    'CHANGE_REQUEST_NOT_FOUND',
    id,
  );
  return { row, project: access.project };
}

export async function updateChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: UpdateChangeRequestBody,
) {
  const { row } = await loadChangeFor(ctx, actor, id, 'risk.manage');
  if (row.version !== version)
    throw stale('change request', await getChangeRequest(ctx, actor, id));
  if (!changeStepAllowed(row.status as ChangeStatus, 'edit')) throw wrongStatus(row.status, 'edit');
  const merged = {
    taskChanges: body.taskChanges ?? (row.taskChanges as TaskChange[]),
    budgetChanges: body.budgetChanges ?? (row.budgetChanges as BudgetChange[]),
    riskIds: body.riskIds ?? (row.riskIds as string[]),
  };
  const analysis = await analyse(ctx, actor, row.projectId, merged);
  const after = await ctx.db.transaction(async (tx) => {
    const before = (await repo.findChange(tx, id))!;
    if (!changeStepAllowed(before.status as ChangeStatus, 'edit'))
      throw wrongStatus(before.status, 'edit');
    return updateAtVersion(tx, actor, changeLog, before, version, {
      ...body,
      costImpactCents: analysis.costImpactCents,
      scheduleImpactDays: analysis.scheduleImpactDays,
    });
  });
  if (!after) throw stale('change request', await getChangeRequest(ctx, actor, id));
  return getChangeRequest(ctx, actor, id);
}

/** Submits a draft for approval, or withdraws a submitted request to draft. */
export async function stepChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  step: 'submit' | 'withdraw',
) {
  await loadChangeFor(ctx, actor, id, 'risk.manage');
  const after = await ctx.db.transaction(async (tx) => {
    const before =
      (await repo.findChange(tx, id)) ?? notFound('CHANGE_REQUEST_NOT_FOUND', 'change request', id);
    if (before.version !== version) return null;
    if (!changeStepAllowed(before.status as ChangeStatus, step))
      throw wrongStatus(before.status, step);
    return updateAtVersion(tx, actor, changeLog, before, version, {
      status: changeStepTarget(step),
      submittedAt: step === 'submit' ? new Date() : null,
    });
  });
  if (!after) throw stale('change request', await getChangeRequest(ctx, actor, id));
  return getChangeRequest(ctx, actor, id);
}

/**
 * Changes the plan (task durations, one reschedule) and the budget (month amounts of each line)
 * as an approved request says, through the planning and finance services, in the caller's
 * transaction (they nest as savepoints): all or nothing. The actor needs the right to change
 * the plan (project.update) and, when lines change, the budget (budget.edit).
 */
async function applyInTx(tx: Executor, ctx: Ctx, actor: Actor, change: repo.ChangeRow) {
  const inTx: Ctx = { ...ctx, db: tx };
  const taskChanges = change.taskChanges as TaskChange[];
  const budgetChanges = change.budgetChanges as BudgetChange[];
  if (taskChanges.length > 0) {
    const plan = await planning.getPlan(inTx, actor, change.projectId);
    const byId = new Map(plan.tasks.map((t) => [t.id, t]));
    await planning.applyTaskUpdates(
      inTx,
      actor,
      change.projectId,
      taskChanges.flatMap((c) => {
        const t = byId.get(c.taskId);
        return t
          ? [{ taskId: c.taskId, changes: { duration: changedDuration(t.duration, c.deltaDays) } }]
          : [];
      }),
    );
  }
  if (budgetChanges.length > 0) {
    const budget = await finance.getBudget(inTx, actor, change.projectId);
    const perLine = new Map<string, Map<string, number>>();
    for (const c of budgetChanges) {
      const months = perLine.get(c.lineId) ?? new Map<string, number>();
      months.set(c.month, (months.get(c.month) ?? 0) + c.deltaCents);
      perLine.set(c.lineId, months);
    }
    for (const [lineId, months] of perLine) {
      const line = budget.lines.find((l) => l.id === lineId);
      if (!line) continue;
      const current = new Map(line.amounts.map((a) => [a.month, a.amount]));
      await finance.updateLine(inTx, actor, change.projectId, lineId, line.version, {
        amounts: [...months].map(([month, delta]) => ({
          month,
          amount: Math.max(0, (current.get(month) ?? 0) + delta),
        })),
      });
    }
  }
}

/**
 * Approves or rejects a submitted request (change.approve: sponsor, PMO): records the decision
 * in the decisions log and, on approval with `apply`, changes the plan and budget in the same
 * transaction. The web then proposes a new baseline.
 */
export async function decideChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: DecideChangeBody,
) {
  const { project } = await loadChangeFor(ctx, actor, id, 'change.approve');
  const step = body.decision;
  const after = await ctx.db.transaction(async (tx) => {
    const before =
      (await repo.findChange(tx, id)) ?? notFound('CHANGE_REQUEST_NOT_FOUND', 'change request', id);
    if (before.version !== version) return null;
    if (!changeStepAllowed(before.status as ChangeStatus, step))
      throw wrongStatus(before.status, step);
    const decision = await insertDecision(
      tx,
      actor,
      project,
      {
        title: before.title,
        decision: body.comment,
        alternatives: '',
        decidedById: personOf(actor),
        forum: '',
        decidedOn: today(),
        status: 'decided',
        links: [{ type: 'change_request', id }],
      },
      id,
    );
    const apply = step === 'approve' && body.apply;
    if (apply) await applyInTx(tx, ctx, actor, before);
    return updateAtVersion(tx, actor, changeLog, before, version, {
      status: changeStepTarget(step),
      decidedAt: new Date(),
      decidedByName: actor.name,
      decisionComment: body.comment,
      decisionId: decision.id,
      applied: apply,
    });
  });
  if (!after) throw stale('change request', await getChangeRequest(ctx, actor, id));
  return getChangeRequest(ctx, actor, id);
}

/** Applies an approved request not applied at approval (the project manager implements it). */
export async function applyChangeRequest(ctx: Ctx, actor: Actor, id: string, version: number) {
  await loadChangeFor(ctx, actor, id, 'project.update');
  const after = await ctx.db.transaction(async (tx) => {
    const before =
      (await repo.findChange(tx, id)) ?? notFound('CHANGE_REQUEST_NOT_FOUND', 'change request', id);
    if (before.version !== version) return null;
    if (before.status !== 'approved' || before.applied) {
      throw new DomainError(
        'CHANGE_REQUEST_WRONG_STATUS',
        before.applied ? 'This change is already applied' : 'Only an approved change is applied',
        { status: before.status, step: 'apply' },
      );
    }
    await applyInTx(tx, ctx, actor, before);
    return updateAtVersion(tx, actor, changeLog, before, version, { applied: true });
  });
  if (!after) throw stale('change request', await getChangeRequest(ctx, actor, id));
  return getChangeRequest(ctx, actor, id);
}

export async function deleteChangeRequest(ctx: Ctx, actor: Actor, id: string, version: number) {
  const { row } = await loadChangeFor(ctx, actor, id, 'risk.manage');
  if (!changeStepAllowed(row.status as ChangeStatus, 'delete'))
    throw wrongStatus(row.status, 'delete');
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(raidChangeRequests)
      .where(
        and(
          eq(raidChangeRequests.id, id),
          eq(raidChangeRequests.version, version),
          eq(raidChangeRequests.status, 'draft'),
        ),
      )
      .returning();
    if (!gone) throw stale('change request', { version: row.version, status: row.status });
    await deleteActionsOf(tx, 'change_request', id);
    await auditWrite(tx, actor, changeLog, 'delete', { before: gone });
  });
}

// ---------------------------------------------------------------- actions

type SourceType = RaidAction['source']['type'];

function toAction(v: repo.ActionView, on = today()): RaidAction {
  const a = v.a;
  return {
    id: a.id,
    source: {
      type: a.sourceType as SourceType,
      id: a.sourceId,
      code: v.sourceCode,
      title: v.sourceTitle,
    },
    project: a.projectId ? { id: a.projectId, name: v.projectName ?? '' } : null,
    program: a.programId ? { id: a.programId, name: v.programName ?? '' } : null,
    title: a.title,
    owner: a.ownerId ? { id: a.ownerId, name: v.ownerName ?? '' } : null,
    dueDate: a.dueDate,
    status: a.status as RaidAction['status'],
    doneOn: a.doneOn,
    task: a.taskId ? { id: a.taskId, name: v.taskName ?? '' } : null,
    overdue: actionOverdue(a, on),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

const actionAudit = (a: repo.ActionRow) => ({
  sourceType: a.sourceType,
  sourceId: a.sourceId,
  title: a.title,
  ownerId: a.ownerId,
  dueDate: a.dueDate,
  status: a.status,
  taskId: a.taskId,
});

const actionLog: Log<typeof raidActions> = {
  table: raidActions,
  entityType: 'raid_action',
  label: (a) => a.title,
  audited: actionAudit,
};

async function deleteActionsOf(tx: Executor, type: SourceType, id: string) {
  await tx
    .delete(raidActions)
    .where(and(eq(raidActions.sourceType, type), eq(raidActions.sourceId, id)));
}

/**
 * Where a source lives, after checking the actor may act on it (`risk.read` to see its
 * actions, `risk.manage` to add one). An unknown or invisible source → the source's NOT_FOUND.
 */
async function authorizeSource(
  ctx: Ctx,
  actor: Actor,
  type: SourceType,
  id: string,
  permission: 'risk.read' | 'risk.manage',
): Promise<{ projectId: string | null; programId: string | null }> {
  if (type === 'risk') {
    const risk = await authorizeRisk(ctx, ctx.db, actor, id, permission);
    return { projectId: risk.projectId, programId: risk.projectId ? null : risk.programId };
  }
  const [table, code, what] =
    type === 'issue'
      ? ([raidIssues, 'ISSUE_NOT_FOUND', 'issue'] as const)
      : type === 'decision'
        ? ([raidDecisions, 'DECISION_NOT_FOUND', 'decision'] as const)
        : ([raidChangeRequests, 'CHANGE_REQUEST_NOT_FOUND', 'change request'] as const);
  const [row] = await ctx.db
    .select({ projectId: table.projectId })
    .from(table)
    .where(eq(table.id, id));
  if (!row) notFound(code, what, id);
  await authorizeIn(ctx.db, actor, row.projectId, permission, code, id);
  return { projectId: row.projectId, programId: null };
}

/** Actions of one source (risk, issue, decision or change request) or of one project. */
export async function listActions(
  ctx: Ctx,
  actor: Actor,
  q: {
    sourceType?: SourceType | undefined;
    sourceId?: string | undefined;
    projectId?: string | undefined;
    status?: string[] | undefined;
  },
) {
  let where: SQL | undefined;
  if (q.sourceType && q.sourceId) {
    await authorizeSource(ctx, actor, q.sourceType, q.sourceId, 'risk.read');
    where = and(eq(raidActions.sourceType, q.sourceType), eq(raidActions.sourceId, q.sourceId));
  } else if (q.projectId) {
    await authorizeProject(ctx.db, actor, q.projectId, 'risk.read');
    where = eq(raidActions.projectId, q.projectId);
  } else {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Name a source (sourceType and sourceId) or a project',
      {
        issues: [{ path: ['querystring', 'projectId'], message: 'Required without a source' }],
      },
    );
  }
  if (q.status?.length) where = and(where, inArray(raidActions.status, q.status));
  const on = today();
  return { items: (await repo.listActions(ctx.db, where)).map((v) => toAction(v, on)) };
}

/**
 * The actions a person owns across the portfolio, open first and by due date (overdue
 * flagged). Being named owner is what makes an action visible to its owner, whatever their
 * project roles. For "Mes actions" and for the dashboards ("Mon accueil").
 */
export async function listActionsForPerson(
  ctx: Ctx,
  personId: string,
  options: { includeClosed?: boolean } = {},
): Promise<RaidAction[]> {
  const on = today();
  const rows = await repo.listActions(
    ctx.db,
    and(
      eq(raidActions.ownerId, personId),
      options.includeClosed ? undefined : eq(raidActions.status, 'open'),
    ),
  );
  return rows.map((v) => toAction(v, on));
}

export async function getAction(ctx: Ctx, actor: Actor, id: string): Promise<RaidAction> {
  const row = (await repo.findAction(ctx.db, id)) ?? notFound('ACTION_NOT_FOUND', 'action', id);
  if (row.ownerId === null || row.ownerId !== actor.personId) {
    try {
      await authorizeSource(ctx, actor, row.sourceType as SourceType, row.sourceId, 'risk.read');
    } catch (err) {
      if (err instanceof DomainError) notFound('ACTION_NOT_FOUND', 'action', id);
      throw err;
    }
  }
  return toAction((await repo.findActionView(ctx.db, id))!);
}

export async function createAction(ctx: Ctx, actor: Actor, body: CreateActionBody) {
  const where = await authorizeSource(ctx, actor, body.sourceType, body.sourceId, 'risk.manage');
  const id = await ctx.db.transaction(async (tx) => {
    await assertPeopleExist(tx, { ownerId: body.ownerId });
    await assertProjectTask(tx, where.projectId, body.taskId, ['body', 'taskId']);
    const [row] = await tx
      .insert(raidActions)
      .values({ ...body, ...where, status: 'open' })
      .returning();
    await auditWrite(tx, actor, actionLog, 'create', { after: row! });
    return row!.id;
  });
  return getAction(ctx, actor, id);
}

/**
 * Changes an action: the source's managers may change anything; the action's owner may mark it
 * done or cancelled (and reopen it).
 */
export async function updateAction(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: UpdateActionBody,
) {
  const row = (await repo.findAction(ctx.db, id)) ?? notFound('ACTION_NOT_FOUND', 'action', id);
  const owner = row.ownerId !== null && row.ownerId === actor.personId && actor.role !== 'viewer';
  const onlyStatus = Object.keys(body).every((k) => k === 'status');
  if (!(owner && onlyStatus)) {
    try {
      await authorizeSource(ctx, actor, row.sourceType as SourceType, row.sourceId, 'risk.read');
    } catch (err) {
      if (err instanceof DomainError) notFound('ACTION_NOT_FOUND', 'action', id);
      throw err;
    }
    await authorizeSource(ctx, actor, row.sourceType as SourceType, row.sourceId, 'risk.manage');
  }
  const after = await ctx.db.transaction(async (tx) => {
    const before = (await repo.findAction(tx, id)) ?? notFound('ACTION_NOT_FOUND', 'action', id);
    if (body.ownerId) await assertPeopleExist(tx, { ownerId: body.ownerId });
    await assertProjectTask(tx, before.projectId, body.taskId, ['body', 'taskId']);
    const status = body.status ?? before.status;
    return updateAtVersion(tx, actor, actionLog, before, version, {
      ...body,
      doneOn: status === 'done' ? (before.doneOn ?? today()) : null,
    });
  });
  if (!after) throw stale('action', await getAction(ctx, actor, id));
  return getAction(ctx, actor, id);
}

export async function deleteAction(ctx: Ctx, actor: Actor, id: string, version: number) {
  const row = (await repo.findAction(ctx.db, id)) ?? notFound('ACTION_NOT_FOUND', 'action', id);
  try {
    await authorizeSource(ctx, actor, row.sourceType as SourceType, row.sourceId, 'risk.read');
  } catch (err) {
    if (err instanceof DomainError) notFound('ACTION_NOT_FOUND', 'action', id);
    throw err;
  }
  await authorizeSource(ctx, actor, row.sourceType as SourceType, row.sourceId, 'risk.manage');
  await ctx.db.transaction(async (tx) => {
    const gone = await deleteAtVersion(tx, actor, actionLog, id, version);
    if (!gone) throw stale('action', { version: row.version });
  });
}

// ---------------------------------------------------------------- task pickers

/** The project's WBS tasks matching a search, for the task pickers of the RAID forms. */
export async function searchTasks(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  q: { q?: string | undefined; leaves?: 'true' | 'false' | undefined; limit: number },
): Promise<{ items: RaidTaskOption[] }> {
  await authorizeProject(ctx.db, actor, projectId, 'risk.read');
  const rows = await repo.searchTasks(ctx.db, projectId, {
    text: q.q,
    leaves: q.leaves === 'true',
    limit: q.limit,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      wbs: r.wbs,
      name: r.name,
      isSummary: r.isSummary,
      milestone: !r.isSummary && r.duration === 0,
      finish: r.finish,
    })),
  };
}
