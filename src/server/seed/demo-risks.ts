import type { CreateRiskBody } from '../../contracts/risks.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { createCategory, seedProjectRisks } from '../modules/risks/risks.service.ts';
import type { DemoPlanProject } from './demo-planning.ts';

// The demo risk registers: a PMO risk breakdown structure, and for most projects four to six
// realistic French risks (ERP supplier late, SAP experts unavailable, GDPR non-compliance…),
// each with cause → event → effect, a response, a residual assessment and a few dated
// reassessments, so heat maps, EMV and trends have something to show.

const CATEGORIES = [
  {
    code: 'TEC',
    name: 'Technique',
    description: 'Architecture, intégration, performances, sécurité',
  },
  { code: 'EXT', name: 'Externe', description: 'Fournisseurs, partenaires, réglementation' },
  {
    code: 'ORG',
    name: 'Organisation',
    description: 'Ressources, compétences, conduite du changement',
  },
  { code: 'JUR', name: 'Juridique et conformité', description: 'RGPD, contrats, normes' },
  { code: 'FIN', name: 'Financier', description: 'Budget, change, inflation' },
];

type Template = Omit<CreateRiskBody, 'categoryId' | 'ownerId' | 'currency'> & {
  category: string;
  trend: number[];
};

const base = {
  kind: 'threat' as const,
  contingencyCents: null,
  scheduleImpactDays: null,
  status: 'open' as const,
};

const TEMPLATES: Template[] = [
  {
    ...base,
    title: 'Retard de livraison du fournisseur ERP',
    cause: 'Le fournisseur a sous-estimé le paramétrage des flux financiers',
    event: 'Le lot 2 est livré avec plus de quatre semaines de retard',
    effect: 'La recette et la bascule glissent, surcoût de régie',
    category: 'EXT',
    probability: 4,
    impacts: { cost: 3, schedule: 4, quality: null, reputation: 2 },
    costImpactCents: 18_000_000,
    scheduleImpactDays: 20,
    proximity: '2027-02-15',
    strategy: 'reduce',
    response: 'Pénalités de retard activées, comité de pilotage fournisseur hebdomadaire',
    residualProbability: 2,
    residualImpact: 3,
    trend: [3, 4, 4],
  },
  {
    ...base,
    title: 'Indisponibilité des experts SAP',
    cause: 'Les deux experts FI/CO sont aussi mobilisés sur la clôture annuelle',
    event: 'Les ateliers de conception sont reportés en décembre et janvier',
    effect: 'Spécifications incomplètes, risque de reprise en recette',
    category: 'ORG',
    probability: 3,
    impacts: { cost: 2, schedule: 3, quality: 3, reputation: null },
    costImpactCents: 6_500_000,
    proximity: '2026-12-20',
    strategy: 'reduce',
    response: 'Renfort d’un expert externe sur trois mois, planning des ateliers validé par la DAF',
    residualProbability: 2,
    residualImpact: 2,
    trend: [4, 3],
  },
  {
    ...base,
    title: 'Non-conformité RGPD des traitements de données RH',
    cause: 'Registre des traitements non mis à jour, DPO non consulté',
    event: 'La CNIL ou un audit interne relève un manquement',
    effect: 'Mise en demeure, atteinte à l’image, refonte des flux',
    category: 'JUR',
    probability: 2,
    impacts: { cost: 3, schedule: 2, quality: null, reputation: 5 },
    costImpactCents: 25_000_000,
    proximity: '2027-03-31',
    strategy: 'avoid',
    response: 'Analyse d’impact (AIPD) avec le DPO avant la mise en production',
    residualProbability: 1,
    residualImpact: 3,
    trend: [3, 2, 2],
  },
  {
    ...base,
    title: 'Résistance au changement des équipes terrain',
    cause: 'Nouvel outil perçu comme un contrôle supplémentaire',
    event: 'Faible adoption trois mois après le déploiement',
    effect: 'Bénéfices attendus non atteints, double saisie maintenue',
    category: 'ORG',
    probability: 3,
    impacts: { cost: 2, schedule: null, quality: 3, reputation: 3 },
    costImpactCents: 4_000_000,
    proximity: '2027-06-30',
    strategy: 'reduce',
    response: 'Réseau d’ambassadeurs, formations en agence, communication de la direction',
    residualProbability: 2,
    residualImpact: 2,
    trend: [3],
  },
  {
    ...base,
    title: 'Dépassement du budget d’infrastructure cloud',
    cause: 'Volumétrie sous-estimée, tarifs indexés sur l’inflation',
    event: 'La facture mensuelle dépasse de 30 % l’enveloppe prévue',
    effect: 'Arbitrage budgétaire en COPIL, report de fonctionnalités',
    category: 'FIN',
    probability: 3,
    impacts: { cost: 4, schedule: null, quality: null, reputation: null },
    costImpactCents: 9_000_000,
    proximity: null,
    strategy: 'transfer',
    response: 'Engagement de consommation sur trois ans négocié avec l’hébergeur',
    residualProbability: 2,
    residualImpact: 3,
    trend: [2, 3],
  },
  {
    ...base,
    kind: 'opportunity',
    title: 'Réutilisation des API du programme Relation client',
    cause: 'Le programme voisin expose déjà les API clients et contrats',
    event: 'Les interfaces sont reprises au lieu d’être développées',
    effect: 'Économie de développement et de recette',
    category: 'TEC',
    probability: 3,
    impacts: { cost: 3, schedule: 2, quality: null, reputation: null },
    costImpactCents: 7_000_000,
    proximity: '2027-01-31',
    strategy: 'exploit',
    response: 'Atelier d’architecture commun, contrat d’interface signé',
    residualProbability: null,
    residualImpact: null,
    trend: [2, 3],
  },
  {
    ...base,
    title: 'Faille de sécurité lors de l’ouverture du portail',
    cause: 'Authentification externe ajoutée tard dans le projet',
    event: 'Le test d’intrusion révèle une faille critique avant la mise en service',
    effect: 'Report de l’ouverture, corrections en urgence',
    category: 'TEC',
    probability: 2,
    impacts: { cost: 2, schedule: 4, quality: 4, reputation: 4 },
    costImpactCents: 5_000_000,
    proximity: '2027-04-15',
    strategy: 'reduce',
    response: 'Revue de sécurité à chaque sprint, pentest anticipé de deux mois',
    residualProbability: 1,
    residualImpact: 3,
    trend: [2],
  },
];

/** Reassessment dates, oldest first, ending at the demo's today. */
const DATES = ['2026-06-15', '2026-09-14', '2026-11-23'];
const NOTES = [
  'Identification en atelier de lancement',
  'Revue mensuelle des risques',
  'Revue avant COPIL',
];

export async function seedDemoRisks(ctx: Ctx, actor: Actor, projects: DemoPlanProject[]) {
  const categories = new Map<string, string>();
  for (const c of CATEGORIES)
    categories.set(c.code, (await createCategory(ctx, actor, { ...c, parentId: null })).id);
  const active = projects.filter((p) => p.status !== 'closed' && p.status !== 'cancelled');
  for (const [k, project] of active.entries()) {
    const count = 4 + (k % 3);
    const items = Array.from({ length: count }, (_, j) => {
      const { category, trend, ...template } = TEMPLATES[(k + j) % TEMPLATES.length]!;
      const dates = DATES.slice(DATES.length - trend.length);
      return {
        body: {
          ...template,
          currency: 'EUR',
          categoryId: categories.get(category) ?? null,
          ownerId: project.managerId,
          // Not every register is as far along: some probabilities moved since.
          probability: trend[trend.length - 1]!,
          status: (k + j) % 9 === 8 ? ('closed' as const) : template.status,
        },
        history: trend.map((probability, i) => ({
          on: dates[i]!,
          probability,
          note: NOTES[NOTES.length - trend.length + i]!,
        })),
      };
    });
    await seedProjectRisks(ctx, actor, project.id, items);
  }
}
