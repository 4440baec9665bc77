import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

// Money is integer minor units (bigint, read back as JS numbers: see db/client.ts) plus an ISO
// currency; `*_eur` columns hold the amount converted at the rate valid on its date, which every
// total and roll-up reads. Months are `date` columns holding the first day of the month.

const money = (name: string) => bigint(name, { mode: 'number' });

/** A line of a project's working budget: what is bought, its nature and cost centre, its forecast. */
export const budgetLines = pgTable(
  'budget_lines',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    category: text('category').notNull(),
    nature: text('nature').notNull(),
    costCentre: text('cost_centre').notNull().default(''),
    /** A WBS task of the project's plan (read through the planning service); its progress earns the line's value. */
    taskId: uuid('task_id'),
    /** Bottom-up estimate to complete, EUR minor units; null until the project manager gives one. */
    etc: money('etc'),
    forecastComment: text('forecast_comment').notNull().default(''),
  },
  (t) => [
    index('budget_lines_project_idx').on(t.projectId, t.position),
    check('budget_lines_nature_check', sql`${t.nature} in ('capex', 'opex')`),
    check(
      'budget_lines_category_check',
      sql`${t.category} in ('internal_labour', 'external_services', 'software', 'hardware', 'travel', 'other')`,
    ),
  ],
);

/** The working budget's amount of a line for one month (EUR minor units). */
export const budgetAmounts = pgTable(
  'budget_amounts',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLines.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.month] }),
    index('budget_amounts_project_idx').on(t.projectId, t.month),
  ],
);

/**
 * A budget revision: the working budget submitted with a reason, then approved or rejected by
 * finance or the PMO. The approved revision with the highest number is the baseline (BAC, PV).
 */
export const budgetRevisions = pgTable(
  'budget_revisions',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    total: money('total').notNull(),
    submittedById: uuid('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    submittedByName: text('submitted_by_name'),
    decidedAt: instant('decided_at'),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decisionComment: text('decision_comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('budget_revisions_number_key').on(t.projectId, t.number),
    check(
      'budget_revisions_status_check',
      sql`${t.status} in ('submitted', 'approved', 'rejected')`,
    ),
  ],
);

/** The amounts of a revision as submitted, per line and month (lines deleted since stay here). */
export const budgetRevisionAmounts = pgTable(
  'budget_revision_amounts',
  {
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => budgetRevisions.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').notNull(),
    label: text('label').notNull(),
    category: text('category').notNull(),
    nature: text('nature').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.revisionId, t.lineId, t.month] }),
    index('budget_revision_amounts_project_idx').on(t.projectId, t.month),
  ],
);

/** A purchase order (commitment) against a project, optionally on a budget line. */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').references(() => budgetLines.id, { onDelete: 'set null' }),
    supplier: text('supplier').notNull(),
    reference: text('reference').notNull(),
    description: text('description').notNull().default(''),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull().default('EUR'),
    amountEur: money('amount_eur').notNull(),
  },
  (t) => [
    uniqueIndex('purchase_orders_reference_key').on(t.projectId, t.reference),
    index('purchase_orders_project_idx').on(t.projectId, t.orderDate),
  ],
);

/**
 * An actual cost. `source` says where it comes from: `invoice` and `other` are entered or
 * imported here; `labour` is fed from approved timesheets × dated cost rates.
 */
export const actualCosts = pgTable(
  'actual_costs',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').references(() => budgetLines.id, { onDelete: 'set null' }),
    source: text('source').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    supplier: text('supplier').notNull().default(''),
    reference: text('reference').notNull().default(''),
    description: text('description').notNull().default(''),
    amount: money('amount').notNull(),
    currency: text('currency').notNull().default('EUR'),
    amountEur: money('amount_eur').notNull(),
    /** The import that created it, if any. */
    importId: uuid('import_id'),
  },
  (t) => [
    index('actual_costs_project_idx').on(t.projectId, t.date),
    // The roll-up reads the status date's month from the raw rows (earlier months are pre-aggregated).
    index('actual_costs_date_idx').on(t.date),
    // The labour feed's freshness (its last run).
    index('actual_costs_labour_idx')
      .on(t.createdAt)
      .where(sql`${t.source} = 'labour'`),
    check('actual_costs_source_check', sql`${t.source} in ('invoice', 'other', 'labour')`),
  ],
);

/** Exchange rates to EUR: `rate` EUR for one unit of `currency`, valid from `validFrom`. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    currency: text('currency').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 18, scale: 8 }).notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    /** Bumped when the rate of that date is replaced; DELETE needs it in If-Match. */
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.currency, t.validFrom] })],
);

/**
 * The month-end close of a project: EVM figures at the status date and the bottom-up forecast,
 * kept as history (EVM trend, S-curve EV, "what changed since last month", portfolio roll-up EV).
 */
export const financeCloses = pgTable(
  'finance_closes',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    statusDate: date('status_date', { mode: 'string' }).notNull(),
    bac: money('bac').notNull(),
    pv: money('pv').notNull(),
    ev: money('ev').notNull(),
    ac: money('ac').notNull(),
    committed: money('committed').notNull(),
    etc: money('etc'),
    eac: money('eac').notNull(),
    /** Each line's budget, actual cost and forecast at the close: [{ lineId, label, budget, ac, etc }]. */
    lines: jsonb('lines').notNull().default([]),
    comment: text('comment').notNull().default(''),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    recordedByName: text('recorded_by_name'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.month] })],
);

/**
 * Pre-aggregates for the portfolio roll-up, derived from `budget_amounts` and `actual_costs`
 * and kept exact: every write of amounts or actual costs recomputes its projects' rows in the
 * same transaction (`refreshAggregates`). `line_key` is the budget line, or the project's own id
 * for costs on no line.
 */
export const financeLineMonths = pgTable(
  'finance_line_months',
  {
    lineKey: uuid('line_key').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    /** Actual cost of the month (EUR minor units). */
    actual: money('actual').notNull(),
    /** Actual cost from the start through the end of this month. */
    actualToDate: money('actual_to_date').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lineKey, t.month] }),
    index('finance_line_months_project_idx').on(t.projectId),
  ],
);

/**
 * The same running totals, one row per line key: `toDate[k]` (1-based) is the actual cost from
 * the start through the end of month `firstMonth` + k − 1, every month to the last one with a
 * cost. The roll-up reads a line's actual cost at any month end with one subscript, joined in
 * one pass, instead of one index probe per line. Rebuilt with the rows above.
 */
export const financeLineSeries = pgTable(
  'finance_line_series',
  {
    lineKey: uuid('line_key').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    firstMonth: date('first_month', { mode: 'string' }).notNull(),
    toDate: bigint('to_date', { mode: 'number' }).array().notNull(),
  },
  (t) => [index('finance_line_series_project_idx').on(t.projectId)],
);

/** Each budget line's working budget total (the sum of its months), kept like the above. */
export const financeLineBudgets = pgTable(
  'finance_line_budgets',
  {
    lineId: uuid('line_id')
      .primaryKey()
      .references(() => budgetLines.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    budget: money('budget').notNull(),
  },
  (t) => [index('finance_line_budgets_project_idx').on(t.projectId)],
);
