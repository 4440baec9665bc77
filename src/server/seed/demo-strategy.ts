import type { BusinessCaseBody, CreateRequestBody } from '../../contracts/strategy.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { seedDemoObjectives } from './demo-strategy-objectives.ts';
import { findUserByEmail } from '../modules/platform/users.service.ts';
import { listPortfolios } from '../modules/portfolio/portfolio.service.ts';
import {
  approveRequest,
  createRequest,
  putBusinessCase,
  triageRequest,
  updateRequest,
} from '../modules/strategy/strategy.service.ts';

// The demo intake pipeline of "Groupe Exemple": requests from the business at every stage,
// triaged by Claire Martin (PMO), three in evaluation with their business case, one approved
// into a project, one rejected. Everything goes through the strategy services (audited).

const keur = (n: number) => n * 100_000; // thousands of euros in cents

type Stage = 'submitted' | 'needs_info' | 'evaluation' | 'approved' | 'rejected';
interface DemoRequest {
  by: string;
  stage: Stage;
  body: CreateRequestBody;
  note?: string;
  businessCase?: BusinessCaseBody;
  code?: string;
}

const year = (lines: BusinessCaseBody['lines'], rate = '8'): BusinessCaseBody => ({
  periodicity: 'year',
  firstPeriod: '2027',
  discountRate: rate,
  lines,
});

const REQUESTS: DemoRequest[] = [
  {
    by: 'thomas.bernard@exemple.fr',
    stage: 'evaluation',
    body: {
      title: 'Portail fournisseurs et dématérialisation des factures',
      problem:
        'Axe 1 — Excellence opérationnelle. 42 000 factures fournisseurs par an sont encore saisies à la main ; le délai moyen de paiement atteint 58 jours et expose le groupe aux pénalités de la loi LME.',
      expectedBenefits:
        '3 ETP de saisie redéployés, délai de paiement ramené à 35 jours, préparation à la facturation électronique obligatoire (2026-2027).',
      roughCost: keur(450),
      roughEffortDays: 620,
      desiredStart: '2027-01-04',
      desiredEnd: '2027-12-17',
      urgency: 'high',
    },
    note: 'Chiffrer les gains avec la DAF ; vérifier le calendrier de la réforme.',
    businessCase: year([
      { kind: 'investment', label: 'Intégration et paramétrage', amounts: [keur(380), keur(70)] },
      {
        kind: 'run',
        label: 'Abonnement plateforme',
        amounts: [keur(30), keur(60), keur(60), keur(60), keur(60)],
      },
      {
        kind: 'saving',
        label: '3 ETP de saisie redéployés',
        amounts: [0, keur(250), keur(300), keur(300), keur(300)],
        confidence: 85,
      },
      {
        kind: 'avoided',
        label: 'Pénalités de retard évitées',
        amounts: [0, keur(60), keur(80), keur(80), keur(80)],
        confidence: 60,
      },
    ]),
  },
  {
    by: 'julie.petit@exemple.fr',
    stage: 'evaluation',
    body: {
      title: 'Application mobile de prise de commande',
      problem:
        'Axe 2 — Croissance. Les commerciaux terrain saisissent les commandes le soir sur PC ; 8 % des commandes comportent une erreur de référence.',
      expectedBenefits:
        'Chiffre d’affaires additionnel sur les tournées, erreurs divisées par quatre.',
      roughCost: keur(320),
      roughEffortDays: 410,
      desiredStart: '2027-03-01',
      desiredEnd: '2027-10-29',
      urgency: 'medium',
    },
    businessCase: year([
      { kind: 'investment', label: 'Développement et intégration ERP', amounts: [keur(320)] },
      { kind: 'run', label: 'Maintenance applicative', amounts: [0, keur(45), keur(45), keur(45)] },
      {
        kind: 'revenue',
        label: 'Marge sur ventes additionnelles',
        amounts: [0, keur(250), keur(400), keur(450)],
        confidence: 50,
      },
      {
        kind: 'saving',
        label: 'Reprises de commandes évitées',
        amounts: [0, keur(60), keur(70), keur(70)],
        confidence: 80,
      },
    ]),
  },
  {
    by: 'sophie.leroy@exemple.fr',
    stage: 'evaluation',
    body: {
      title: 'Bilan carbone automatisé (CSRD)',
      problem:
        'Axe 3 — Conformité et RSE. La directive CSRD impose un reporting extra-financier audité dès l’exercice 2027 ; le bilan carbone est aujourd’hui consolidé sous tableur.',
      expectedBenefits: 'Conformité réglementaire, 40 jours de consolidation économisés par an.',
      roughCost: keur(180),
      roughEffortDays: 240,
      desiredStart: '2027-01-11',
      desiredEnd: '2027-09-30',
      urgency: 'critical',
    },
    businessCase: year([
      { kind: 'investment', label: 'Outil de reporting et collecte', amounts: [keur(180)] },
      { kind: 'run', label: 'Licences', amounts: [keur(25), keur(25), keur(25), keur(25)] },
      {
        kind: 'avoided',
        label: 'Sanctions et honoraires d’audit évités',
        amounts: [0, keur(60), keur(60), keur(60)],
        confidence: 70,
      },
      {
        kind: 'saving',
        label: 'Temps de consolidation',
        amounts: [0, keur(24), keur(24), keur(24)],
        confidence: 90,
      },
    ]),
  },
  {
    by: 'thomas.bernard@exemple.fr',
    stage: 'approved',
    code: 'PRJ-2027-101',
    body: {
      title: 'Maintenance prédictive des lignes de production',
      problem:
        'Axe 1 — Excellence opérationnelle. Les arrêts non planifiés de la ligne 3 ont coûté 1,2 M€ en 2026.',
      expectedBenefits: 'Arrêts non planifiés réduits de 30 %.',
      roughCost: keur(600),
      roughEffortDays: 700,
      desiredStart: '2027-02-01',
      desiredEnd: '2028-01-31',
      urgency: 'high',
    },
    businessCase: year([
      { kind: 'investment', label: 'Capteurs et plateforme IoT', amounts: [keur(520), keur(80)] },
      {
        kind: 'run',
        label: 'Exploitation data',
        amounts: [0, keur(50), keur(50), keur(50), keur(50)],
      },
      {
        kind: 'avoided',
        label: 'Arrêts non planifiés évités',
        amounts: [0, keur(300), keur(360), keur(360), keur(360)],
        confidence: 75,
      },
    ]),
  },
  {
    by: 'julie.petit@exemple.fr',
    stage: 'needs_info',
    body: {
      title: 'Chatbot pour le support interne',
      problem:
        'Le support informatique reçoit 1 800 tickets par mois, dont 40 % de questions récurrentes.',
      expectedBenefits: 'Désengorger le niveau 1.',
      roughCost: keur(90),
      urgency: 'low',
    },
    note: 'Préciser le périmètre (informatique seule ou RH aussi ?) et estimer la charge.',
  },
  {
    by: 'nicolas.durand@exemple.fr',
    stage: 'submitted',
    body: {
      title: 'Ouverture d’une filiale commerciale en Espagne',
      problem:
        'Axe 2 — Croissance. 12 % des demandes de devis viennent d’Espagne sans force de vente locale.',
      expectedBenefits: '4 M€ de chiffre d’affaires à trois ans.',
      roughCost: keur(1500),
      roughEffortDays: 1200,
      desiredStart: '2027-06-01',
      desiredEnd: '2028-06-30',
      urgency: 'medium',
    },
  },
  {
    by: 'sophie.leroy@exemple.fr',
    stage: 'submitted',
    body: {
      title: 'Clôture comptable en J+5',
      problem: 'La clôture mensuelle prend 9 jours ouvrés ; la direction veut J+5.',
      expectedBenefits: 'Pilotage plus réactif, moins d’heures supplémentaires en fin de mois.',
      roughCost: keur(140),
      roughEffortDays: 200,
      urgency: 'medium',
    },
  },
  {
    by: 'thomas.bernard@exemple.fr',
    stage: 'rejected',
    body: {
      title: 'Refonte graphique de l’intranet',
      problem: 'L’intranet date de 2015.',
      expectedBenefits: 'Image modernisée.',
      roughCost: keur(250),
      urgency: 'low',
    },
    note: 'Gains non démontrés ; à reconsidérer avec le projet Digital Workplace.',
  },
];

/** A demo account as the actor of what the seed does in its name (it must exist). */
export async function actorFor(ctx: Ctx, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx, email);
  if (!user) throw new Error(`Demo account ${email} is missing`);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    personId: user.personId,
  };
}

/** Seeds the intake pipeline; needs the demo accounts and portfolios. */
export async function seedDemoStrategy(ctx: Ctx): Promise<number> {
  const pmo = await actorFor(ctx, 'claire.martin@exemple.fr');
  const portfolios = (await listPortfolios(ctx, pmo)).items;
  const operations = portfolios.find((p) => p.code === 'PTF-OPEX') ?? portfolios[0]!;
  const actors = new Map<string, Actor>();
  const requestIds = new Map<string, string>();
  for (const d of REQUESTS) {
    let by = actors.get(d.by);
    if (!by) actors.set(d.by, (by = await actorFor(ctx, d.by)));
    let r = await createRequest(ctx, by, { ...d.body, sponsorId: d.body.sponsorId ?? null });
    requestIds.set(d.body.title, r.id);
    if (d.stage === 'submitted') continue;
    if (d.stage === 'needs_info' || d.note) {
      r = await triageRequest(ctx, pmo, r.id, r.version, {
        decision: d.stage === 'rejected' ? 'reject' : 'ask_info',
        note: d.note ?? '',
      });
      if (d.stage === 'needs_info' || d.stage === 'rejected') continue;
      r = await updateRequest(ctx, by, r.id, r.version, {
        expectedBenefits: `${d.body.expectedBenefits} (chiffrage complété)`,
      });
    }
    r = await triageRequest(ctx, pmo, r.id, r.version, { decision: 'accept', note: '' });
    if (d.businessCase) r = await putBusinessCase(ctx, pmo, r.id, r.version, d.businessCase);
    if (d.stage === 'approved')
      await approveRequest(ctx, pmo, r.id, r.version, {
        code: d.code!,
        portfolioId: operations.id,
        managerId: by.personId,
      });
  }
  const dg = await actorFor(ctx, 'nicolas.durand@exemple.fr');
  const daf = await actorFor(ctx, 'sophie.leroy@exemple.fr');
  const cdp = await actorFor(ctx, 'thomas.bernard@exemple.fr');
  await seedDemoObjectives(
    ctx,
    pmo,
    { dg: dg.personId, daf: daf.personId, pmo: pmo.personId, cdp: cdp.personId },
    requestIds,
  );
  return REQUESTS.length;
}
