import { z } from 'zod';
import { Id, Instant, IsoDate, Ref } from './common.ts';

/*
 * Dashboards (issue 8): the portfolio dashboard over pre-aggregated per-project snapshots (with
 * their freshness), the project dashboard (live) and the refresh of the snapshots.
 */

const WeatherKey = z.enum(['sun', 'cloud', 'rain', 'storm']);

export const DashPortfolioQuery = z.object({
  portfolioId: Id.optional(),
  programId: Id.optional(),
  orgUnitId: Id.optional(),
  managerId: Id.optional(),
  /** A lifecycle phase key, or `_none` for projects without a lifecycle. */
  phase: z.string().min(1).max(100).optional(),
  /** A weather, or `_none` for projects without a submitted report. */
  weather: z.enum(['sun', 'cloud', 'rain', 'storm', '_none']).optional(),
});

export const DashProject = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  status: z.string(),
  portfolio: Ref,
  program: Ref.nullable(),
  orgUnit: Ref.nullable(),
  manager: Ref.nullable(),
  phase: z.object({ key: z.string(), name: z.string() }).nullable(),
  weather: WeatherKey.nullable(),
  trend: z.enum(['better', 'worse', 'same', 'new']).nullable(),
  start: IsoDate.nullable(),
  finish: IsoDate.nullable(),
  /** Strategic alignment 0–100 (null when no objective is defined). */
  value: z.number().nullable(),
  budgetCents: z.number().int().nullable(),
  actualCents: z.number().int().nullable(),
  committedCents: z.number().int().nullable(),
  exposureCents: z.number().int().nullable(),
  risksOpen: z.number().int().nullable(),
  risksHigh: z.number().int().nullable(),
  milestonesLate: z.number().int().nullable(),
  slippageDays: z.number().int().nullable(),
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  allocatedHours: z.number().nullable(),
  capacityHours: z.number().nullable(),
  /** When this project's snapshot was computed (null: not yet). */
  computedAt: Instant.nullable(),
});
export type DashProject = z.infer<typeof DashProject>;

const Mix = z.array(z.object({ key: z.string(), name: z.string(), count: z.number().int() }));

const MoneyFigures = z.object({
  budgetCents: z.number().int(),
  actualCents: z.number().int(),
  committedCents: z.number().int(),
  consumedPct: z.number().int().nullable(),
});

const CapacityFigures = z.object({
  allocatedHours: z.number(),
  capacityHours: z.number(),
  loadPct: z.number().int().nullable(),
  level: z.enum(['ok', 'tight', 'over', 'none']),
});

export const DashKpiTrend = z.object({
  id: Id,
  code: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  direction: z.enum(['up', 'down']),
  target: z.number().nullable(),
  green: z.number().nullable(),
  amber: z.number().nullable(),
  points: z.array(
    z.object({
      asOf: IsoDate,
      value: z.number().nullable(),
      status: z.enum(['green', 'amber', 'red']).nullable(),
    }),
  ),
});
export type DashKpiTrend = z.infer<typeof DashKpiTrend>;

export const DashPortfolio = z.object({
  asOf: IsoDate,
  freshness: z.object({
    /** The oldest snapshot among the projects shown (null when none is computed yet). */
    computedAt: Instant.nullable(),
    /** The newest one. */
    latestAt: Instant.nullable(),
    /** The date the metrics were computed for. */
    asOf: IsoDate.nullable(),
    /** Projects shown without a snapshot yet. */
    missing: z.number().int(),
  }),
  options: z.object({
    portfolios: z.array(Ref),
    programs: z.array(Ref.extend({ portfolioId: Id })),
    orgUnits: z.array(Ref),
    managers: z.array(Ref),
    phases: z.array(z.object({ key: z.string(), name: z.string() })),
  }),
  /** The figures at the top of the page, over every filtered project. */
  headline: z.object({
    projects: z.number().int(),
    /** Projects in rain or storm. */
    red: z.number().int(),
    exposureCents: z.number().int(),
    milestonesLate: z.number().int(),
  }),
  /**
   * Planned vs realised benefits of the filtered projects' business cases (null: none has a
   * business case with benefits, or the caller sees no money). `rate` = realised / planned to date.
   */
  benefits: z
    .object({
      projects: z.number().int(),
      plannedCents: z.number().int(),
      plannedToDateCents: z.number().int(),
      realisedCents: z.number().int(),
      ratePct: z.number().int().nullable(),
    })
    .nullable(),
  /** The bubbles the value × risk chart draws: the largest budgets, at most BUBBLES. */
  bubbles: z.object({ items: z.array(DashProject), total: z.number().int() }),
  /** The roadmap strip's rows (largest budgets, in start order) and how many projects are dated. */
  roadmap: z.object({ items: z.array(DashProject), total: z.number().int() }),
  /** The projects to watch, worst first (at most ATTENTION), and how many there are. */
  attention: z.object({ items: z.array(DashProject), total: z.number().int() }),
  phaseMix: Mix,
  weatherMix: Mix,
  statusMix: Mix,
  budget: z.object({
    groups: z.array(
      MoneyFigures.extend({ key: z.string(), name: z.string(), projects: z.number().int() }),
    ),
    total: MoneyFigures,
  }),
  capacity: z.object({
    groups: z.array(CapacityFigures.extend({ key: z.string(), name: z.string() })),
    total: CapacityFigures,
  }),
  /** KPI history of the selected portfolio (empty without a portfolio or for project-only viewers). */
  kpis: z.array(DashKpiTrend),
  canRefresh: z.boolean(),
});
export type DashPortfolio = z.infer<typeof DashPortfolio>;

/** Which rows of the filtered projects a drill-down lists. */
export const DashRowsView = z.enum(['all', 'dated', 'attention']);

export const DashProjectsQuery = DashPortfolioQuery.extend({
  view: DashRowsView.default('all'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of the filtered projects, for the charts' table views (drill-down, on demand). */
export const DashProjectsPage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(DashProject),
});
export type DashProjectsPage = z.infer<typeof DashProjectsPage>;

export const DashExportQuery = DashPortfolioQuery.extend({
  format: z.enum(['xlsx', 'pdf']),
  /** The language of the document's labels. */
  locale: z.enum(['fr', 'en']).default('fr'),
});

export const DashRefreshBody = z.object({ asOf: IsoDate.optional() });
export const DashRefreshResult = z.object({
  asOf: IsoDate,
  projects: z.number().int(),
  durationMs: z.number().int(),
  computedAt: Instant,
});

export const DashProjectView = z.object({
  asOf: IsoDate,
  project: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    status: z.string(),
    start: IsoDate.nullable(),
    finish: IsoDate.nullable(),
    baselineFinish: IsoDate.nullable(),
  }),
  weather: z
    .object({
      overall: WeatherKey,
      dimensions: z.record(z.string(), WeatherKey),
      periodStart: IsoDate,
      state: z.string(),
    })
    .nullable(),
  weatherHistory: z.array(z.object({ periodStart: IsoDate, overall: WeatherKey })),
  schedule: z.object({
    progressPct: z.number().nullable(),
    plannedPct: z.number().nullable(),
    spi: z.number().nullable(),
    slippageDays: z.number().int().nullable(),
    milestonesTotal: z.number().int(),
    milestonesDone: z.number().int(),
    milestonesLate: z.number().int(),
  }),
  cost: z.object({
    budgetCents: z.number().int().nullable(),
    actualCents: z.number().int().nullable(),
    committedCents: z.number().int().nullable(),
    eacCents: z.number().int().nullable(),
    consumedPct: z.number().int().nullable(),
    cpi: z.number().nullable(),
  }),
  milestones: z.array(
    z.object({
      id: Id,
      name: z.string(),
      date: IsoDate.nullable(),
      baseline: IsoDate.nullable(),
      done: z.boolean(),
      late: z.boolean(),
    }),
  ),
  risks: z.object({
    open: z.number().int(),
    high: z.number().int(),
    exposureCents: z.number().int(),
    top: z.array(
      z.object({
        id: Id,
        number: z.number().int(),
        title: z.string(),
        score: z.number().int().nullable(),
        emvCents: z.number().int().nullable(),
        status: z.string(),
        owner: z.string().nullable(),
      }),
    ),
  }),
  resources: z.object({
    allocatedHours: z.number().nullable(),
    capacityHours: z.number().nullable(),
    loadPct: z.number().int().nullable(),
  }),
});
export type DashProjectView = z.infer<typeof DashProjectView>;
