/**
 * Portfolio scenarios built from the backlog: the project requests at the chosen stages, their
 * business cases (investment by month, NPV), a scoring model's ranking and the people's free
 * capacity (the capacity engine's monthly totals, net of what current projects hold) become a
 * selection file, saved as a scenario like an uploaded one. Set-wise: one statement for the
 * requests, the ranking's reads, the capacity heat map's reads.
 */
import { asc, inArray } from 'drizzle-orm';
import type { BacklogScenario, BacklogScenarioBody } from '../../../contracts/scenarios.ts';
import type { BusinessCaseBody } from '../../../contracts/strategy.ts';
import { validationError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import {
  buildBacklogSelection,
  freePoolHours,
  type BacklogRequest,
} from '../../../core/scenarios/backlog.ts';
import { computeIndicators } from '../../../core/strategy/business-case.ts';
import type { Ctx } from '../../context.ts';
import { heatMap } from '../resources/capacity.service.ts';
import { createScenario } from './scenarios.service.ts';
import { ranking } from './scoring.service.ts';
import { projectRequests } from './strategy.tables.ts';

const HOURS_PER_DAY = 7;
const DEFAULT_MONTHS = 6;

const reference = (n: number) => `DEM-${String(n).padStart(4, '0')}`;

/** The investment lines of a business case summed by period (run costs stay in the NPV). */
function investment(bc: BusinessCaseBody): BacklogRequest['caseCosts'] {
  const amounts: number[] = [];
  for (const line of bc.lines) {
    if (line.kind !== 'investment') continue;
    line.amounts.forEach((a, k) => (amounts[k] = (amounts[k] ?? 0) + a));
  }
  return amounts.length === 0
    ? null
    : {
        periodicity: bc.periodicity,
        firstPeriod: bc.firstPeriod,
        amounts: Array.from(amounts, (a) => a ?? 0),
      };
}

export async function createFromBacklog(
  ctx: Ctx,
  actor: Actor,
  body: BacklogScenarioBody,
): Promise<BacklogScenario> {
  if (body.valueBasis === 'score' && !body.scoringModelId)
    throw validationError([
      { path: ['body', 'scoringModelId'], message: 'Required when the value is the score' },
    ]);
  const rows = await ctx.db
    .select({
      id: projectRequests.id,
      number: projectRequests.number,
      title: projectRequests.title,
      roughCost: projectRequests.roughCost,
      roughEffortDays: projectRequests.roughEffortDays,
      desiredStart: projectRequests.desiredStart,
      desiredEnd: projectRequests.desiredEnd,
      businessCase: projectRequests.businessCase,
    })
    .from(projectRequests)
    .where(inArray(projectRequests.stage, body.stages))
    .orderBy(asc(projectRequests.number));
  if (rows.length === 0)
    throw validationError([{ path: ['body', 'stages'], message: 'No request at these stages' }]);

  const scores = new Map<string, number>();
  if (body.valueBasis === 'score') {
    const r = await ranking(ctx, body.scoringModelId!);
    for (const item of r.items)
      if (item.completeness > 0) scores.set(item.candidate.id, item.total);
  }
  let free: number[] | null = null;
  if (body.capacityShare !== null) {
    const map = await heatMap(ctx, {
      from: `${body.firstMonth}-01`,
      unit: 'month',
      buckets: body.months,
      includeSoft: true,
      groupBy: 'team',
      overOnly: false,
      limit: 1,
    });
    free = freePoolHours(map.totals, body.capacityShare);
  }
  const requests: BacklogRequest[] = rows.map((r) => {
    const bc = r.businessCase as BusinessCaseBody | null;
    return {
      id: r.id,
      reference: reference(r.number),
      title: r.title,
      score: scores.get(r.id) ?? null,
      npv: bc ? computeIndicators(bc, 'base').npv : null,
      caseCosts: bc ? investment(bc) : null,
      roughCost: r.roughCost === null ? null : Number(r.roughCost),
      roughEffortDays: r.roughEffortDays,
      desiredStart: r.desiredStart,
      desiredEnd: r.desiredEnd,
    };
  });
  const { selection, notes } = buildBacklogSelection(requests, free, {
    firstMonth: body.firstMonth,
    months: body.months,
    valueBasis: body.valueBasis,
    monthlyBudget: body.monthlyBudget,
    windowMonths: body.windowMonths,
    hoursPerDay: HOURS_PER_DAY,
    defaultMonths: DEFAULT_MONTHS,
  });
  if (selection.candidates.length === 0)
    throw validationError([
      {
        path: ['body', body.valueBasis === 'score' ? 'scoringModelId' : 'valueBasis'],
        message: 'No request has a value to optimise (no score or no business case)',
      },
    ]);
  const scenario = await createScenario(ctx, actor, {
    name: body.name,
    description: body.description,
    selection: { ...selection },
    forcedIn: [],
    forcedOut: [],
  });
  return { ...scenario, buildNotes: notes };
}
