import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
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
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';

const money = (name: string) => bigint(name, { mode: 'number' });
// Thresholds in ten-thousandths (9500 = 0.95; VAC −500 = −5 % of BAC), compared exactly.
const bp = (name: string) => integer(name).notNull();

/**
 * EVM status bands: the company's (portfolio_id null, at most one) and a portfolio's override.
 */
export const evmThresholds = pgTable(
  'evm_thresholds',
  {
    ...recordColumns(),
    portfolioId: uuid('portfolio_id').references(() => portfolios.id, { onDelete: 'cascade' }),
    spiWatch: bp('spi_watch'),
    spiAlert: bp('spi_alert'),
    cpiWatch: bp('cpi_watch'),
    cpiAlert: bp('cpi_alert'),
    vacWatch: bp('vac_watch'),
    vacAlert: bp('vac_alert'),
  },
  (t) => [
    uniqueIndex('evm_thresholds_portfolio_key').on(t.portfolioId),
    uniqueIndex('evm_thresholds_company_key')
      .on(sql`(true)`)
      .where(sql`${t.portfolioId} is null`),
    check('evm_thresholds_spi_check', sql`${t.spiWatch} >= ${t.spiAlert} and ${t.spiAlert} > 0`),
    check('evm_thresholds_cpi_check', sql`${t.cpiWatch} >= ${t.cpiAlert} and ${t.cpiAlert} > 0`),
    check('evm_thresholds_vac_check', sql`${t.vacWatch} >= ${t.vacAlert}`),
  ],
);

/**
 * The monthly forecast cycle: the project manager submits a re-forecast for a period (estimate
 * to complete phased by month, with a comment); finance approves or rejects it with a comment.
 * The figures at submission (AC, BAC, EAC) are kept so the history reads as it was.
 */
export const financeForecasts = pgTable(
  'finance_forecasts',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** First day of the forecast's month. */
    period: date('period', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    /** [{ month: 'YYYY-MM', amount }] in EUR minor units. */
    etcByMonth: jsonb('etc_by_month').notNull().default([]),
    etc: money('etc').notNull(),
    ac: money('ac').notNull(),
    bac: money('bac').notNull(),
    eac: money('eac').notNull(),
    comment: text('comment').notNull().default(''),
    submittedById: uuid('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    submittedByName: text('submitted_by_name'),
    decidedAt: instant('decided_at'),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decisionComment: text('decision_comment').notNull().default(''),
  },
  (t) => [
    index('finance_forecasts_project_idx').on(t.projectId, t.period),
    // One live forecast per project and period: a rejected one may be submitted again.
    uniqueIndex('finance_forecasts_live_key')
      .on(t.projectId, t.period)
      .where(sql`${t.status} <> 'rejected'`),
    check(
      'finance_forecasts_status_check',
      sql`${t.status} in ('submitted', 'approved', 'rejected')`,
    ),
    check('finance_forecasts_etc_check', sql`${t.etc} >= 0`),
  ],
);

/** The company's discount rate for business cases, from an effective date (a decimal % string). */
export const discountRatePolicies = pgTable(
  'discount_rate_policies',
  {
    ...recordColumns(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    rate: text('rate').notNull(),
    note: text('note').notNull().default(''),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name'),
  },
  (t) => [uniqueIndex('discount_rate_policies_from_key').on(t.effectiveFrom)],
);

/**
 * Benefits tracking: a benefit realised by a project in a period (`YYYY` or `YYYY-MM`, as its
 * business case), of a kind (saving, revenue, avoided cost), recorded after closure.
 */
export const benefitRealisations = pgTable(
  'benefit_realisations',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    amount: money('amount').notNull(),
    comment: text('comment').notNull().default(''),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    recordedByName: text('recorded_by_name'),
  },
  (t) => [
    uniqueIndex('benefit_realisations_key').on(t.projectId, t.period, t.kind),
    check('benefit_realisations_kind_check', sql`${t.kind} in ('saving', 'revenue', 'avoided')`),
    check('benefit_realisations_amount_check', sql`${t.amount} >= 0`),
    check('benefit_realisations_period_check', sql`${t.period} ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'`),
  ],
);
