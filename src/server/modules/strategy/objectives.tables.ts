import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { projectRequests } from './strategy.tables.ts';

/**
 * The strategy tree: axes (no parent) and their objectives, with relative weights, an owner, a
 * horizon year and measurable targets (the contract's ObjectiveTarget[], kept with the
 * objective and versioned with it).
 */
export const objectives = pgTable(
  'strategy_objectives',
  {
    ...recordColumns(),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => objectives.id, {
      onDelete: 'restrict',
    }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    weight: integer('weight').notNull().default(1),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    horizon: integer('horizon'),
    position: integer('position').notNull().default(0),
    targets: jsonb('targets').notNull().default([]),
  },
  (t) => [
    uniqueIndex('strategy_objectives_code_key').on(t.code),
    index('strategy_objectives_parent_idx').on(t.parentId),
    check('strategy_objectives_kind_check', sql`${t.kind} in ('axis', 'objective')`),
    check('strategy_objectives_parent_check', sql`(${t.kind} = 'axis') = (${t.parentId} is null)`),
    check('strategy_objectives_weight_check', sql`${t.weight} between 0 and 100`),
    check(
      'strategy_objectives_horizon_check',
      sql`${t.horizon} is null or ${t.horizon} between 2000 and 2100`,
    ),
  ],
);

/**
 * How much a project, or a candidate (project request), contributes to an objective: 1 weak,
 * 2 medium, 3 strong (no row: none).
 */
export const contributions = pgTable(
  'strategy_contributions',
  {
    ...recordColumns(),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').references(() => projectRequests.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('strategy_contributions_project_key').on(t.objectiveId, t.projectId),
    uniqueIndex('strategy_contributions_request_key').on(t.objectiveId, t.requestId),
    index('strategy_contributions_project_idx').on(t.projectId),
    index('strategy_contributions_request_idx').on(t.requestId),
    check('strategy_contributions_level_check', sql`${t.level} between 1 and 3`),
    check(
      'strategy_contributions_item_check',
      sql`(${t.projectId} is null) <> (${t.requestId} is null)`,
    ),
  ],
);
