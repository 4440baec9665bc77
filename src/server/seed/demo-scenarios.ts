// The demo scoring of "Groupe Exemple": the arbitration committee's model (six criteria with
// described scales) and the sheets of the PMO, the CEO and the management controller on the
// requests in evaluation — with a real disagreement on the mobile ordering app.
import type { ScoringCriterion } from '../../contracts/scenarios.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { recordAudits } from '../modules/platform/audit.service.ts';
import { insertEvaluations } from '../modules/strategy/scoring.repository.ts';
import { createScenario } from '../modules/strategy/scenarios.service.ts';
import { createModel } from '../modules/strategy/scoring.service.ts';
import { listRequests } from '../modules/strategy/strategy.service.ts';
import { actorFor } from './demo-strategy.ts';

const levels = (...descriptions: string[]) =>
  descriptions.map((description, value) => ({ value, description }));

const CRITERIA: Omit<ScoringCriterion, 'source'>[] = [
  {
    key: 'alignement',
    label: 'Alignement stratégique',
    description: 'Contribution aux objectifs du plan stratégique 2026–2028.',
    weight: 25,
    direction: 'higher_better',
    levels: levels(
      'Aucun lien avec un objectif',
      'Lien indirect',
      'Contribue à un objectif',
      'Contribue fortement à un objectif',
      'Indispensable à plusieurs objectifs',
    ),
  },
  {
    key: 'valeur',
    label: 'Valeur économique',
    description: 'VAN du business case et gains non financiers chiffrés.',
    weight: 25,
    direction: 'higher_better',
    levels: levels(
      'Pas de gain identifié',
      'VAN < 100 k€',
      'VAN 100–500 k€',
      'VAN 0,5–2 M€',
      'VAN > 2 M€',
    ),
  },
  {
    key: 'risque',
    label: 'Risque de réalisation',
    description: 'Complexité technique, dépendances, maturité des équipes.',
    weight: 15,
    direction: 'lower_better',
    levels: levels(
      'Très faible : déjà fait ailleurs',
      'Faible',
      'Modéré : quelques inconnues',
      'Élevé : technologie ou partenaire nouveaux',
      'Très élevé : rupture',
    ),
  },
  {
    key: 'urgence',
    label: 'Urgence',
    description: 'Coût du report d’un an.',
    weight: 10,
    direction: 'higher_better',
    levels: levels('Aucune', 'Souhaitable', 'Importante', 'Forte', 'Critique (échéance imposée)'),
  },
  {
    key: 'faisabilite',
    label: 'Faisabilité',
    description: 'Disponibilité des compétences et du budget dans l’année.',
    weight: 10,
    direction: 'higher_better',
    levels: levels(
      'Irréaliste aujourd’hui',
      'Difficile',
      'Possible avec renforts',
      'Réaliste',
      'Immédiate',
    ),
  },
  {
    key: 'reglementaire',
    label: 'Conformité réglementaire',
    description: 'Obligation légale ou réglementaire (CSRD, DORA, facturation électronique…).',
    weight: 15,
    direction: 'higher_better',
    levels: levels(
      'Aucune obligation',
      'Recommandation',
      'Obligation à moyen terme',
      'Obligation à échéance connue',
      'Obligation immédiate, sanction',
    ),
  },
];

type Sheet = Record<string, number>;
/** title prefix → evaluator e-mail → levels (alignement, valeur, risque, urgence, faisabilité, réglementaire). */
const SHEETS: Record<string, Record<string, [number, number, number, number, number, number]>> = {
  'Portail fournisseurs': {
    'claire.martin@exemple.fr': [4, 3, 1, 4, 3, 4],
    'nicolas.durand@exemple.fr': [3, 3, 2, 4, 3, 4],
    'sophie.leroy@exemple.fr': [4, 4, 1, 3, 3, 4],
  },
  'Application mobile': {
    'claire.martin@exemple.fr': [2, 2, 3, 2, 2, 0],
    'nicolas.durand@exemple.fr': [4, 4, 2, 3, 3, 0],
    'sophie.leroy@exemple.fr': [1, 1, 4, 1, 2, 0],
  },
  'Bilan carbone': {
    'claire.martin@exemple.fr': [3, 1, 2, 4, 3, 4],
    'nicolas.durand@exemple.fr': [3, 1, 2, 3, 3, 4],
  },
  'Maintenance prédictive': {
    'claire.martin@exemple.fr': [3, 3, 3, 2, 2, 0],
    'sophie.leroy@exemple.fr': [3, 4, 3, 2, 3, 0],
  },
};

/** Seeds the scoring model and the evaluators' sheets; needs the demo accounts and requests. */
export async function seedDemoScenarios(ctx: Ctx): Promise<void> {
  const pmo = await actorFor(ctx, 'claire.martin@exemple.fr');
  const model = await createModel(ctx, pmo, {
    name: 'Grille du comité d’arbitrage 2027',
    description:
      'Notation des demandes avant le comité d’arbitrage de novembre : chaque membre note seul, le PMO présente le classement et les désaccords.',
    criteria: CRITERIA.map((c) => ({ ...c, source: 'evaluators' as const })),
  });
  const requests = (await listRequests(ctx, pmo)).items;
  const evaluators = new Map<string, Actor>();
  const rows: {
    values: Parameters<typeof insertEvaluations>[1][number];
    label: string;
    by: Actor;
  }[] = [];
  for (const [prefix, byEmail] of Object.entries(SHEETS)) {
    const request = requests.find((r) => r.title.startsWith(prefix));
    if (!request) continue;
    for (const [email, values] of Object.entries(byEmail)) {
      let by = evaluators.get(email);
      if (!by) evaluators.set(email, (by = await actorFor(ctx, email)));
      const scores: Sheet = Object.fromEntries(CRITERIA.map((c, i) => [c.key, values[i]!]));
      rows.push({
        values: { modelId: model.id, requestId: request.id, evaluatorId: by.userId, scores },
        label: `${model.name} · ${request.reference}`,
        by,
      });
    }
  }
  await seedDemoPortfolioScenarios(ctx, pmo);
  await ctx.db.transaction(async (tx) => {
    const inserted = await insertEvaluations(
      tx,
      rows.map((r) => r.values),
    );
    await recordAudits(
      tx,
      pmo,
      inserted.map((row, i) => ({
        entityType: 'scoring_evaluation' as const,
        entityId: row.id,
        entityLabel: rows[i]!.label,
        action: 'create' as const,
        after: { evaluator: rows[i]!.by.name, scores: row.scores },
      })),
    );
  });
}

const Q = ['2027-T1', '2027-T2', '2027-T3', '2027-T4'];
const each = (amount: number) => Object.fromEntries(Q.map((q) => [q, amount]));

/** The 2027 arbitration as a selection file (euros per quarter, hours per pool). */
export const DEMO_SELECTION = {
  periods: Q,
  budget: each(900_000),
  capacity: { Développement: each(3200), 'Data et BI': each(1400) },
  candidates: [
    {
      id: 'DEM-0001',
      name: 'Portail fournisseurs',
      value: 85,
      cost: [250_000, 250_000, 150_000],
      demand: { Développement: [1200, 1200, 600] },
      latestStart: '2027-T2',
    },
    {
      id: 'DEM-0002',
      name: 'Application mobile de prise de commande',
      value: 44,
      cost: [300_000, 300_000],
      demand: { Développement: [1600, 1600] },
      earliestStart: '2027-T2',
      latestStart: '2027-T3',
    },
    {
      id: 'DEM-0003',
      name: 'Bilan carbone automatisé (CSRD)',
      value: 64,
      cost: [120_000, 120_000],
      demand: { 'Data et BI': [700, 500] },
      mandatory: true,
    },
    {
      id: 'DEM-0004',
      name: 'Maintenance prédictive',
      value: 56,
      cost: [200_000, 200_000, 200_000],
      demand: { 'Data et BI': [600, 600, 400], Développement: [400, 400, 200] },
      latestStart: '2027-T2',
    },
    {
      id: 'DEM-0005',
      name: 'Chatbot support interne',
      value: 30,
      cost: [80_000, 80_000],
      demand: { Développement: [500, 300] },
      latestStart: '2027-T3',
    },
    {
      id: 'DEM-0007',
      name: 'Clôture comptable en J+5',
      value: 48,
      cost: [150_000, 100_000],
      demand: { 'Data et BI': [300, 300] },
      latestStart: '2027-T3',
    },
    {
      id: 'ERP-MIG',
      name: 'Migration ERP finance',
      value: 70,
      cost: [350_000, 350_000, 350_000],
      demand: { Développement: [1400, 1400, 1400] },
      requires: ['DEM-0007'],
    },
    {
      id: 'DWH',
      name: 'Entrepôt de données groupe',
      value: 52,
      cost: [250_000, 250_000],
      demand: { 'Data et BI': [500, 500] },
      excludes: ['DEM-0004'],
      latestStart: '2027-T3',
    },
  ],
};

/** Two saved scenarios on the 2027 arbitration (not run: the PMO clicks « Optimiser »). */
export async function seedDemoPortfolioScenarios(ctx: Ctx, pmo: Actor): Promise<void> {
  await createScenario(ctx, pmo, {
    name: 'Arbitrage 2027 — budget DAF',
    description:
      'Budget de 900 k€ par trimestre validé par la DAF ; le bilan carbone (CSRD) est obligatoire.',
    selection: DEMO_SELECTION,
    forcedIn: [],
    forcedOut: [],
  });
  await createScenario(ctx, pmo, {
    name: 'Arbitrage 2027 — application mobile imposée',
    description:
      'Demande de la direction commerciale : l’application mobile est imposée, la migration ERP exclue.',
    selection: DEMO_SELECTION,
    forcedIn: ['DEM-0002'],
    forcedOut: ['ERP-MIG'],
  });
}
