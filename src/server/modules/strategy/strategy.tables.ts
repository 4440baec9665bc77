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
import { people } from '../org/org.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';

/**
 * Project requests (intake): submitted by anyone, triaged by the PMO, evaluated with a business
 * case, approved into a real project. The business case is kept with its request (one per
 * request); its indicators are computed by src/core/strategy/business-case.ts on read.
 */
export const projectRequests = pgTable(
  'strategy_project_requests',
  {
    ...recordColumns(),
    /** DEM-0001, DEM-0002…: what people quote. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    expectedBenefits: text('expected_benefits').notNull().default(''),
    requesterId: uuid('requester_id').references(() => users.id, { onDelete: 'set null' }),
    requesterName: text('requester_name'),
    requesterPersonId: uuid('requester_person_id').references(() => people.id, {
      onDelete: 'set null',
    }),
    sponsorId: uuid('sponsor_id').references(() => people.id, { onDelete: 'set null' }),
    portfolioId: uuid('portfolio_id').references(() => portfolios.id),
    roughCost: bigint('rough_cost', { mode: 'number' }),
    currency: text('currency').notNull().default('EUR'),
    roughEffortDays: integer('rough_effort_days'),
    /** The effort split by team: [{ teamId, days }] (contract TeamEffort), empty when not split. */
    effortByTeam: jsonb('effort_by_team').notNull().default([]),
    desiredStart: date('desired_start', { mode: 'string' }),
    desiredEnd: date('desired_end', { mode: 'string' }),
    urgency: text('urgency').notNull().default('medium'),
    stage: text('stage').notNull().default('submitted'),
    triageNote: text('triage_note').notNull().default(''),
    /** The contract's BusinessCaseBody, or null before the PMO writes one. */
    businessCase: jsonb('business_case'),
    projectId: uuid('project_id').references(() => projects.id),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    uniqueIndex('strategy_requests_number_key').on(t.number),
    index('strategy_requests_stage_idx').on(t.stage),
    index('strategy_requests_requester_idx').on(t.requesterId),
    check(
      'strategy_requests_stage_check',
      sql`${t.stage} in ('submitted', 'needs_info', 'evaluation', 'approved', 'rejected')`,
    ),
    check(
      'strategy_requests_urgency_check',
      sql`${t.urgency} in ('low', 'medium', 'high', 'critical')`,
    ),
    check('strategy_requests_cost_check', sql`${t.roughCost} is null or ${t.roughCost} >= 0`),
    check('strategy_requests_effort_by_team_check', sql`jsonb_typeof(${t.effortByTeam}) = 'array'`),
  ],
);
