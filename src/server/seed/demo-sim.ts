import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { requestRun, waitForRun } from '../modules/sim/sim.service.ts';
import {
  simCostRanges,
  simEstimates,
  simRiskEvents,
  simRiskImpacts,
} from '../modules/sim/sim.tables.ts';
import type { DemoPlanProject } from './demo-planning.ts';

// The demo schedule and cost risk: on the first two active projects with a plan, beta-PERT
// estimates on the tasks still to do, three risk events tied to the register's top risks
// (delay on critical tasks, a cost), triangular cost ranges on the budget lines; then one
// finished run (5,000 iterations, seed "demo") so the "Risque planning" tab shows results at
// once. Written set-wise (one insert per table); the plan, budget and register are only read.

const EVENTS = [
  { name: 'Retard de livraison de l’intégrateur', probability: 0.35, days: 15, cost: 1_800_000 },
  { name: 'Recette refusée, second cycle nécessaire', probability: 0.25, days: 10, cost: 900_000 },
  { name: 'Indisponibilité d’un expert clé', probability: 0.2, days: 8, cost: 0 },
];

export async function seedDemoSim(ctx: Ctx, actor: Actor, planned: readonly DemoPlanProject[]) {
  const ids = planned.filter((p) => p.status === 'active').map((p) => p.id);
  if (ids.length === 0) return;
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const withPlans = await queryRows<{ project_id: string }>(
    ctx.db,
    sql`select project_id from plan_tasks where project_id in (${idList})
        group by project_id having count(*) >= 5 order by min(created_at) limit 2`,
  );
  const projects = withPlans.map((r) => r.project_id);
  if (projects.length === 0) return;
  const projectList = sql.join(
    projects.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const leaves = await queryRows<{
    id: string;
    project_id: string;
    duration: number;
    critical: boolean;
    wbs: string;
  }>(
    ctx.db,
    sql`select id, project_id, duration, critical, wbs from plan_tasks
        where project_id in (${projectList}) and not is_summary and duration > 0
          and percent_complete < 100
        order by project_id, wbs`,
  );
  const risks = await queryRows<{ id: string; project_id: string }>(
    ctx.db,
    sql`select id, project_id from risks where project_id in (${projectList})
        order by project_id, score desc nulls last, number`,
  );
  const lines = await queryRows<{ id: string; project_id: string; amount: number }>(
    ctx.db,
    sql`select l.id, l.project_id, coalesce(sum(a.amount), 0)::float8 as amount
        from budget_lines l left join budget_amounts a on a.line_id = l.id
        where l.project_id in (${projectList}) group by l.id`,
  );

  await ctx.db.transaction(async (tx) => {
    if (leaves.length > 0) {
      await tx.insert(simEstimates).values(
        leaves.map((l) => ({
          projectId: l.project_id,
          taskId: l.id,
          distribution: 'pert',
          min: Math.max(0, Math.round(l.duration * 0.85)),
          mode: l.duration,
          max: Math.ceil(l.duration * (l.critical ? 1.6 : 1.35)),
        })),
      );
    }
    const events: (typeof simRiskEvents.$inferInsert)[] = [];
    const impacts: { index: number; taskId: string; days: number }[] = [];
    for (const projectId of projects) {
      const critical = leaves.filter((l) => l.project_id === projectId && l.critical);
      const pool =
        critical.length > 0 ? critical : leaves.filter((l) => l.project_id === projectId);
      const projectRisks = risks.filter((r) => r.project_id === projectId);
      EVENTS.forEach((e, k) => {
        const task = pool[Math.min(pool.length - 1, Math.floor(((k + 1) * pool.length) / 4))];
        events.push({
          projectId,
          riskId: projectRisks[k]?.id ?? null,
          name: e.name,
          probability: e.probability,
          costImpact: e.cost,
        });
        if (task) impacts.push({ index: events.length - 1, taskId: task.id, days: e.days });
      });
    }
    const inserted = await tx
      .insert(simRiskEvents)
      .values(events)
      .returning({ id: simRiskEvents.id });
    if (impacts.length > 0) {
      await tx
        .insert(simRiskImpacts)
        .values(
          impacts.map((i) => ({ eventId: inserted[i.index]!.id, taskId: i.taskId, days: i.days })),
        );
    }
    const costed = lines.filter((l) => l.amount > 0);
    if (costed.length > 0) {
      await tx.insert(simCostRanges).values(
        costed.map((l) => ({
          projectId: l.project_id,
          lineId: l.id,
          distribution: 'triangular',
          min: Math.round(l.amount * 0.95),
          mode: Math.round(l.amount),
          max: Math.round(l.amount * 1.25),
        })),
      );
    }
  });

  for (const projectId of projects) {
    const milestones = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from plan_tasks where project_id = ${projectId} and not is_summary
          and duration = 0 order by finish desc nulls last limit 3`,
    );
    const run = await requestRun(ctx, actor, projectId, {
      iterations: 5000,
      seed: 'demo',
      milestoneIds: milestones.map((m) => m.id).reverse(),
    });
    await waitForRun(run.id);
  }
}
