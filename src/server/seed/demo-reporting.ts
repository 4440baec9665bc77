import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import {
  expectedPeriod,
  type Period,
  previousPeriod,
  type Weather,
} from '../../core/reporting/weather.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { computeMetrics } from '../modules/reporting/reporting.metrics.ts';
import * as repo from '../modules/reporting/reporting.repository.ts';
import { computeKpis, setOverride, today } from '../modules/reporting/reporting.service.ts';

// The demo's status reports: four months of monthly "météo" for every active project, with a
// story — most projects steady, a few degrading (the DORA programme slips, the CRM overhaul
// runs into a supplier problem), one recovering — the PMO's reviews, the current month partly
// written (Thomas Bernard still owes two reports), an override of the "Numérique" portfolio,
// and KPI history computed at each month end.

const PROFILES: Weather[][] = [
  ['sun', 'sun', 'sun', 'sun'],
  ['sun', 'cloud', 'rain', 'storm'],
  ['cloud', 'cloud', 'sun', 'sun'],
  ['sun', 'sun', 'cloud', 'cloud'],
  ['rain', 'rain', 'cloud', 'sun'],
  ['sun', 'cloud', 'cloud', 'rain'],
];

/** Named stories for some projects (by code); the others take a profile by position. */
const STORIES: Record<string, number> = {
  'PRJ-2026-001': 5,
  'PRJ-2026-008': 1,
  'PRJ-2026-015': 0,
  'PRJ-2026-022': 4,
};

const NARRATIVE: Record<
  Weather,
  { achievements: string; nextSteps: string; issues: string; decisions: string }
> = {
  sun: {
    achievements: 'Livrables de la période remis à temps ; comité de suivi tenu avec les métiers.',
    nextSteps: 'Poursuivre la réalisation selon le planning de référence.',
    issues: 'Aucun point bloquant.',
    decisions: '',
  },
  cloud: {
    achievements: 'Avancement conforme sur l’essentiel ; recette du lot 1 démarrée.',
    nextSteps: 'Sécuriser la disponibilité des experts métier pour la recette.',
    issues: 'Charge des équipes métier tendue ; deux anomalies majeures en cours d’analyse.',
    decisions: 'Arbitrage attendu sur la priorité des évolutions du lot 2.',
  },
  rain: {
    achievements: 'Plan d’action lancé avec le fournisseur ; points hebdomadaires instaurés.',
    nextSteps: 'Replanifier le jalon de mise en production et présenter le scénario au COPIL.',
    issues: 'Retard de livraison du fournisseur (3 semaines) ; chemin critique impacté.',
    decisions: 'Validation du décalage du jalon de mise en production ; renfort d’un développeur.',
  },
  storm: {
    achievements: 'Diagnostic de la dérive partagé avec le sponsor.',
    nextSteps: 'Présenter un plan de redressement au prochain COPIL.',
    issues: 'Dérive du planning de plus d’un mois ; budget de réalisation consommé à 85 %.',
    decisions:
      'Décision de re-périmétrage demandée au COPIL ; aide de la DSI pour l’environnement de recette.',
  },
};

const better = (w: Weather): Weather => (w === 'storm' ? 'rain' : w === 'rain' ? 'cloud' : 'sun');

export async function seedDemoReporting(ctx: Ctx, actor: Actor) {
  const now = today();
  const projects = await repo.activeProjects(ctx.db);
  const [claire] = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from users where email = 'claire.martin@exemple.fr'`,
  );
  const reviewer = claire?.name ?? 'PMO';

  const periods: Period[] = [expectedPeriod(now, 'monthly')];
  for (let i = 0; i < 3; i++) periods.unshift(previousPeriod(periods[0]!, 'monthly'));
  const ids = projects.map((p) => p.id);
  // One period after the other (never concurrent queries on one client). These snapshots are
  // taken again by the dashboards seed once every module has its data (`refreezeReportMetrics`).
  const metrics: Awaited<ReturnType<typeof computeMetrics>>[] = [];
  for (const p of periods) metrics.push(await computeMetrics(ctx.db, ids, p.end));

  const rows: Parameters<typeof repo.insertReports>[1] = [];
  projects.forEach((p, k) => {
    const profile = PROFILES[STORIES[p.code] ?? k % PROFILES.length]!;
    periods.forEach((period, i) => {
      if (p.plannedStart && p.plannedStart > period.end) return;
      const last = i === periods.length - 1;
      // Thomas still owes this month's report on two projects (the e2e journey writes one).
      if (last && (p.code === 'PRJ-2026-001' || p.code === 'PRJ-2026-015')) return;
      const overall = profile[i]!;
      const state = !last
        ? 'reviewed'
        : k % 7 === 3
          ? 'draft'
          : k % 7 === 5
            ? 'changes_requested'
            : 'submitted';
      const submitted = state !== 'draft';
      const at = new Date(`${period.end}T16:00:00Z`);
      at.setUTCDate(at.getUTCDate() + 3);
      rows.push({
        projectId: p.id,
        periodStart: period.start,
        periodEnd: period.end,
        frequency: 'monthly',
        state,
        overall,
        dimensions: {
          schedule: overall,
          cost: better(overall),
          scope: 'sun',
          quality: k % 3 === 0 ? 'cloud' : 'sun',
          risks: overall === 'sun' ? 'cloud' : overall,
          resources: k % 4 === 0 ? 'cloud' : better(overall),
        },
        ...NARRATIVE[overall],
        metrics: submitted ? (metrics[i]!.get(p.id) ?? null) : null,
        metricsAsOf: submitted ? period.end : null,
        authorName: p.managerName ?? 'Chef de projet',
        submittedAt: submitted ? at : null,
        submittedByName: submitted ? (p.managerName ?? 'Chef de projet') : null,
        reviewedAt: state === 'reviewed' || state === 'changes_requested' ? at : null,
        reviewerName: state === 'reviewed' || state === 'changes_requested' ? reviewer : null,
        reviewComment:
          state === 'changes_requested'
            ? 'Merci de chiffrer l’impact du retard sur la date de mise en production.'
            : state === 'reviewed' && overall !== 'sun'
              ? 'Vu en revue PMO ; à suivre au prochain COPIL.'
              : '',
      });
    });
  });
  await ctx.db.transaction((tx) => repo.insertReports(tx, rows));

  const num = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from portfolios where code = 'PTF-CONF'`,
  );
  if (num[0])
    await repo.saveSettings(ctx.db, num[0].id, 0, { frequency: 'monthly', rollupRule: 'majority' });
  const [digital] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from portfolios where code = 'PTF-NUM'`,
  );
  if (digital)
    await setOverride(ctx, actor, {
      scopeType: 'portfolio',
      scopeId: digital.id,
      date: periods[periods.length - 1]!.start,
      weather: 'rain',
      comment:
        'Deux projets du programme Relation client en dérive : plan de redressement présenté au COPIL du mois.',
    });

  for (const p of periods) await computeKpis(ctx, p.end);
  return { reports: rows.length };
}
