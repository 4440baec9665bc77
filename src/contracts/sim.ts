import { z } from 'zod';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

// Schedule and cost risk of a project (issue 7): three-point estimates on plan tasks, risk
// events on tasks (delay and cost), cost ranges on budget lines, and simulation runs (a
// background job whose results are kept). Durations are working days; money is EUR minor units.

export const DistributionName = z.enum(['triangular', 'pert', 'uniform']);

const Days = z.number().finite().min(0).max(100_000);
const Cents = z.number().int().min(0).max(1e15);

/** A three-point estimate; the server checks min ≤ mode ≤ max (mode unused for uniform). */
export const EstimateBody = z.object({
  distribution: DistributionName,
  min: Days,
  mode: Days,
  max: Days,
});
export type EstimateBody = z.infer<typeof EstimateBody>;

export const CostRangeBody = z.object({
  distribution: DistributionName,
  min: Cents,
  mode: Cents,
  max: Cents,
});
export type CostRangeBody = z.infer<typeof CostRangeBody>;

export const TaskEstimate = EstimateBody.extend({ version: z.number().int() });
export const CostRange = CostRangeBody.extend({ version: z.number().int() });

/** A plan task as the simulation panel shows it, with its estimate. */
export const SimTask = z.object({
  id: Id,
  wbs: z.string(),
  name: z.string(),
  level: z.number().int(),
  isSummary: z.boolean(),
  milestone: z.boolean(),
  duration: z.number(),
  finish: IsoDate.nullable(),
  critical: z.boolean(),
  percentComplete: z.number(),
  estimate: TaskEstimate.nullable(),
});
export type SimTask = z.infer<typeof SimTask>;

export const RiskImpact = z.object({ taskId: Id, days: z.number().finite().min(-1000).max(1000) });

export const RiskEventBody = z.object({
  name: Text(200),
  /** A risk of the project's register this event quantifies. */
  riskId: Id.nullable().optional(),
  probability: z.number().min(0).max(1),
  impacts: z.array(RiskImpact).max(200).default([]),
  /** Cost when the event occurs, EUR minor units (negative: an opportunity). */
  costImpact: z.number().int().min(-1e15).max(1e15).default(0),
});
export type RiskEventBody = z.input<typeof RiskEventBody>;
export const UpdateRiskEventBody = z.object({
  name: Text(200).optional(),
  riskId: Id.nullable().optional(),
  probability: z.number().min(0).max(1).optional(),
  /** When given, replaces the list. */
  impacts: z.array(RiskImpact).max(200).optional(),
  costImpact: z.number().int().min(-1e15).max(1e15).optional(),
});
export type UpdateRiskEventBody = z.infer<typeof UpdateRiskEventBody>;

export const RiskEvent = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  risk: z.object({ id: Id, code: z.string(), title: z.string() }).nullable(),
  probability: z.number(),
  impacts: z.array(RiskImpact),
  costImpact: z.number(),
  version: z.number().int(),
});
export type RiskEvent = z.infer<typeof RiskEvent>;

export const SimCostLine = z.object({
  id: Id,
  label: z.string(),
  category: z.string(),
  /** The line's working budget (sum of its months), EUR minor units. */
  amount: z.number(),
  range: CostRange.nullable(),
});
export type SimCostLine = z.infer<typeof SimCostLine>;

/** Everything the simulation panel edits, in one read. */
export const SimModel = z.object({
  projectId: Id,
  planned: z.object({ start: IsoDate.nullable(), finish: IsoDate.nullable() }),
  tasks: z.array(SimTask),
  /** Events entered here; `superseded` when the linked register risk names its own tasks or is no longer a threat to come. */
  events: z.array(RiskEvent.extend({ superseded: z.boolean() })),
  /** Register risks that name the tasks they delay: run as events, read-only here. */
  registerEvents: z.array(RiskEvent),
  /** Null when the caller may not see the budget. */
  cost: z
    .object({
      budget: z.number(),
      lines: z.array(SimCostLine),
    })
    .nullable(),
  registerRisks: z.array(z.object({ id: Id, code: z.string(), title: z.string() })),
  can: z.object({ edit: z.boolean(), run: z.boolean(), cost: z.boolean() }),
});
export type SimModel = z.infer<typeof SimModel>;

export const TaskParams = z.object({ id: Id, taskId: Id });
export const LineParams = z.object({ id: Id, lineId: Id });
export const EventParams = z.object({ eventId: Id });
export const RunParams = z.object({ runId: Id });

export const RunState = z.enum(['queued', 'running', 'done', 'failed']);

export const CreateRunBody = z.object({
  iterations: z.number().int().min(100).max(100_000).default(5000),
  /** Any text; the same inputs and seed always give the same result. Default: a random one. */
  seed: z.string().trim().min(1).max(64).optional(),
  targetDate: IsoDate.nullable().optional(),
  /** Tasks (usually milestones) whose finish dates to report, at most 8. */
  milestoneIds: z.array(Id).max(8).default([]),
});
export type CreateRunBody = z.input<typeof CreateRunBody>;

const Stats = z.object({
  mean: z.number(),
  stdev: z.number(),
  p10: z.number(),
  p50: z.number(),
  p80: z.number(),
  p90: z.number(),
});

export const ScheduleResult = z.object({
  deterministic: z.object({ durationDays: z.number(), finish: IsoDate }),
  durationDays: Stats,
  finish: z.object({ p10: IsoDate, p50: IsoDate, p80: IsoDate, p90: IsoDate }),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  sCurve: z.array(z.object({ probability: z.number(), durationDays: z.number(), finish: IsoDate })),
  /** Leaves by decreasing criticality index (share of iterations on the critical path). */
  criticality: z.array(
    z.object({ taskId: Id, wbs: z.string(), name: z.string(), index: z.number() }),
  ),
  sensitivity: z.array(
    z.object({
      kind: z.enum(['task', 'risk']),
      id: z.string(),
      name: z.string(),
      correlation: z.number(),
      meanImpactDays: z.number().optional(),
      occurrence: z.number().optional(),
    }),
  ),
  target: z.object({ date: IsoDate, probability: z.number(), durationDays: z.number() }).optional(),
});

export const MilestoneResult = z.object({
  taskId: Id,
  wbs: z.string(),
  name: z.string(),
  planned: IsoDate.nullable(),
  p50: IsoDate,
  p80: IsoDate,
  p90: IsoDate,
});

export const CostResult = z.object({
  currency: z.literal('EUR'),
  base: z.number(),
  budget: z.number(),
  expected: z.number(),
  mean: z.number(),
  stdev: z.number(),
  p10: z.number(),
  p50: z.number(),
  p80: z.number(),
  p90: z.number(),
  probabilityWithinBudget: z.number(),
  contingencyP80: z.number(),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  sCurve: z.array(z.object({ probability: z.number(), amount: z.number() })),
  sensitivity: z.array(
    z.object({
      kind: z.enum(['item', 'risk']),
      id: z.string(),
      name: z.string(),
      correlation: z.number(),
    }),
  ),
});

export const RunResult = z.object({
  schedule: ScheduleResult,
  milestones: z.array(MilestoneResult),
  /** Null when the project has no budget lines, or the caller may not see the budget. */
  cost: CostResult.nullable(),
});
export type RunResult = z.infer<typeof RunResult>;

export const SimRunSummary = z.object({
  id: Id,
  projectId: Id,
  number: z.number().int(),
  state: RunState,
  progress: z.number().int(),
  iterations: z.number().int(),
  seed: z.string(),
  targetDate: IsoDate.nullable(),
  inputs: z.object({
    tasks: z.number().int(),
    estimates: z.number().int(),
    events: z.number().int(),
    costRanges: z.number().int(),
  }),
  requestedBy: Ref.nullable(),
  error: z.string().nullable(),
  errorDetails: z.record(z.string(), z.unknown()).nullable(),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
  durationMs: z.number().int().nullable(),
  /** P80 finish and cost, for the list. */
  p80Finish: IsoDate.nullable(),
  p80Cost: z.number().nullable(),
  version: z.number().int(),
});
export type SimRunSummary = z.infer<typeof SimRunSummary>;

export const SimRun = SimRunSummary.extend({ result: RunResult.nullable() });
export type SimRun = z.infer<typeof SimRun>;

export const SimRunList = z.object({ items: z.array(SimRunSummary) });
