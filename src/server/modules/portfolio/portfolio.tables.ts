import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { orgUnits, people } from '../org/org.tables.ts';

export const portfolios = pgTable(
  'portfolios',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id').references(() => people.id),
    archivedAt: instant('archived_at'),
  },
  (t) => [uniqueIndex('portfolios_code_key').on(t.code)],
);

export const programs = pgTable(
  'programs',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    managerId: uuid('manager_id').references(() => people.id),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('programs_code_key').on(t.code),
    index('programs_portfolio_idx').on(t.portfolioId),
  ],
);

export const projects = pgTable(
  'projects',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    programId: uuid('program_id').references(() => programs.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => projects.id),
    sponsorId: uuid('sponsor_id').references(() => people.id),
    managerId: uuid('manager_id').references(() => people.id),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').notNull().default({}),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('projects_code_key').on(t.code),
    index('projects_portfolio_idx').on(t.portfolioId, t.code),
    index('projects_program_idx').on(t.programId, t.code),
    index('projects_parent_idx').on(t.parentId),
    index('projects_manager_idx').on(t.managerId),
    index('projects_sponsor_idx').on(t.sponsorId),
    index('projects_org_unit_idx').on(t.orgUnitId),
    index('projects_status_idx').on(t.status, t.code),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_members_key').on(t.projectId, t.personId),
    index('project_members_person_idx').on(t.personId, t.projectId),
  ],
);
