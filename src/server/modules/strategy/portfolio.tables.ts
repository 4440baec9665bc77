import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { users } from '../platform/platform.tables.ts';
import { portfolioScenarios } from './scenarios.tables.ts';

/**
 * The efficient frontier of a scenario computed as a background job (pg-boss queue
 * `strategy-frontier`): one run kept per scenario (a new request replaces a finished one),
 * its state and progress (budget levels solved), the points found so far, and why it failed.
 * The frontier itself is stored on the scenario when the run ends, against the version the
 * run started from.
 */
export const frontierRuns = pgTable(
  'strategy_frontier_runs',
  {
    ...recordColumns(),
    scenarioId: uuid('scenario_id')
      .notNull()
      .references(() => portfolioScenarios.id, { onDelete: 'cascade' }),
    scenarioVersion: integer('scenario_version').notNull(),
    timeLimit: integer('time_limit').notNull(),
    state: text('state').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    levelsDone: integer('levels_done').notNull().default(0),
    levels: integer('levels').notNull(),
    points: jsonb('points').notNull().default([]),
    error: jsonb('error'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedByName: text('requested_by_name').notNull().default(''),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    uniqueIndex('strategy_frontier_runs_scenario_key').on(t.scenarioId),
    index('strategy_frontier_runs_state_idx').on(t.state),
    check(
      'strategy_frontier_runs_state_check',
      sql`${t.state} in ('queued', 'running', 'done', 'failed')`,
    ),
    check('strategy_frontier_runs_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);
