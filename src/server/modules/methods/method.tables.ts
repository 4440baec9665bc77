import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/**
 * A standard milestone of the company catalogue (« jalon standard »: J0 lancement, go-live…):
 * one definition shared by every method and project. Methods name it on a milestone of their
 * default WBS; projects link one of their plan milestones to it.
 */
export const standardMilestones = pgTable('gov_standard_milestones', {
  ...recordColumns(),
  code: text('code').notNull().unique('gov_standard_milestones_code_key'),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  definition: text('definition').notNull().default(''),
  definitionEn: text('definition_en').notNull().default(''),
  /** What proves the milestone is reached (the evidence a PMO asks for). */
  evidence: text('evidence').notNull().default(''),
  archivedAt: instant('archived_at'),
});

/** Which plan milestone of a project stands for a standard milestone (set by hand or matched). */
export const projectMilestoneLinks = pgTable(
  'gov_project_milestone_links',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => standardMilestones.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    linkedBy: text('linked_by'),
    linkedAt: instant('linked_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.milestoneId] }),
    index('gov_project_milestone_links_task_idx').on(t.taskId),
  ],
);
