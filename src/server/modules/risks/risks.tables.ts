import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { portfolios, programs, projects } from '../portfolio/portfolio.tables.ts';

/** The PMO's scales and matrix: one row, id `default` (core RiskSettings as JSON). */
export const riskSettings = pgTable('risk_settings', {
  id: text('id').primaryKey(),
  settings: jsonb('settings').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** The risk breakdown structure (RBS) the PMO maintains: categories in a tree. */
export const riskCategories = pgTable(
  'risk_categories',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id').references((): AnyPgColumn => riskCategories.id),
  },
  (t) => [uniqueIndex('risk_categories_code_key').on(t.code)],
);

/**
 * Risks of a project (project_id set) or of a programme (project_id null). A project risk
 * escalated to its programme keeps its project and gets the programme (program_id) too.
 * `impact` (worst dimension), `score`, `residual_impact` and `emv_cents` are computed on
 * every write so that heat maps and filters are plain indexed SQL.
 */
export const risks = pgTable(
  'risks',
  {
    ...recordColumns(),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    /** A portfolio-level risk (alone), or a project/programme risk escalated to its portfolio. */
    portfolioId: uuid('portfolio_id').references(() => portfolios.id, { onDelete: 'cascade' }),
    /** Why the risk was raised to the programme or portfolio (the last escalation). */
    escalationReason: text('escalation_reason').notNull().default(''),
    /** … per project (or programme). */
    number: integer('number').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    cause: text('cause').notNull().default(''),
    event: text('event').notNull().default(''),
    effect: text('effect').notNull().default(''),
    categoryId: uuid('category_id').references(() => riskCategories.id),
    probability: smallint('probability').notNull(),
    impactCost: smallint('impact_cost'),
    impactSchedule: smallint('impact_schedule'),
    impactQuality: smallint('impact_quality'),
    impactReputation: smallint('impact_reputation'),
    impact: smallint('impact').notNull(),
    score: smallint('score').notNull(),
    costImpactCents: bigint('cost_impact_cents', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    emvCents: bigint('emv_cents', { mode: 'number' }).notNull().default(0),
    contingencyCents: bigint('contingency_cents', { mode: 'number' }),
    scheduleImpactDays: integer('schedule_impact_days'),
    proximity: date('proximity', { mode: 'string' }),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    strategy: text('strategy'),
    response: text('response').notNull().default(''),
    residualProbability: smallint('residual_probability'),
    residualImpact: smallint('residual_impact'),
    status: text('status').notNull(),
    escalatedAt: instant('escalated_at'),
    closedAt: instant('closed_at'),
  },
  (t) => [
    uniqueIndex('risks_project_number_key')
      .on(t.projectId, t.number)
      .where(sql`${t.projectId} is not null`),
    uniqueIndex('risks_program_number_key')
      .on(t.programId, t.number)
      .where(sql`${t.projectId} is null`),
    uniqueIndex('risks_portfolio_number_key')
      .on(t.portfolioId, t.number)
      .where(sql`${t.projectId} is null and ${t.programId} is null`),
    index('risks_portfolio_idx').on(t.portfolioId, t.status, t.score),
    index('risks_project_idx').on(t.projectId, t.status, t.score),
    index('risks_program_idx').on(t.programId, t.status, t.score),
    // The heat map's grouped read, off the index alone: every column it filters, groups or sums
    // (an index-only scan reads a third of what the table scan read).
    index('risks_heat_idx').on(
      t.status,
      t.probability,
      t.impact,
      t.kind,
      t.emvCents,
      t.contingencyCents,
      t.residualProbability,
      t.residualImpact,
      t.projectId,
      t.programId,
      t.portfolioId,
    ),
    index('risks_score_idx').on(t.score, t.id),
    // The register's default order (top risks first, keyset on id): read off the index.
    index('risks_top_idx').on(sql`${t.score} desc nulls last`, t.id),
    // A clicked cell's risks, top first, read off the index (inherent, then residual: the
    // residual level falls back to the inherent one).
    index('risks_cell_idx').on(t.probability, t.impact, sql`${t.score} desc nulls last`, t.id),
    index('risks_residual_cell_idx').on(
      sql`coalesce(${t.residualProbability}, ${t.probability})`,
      sql`coalesce(${t.residualImpact}, ${t.impact})`,
      sql`${t.score} desc nulls last`,
      t.id,
    ),
    // The other orders of the register (keyset on id).
    index('risks_emv_idx').on(sql`${t.emvCents} desc nulls last`, t.id),
    index('risks_proximity_idx').on(sql`${t.proximity} asc nulls last`, t.id),
    index('risks_owner_idx').on(t.ownerId),
    index('risks_category_idx').on(t.categoryId),
    check(
      'risks_scope_check',
      sql`${t.projectId} is not null or ${t.programId} is not null or ${t.portfolioId} is not null`,
    ),
    check('risks_kind_check', sql`${t.kind} in ('threat', 'opportunity')`),
    check('risks_status_check', sql`${t.status} in ('open', 'monitoring', 'occurred', 'closed')`),
    check('risks_probability_check', sql`${t.probability} between 1 and 10`),
    check('risks_impact_check', sql`${t.impact} between 0 and 10`),
    check('risks_money_check', sql`${t.costImpactCents} >= 0`),
  ],
);

/** The dated history of a risk's assessment: one row per change of probability or impact. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    probability: smallint('probability').notNull(),
    impact: smallint('impact').notNull(),
    residualProbability: smallint('residual_probability'),
    residualImpact: smallint('residual_impact'),
    emvCents: bigint('emv_cents', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    assessedBy: uuid('assessed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('risk_assessments_risk_idx').on(t.riskId, t.assessedOn)],
);
