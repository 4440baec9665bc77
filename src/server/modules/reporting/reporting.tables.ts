import { sql } from 'drizzle-orm';
import {
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
import { users } from '../platform/platform.tables.ts';
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';

const WEATHER_SQL = sql`('sun', 'cloud', 'rain', 'storm')`;

/** Reporting rules of a portfolio: how often its projects report and how weathers roll up. */
export const reportingSettings = pgTable(
  'reporting_settings',
  {
    portfolioId: uuid('portfolio_id')
      .primaryKey()
      .references(() => portfolios.id, { onDelete: 'cascade' }),
    frequency: text('frequency').notNull().default('monthly'),
    rollupRule: text('rollup_rule').notNull().default('worst'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'reporting_settings_frequency_check',
      sql`${t.frequency} in ('weekly', 'fortnightly', 'monthly')`,
    ),
    check(
      'reporting_settings_rule_check',
      sql`${t.rollupRule} in ('worst', 'weighted', 'majority')`,
    ),
  ],
);

/**
 * A status report ("météo projet") of a project for one period. `dimensions` holds the weather
 * of each dimension (schedule, cost, scope, quality, risks, resources), null when not assessed;
 * `metrics` the snapshot of the metric registry taken at submission (frozen afterwards).
 */
export const statusReports = pgTable(
  'status_reports',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    frequency: text('frequency').notNull(),
    state: text('state').notNull().default('draft'),
    overall: text('overall').notNull(),
    dimensions: jsonb('dimensions').notNull().default({}),
    achievements: text('achievements').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    issues: text('issues').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    metrics: jsonb('metrics'),
    metricsAsOf: date('metrics_as_of', { mode: 'string' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    submittedAt: instant('submitted_at'),
    submittedByName: text('submitted_by_name'),
    reviewedAt: instant('reviewed_at'),
    reviewerName: text('reviewer_name'),
    reviewComment: text('review_comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('status_reports_period_key').on(t.projectId, t.periodStart),
    index('status_reports_period_idx').on(t.periodStart, t.projectId),
    check(
      'status_reports_state_check',
      sql`${t.state} in ('draft', 'submitted', 'changes_requested', 'reviewed')`,
    ),
    check('status_reports_overall_check', sql`${t.overall} in ${WEATHER_SQL}`),
    check('status_reports_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** The PMO's override of a computed programme or portfolio weather for a period, with its reason. */
export const statusOverrides = pgTable(
  'status_overrides',
  {
    ...recordColumns(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    weather: text('weather').notNull(),
    comment: text('comment').notNull(),
    setById: uuid('set_by_id').references(() => users.id, { onDelete: 'set null' }),
    setByName: text('set_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('status_overrides_key').on(t.scopeType, t.scopeId, t.periodStart),
    check('status_overrides_scope_check', sql`${t.scopeType} in ('portfolio', 'program')`),
    check('status_overrides_weather_check', sql`${t.weather} in ${WEATHER_SQL}`),
  ],
);

/** A KPI of the library: a formula over registry metrics, its thresholds and who owns it. */
export const kpiDefinitions = pgTable(
  'kpi_definitions',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description').notNull().default(''),
    formula: text('formula').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').notNull(),
    target: doublePrecision('target'),
    green: doublePrecision('green').notNull(),
    amber: doublePrecision('amber').notNull(),
    frequency: text('frequency').notNull(),
    level: text('level').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    standard: boolean('standard').notNull().default(false),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('kpi_definitions_code_key').on(t.code),
    check('kpi_definitions_direction_check', sql`${t.direction} in ('up', 'down')`),
    check('kpi_definitions_level_check', sql`${t.level} in ('project', 'program', 'portfolio')`),
  ],
);

/** Computed KPI values, one per KPI, scope and day: the history behind trends. */
export const kpiValues = pgTable(
  'kpi_values',
  {
    kpiId: uuid('kpi_id')
      .notNull()
      .references(() => kpiDefinitions.id, { onDelete: 'cascade' }),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    value: doublePrecision('value'),
    status: text('status'),
    computedAt: instant('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kpiId, t.scopeType, t.scopeId, t.asOf] }),
    index('kpi_values_scope_idx').on(t.scopeType, t.scopeId, t.asOf),
  ],
);
