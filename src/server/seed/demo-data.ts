/** The demo company, "Groupe Exemple": departments, programmes and projects a French PMO would recognise. */

export const DEPARTMENTS = [
  { code: 'DG', name: 'Direction générale' },
  { code: 'DSI', name: 'Direction des systèmes d’information' },
  { code: 'DAF', name: 'Direction administrative et financière' },
  { code: 'DRH', name: 'Direction des ressources humaines' },
  { code: 'DCOM', name: 'Direction commerciale et marketing' },
  { code: 'DOPS', name: 'Direction des opérations' },
  { code: 'DJUR', name: 'Direction juridique et conformité' },
  { code: 'PMO', name: 'Bureau des projets (PMO)' },
] as const;

export const FIRST_NAMES = [
  'Claire', 'Thomas', 'Julie', 'Nicolas', 'Sophie', 'Antoine', 'Camille', 'Julien', 'Émilie', 'Mathieu',
  'Laura', 'Pierre', 'Manon', 'Alexandre', 'Léa', 'Maxime', 'Chloé', 'Hugo', 'Sarah', 'Romain',
  'Pauline', 'Guillaume', 'Marie', 'Lucas', 'Anaïs', 'Benoît', 'Inès', 'Olivier', 'Céline', 'François',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel',
  'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier',
  'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
];

export const JOB_TITLES: Record<string, string[]> = {
  DG: ['Directeur général', 'Directrice de la stratégie', 'Assistant de direction'],
  DSI: ['Architecte SI', 'Développeur', 'Chef de projet SI', 'Ingénieur DevOps', 'Analyste fonctionnel', 'Expert sécurité'],
  DAF: ['Contrôleur de gestion', 'Comptable', 'Responsable achats'],
  DRH: ['Chargée de formation', 'Responsable RH', 'Gestionnaire paie'],
  DCOM: ['Chef de produit', 'Responsable marketing digital', 'Ingénieur commercial'],
  DOPS: ['Responsable logistique', 'Ingénieur méthodes', 'Responsable qualité'],
  DJUR: ['Juriste', 'Responsable conformité', 'Délégué à la protection des données'],
  PMO: ['Responsable PMO', 'Chef de projet', 'Analyste PMO'],
};

export interface DemoProject {
  code: string;
  name: string;
  description: string;
  status: 'proposed' | 'active' | 'on_hold' | 'closed' | 'cancelled';
  priority: 'low' | 'medium' | 'high' | 'critical';
  start: string;
  end: string;
  dept: string;
  tags: string[];
  children?: Omit<DemoProject, 'children'>[];
}

export interface DemoProgram {
  code: string;
  name: string;
  description: string;
  projects: DemoProject[];
}

export interface DemoPortfolio {
  code: string;
  name: string;
  description: string;
  programs: DemoProgram[];
  /** Projects attached to the portfolio directly, outside any programme. */
  projects: DemoProject[];
}

const p = (
  code: string,
  name: string,
  status: DemoProject['status'],
  priority: DemoProject['priority'],
  start: string,
  end: string,
  dept: string,
  tags: string[],
  description: string,
  children?: Omit<DemoProject, 'children'>[],
): DemoProject => ({ code, name, status, priority, start, end, dept, tags, description, ...(children ? { children } : {}) });

export const PORTFOLIOS: DemoPortfolio[] = [
  {
    code: 'PTF-NUM',
    name: 'Transformation numérique',
    description: 'Moderniser le système d’information et les parcours clients du groupe.',
    programs: [
      {
        code: 'PRG-CLIENT',
        name: 'Expérience client 360',
        description: 'Unifier la relation client sur tous les canaux.',
        projects: [
          p('PRJ-2026-001', 'Refonte du CRM', 'active', 'critical', '2026-02-02', '2027-03-31', 'DSI', ['CRM', 'cloud'], 'Remplacer le CRM historique par une solution SaaS et reprendre 12 ans d’historique client.', [
            p('PRJ-2026-001-A', 'Reprise des données clients', 'active', 'high', '2026-04-06', '2026-12-18', 'DSI', ['données'], 'Nettoyage, dédoublonnage et migration des fiches clients.'),
            p('PRJ-2026-001-B', 'Intégration centre d’appels', 'proposed', 'medium', '2026-11-02', '2027-03-31', 'DSI', ['téléphonie'], 'Couplage téléphonie-informatique et remontée des fiches.'),
          ]),
          p('PRJ-2026-002', 'Portail client en ligne', 'active', 'high', '2026-03-02', '2026-12-18', 'DCOM', ['web', 'UX'], 'Espace client : contrats, factures, demandes en ligne.'),
          p('PRJ-2027-003', 'Application mobile fidélité', 'proposed', 'medium', '2027-01-11', '2027-09-30', 'DCOM', ['mobile'], 'Programme de fidélité et notifications personnalisées.'),
        ],
      },
      {
        code: 'PRG-DATA',
        name: 'Données et intelligence artificielle',
        description: 'Faire des données un actif partagé et gouverné.',
        projects: [
          p('PRJ-2026-004', 'Plateforme de données', 'active', 'high', '2026-01-05', '2027-06-30', 'DSI', ['data', 'cloud'], 'Lac de données, catalogue et qualité des données.', [
            p('PRJ-2026-004-A', 'Socle technique data', 'active', 'high', '2026-01-05', '2026-09-30', 'DSI', ['data'], 'Infrastructure, sécurité et supervision de la plateforme.'),
            p('PRJ-2026-004-B', 'Gouvernance des données', 'active', 'medium', '2026-03-02', '2027-06-30', 'DJUR', ['RGPD'], 'Rôles de data owners, glossaire et politique de conservation.'),
          ]),
          p('PRJ-2026-005', 'Tableaux de bord décisionnels', 'on_hold', 'medium', '2026-05-04', '2027-01-29', 'DAF', ['BI'], 'Indicateurs financiers et commerciaux en libre-service.'),
          p('PRJ-2027-006', 'Assistant IA pour le support', 'proposed', 'high', '2027-02-01', '2027-10-29', 'DSI', ['IA'], 'Aide à la réponse pour les conseillers du support.'),
        ],
      },
    ],
    projects: [
      p('PRJ-2026-007', 'Migration des postes de travail', 'closed', 'medium', '2025-09-01', '2026-06-30', 'DSI', ['poste de travail'], 'Renouvellement de 1 200 postes et passage au nouveau système.'),
    ],
  },
  {
    code: 'PTF-CONF',
    name: 'Conformité & risques',
    description: 'Répondre aux obligations réglementaires et maîtriser les risques.',
    programs: [
      {
        code: 'PRG-REGL',
        name: 'Conformité réglementaire',
        description: 'DORA, NIS 2, RGPD : se mettre en conformité et le rester.',
        projects: [
          p('PRJ-2026-008', 'Conformité DORA', 'active', 'critical', '2026-01-12', '2026-12-31', 'DJUR', ['DORA', 'réglementaire'], 'Résilience opérationnelle numérique : registre des prestataires, tests, incidents.', [
            p('PRJ-2026-008-A', 'Registre des prestataires TIC', 'active', 'high', '2026-01-12', '2026-06-30', 'DJUR', ['DORA'], 'Inventaire contractuel et évaluation des prestataires critiques.'),
            p('PRJ-2026-008-B', 'Tests de résilience', 'active', 'high', '2026-05-04', '2026-12-31', 'DSI', ['DORA', 'sécurité'], 'Plan de tests et exercices de crise.'),
          ]),
          p('PRJ-2026-009', 'Mise en conformité NIS 2', 'active', 'high', '2026-03-02', '2027-03-31', 'DSI', ['NIS2', 'sécurité'], 'Analyse d’écart et plan de remédiation cybersécurité.'),
          p('PRJ-2026-010', 'Registre RGPD et durées de conservation', 'active', 'medium', '2026-02-02', '2026-11-27', 'DJUR', ['RGPD'], 'Mise à jour du registre des traitements et purge automatisée.'),
        ],
      },
      {
        code: 'PRG-RISK',
        name: 'Maîtrise des risques',
        description: 'Cartographie des risques et continuité d’activité.',
        projects: [
          p('PRJ-2026-011', 'Plan de continuité d’activité', 'active', 'high', '2026-04-06', '2027-02-26', 'DOPS', ['PCA'], 'Scénarios de crise, sites de repli, exercices annuels.'),
          p('PRJ-2026-012', 'Cartographie des risques groupe', 'closed', 'medium', '2025-10-06', '2026-04-30', 'DAF', ['risques'], 'Cartographie consolidée présentée au comité d’audit.'),
          p('PRJ-2027-013', 'Contrôle interne automatisé', 'proposed', 'medium', '2027-01-04', '2027-12-17', 'DAF', ['contrôle interne'], 'Contrôles continus sur les processus achats et paie.'),
        ],
      },
    ],
    projects: [
      p('PRJ-2026-014', 'Lutte anti-blanchiment : nouvel outil', 'cancelled', 'low', '2026-02-02', '2026-10-30', 'DJUR', ['LCB-FT'], 'Abandonné après l’intégration de l’offre groupe.'),
    ],
  },
  {
    code: 'PTF-OPEX',
    name: 'Excellence opérationnelle',
    description: 'Gagner en efficacité, en qualité et en sobriété.',
    programs: [
      {
        code: 'PRG-LEAN',
        name: 'Performance des opérations',
        description: 'Lean, automatisation et qualité dans les sites.',
        projects: [
          p('PRJ-2026-015', 'Déploiement Lean dans les entrepôts', 'active', 'high', '2026-02-02', '2026-12-18', 'DOPS', ['lean'], 'Standardisation des flux dans 4 entrepôts régionaux.', [
            p('PRJ-2026-015-A', 'Site pilote de Lyon', 'closed', 'high', '2026-02-02', '2026-05-29', 'DOPS', ['lean'], 'Pilote et retour d’expérience (REX).'),
            p('PRJ-2026-015-B', 'Généralisation aux autres sites', 'active', 'high', '2026-06-01', '2026-12-18', 'DOPS', ['lean'], 'Lille, Nantes et Marseille.'),
          ]),
          p('PRJ-2026-016', 'Automatisation des achats', 'active', 'medium', '2026-03-02', '2026-12-18', 'DAF', ['achats', 'RPA'], 'Dématérialisation des factures et rapprochement automatique.'),
          p('PRJ-2026-017', 'Certification ISO 9001', 'active', 'medium', '2026-01-05', '2026-12-11', 'DOPS', ['qualité', 'ISO'], 'Préparation de l’audit de certification.'),
        ],
      },
      {
        code: 'PRG-RH',
        name: 'Talents et organisation',
        description: 'Compétences, formation et nouveaux modes de travail.',
        projects: [
          p('PRJ-2026-018', 'SIRH et gestion des compétences', 'active', 'high', '2026-02-02', '2027-01-29', 'DRH', ['SIRH', 'compétences'], 'Référentiel de compétences, entretiens et plan de formation.'),
          p('PRJ-2026-019', 'Académie de la gestion de projet', 'active', 'medium', '2026-09-07', '2027-06-25', 'PMO', ['formation', 'PMO'], 'Parcours de formation des chefs de projet et certification interne.'),
          p('PRJ-2027-020', 'Flex office au siège', 'proposed', 'low', '2027-03-01', '2027-09-30', 'DG', ['immobilier'], 'Réaménagement des espaces et outil de réservation.'),
        ],
      },
    ],
    projects: [
      p('PRJ-2026-021', 'Bilan carbone et plan de sobriété', 'active', 'medium', '2026-04-06', '2026-12-18', 'DG', ['RSE'], 'Mesure des émissions et 20 actions de réduction.'),
      p('PRJ-2026-022', 'Méthodologie projet groupe', 'active', 'high', '2026-01-05', '2026-10-30', 'PMO', ['PMO', 'méthode'], 'Cycle de vie, jalons et modèles de documents communs (note de cadrage, COPIL, REX).'),
    ],
  },
];
