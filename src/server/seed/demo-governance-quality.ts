import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import {
  createAction,
  createAudit,
  createChecklist,
  createFinding,
  updateAction,
  updateAudit,
  updateFinding,
} from '../modules/governance/quality.service.ts';
import { qualityAudits } from '../modules/governance/quality.tables.ts';
import { DEMO_TODAY, type DemoPlanProject } from './demo-planning.ts';

// The demo's quality assurance: the PMO's three checklists, and audits of the active projects
// at every stage — closed, in findings follow-up (with an overdue corrective action), and
// planned — all through the services, so the audit log tells the same story.

const shift = (days: number) =>
  new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const CHECKLISTS = [
  {
    name: 'Revue de cadrage',
    description: 'Contrôle du dossier de cadrage avant le jalon J1 (lancement).',
    items: [
      ['note-cadrage', 'La note de cadrage est validée par le sponsor'],
      ['perimetre', 'Le périmètre (inclus / exclus) est écrit et partagé'],
      ['budget', 'Le budget est chiffré et engagé par la DAF'],
      ['gouvernance', 'Les instances (COPIL, COPROJ) et leur fréquence sont fixées'],
      ['raci', 'La matrice RACI est renseignée (un seul A par activité)'],
      ['risques', 'Les risques majeurs sont identifiés avec un propriétaire'],
    ],
  },
  {
    name: 'Audit de conformité méthode',
    description: 'Application de la méthode projet du Groupe en cours de réalisation.',
    items: [
      ['planning', 'Le planning de référence (baseline) est figé'],
      ['meteo', 'La météo projet est produite chaque mois'],
      ['copil', 'Les COPIL se tiennent et leurs relevés de décision sont diffusés'],
      ['livrables', 'Les livrables exigés de la phase sont validés'],
      ['changements', 'Les demandes de changement passent par le circuit de validation'],
      ['budget-suivi', 'Le reste à faire est réestimé à chaque clôture mensuelle'],
      ['documentation', 'La documentation est à jour dans la GED'],
    ],
  },
  {
    name: 'Revue de recette et de mise en production',
    description: 'Contrôle avant le jalon de mise en production.',
    items: [
      ['cahier-recette', 'Le cahier de recette couvre les exigences'],
      ['anomalies', 'Aucune anomalie bloquante ouverte'],
      ['pv-recette', 'Le PV de recette est signé par la MOA'],
      ['bascule', 'Le plan de bascule et de retour arrière est validé'],
      ['exploitation', "Le dossier d'exploitation est remis à la production"],
    ],
  },
];

export async function seedDemoQuality(
  ctx: Ctx,
  pmo: Actor,
  projects: DemoPlanProject[],
  people: { claire: string; thomas: string; nicolas: string },
) {
  const lists = [];
  for (const c of CHECKLISTS) {
    lists.push(
      await createChecklist(ctx, pmo, {
        name: c.name,
        description: c.description,
        items: c.items.map(([key, label]) => ({ key: key!, label: label! })),
      }),
    );
  }
  const [cadrage, methode, recette] = lists as [
    (typeof lists)[number],
    (typeof lists)[number],
    (typeof lists)[number],
  ];
  const active = projects.filter((p) => p.status === 'active' && p.code.split('-').length <= 3);
  const completedOn: { id: string; on: string }[] = [];

  for (const [n, p] of active.slice(0, 6).entries()) {
    const owner = p.managerId ?? people.thomas;
    // 1. A closed initiation review: all conform but one n.a.
    const review = await createAudit(ctx, pmo, p.id, {
      kind: 'review',
      title: 'Revue de cadrage',
      checklistId: cadrage.id,
      auditorId: people.claire,
      plannedDate: shift(-150 + n * 7),
    });
    await updateAudit(ctx, pmo, p.id, review.id, review.version, {
      results: cadrage.items.map((i) => ({
        key: i.key,
        result: i.key === 'raci' && n % 2 === 0 ? 'na' : 'conform',
        comment: i.key === 'raci' && n % 2 === 0 ? 'RACI porté par le programme' : '',
      })),
      summary: 'Dossier de cadrage complet, conforme au référentiel.',
      completed: true,
    });
    completedOn.push({ id: review.id, on: shift(-148 + n * 7) });

    // 2. A method audit in findings follow-up (every other project), closed on the others.
    const audit = await createAudit(ctx, pmo, p.id, {
      kind: 'audit',
      title: 'Audit de conformité méthode',
      checklistId: methode.id,
      auditorId: people.claire,
      plannedDate: shift(-45 + n * 4),
    });
    const failing = n % 2 === 0 ? ['planning', 'documentation'] : ['meteo'];
    const comments: Record<string, string> = {
      planning: 'Aucune baseline posée depuis la replanification de septembre.',
      documentation: 'Spécifications non versionnées dans la GED.',
      meteo: 'Météo d’octobre non produite.',
    };
    const a = await updateAudit(ctx, pmo, p.id, audit.id, audit.version, {
      results: methode.items.map((i) => ({
        key: i.key,
        result: failing.includes(i.key) ? 'non_conform' : 'conform',
        comment: failing.includes(i.key) ? comments[i.key]! : '',
      })),
      summary:
        n % 2 === 0
          ? 'Pilotage sérieux, mais référentiel de planning et GED à remettre à niveau.'
          : 'Bonne application de la méthode, un écart mineur de reporting.',
      completed: true,
    });
    completedOn.push({ id: a.id, on: shift(-44 + n * 4) });
    for (const key of failing) {
      const severity = key === 'planning' ? (n === 0 ? 'critical' : 'major') : 'minor';
      const f = await createFinding(ctx, pmo, p.id, audit.id, {
        itemKey: key,
        description: comments[key]!,
        severity,
      });
      const action = await createAction(ctx, pmo, p.id, f.id, {
        description:
          key === 'planning'
            ? 'Poser une baseline et la faire valider en COPIL'
            : key === 'documentation'
              ? 'Verser les spécifications versionnées dans la GED'
              : 'Produire la météo mensuelle et la diffuser au PMO',
        ownerId: owner,
        // One overdue on the first projects, the others still in time.
        dueDate: key === 'planning' ? shift(n < 2 ? -10 : 20) : shift(-5),
      });
      if (key === 'meteo') {
        // Done and closed: the follow-up is over for this finding.
        await updateAction(ctx, pmo, p.id, action.id, action.version, { status: 'done' });
        await updateFinding(ctx, pmo, p.id, f.id, f.version, { status: 'closed' });
      } else if (key === 'documentation') {
        await updateAction(ctx, pmo, p.id, action.id, action.version, { status: 'in_progress' });
      }
    }

    // 3. A release review planned ahead on the first projects.
    if (n < 3) {
      await createAudit(ctx, pmo, p.id, {
        kind: 'review',
        title: 'Revue avant mise en production',
        checklistId: recette.id,
        auditorId: people.claire,
        plannedDate: shift(15 + n * 10),
      });
    }
  }
  // Assessments were closed on the days the audits took place.
  for (const c of completedOn) {
    await ctx.db.update(qualityAudits).set({ completedOn: c.on }).where(eq(qualityAudits.id, c.id));
  }
}
