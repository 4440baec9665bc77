import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';

/** Families of the skills catalogue (Gestion de projet, Développement, Data…). */
export const skillCategories = pgTable(
  'skill_categories',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('skill_categories_code_key').on(t.code)],
);

/** A skill of the catalogue, in one category. */
export const skills = pgTable(
  'skills',
  {
    ...recordColumns(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => skillCategories.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('skills_code_key').on(t.code), index('skills_category_idx').on(t.categoryId)],
);

/** The company's level scale, 1 to 5: a short name and what the level means. */
export const skillLevels = pgTable(
  'skill_levels',
  {
    level: integer('level').primaryKey(),
    label: text('label').notNull(),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [check('skill_levels_level_check', sql`${t.level} between 1 and 5`)],
);

/**
 * The current level of a person in a skill (one row per person and skill; the audit log keeps
 * the history): when it was assessed, by what means, and for a certification its expiry.
 */
export const personSkills = pgTable(
  'person_skills',
  {
    ...recordColumns(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    /** 'self', 'manager', 'certification' or 'training' (set by a completed training). */
    source: text('source').notNull(),
    certification: text('certification').notNull().default(''),
    expiresOn: date('expires_on', { mode: 'string' }),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('person_skills_person_skill_key').on(t.personId, t.skillId),
    index('person_skills_skill_idx').on(t.skillId, t.level),
    check('person_skills_level_check', sql`${t.level} between 1 and 5`),
    check(
      'person_skills_source_check',
      sql`${t.source} in ('self', 'manager', 'certification', 'training')`,
    ),
    check(
      'person_skills_expiry_check',
      sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.assessedOn}`,
    ),
  ],
);
