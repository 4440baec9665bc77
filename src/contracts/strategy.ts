import { z } from 'zod';
import { BENEFIT_KINDS, COST_KINDS } from '../core/strategy/business-case.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';
import { ProjectCode } from './portfolio.ts';

/** The intake pipeline, in board order. */
export const REQUEST_STAGES = [
  'submitted',
  'needs_info',
  'evaluation',
  'approved',
  'rejected',
] as const;
export const RequestStage = z.enum(REQUEST_STAGES);
export type RequestStage = z.infer<typeof RequestStage>;

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export const Urgency = z.enum(URGENCIES);

/** Money in minor units (cents), a whole number. */
const MinorUnits = z.number().int().min(0).max(1e15);

/**
 * A request's effort split by team (resource teams), in days: what each team would spend on
 * it. Backlog scenarios hold each share against that team's capacity (docs/scenarios.md).
 */
export const TeamEffort = z.object({
  teamId: Id,
  days: z.number().int().min(0).max(1_000_000),
});
export type TeamEffort = z.infer<typeof TeamEffort>;
export const EffortByTeam = z
  .array(TeamEffort)
  .max(50)
  .refine((xs) => new Set(xs.map((x) => x.teamId)).size === xs.length, {
    message: 'A team appears twice',
  });

export const CreateRequestBody = z
  .object({
    title: Text(200),
    problem: z.string().trim().min(1).max(20000),
    expectedBenefits: z.string().trim().max(20000).default(''),
    sponsorId: Id.nullable().optional(),
    portfolioId: Id.nullable().optional(),
    roughCost: MinorUnits.nullable().optional(),
    roughEffortDays: z.number().int().min(0).max(1_000_000).nullable().optional(),
    effortByTeam: EffortByTeam.optional(),
    desiredStart: IsoDate.nullable().optional(),
    desiredEnd: IsoDate.nullable().optional(),
    urgency: Urgency.default('medium'),
  })
  .refine((b) => !b.desiredStart || !b.desiredEnd || b.desiredStart <= b.desiredEnd, {
    path: ['desiredEnd'],
    message: 'Must not be before the desired start',
  });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const UpdateRequestBody = z.object({
  title: Text(200).optional(),
  problem: z.string().trim().min(1).max(20000).optional(),
  expectedBenefits: z.string().trim().max(20000).optional(),
  sponsorId: Id.nullable().optional(),
  portfolioId: Id.nullable().optional(),
  roughCost: MinorUnits.nullable().optional(),
  roughEffortDays: z.number().int().min(0).max(1_000_000).nullable().optional(),
  effortByTeam: EffortByTeam.optional(),
  desiredStart: IsoDate.nullable().optional(),
  desiredEnd: IsoDate.nullable().optional(),
  urgency: Urgency.optional(),
});
export type UpdateRequestBody = z.infer<typeof UpdateRequestBody>;

export const TRIAGE_DECISIONS = ['reject', 'ask_info', 'accept'] as const;
export const TriageBody = z.object({
  decision: z.enum(TRIAGE_DECISIONS),
  note: z.string().trim().max(5000).default(''),
});
export type TriageBody = z.infer<typeof TriageBody>;

export const CashFlowLine = z.object({
  kind: z.enum([...COST_KINDS, ...BENEFIT_KINDS]),
  label: Text(200),
  amounts: z.array(MinorUnits).max(240),
  confidence: z.number().int().min(0).max(100).optional(),
});

export const BusinessCaseBody = z.object({
  periodicity: z.enum(['year', 'month']),
  firstPeriod: z.string().regex(/^\d{4}(-\d{2})?$/),
  /** Annual discount rate in percent, as a decimal string ("8", "7.25"). */
  discountRate: z.string().regex(/^-?\d{1,3}([.,]\d{1,6})?$/),
  lines: z.array(CashFlowLine).max(100),
});
export type BusinessCaseBody = z.infer<typeof BusinessCaseBody>;

const IrrOut = z.union([
  z.object({ status: z.literal('ok'), rate: z.number() }),
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('multiple'), signChanges: z.number().int() }),
]);
export const IndicatorsOut = z.object({
  net: z.array(z.number()),
  totalCosts: z.number(),
  totalBenefits: z.number(),
  npv: z.number(),
  irr: IrrOut,
  roi: z.number().nullable(),
  payback: z.number().nullable(),
});
export const BusinessCaseOut = BusinessCaseBody.extend({
  indicators: z.object({
    base: IndicatorsOut,
    costsUp20: IndicatorsOut,
    benefitsDown20: IndicatorsOut,
    delay1Year: IndicatorsOut,
  }),
});

export const ApproveBody = z.object({
  code: ProjectCode,
  portfolioId: Id,
  managerId: Id.nullable().optional(),
});
export type ApproveBody = z.infer<typeof ApproveBody>;

export const ProjectRequest = z.object({
  id: Id,
  reference: z.string(),
  title: z.string(),
  problem: z.string(),
  expectedBenefits: z.string(),
  requester: Ref.nullable(),
  sponsor: Ref.nullable(),
  portfolio: Ref.nullable(),
  roughCost: z.number().nullable(),
  currency: z.string(),
  roughEffortDays: z.number().nullable(),
  /** The effort split by team, with each team's name (empty: not split). */
  effortByTeam: z.array(z.object({ team: Ref, days: z.number() })),
  desiredStart: IsoDate.nullable(),
  desiredEnd: IsoDate.nullable(),
  urgency: Urgency,
  stage: RequestStage,
  triageNote: z.string(),
  project: Ref.nullable(),
  businessCase: BusinessCaseOut.nullable(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ProjectRequest = z.infer<typeof ProjectRequest>;

export const RequestSummary = ProjectRequest.omit({ businessCase: true, problem: true }).extend({
  npv: z.number().nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;
export const RequestList = z.object({ items: z.array(RequestSummary) });

// ---------------------------------------------------------------- strategic objectives

export const OBJECTIVE_KINDS = ['axis', 'objective'] as const;

/** A measurable target of an objective: indicator, from a baseline to a target value by a date. */
export const ObjectiveTarget = z.object({
  indicator: Text(200),
  unit: z.string().trim().max(30).default(''),
  baseline: z.number().finite(),
  target: z.number().finite(),
  /** The latest measured value, when known. */
  current: z.number().finite().nullable().default(null),
  dueDate: IsoDate,
});
export type ObjectiveTarget = z.infer<typeof ObjectiveTarget>;

const ObjectiveCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, 'Letters, digits, ".", "_" or "-", up to 30');

export const CreateObjectiveBody = z
  .object({
    kind: z.enum(OBJECTIVE_KINDS),
    parentId: Id.nullable().default(null),
    code: ObjectiveCode,
    title: Text(200),
    description: z.string().trim().max(5000).default(''),
    weight: z.number().int().min(0).max(100).default(1),
    ownerId: Id.nullable().default(null),
    horizon: z.number().int().min(2000).max(2100).nullable().default(null),
    position: z.number().int().min(0).max(10000).default(0),
    targets: z.array(ObjectiveTarget).max(20).default([]),
  })
  .refine((b) => (b.kind === 'axis') === (b.parentId === null), {
    path: ['parentId'],
    message: 'An objective belongs to an axis; an axis has no parent',
  });
export type CreateObjectiveBody = z.infer<typeof CreateObjectiveBody>;

export const UpdateObjectiveBody = z.object({
  parentId: Id.optional(),
  code: ObjectiveCode.optional(),
  title: Text(200).optional(),
  description: z.string().trim().max(5000).optional(),
  weight: z.number().int().min(0).max(100).optional(),
  ownerId: Id.nullable().optional(),
  horizon: z.number().int().min(2000).max(2100).nullable().optional(),
  position: z.number().int().min(0).max(10000).optional(),
  targets: z.array(ObjectiveTarget).max(20).optional(),
});
export type UpdateObjectiveBody = z.infer<typeof UpdateObjectiveBody>;

export const Objective = z.object({
  id: Id,
  kind: z.enum(OBJECTIVE_KINDS),
  parentId: Id.nullable(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  weight: z.number().int(),
  /** Share of the whole strategy (0–1), from the weights of the tree. */
  globalWeight: z.number(),
  owner: Ref.nullable(),
  horizon: z.number().int().nullable(),
  position: z.number().int(),
  targets: z.array(ObjectiveTarget),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Objective = z.infer<typeof Objective>;
/** Axes each followed by their objectives, in position order. */
export const ObjectiveList = z.object({ items: z.array(Objective) });

// ---------------------------------------------------------------- contributions

export const ContributionLevel = z.number().int().min(1).max(3);

export const CreateContributionBody = z
  .object({
    objectiveId: Id,
    projectId: Id.optional(),
    requestId: Id.optional(),
    level: ContributionLevel,
    comment: z.string().trim().max(2000).default(''),
  })
  .refine((b) => (b.projectId === undefined) !== (b.requestId === undefined), {
    path: ['projectId'],
    message: 'Give exactly one of projectId and requestId',
  });
export type CreateContributionBody = z.infer<typeof CreateContributionBody>;

export const UpdateContributionBody = z.object({
  level: ContributionLevel.optional(),
  comment: z.string().trim().max(2000).optional(),
});
export type UpdateContributionBody = z.infer<typeof UpdateContributionBody>;

export const Contribution = z.object({
  id: Id,
  objectiveId: Id,
  projectId: Id.nullable(),
  requestId: Id.nullable(),
  level: z.number().int(),
  comment: z.string(),
  version: z.number().int(),
});
export type Contribution = z.infer<typeof Contribution>;
export const ContributionList = z.object({ items: z.array(Contribution) });

// ---------------------------------------------------------------- strategy map

export const MapItem = z.object({
  id: Id,
  kind: z.enum(['project', 'request']),
  reference: z.string(),
  name: z.string(),
  /** Σ objective share × level / 3 over the objectives it serves (0–1). */
  alignment: z.number(),
  objectiveCount: z.number().int(),
});
export type MapItem = z.infer<typeof MapItem>;

export const MapObjective = z.object({
  id: Id,
  kind: z.enum(OBJECTIVE_KINDS),
  parentId: Id.nullable(),
  code: z.string(),
  title: z.string(),
  globalWeight: z.number(),
  /** Projects in flight: how many contribute, their weighted contribution, who. */
  contributors: z.number().int(),
  weightedContribution: z.number(),
  contributions: z.array(z.object({ itemId: Id, level: z.number().int() })),
  /** The same from candidates (requests submitted or in evaluation). */
  candidateContributors: z.number().int(),
  candidateWeightedContribution: z.number(),
  candidateContributions: z.array(z.object({ itemId: Id, level: z.number().int() })),
});
export type MapObjective = z.infer<typeof MapObjective>;

export const StrategyMap = z.object({
  objectives: z.array(MapObjective),
  projects: z.array(MapItem),
  candidates: z.array(MapItem),
  /** Objectives no project in flight serves. */
  uncovered: z.array(Id),
  /** Projects in flight that serve no objective. */
  orphans: z.array(Id),
});
export type StrategyMap = z.infer<typeof StrategyMap>;
