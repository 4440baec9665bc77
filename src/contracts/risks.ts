import { z } from 'zod';
import {
  CRITICALITIES,
  RISK_KINDS,
  RISK_STATUSES,
  RISK_STRATEGIES,
} from '../core/risks/register.ts';
import { Id, Instant, IsoDate, PageQuery, pageOf, Ref, Text } from './common.ts';

/**
 * The risk register API: the PMO's scales, matrix and risk breakdown structure; risks of
 * projects and programmes (cause → event → effect, assessment, response, residual, EMV), their
 * dated assessment history, heat maps and the portfolio's top risks. Money in integer cents.
 */

export const RiskKind = z.enum(RISK_KINDS);
export const RiskStatus = z.enum(RISK_STATUSES);
export const RiskStrategy = z.enum(RISK_STRATEGIES);
export const Criticality = z.enum(CRITICALITIES);
export type Criticality = z.infer<typeof Criticality>;

const Level = z.number().int().min(1).max(10);
const Cents = z.number().int().min(0).max(1e15);
const Currency = z.string().regex(/^[A-Z]{3}$/);

export const ScaleLevel = z.object({
  label: Text(80),
  description: z.string().trim().max(500),
});
export const RiskSettings = z.object({
  probability: z
    .array(ScaleLevel.extend({ percent: z.number().min(0).max(100) }))
    .min(2)
    .max(10),
  impact: z.array(ScaleLevel).min(2).max(10),
  /** matrix[p − 1][i − 1]: the criticality of probability p × impact i. */
  matrix: z.array(z.array(Criticality).min(2).max(10)).min(2).max(10),
});
export type RiskSettings = z.infer<typeof RiskSettings>;
export const RiskSettingsView = RiskSettings.extend({ version: z.number().int() });

export const RiskCategory = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: Id.nullable(),
  version: z.number().int(),
});
export const RiskCategoryList = z.object({ items: z.array(RiskCategory) });
export const CreateRiskCategoryBody = z.object({
  code: Text(20),
  name: Text(120),
  description: z.string().trim().max(1000).default(''),
  parentId: Id.nullable().default(null),
});
export const UpdateRiskCategoryBody = CreateRiskCategoryBody.partial();

export const RiskImpacts = z.object({
  cost: Level.nullable(),
  schedule: Level.nullable(),
  quality: Level.nullable(),
  reputation: Level.nullable(),
});

export const Risk = z.object({
  id: Id,
  /** `R-12`: numbered per project (or programme). */
  code: z.string(),
  project: Ref.nullable(),
  program: Ref.nullable(),
  /** A portfolio-level risk, or one escalated to its portfolio. */
  portfolio: Ref.nullable(),
  /** A project risk raised to its programme's register (or any risk raised to its portfolio). */
  escalated: z.boolean(),
  /** The highest register the risk was raised to, and why. */
  escalatedTo: z.enum(['program', 'portfolio']).nullable(),
  escalationReason: z.string(),
  kind: RiskKind,
  title: z.string(),
  cause: z.string(),
  event: z.string(),
  effect: z.string(),
  category: Ref.nullable(),
  probability: z.number().int(),
  impacts: RiskImpacts,
  /** The worst impact dimension. */
  impact: z.number().int(),
  score: z.number().int(),
  criticality: Criticality,
  costImpactCents: z.number().int(),
  currency: z.string(),
  /** Expected monetary value: probability × cost impact (negative for an opportunity). */
  emvCents: z.number().int(),
  /** The contingency held for the risk: set by the project, else the EMV of a threat. */
  contingencyCents: z.number().int(),
  scheduleImpactDays: z.number().int().nullable(),
  proximity: IsoDate.nullable(),
  owner: Ref.nullable(),
  strategy: RiskStrategy.nullable(),
  response: z.string(),
  residualProbability: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  residualScore: z.number().int().nullable(),
  residualCriticality: Criticality.nullable(),
  status: RiskStatus,
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Risk = z.infer<typeof Risk>;

export const RiskAssessment = z.object({
  assessedOn: IsoDate,
  probability: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  residualProbability: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  emvCents: z.number().int(),
  status: RiskStatus,
  note: z.string(),
  by: z.string().nullable(),
});
export const RiskDetail = Risk.extend({ history: z.array(RiskAssessment) });

const riskFields = {
  kind: RiskKind.default('threat'),
  title: Text(200),
  cause: z.string().trim().max(4000).default(''),
  event: z.string().trim().max(4000).default(''),
  effect: z.string().trim().max(4000).default(''),
  categoryId: Id.nullable().default(null),
  probability: Level,
  impacts: RiskImpacts.partial().default({}),
  costImpactCents: Cents.default(0),
  currency: Currency.default('EUR'),
  contingencyCents: Cents.nullable().default(null),
  scheduleImpactDays: z.number().int().min(0).max(10000).nullable().default(null),
  proximity: IsoDate.nullable().default(null),
  ownerId: Id.nullable().default(null),
  strategy: RiskStrategy.nullable().default(null),
  response: z.string().trim().max(4000).default(''),
  residualProbability: Level.nullable().default(null),
  residualImpact: Level.nullable().default(null),
  status: RiskStatus.default('open'),
};
export const CreateRiskBody = z.object(riskFields);
export type CreateRiskBody = z.infer<typeof CreateRiskBody>;
export const UpdateRiskBody = z
  .object({
    kind: RiskKind,
    title: Text(200),
    cause: z.string().trim().max(4000),
    event: z.string().trim().max(4000),
    effect: z.string().trim().max(4000),
    categoryId: Id.nullable(),
    probability: Level,
    impacts: RiskImpacts.partial(),
    costImpactCents: Cents,
    currency: Currency,
    contingencyCents: Cents.nullable(),
    scheduleImpactDays: z.number().int().min(0).max(10000).nullable(),
    proximity: IsoDate.nullable(),
    ownerId: Id.nullable(),
    strategy: RiskStrategy.nullable(),
    response: z.string().trim().max(4000),
    residualProbability: Level.nullable(),
    residualImpact: Level.nullable(),
    status: RiskStatus,
    /** Why the assessment changed: kept in the history. */
    note: z.string().trim().max(1000),
  })
  .partial();
export type UpdateRiskBody = z.infer<typeof UpdateRiskBody>;

const csv = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const RiskListQuery = PageQuery.extend({
  projectId: Id.optional(),
  programId: Id.optional(),
  portfolioId: Id.optional(),
  status: csv(RiskStatus).optional(),
  criticality: csv(Criticality).optional(),
  kind: RiskKind.optional(),
  ownerId: Id.optional(),
  categoryId: Id.optional(),
  /** A heat map cell: probability and impact (inherent, or residual with `residual=true`). */
  probability: z.coerce.number().int().min(1).max(10).optional(),
  impact: z.coerce.number().int().min(0).max(10).optional(),
  residual: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  /** `portfolio`: only the risks held in the portfolio register itself (with `portfolioId`). */
  level: z.enum(['portfolio']).optional(),
  sort: z.enum(['score', 'proximity', 'code', 'emv']).default('score'),
});
export type RiskListQuery = z.infer<typeof RiskListQuery>;
export const RiskPage = pageOf(Risk);

export const HeatmapQuery = z.object({
  projectId: Id.optional(),
  programId: Id.optional(),
  portfolioId: Id.optional(),
  residual: z.enum(['true', 'false']).optional(),
  status: csv(RiskStatus).optional(),
});
export const Heatmap = z.object({
  residual: z.boolean(),
  probabilityLevels: z.number().int(),
  impactLevels: z.number().int(),
  cells: z.array(
    z.object({
      probability: z.number().int(),
      impact: z.number().int(),
      count: z.number().int(),
      criticality: Criticality,
    }),
  ),
  total: z.number().int(),
  /** Σ EMV of the threats in the map, and Σ contingency held. */
  emvCents: z.number().int(),
  contingencyCents: z.number().int(),
});
export type Heatmap = z.infer<typeof Heatmap>;

export const RiskParams = z.object({ riskId: Id });

export const EscalateRiskBody = z.preprocess(
  (v) => v ?? {},
  z.object({
    /** The programme of the project (default), or the portfolio of the project or programme. */
    to: z.enum(['program', 'portfolio']).default('program'),
    reason: z.string().trim().max(1000).default(''),
  }),
);
export type EscalateRiskBody = z.infer<typeof EscalateRiskBody>;
