import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { budgetLines } from '../finance/finance.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { risks } from '../risks/risks.tables.ts';

// Schedule and cost risk (issue 7): what the project's simulation reads (estimates on tasks,
// risk events, cost ranges on budget lines) and the runs it keeps. Durations are working days
// (real numbers), money EUR minor units.

const money = (name: string) => bigint(name, { mode: 'number' });
const DISTRIBUTION_CHECK = (col: unknown) => sql`${col} in ('triangular', 'pert', 'uniform')`;

/** A three-point estimate of a leaf task's duration (one per task). */
export const simEstimates = pgTable(
  'sim_estimates',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    distribution: text('distribution').notNull(),
    min: doublePrecision('min').notNull(),
    mode: doublePrecision('mode').notNull(),
    max: doublePrecision('max').notNull(),
  },
  (t) => [
    uniqueIndex('sim_estimates_task_key').on(t.taskId),
    index('sim_estimates_project_idx').on(t.projectId),
    check('sim_estimates_distribution_check', DISTRIBUTION_CHECK(t.distribution)),
    check('sim_estimates_order_check', sql`0 <= ${t.min} and ${t.min} <= ${t.max}`),
  ],
);

/** A risk event of a project: occurs with a probability, then delays tasks and costs money. */
export const simRiskEvents = pgTable(
  'sim_risk_events',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The register's risk this event quantifies, if any. */
    riskId: uuid('risk_id').references(() => risks.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    probability: doublePrecision('probability').notNull(),
    costImpact: money('cost_impact').notNull().default(0),
  },
  (t) => [
    index('sim_risk_events_project_idx').on(t.projectId),
    check('sim_risk_events_probability_check', sql`${t.probability} between 0 and 1`),
  ],
);

/** Working days a risk event adds to a task when it occurs. */
export const simRiskImpacts = pgTable(
  'sim_risk_impacts',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => simRiskEvents.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    days: doublePrecision('days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.taskId] }),
    index('sim_risk_impacts_task_idx').on(t.taskId),
  ],
);

/** The range a budget line may really cost (one per line). */
export const simCostRanges = pgTable(
  'sim_cost_ranges',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLines.id, { onDelete: 'cascade' }),
    distribution: text('distribution').notNull(),
    min: money('min').notNull(),
    mode: money('mode').notNull(),
    max: money('max').notNull(),
  },
  (t) => [
    uniqueIndex('sim_cost_ranges_line_key').on(t.lineId),
    index('sim_cost_ranges_project_idx').on(t.projectId),
    check('sim_cost_ranges_distribution_check', DISTRIBUTION_CHECK(t.distribution)),
    check('sim_cost_ranges_order_check', sql`0 <= ${t.min} and ${t.min} <= ${t.max}`),
  ],
);

/**
 * A simulation run: queued, running (with its progress), then done (its result kept) or
 * failed (an error code). A run left queued or running by a stopped server is run again on
 * start: same inputs and seed give the same result.
 */
export const simRuns = pgTable(
  'sim_runs',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** 1, 2… per project. */
    number: integer('number').notNull(),
    state: text('state').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    iterations: integer('iterations').notNull(),
    seed: text('seed').notNull(),
    targetDate: date('target_date', { mode: 'string' }),
    milestoneIds: jsonb('milestone_ids').notNull().default([]),
    /** Counts of what the run read: tasks, estimates, events, cost ranges. */
    inputs: jsonb('inputs').notNull().default({}),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedByName: text('requested_by_name'),
    result: jsonb('result'),
    p80Finish: date('p80_finish', { mode: 'string' }),
    p80Cost: money('p80_cost'),
    error: text('error'),
    errorDetails: jsonb('error_details'),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    uniqueIndex('sim_runs_number_key').on(t.projectId, t.number),
    index('sim_runs_state_idx').on(t.state),
    check('sim_runs_state_check', sql`${t.state} in ('queued', 'running', 'done', 'failed')`),
  ],
);
