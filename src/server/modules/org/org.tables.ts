import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';

export const orgUnits = pgTable(
  'org_units',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
  },
  (t) => [uniqueIndex('org_units_code_key').on(t.code)],
);

export const people = pgTable(
  'people',
  {
    ...recordColumns(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    jobTitle: text('job_title'),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    managerId: uuid('manager_id').references((): AnyPgColumn => people.id),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('people_email_key').on(t.email),
    index('people_org_unit_idx').on(t.orgUnitId),
    index('people_name_idx').on(t.lastName, t.firstName, t.id),
    index('people_search_idx').on(sql`lower(${t.lastName} || ' ' || ${t.firstName})`),
  ],
);
