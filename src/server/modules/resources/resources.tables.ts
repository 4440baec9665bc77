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
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/** Generic roles (Chef de projet, Développeur…) with the default hourly cost rate of the role. */
export const resourceRoles = pgTable(
  'resource_roles',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Default cost per hour, minor units, when a person has no rate of their own. */
    defaultRateMinor: bigint('default_rate_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
  },
  (t) => [
    uniqueIndex('resource_roles_code_key').on(t.code),
    check('resource_roles_rate_check', sql`${t.defaultRateMinor} >= 0`),
  ],
);

/** Teams or pools of people, managed by a resource manager. */
export const resourceTeams = pgTable(
  'resource_teams',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    leadId: uuid('lead_id').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('resource_teams_code_key').on(t.code)],
);

/**
 * The capacity side of a person (one row per person; people without one have the default
 * full-time pattern): hours worked on each ISO weekday, generic role, team.
 */
export const resourceProfiles = pgTable(
  'resource_profiles',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id').references(() => resourceRoles.id),
    teamId: uuid('team_id').references(() => resourceTeams.id, { onDelete: 'set null' }),
    /** Hours per ISO weekday, Monday first: seven numbers in [0, 24]. */
    weekHours: jsonb('week_hours').$type<number[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('resource_profiles_role_idx').on(t.roleId),
    index('resource_profiles_team_idx').on(t.teamId),
  ],
);

/** Hourly cost rates of a person, each valid from a date until the next one. */
export const costRates = pgTable(
  'resource_cost_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    rateMinor: bigint('rate_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('EUR'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('resource_cost_rates_person_from_key').on(t.personId, t.validFrom),
    check('resource_cost_rates_rate_check', sql`${t.rateMinor} >= 0`),
  ],
);

/** Absences (congés, RTT, formation, maladie…): requested, then approved or rejected. */
export const absences = pgTable(
  'resource_absences',
  {
    ...recordColumns(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    finish: date('finish', { mode: 'string' }).notNull(),
    /** Share of each day off, 0.5 for half days. */
    dayFraction: doublePrecision('day_fraction').notNull().default(1),
    status: text('status').notNull().default('requested'),
    comment: text('comment').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    index('resource_absences_person_idx').on(t.personId, t.start),
    index('resource_absences_period_idx').on(t.start, t.finish),
    check('resource_absences_period_check', sql`${t.finish} >= ${t.start}`),
    check(
      'resource_absences_kind_check',
      sql`${t.kind} in ('conges', 'rtt', 'formation', 'maladie', 'autre')`,
    ),
    check(
      'resource_absences_status_check',
      sql`${t.status} in ('requested', 'approved', 'rejected', 'cancelled')`,
    ),
    check('resource_absences_fraction_check', sql`${t.dayFraction} > 0 and ${t.dayFraction} <= 1`),
  ],
);

/** A person given to a project over a period: hours per week or a share of capacity. */
export const allocations = pgTable(
  'resource_allocations',
  {
    ...recordColumns(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    start: date('start', { mode: 'string' }).notNull(),
    finish: date('finish', { mode: 'string' }).notNull(),
    /** 'hours': `amount` hours a week; 'percent': `amount` % of the person's capacity. */
    unit: text('unit').notNull(),
    amount: doublePrecision('amount').notNull(),
    /** 'soft' (proposed) or 'hard' (confirmed). */
    status: text('status').notNull().default('soft'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('resource_allocations_person_idx').on(t.personId, t.start),
    index('resource_allocations_project_idx').on(t.projectId),
    check('resource_allocations_period_check', sql`${t.finish} >= ${t.start}`),
    check('resource_allocations_unit_check', sql`${t.unit} in ('hours', 'percent')`),
    check('resource_allocations_status_check', sql`${t.status} in ('soft', 'hard')`),
    check('resource_allocations_amount_check', sql`${t.amount} > 0`),
  ],
);

/** Effort of a person on a task of a plan (the plan's dates spread it over the weeks). */
export const taskAssignments = pgTable(
  'resource_task_assignments',
  {
    ...recordColumns(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    effortHours: doublePrecision('effort_hours').notNull(),
  },
  (t) => [
    uniqueIndex('resource_task_assignments_task_person_key').on(t.taskId, t.personId),
    index('resource_task_assignments_person_idx').on(t.personId),
    index('resource_task_assignments_project_idx').on(t.projectId),
    check('resource_task_assignments_effort_check', sql`${t.effortHours} >= 0`),
  ],
);
