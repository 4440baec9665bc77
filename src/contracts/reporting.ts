import { z } from 'zod';
import { DIMENSIONS, FREQUENCIES, WEATHERS } from '../core/reporting/weather.ts';
import { ROLLUP_RULES } from '../core/reporting/rollup.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

/**
 * The reporting API: status reports ("météo projet") and their review, the portfolio status
 * (projects, roll-up to programmes and portfolios, PMO overrides), reports due, the metric
 * registry and the KPI library.
 */

export const Weather = z.enum(WEATHERS);
export type Weather = z.infer<typeof Weather>;
export const Dimension = z.enum(DIMENSIONS);
export const Frequency = z.enum(FREQUENCIES);
export const RollupRule = z.enum(ROLLUP_RULES);
export const Trend = z.enum(['better', 'worse', 'same', 'new']);
export const ReportState = z.enum(['draft', 'submitted', 'changes_requested', 'reviewed']);
export type ReportState = z.infer<typeof ReportState>;

/** Weather per dimension; a dimension not assessed is null. */
export const Dimensions = z.object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, Weather.nullable()])) as Record<
    (typeof DIMENSIONS)[number],
    z.ZodNullable<typeof Weather>
  >,
);
export type Dimensions = z.infer<typeof Dimensions>;

/** Metric values by metric code (null: not available, e.g. no baseline). */
export const MetricValues = z.record(z.string(), z.number().nullable());

export const StatusReport = z.object({
  id: Id,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  frequency: Frequency,
  state: ReportState,
  overall: Weather,
  dimensions: Dimensions,
  /** Trend of each weather versus the previous report of the project. */
  trends: z.object({ overall: Trend, dimensions: z.record(z.string(), Trend.nullable()) }),
  previous: z.object({ id: Id, periodStart: IsoDate, overall: Weather }).nullable(),
  achievements: z.string(),
  nextSteps: z.string(),
  issues: z.string(),
  decisions: z.string(),
  metrics: MetricValues.nullable(),
  metricsAsOf: IsoDate.nullable(),
  author: z.string(),
  submittedAt: Instant.nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: Instant.nullable(),
  reviewer: z.string().nullable(),
  reviewComment: z.string(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type StatusReport = z.infer<typeof StatusReport>;

export const StatusReportList = z.object({
  items: z.array(StatusReport),
  /** The period the project should report on now, and whether that report exists. */
  expected: z.object({
    periodStart: IsoDate,
    periodEnd: IsoDate,
    frequency: Frequency,
    reportId: Id.nullable(),
  }),
  /** Live metric values today (what a submission would snapshot). */
  live: MetricValues,
});

const Narrative = {
  achievements: z.string().max(10_000),
  nextSteps: z.string().max(10_000),
  issues: z.string().max(10_000),
  decisions: z.string().max(10_000),
};

export const CreateStatusReportBody = z.object({
  /** Any day of the period; defaults to the period expected now. */
  periodDate: IsoDate.optional(),
  overall: Weather,
  dimensions: Dimensions.partial().default({}),
  achievements: Narrative.achievements.default(''),
  nextSteps: Narrative.nextSteps.default(''),
  issues: Narrative.issues.default(''),
  decisions: Narrative.decisions.default(''),
});

export const UpdateStatusReportBody = z.object({
  overall: Weather.optional(),
  dimensions: Dimensions.partial().optional(),
  achievements: Narrative.achievements.optional(),
  nextSteps: Narrative.nextSteps.optional(),
  issues: Narrative.issues.optional(),
  decisions: Narrative.decisions.optional(),
});

export const ReviewBody = z.object({
  decision: z.enum(['approve', 'request_changes']),
  comment: z.string().trim().max(5_000).default(''),
});

export const ReportParams = z.object({ id: Id, reportId: Id });

export const PortfolioStatusQuery = z.object({
  portfolioId: Id,
  /** Any day of the period; defaults to the period expected today. */
  date: IsoDate.optional(),
});

const RollupItem = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  /** The weather computed by the rule from the projects' reports (null: no report). */
  computed: Weather.nullable(),
  /** The weather shown: the override when there is one, else the computed one. */
  weather: Weather.nullable(),
  override: z
    .object({
      id: Id,
      weather: Weather,
      comment: z.string(),
      by: z.string(),
      at: Instant,
      version: z.number().int(),
    })
    .nullable(),
  reported: z.number().int(),
  expected: z.number().int(),
});

export const PortfolioStatus = z.object({
  portfolio: Ref,
  settings: z.object({ frequency: Frequency, rollupRule: RollupRule, version: z.number().int() }),
  period: z.object({ start: IsoDate, end: IsoDate }),
  portfolioRollup: RollupItem,
  programs: z.array(RollupItem),
  projects: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      status: z.string(),
      parentId: Id.nullable(),
      program: Ref.nullable(),
      manager: Ref.nullable(),
      report: z
        .object({
          id: Id,
          state: ReportState,
          overall: Weather,
          dimensions: Dimensions,
          trend: Trend,
        })
        .nullable(),
      /** Own weather combined with the sub-projects' (the rule of the portfolio). */
      rolledUp: Weather.nullable(),
      weight: z.number(),
    }),
  ),
  canManage: z.boolean(),
});
export type PortfolioStatus = z.infer<typeof PortfolioStatus>;

export const UpdateReportingSettingsBody = z.object({
  frequency: Frequency.optional(),
  rollupRule: RollupRule.optional(),
});

export const OverrideBody = z.object({
  scopeType: z.enum(['portfolio', 'program']),
  scopeId: Id,
  /** Any day of the period. */
  date: IsoDate,
  weather: Weather,
  comment: Text(2_000),
});

export const ReportsDueQuery = z.object({
  date: IsoDate.optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const ReportsDue = z.object({
  items: z.array(
    z.object({
      project: z.object({ id: Id, code: z.string(), name: z.string() }),
      manager: Ref.nullable(),
      portfolio: Ref,
      periodStart: IsoDate,
      periodEnd: IsoDate,
      frequency: Frequency,
      /** `missing`: no report; `draft` / `changes_requested`: started but not submitted. */
      state: z.enum(['missing', 'draft', 'changes_requested']),
      reportId: Id.nullable(),
    }),
  ),
});

// ---------------------------------------------------------------- metrics and KPIs

export const MetricDefinition = z.object({
  code: z.string(),
  source: z.string(),
  unit: z.string(),
  aggregate: z.enum(['sum', 'max']),
  description: z.object({ fr: z.string(), en: z.string() }),
});

export const KpiLevel = z.enum(['project', 'program', 'portfolio']);
export const KpiDirection = z.enum(['up', 'down']);

const KpiFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Upper-case letters, digits and _'),
  nameFr: Text(200),
  nameEn: Text(200),
  description: z.string().max(5_000),
  formula: Text(2_000),
  unit: z.string().trim().max(20),
  direction: KpiDirection,
  target: z.number().finite().nullable(),
  green: z.number().finite(),
  amber: z.number().finite(),
  frequency: z.enum(['weekly', 'monthly']),
  level: KpiLevel,
  ownerId: Id.nullable(),
};

export const CreateKpiBody = z.object({
  ...KpiFields,
  description: KpiFields.description.default(''),
  unit: KpiFields.unit.default(''),
  target: KpiFields.target.default(null),
  frequency: KpiFields.frequency.default('monthly'),
  ownerId: KpiFields.ownerId.default(null),
});
export const UpdateKpiBody = z
  .object(KpiFields)
  .partial()
  .extend({ archived: z.boolean().optional() });

export const KpiValue = z.object({
  scopeType: KpiLevel,
  scopeId: Id,
  scopeName: z.string(),
  asOf: IsoDate,
  value: z.number().nullable(),
  status: z.enum(['green', 'amber', 'red']).nullable(),
  trend: z.enum(['better', 'worse', 'same']).nullable(),
});

export const Kpi = z.object({
  id: Id,
  code: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  description: z.string(),
  formula: z.string(),
  metrics: z.array(z.string()),
  unit: z.string(),
  direction: KpiDirection,
  target: z.number().nullable(),
  green: z.number(),
  amber: z.number(),
  frequency: z.enum(['weekly', 'monthly']),
  level: KpiLevel,
  owner: Ref.nullable(),
  standard: z.boolean(),
  archived: z.boolean(),
  /** The latest values (one per scope), with trend versus the value before. */
  latest: z.array(KpiValue),
  lastComputedAt: Instant.nullable(),
  version: z.number().int(),
});
export type Kpi = z.infer<typeof Kpi>;

export const KpiList = z.object({ items: z.array(Kpi), metrics: z.array(MetricDefinition) });

export const KpiHistoryQuery = z.object({ scopeId: Id.optional() });
export const KpiHistory = z.object({
  items: z.array(
    z.object({
      scopeId: Id,
      scopeName: z.string(),
      asOf: IsoDate,
      value: z.number().nullable(),
      status: z.enum(['green', 'amber', 'red']).nullable(),
    }),
  ),
});

export const ComputeKpisBody = z.object({ asOf: IsoDate.optional() });
export const ComputeResult = z.object({
  asOf: IsoDate,
  kpis: z.number().int(),
  values: z.number().int(),
});
