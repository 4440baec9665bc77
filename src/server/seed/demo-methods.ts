import {
  CreateLessonBody,
  CreatePolicyBody,
  RoleDescriptionBody,
} from '../../contracts/methods.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import {
  acknowledgePolicy,
  createLessons,
  createPolicy,
  createRoles,
  publishPolicy,
} from '../modules/methods/methods.service.ts';
import { toActor } from '../modules/platform/auth.service.ts';
import { findUserByEmail } from '../modules/platform/platform.repository.ts';
import type { DemoPlanProject } from './demo-planning.ts';

/**
 * The demo's policies (with a version announced for later), role descriptions matching the
 * RACI columns, and lessons learned on closed and running projects, all through the services.
 */

const POLICIES = [
  {
    code: 'POL-GOUV',
    title: 'Charte de gouvernance des projets',
    category: 'governance',
    effectiveOn: '2025-01-06',
    summary: 'Première version de la charte.',
    body: `1. Objet
La présente charte fixe les règles de gouvernance des projets du Groupe Exemple : instances, rôles, jalons et reporting.

2. Périmètre
Tout projet de plus de 50 jours-homme ou de plus de 100 000 € est suivi par le PMO dans Jalon.

3. Instances
- Comité de direction des projets (CODIR projets) : arbitre le portefeuille chaque trimestre.
- Comité de pilotage (COPIL) : un par projet, au moins mensuel, présidé par le sponsor.
- Comité projet : hebdomadaire, animé par le chef de projet.

4. Jalons
Chaque phase se termine par un jalon de passage (go / go sous réserves / à reprendre / suspendu / arrêt), décidé par les approbateurs désignés dans la méthode du projet.

5. Reporting
La météo du projet est mise à jour chaque semaine, avant le vendredi 12 h.`,
    next: {
      effectiveOn: '2027-01-04',
      summary: 'Seuil de suivi PMO abaissé à 30 jours-homme ; REX obligatoire en clôture.',
      body: `1. Objet
La présente charte fixe les règles de gouvernance des projets du Groupe Exemple : instances, rôles, jalons et reporting.

2. Périmètre
Tout projet de plus de 30 jours-homme ou de plus de 100 000 € est suivi par le PMO dans Jalon.

3. Instances
- Comité de direction des projets (CODIR projets) : arbitre le portefeuille chaque trimestre.
- Comité de pilotage (COPIL) : un par projet, au moins mensuel, présidé par le sponsor.
- Comité projet : hebdomadaire, animé par le chef de projet.

4. Jalons
Chaque phase se termine par un jalon de passage, décidé par les approbateurs désignés dans la méthode du projet.

5. Reporting
La météo du projet est mise à jour chaque semaine, avant le vendredi 12 h.

6. Retour d'expérience
Le jalon de clôture n'est prononcé qu'après la saisie du REX du projet (au moins une leçon « ce qui a marché » et une « à améliorer »).`,
    },
  },
  {
    code: 'POL-JALONS',
    title: 'Procédure de passage de jalon',
    category: 'project',
    effectiveOn: '2025-03-03',
    summary: 'Procédure initiale.',
    body: `Le chef de projet prépare la revue de jalon dans Jalon : check-list des critères, livrables obligatoires soumis, risques majeurs à jour.
Les livrables obligatoires de la phase doivent être approuvés avant la revue.
La décision est prise en séance par les approbateurs ; les réserves sont saisies avec un responsable et une échéance.
Un « go sous réserves » ne fait passer à la phase suivante qu'avec des réserves datées.`,
  },
  {
    code: 'POL-RISQUES',
    title: 'Politique de gestion des risques projet',
    category: 'risk',
    effectiveOn: '2025-09-01',
    summary: 'Alignement sur la cartographie des risques du groupe.',
    body: `Chaque projet tient un registre des risques revu à chaque COPIL.
Un risque de criticité ≥ 12 (probabilité × impact sur 5 × 5) est porté à la connaissance du sponsor sous 48 heures.
Un risque de criticité ≥ 16 est escaladé au programme, et au portefeuille s'il touche plusieurs projets.
Chaque risque majeur a un propriétaire, un plan de réponse et une date de revue.`,
  },
  {
    code: 'POL-CYBER',
    title: 'Exigences de sécurité des projets SI',
    category: 'security',
    effectiveOn: '2026-01-05',
    summary: 'Intègre les exigences NIS2.',
    body: `Tout projet SI fait l'objet d'une analyse de risques sécurité (EBIOS RM allégée) en phase de conception.
Le RSSI est consulté (C) sur l'architecture et informé (I) de la mise en production.
Aucune mise en production sans homologation de sécurité pour les applications exposées sur Internet.`,
  },
] as const;

const ROLES = [
  {
    name: 'Sponsor',
    mission: 'Porte le projet au nom de la direction et en garantit la valeur.',
    responsibilities: [
      'Valide la note de cadrage et le budget',
      'Préside le COPIL et tranche les arbitrages',
      'Décide des jalons avec le PMO',
      'Mesure les bénéfices après la clôture',
    ],
    raciLabels: ['Commanditaire', 'Sponsor métier'],
  },
  {
    name: 'Chef de projet MOA',
    mission: 'Représente les métiers : besoin, recette et conduite du changement.',
    responsibilities: [
      'Exprime et priorise le besoin',
      'Organise la recette métier',
      'Prépare le déploiement et la formation des utilisateurs',
    ],
    raciLabels: ['CP MOA', 'Product owner', 'Référent métier'],
  },
  {
    name: 'Chef de projet MOE',
    mission: 'Conduit la réalisation dans les délais, coûts et qualité convenus.',
    responsibilities: [
      'Tient le planning, le budget et le registre des risques',
      'Anime le comité projet hebdomadaire',
      'Met à jour la météo chaque semaine',
      'Prépare les revues de jalon',
    ],
    raciLabels: ['CP MOE', 'Chef de projet', 'CP'],
  },
  {
    name: 'PMO',
    mission: 'Garantit le respect de la méthode et la qualité du pilotage du portefeuille.',
    responsibilities: [
      'Publie les méthodes, les politiques et le glossaire',
      'Conduit les audits qualité et suit les écarts',
      'Consolide le reporting du portefeuille',
      'Anime le retour d’expérience',
    ],
    raciLabels: ['Bureau des projets'],
  },
  {
    name: 'Métiers',
    mission: 'Les utilisateurs et experts des directions concernées.',
    responsibilities: [
      'Contribuent aux ateliers',
      'Participent à la recette',
      'Suivent les formations',
    ],
    raciLabels: ['Utilisateurs clés'],
  },
  {
    name: 'RSSI',
    mission: 'Veille à la sécurité des systèmes d’information du groupe.',
    responsibilities: [
      'Réalise ou valide l’analyse de risques sécurité',
      'Prononce l’homologation de sécurité',
    ],
    raciLabels: ['Sécurité'],
  },
];

type L = {
  kind: 'worked' | 'improve';
  category: string;
  title: string;
  description: string;
  recommendation: string;
  tags: string[];
};

const LESSONS: Record<string, L[]> = {
  'PRJ-2026-007': [
    {
      kind: 'worked',
      category: 'communication',
      title: 'Ambassadeurs dans chaque site',
      description:
        'Un utilisateur volontaire par site a testé le nouveau poste deux semaines avant ses collègues et répondu aux questions.',
      recommendation:
        'Nommer des ambassadeurs dès la conception pour tout déploiement multi-sites.',
      tags: ['déploiement', 'conduite du changement'],
    },
    {
      kind: 'improve',
      category: 'supplier',
      title: 'Livraisons de matériel en retard',
      description:
        'Le fournisseur a livré 30 % des postes avec trois semaines de retard, ce qui a décalé deux vagues.',
      recommendation:
        'Prévoir des pénalités de retard au contrat et un stock tampon de 10 % avant chaque vague.',
      tags: ['fournisseur', 'déploiement'],
    },
    {
      kind: 'improve',
      category: 'planning',
      title: 'Vagues trop rapprochées',
      description:
        'Une semaine entre deux vagues ne laissait pas le temps de traiter les incidents.',
      recommendation: 'Laisser au moins deux semaines entre deux vagues de déploiement.',
      tags: ['déploiement', 'planning'],
    },
  ],
  'PRJ-2026-012': [
    {
      kind: 'worked',
      category: 'governance',
      title: 'COPIL court et décisionnel',
      description:
        'Un COPIL de 45 minutes avec trois décisions préparées à l’avance a remplacé les revues de deux heures.',
      recommendation: 'Envoyer le pack COPIL 48 h avant et ne garder en séance que les décisions.',
      tags: ['copil', 'risques'],
    },
    {
      kind: 'improve',
      category: 'scope',
      title: 'Périmètre de la cartographie élargi en cours de route',
      description:
        'Trois directions ont été ajoutées après le cadrage, sans revoir le planning ni le budget.',
      recommendation: 'Passer tout ajout de périmètre par une demande de changement chiffrée.',
      tags: ['risques', 'périmètre'],
    },
  ],
  'PRJ-2026-001': [
    {
      kind: 'improve',
      category: 'technical',
      title: 'Qualité des données sous-estimée',
      description:
        '18 % de doublons et des adresses non normalisées ont été découverts au premier essai de reprise.',
      recommendation:
        'Faire un profilage des données dès le cadrage et chiffrer le nettoyage comme un lot à part.',
      tags: ['données', 'reprise', 'crm'],
    },
    {
      kind: 'worked',
      category: 'quality',
      title: 'Recette par scénarios métier',
      description:
        'Les cas de test ont été écrits par les conseillers clientèle à partir de situations réelles.',
      recommendation:
        'Faire écrire les scénarios de recette par les métiers, pas par l’intégrateur.',
      tags: ['recette', 'crm', 'cloud'],
    },
  ],
  'PRJ-2026-004': [
    {
      kind: 'improve',
      category: 'resources',
      title: 'Data engineers partagés avec le run',
      description: 'Les deux data engineers étaient aussi d’astreinte : 30 % de leur temps perdu.',
      recommendation: 'Sortir les ressources clés de l’astreinte pendant la phase de réalisation.',
      tags: ['data', 'cloud', 'ressources'],
    },
    {
      kind: 'worked',
      category: 'technical',
      title: 'Socle cloud livré en premier',
      description: 'Le socle (réseau, sécurité, CI/CD) a été livré avant les premiers cas d’usage.',
      recommendation:
        'Livrer le socle technique avant les usages, même si cela retarde la première démo.',
      tags: ['cloud', 'data'],
    },
  ],
  'PRJ-2026-008': [
    {
      kind: 'improve',
      category: 'planning',
      title: 'Échéance réglementaire découverte tard',
      description:
        'La date de remise du registre des prestataires a été connue trois mois après le lancement.',
      recommendation:
        'Faire valider les échéances réglementaires par la conformité dès le cadrage.',
      tags: ['dora', 'réglementaire'],
    },
  ],
  'PRJ-2026-009': [
    {
      kind: 'worked',
      category: 'risk',
      title: 'Analyse EBIOS en atelier court',
      description: 'Quatre ateliers de deux heures ont suffi pour l’analyse de risques sécurité.',
      recommendation: 'Préférer des ateliers courts avec les métiers à un long questionnaire.',
      tags: ['sécurité', 'nis2'],
    },
  ],
  'PRJ-2026-016': [
    {
      kind: 'improve',
      category: 'supplier',
      title: 'Licences RPA commandées trop tard',
      description: 'Six semaines de délai d’achat ont bloqué les développements.',
      recommendation: 'Lancer la commande des licences dès la décision de go en fin de cadrage.',
      tags: ['rpa', 'achats', 'fournisseur'],
    },
  ],
};

export async function seedDemoMethods(ctx: Ctx, system: Actor, projects: DemoPlanProject[]) {
  const claire = await findUserByEmail(ctx.db, 'claire.martin@exemple.fr');
  const pmo = claire ? toActor(claire) : system;
  const thomas = await findUserByEmail(ctx.db, 'thomas.bernard@exemple.fr');
  const reader = thomas ? toActor(thomas) : null;

  for (const p of POLICIES) {
    const created = await createPolicy(
      ctx,
      pmo,
      CreatePolicyBody.parse({
        code: p.code,
        title: p.title,
        category: p.category,
        body: p.body,
        summary: p.summary,
        effectiveOn: p.effectiveOn,
      }),
    );
    await acknowledgePolicy(ctx, pmo, created.id, { number: 1 });
    if (reader && p.code !== 'POL-CYBER')
      await acknowledgePolicy(ctx, reader, created.id, { number: 1 });
    if ('next' in p)
      await publishPolicy(
        ctx,
        pmo,
        created.id,
        created.version,
        CreatePolicyBody.omit({ code: true, category: true, title: true, ownerId: true }).parse(
          p.next,
        ),
      );
  }

  await createRoles(
    ctx,
    pmo,
    ROLES.map((r) => RoleDescriptionBody.parse(r)),
  );

  const byCode = new Map(projects.map((p) => [p.code, p]));
  for (const [code, lessons] of Object.entries(LESSONS)) {
    const project = byCode.get(code);
    // Closed projects recorded theirs before their closure gate (seedDemoClosureLessons).
    if (!project || project.status === 'closed') continue;
    await createLessons(
      ctx,
      pmo,
      project.id,
      lessons.map((l) => CreateLessonBody.parse(l)),
    );
  }
}

/**
 * The lessons a closed demo project recorded before its closure gate (the gate needs them):
 * called by the governance demo just before that gate's decision.
 */
export async function seedDemoClosureLessons(ctx: Ctx, pmo: Actor, project: DemoPlanProject) {
  const lessons = LESSONS[project.code as keyof typeof LESSONS];
  if (!lessons) return;
  await createLessons(
    ctx,
    pmo,
    project.id,
    lessons.map((l) => CreateLessonBody.parse(l)),
  );
}
