import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { people } from '../org/org.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { portfolios, programs, projects } from '../portfolio/portfolio.tables.ts';
import { risks } from './risks.tables.ts';

/** The issues log of a project: what happened, its impact, who handles it, how it was resolved. */
export const raidIssues = pgTable(
  'raid_issues',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    impact: text('impact').notNull().default(''),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    resolution: text('resolution').notNull().default(''),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    riskId: uuid('risk_id').references(() => risks.id, { onDelete: 'set null' }),
    /** The WBS task the issue affects (a task of the same project). */
    taskId: uuid('task_id').references(() => planTasks.id, { onDelete: 'set null' }),
    /** Escalated to the project's programme: that programme (as risks do). */
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'set null' }),
    /** Escalated to the portfolio: that portfolio. */
    portfolioId: uuid('portfolio_id').references(() => portfolios.id, { onDelete: 'set null' }),
    escalatedAt: instant('escalated_at'),
    /** Why the issue was raised (the last escalation). */
    escalationReason: text('escalation_reason').notNull().default(''),
  },
  (t) => [
    uniqueIndex('raid_issues_number_key').on(t.projectId, t.number),
    index('raid_issues_owner_idx').on(t.ownerId),
    index('raid_issues_program_idx').on(t.programId),
    index('raid_issues_portfolio_idx').on(t.portfolioId),
    index('raid_issues_task_idx').on(t.taskId),
    check(
      'raid_issues_priority_check',
      sql`${t.priority} in ('low', 'medium', 'high', 'critical')`,
    ),
    check(
      'raid_issues_status_check',
      sql`${t.status} in ('open', 'in_progress', 'resolved', 'closed')`,
    ),
  ],
);

/** The decisions log: the decision, the alternatives set aside, who decided and when. */
export const raidDecisions = pgTable(
  'raid_decisions',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    decision: text('decision').notNull().default(''),
    alternatives: text('alternatives').notNull().default(''),
    decidedById: uuid('decided_by_id').references(() => people.id, { onDelete: 'set null' }),
    forum: text('forum').notNull().default(''),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    /** Linked risks, issues and change requests of the same project: `[{ type, id }]`. */
    links: jsonb('links').notNull().default([]),
    changeRequestId: uuid('change_request_id'),
  },
  (t) => [
    uniqueIndex('raid_decisions_number_key').on(t.projectId, t.number),
    check('raid_decisions_status_check', sql`${t.status} in ('proposed', 'decided', 'superseded')`),
  ],
);

/**
 * Change requests: what and why, the impact analysis (task duration changes, budget changes
 * per month, linked risks) and the approval workflow draft → submitted → approved / rejected.
 */
export const raidChangeRequests = pgTable(
  'raid_change_requests',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    justification: text('justification').notNull().default(''),
    scopeImpact: text('scope_impact').notNull().default(''),
    riskImpact: text('risk_impact').notNull().default(''),
    /** `[{ taskId, deltaDays }]`. */
    taskChanges: jsonb('task_changes').notNull().default([]),
    /** `[{ lineId, month, deltaCents }]`. */
    budgetChanges: jsonb('budget_changes').notNull().default([]),
    riskIds: jsonb('risk_ids').notNull().default([]),
    costImpactCents: bigint('cost_impact_cents', { mode: 'number' }).notNull().default(0),
    scheduleImpactDays: integer('schedule_impact_days').notNull().default(0),
    requestedById: uuid('requested_by_id').references(() => people.id, { onDelete: 'set null' }),
    status: text('status').notNull(),
    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at'),
    decidedByName: text('decided_by_name'),
    decisionComment: text('decision_comment').notNull().default(''),
    decisionId: uuid('decision_id').references(() => raidDecisions.id, { onDelete: 'set null' }),
    applied: boolean('applied').notNull().default(false),
  },
  (t) => [
    uniqueIndex('raid_change_requests_number_key').on(t.projectId, t.number),
    check(
      'raid_change_requests_status_check',
      sql`${t.status} in ('draft', 'submitted', 'approved', 'rejected')`,
    ),
  ],
);

/**
 * The actions of risks, issues, decisions and change requests, in one table (source type + id),
 * so that "Mes actions" and the reminders read one indexed list.
 */
export const raidActions = pgTable(
  'raid_actions',
  {
    ...recordColumns(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    /** The project of the source (null for a programme risk). */
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    doneOn: date('done_on', { mode: 'string' }),
    /** The WBS task the action serves (a task of the source's project). */
    taskId: uuid('task_id').references(() => planTasks.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('raid_actions_source_idx').on(t.sourceType, t.sourceId),
    index('raid_actions_owner_idx').on(t.ownerId, t.status, t.dueDate),
    index('raid_actions_due_idx').on(t.status, t.dueDate),
    index('raid_actions_project_idx').on(t.projectId),
    check(
      'raid_actions_source_check',
      sql`${t.sourceType} in ('risk', 'issue', 'decision', 'change_request')`,
    ),
    check('raid_actions_status_check', sql`${t.status} in ('open', 'done', 'cancelled')`),
  ],
);

/**
 * The schedule impact of a register risk on the WBS: the working days it adds to each task it
 * hits when it occurs. With the risk's probability (the PMO's percentage for its level) and its
 * cost impact, this makes the register risk a risk event of the project's simulation: one
 * source of truth.
 */
export const riskTaskImpacts = pgTable(
  'risk_task_impacts',
  {
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    days: doublePrecision('days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.riskId, t.taskId] }),
    index('risk_task_impacts_task_idx').on(t.taskId),
    check('risk_task_impacts_days_check', sql`${t.days} > 0 and ${t.days} <= 1000`),
  ],
);
