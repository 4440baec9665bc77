import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { actualCosts, budgetLines, purchaseOrders } from '../finance/finance.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { trainingSessions } from './staffing.tables.ts';

/**
 * A training session's cost charged to a project's budget line: a commitment (a purchase order)
 * or an actual cost, written through the finance service. The finance record is the truth: when
 * it is deleted in the budget, the posting goes with it (cascade). One posting per session.
 */
export const trainingCostPostings = pgTable(
  'training_cost_postings',
  {
    ...recordColumns(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').references(() => budgetLines.id, { onDelete: 'set null' }),
    /** commitment (purchase order) or actual (actual cost). */
    kind: text('kind').notNull(),
    purchaseOrderId: uuid('purchase_order_id').references(() => purchaseOrders.id, {
      onDelete: 'cascade',
    }),
    actualCostId: uuid('actual_cost_id').references(() => actualCosts.id, { onDelete: 'cascade' }),
    /** Amount posted, minor units of `currency`. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** Participants holding a seat when posted. */
    participants: integer('participants').notNull(),
    /** The amount was the session's own (an intra-company price), not course cost × seats. */
    ownCost: boolean('own_cost').notNull().default(false),
    /** The commitment's order date or the actual's date. */
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    /**
     * Why an actual cost needs a look from finance (it is never changed by itself):
     * participants_changed (enrolments moved after it was posted) or session_cancelled.
     * Null once finance has checked it. A commitment follows by itself and is never flagged.
     */
    review: text('review'),
  },
  (t) => [
    uniqueIndex('training_cost_postings_session_key').on(t.sessionId),
    index('training_cost_postings_project_idx').on(t.projectId),
    check('training_cost_postings_kind_check', sql`${t.kind} in ('commitment', 'actual')`),
    check('training_cost_postings_amount_check', sql`${t.amountMinor} > 0`),
    check(
      'training_cost_postings_review_check',
      sql`${t.review} is null or ${t.review} in ('participants_changed', 'session_cancelled')`,
    ),
    check(
      'training_cost_postings_record_check',
      sql`(${t.kind} = 'commitment' and ${t.purchaseOrderId} is not null and ${t.actualCostId} is null)
        or (${t.kind} = 'actual' and ${t.actualCostId} is not null and ${t.purchaseOrderId} is null)`,
    ),
  ],
);
