import { fromEpochDay, toEpochDay } from '../../core/calendar/days.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { peopleDirectory } from '../modules/org/org.service.ts';
import { type BulkSkills, bulkLoadSkills } from '../modules/resources/skills.service.ts';
import { DEMO_TODAY } from './demo-planning.ts';

// The demo's skills: a French catalogue (project management, IS architecture, development,
// SAP, cybersecurity, data, business domains, languages), the company's 1–5 scale, and the
// levels of every demo person derived from their job title — self-assessed, assessed by their
// manager or certified (PMP, PRINCE2, AWS, ISO 27001, SAP FI…; a few certifications expired).

const CATEGORIES: [code: string, name: string, description: string][] = [
  ['GDP', 'Gestion de projet', 'Méthodes et pratiques de conduite de projet'],
  ['ARCHI', 'Architecture SI', 'Urbanisation, architecture applicative et technique'],
  ['DEV', 'Développement', 'Langages et plateformes de développement'],
  ['ERP', 'Progiciels', 'Progiciels de gestion intégrés'],
  ['CYBER', 'Cybersécurité', 'Sécurité des systèmes d’information et conformité'],
  ['DATA', 'Data', 'Données, décisionnel et intelligence artificielle'],
  ['METIER', 'Métiers', 'Connaissance des métiers de l’entreprise'],
  ['LANG', 'Langues', 'Langues étrangères'],
];

const SKILLS: [category: string, code: string, name: string, description: string][] = [
  [
    'GDP',
    'GDP-CYCLE',
    'Gestion de projet en cycle en V',
    'Cadrage, planification, pilotage, recette',
  ],
  ['GDP', 'GDP-AGILE', 'Agilité (Scrum, Kanban)', 'Animation des cérémonies, backlog, vélocité'],
  ['GDP', 'GDP-SAFE', 'SAFe', 'Agilité à l’échelle : trains, PI planning'],
  ['GDP', 'GDP-RISK', 'Gestion des risques', 'Identification, cotation et traitement des risques'],
  ['GDP', 'GDP-CONDUITE', 'Conduite du changement', 'Accompagnement des utilisateurs, formation'],
  ['GDP', 'GDP-BUDGET', 'Pilotage budgétaire', 'Budget, reste à faire, valeur acquise'],
  ['ARCHI', 'ARCHI-URBA', 'Urbanisation SI', 'Cartographie, trajectoires, schéma directeur'],
  ['ARCHI', 'ARCHI-CLOUD', 'Architecture cloud (AWS, Azure)', 'Conception d’architectures cloud'],
  ['ARCHI', 'ARCHI-API', 'API et intégration', 'REST, bus d’échanges, ESB'],
  ['ARCHI', 'ARCHI-MICRO', 'Microservices', 'Découpage, conteneurs, Kubernetes'],
  ['DEV', 'DEV-JAVA', 'Java', 'Java 17+, Spring Boot'],
  ['DEV', 'DEV-TS', 'TypeScript / React', 'Applications web'],
  ['DEV', 'DEV-PY', 'Python', 'Scripts, API, data'],
  ['DEV', 'DEV-SQL', 'SQL', 'PostgreSQL, Oracle, optimisation'],
  ['DEV', 'DEV-DEVOPS', 'DevOps (CI/CD)', 'Intégration et déploiement continus'],
  ['DEV', 'DEV-TEST', 'Tests automatisés', 'Tests unitaires, d’intégration et de bout en bout'],
  ['ERP', 'SAP-FI', 'SAP FI', 'Comptabilité générale et auxiliaire'],
  ['ERP', 'SAP-CO', 'SAP CO', 'Contrôle de gestion'],
  ['ERP', 'SAP-MM', 'SAP MM', 'Achats et gestion des stocks'],
  ['ERP', 'SIRH', 'SIRH', 'Paie, gestion administrative, talents'],
  ['CYBER', 'CYBER-ISO', 'ISO 27001', 'Système de management de la sécurité'],
  ['CYBER', 'CYBER-IAM', 'Gestion des identités (IAM)', 'Annuaire, SSO, habilitations'],
  ['CYBER', 'CYBER-SOC', 'Détection et réponse (SOC)', 'Supervision, gestion d’incidents'],
  ['CYBER', 'CYBER-RGPD', 'RGPD', 'Protection des données personnelles'],
  ['DATA', 'DATA-BI', 'Décisionnel (Power BI)', 'Tableaux de bord, modélisation'],
  ['DATA', 'DATA-ENG', 'Ingénierie des données', 'Pipelines, entrepôt, qualité des données'],
  ['DATA', 'DATA-IA', 'Intelligence artificielle', 'Apprentissage automatique, IA générative'],
  ['METIER', 'MET-FIN', 'Finance et comptabilité', 'Clôtures, consolidation, fiscalité'],
  ['METIER', 'MET-RH', 'Ressources humaines', 'Paie, formation, relations sociales'],
  ['METIER', 'MET-LOG', 'Logistique et supply chain', 'Entrepôts, transport, approvisionnement'],
  ['METIER', 'MET-MKT', 'Marketing digital', 'Acquisition, CRM, e-commerce'],
  ['METIER', 'MET-JUR', 'Droit des contrats', 'Contrats, marchés, achats'],
  ['LANG', 'LANG-EN', 'Anglais', 'Anglais professionnel'],
  ['LANG', 'LANG-DE', 'Allemand', 'Allemand professionnel'],
];

const LEVELS: BulkSkills['levels'] = [
  {
    level: 1,
    label: 'Notions',
    description: 'Connaît les principes, a suivi une sensibilisation.',
  },
  { level: 2, label: 'Débutant', description: 'Réalise des tâches simples, accompagné.' },
  { level: 3, label: 'Autonome', description: 'Réalise seul les tâches courantes.' },
  { level: 4, label: 'Expert', description: 'Traite les cas complexes, conseille et relit.' },
  { level: 5, label: 'Référent', description: 'Fait référence : définit les pratiques, forme.' },
];

/** Skills and typical level per job title (the demo varies them ±1 person by person). */
const PROFILES: [title: RegExp, skills: [code: string, level: number][]][] = [
  [
    /architecte/i,
    [
      ['ARCHI-URBA', 4],
      ['ARCHI-CLOUD', 4],
      ['ARCHI-API', 4],
      ['ARCHI-MICRO', 3],
      ['DEV-JAVA', 3],
      ['CYBER-IAM', 2],
      ['LANG-EN', 4],
    ],
  ],
  [
    /développeur/i,
    [
      ['DEV-JAVA', 3],
      ['DEV-TS', 3],
      ['DEV-SQL', 3],
      ['DEV-TEST', 3],
      ['DEV-PY', 2],
      ['ARCHI-API', 2],
      ['GDP-AGILE', 2],
      ['LANG-EN', 3],
    ],
  ],
  [
    /chef de projet si/i,
    [
      ['GDP-CYCLE', 4],
      ['GDP-AGILE', 3],
      ['GDP-RISK', 3],
      ['GDP-BUDGET', 3],
      ['ARCHI-URBA', 2],
      ['SAP-FI', 2],
      ['LANG-EN', 3],
    ],
  ],
  [
    /devops/i,
    [
      ['DEV-DEVOPS', 4],
      ['ARCHI-CLOUD', 3],
      ['ARCHI-MICRO', 3],
      ['DEV-PY', 3],
      ['CYBER-SOC', 2],
      ['LANG-EN', 3],
    ],
  ],
  [
    /analyste fonctionnel/i,
    [
      ['GDP-CYCLE', 3],
      ['SAP-FI', 3],
      ['SAP-CO', 2],
      ['SAP-MM', 2],
      ['DATA-BI', 2],
      ['MET-FIN', 3],
      ['DEV-SQL', 2],
    ],
  ],
  [
    /sécurité/i,
    [
      ['CYBER-ISO', 4],
      ['CYBER-IAM', 4],
      ['CYBER-SOC', 3],
      ['CYBER-RGPD', 3],
      ['ARCHI-CLOUD', 2],
      ['LANG-EN', 4],
    ],
  ],
  [
    /responsable pmo/i,
    [
      ['GDP-CYCLE', 5],
      ['GDP-AGILE', 4],
      ['GDP-SAFE', 3],
      ['GDP-RISK', 4],
      ['GDP-BUDGET', 4],
      ['GDP-CONDUITE', 3],
      ['LANG-EN', 4],
    ],
  ],
  [
    /chef de projet/i,
    [
      ['GDP-CYCLE', 4],
      ['GDP-AGILE', 3],
      ['GDP-RISK', 3],
      ['GDP-BUDGET', 3],
      ['GDP-CONDUITE', 3],
      ['LANG-EN', 3],
    ],
  ],
  [
    /analyste pmo|ressources/i,
    [
      ['GDP-CYCLE', 3],
      ['GDP-BUDGET', 3],
      ['DATA-BI', 3],
      ['GDP-RISK', 2],
    ],
  ],
  [
    /contrôleur de gestion/i,
    [
      ['MET-FIN', 4],
      ['SAP-CO', 3],
      ['DATA-BI', 3],
      ['GDP-BUDGET', 4],
    ],
  ],
  [
    /comptable/i,
    [
      ['MET-FIN', 4],
      ['SAP-FI', 3],
    ],
  ],
  [
    /achats/i,
    [
      ['SAP-MM', 3],
      ['MET-JUR', 2],
      ['MET-LOG', 2],
    ],
  ],
  [
    /formation/i,
    [
      ['MET-RH', 4],
      ['GDP-CONDUITE', 3],
      ['SIRH', 2],
    ],
  ],
  [
    /responsable rh/i,
    [
      ['MET-RH', 4],
      ['SIRH', 3],
      ['GDP-CONDUITE', 3],
    ],
  ],
  [
    /paie/i,
    [
      ['MET-RH', 3],
      ['SIRH', 4],
    ],
  ],
  [
    /chef de produit|marketing/i,
    [
      ['MET-MKT', 4],
      ['DATA-BI', 2],
      ['GDP-AGILE', 2],
      ['LANG-EN', 3],
    ],
  ],
  [
    /commercial/i,
    [
      ['MET-MKT', 3],
      ['LANG-EN', 3],
      ['LANG-DE', 2],
    ],
  ],
  [
    /logistique|méthodes/i,
    [
      ['MET-LOG', 4],
      ['SAP-MM', 2],
      ['GDP-CYCLE', 2],
    ],
  ],
  [
    /qualité/i,
    [
      ['MET-LOG', 3],
      ['CYBER-ISO', 2],
      ['GDP-RISK', 3],
    ],
  ],
  [
    /juriste|conformité/i,
    [
      ['MET-JUR', 4],
      ['CYBER-RGPD', 3],
    ],
  ],
  [
    /protection des données/i,
    [
      ['CYBER-RGPD', 5],
      ['CYBER-ISO', 3],
      ['MET-JUR', 3],
    ],
  ],
  [
    /direct|stratégie/i,
    [
      ['GDP-BUDGET', 3],
      ['GDP-CONDUITE', 3],
      ['MET-FIN', 2],
      ['LANG-EN', 4],
    ],
  ],
];

/** Certifications some holders have: skill, name, validity in years. */
const CERTIFICATIONS: Record<string, [name: string, years: number]> = {
  'GDP-CYCLE': ['PMP', 3],
  'GDP-AGILE': ['Professional Scrum Master I', 10],
  'GDP-SAFE': ['SAFe Agilist', 1],
  'ARCHI-CLOUD': ['AWS Solutions Architect Associate', 3],
  'CYBER-ISO': ['ISO 27001 Lead Implementer', 3],
  'CYBER-IAM': ['CISSP', 3],
  'SAP-FI': ['SAP Certified Application Associate — S/4HANA Finance', 2],
  'LANG-EN': ['TOEIC', 2],
};

const day = (offset: number) => fromEpochDay(toEpochDay(DEMO_TODAY) + offset);

export async function seedDemoSkills(ctx: Ctx, actor: Actor) {
  const people = await peopleDirectory(ctx.db);
  const assessments: BulkSkills['assessments'] = [];
  people.forEach((p, i) => {
    const profile = PROFILES.find(([title]) => title.test(p.jobTitle ?? ''))?.[1];
    if (!profile) return;
    profile.forEach(([skill, base], j) => {
      const wobble = ((i * 7 + j * 3) % 5) - 2; // -2…2, deterministic
      const level = Math.min(5, Math.max(1, base + (wobble === 2 ? 1 : wobble === -2 ? -1 : 0)));
      const cert = CERTIFICATIONS[skill];
      const kind = (i + j) % 4;
      if (cert && level >= 3 && kind === 0) {
        // Obtained 1 to 4 years ago: the older ones have expired.
        const obtained = day(-365 * (1 + ((i + j) % 4)) - ((i * 13) % 200));
        assessments.push({
          personId: p.id,
          skill,
          level,
          assessedOn: obtained,
          source: 'certification',
          certification: cert[0],
          expiresOn: fromEpochDay(toEpochDay(obtained) + Math.round(365.25 * cert[1])),
        });
        return;
      }
      assessments.push({
        personId: p.id,
        skill,
        level,
        assessedOn: day(-((i * 17 + j * 29) % 420)),
        source: kind === 1 || !p.managerId ? 'self' : 'manager',
      });
    });
  });
  await bulkLoadSkills(ctx, actor, {
    categories: CATEGORIES.map(([code, name, description]) => ({ code, name, description })),
    skills: SKILLS.map(([category, code, name, description]) => ({
      category,
      code,
      name,
      description,
    })),
    levels: LEVELS,
    assessments,
  });
}
