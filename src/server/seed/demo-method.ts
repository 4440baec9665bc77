import { StandardMilestoneBody } from '../../contracts/methods.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import {
  addEvidence,
  createMilestone,
  getProjectStandards,
} from '../modules/methods/catalogue.service.ts';
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

/** The deliverables that prove a standard milestone in the demo's methods, best first. */
const EVIDENCE_DOCUMENT: Record<string, RegExp[]> = {
  J1: [/note de cadrage/i, /dossier de décision/i],
  RECETTE: [/pv de recette/i],
};

/**
 * The evidence of the standard milestones already reached that require it (J1, RECETTE): the
 * approved deliverable that proves it when the project has one, else the link to the signed
 * record in the group's document store, so that the gates passed in the demo are not shown as
 * missing their evidence. Through the service (audited), after the plans and the lifecycles.
 */
export async function seedDemoEvidence(
  ctx: Ctx,
  pmo: Actor,
  projects: { id: string; code: string }[],
) {
  for (const p of projects) {
    const s = await getProjectStandards(ctx, pmo, p.id);
    for (const row of s.milestones) {
      if (!row.milestone.evidenceRequired || row.state !== 'reached' || row.evidence.length > 0)
        continue;
      const doc = (EVIDENCE_DOCUMENT[row.milestone.code] ?? [])
        .map((re) => s.documents.find((d) => d.status === 'approved' && re.test(d.name)))
        .find((d) => d);
      await addEvidence(ctx, pmo, p.id, {
        milestoneId: row.milestone.id,
        ...(doc
          ? { documentId: doc.id }
          : {
              url: `https://ged.groupe-exemple.fr/projets/${p.code}/${row.milestone.code.toLowerCase()}.pdf`,
            }),
        note: row.milestone.evidence ?? '',
      });
    }
  }
}
