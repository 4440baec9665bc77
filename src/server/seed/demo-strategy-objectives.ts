import { inArray } from 'drizzle-orm';
import type { CreateObjectiveBody } from '../../contracts/strategy.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { projects } from '../modules/portfolio/portfolio.tables.ts';
import { createObjective, declareContributions } from '../modules/strategy/objectives.service.ts';

// The strategy of "Groupe Exemple" for 2026–2028: three axes, eleven weighted objectives with
// measurable targets, and how the projects in flight and the open requests serve them. One
// objective (international growth) has no project yet — only a request — and two projects
// (workstation migration, flex office) serve no objective: what the strategy map is for.

type Owner = 'dg' | 'daf' | 'pmo' | 'cdp';
interface DemoObjective extends Omit<CreateObjectiveBody, 'kind' | 'parentId' | 'ownerId'> {
  owner: Owner;
  objectives?: DemoObjective[];
}

const t = (
  indicator: string,
  unit: string,
  baseline: number,
  target: number,
  dueDate: string,
  current: number | null = null,
) => ({ indicator, unit, baseline, target, current, dueDate });

const AXES: DemoObjective[] = [
  {
    code: 'AX1',
    title: 'Axe 1 — Excellence opérationnelle',
    description: 'Des processus plus simples, plus rapides et moins coûteux.',
    weight: 35,
    owner: 'dg',
    horizon: 2028,
    position: 1,
    targets: [],
    objectives: [
      {
        code: 'OS1.1',
        title: 'Réduire les coûts de traitement administratif',
        description: 'Automatiser les tâches de saisie et de rapprochement.',
        weight: 40,
        owner: 'daf',
        horizon: 2028,
        position: 1,
        targets: [
          t('Coût de traitement d’une facture fournisseur', '€', 14.5, 6, '2028-12-31', 12.8),
        ],
      },
      {
        code: 'OS1.2',
        title: 'Raccourcir le délai de paiement des fournisseurs',
        description: 'Respecter la loi LME et préparer la facturation électronique.',
        weight: 30,
        owner: 'daf',
        horizon: 2027,
        position: 2,
        targets: [t('Délai moyen de paiement', 'jours', 58, 35, '2027-12-31', 51)],
      },
      {
        code: 'OS1.3',
        title: 'Industrialiser la logistique et la qualité',
        description: 'Lean dans les entrepôts, certification ISO 9001.',
        weight: 30,
        owner: 'cdp',
        horizon: 2028,
        position: 3,
        targets: [
          t('Taux de service des entrepôts', '%', 92, 98.5, '2028-06-30', 94.1),
          t('Sites certifiés ISO 9001', 'sites', 0, 6, '2027-12-31', 2),
        ],
      },
    ],
  },
  {
    code: 'AX2',
    title: 'Axe 2 — Croissance et expérience client',
    description: 'Gagner et fidéliser des clients grâce au numérique et aux données.',
    weight: 35,
    owner: 'dg',
    horizon: 2028,
    position: 2,
    targets: [],
    objectives: [
      {
        code: 'OS2.1',
        title: 'Offrir un parcours client omnicanal',
        description: 'Un client, une vue, sur tous les canaux.',
        weight: 40,
        owner: 'dg',
        horizon: 2028,
        position: 1,
        targets: [
          t('Net Promoter Score', 'pts', 18, 35, '2028-12-31', 22),
          t('Demandes clients traitées en ligne', '%', 35, 70, '2028-12-31', 41),
        ],
      },
      {
        code: 'OS2.2',
        title: 'Valoriser les données du groupe',
        description: 'Des décisions fondées sur des données fiables et partagées.',
        weight: 25,
        owner: 'pmo',
        horizon: 2027,
        position: 2,
        targets: [t('Processus pilotés par tableau de bord', 'processus', 3, 15, '2027-12-31', 6)],
      },
      {
        code: 'OS2.3',
        title: 'Développer les compétences clés',
        description: 'Gestion de projet, données, cybersécurité.',
        weight: 20,
        owner: 'pmo',
        horizon: 2028,
        position: 3,
        targets: [
          t('Collaborateurs certifiés en gestion de projet', 'pers.', 12, 60, '2028-06-30', 19),
        ],
      },
      {
        code: 'OS2.4',
        title: 'Ouvrir deux marchés européens',
        description: 'Espagne puis Italie, avec un partenaire local.',
        weight: 15,
        owner: 'dg',
        horizon: 2028,
        position: 4,
        targets: [t('Chiffre d’affaires hors de France', '%', 4, 12, '2028-12-31')],
      },
    ],
  },
  {
    code: 'AX3',
    title: 'Axe 3 — Conformité, sécurité et RSE',
    description: 'Être irréprochable vis-à-vis des régulateurs, des clients et de la planète.',
    weight: 30,
    owner: 'dg',
    horizon: 2028,
    position: 3,
    targets: [],
    objectives: [
      {
        code: 'OS3.1',
        title: 'Être conforme à DORA et NIS 2 dans les délais',
        description: 'Résilience opérationnelle numérique et cybersécurité.',
        weight: 45,
        owner: 'pmo',
        horizon: 2026,
        position: 1,
        targets: [t('Exigences DORA couvertes', '%', 40, 100, '2026-12-31', 72)],
      },
      {
        code: 'OS3.2',
        title: 'Maîtriser les risques opérationnels',
        description: 'Cartographie, plans de traitement, continuité.',
        weight: 30,
        owner: 'daf',
        horizon: 2027,
        position: 2,
        targets: [t('Risques majeurs sans plan de traitement', 'risques', 14, 0, '2027-06-30', 6)],
      },
      {
        code: 'OS3.3',
        title: 'Réduire l’empreinte carbone de 25 %',
        description: 'Trajectoire alignée avec la CSRD.',
        weight: 25,
        owner: 'dg',
        horizon: 2028,
        position: 3,
        targets: [t('Émissions scopes 1 et 2', 'tCO2e', 4200, 3150, '2028-12-31', 3980)],
      },
    ],
  },
];

/** Project code → [objective, level]. */
const PROJECTS: Record<string, [string, number][]> = {
  'PRJ-2026-001': [
    ['OS2.1', 3],
    ['OS2.2', 1],
  ],
  'PRJ-2026-002': [
    ['OS2.1', 3],
    ['OS1.1', 1],
  ],
  'PRJ-2027-003': [['OS2.1', 2]],
  'PRJ-2026-004': [['OS2.2', 3]],
  'PRJ-2026-005': [
    ['OS2.2', 2],
    ['OS1.1', 1],
  ],
  'PRJ-2027-006': [
    ['OS2.1', 2],
    ['OS1.1', 2],
  ],
  'PRJ-2026-008': [
    ['OS3.1', 3],
    ['OS3.2', 2],
  ],
  'PRJ-2026-009': [['OS3.1', 3]],
  'PRJ-2026-010': [['OS3.2', 1]],
  'PRJ-2026-011': [
    ['OS3.2', 3],
    ['OS3.1', 2],
  ],
  'PRJ-2026-012': [['OS3.2', 3]],
  'PRJ-2027-013': [
    ['OS3.2', 2],
    ['OS1.1', 1],
  ],
  'PRJ-2026-014': [['OS3.2', 2]],
  'PRJ-2026-015': [
    ['OS1.3', 3],
    ['OS3.3', 1],
  ],
  'PRJ-2026-016': [
    ['OS1.1', 3],
    ['OS1.2', 2],
  ],
  'PRJ-2026-017': [['OS1.3', 2]],
  'PRJ-2026-018': [
    ['OS2.3', 2],
    ['OS1.1', 1],
  ],
  'PRJ-2026-019': [['OS2.3', 3]],
  'PRJ-2026-021': [['OS3.3', 3]],
  'PRJ-2026-022': [['OS2.3', 1]],
  'PRJ-2027-101': [
    ['OS1.3', 2],
    ['OS2.2', 1],
  ],
};

/** Request title → [objective, level]. */
const REQUESTS: Record<string, [string, number][]> = {
  'Portail fournisseurs et dématérialisation des factures': [
    ['OS1.1', 3],
    ['OS1.2', 3],
  ],
  'Application mobile de prise de commande': [['OS2.1', 2]],
  'Bilan carbone automatisé (CSRD)': [['OS3.3', 2]],
  'Chatbot pour le support interne': [['OS1.1', 1]],
  'Ouverture d’une filiale commerciale en Espagne': [['OS2.4', 3]],
  'Clôture comptable en J+5': [['OS1.1', 2]],
};

/** Seeds the objectives and the contributions; needs the projects and the requests. */
export async function seedDemoObjectives(
  ctx: Ctx,
  pmo: Actor,
  owners: Record<Owner, string | null>,
  requestIds: Map<string, string>,
): Promise<void> {
  for (const axis of AXES) {
    const { objectives, owner, ...body } = axis;
    const created = await createObjective(ctx, pmo, {
      ...body,
      kind: 'axis',
      parentId: null,
      ownerId: owners[owner],
    });
    for (const o of objectives ?? []) {
      const { objectives: _none, owner: oOwner, ...oBody } = o;
      await createObjective(ctx, pmo, {
        ...oBody,
        kind: 'objective',
        parentId: created.id,
        ownerId: owners[oOwner],
      });
    }
  }
  const found = await ctx.db
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(inArray(projects.code, Object.keys(PROJECTS)));
  const rows = [
    ...found.flatMap((p) =>
      PROJECTS[p.code]!.map(([objectiveCode, level]) => ({
        objectiveCode,
        projectId: p.id,
        level,
      })),
    ),
    ...Object.entries(REQUESTS).flatMap(([title, list]) => {
      const requestId = requestIds.get(title);
      return requestId
        ? list.map(([objectiveCode, level]) => ({ objectiveCode, requestId, level }))
        : [];
    }),
  ];
  await declareContributions(ctx, pmo, rows);
}
