// A register risk's schedule impact on the WBS (the tasks it delays, in working days) and the
// register's risks as events of the project's schedule risk simulation: one source of truth
// for probability (the PMO's % of the risk's level), task delays and cost impact.

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PutRiskTaskImpactsBody, RiskTaskImpacts } from '../../../contracts/raid.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import {
  levelProbability,
  mergeRegisterEvents,
  type RegisterRisk,
  type SimEvent,
  simulated,
} from '../../../core/raid/risk-events.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { riskTaskImpacts } from './raid.tables.ts';
import { authorizeRisk, getSettings } from './risks.service.ts';
import { risks } from './risks.tables.ts';

async function impactsOf(db: Executor, riskIds: readonly string[]) {
  if (riskIds.length === 0) return [];
  return db
    .select({
      riskId: riskTaskImpacts.riskId,
      taskId: riskTaskImpacts.taskId,
      days: riskTaskImpacts.days,
      wbs: planTasks.wbs,
      name: planTasks.name,
    })
    .from(riskTaskImpacts)
    .innerJoin(planTasks, eq(planTasks.id, riskTaskImpacts.taskId))
    .where(inArray(riskTaskImpacts.riskId, [...riskIds]))
    .orderBy(asc(planTasks.wbs));
}

type RiskRow = typeof risks.$inferSelect;

function asRegisterRisk(r: RiskRow, impacts: { taskId: string; days: number }[]): RegisterRisk {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind as RegisterRisk['kind'],
    status: r.status as RegisterRisk['status'],
    probability: r.probability,
    costImpactCents: Number(r.costImpactCents),
    impacts,
    version: r.version,
  };
}

async function view(db: Executor, r: RiskRow): Promise<RiskTaskImpacts> {
  const settings = await getSettings(db);
  const impacts = await impactsOf(db, [r.id]);
  const reg = asRegisterRisk(r, impacts);
  return {
    riskId: r.id,
    probability: levelProbability(settings, r.probability),
    costImpactCents: Number(r.costImpactCents),
    impacts: impacts.map((i) => ({ taskId: i.taskId, days: i.days, wbs: i.wbs, name: i.name })),
    inSimulation: r.projectId !== null && simulated(reg),
    version: r.version,
  };
}

/** The tasks a risk delays, with what the simulation will read from it. */
export async function getRiskTaskImpacts(ctx: Ctx, actor: Actor, riskId: string) {
  const risk = await authorizeRisk(ctx, ctx.db, actor, riskId, 'risk.read');
  return view(ctx.db, risk);
}

/**
 * Replaces the tasks a project risk delays (leaf tasks of its project, once each), under the
 * risk's version (If-Match), audited as an update of the risk.
 */
export async function putRiskTaskImpacts(
  ctx: Ctx,
  actor: Actor,
  riskId: string,
  version: number,
  body: PutRiskTaskImpactsBody,
) {
  const checked = await authorizeRisk(ctx, ctx.db, actor, riskId, 'risk.manage');
  if (!checked.projectId) {
    throw new DomainError('VALIDATION_FAILED', 'Only a project risk delays tasks of a plan', {
      issues: [{ path: ['body', 'impacts'], message: 'Not a project risk' }],
    });
  }
  const projectId = checked.projectId;
  const issues: { path: string[]; message: string }[] = [];
  const seen = new Set<string>();
  body.impacts.forEach((i, k) => {
    if (seen.has(i.taskId)) {
      issues.push({ path: ['body', 'impacts', String(k), 'taskId'], message: 'Task listed twice' });
    }
    seen.add(i.taskId);
  });
  const ids = [...seen];
  const found =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ id: planTasks.id, isSummary: planTasks.isSummary })
          .from(planTasks)
          .where(and(eq(planTasks.projectId, projectId), inArray(planTasks.id, ids)));
  const byId = new Map(found.map((t) => [t.id, t]));
  body.impacts.forEach((i, k) => {
    const t = byId.get(i.taskId);
    if (!t) {
      issues.push({
        path: ['body', 'impacts', String(k), 'taskId'],
        message: 'Not a task of this project',
      });
    } else if (t.isSummary) {
      issues.push({
        path: ['body', 'impacts', String(k), 'taskId'],
        message: 'A summary task takes no delay: name one of its tasks',
      });
    }
  });
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Some task impacts are invalid', { issues });
  }
  let conflict = false;
  await ctx.db.transaction(async (tx) => {
    const beforeImpacts = await impactsOf(tx, [riskId]);
    const [after] = await tx
      .update(risks)
      .set({ version: sql`${risks.version} + 1`, updatedAt: new Date() })
      .where(and(eq(risks.id, riskId), eq(risks.version, version)))
      .returning();
    if (!after) {
      conflict = true;
      return;
    }
    await tx.delete(riskTaskImpacts).where(eq(riskTaskImpacts.riskId, riskId));
    if (body.impacts.length > 0) {
      await tx
        .insert(riskTaskImpacts)
        .values(body.impacts.map((i) => ({ riskId, taskId: i.taskId, days: i.days })));
    }
    await recordAudit(tx, actor, {
      entityType: 'risk',
      entityId: riskId,
      entityLabel: `R-${after.number} ${after.title}`,
      projectId,
      action: 'update',
      before: { taskImpacts: beforeImpacts.map((i) => ({ taskId: i.taskId, days: i.days })) },
      after: { taskImpacts: body.impacts },
    });
  });
  if (conflict) {
    throw new DomainError('VERSION_MISMATCH', 'Someone else changed this risk; reload it', {
      current: await getRiskTaskImpacts(ctx, actor, riskId),
    });
  }
  return getRiskTaskImpacts(ctx, actor, riskId);
}

/**
 * The risk events a project's simulation runs: the events entered in the simulation, merged
 * with the project register (see `mergeRegisterEvents`). Two queries, whatever the count.
 */
export async function simulationEvents(
  db: Executor,
  projectId: string,
  entered: readonly SimEvent[],
) {
  const settings = await getSettings(db);
  const rows = await db.select().from(risks).where(eq(risks.projectId, projectId));
  const impacts = await impactsOf(
    db,
    rows.map((r) => r.id),
  );
  const byRisk = new Map<string, { taskId: string; days: number }[]>();
  for (const i of impacts) {
    const list = byRisk.get(i.riskId) ?? [];
    list.push({ taskId: i.taskId, days: i.days });
    byRisk.set(i.riskId, list);
  }
  return mergeRegisterEvents(
    entered,
    rows.map((r) => asRegisterRisk(r, byRisk.get(r.id) ?? [])),
    settings,
    projectId,
  );
}
