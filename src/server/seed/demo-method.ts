import { StandardMilestoneBody } from '../../contracts/methods.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { createMilestone } from '../modules/methods/catalogue.service.ts';
import { ensureStandardKpis } from '../modules/reporting/reporting.service.ts';

/**
 * The demo's common language: the standard milestones every method names (the demo methods'
 * WBS milestones point at them) and the standard KPIs they follow, created before the methods.
 */
const MILESTONES = [
  {
    code: 'J1',
    name: 'Lancement validé',
    nameEn: 'Kick-off approved',
    definition:
      'Le COPIL de lancement valide le périmètre, le budget et l’équipe : le projet entre en conception.',
    definitionEn: 'The kick-off steering committee approves scope, budget and team.',
    evidence: 'Compte rendu du COPIL de lancement signé par le sponsor',
    evidenceRequired: true,
  },
  {
    code: 'RECETTE',
    name: 'Recette prononcée',
    nameEn: 'Acceptance signed off',
    definition:
      'La MOA prononce la recette : les anomalies bloquantes sont levées, les réserves sont listées.',
    definitionEn: 'The business owner signs off acceptance testing.',
    evidence: 'PV de recette signé par la MOA',
    evidenceRequired: true,
  },
  {
    code: 'MEP',
    name: 'Mise en production',
    nameEn: 'Go-live',
    definition: 'La solution est en service pour les utilisateurs finaux, support en place.',
    definitionEn: 'The solution is live for end users, with support in place.',
    evidence: 'Décision de go/no-go et bilan de bascule',
  },
  {
    code: 'CLOTURE',
    name: 'Clôture du projet',
    nameEn: 'Project closure',
    definition:
      'Le COPIL de clôture constate l’atteinte des objectifs, le REX est partagé, le budget est soldé.',
    definitionEn: 'The closing committee records objectives met, lessons shared, budget closed.',
    evidence: 'Bilan de clôture et REX enregistrés dans Jalon',
  },
];

export async function seedDemoStandards(ctx: Ctx, pmo: Actor) {
  await ensureStandardKpis(ctx.db);
  for (const m of MILESTONES) await createMilestone(ctx, pmo, StandardMilestoneBody.parse(m));
}
