// The demo's selection from the backlog: the open requests of "Groupe Exemple" get their effort
// split by team (the DSI's estimates after the scoping workshops), and the PMO builds a scenario
// « Backlog 2027 » from them (score of the arbitration committee's model, business cases, each
// team's free capacity). Then the mobile app's estimate is revised, so « Actualiser depuis le
// backlog » has a real change to preview. Everything goes through the services (audited).
import type { TeamEffort } from '../../contracts/strategy.ts';
import type { Ctx } from '../context.ts';
import { listTeams } from '../modules/resources/resources.service.ts';
import { createFromBacklog } from '../modules/strategy/backlog.service.ts';
import { listModels } from '../modules/strategy/scoring.service.ts';
import { listRequests, updateRequest } from '../modules/strategy/strategy.service.ts';
import { actorFor } from './demo-strategy.ts';

/** Request title prefix → days per team code (sums close to the request's rough effort). */
export const DEMO_SPLITS: Record<string, Record<string, number>> = {
  'Portail fournisseurs': { ETUDES: 380, INFRA: 90, FIN: 150 },
  'Application mobile': { ETUDES: 300, COM: 80, INFRA: 30 },
  'Bilan carbone': { ETUDES: 60, FIN: 120, JUR: 60 },
  'Chatbot pour le support': { ETUDES: 90, RH: 20 },
  'Ouverture d’une filiale': { COM: 700, FIN: 200, JUR: 150, RH: 150 },
  'Clôture comptable': { FIN: 140, ETUDES: 60 },
};

/** The mobile app after the workshop with the sales team: more development, a design sprint. */
export const DEMO_REVISED_SPLIT: Record<string, number> = { ETUDES: 420, COM: 100, INFRA: 30 };

export const DEMO_BACKLOG_SCENARIO = 'Backlog 2027 — capacité des équipes';

/** Needs the demo requests, the scoring model, the teams and their members (capacity). */
export async function seedDemoPortfolio(ctx: Ctx): Promise<void> {
  const pmo = await actorFor(ctx, 'claire.martin@exemple.fr');
  const teamIds = new Map((await listTeams(ctx)).items.map((t) => [t.code, t.id]));
  const split = (days: Record<string, number>): TeamEffort[] =>
    Object.entries(days).flatMap(([code, d]) => {
      const teamId = teamIds.get(code);
      return teamId ? [{ teamId, days: d }] : [];
    });
  const requests = (await listRequests(ctx, pmo)).items;
  const find = (prefix: string) => requests.find((r) => r.title.startsWith(prefix));
  for (const [prefix, days] of Object.entries(DEMO_SPLITS)) {
    const r = find(prefix);
    if (r) await updateRequest(ctx, pmo, r.id, r.version, { effortByTeam: split(days) });
  }
  const model = (await listModels(ctx)).items.find((m) => m.name.startsWith('Grille du comité'));
  if (!model) return;
  await createFromBacklog(ctx, pmo, {
    name: DEMO_BACKLOG_SCENARIO,
    description:
      'Demandes en évaluation, valeur = note du comité d’arbitrage, coûts des dossiers d’investissement, 30 % de la capacité libre de chaque équipe réservée aux nouveaux projets, 90 k€ par mois.',
    stages: ['evaluation'],
    valueBasis: 'score',
    scoringModelId: model.id,
    firstMonth: '2027-01',
    months: 12,
    monthlyBudget: 9_000_000,
    windowMonths: 3,
    capacityShare: 30,
  });
  // Revised after the scenario was built: the refresh dialog shows it as a change.
  const mobile = (await listRequests(ctx, pmo)).items.find((r) =>
    r.title.startsWith('Application mobile'),
  );
  if (mobile)
    await updateRequest(ctx, pmo, mobile.id, mobile.version, {
      effortByTeam: split(DEMO_REVISED_SPLIT),
      roughEffortDays: Object.values(DEMO_REVISED_SPLIT).reduce((a, b) => a + b, 0),
    });
}
