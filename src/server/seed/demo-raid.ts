import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import { addDays, costImpact, slipThrough } from '../../core/risks/raid.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import {
  raidActions,
  raidChangeRequests,
  raidDecisions,
  raidIssues,
} from '../modules/risks/raid.tables.ts';
import { risks } from '../modules/risks/risks.tables.ts';
import type { DemoPlanProject } from './demo-planning.ts';

// The demo RAID logs: for every active project two issues, two decisions, one change request
// (submitted or approved, its analysis taken from the plan's first critical task and the first
// budget line) and actions on risks and issues owned by the project manager, some overdue, so
// that "Mes actions" and the reminders have something to show. Written set-wise (one insert per
// table); the plan and budget are only read.

const ISSUES = [
  {
    title: 'Plateforme de recette indisponible',
    description: 'Le serveur de recette est hors service depuis la mise à jour du socle',
    impact: 'Trois jours de recette perdus, campagne de tests décalée',
    priority: 'high',
    status: 'in_progress',
  },
  {
    title: 'Départ du référent métier',
    description: 'Le référent métier quitte l’entreprise fin du mois',
    impact: 'Validation des spécifications ralentie',
    priority: 'medium',
    status: 'open',
  },
  {
    title: 'Licences de l’outil de test non renouvelées',
    description: 'Le renouvellement a été bloqué par les achats',
    impact: 'Automatisation des tests suspendue',
    priority: 'critical',
    status: 'resolved',
    resolution: 'Bon de commande débloqué par la DAF, licences actives',
  },
];

const DECISIONS = [
  {
    title: 'Recette sur la plateforme de secours',
    decision: 'La recette bascule sur la plateforme de secours jusqu’à réparation',
    alternatives: 'Attendre la réparation ; louer une plateforme externe',
    forum: 'Comité de projet',
  },
  {
    title: 'Report du lot 3 après la clôture comptable',
    decision: 'Le lot 3 démarre après la clôture annuelle pour préserver les équipes finance',
    alternatives: 'Démarrer en parallèle avec des renforts externes',
    forum: 'COPIL',
  },
];

const ACTIONS = [
  { title: 'Relancer l’hébergeur sur le rétablissement', days: -4, source: 'issue' },
  { title: 'Organiser la passation avec le nouveau référent', days: 2, source: 'issue' },
  { title: 'Mettre à jour le plan de réponse au risque', days: 6, source: 'risk' },
  { title: 'Présenter le risque au prochain COPIL', days: -1, source: 'risk' },
];

export async function seedDemoRaid(ctx: Ctx, _actor: Actor, projects: DemoPlanProject[]) {
  const active = projects.filter((p) => p.status !== 'closed' && p.status !== 'cancelled');
  if (active.length === 0) return;
  const ids = sql.join(
    active.map((p) => sql`${p.id}::uuid`),
    sql`, `,
  );
  // One after the other: never concurrent queries on one client (PGlite deadlocks).
  const tasks = await queryRows<{
    project_id: string;
    id: string;
    duration: number;
    total_float: number | null;
  }>(
    ctx.db,
    sql`select distinct on (project_id) project_id, id, duration, total_float from plan_tasks
        where project_id in (${ids}) and not is_summary and duration > 0 and critical
        order by project_id, start, id`,
  );
  const lines = await queryRows<{ project_id: string; id: string }>(
    ctx.db,
    sql`select distinct on (project_id) project_id, id from budget_lines
        where project_id in (${ids}) order by project_id, position`,
  );
  const risks = await queryRows<{ project_id: string; id: string }>(
    ctx.db,
    sql`select project_id, id from risks where project_id in (${ids}) and status = 'open'
        order by project_id, score desc, id`,
  );
  const taskOf = new Map(tasks.map((t) => [t.project_id, t]));
  const lineOf = new Map(lines.map((l) => [l.project_id, l.id]));
  const risksOf = new Map<string, string[]>();
  for (const r of risks) risksOf.set(r.project_id, [...(risksOf.get(r.project_id) ?? []), r.id]);
  const today = new Date().toISOString().slice(0, 10);

  const issueRows = active.flatMap((p, k) =>
    [0, 1].map((j) => {
      const it = ISSUES[(k + j) % ISSUES.length]!;
      const raisedOn = addDays(today, -20 + j * 7);
      return {
        projectId: p.id,
        number: j + 1,
        title: it.title,
        description: it.description,
        impact: it.impact,
        ownerId: p.managerId,
        priority: it.priority,
        status: it.status,
        raisedOn,
        dueDate: addDays(today, 10 - j * 5),
        resolution: it.resolution ?? '',
        resolvedOn: it.status === 'resolved' ? addDays(raisedOn, 5) : null,
      };
    }),
  );
  const issues = await ctx.db.insert(raidIssues).values(issueRows).returning();

  const changeRows = active.map((p, k) => {
    const task = taskOf.get(p.id);
    const line = lineOf.get(p.id);
    const taskChanges = task ? [{ taskId: task.id, deltaDays: 5 + (k % 3) * 5 }] : [];
    const budgetChanges = line
      ? [{ lineId: line, month: today.slice(0, 7), deltaCents: 1_500_000 + k * 250_000 }]
      : [];
    const submitted = k % 2 === 0;
    return {
      projectId: p.id,
      number: 1,
      title: submitted
        ? 'Ajout du module de reporting réglementaire'
        : 'Extension du périmètre aux filiales',
      description: submitted
        ? 'Intégrer les états réglementaires demandés par la direction financière'
        : 'Déployer la solution dans les deux filiales belges',
      justification: submitted
        ? 'Nouvelle obligation de reporting au 1er janvier'
        : 'Décision du comité de direction du groupe',
      scopeImpact: 'Deux lots fonctionnels supplémentaires',
      riskImpact: 'Charge accrue de l’équipe de recette',
      taskChanges,
      budgetChanges,
      riskIds: (risksOf.get(p.id) ?? []).slice(0, 1),
      costImpactCents: costImpact(budgetChanges),
      scheduleImpactDays: task
        ? slipThrough(
            { duration: task.duration, totalFloat: task.total_float },
            taskChanges[0]!.deltaDays,
          )
        : 0,
      requestedById: p.managerId,
      status: 'submitted',
      submittedAt: new Date(`${addDays(today, -3)}T09:00:00Z`),
    };
  });
  const changes = await ctx.db.insert(raidChangeRequests).values(changeRows).returning();

  const decisionRows = active.flatMap((p, k) =>
    DECISIONS.map((d, j) => ({
      projectId: p.id,
      number: j + 1,
      ...d,
      decidedById: p.managerId,
      decidedOn: addDays(today, -15 + j * 6),
      status: 'decided',
      links: j === 0 ? [{ type: 'issue', id: issues[k * 2]!.id }] : [],
    })),
  );
  await ctx.db.insert(raidDecisions).values(decisionRows);

  const actionRows = active.flatMap((p, k) => {
    if (!p.managerId) return [];
    const projectRisks = risksOf.get(p.id) ?? [];
    return ACTIONS.flatMap((a, j) => {
      const sourceId = a.source === 'issue' ? issues[k * 2 + (j % 2)]!.id : projectRisks[j % 2];
      if (!sourceId) return [];
      return [
        {
          sourceType: a.source,
          sourceId,
          projectId: p.id,
          title: a.title,
          ownerId: p.managerId,
          dueDate: addDays(today, a.days + (k % 3)),
          status: 'open',
        },
      ];
    });
  });
  actionRows.push(
    ...changes.map((c) => ({
      sourceType: 'change_request',
      sourceId: c.id,
      projectId: c.projectId,
      title: 'Chiffrer la charge de recette supplémentaire',
      ownerId: c.requestedById,
      dueDate: addDays(today, 5),
      status: 'open',
    })),
  );
  if (actionRows.length > 0) await ctx.db.insert(raidActions).values(actionRows);
  await seedDemoEscalations(ctx, ids);
}

/** Portfolio-level risks of the demo: what threatens the whole portfolio, not one project. */
const PORTFOLIO_RISKS = [
  {
    title: 'Tension sur les profils data et cybersécurité',
    cause: 'Marché de l’emploi tendu sur les profils data et sécurité',
    event: 'Plusieurs projets ne trouvent pas les compétences à temps',
    effect: 'Glissement simultané de projets du portefeuille',
    probability: 4,
    impactSchedule: 4,
    impactCost: 3,
    costImpactCents: 45_000_000,
  },
  {
    title: 'Gel budgétaire au second semestre',
    cause: 'Résultats financiers du groupe en retrait',
    event: 'La direction financière gèle les engagements non signés',
    effect: 'Projets en attente d’engagement reportés à l’exercice suivant',
    probability: 3,
    impactSchedule: 3,
    impactCost: 5,
    costImpactCents: 120_000_000,
  },
  {
    title: 'Évolution réglementaire NIS 2',
    cause: 'Transposition de la directive NIS 2',
    event: 'Nouvelles exigences de sécurité sur les systèmes critiques',
    effect: 'Travaux de mise en conformité ajoutés à plusieurs projets',
    probability: 4,
    impactSchedule: 2,
    impactCost: 4,
    costImpactCents: 30_000_000,
  },
];
/** The default scale's percentages (demo risks use the default 5 × 5 settings). */
const PERCENT = [5, 20, 40, 60, 85];

/**
 * The demo's escalations and links (issue 7), set-wise: the worst open risk of three projects
 * that belong to a programme escalated to it (one of them on to its portfolio), the
 * high-priority open issues of those projects escalated the same way, portfolio-level risks,
 * issues and actions linked to the plan's first critical task, and one register risk per
 * planned project that names the task it would delay (so the schedule risk simulation reads it).
 */
async function seedDemoEscalations(ctx: Ctx, ids: SQL) {
  const inProgram = await queryRows<{
    project_id: string;
    program_id: string;
    portfolio_id: string;
  }>(
    ctx.db,
    sql`select id as project_id, program_id, portfolio_id from projects
        where id in (${ids}) and program_id is not null order by code limit 3`,
  );
  if (inProgram.length > 0) {
    const list = sql.join(
      inProgram.map((p) => sql`${p.project_id}::uuid`),
      sql`, `,
    );
    const first = sql`${inProgram[0]!.project_id}::uuid`;
    await ctx.db.execute(sql`
      with worst as (
        select distinct on (r.project_id) r.id, r.project_id
        from risks r where r.project_id in (${list}) and r.status = 'open' and r.kind = 'threat'
        order by r.project_id, r.score desc, r.number
      )
      update risks r set
        program_id = p.program_id,
        portfolio_id = case when r.project_id = ${first} then p.portfolio_id end,
        escalated_at = now() - interval '9 days',
        escalation_reason = case when r.project_id = ${first}
          then 'Exposition au-delà de la délégation du programme : arbitrage du comité de portefeuille'
          else 'Risque partagé avec les autres projets du programme : réponse à coordonner' end,
        version = r.version + 1
      from worst w join projects p on p.id = w.project_id
      where r.id = w.id`);
    await ctx.db.execute(sql`
      insert into risk_assessments (risk_id, assessed_on, probability, impact, residual_probability,
        residual_impact, emv_cents, status, note)
      select r.id, (now() - interval '9 days')::date, r.probability, r.impact, r.residual_probability,
        r.residual_impact, r.emv_cents, r.status, 'Remonté au programme : ' || r.escalation_reason
      from risks r where r.project_id in (${list}) and r.escalated_at is not null`);
    await ctx.db.execute(sql`
      update raid_issues i set
        program_id = p.program_id,
        portfolio_id = case when i.project_id = ${first} and i.priority = 'critical'
          then p.portfolio_id end,
        escalated_at = now() - interval '4 days',
        escalation_reason = 'Blocage hors de portée du projet : décision du directeur de programme attendue',
        version = i.version + 1
      from projects p
      where p.id = i.project_id and i.project_id in (${list})
        and i.priority in ('high', 'critical')`);
  }
  // Portfolio-level risks, in the first portfolio of the demo projects.
  const [portfolio] = await queryRows<{ portfolio_id: string }>(
    ctx.db,
    sql`select portfolio_id from projects where id in (${ids}) order by code limit 1`,
  );
  if (portfolio) {
    await ctx.db.insert(risks).values(
      PORTFOLIO_RISKS.map((r, k) => {
        const impact = Math.max(r.impactSchedule, r.impactCost);
        return {
          portfolioId: portfolio.portfolio_id,
          number: k + 1,
          kind: 'threat',
          title: r.title,
          cause: r.cause,
          event: r.event,
          effect: r.effect,
          probability: r.probability,
          impactSchedule: r.impactSchedule,
          impactCost: r.impactCost,
          impact,
          score: r.probability * impact,
          costImpactCents: r.costImpactCents,
          emvCents: Math.round((r.costImpactCents * PERCENT[r.probability - 1]!) / 100),
          strategy: 'reduce',
          status: 'open',
        };
      }),
    );
  }
  // Issues and open actions name the task they concern: the plan's first critical task.
  await ctx.db.execute(sql`
    with first_task as (
      select distinct on (project_id) project_id, id from plan_tasks
      where project_id in (${ids}) and not is_summary and critical
      order by project_id, start, id
    )
    update raid_issues i set task_id = f.id from first_task f
    where f.project_id = i.project_id and i.status <> 'resolved'`);
  await ctx.db.execute(sql`
    with first_task as (
      select distinct on (project_id) project_id, id from plan_tasks
      where project_id in (${ids}) and not is_summary and critical
      order by project_id, start, id
    )
    update raid_actions a set task_id = f.id from first_task f
    where f.project_id = a.project_id and a.source_type = 'issue'`);
  // The fourth worst open threat of each planned project delays its first critical task that
  // is not done (the top three are quantified by the simulation's own demo events).
  await ctx.db.execute(sql`
    insert into risk_task_impacts (risk_id, task_id, days)
    select r.id, t.id, greatest(3, least(15, round(t.duration * 0.3)))::float8
    from (
      select id, project_id, row_number() over (
        partition by project_id order by score desc nulls last, number) as rank
      from risks where project_id in (${ids}) and status = 'open' and kind = 'threat'
    ) r
    join lateral (
      select id, duration from plan_tasks t
      where t.project_id = r.project_id and not t.is_summary and t.critical
        and t.duration > 0 and t.percent_complete < 100
      order by t.start, t.id limit 1
    ) t on true
    where r.rank = 4`);
}
