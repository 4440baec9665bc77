import type { z } from 'zod';
import type { CreateGlossaryTermBody, CreateMethodologyBody } from '../../contracts/governance.ts';

// The demo's methodology library and glossary: what a French PMO would actually publish.

type MethodologyInput = z.input<typeof CreateMethodologyBody>;

const t = (name: string, duration: number) => ({ name, duration, children: [] });
/** A milestone standing for a standard milestone of the catalogue (demo-method.ts). */
const j = (name: string, milestone: string) => ({ name, duration: 0, children: [], milestone });

const ROLES_V = [
  {
    name: 'Sponsor',
    description: 'Porte le projet au CODIR, arbitre les moyens et valide les jalons.',
  },
  {
    name: 'Chef de projet MOA',
    description: 'Exprime le besoin, pilote la recette et la conduite du changement.',
  },
  {
    name: 'Chef de projet MOE',
    description: 'Conçoit, réalise et livre la solution; tient le planning technique.',
  },
  {
    name: 'PMO',
    description: 'Garant de la méthode: revues de jalon, reporting, conformité des livrables.',
  },
];

export const DEMO_METHODOLOGIES: MethodologyInput[] = [
  {
    code: 'CYCLE-V',
    name: 'Cycle en V Groupe Exemple',
    kind: 'waterfall',
    description:
      'La méthode de référence du groupe pour les projets SI au périmètre stable: six phases, une revue de jalon à la fin de chacune, validée en COPIL.',
    content: {
      phases: [
        {
          key: 'idee',
          name: 'Idée',
          deliverables: [{ key: 'fiche-opportunite', name: "Fiche d'opportunité", required: true }],
          gate: {
            name: 'J0 — Opportunité',
            approvers: ['pmo'],
            criteria: [
              { key: 'sponsor', label: 'Un sponsor est nommé' },
              { key: 'alignement', label: 'Le projet sert au moins un objectif stratégique' },
            ],
          },
          wbs: [],
        },
        {
          key: 'cadrage',
          name: 'Cadrage',
          deliverables: [
            { key: 'note-cadrage', name: 'Note de cadrage', required: true },
            { key: 'business-case', name: 'Dossier de décision (business case)', required: true },
            { key: 'plan-management', name: 'Plan de management de projet', required: false },
          ],
          gate: {
            name: 'J1 — Lancement',
            approvers: ['sponsor', 'executive', 'pmo'],
            criteria: [
              {
                key: 'perimetre',
                label: 'Périmètre, objectifs et hors-périmètre validés par la MOA',
              },
              { key: 'budget', label: 'Budget et ressources engagés par la direction' },
              { key: 'risques', label: 'Risques majeurs identifiés et portés' },
            ],
          },
          wbs: [
            t('Note de cadrage', 10),
            t('Ateliers de lancement', 5),
            j('COPIL de lancement', 'J1'),
          ],
        },
        {
          key: 'conception',
          name: 'Conception',
          deliverables: [
            { key: 'sfg', name: 'Spécifications fonctionnelles générales', required: true },
            { key: 'dat', name: "Dossier d'architecture technique", required: true },
            { key: 'strategie-recette', name: 'Stratégie de recette', required: true },
          ],
          gate: {
            name: 'J2 — Conception validée',
            approvers: ['sponsor', 'pmo'],
            criteria: [
              { key: 'specs-signees', label: 'Spécifications signées par la MOA' },
              { key: 'archi-validee', label: "Architecture validée par le comité d'architecture" },
            ],
          },
          wbs: [
            t('Spécifications fonctionnelles', 20),
            t('Architecture technique', 10),
            t('COPIL de conception', 0),
          ],
        },
        {
          key: 'realisation',
          name: 'Réalisation',
          deliverables: [
            { key: 'pv-recette', name: 'PV de recette', required: true },
            { key: 'cahier-tests', name: 'Cahier de tests exécuté', required: true },
          ],
          gate: {
            name: 'J3 — Go mise en production',
            approvers: ['sponsor', 'executive', 'pmo'],
            criteria: [
              { key: 'anomalies', label: 'Aucune anomalie bloquante ou majeure ouverte' },
              { key: 'exploitation', label: "Dossier d'exploitation remis à la production" },
              { key: 'formation', label: 'Utilisateurs clés formés' },
            ],
          },
          wbs: [
            t('Développements', 40),
            t('Recette fonctionnelle', 15),
            j('PV de recette', 'RECETTE'),
          ],
        },
        {
          key: 'deploiement',
          name: 'Déploiement',
          deliverables: [
            { key: 'plan-bascule', name: 'Plan de bascule', required: true },
            { key: 'support-formation', name: 'Supports de formation', required: false },
          ],
          gate: {
            name: 'J4 — Fin de déploiement',
            approvers: ['sponsor', 'pmo'],
            criteria: [{ key: 'vsr', label: 'Vérification de service régulier prononcée' }],
          },
          wbs: [
            t('Bascule', 3),
            t('Accompagnement au démarrage', 10),
            j('Mise en production', 'MEP'),
          ],
        },
        {
          key: 'cloture',
          name: 'Clôture',
          deliverables: [
            { key: 'bilan', name: 'Bilan de projet', required: true },
            { key: 'rex', name: 'REX (retour d’expérience)', required: true },
          ],
          gate: {
            name: 'J5 — Clôture',
            approvers: ['pmo'],
            criteria: [
              { key: 'budget-solde', label: 'Budget soldé, engagements clos' },
              { key: 'archivage', label: 'Documentation archivée dans la GED' },
            ],
          },
          wbs: [t('Bilan et REX', 5), j('COPIL de clôture', 'CLOTURE')],
        },
      ],
      roles: ROLES_V,
      documents: [
        'Note de cadrage',
        'Dossier de décision',
        'Spécifications fonctionnelles générales',
        "Dossier d'architecture technique",
        'Cahier de tests',
        'PV de recette',
        'Plan de bascule',
        'Bilan de projet',
      ],
      kpis: ['SPI', 'PROGRESS', 'SLIPPAGE'],
      ceremonies: [
        {
          name: 'COPIL',
          frequency: 'Mensuel',
          description: 'Arbitrages, météo projet, décisions de jalon.',
        },
        {
          name: 'Comité projet',
          frequency: 'Hebdomadaire',
          description: 'Suivi du planning, des risques et des actions.',
        },
      ],
    },
  },
  {
    code: 'SCRUM',
    name: 'Agile Scrum',
    kind: 'agile',
    description:
      'Pour les produits numériques au besoin évolutif: cadrage court, incréments de deux semaines, revue de jalon à chaque release.',
    content: {
      phases: [
        {
          key: 'vision',
          name: 'Vision produit',
          deliverables: [
            { key: 'vision', name: 'Vision produit et objectifs (OKR)', required: true },
            { key: 'backlog-initial', name: 'Backlog produit initial priorisé', required: true },
          ],
          gate: {
            name: 'Go Sprint 0',
            approvers: ['sponsor', 'pmo'],
            criteria: [
              { key: 'po', label: 'Product Owner nommé et disponible' },
              { key: 'equipe', label: 'Équipe Scrum constituée' },
            ],
          },
          wbs: [t('Atelier vision produit', 3), t('Story mapping', 5)],
        },
        {
          key: 'sprints',
          name: 'Sprints de développement',
          deliverables: [
            { key: 'dod', name: 'Definition of Done partagée', required: true },
            { key: 'increment', name: 'Incrément démontré en revue de sprint', required: true },
          ],
          gate: {
            name: 'Go release',
            approvers: ['sponsor', 'pmo'],
            criteria: [
              { key: 'mvp', label: 'Le MVP couvre les user stories prioritaires' },
              { key: 'securite', label: 'Revue de sécurité passée' },
            ],
          },
          wbs: [
            t('Sprint 1', 10),
            t('Sprint 2', 10),
            t('Sprint 3', 10),
            t('Sprint 4', 10),
            t('Revue de release', 0),
          ],
        },
        {
          key: 'release',
          name: 'Mise en production',
          deliverables: [{ key: 'notes-version', name: 'Notes de version', required: true }],
          gate: {
            name: 'Clôture de la release',
            approvers: ['pmo'],
            criteria: [{ key: 'retro', label: 'Rétrospective de release tenue' }],
          },
          wbs: [t('Déploiement', 2), j('Mise en production', 'MEP')],
        },
      ],
      roles: [
        {
          name: 'Product Owner',
          description: 'Porte la vision, priorise le backlog, accepte les incréments.',
        },
        { name: 'Scrum Master', description: 'Facilite les cérémonies, lève les obstacles.' },
        {
          name: 'Équipe de développement',
          description: 'Pluridisciplinaire, auto-organisée, livre un incrément par sprint.',
        },
      ],
      documents: ['Vision produit', 'Backlog produit', 'Definition of Done', 'Notes de version'],
      kpis: ['PROGRESS'],
      ceremonies: [
        {
          name: 'Sprint planning',
          frequency: 'Toutes les deux semaines',
          description: 'Choix des user stories du sprint.',
        },
        { name: 'Daily', frequency: 'Quotidien', description: 'Quinze minutes, debout.' },
        {
          name: 'Revue de sprint',
          frequency: 'Toutes les deux semaines',
          description: 'Démonstration aux métiers.',
        },
        {
          name: 'Rétrospective',
          frequency: 'Toutes les deux semaines',
          description: 'Amélioration continue.',
        },
      ],
    },
  },
  {
    code: 'HYBRIDE',
    name: 'Hybride',
    kind: 'hybrid',
    description:
      'Cadrage et conception en cycle en V, réalisation en sprints, déploiement maîtrisé: pour les projets réglementaires à forte part applicative.',
    content: {
      phases: [
        {
          key: 'cadrage',
          name: 'Cadrage',
          deliverables: [
            { key: 'note-cadrage', name: 'Note de cadrage', required: true },
            { key: 'business-case', name: 'Dossier de décision (business case)', required: true },
          ],
          gate: {
            name: 'J1 — Lancement',
            approvers: ['sponsor', 'executive', 'pmo'],
            criteria: [
              { key: 'perimetre', label: 'Périmètre et exigences réglementaires identifiés' },
              { key: 'budget', label: 'Budget engagé' },
            ],
          },
          wbs: [t('Note de cadrage', 10), j('COPIL de lancement', 'J1')],
        },
        {
          key: 'conception',
          name: 'Conception',
          deliverables: [
            { key: 'sfg', name: 'Spécifications fonctionnelles générales', required: true },
            { key: 'backlog', name: 'Backlog initial', required: true },
          ],
          gate: {
            name: 'J2 — Conception validée',
            approvers: ['sponsor', 'pmo'],
            criteria: [{ key: 'conformite', label: 'Avis de la conformité sur les exigences' }],
          },
          wbs: [t('Spécifications générales', 15), t('Backlog initial', 5)],
        },
        {
          key: 'realisation',
          name: 'Réalisation itérative',
          deliverables: [
            { key: 'increments', name: 'Incréments recettés', required: true },
            { key: 'pv-recette', name: 'PV de recette', required: true },
          ],
          gate: {
            name: 'J3 — Go mise en production',
            approvers: ['sponsor', 'executive', 'pmo'],
            criteria: [
              { key: 'anomalies', label: 'Aucune anomalie bloquante ouverte' },
              { key: 'audit', label: 'Audit de conformité passé' },
            ],
          },
          wbs: [
            t('Itération 1', 15),
            t('Itération 2', 15),
            t('Itération 3', 15),
            j('PV de recette', 'RECETTE'),
          ],
        },
        {
          key: 'deploiement',
          name: 'Déploiement et clôture',
          deliverables: [
            { key: 'plan-bascule', name: 'Plan de bascule', required: true },
            { key: 'rex', name: 'REX (retour d’expérience)', required: true },
          ],
          gate: {
            name: 'Clôture',
            approvers: ['pmo'],
            criteria: [{ key: 'archivage', label: 'Documentation archivée dans la GED' }],
          },
          wbs: [t('Bascule', 3), t('Bilan et REX', 5)],
        },
      ],
      roles: [
        ...ROLES_V,
        { name: 'Product Owner', description: 'Priorise le backlog de la réalisation itérative.' },
      ],
      documents: ['Note de cadrage', 'Spécifications générales', 'Backlog', 'PV de recette', 'REX'],
      kpis: ['SPI', 'PROGRESS', 'SLIPPAGE'],
      ceremonies: [
        { name: 'COPIL', frequency: 'Mensuel', description: 'Décisions de jalon et arbitrages.' },
        {
          name: 'Revue d’itération',
          frequency: 'Toutes les trois semaines',
          description: 'Démonstration et recette.',
        },
      ],
    },
  },
];

type Term = z.input<typeof CreateGlossaryTermBody>;
const g = (
  term: string,
  termEn: string,
  category: Term['category'],
  definition: string,
  definitionEn: string,
  example = '',
): Term => ({ term, termEn, category, definition, definitionEn, example });

export const DEMO_GLOSSARY: Term[] = [
  g(
    'COPIL',
    'Steering committee',
    'governance',
    'Comité de pilotage: instance qui arbitre les moyens, suit l’avancement et prend les décisions de jalon d’un projet ou d’un programme.',
    'Steering committee: the body that allocates resources, follows progress and takes gate decisions.',
    'Le COPIL du 12 mars a prononcé un go avec réserves.',
  ),
  g(
    'CODIR',
    'Executive committee',
    'governance',
    'Comité de direction: arbitre le portefeuille et valide les projets stratégiques.',
    'Executive committee: arbitrates the portfolio and approves strategic projects.',
  ),
  g(
    'Jalon',
    'Milestone',
    'milestone',
    'Événement clé du planning, de durée nulle, qui marque la fin d’une phase ou une décision.',
    'A key event of the schedule, of zero duration, marking the end of a phase or a decision.',
    'J1 — Lancement.',
  ),
  g(
    'Revue de jalon',
    'Gate review',
    'governance',
    'Examen, à la fin d’une phase, des critères et des livrables exigés, conclu par une décision: go, go avec réserves, à retravailler, suspension ou arrêt.',
    'Review at the end of a phase of the required criteria and deliverables, concluded by a decision: go, go with conditions, recycle, hold or stop.',
  ),
  g(
    'Go avec réserves',
    'Go with conditions',
    'governance',
    'Décision de jalon qui autorise le passage à la phase suivante sous conditions, chacune avec un responsable et une échéance.',
    'Gate decision allowing the next phase under conditions, each with an owner and a due date.',
  ),
  g(
    'Lot',
    'Work package',
    'planning',
    'Sous-ensemble cohérent du projet, confié à une équipe ou un fournisseur, livré et recetté comme un tout.',
    'A coherent subset of the project, given to one team or supplier, delivered and accepted as a whole.',
    'Lot 2: interfaces comptables.',
  ),
  g(
    'Note de cadrage',
    'Project charter',
    'governance',
    'Document qui fixe les objectifs, le périmètre, les contraintes, le budget et l’organisation du projet; validé au jalon de lancement.',
    'Document setting objectives, scope, constraints, budget and organisation; approved at the launch gate.',
  ),
  g(
    'REX',
    'Lessons learned',
    'quality',
    'Retour d’expérience: ce qui a bien marché, ce qui est à éviter, capitalisé à la clôture pour les projets suivants.',
    'Lessons learned: what worked, what to avoid, captured at closure for the next projects.',
  ),
  g(
    'Météo projet',
    'Project status (RAG)',
    'governance',
    'Indicateur synthétique de l’état du projet (soleil, nuage, pluie, orage), donné au COPIL avec ses tendances.',
    'Summary indicator of the project state (sun, cloud, rain, storm), given to the steering committee.',
  ),
  g(
    'PV de recette',
    'Acceptance certificate',
    'quality',
    'Procès-verbal par lequel la MOA prononce la recette (avec ou sans réserves) d’une livraison.',
    'Minutes by which the business owner accepts a delivery (with or without reservations).',
  ),
  g(
    'MOA',
    'Business owner',
    'governance',
    'Maîtrise d’ouvrage: l’entité qui exprime le besoin, porte le budget et recette la solution.',
    'The party that states the need, holds the budget and accepts the solution.',
  ),
  g(
    'MOE',
    'Prime contractor',
    'governance',
    'Maîtrise d’œuvre: l’entité qui conçoit et réalise la solution pour la MOA.',
    'The party that designs and builds the solution for the business owner.',
  ),
  g(
    'AMOA',
    'Business analyst support',
    'governance',
    'Assistance à maîtrise d’ouvrage: aide la MOA à exprimer son besoin et à recetter.',
    'Helps the business owner express needs and accept deliveries.',
  ),
  g(
    'RACI',
    'RACI',
    'governance',
    'Matrice des responsabilités: Réalise, Approuve (un seul par activité), Consulté, Informé.',
    'Responsibility matrix: Responsible, Accountable (exactly one per activity), Consulted, Informed.',
  ),
  g(
    'Livrable',
    'Deliverable',
    'quality',
    'Résultat tangible et vérifiable d’une phase (document, logiciel, service), soumis à validation.',
    'A tangible, verifiable result of a phase (document, software, service), subject to approval.',
  ),
  g(
    'Reste à faire',
    'Estimate to complete',
    'finance',
    'Charge ou coût estimé pour terminer une tâche ou le projet (RAF).',
    'Effort or cost estimated to finish a task or the project (ETC).',
  ),
  g(
    'VSR',
    'Regular service check',
    'milestone',
    'Vérification de service régulier: période d’observation après la mise en production avant de prononcer la fin du déploiement.',
    'Observation period after go-live before the deployment is declared finished.',
  ),
  g(
    'Mise en production',
    'Go-live',
    'milestone',
    'Jalon standard: la solution est ouverte aux utilisateurs finaux en production.',
    'Standard milestone: the solution opens to end users in production.',
  ),
  g(
    'Lancement',
    'Kick-off',
    'milestone',
    'Jalon standard: décision de lancer le projet après validation de la note de cadrage (J1).',
    'Standard milestone: decision to launch the project once the charter is approved (J1).',
  ),
  g(
    'Clôture',
    'Closure',
    'milestone',
    'Jalon standard: fin du projet, budget soldé, bilan et REX validés (J5).',
    'Standard milestone: end of the project, budget closed, review and lessons learned approved (J5).',
  ),
  g(
    'Plan de bascule',
    'Cutover plan',
    'planning',
    'Enchaînement minuté des opérations pour passer de l’ancien au nouveau système, avec points de retour arrière.',
    'Timed sequence of operations to move from the old to the new system, with rollback points.',
  ),
  g(
    'Chemin critique',
    'Critical path',
    'planning',
    'Suite de tâches sans marge: tout retard sur l’une décale la fin du projet.',
    'Chain of tasks with no float: any delay on one moves the project finish.',
  ),
];
