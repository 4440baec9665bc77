/**
 * Portfolio scenarios built from the backlog: the project requests at the chosen stages, their
 * business cases (investment by month, NPV), a scoring model's ranking, their effort split by
 * team and each team's free capacity (the capacity engine's monthly totals by team, net of what
 * current projects hold) become a selection file with one pool per team, saved as a scenario
 * like an uploaded one, with the build parameters so that it can be refreshed from the backlog
 * (preview of what changes, then apply with If-Match). Set-wise: one statement for the
 * requests, one for the teams, one for the sponsors' teams, the ranking's reads, the heat map's.
 */
import { createHash } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import type {
  BacklogParams,
  BacklogRefreshPreview,
  BacklogRefreshResult,
  BacklogScenario,
  BacklogScenarioBody,
} from '../../../contracts/scenarios.ts';
import type { BusinessCaseBody, TeamEffort } from '../../../contracts/strategy.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { diffBacklogSelections } from '../../../core/scenarios/backlog-refresh.ts';
import {
  buildBacklogSelection,
  freePoolHours,
  NO_TEAM_POOL,
  type BacklogNote,
  type BacklogRequest,
  type BacklogSelection,
} from '../../../core/scenarios/backlog.ts';
import { computeIndicators } from '../../../core/strategy/business-case.ts';
import type { Ctx } from '../../context.ts';
import { heatMap } from '../resources/capacity.service.ts';
import { resourceProfiles, resourceTeams } from '../resources/resources.tables.ts';
import { createScenario, getScenario, replaceBacklogSelection } from './scenarios.service.ts';
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

/** Builds the selection file from the backlog as it is now (reads only). */
async function buildSelection(
  ctx: Ctx,
  params: BacklogParams,
): Promise<{ selection: BacklogSelection; notes: BacklogNote[] }> {
  if (params.valueBasis === 'score' && !params.scoringModelId)
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
      effortByTeam: projectRequests.effortByTeam,
      sponsorId: projectRequests.sponsorId,
      requesterPersonId: projectRequests.requesterPersonId,
      desiredStart: projectRequests.desiredStart,
      desiredEnd: projectRequests.desiredEnd,
      businessCase: projectRequests.businessCase,
    })
    .from(projectRequests)
    .where(inArray(projectRequests.stage, params.stages))
    .orderBy(asc(projectRequests.number));
  if (rows.length === 0)
    throw validationError([{ path: ['body', 'stages'], message: 'No request at these stages' }]);

  // Pools are the teams, named by their code; people with no team make their own pool.
  const teams = await ctx.db
    .select({ id: resourceTeams.id, code: resourceTeams.code })
    .from(resourceTeams);
  const poolOf = new Map(teams.map((t) => [t.id, t.code]));
  // The default team of a request without a split: its sponsor's, else its requester's.
  const persons = [
    ...new Set(rows.flatMap((r) => [r.sponsorId, r.requesterPersonId]).filter((x) => x !== null)),
  ];
  const teamOfPerson = new Map<string, string>();
  if (persons.length > 0) {
    const profiles = await ctx.db
      .select({ personId: resourceProfiles.personId, teamId: resourceProfiles.teamId })
      .from(resourceProfiles)
      .where(inArray(resourceProfiles.personId, persons));
    for (const p of profiles) if (p.teamId) teamOfPerson.set(p.personId, p.teamId);
  }

  const scores = new Map<string, number>();
  if (params.valueBasis === 'score') {
    const r = await ranking(ctx, params.scoringModelId!);
    for (const item of r.items) if (item.scored) scores.set(item.candidate.id, item.total);
  }
  let free: Record<string, number[]> | null = null;
  if (params.capacityShare !== null) {
    const map = await heatMap(ctx, {
      from: `${params.firstMonth}-01`,
      unit: 'month',
      buckets: params.months,
      includeSoft: true,
      groupBy: 'team',
      overOnly: false,
      limit: 10_000,
    });
    free = {};
    for (const row of map.rows) {
      const pool = poolOf.get(row.key) ?? NO_TEAM_POOL;
      free[pool] = freePoolHours(row.cells, params.capacityShare);
    }
  }
  const requests: BacklogRequest[] = rows.map((r) => {
    const bc = r.businessCase as BusinessCaseBody | null;
    const defaultTeam =
      (r.sponsorId && teamOfPerson.get(r.sponsorId)) ||
      (r.requesterPersonId && teamOfPerson.get(r.requesterPersonId)) ||
      null;
    return {
      id: r.id,
      reference: reference(r.number),
      title: r.title,
      score: scores.get(r.id) ?? null,
      npv: bc ? computeIndicators(bc, 'base').npv : null,
      caseCosts: bc ? investment(bc) : null,
      roughCost: r.roughCost === null ? null : Number(r.roughCost),
      roughEffortDays: r.roughEffortDays,
      // A team deleted since the split was written is no longer a pool: its share is dropped.
      effortByTeam: (r.effortByTeam as TeamEffort[]).flatMap((e) => {
        const pool = poolOf.get(e.teamId);
        return pool ? [{ pool, days: e.days }] : [];
      }),
      defaultPool: defaultTeam ? (poolOf.get(defaultTeam) ?? null) : null,
      desiredStart: r.desiredStart,
      desiredEnd: r.desiredEnd,
    };
  });
  const built = buildBacklogSelection(requests, free, {
    firstMonth: params.firstMonth,
    months: params.months,
    valueBasis: params.valueBasis,
    monthlyBudget: params.monthlyBudget,
    windowMonths: params.windowMonths,
    hoursPerDay: HOURS_PER_DAY,
    defaultMonths: DEFAULT_MONTHS,
  });
  if (built.selection.candidates.length === 0)
    throw validationError([
      {
        path: ['body', params.valueBasis === 'score' ? 'scoringModelId' : 'valueBasis'],
        message: 'No request has a value to optimise (no score or no business case)',
      },
    ]);
  return built;
}

const paramsOf = (body: BacklogScenarioBody): BacklogParams => ({
  stages: body.stages,
  valueBasis: body.valueBasis,
  scoringModelId: body.scoringModelId,
  firstMonth: body.firstMonth,
  months: body.months,
  monthlyBudget: body.monthlyBudget,
  windowMonths: body.windowMonths,
  capacityShare: body.capacityShare,
});

export async function createFromBacklog(
  ctx: Ctx,
  actor: Actor,
  body: BacklogScenarioBody,
): Promise<BacklogScenario> {
  const params = paramsOf(body);
  const { selection, notes } = await buildSelection(ctx, params);
  const scenario = await createScenario(
    ctx,
    actor,
    {
      name: body.name,
      description: body.description,
      selection: { ...selection },
      forcedIn: [],
      forcedOut: [],
    },
    params,
  );
  return { ...scenario, buildNotes: notes };
}

/** The scenario's build parameters; a scenario not built from the backlog → 409. */
async function backlogScenario(ctx: Ctx, id: string) {
  const scenario = await getScenario(ctx, id);
  if (!scenario.backlog)
    throw new DomainError(
      'SCENARIO_NOT_FROM_BACKLOG',
      'This scenario was not built from the backlog',
      {
        scenarioId: id,
      },
    );
  return { scenario, params: scenario.backlog };
}

async function preview(ctx: Ctx, id: string) {
  const { scenario, params } = await backlogScenario(ctx, id);
  const { selection, notes } = await buildSelection(ctx, params);
  const diff = diffBacklogSelections(scenario.selection as unknown as BacklogSelection, selection, {
    forcedIn: scenario.forcedIn,
    forcedOut: scenario.forcedOut,
  });
  const out: BacklogRefreshPreview = {
    scenarioVersion: scenario.version,
    ...diff,
    buildNotes: notes,
    fingerprint: createHash('sha256')
      .update(JSON.stringify([selection, diff.forcingDropped]))
      .digest('base64url')
      .slice(0, 22),
  };
  return { scenario, selection, preview: out };
}

/** What refreshing the scenario from the backlog would change; nothing is saved. */
export async function previewBacklogRefresh(ctx: Ctx, id: string): Promise<BacklogRefreshPreview> {
  return (await preview(ctx, id)).preview;
}

/**
 * Builds the scenario again from the backlog with its stored parameters and saves the new file
 * (If-Match: the version the PMO previewed): the forcing of candidates no longer there is
 * dropped, the last result and frontier cleared, one audit event with what changed.
 */
export async function applyBacklogRefresh(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  fingerprint?: string,
): Promise<BacklogRefreshResult> {
  const { scenario, selection, preview: diff } = await preview(ctx, id);
  if (fingerprint !== undefined && fingerprint !== diff.fingerprint)
    throw new DomainError(
      'BACKLOG_CHANGED',
      'The backlog changed since the preview: preview the refresh again',
      { scenarioId: id, fingerprint: diff.fingerprint },
    );
  const dropped = new Set(diff.forcingDropped);
  const updated = await replaceBacklogSelection(ctx, actor, id, version, {
    selection: { ...selection },
    forcedIn: scenario.forcedIn.filter((x) => !dropped.has(x)),
    forcedOut: scenario.forcedOut.filter((x) => !dropped.has(x)),
    refresh: {
      added: diff.added.map((x) => x.id),
      removed: diff.removed.map((x) => x.id),
      changed: diff.changed.map((x) => x.id),
      forcingDropped: diff.forcingDropped,
    },
  });
  return { scenario: updated, applied: diff };
}
