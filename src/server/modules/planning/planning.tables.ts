import {
  type AnyPgColumn,
  boolean,
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
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/** One row per planned project: the schedule's origin, status date and calendar. */
export const planSettings = pgTable('plan_settings', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  start: date('start', { mode: 'string' }).notNull(),
  statusDate: date('status_date', { mode: 'string' }),
  /** The contract's PlanCalendar, complete (defaults applied). */
  calendar: jsonb('calendar').notNull(),
  /** Computed: the span of the schedule, read by the roadmap without recomputing. */
  projectStart: date('project_start', { mode: 'string' }),
  projectFinish: date('project_finish', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Tasks of the WBS. The first block is what people edit (versioned); the second is the
 * schedule the engine computed after the last change, persisted so that the roadmap, the
 * milestone views and the iCal feed read it without recomputing.
 */
export const planTasks = pgTable(
  'plan_tasks',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => planTasks.id, {
      onDelete: 'cascade',
    }),
    /** Order among the siblings (0-based, dense). */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** Working days (leaves); kept when a task becomes a summary, used again if it stops being one. */
    duration: integer('duration').notNull().default(1),
    constraintType: text('constraint_type'),
    constraintDate: date('constraint_date', { mode: 'string' }),
    deadline: date('deadline', { mode: 'string' }),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    notes: text('notes').notNull().default(''),
    /** Leaves: as entered; summaries: computed roll-up weighted by duration. */
    percentComplete: doublePrecision('percent_complete').notNull().default(0),
    actualStart: date('actual_start', { mode: 'string' }),
    actualFinish: date('actual_finish', { mode: 'string' }),
    // Computed by the engine.
    wbs: text('wbs').notNull().default(''),
    level: integer('level').notNull().default(0),
    isSummary: boolean('is_summary').notNull().default(false),
    /** Working days: leaves = duration; summaries = the span of their leaves. */
    span: integer('span').notNull().default(0),
    start: date('start', { mode: 'string' }),
    finish: date('finish', { mode: 'string' }),
    lateStart: date('late_start', { mode: 'string' }),
    lateFinish: date('late_finish', { mode: 'string' }),
    totalFloat: integer('total_float'),
    freeFloat: integer('free_float'),
    critical: boolean('critical').notNull().default(false),
  },
  (t) => [
    index('plan_tasks_project_idx').on(t.projectId, t.parentId, t.position),
    index('plan_tasks_parent_idx').on(t.parentId),
    index('plan_tasks_owner_idx').on(t.ownerId),
  ],
);

/**
 * Dependencies between leaf tasks. `projectId` is the successor's project (the plan the link
 * belongs to); `fromProjectId` the predecessor's, different for a cross-project link.
 */
export const planLinks = pgTable(
  'plan_links',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromProjectId: uuid('from_project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromTaskId: uuid('from_task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    toTaskId: uuid('to_task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    lag: integer('lag').notNull().default(0),
  },
  (t) => [
    uniqueIndex('plan_links_pair_key').on(t.fromTaskId, t.toTaskId),
    index('plan_links_project_idx').on(t.projectId),
    index('plan_links_from_project_idx').on(t.fromProjectId, t.projectId),
    index('plan_links_to_idx').on(t.toTaskId),
  ],
);

export const planBaselines = pgTable(
  'plan_baselines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name'),
    projectFinish: date('project_finish', { mode: 'string' }),
    taskCount: integer('task_count').notNull(),
  },
  (t) => [index('plan_baselines_project_idx').on(t.projectId, t.createdAt)],
);

/** The snapshot of each task when the baseline was taken (tasks deleted since stay here). */
export const planBaselineTasks = pgTable(
  'plan_baseline_tasks',
  {
    baselineId: uuid('baseline_id')
      .notNull()
      .references(() => planBaselines.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').notNull(),
    name: text('name').notNull(),
    isSummary: boolean('is_summary').notNull(),
    start: date('start', { mode: 'string' }),
    finish: date('finish', { mode: 'string' }),
    span: integer('span').notNull(),
  },
  (t) => [primaryKey({ columns: [t.baselineId, t.taskId] })],
);

/** Milestone dates as planned at a status date, for the milestone trend chart. */
export const planMilestoneSnapshots = pgTable(
  'plan_milestone_snapshots',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    statusDate: date('status_date', { mode: 'string' }).notNull(),
    taskId: uuid('task_id').notNull(),
    name: text('name').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.statusDate, t.taskId] })],
);

/** One iCalendar feed per user; only the SHA-256 of the token is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_key').on(t.tokenHash)],
);
