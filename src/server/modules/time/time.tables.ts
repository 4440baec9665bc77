import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/** The organisation's timesheet rules and approval policy: a single row (id = 1). */
export const timeSettings = pgTable(
  'time_settings',
  {
    id: integer('id').primaryKey(),
    /** Hundredths of an hour. */
    maxDayCenti: integer('max_day_centi').notNull(),
    maxWeekCenti: integer('max_week_centi').notNull(),
    approverPolicy: text('approver_policy').notNull(),
    lateAfterDays: integer('late_after_days').notNull(),
    remindersEnabled: boolean('reminders_enabled').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('time_settings_single', sql`${t.id} = 1`),
    check(
      'time_settings_policy',
      sql`${t.approverPolicy} in ('resource_manager', 'project_manager')`,
    ),
  ],
);

/** Non-project activities (absence, training, internal, support) people may charge time to. */
export const timeActivities = pgTable(
  'time_activities',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('time_activities_code_key').on(t.code),
    check('time_activities_kind', sql`${t.kind} in ('absence', 'training', 'internal', 'support')`),
  ],
);

/** One person's week (Monday to Sunday): its status and the last decision on it. */
export const timesheets = pgTable(
  'timesheets',
  {
    ...recordColumns(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('draft'),
    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at'),
    /** The rejection comment shown to the person, cleared on the next submission. */
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('timesheets_person_week_key').on(t.personId, t.weekStart),
    index('timesheets_status_idx').on(t.status, t.weekStart),
    check('timesheets_status', sql`${t.status} in ('draft', 'submitted', 'approved', 'rejected')`),
    check('timesheets_monday', sql`extract(isodow from ${t.weekStart}) = 1`),
  ],
);

/**
 * The lines of a week: a project (with an optional task of that project) or an activity.
 * Approval is per line, so that under the project-manager policy each project's manager
 * decides their own project's hours; the sheet's status is derived from its lines.
 */
export const timesheetLines = pgTable(
  'timesheet_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    timesheetId: uuid('timesheet_id')
      .notNull()
      .references(() => timesheets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => planTasks.id, { onDelete: 'set null' }),
    activityId: uuid('activity_id').references(() => timeActivities.id),
    approval: text('approval').notNull().default('pending'),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decidedAt: instant('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    index('timesheet_lines_sheet_idx').on(t.timesheetId, t.position),
    index('timesheet_lines_project_idx').on(t.projectId, t.approval),
    index('timesheet_lines_task_idx').on(t.taskId),
    check('timesheet_lines_target', sql`(${t.projectId} is null) <> (${t.activityId} is null)`),
    check('timesheet_lines_approval', sql`${t.approval} in ('pending', 'approved', 'rejected')`),
  ],
);

/** Hours of one line on one day, in hundredths of an hour (empty cells are not stored). */
export const timesheetEntries = pgTable(
  'timesheet_entries',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => timesheetLines.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    centi: integer('centi').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.date] }),
    index('timesheet_entries_date_idx').on(t.date),
    check('timesheet_entries_centi', sql`${t.centi} > 0 and ${t.centi} <= 2400`),
  ],
);

/** Closed periods (a month closed by the PMO or finance): no hours may change on their days. */
export const timeLocks = pgTable(
  'time_locks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    from: date('from_date', { mode: 'string' }).notNull(),
    to: date('to_date', { mode: 'string' }).notNull(),
    label: text('label').notNull().default(''),
    lockedById: uuid('locked_by_id').references(() => users.id, { onDelete: 'set null' }),
    lockedByName: text('locked_by_name'),
    lockedAt: instant('locked_at').notNull().defaultNow(),
  },
  (t) => [
    index('time_locks_range_idx').on(t.from, t.to),
    check('time_locks_order', sql`${t.from} <= ${t.to}`),
  ],
);
