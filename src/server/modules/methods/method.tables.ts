import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { deliverables } from '../governance/governance.tables.ts';
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
  /** A gate counts the milestone as met only when reached AND its evidence is attached. */
  evidenceRequired: boolean('evidence_required').notNull().default(false),
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

/**
 * The evidence a project attaches to one of its standard milestones: one of its deliverables
 * (the project's documents) or a link, with who attached it and when. A gate counts a
 * milestone whose standard requires evidence as met only when it is reached and has one.
 */
export const milestoneEvidence = pgTable(
  'gov_milestone_evidence',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => standardMilestones.id, { onDelete: 'cascade' }),
    deliverableId: uuid('deliverable_id').references(() => deliverables.id, {
      onDelete: 'cascade',
    }),
    url: text('url'),
    note: text('note').notNull().default(''),
    addedBy: text('added_by').notNull(),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [
    index('gov_milestone_evidence_project_idx').on(t.projectId, t.milestoneId),
    index('gov_milestone_evidence_deliverable_idx').on(t.deliverableId),
    check(
      'gov_milestone_evidence_kind_check',
      sql`(${t.deliverableId} is null) <> (${t.url} is null)`,
    ),
  ],
);

/**
 * The method's stable WBS item key of a plan task created from a method (or matched by name
 * once, the first time the project moves version): a version move matches WBS items by key, so
 * a renamed phase or task is not added again.
 */
export const planTaskMethodKeys = pgTable(
  'gov_plan_task_method_keys',
  {
    taskId: uuid('task_id')
      .primaryKey()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
  },
  (t) => [index('gov_plan_task_method_keys_project_idx').on(t.projectId)],
);
