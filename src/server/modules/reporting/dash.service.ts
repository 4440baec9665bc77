import type { z } from 'zod';
import type {
  DashKpiTrend,
  DashPortfolio,
  DashPortfolioQuery,
  DashProject,
  DashProjectsPage,
  DashProjectsQuery,
  DashProjectView,
} from '../../../contracts/dash.ts';
import {
  applyFilter,
  attentionRows,
  type BenefitFigures,
  benefitsTotal,
  bubbleRows,
  budgetByProgram,
  type CapacityShare,
  capacityByDepartment,
  type DashProjectInput,
  isMilestoneLate,
  NONE,
  phaseMix,
  roadmapRows,
  statusMix,
  weatherMix,
} from '../../../core/dash/portfolio.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants, seesAllProjects } from '../../../core/platform/permissions.ts';
import { trendOf, type Weather } from '../../../core/reporting/weather.ts';
import { coverage } from '../../../core/strategy/objectives.ts';
import type { Ctx } from '../../context.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import * as repo from './dash.repository.ts';
import { computeMetrics, type MetricRow } from './reporting.metrics.ts';
import { today } from './reporting.service.ts';

/*
 * Dashboards (issue 8). The portfolio dashboard reads the per-project snapshots that
 * `refreshSnapshots` writes (the `dash-snapshot` job, hourly, or the PMO's "Actualiser"), so its
 * cost does not grow with tasks, timesheet entries or risks; it says how fresh they are. The
 * project dashboard computes its single project live.
 */

const cents = (eur: number | null | undefined) =>
  eur === null || eur === undefined ? null : Math.round(eur * 100);
const int = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v);
const ratio = (num: number | null | undefined, den: number | null | undefined) =>
  num === null || num === undefined || !den ? null : Math.round((num / den) * 100) / 100;
const iso = (v: string | Date | null) =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

/** How many dated KPI values a trend shows. */
const KPI_POINTS = 12;
/** Bubbles drawn, roadmap rows drawn, projects to watch listed: the rest is paged on demand. */
export const BUBBLES = 120;
export const ROADMAP_ROWS = 25;
export const ATTENTION = 10;

/** A dashboard row as the service sees it: the project sent, plus what only aggregates use. */
interface Row extends DashProject {
  capacity: CapacityShare[] | null;
  benefits: BenefitFigures | null;
}

function toProject(r: repo.DashRow): Row {
  const m: MetricRow = r.metrics ?? {};
  const money = r.sees_money;
  const weather = (r.weather as Weather | null) ?? null;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    status: r.status,
    portfolio: { id: r.portfolio_id, name: r.portfolio_name },
    program: r.program_id ? { id: r.program_id, name: r.program_name ?? '' } : null,
    orgUnit: r.org_unit_id ? { id: r.org_unit_id, name: r.org_unit_name ?? '' } : null,
    manager: r.manager_id ? { id: r.manager_id, name: r.manager_name ?? '' } : null,
    phase: r.phase_key ? { key: r.phase_key, name: r.phase_name ?? r.phase_key } : null,
    weather,
    trend: weather ? trendOf(r.previous_weather as Weather | null, weather) : null,
    start: r.plan_start ?? r.planned_start,
    finish: r.plan_finish ?? r.planned_end,
    value: r.alignment === null ? null : Math.round(r.alignment * 10) / 10,
    budgetCents: money ? cents(m.budget_eur) : null,
    actualCents: money ? cents(m.actual_cost_eur) : null,
    committedCents: money ? cents(m.committed_eur) : null,
    exposureCents: cents(m.risk_exposure_eur),
    risksOpen: int(m.risks_open),
    risksHigh: int(m.risks_high),
    milestonesLate: int(m.milestones_late),
    slippageDays: int(m.finish_slippage_days),
    spi: ratio(m.work_earned, m.work_planned),
    cpi: money ? ratio(m.ev_eur, m.ac_eur) : null,
    allocatedHours: m.allocated_hours ?? null,
    capacityHours: m.team_capacity_hours ?? null,
    computedAt: iso(r.computed_at),
    capacity: r.capacity,
    benefits:
      money && m.benefits_planned_cents != null
        ? {
            plannedCents: m.benefits_planned_cents,
            plannedToDateCents: m.benefits_due_cents ?? 0,
            realisedCents: m.benefits_realised_cents ?? 0,
          }
        : null,
  };
}

/** What leaves the server of a row (the aggregates-only fields stay behind). */
function sent(r: Row): DashProject {
  const { capacity: _c, benefits: _b, ...p } = r;
  return p;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function uniqueRefs<T extends { id: string }>(items: (T | null)[]): T[] {
  const out = new Map<string, T>();
  for (const i of items) if (i && !out.has(i.id)) out.set(i.id, i);
  return [...out.values()];
}

/**
 * The caller's visible, non-archived projects as dashboard rows (one set-wise query over the
 * snapshots) and those the filters keep.
 */
async function loadRows(ctx: Ctx, actor: Actor, query: z.infer<typeof DashPortfolioQuery>) {
  const money = roleGrants(actor.role, 'finance.read') ? true : { personId: actor.personId };
  const rows = await repo.dashboardRows(ctx.db, visibleProjectsCondition(actor), money);
  const all = rows.map(toProject);
  const scoped = all.filter(
    (p) =>
      (!query.portfolioId || p.portfolio.id === query.portfolioId) &&
      (!query.programId || p.program?.id === query.programId) &&
      (!query.orgUnitId || p.orgUnit?.id === query.orgUnitId) &&
      (!query.managerId || p.manager?.id === query.managerId),
  );
  return {
    rows,
    all,
    projects: applyFilter(scoped, { phase: query.phase, weather: query.weather }),
  };
}

/**
 * The portfolio dashboard for the caller's visible projects, filtered: aggregates, and only the
 * rows the charts draw (the largest bubbles, the roadmap strip, the worst projects to watch);
 * `portfolioProjects` pages through the rest on demand.
 */
export async function portfolioDashboard(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof DashPortfolioQuery>,
  now = today(),
): Promise<DashPortfolio> {
  const { rows, all, projects } = await loadRows(ctx, actor, query);
  const options = {
    portfolios: uniqueRefs(all.map((p) => p.portfolio)).sort(byName),
    programs: uniqueRefs(
      all.map((p) => (p.program ? { ...p.program, portfolioId: p.portfolio.id } : null)),
    ).sort(byName),
    orgUnits: uniqueRefs(all.map((p) => p.orgUnit)).sort(byName),
    managers: uniqueRefs(all.map((p) => p.manager)).sort(byName),
    phases: [
      ...new Map(all.flatMap((p) => (p.phase ? [[p.phase.key, p.phase] as const] : []))).values(),
    ].sort(byName),
  };
  const inputs: DashProjectInput[] = projects;
  const dates = projects.flatMap((p) => (p.computedAt ? [p.computedAt] : [])).sort();
  const asOfs = rows.flatMap((r) => (r.as_of ? [r.as_of] : [])).sort();
  const kpis: DashKpiTrend[] = [];
  if (query.portfolioId && seesAllProjects(actor.role)) {
    for (const v of await repo.portfolioKpiHistory(ctx.db, query.portfolioId, KPI_POINTS)) {
      let k = kpis[kpis.length - 1];
      if (!k || k.id !== v.id) {
        k = {
          id: v.id,
          code: v.code,
          nameFr: v.name_fr,
          nameEn: v.name_en,
          unit: v.unit,
          direction: v.direction as 'up',
          target: v.target,
          green: v.green,
          amber: v.amber,
          points: [],
        };
        kpis.push(k);
      }
      k.points.push({ asOf: v.as_of, value: v.value, status: v.status as 'green' | null });
    }
  }
  return {
    asOf: now,
    freshness: {
      computedAt: dates[0] ?? null,
      latestAt: dates[dates.length - 1] ?? null,
      asOf: asOfs[asOfs.length - 1] ?? null,
      missing: projects.filter((p) => p.computedAt === null).length,
    },
    options,
    headline: {
      projects: projects.length,
      red: projects.filter((p) => p.weather === 'rain' || p.weather === 'storm').length,
      exposureCents: projects.reduce((sum, p) => sum + (p.exposureCents ?? 0), 0),
      milestonesLate: projects.reduce((sum, p) => sum + (p.milestonesLate ?? 0), 0),
    },
    benefits: benefitsTotal(projects.map((p) => p.benefits)),
    bubbles: (({ items, total }) => ({ items: items.map(sent), total }))(
      bubbleRows(projects, BUBBLES),
    ),
    roadmap: {
      items: roadmapRows(projects, ROADMAP_ROWS).map(sent),
      total: projects.filter((p) => p.start && p.finish).length,
    },
    attention: (() => {
      const watch = attentionRows(projects);
      return { items: watch.slice(0, ATTENTION).map(sent), total: watch.length };
    })(),
    phaseMix: phaseMix(inputs, NONE),
    weatherMix: weatherMix(inputs),
    statusMix: statusMix(inputs),
    budget: budgetByProgram(inputs, NONE),
    capacity: capacityByDepartment(projects, await departmentNames(ctx, projects), NONE),
    kpis,
    canRefresh: roleGrants(actor.role, 'kpi.manage'),
  };
}

/** The names of the people's departments the capacity shares name. */
async function departmentNames(ctx: Ctx, rows: readonly Row[]) {
  const ids = new Set<string>();
  for (const r of rows) for (const c of r.capacity ?? []) if (c.o) ids.add(c.o);
  return ids.size === 0 ? new Map<string, string>() : repo.orgUnitNames(ctx.db, [...ids]);
}

/**
 * A page of the filtered projects (the drill-down behind the charts' table views): `all` by
 * code, `dated` (the roadmap's table) by start, `attention` worst first.
 */
export async function portfolioProjects(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof DashProjectsQuery>,
): Promise<DashProjectsPage> {
  const { projects } = await loadRows(ctx, actor, query);
  const list =
    query.view === 'attention'
      ? attentionRows(projects)
      : query.view === 'dated'
        ? projects
            .filter((p) => p.start && p.finish)
            .sort((a, b) => a.start!.localeCompare(b.start!) || a.code.localeCompare(b.code))
        : projects;
  return {
    total: list.length,
    offset: query.offset,
    items: list.slice(query.offset, query.offset + query.limit).map(sent),
  };
}

/** The whole filtered dashboard for an export: the aggregates and every filtered project. */
export async function dashboardForExport(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof DashPortfolioQuery>,
) {
  const data = await portfolioDashboard(ctx, actor, query);
  const { projects } = await loadRows(ctx, actor, query);
  return { data, projects: projects.map(sent) };
}

/**
 * Recomputes every non-archived project's snapshot at `asOf`: the whole metric registry in one
 * set-wise pass (one query per source) and the alignment scores, then one upsert. What the
 * `dash-snapshot` job runs hourly and the PMO runs with "Actualiser".
 */
export async function refreshSnapshots(ctx: Ctx, asOf = today()) {
  const started = Date.now();
  const ids = await repo.liveProjectIds(ctx.db);
  const metrics = await computeMetrics(ctx.db, ids, asOf);
  const strategy = await repo.strategyOf(ctx.db);
  const objectives = strategy.nodes.filter((n) => n.kind === 'objective');
  const alignment =
    objectives.length === 0
      ? null
      : coverage(
          strategy.nodes.map((n) => ({
            id: n.id,
            kind: n.kind,
            parentId: n.parent_id,
            weight: n.weight,
          })),
          ids,
          strategy.contributions.map((c) => ({
            objectiveId: c.objective_id,
            itemId: c.project_id,
            level: c.level,
          })),
        ).alignment;
  const capacity = new Map<string, CapacityShare[]>();
  for (const c of await repo.capacityByPeopleDepartment(ctx.db, asOf)) {
    const list = capacity.get(c.project_id) ?? [];
    list.push({ o: c.org_unit_id, a: round1(c.a), c: round1(c.c) });
    capacity.set(c.project_id, list);
  }
  const cards = await repo.cardAttributes(ctx.db);
  const computedAt = new Date();
  const rows = ids.map((id) => {
    const a = alignment?.get(id);
    // Benefits come from the registry's benefits source (euros); the card keeps cents.
    const r = metrics.get(id) ?? {};
    const cents = (v: number | null | undefined) =>
      v === null || v === undefined ? null : Math.round(v * 100);
    const m = {
      ...r,
      benefits_planned_cents: cents(r.benefits_planned_eur),
      benefits_due_cents: cents(r.benefits_due_eur),
      benefits_realised_cents: cents(r.benefits_realised_eur),
    };
    const card = cards.get(id);
    return {
      id,
      m,
      a: a === undefined ? null : Math.min(100, Math.max(0, a * 100)),
      c: capacity.get(id) ?? [],
      k: {
        m: repo.cardMetrics(m),
        n: card?.n ?? {},
        ph: card?.ph ?? null,
        w: card?.w ?? null,
        pw: card?.pw ?? null,
        ps: card?.ps ?? null,
        pf: card?.pf ?? null,
      },
    };
  });
  await ctx.db.transaction((tx) => repo.saveSnapshots(tx, asOf, computedAt, rows));
  return {
    asOf,
    projects: ids.length,
    durationMs: Date.now() - started,
    computedAt: computedAt.toISOString(),
  };
}

const round1 = (h: number) => Math.round(h * 10) / 10;

/** One project at a glance: schedule, cost, risks, weather, milestones (computed live). */
export async function projectDashboard(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  now = today(),
): Promise<DashProjectView> {
  const access = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const money =
    roleGrants(actor.role, 'finance.read') ||
    access.roles.some((r) => r === 'project_manager' || r === 'sponsor');
  const header = (await repo.projectHeader(ctx.db, projectId))!;
  const m = (await computeMetrics(ctx.db, [projectId], now)).get(projectId)!;
  const history = await repo.weatherHistory(ctx.db, projectId, 8);
  const milestones = await repo.milestonesOf(ctx.db, projectId);
  const risks = await repo.topRisks(ctx.db, projectId, 5);
  const last = history[0];
  const pct = (num: number | null | undefined, den: number | null | undefined) =>
    num === null || num === undefined || !den ? null : Math.round((num / den) * 100);
  const budget = money ? cents(m.budget_eur) : null;
  const actual = money ? cents(m.actual_cost_eur) : null;
  return {
    asOf: now,
    project: {
      id: header.id,
      code: header.code,
      name: header.name,
      status: header.status,
      start: header.start,
      finish: header.finish,
      baselineFinish: header.baseline_finish,
    },
    weather: last
      ? {
          overall: last.overall as Weather,
          dimensions: (last.dimensions ?? {}) as Record<string, Weather>,
          periodStart: last.period_start,
          state: last.state,
        }
      : null,
    weatherHistory: history
      .map((h) => ({ periodStart: h.period_start, overall: h.overall as Weather }))
      .reverse(),
    schedule: {
      progressPct: pct(m.work_earned, m.work_total),
      plannedPct: pct(m.work_planned, m.work_total),
      spi: ratio(m.work_earned, m.work_planned),
      slippageDays: int(m.finish_slippage_days),
      milestonesTotal: int(m.milestones_total) ?? 0,
      milestonesDone: int(m.milestones_done) ?? 0,
      milestonesLate: int(m.milestones_late) ?? 0,
    },
    cost: {
      budgetCents: budget,
      actualCents: actual,
      committedCents: money ? cents(m.committed_eur) : null,
      eacCents: money ? cents(m.eac_eur) : null,
      consumedPct: budget && actual !== null ? pct(actual, budget) : null,
      cpi: money ? ratio(m.ev_eur, m.ac_eur) : null,
    },
    milestones: milestones.map((x) => ({
      id: x.id,
      name: x.name,
      date: x.date,
      baseline: x.baseline,
      done: x.done,
      late: isMilestoneLate(x, now),
    })),
    risks: {
      open: int(m.risks_open) ?? 0,
      high: int(m.risks_high) ?? 0,
      exposureCents: cents(m.risk_exposure_eur) ?? 0,
      top: risks.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        score: r.score,
        emvCents: r.emv_cents === null ? null : Number(r.emv_cents),
        status: r.status,
        owner: r.owner,
      })),
    },
    resources: {
      allocatedHours: m.allocated_hours ?? null,
      capacityHours: m.team_capacity_hours ?? null,
      loadPct: pct(m.allocated_hours, m.team_capacity_hours),
    },
  };
}
