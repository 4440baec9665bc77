import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  CostRangeBody,
  CreateRunBody,
  EstimateBody,
  RiskEvent,
  RiskEventBody,
  RunResult,
  SimModel,
  SimRun,
  SimRunSummary,
  SimTask,
  UpdateRiskEventBody,
} from '../../../contracts/sim.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { projectGrants, type ProjectRole } from '../../../core/platform/permissions.ts';
import { estimateProblem, type ThreePointEstimate } from '../../../core/risks/distributions.ts';
import {
  compileSimulation,
  summarize,
  type RiskEvent as CoreRiskEvent,
  type SimulationInput,
} from '../../../core/risks/montecarlo.ts';
import { SimulationError } from '../../../core/risks/simulation-error.ts';
import { CostInputError, simulateCost } from '../../../core/sim/cost.ts';
import { milestoneInput } from '../../../core/sim/milestones.ts';
import type { Ctx } from '../../context.ts';
import { serialRunner } from '../../jobs/serial.ts';
import type { Executor } from '../../db/client.ts';
import { budgetAmounts, budgetLines } from '../finance/finance.tables.ts';
import * as planRepo from '../planning/planning.repository.ts';
import { outline, scheduleProject, type LinkInput } from '../planning/planning.schedule.ts';
import { settingsView } from '../planning/planning.service.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { findProject } from '../portfolio/portfolio.repository.ts';
import { simulationEvents } from '../risks/risk-impacts.service.ts';
import { risks } from '../risks/risks.tables.ts';
import { simulateOffThread } from './sim.worker-run.ts';
import {
  simCostRanges,
  simEstimates,
  simRiskEvents,
  simRiskImpacts,
  simRuns,
} from './sim.tables.ts';

// Schedule and cost risk of a project: the inputs (estimates on leaf tasks, risk events,
// cost ranges on budget lines), edited with If-Match versions and audited; and the runs, a
// background job per project (one at a time) whose result is kept in the database. Reading
// needs `risk.read` on the project; editing and running `risk.manage`; everything about money
// (cost ranges, cost impacts, the cost result) also needs `finance.read`.

type Access = Awaited<ReturnType<typeof authorizeProject>>;
type Project = Access['project'];

const grants = (actor: Actor, access: Access, permission: Parameters<typeof projectGrants>[2]) =>
  projectGrants(actor.role, access.roles as ProjectRole[], permission);

function stale(what: string, current: unknown): DomainError {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

const invalid = (path: string[], message: string) => validationError([{ path, message }]);

function checkEstimate(e: ThreePointEstimate, body: 'body' = 'body'): void {
  const problem = estimateProblem(e);
  if (!problem) return;
  const field = /"(min|mode|max)"/.exec(problem)?.[1] ?? (/^mode/.test(problem) ? 'mode' : 'min');
  throw invalid([body, field], problem);
}

// ---------------------------------------------------------------- reading

interface TaskRow {
  id: string;
  parentId: string | null;
  position: number;
  wbs: string;
  name: string;
  level: number;
  isSummary: boolean;
  duration: number;
  span: number;
  finish: string | null;
  critical: boolean;
  percentComplete: number;
}

async function taskRows(db: Executor, projectId: string): Promise<TaskRow[]> {
  const rows = await db
    .select({
      id: planTasks.id,
      parentId: planTasks.parentId,
      position: planTasks.position,
      wbs: planTasks.wbs,
      name: planTasks.name,
      level: planTasks.level,
      isSummary: planTasks.isSummary,
      duration: planTasks.duration,
      span: planTasks.span,
      finish: planTasks.finish,
      critical: planTasks.critical,
      percentComplete: planTasks.percentComplete,
    })
    .from(planTasks)
    .where(eq(planTasks.projectId, projectId));
  return outline(rows).order;
}

async function leafTask(db: Executor, projectId: string, taskId: string, field: string[]) {
  const [row] = await db
    .select({ id: planTasks.id, name: planTasks.name, isSummary: planTasks.isSummary })
    .from(planTasks)
    .where(and(eq(planTasks.projectId, projectId), eq(planTasks.id, taskId)));
  if (!row) {
    throw new DomainError('TASK_NOT_FOUND', `No task ${taskId} in this plan`, {
      issues: [{ path: field, message: 'No such task in this plan' }],
    });
  }
  if (row.isSummary) throw invalid(field, 'estimates and impacts go on leaf tasks, not summaries');
  return row;
}

async function lineAmounts(db: Executor, projectId: string) {
  return db
    .select({
      id: budgetLines.id,
      label: budgetLines.label,
      category: budgetLines.category,
      amount: sql<number>`coalesce(sum(${budgetAmounts.amount}), 0)::float8`,
    })
    .from(budgetLines)
    .leftJoin(budgetAmounts, eq(budgetAmounts.lineId, budgetLines.id))
    .where(eq(budgetLines.projectId, projectId))
    .groupBy(budgetLines.id)
    .orderBy(asc(budgetLines.position));
}

async function eventsOf(db: Executor, projectId: string): Promise<RiskEvent[]> {
  const rows = await db
    .select({
      e: simRiskEvents,
      riskNumber: risks.number,
      riskTitle: risks.title,
    })
    .from(simRiskEvents)
    .leftJoin(risks, eq(risks.id, simRiskEvents.riskId))
    .where(eq(simRiskEvents.projectId, projectId))
    .orderBy(asc(simRiskEvents.createdAt), asc(simRiskEvents.id));
  const impacts = await db
    .select({
      eventId: simRiskImpacts.eventId,
      taskId: simRiskImpacts.taskId,
      days: simRiskImpacts.days,
    })
    .from(simRiskImpacts)
    .innerJoin(simRiskEvents, eq(simRiskEvents.id, simRiskImpacts.eventId))
    .where(eq(simRiskEvents.projectId, projectId));
  const byEvent = new Map<string, { taskId: string; days: number }[]>();
  for (const i of impacts) {
    const list = byEvent.get(i.eventId) ?? [];
    list.push({ taskId: i.taskId, days: i.days });
    byEvent.set(i.eventId, list);
  }
  return rows.map(({ e, riskNumber, riskTitle }) => ({
    id: e.id,
    projectId: e.projectId,
    name: e.name,
    risk:
      e.riskId && riskNumber !== null
        ? { id: e.riskId, code: `R-${riskNumber}`, title: riskTitle ?? '' }
        : null,
    probability: e.probability,
    impacts: byEvent.get(e.id) ?? [],
    costImpact: Number(e.costImpact),
    version: e.version,
  }));
}

/** Strips what needs `finance.read` from an event. */
const withoutMoney = (e: RiskEvent): RiskEvent => ({ ...e, costImpact: 0 });

export async function getModel(ctx: Ctx, actor: Actor, projectId: string): Promise<SimModel> {
  const access = await authorizeProject(ctx.db, actor, projectId, 'risk.read');
  const canCost = grants(actor, access, 'finance.read');
  const tasks = await taskRows(ctx.db, projectId);
  const estimates = await ctx.db
    .select()
    .from(simEstimates)
    .where(eq(simEstimates.projectId, projectId));
  const byTask = new Map(estimates.map((e) => [e.taskId, e]));
  const settings = await planRepo.findSettings(ctx.db, projectId);
  const merged = await simulationEvents(ctx.db, projectId, await eventsOf(ctx.db, projectId));
  const superseded = new Set(merged.superseded);
  const byEvent = new Map(merged.events.map((e) => [e.id, e]));
  // Entered events show what the run will use (a linked risk's probability and cost).
  const entered = (await eventsOf(ctx.db, projectId)).map((e) => ({
    ...(byEvent.get(e.id) ?? e),
    superseded: superseded.has(e.id),
  }));
  const events = entered;
  let cost: SimModel['cost'] = null;
  if (canCost) {
    const lines = await lineAmounts(ctx.db, projectId);
    const ranges = await ctx.db
      .select()
      .from(simCostRanges)
      .where(eq(simCostRanges.projectId, projectId));
    const byLine = new Map(ranges.map((r) => [r.lineId, r]));
    cost = {
      budget: lines.reduce((s, l) => s + Number(l.amount), 0),
      lines: lines.map((l) => {
        const r = byLine.get(l.id);
        return {
          id: l.id,
          label: l.label,
          category: l.category,
          amount: Number(l.amount),
          range: r
            ? {
                distribution: r.distribution as CostRangeBody['distribution'],
                min: Number(r.min),
                mode: Number(r.mode),
                max: Number(r.max),
                version: r.version,
              }
            : null,
        };
      }),
    };
  }
  const registerRisks = await ctx.db
    .select({ id: risks.id, number: risks.number, title: risks.title })
    .from(risks)
    .where(eq(risks.projectId, projectId))
    .orderBy(asc(risks.number));
  const canEdit = grants(actor, access, 'risk.manage');
  return {
    projectId,
    planned: { start: settings?.projectStart ?? null, finish: settings?.projectFinish ?? null },
    tasks: tasks.map((t): SimTask => {
      const e = byTask.get(t.id);
      return {
        id: t.id,
        wbs: t.wbs,
        name: t.name,
        level: t.level,
        isSummary: t.isSummary,
        milestone: !t.isSummary && t.duration === 0,
        duration: t.isSummary ? t.span : t.duration,
        finish: t.finish,
        critical: t.critical,
        percentComplete: t.percentComplete,
        estimate:
          e && !t.isSummary
            ? {
                distribution: e.distribution as EstimateBody['distribution'],
                min: e.min,
                mode: e.mode,
                max: e.max,
                version: e.version,
              }
            : null,
      };
    }),
    events: canCost
      ? events
      : events.map((e) => ({ ...withoutMoney(e), superseded: e.superseded })),
    registerEvents: canCost ? merged.fromRegister : merged.fromRegister.map(withoutMoney),
    cost,
    registerRisks: registerRisks.map((r) => ({ id: r.id, code: `R-${r.number}`, title: r.title })),
    can: { edit: canEdit, run: canEdit, cost: canCost },
  };
}

// ---------------------------------------------------------------- estimates

/** Sets (If-Match 0: creates) the three-point estimate of a leaf task. */
export async function putEstimate(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
  expected: number,
  body: EstimateBody,
) {
  checkEstimate(body);
  return ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'risk.manage');
    const task = await leafTask(tx, projectId, taskId, ['params', 'taskId']);
    const [current] = await tx
      .select()
      .from(simEstimates)
      .where(eq(simEstimates.taskId, taskId))
      .for('update');
    const value = {
      distribution: body.distribution,
      min: body.min,
      mode: body.mode,
      max: body.max,
    };
    if ((current?.version ?? 0) !== expected) {
      throw stale('estimate', current ? { ...pick(current), version: current.version } : null);
    }
    let row;
    if (current) {
      [row] = await tx
        .update(simEstimates)
        .set({ ...value, version: current.version + 1, updatedAt: new Date() })
        .where(eq(simEstimates.id, current.id))
        .returning();
    } else {
      [row] = await tx
        .insert(simEstimates)
        .values({ projectId, taskId, ...value })
        .returning();
    }
    await recordAudit(tx, actor, {
      entityType: 'sim_estimate',
      entityId: row!.id,
      entityLabel: task.name,
      projectId,
      action: current ? 'update' : 'create',
      ...(current ? { before: pick(current) } : {}),
      after: value,
    });
    return { ...pick(row!), version: row!.version };
  });
}

const pick = (e: { distribution: string; min: number; mode: number; max: number }) => ({
  distribution: e.distribution as EstimateBody['distribution'],
  min: Number(e.min),
  mode: Number(e.mode),
  max: Number(e.max),
});

export async function deleteEstimate(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
  expected: number,
) {
  await ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'risk.manage');
    const [current] = await tx
      .select()
      .from(simEstimates)
      .where(and(eq(simEstimates.taskId, taskId), eq(simEstimates.projectId, projectId)))
      .for('update');
    if (!current) throw new DomainError('TASK_NOT_FOUND', `Task ${taskId} has no estimate`);
    if (current.version !== expected)
      throw stale('estimate', { ...pick(current), version: current.version });
    await tx.delete(simEstimates).where(eq(simEstimates.id, current.id));
    await recordAudit(tx, actor, {
      entityType: 'sim_estimate',
      entityId: current.id,
      entityLabel: taskId,
      projectId,
      action: 'delete',
      before: pick(current),
    });
  });
}

// ---------------------------------------------------------------- cost ranges

export async function putCostRange(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  lineId: string,
  expected: number,
  body: CostRangeBody,
) {
  checkEstimate(body);
  return ctx.db.transaction(async (tx) => {
    const access = await authorizeProject(tx, actor, projectId, 'risk.manage');
    if (!grants(actor, access, 'finance.read')) {
      throw new DomainError('FORBIDDEN', 'You may not see this budget', {
        permission: 'finance.read',
      });
    }
    const [line] = await tx
      .select({ id: budgetLines.id, label: budgetLines.label })
      .from(budgetLines)
      .where(and(eq(budgetLines.id, lineId), eq(budgetLines.projectId, projectId)));
    if (!line) throw new DomainError('BUDGET_LINE_NOT_FOUND', `No budget line ${lineId}`);
    const [current] = await tx
      .select()
      .from(simCostRanges)
      .where(eq(simCostRanges.lineId, lineId))
      .for('update');
    if ((current?.version ?? 0) !== expected) {
      throw stale('cost range', current ? { ...pick(current), version: current.version } : null);
    }
    const value = {
      distribution: body.distribution,
      min: body.min,
      mode: body.mode,
      max: body.max,
    };
    let row;
    if (current) {
      [row] = await tx
        .update(simCostRanges)
        .set({ ...value, version: current.version + 1, updatedAt: new Date() })
        .where(eq(simCostRanges.id, current.id))
        .returning();
    } else {
      [row] = await tx
        .insert(simCostRanges)
        .values({ projectId, lineId, ...value })
        .returning();
    }
    await recordAudit(tx, actor, {
      entityType: 'sim_cost_range',
      entityId: row!.id,
      entityLabel: line.label,
      projectId,
      action: current ? 'update' : 'create',
      ...(current ? { before: pick(current) } : {}),
      after: value,
    });
    return { ...pick(row!), version: row!.version };
  });
}

export async function deleteCostRange(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  lineId: string,
  expected: number,
) {
  await ctx.db.transaction(async (tx) => {
    const access = await authorizeProject(tx, actor, projectId, 'risk.manage');
    if (!grants(actor, access, 'finance.read')) {
      throw new DomainError('FORBIDDEN', 'You may not see this budget', {
        permission: 'finance.read',
      });
    }
    const [current] = await tx
      .select()
      .from(simCostRanges)
      .where(and(eq(simCostRanges.lineId, lineId), eq(simCostRanges.projectId, projectId)))
      .for('update');
    if (!current) throw new DomainError('BUDGET_LINE_NOT_FOUND', `Line ${lineId} has no range`);
    if (current.version !== expected)
      throw stale('cost range', { ...pick(current), version: current.version });
    await tx.delete(simCostRanges).where(eq(simCostRanges.id, current.id));
    await recordAudit(tx, actor, {
      entityType: 'sim_cost_range',
      entityId: current.id,
      entityLabel: lineId,
      projectId,
      action: 'delete',
      before: pick(current),
    });
  });
}

// ---------------------------------------------------------------- risk events

async function checkEventRefs(
  tx: Executor,
  projectId: string,
  body: {
    riskId?: string | null | undefined;
    impacts?: { taskId: string; days: number }[] | undefined;
  },
) {
  if (body.riskId) {
    const [risk] = await tx
      .select({ id: risks.id })
      .from(risks)
      .where(and(eq(risks.id, body.riskId), eq(risks.projectId, projectId)));
    if (!risk) throw invalid(['body', 'riskId'], 'No such risk in this project');
  }
  const impacts = body.impacts ?? [];
  const seen = new Set<string>();
  impacts.forEach((i, index) => {
    if (seen.has(i.taskId))
      throw invalid(['body', 'impacts', String(index), 'taskId'], 'This task is listed twice');
    seen.add(i.taskId);
  });
  if (impacts.length === 0) return;
  const rows = await tx
    .select({ id: planTasks.id, isSummary: planTasks.isSummary })
    .from(planTasks)
    .where(and(eq(planTasks.projectId, projectId), inArray(planTasks.id, [...seen])));
  const found = new Map(rows.map((r) => [r.id, r]));
  impacts.forEach((i, index) => {
    const row = found.get(i.taskId);
    if (!row)
      throw invalid(['body', 'impacts', String(index), 'taskId'], 'No such task in this plan');
    if (row.isSummary)
      throw invalid(
        ['body', 'impacts', String(index), 'taskId'],
        'Impacts go on leaf tasks, not summaries',
      );
  });
}

async function moneyCheck(actor: Actor, access: Access, costImpact: number | undefined) {
  if (costImpact && !grants(actor, access, 'finance.read')) {
    throw new DomainError('FORBIDDEN', 'You may not see this budget', {
      permission: 'finance.read',
    });
  }
}

const eventAudit = (
  e: { name: string; probability: number; costImpact: number; riskId: string | null },
  impacts: unknown,
) => ({
  name: e.name,
  probability: e.probability,
  costImpact: e.costImpact,
  riskId: e.riskId,
  impacts,
});

export async function createEvent(ctx: Ctx, actor: Actor, projectId: string, body: RiskEventBody) {
  const id = await ctx.db.transaction(async (tx) => {
    const access = await authorizeProject(tx, actor, projectId, 'risk.manage');
    await moneyCheck(actor, access, body.costImpact);
    await checkEventRefs(tx, projectId, body);
    const [row] = await tx
      .insert(simRiskEvents)
      .values({
        projectId,
        riskId: body.riskId ?? null,
        name: body.name,
        probability: body.probability,
        costImpact: body.costImpact ?? 0,
      })
      .returning();
    const impacts = body.impacts ?? [];
    if (impacts.length > 0) {
      await tx.insert(simRiskImpacts).values(impacts.map((i) => ({ eventId: row!.id, ...i })));
    }
    await recordAudit(tx, actor, {
      entityType: 'sim_risk_event',
      entityId: row!.id,
      entityLabel: row!.name,
      projectId,
      action: 'create',
      after: eventAudit({ ...row!, costImpact: Number(row!.costImpact) }, impacts),
    });
    return row!.id;
  });
  return getEvent(ctx, actor, id);
}

async function eventRow(db: Executor, id: string) {
  const [row] = await db.select().from(simRiskEvents).where(eq(simRiskEvents.id, id));
  if (!row) throw new DomainError('SIM_EVENT_NOT_FOUND', `No risk event ${id}`);
  return row;
}

/** The event, once its project is known visible (else its own NOT_FOUND). */
async function authorizeEvent(
  tx: Executor,
  actor: Actor,
  id: string,
  permission: 'risk.read' | 'risk.manage',
) {
  const row = await eventRow(tx, id);
  try {
    const access = await authorizeProject(tx, actor, row.projectId, permission);
    return { row, access };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'PROJECT_NOT_FOUND') {
      throw new DomainError('SIM_EVENT_NOT_FOUND', `No risk event ${id}`);
    }
    throw e;
  }
}

export async function getEvent(ctx: Ctx, actor: Actor, id: string): Promise<RiskEvent> {
  const { row, access } = await authorizeEvent(ctx.db, actor, id, 'risk.read');
  const event = (await eventsOf(ctx.db, row.projectId)).find((e) => e.id === id)!;
  return grants(actor, access, 'finance.read') ? event : withoutMoney(event);
}

export async function updateEvent(
  ctx: Ctx,
  actor: Actor,
  id: string,
  expected: number,
  body: UpdateRiskEventBody,
) {
  await ctx.db.transaction(async (tx) => {
    const { row, access } = await authorizeEvent(tx, actor, id, 'risk.manage');
    const [locked] = await tx
      .select()
      .from(simRiskEvents)
      .where(eq(simRiskEvents.id, id))
      .for('update');
    const current = (await eventsOf(tx, row.projectId)).find((e) => e.id === id)!;
    if (locked!.version !== expected) throw stale('risk event', current);
    await moneyCheck(actor, access, body.costImpact);
    await checkEventRefs(tx, row.projectId, body);
    const next = {
      name: body.name ?? locked!.name,
      probability: body.probability ?? locked!.probability,
      costImpact: body.costImpact ?? Number(locked!.costImpact),
      riskId: body.riskId === undefined ? locked!.riskId : body.riskId,
    };
    await tx
      .update(simRiskEvents)
      .set({ ...next, version: locked!.version + 1, updatedAt: new Date() })
      .where(eq(simRiskEvents.id, id));
    if (body.impacts !== undefined) {
      await tx.delete(simRiskImpacts).where(eq(simRiskImpacts.eventId, id));
      if (body.impacts.length > 0) {
        await tx.insert(simRiskImpacts).values(body.impacts.map((i) => ({ eventId: id, ...i })));
      }
    }
    await recordAudit(tx, actor, {
      entityType: 'sim_risk_event',
      entityId: id,
      entityLabel: next.name,
      projectId: row.projectId,
      action: 'update',
      before: eventAudit({ ...locked!, costImpact: Number(locked!.costImpact) }, current.impacts),
      after: eventAudit(next, body.impacts ?? current.impacts),
    });
  });
  return getEvent(ctx, actor, id);
}

export async function deleteEvent(ctx: Ctx, actor: Actor, id: string, expected: number) {
  await ctx.db.transaction(async (tx) => {
    const { row } = await authorizeEvent(tx, actor, id, 'risk.manage');
    const [locked] = await tx
      .select()
      .from(simRiskEvents)
      .where(eq(simRiskEvents.id, id))
      .for('update');
    if (locked!.version !== expected) {
      throw stale(
        'risk event',
        (await eventsOf(tx, row.projectId)).find((e) => e.id === id),
      );
    }
    await tx.delete(simRiskEvents).where(eq(simRiskEvents.id, id));
    await recordAudit(tx, actor, {
      entityType: 'sim_risk_event',
      entityId: id,
      entityLabel: row.name,
      projectId: row.projectId,
      action: 'delete',
      before: eventAudit({ ...row, costImpact: Number(row.costImpact) }, []),
    });
  });
}

// ---------------------------------------------------------------- runs

type RunRow = typeof simRuns.$inferSelect;

function toSummary(r: RunRow): SimRunSummary {
  return {
    id: r.id,
    projectId: r.projectId,
    number: r.number,
    state: r.state as SimRunSummary['state'],
    progress: r.progress,
    iterations: r.iterations,
    seed: r.seed,
    targetDate: r.targetDate,
    inputs: { tasks: 0, estimates: 0, events: 0, costRanges: 0, ...(r.inputs as object) },
    requestedBy: r.requestedBy ? { id: r.requestedBy, name: r.requestedByName ?? '' } : null,
    error: r.error,
    errorDetails: (r.errorDetails as Record<string, unknown> | null) ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    durationMs: r.durationMs,
    p80Finish: r.p80Finish,
    p80Cost: r.p80Cost === null ? null : Number(r.p80Cost),
    version: r.version,
  };
}

export async function listRuns(ctx: Ctx, actor: Actor, projectId: string) {
  const access = await authorizeProject(ctx.db, actor, projectId, 'risk.read');
  const rows = await ctx.db
    .select()
    .from(simRuns)
    .where(eq(simRuns.projectId, projectId))
    .orderBy(desc(simRuns.number))
    .limit(50);
  const canCost = grants(actor, access, 'finance.read');
  return {
    items: rows.map((r) => {
      const s = toSummary(r);
      return canCost ? s : { ...s, p80Cost: null };
    }),
  };
}

async function authorizeRun(
  db: Executor,
  actor: Actor,
  id: string,
  permission: 'risk.read' | 'risk.manage',
) {
  const [row] = await db.select().from(simRuns).where(eq(simRuns.id, id));
  if (!row) throw new DomainError('SIM_RUN_NOT_FOUND', `No simulation run ${id}`);
  try {
    return { row, access: await authorizeProject(db, actor, row.projectId, permission) };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'PROJECT_NOT_FOUND') {
      throw new DomainError('SIM_RUN_NOT_FOUND', `No simulation run ${id}`);
    }
    throw e;
  }
}

export async function getRun(ctx: Ctx, actor: Actor, id: string): Promise<SimRun> {
  const { row, access } = await authorizeRun(ctx.db, actor, id, 'risk.read');
  const canCost = grants(actor, access, 'finance.read');
  const result = (row.result as RunResult | null) ?? null;
  return {
    ...toSummary(row),
    ...(canCost ? {} : { p80Cost: null }),
    result: result && !canCost ? { ...result, cost: null } : result,
  };
}

export async function deleteRun(ctx: Ctx, actor: Actor, id: string, expected: number) {
  await ctx.db.transaction(async (tx) => {
    const { row } = await authorizeRun(tx, actor, id, 'risk.manage');
    if (row.version !== expected) throw stale('simulation run', toSummary(row));
    if (row.state === 'queued' || row.state === 'running') {
      throw new DomainError('SIM_RUN_BUSY', 'This run has not finished yet', { state: row.state });
    }
    await tx.delete(simRuns).where(eq(simRuns.id, id));
    await recordAudit(tx, actor, {
      entityType: 'sim_run',
      entityId: id,
      entityLabel: `#${row.number}`,
      projectId: row.projectId,
      action: 'delete',
      before: { iterations: row.iterations, seed: row.seed, state: row.state },
    });
  });
}

/** Queues a run of the project's simulation; it starts at once in the background. */
export async function requestRun(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: CreateRunBody,
): Promise<SimRun> {
  const seed = body.seed ?? randomBytes(4).toString('hex');
  const iterations = body.iterations ?? 5000;
  const milestoneIds = [...new Set(body.milestoneIds ?? [])];
  const row = await ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'risk.manage');
    // One run at a time per project: the lock keeps two requests from both getting through.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sim:${projectId}`}))`);
    const [busy] = await tx
      .select({ id: simRuns.id, state: simRuns.state })
      .from(simRuns)
      .where(and(eq(simRuns.projectId, projectId), inArray(simRuns.state, ['queued', 'running'])))
      .limit(1);
    if (busy) {
      throw new DomainError('SIM_RUN_BUSY', 'A simulation of this project is already running', {
        runId: busy.id,
      });
    }
    for (const [index, taskId] of milestoneIds.entries()) {
      await leafTask(tx, projectId, taskId, ['body', 'milestoneIds', String(index)]);
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`(coalesce(max(${simRuns.number}), 0) + 1)::int` })
      .from(simRuns)
      .where(eq(simRuns.projectId, projectId))) as [{ next: number }];
    const [created] = await tx
      .insert(simRuns)
      .values({
        projectId,
        number: next,
        iterations,
        seed,
        targetDate: body.targetDate ?? null,
        milestoneIds,
        requestedBy: userIdOf(actor),
        requestedByName: actor.name,
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'sim_run',
      entityId: created!.id,
      entityLabel: `#${next}`,
      projectId,
      action: 'create',
      after: { iterations, seed, targetDate: body.targetDate ?? null, milestoneIds },
    });
    return created!;
  });
  enqueue(ctx, row.id);
  return getRun(ctx, actor, row.id);
}

// ---------------------------------------------------------------- the job

/** Runs being executed by this process, one after the other (the machine's cores are shared). */
const inProcess = serialRunner();

function enqueue(ctx: Ctx, id: string) {
  inProcess.run(id, () => executeRun(ctx, id));
}

/** Waits for a run started by this process to finish (tests, seeding). */
export async function waitForRun(id: string) {
  await inProcess.wait(id);
}

/** On start: runs a stopped server left queued or running are run again (same seed, same result). */
export async function resumeRuns(ctx: Ctx) {
  const rows = await ctx.db
    .select({ id: simRuns.id })
    .from(simRuns)
    .where(inArray(simRuns.state, ['queued', 'running']))
    .orderBy(asc(simRuns.createdAt));
  for (const r of rows) enqueue(ctx, r.id);
  return rows.length;
}

/** The simulation input of a project as it is now: its plan, estimates and risk events. */
export async function projectInput(db: Executor, project: Project) {
  const settingsRow = await planRepo.findSettings(db, project.id);
  const taskViews = await planRepo.listTasks(db, project.id);
  const linkViews = await planRepo.listLinks(db, project.id);
  const links: LinkInput[] = linkViews.map((l) => ({
    id: l.id,
    fromTaskId: l.from_task_id,
    toTaskId: l.to_task_id,
    type: l.type,
    lag: l.lag,
    external:
      l.from_project_id === l.project_id
        ? null
        : {
            start: l.ext_start,
            finish: l.ext_finish,
            milestone: l.ext_summary === false && l.ext_span === 0,
          },
  }));
  const settings = settingsView(settingsRow, project);
  const { plan } = scheduleProject(
    settings,
    taskViews.map((v) => v.t),
    links,
  );
  const leaves = new Set(plan.tasks.filter((t) => !t.summary).map((t) => t.id));
  const estimateRows = await db
    .select()
    .from(simEstimates)
    .where(eq(simEstimates.projectId, project.id));
  const estimates = new Map<string, ThreePointEstimate>();
  for (const e of estimateRows) if (leaves.has(e.taskId)) estimates.set(e.taskId, pick(e));
  // The register is the one source of truth: its risks that name tasks are events, and an
  // event linked to a register risk takes that risk's probability and cost.
  const { events } = await simulationEvents(db, project.id, await eventsOf(db, project.id));
  const riskEvents: CoreRiskEvent[] = events.map((e) => ({
    id: e.id,
    name: e.name,
    probability: e.probability,
    impacts: e.impacts
      .filter((i) => leaves.has(i.taskId))
      .map((i) => ({ task: i.taskId, days: i.days })),
  }));
  const input: SimulationInput = { plan, estimates, risks: riskEvents };
  const taskInfo = new Map(
    taskViews.map((v) => [v.t.id, { wbs: v.t.wbs, name: v.t.name, finish: v.t.finish }]),
  );
  return { input, events, taskInfo, leafCount: leaves.size };
}

class RunFailure extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, details: Record<string, unknown> = {}) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

async function executeRun(ctx: Ctx, id: string) {
  const started = Date.now();
  const [run] = await ctx.db.select().from(simRuns).where(eq(simRuns.id, id));
  if (!run || run.state === 'done' || run.state === 'failed') return;
  try {
    await ctx.db
      .update(simRuns)
      .set({ state: 'running', progress: 1, startedAt: new Date(), updatedAt: new Date() })
      .where(eq(simRuns.id, id));
    const project = await findProject(ctx.db, run.projectId);
    if (!project) throw new RunFailure('SIM_PLAN_EMPTY');
    const { input, events, taskInfo, leafCount } = await projectInput(ctx.db, project);
    if (leafCount === 0) throw new RunFailure('SIM_PLAN_EMPTY');

    const lines = await lineAmounts(ctx.db, run.projectId);
    const ranges = await ctx.db
      .select()
      .from(simCostRanges)
      .where(eq(simCostRanges.projectId, run.projectId));
    await ctx.db
      .update(simRuns)
      .set({
        inputs: {
          tasks: leafCount,
          estimates: input.estimates.size,
          events: events.length,
          costRanges: ranges.length,
        },
      })
      .where(eq(simRuns.id, id));

    const milestoneIds = (run.milestoneIds as string[]).filter((m) => taskInfo.has(m));
    // Progress: the project simulation 0–70 %, milestones 70–95 %, cost the rest.
    let shown = 1;
    let writing: Promise<unknown> = Promise.resolve();
    const progress = (fraction: number) => {
      const p = Math.min(99, Math.max(1, Math.round(fraction * 100)));
      if (p < shown + 5) return;
      shown = p;
      writing = writing
        .then(() => ctx.db.update(simRuns).set({ progress: p }).where(eq(simRuns.id, id)))
        .catch(() => undefined);
    };
    const compile = (i: SimulationInput) => {
      try {
        return compileSimulation(i);
      } catch (e) {
        if (e instanceof SimulationError) throw new RunFailure(`SIM_${e.code}`, { ...e.details });
        const planning = e as { name?: string; code?: string; details?: object };
        if (planning.name === 'PlanningError') {
          throw new RunFailure('SIM_PLAN_INVALID', { code: planning.code, ...planning.details });
        }
        throw e;
      }
    };
    const model = compile(input);
    const share = milestoneIds.length > 0 ? 0.7 : 0.95;
    const samples = await simulateOffThread(model, run.iterations, run.seed, (d, n) =>
      progress((share * d) / n),
    );
    const summary = summarize(model, samples, {
      seed: run.seed,
      ...(run.targetDate ? { targetDate: run.targetDate } : {}),
    });
    const milestones: RunResult['milestones'] = [];
    for (const [k, taskId] of milestoneIds.entries()) {
      const sub = compile(milestoneInput(input, taskId));
      const s = summarize(
        sub,
        await simulateOffThread(sub, run.iterations, `${run.seed}/${taskId}`),
        {
          seed: run.seed,
          sensitivityLimit: 0,
        },
      );
      const info = taskInfo.get(taskId)!;
      milestones.push({
        taskId,
        wbs: info.wbs,
        name: info.name,
        // The sub-plan's own deterministic finish, in the same convention as its P-dates.
        planned: s.deterministic.finish,
        p50: s.finish.p50,
        p80: s.finish.p80,
        p90: s.finish.p90,
      });
      progress(0.7 + (0.25 * (k + 1)) / milestoneIds.length);
    }

    let cost: RunResult['cost'] = null;
    if (lines.length > 0) {
      const byLine = new Map(ranges.map((r) => [r.lineId, r]));
      try {
        const c = simulateCost(
          {
            items: lines.map((l) => {
              const r = byLine.get(l.id);
              return {
                id: l.id,
                name: l.label,
                amount: Number(l.amount),
                ...(r ? { estimate: pick(r) } : {}),
              };
            }),
            risks: events
              .filter((e) => e.costImpact !== 0)
              .map((e) => ({
                id: e.id,
                name: e.name,
                probability: e.probability,
                cost: e.costImpact,
              })),
            budget: lines.reduce((s, l) => s + Number(l.amount), 0),
          },
          run.iterations,
          run.seed,
        );
        const { iterations: _i, seed: _s, ...rest } = c;
        cost = { currency: 'EUR', ...rest };
      } catch (e) {
        if (e instanceof CostInputError)
          throw new RunFailure('SIM_COST_INVALID', { field: e.field });
        throw e;
      }
    }

    const criticality = Object.entries(summary.criticality)
      .filter(([taskId]) => taskInfo.has(taskId))
      .map(([taskId, index]) => ({
        taskId,
        wbs: taskInfo.get(taskId)!.wbs,
        name: taskInfo.get(taskId)!.name,
        index,
      }))
      .sort((a, b) => b.index - a.index || a.wbs.localeCompare(b.wbs, 'fr', { numeric: true }));
    const result: RunResult = {
      schedule: {
        deterministic: summary.deterministic,
        durationDays: summary.durationDays,
        finish: summary.finish,
        histogram: summary.histogram,
        sCurve: summary.sCurve,
        criticality,
        sensitivity: summary.sensitivity,
        ...(summary.target ? { target: summary.target } : {}),
      },
      milestones,
      cost,
    };
    await writing;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(simRuns)
        .set({
          state: 'done',
          progress: 100,
          result,
          p80Finish: summary.finish.p80,
          p80Cost: cost ? cost.p80 : null,
          finishedAt: new Date(),
          durationMs: Date.now() - started,
          updatedAt: new Date(),
        })
        .where(eq(simRuns.id, id));
    });
  } catch (e) {
    const failure =
      e instanceof RunFailure
        ? e
        : new RunFailure('SIM_RUN_FAILED', { message: String((e as Error).message) });
    await ctx.db
      .update(simRuns)
      .set({
        state: 'failed',
        error: failure.code,
        errorDetails: failure.details,
        finishedAt: new Date(),
        durationMs: Date.now() - started,
        updatedAt: new Date(),
      })
      .where(eq(simRuns.id, id))
      .catch(() => undefined);
  }
}
