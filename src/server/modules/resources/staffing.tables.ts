import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { allocations, resourceRoles } from './resources.tables.ts';

/**
 * A project's request for a resource: a generic role or a named person, the skills needed at a
 * minimum level, a period and an amount (hours a week or FTE), answered by allocations.
 */
export const resourceRequests = pgTable(
  'resource_requests',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id').references(() => resourceRoles.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** Skills needed: `[{ skillId, minLevel }]`. */
    skills: jsonb('skills').$type<{ skillId: string; minLevel: number }[]>().notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    finish: date('finish', { mode: 'string' }).notNull(),
    /** 'hours': `amount` hours a week; 'fte': `amount` full-time equivalents. */
    unit: text('unit').notNull(),
    amount: doublePrecision('amount').notNull(),
    priority: text('priority').notNull().default('medium'),
    comment: text('comment').notNull().default(''),
    /** draft, submitted, partially_staffed, staffed, rejected, cancelled. */
    status: text('status').notNull().default('draft'),
    answer: text('answer').notNull().default(''),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('resource_requests_project_idx').on(t.projectId),
    index('resource_requests_status_idx').on(t.status, t.start),
    check('resource_requests_period_check', sql`${t.finish} >= ${t.start}`),
    check('resource_requests_unit_check', sql`${t.unit} in ('hours', 'fte')`),
    check('resource_requests_amount_check', sql`${t.amount} > 0`),
    check(
      'resource_requests_priority_check',
      sql`${t.priority} in ('low', 'medium', 'high', 'critical')`,
    ),
    check(
      'resource_requests_status_check',
      sql`${t.status} in ('draft', 'submitted', 'partially_staffed', 'staffed', 'rejected', 'cancelled')`,
    ),
  ],
);

/** The allocations that answer a request. */
export const requestAllocations = pgTable(
  'resource_request_allocations',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => resourceRequests.id, { onDelete: 'cascade' }),
    allocationId: uuid('allocation_id')
      .notNull()
      .references(() => allocations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('resource_request_allocations_key').on(t.allocationId),
    index('resource_request_allocations_request_idx').on(t.requestId),
  ],
);
