import { z } from 'zod';
import { Id, Instant, Ref, Text } from './common.ts';

// ---------------------------------------------------------------- scoring models

export const SCORING_DIRECTIONS = ['higher_better', 'lower_better'] as const;

export const CRITERION_SOURCES = ['evaluators', 'alignment'] as const;

export const ScaleLevel = z.object({
  value: z.number().int().min(0).max(100),
  /** What the level means to evaluators ("3 — contribue fortement à un objectif"). */
  description: z.string().trim().max(500).default(''),
});
export type ScaleLevel = z.infer<typeof ScaleLevel>;

export const ScoringCriterion = z.object({
  /** Stable key the evaluations refer to (renaming the label keeps the scores). */
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _ (at most 40)'),
  label: Text(120),
  description: z.string().trim().max(2000).default(''),
  weight: z.number().min(0).max(100),
  direction: z.enum(SCORING_DIRECTIONS).default('higher_better'),
  levels: z.array(ScaleLevel).min(2).max(11),
  /**
   * Who gives the level: the evaluators, or the strategy map (`alignment`: the strongest
   * contribution of the candidate to an objective, read on the scale; evaluators do not score it).
   */
  source: z.enum(CRITERION_SOURCES).default('evaluators'),
});
export type ScoringCriterion = z.infer<typeof ScoringCriterion>;

export const ScoringModelBody = z.object({
  name: Text(120),
  description: z.string().trim().max(4000).default(''),
  criteria: z.array(ScoringCriterion).min(1).max(30),
});
export type ScoringModelBody = z.infer<typeof ScoringModelBody>;

export const UpdateScoringModelBody = z.object({
  name: Text(120).optional(),
  description: z.string().trim().max(4000).optional(),
  criteria: z.array(ScoringCriterion).min(1).max(30).optional(),
});
export type UpdateScoringModelBody = z.infer<typeof UpdateScoringModelBody>;

export const ScoringModel = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  criteria: z.array(ScoringCriterion),
  /** How many evaluation sheets use it. */
  evaluationCount: z.number().int(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ScoringModel = z.infer<typeof ScoringModel>;
export const ScoringModelList = z.object({ items: z.array(ScoringModel) });

// ---------------------------------------------------------------- evaluations

/** { criterionKey: level } — a criterion left out is not scored by this evaluator. */
export const Scores = z.record(z.string().max(40), z.number().int().min(0).max(100));

/** A sheet scores a project request or a running project: exactly one of the two ids. */
export const CreateEvaluationBody = z
  .object({
    requestId: Id.optional(),
    projectId: Id.optional(),
    scores: Scores,
    comment: z.string().trim().max(4000).default(''),
  })
  .superRefine((b, issue) => {
    if ((b.requestId === undefined) === (b.projectId === undefined))
      issue.addIssue({
        code: 'custom',
        path: ['requestId'],
        message: 'Give either requestId or projectId',
      });
  });
export type CreateEvaluationBody = z.infer<typeof CreateEvaluationBody>;

export const UpdateEvaluationBody = z.object({
  scores: Scores.optional(),
  comment: z.string().trim().max(4000).optional(),
});
export type UpdateEvaluationBody = z.infer<typeof UpdateEvaluationBody>;

export const Evaluation = z.object({
  id: Id,
  modelId: Id,
  requestId: Id.nullable(),
  projectId: Id.nullable(),
  evaluator: Ref,
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
  /** Criteria keys whose stored level no longer exists in the model (ignored in the ranking). */
  outdated: z.array(z.string()),
  version: z.number().int(),
  updatedAt: Instant,
});
export type Evaluation = z.infer<typeof Evaluation>;
export const EvaluationList = z.object({ items: z.array(Evaluation) });

export const EvaluationQuery = z.object({ requestId: Id.optional(), projectId: Id.optional() });

// ---------------------------------------------------------------- ranking

export const RankedCriterion = z.object({
  key: z.string(),
  mean: z.number().nullable(),
  normalised: z.number().nullable(),
  /** Points of the total (0–100) this criterion brings. */
  points: z.number(),
  /** Points it could bring at the top of its scale (weight share × 100). */
  maxPoints: z.number(),
  spread: z.number(),
  relativeSpread: z.number(),
  evaluations: z.array(z.object({ evaluatorId: Id, value: z.number() })),
});

export const RankedCandidate = z.object({
  /**
   * A request (reference DEM-0004, stage of the intake) or a running project (its code, its
   * status), ranked together under the same model.
   */
  candidate: z.object({
    kind: z.enum(['request', 'project']),
    id: Id,
    reference: z.string(),
    title: z.string(),
    stage: z.string(),
  }),
  /** Null when nobody has scored it (`scored` false): it is listed after the ranked ones. */
  rank: z.number().int().nullable(),
  /**
   * At least one evaluator has scored it (always true under a model whose criteria all come
   * from the strategy map): an unscored candidate shows « non noté », not a score of 0.
   */
  scored: z.boolean(),
  total: z.number(),
  completeness: z.number(),
  maxRelativeSpread: z.number(),
  criteria: z.array(RankedCriterion),
  evaluators: z.array(z.object({ evaluatorId: Id, total: z.number(), scored: z.number().int() })),
});
export type RankedCandidate = z.infer<typeof RankedCandidate>;

export const Ranking = z.object({
  model: ScoringModel,
  evaluators: z.array(Ref),
  items: z.array(RankedCandidate),
});
export type Ranking = z.infer<typeof Ranking>;

// ---------------------------------------------------------------- portfolio scenarios

/** A selection file (formats/portfolio-selection.md); checked in depth by core parseSelection. */
export const SelectionFile = z.record(z.string(), z.unknown());

const CandidateIds = z.array(z.string().min(1).max(200)).max(20_000);

export const CreateScenarioBody = z.object({
  name: Text(120),
  description: z.string().trim().max(4000).default(''),
  selection: SelectionFile,
  forcedIn: CandidateIds.default([]),
  forcedOut: CandidateIds.default([]),
});
export type CreateScenarioBody = z.infer<typeof CreateScenarioBody>;

export const UpdateScenarioBody = z.object({
  name: Text(120).optional(),
  description: z.string().trim().max(4000).optional(),
  selection: SelectionFile.optional(),
  forcedIn: CandidateIds.optional(),
  forcedOut: CandidateIds.optional(),
});
export type UpdateScenarioBody = z.infer<typeof UpdateScenarioBody>;

export const RunScenarioBody = z.object({
  /** Seconds HiGHS may spend (per budget level for the frontier, shared out). */
  timeLimit: z.number().int().min(1).max(60).default(10),
});

export const SelectionResultSchema = z.object({
  status: z.enum(['optimal', 'feasible', 'infeasible']),
  objective: z.number().nullable(),
  selected: z.array(z.object({ id: z.string(), start: z.string() })),
  rejected: z.array(z.string()),
  budgetUsed: z.record(z.string(), z.number()),
  capacityUsed: z.record(z.string(), z.record(z.string(), z.number())),
  binding: z.array(z.string()),
  gap: z.number().nullable(),
  shadowPrices: z.record(z.string(), z.number()),
  conflicts: z.array(z.string()),
});
export type SelectionResultSchema = z.infer<typeof SelectionResultSchema>;

export const FrontierPoint = z.object({
  factor: z.number(),
  budget: z.number(),
  status: z.enum(['optimal', 'feasible', 'infeasible']),
  value: z.number().nullable(),
  gap: z.number().nullable(),
  selected: z.number().int(),
  spent: z.number(),
  efficient: z.boolean(),
});
export type FrontierPoint = z.infer<typeof FrontierPoint>;

/** The frontier computed as a background job: its state, progress and the points found so far. */
export const FRONTIER_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const FrontierRun = z.object({
  id: Id,
  scenarioId: Id,
  scenarioVersion: z.number().int(),
  state: z.enum(FRONTIER_RUN_STATES),
  /** 0–100: the share of budget levels solved. */
  progress: z.number().int(),
  levelsDone: z.number().int(),
  levels: z.number().int(),
  timeLimit: z.number().int(),
  points: z.array(FrontierPoint),
  /** Why it failed: SCENARIO_CHANGED (the scenario changed meanwhile), OPTIMIZER_FAILED, … */
  error: z.object({ code: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
  requestedBy: z.string(),
  createdAt: Instant,
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
});
export type FrontierRun = z.infer<typeof FrontierRun>;
export const FrontierRunResponse = z.object({ run: FrontierRun.nullable() });

// ---------------------------------------------------------------- scenarios from the backlog

export const BACKLOG_STAGES = ['submitted', 'needs_info', 'evaluation'] as const;

/**
 * How a scenario is built from the backlog (kept on the scenario to build it again): which
 * requests, valued how, over which months, with which budget and share of the teams' capacity.
 */
export const BacklogParams = z.object({
  stages: z.array(z.enum(BACKLOG_STAGES)).min(1).default(['evaluation']),
  valueBasis: z.enum(['score', 'npv']),
  /** Required when the value is the score. */
  scoringModelId: Id.nullable().default(null),
  firstMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  months: z.number().int().min(1).max(36).default(12),
  /** Budget per month in minor units; null = no budget constraint. */
  monthlyBudget: z.number().int().min(0).max(1e15).nullable(),
  /** How many months a start may slip after the earliest. */
  windowMonths: z.number().int().min(0).max(6).default(2),
  /** Share of each team's free capacity given to new projects (%); null = not constrained. */
  capacityShare: z.number().min(0).max(100).nullable().default(100),
});
export type BacklogParams = z.infer<typeof BacklogParams>;

export const ScenarioSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  candidateCount: z.number().int(),
  periods: z.array(z.string()),
  status: z.enum(['optimal', 'feasible', 'infeasible']).nullable(),
  objective: z.number().nullable(),
  selectedCount: z.number().int().nullable(),
  runAt: Instant.nullable(),
  version: z.number().int(),
  updatedAt: Instant,
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
export const ScenarioList = z.object({ items: z.array(ScenarioSummary) });

export const Scenario = ScenarioSummary.extend({
  selection: SelectionFile,
  /** What the page shows per candidate (from the file). */
  candidates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      value: z.number(),
      totalCost: z.number(),
      mandatory: z.boolean(),
    }),
  ),
  budget: z.array(z.number().nullable()),
  forcedIn: z.array(z.string()),
  forcedOut: z.array(z.string()),
  result: SelectionResultSchema.nullable(),
  frontier: z.array(FrontierPoint).nullable(),
  runSeconds: z.number().nullable(),
  /** How it was built from the backlog (it can be refreshed); null for an uploaded file. */
  backlog: BacklogParams.nullable(),
});
export type Scenario = z.infer<typeof Scenario>;

/**
 * A scenario built from the backlog: the requests at the chosen stages become candidates,
 * their business cases give cost and NPV, a scoring model the value, and each team's free
 * capacity its pool's hours (docs/scenarios.md).
 */
export const BacklogScenarioBody = BacklogParams.extend({
  name: Text(120),
  description: z.string().trim().max(4000).default(''),
});
export type BacklogScenarioBody = z.infer<typeof BacklogScenarioBody>;

export const BACKLOG_NOTE_CODES = [
  'NO_SCORE',
  'NO_NPV',
  'NO_COST',
  'AFTER_HORIZON',
  'TRUNCATED',
  'COST_FROM_ROUGH_ESTIMATE',
  'EFFORT_ON_DEFAULT_TEAM',
  'EFFORT_WITHOUT_TEAM',
] as const;

export const BacklogNote = z.object({
  requestId: Id,
  reference: z.string(),
  code: z.enum(BACKLOG_NOTE_CODES),
  excluded: z.boolean(),
});
export type BacklogNote = z.infer<typeof BacklogNote>;

export const BacklogScenario = Scenario.extend({ buildNotes: z.array(BacklogNote) });
export type BacklogScenario = z.infer<typeof BacklogScenario>;

const CandidateFigures = z.object({
  name: z.string(),
  value: z.number(),
  cost: z.number(),
  hours: z.record(z.string(), z.number()),
  earliestStart: z.string(),
  latestStart: z.string(),
});

/**
 * What « Actualiser depuis le backlog » would change: the scenario's file against the one built
 * again with the same parameters (core/scenarios/backlog-refresh.ts), and the build's notes.
 */
export const BacklogRefreshPreview = z.object({
  scenarioVersion: z.number().int(),
  added: z.array(z.object({ id: z.string(), after: CandidateFigures })),
  removed: z.array(z.object({ id: z.string(), before: CandidateFigures })),
  changed: z.array(
    z.object({
      id: z.string(),
      fields: z.array(z.enum(['name', 'value', 'cost', 'hours', 'window'])),
      before: CandidateFigures,
      after: CandidateFigures,
    }),
  ),
  unchanged: z.number().int(),
  periodsChanged: z.boolean(),
  budget: z.object({ before: z.number().nullable(), after: z.number().nullable() }),
  capacity: z.array(
    z.object({ pool: z.string(), before: z.number().nullable(), after: z.number().nullable() }),
  ),
  forcingDropped: z.array(z.string()),
  same: z.boolean(),
  buildNotes: z.array(BacklogNote),
  /**
   * Names the file the refresh would save: sent back on apply, it makes the apply refuse
   * (`BACKLOG_CHANGED`) a backlog that moved since this preview instead of saving a file nobody saw.
   */
  fingerprint: z.string(),
});
export type BacklogRefreshPreview = z.infer<typeof BacklogRefreshPreview>;

/** Applying a refresh: `fingerprint` of the preview the PMO read (recommended; without it the backlog as it is now is applied). */
export const BacklogRefreshBody = z
  .object({ fingerprint: z.string().min(1).max(100).optional() })
  .nullish();
export type BacklogRefreshBody = z.infer<typeof BacklogRefreshBody>;

export const BacklogRefreshResult = z.object({
  scenario: Scenario,
  applied: BacklogRefreshPreview,
});
export type BacklogRefreshResult = z.infer<typeof BacklogRefreshResult>;
