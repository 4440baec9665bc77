import { sql } from 'drizzle-orm';
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
  const [tasks, lines, risks] = await Promise.all([
    queryRows<{ project_id: string; id: string; duration: number; total_float: number | null }>(
      ctx.db,
      sql`select distinct on (project_id) project_id, id, duration, total_float from plan_tasks
          where project_id in (${ids}) and not is_summary and duration > 0 and critical
          order by project_id, start, id`,
    ),
    queryRows<{ project_id: string; id: string }>(
      ctx.db,
      sql`select distinct on (project_id) project_id, id from budget_lines
          where project_id in (${ids}) order by project_id, position`,
    ),
    queryRows<{ project_id: string; id: string }>(
      ctx.db,
      sql`select project_id, id from risks where project_id in (${ids}) and status = 'open'
          order by project_id, score desc, id`,
    ),
  ]);
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
}
