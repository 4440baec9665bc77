import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { projectRequests } from './strategy.tables.ts';

/**
 * Scoring models: weighted criteria (the contract's ScoringCriterion[], kept with the model and
 * versioned with it), each with a scale whose levels carry what they mean to evaluators.
 */
export const scoringModels = pgTable(
  'strategy_scoring_models',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    criteria: jsonb('criteria').notNull().default([]),
  },
  (t) => [uniqueIndex('strategy_scoring_models_name_key').on(t.name)],
);

/**
 * One evaluator's sheet for one candidate under one model: the level given to each criterion
 * ({ criterionKey: level }), and a comment. Several evaluators per candidate. A candidate is a
 * project request or a running project (re-scored with the same models): exactly one is set.
 */
export const scoringEvaluations = pgTable(
  'strategy_scoring_evaluations',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => scoringModels.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').references(() => projectRequests.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    evaluatorId: uuid('evaluator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').notNull().default({}),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('strategy_scoring_evaluations_key').on(t.modelId, t.requestId, t.evaluatorId),
    uniqueIndex('strategy_scoring_evaluations_project_key').on(
      t.modelId,
      t.projectId,
      t.evaluatorId,
    ),
    index('strategy_scoring_evaluations_request_idx').on(t.requestId),
    index('strategy_scoring_evaluations_project_idx').on(t.projectId),
    check(
      'strategy_scoring_evaluations_candidate_check',
      sql`(${t.projectId} is null) <> (${t.requestId} is null)`,
    ),
    check('strategy_scoring_evaluations_scores_check', sql`jsonb_typeof(${t.scores}) = 'object'`),
  ],
);

/**
 * Portfolio scenarios: a selection problem (formats/portfolio-selection.md, as the file's JSON),
 * the PMO's forcing of candidates in or out, and the last run's result and efficient frontier
 * (cleared when the problem or the forcing changes).
 */
export const portfolioScenarios = pgTable(
  'strategy_portfolio_scenarios',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    selection: jsonb('selection').notNull(),
    forcedIn: jsonb('forced_in').notNull().default([]),
    forcedOut: jsonb('forced_out').notNull().default([]),
    result: jsonb('result'),
    frontier: jsonb('frontier'),
    runAt: instant('run_at'),
    runSeconds: real('run_seconds'),
    /**
     * How a scenario built from the backlog was built (the contract's BacklogParams), so that
     * it can be built again (« Actualiser depuis le backlog »); null for an uploaded file.
     */
    backlog: jsonb('backlog'),
  },
  (t) => [uniqueIndex('strategy_portfolio_scenarios_name_key').on(t.name)],
);
