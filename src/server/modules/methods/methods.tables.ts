import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/** A governance policy (charte, procédure): its text lives in its published versions. */
export const policies = pgTable(
  'gov_policies',
  {
    ...recordColumns(),
    code: text('code').notNull().unique('gov_policies_code_key'),
    title: text('title').notNull(),
    category: text('category').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    /** The number of the latest published version (0: none yet). */
    latestNumber: integer('latest_number').notNull().default(0),
  },
  (t) => [
    check(
      'gov_policies_category_check',
      sql`${t.category} in ('governance', 'project', 'finance', 'risk', 'quality', 'security', 'hr')`,
    ),
  ],
);

/** A published version of a policy: immutable; in force from its effective date. */
export const policyVersions = pgTable(
  'gov_policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    body: text('body').notNull(),
    summary: text('summary').notNull().default(''),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    publishedById: uuid('published_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedByName: text('published_by_name'),
    publishedAt: instant('published_at').notNull().defaultNow(),
  },
  (t) => [unique('gov_policy_versions_number_key').on(t.policyId, t.number)],
);

/** Who read and acknowledged which version of a policy. */
export const policyAcknowledgements = pgTable(
  'gov_policy_acknowledgements',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    acknowledgedAt: instant('acknowledged_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.userId] }),
    index('gov_policy_ack_user_idx').on(t.userId),
  ],
);

/** A company-wide role description (mission, responsibilities), linked to RACI column labels. */
export const roleDescriptions = pgTable('gov_role_descriptions', {
  ...recordColumns(),
  name: text('name').notNull().unique('gov_role_descriptions_name_key'),
  mission: text('mission').notNull().default(''),
  /** string[]: one responsibility per line. */
  responsibilities: jsonb('responsibilities').notNull(),
  /** string[]: the RACI column labels this role stands for (compared without case or accents). */
  raciLabels: jsonb('raci_labels').notNull(),
});

/** A lesson learned (REX) on a project: what worked or what to improve, and the recommendation. */
export const lessons = pgTable(
  'gov_lessons',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseKey: text('phase_key'),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    recommendation: text('recommendation').notNull().default(''),
    /** string[] */
    tags: jsonb('tags').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
  },
  (t) => [
    index('gov_lessons_project_idx').on(t.projectId),
    index('gov_lessons_updated_idx').on(t.updatedAt, t.id),
    check('gov_lessons_kind_check', sql`${t.kind} in ('worked', 'improve')`),
    check(
      'gov_lessons_category_check',
      sql`${t.category} in ('planning', 'scope', 'budget', 'risk', 'quality', 'communication', 'governance', 'resources', 'supplier', 'technical')`,
    ),
  ],
);
