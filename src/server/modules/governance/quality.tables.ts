import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/** A checklist template the PMO maintains for quality audits and reviews. */
export const qualityChecklists = pgTable('gov_quality_checklists', {
  ...recordColumns(),
  name: text('name').notNull().unique('gov_quality_checklists_name_key'),
  description: text('description').notNull().default(''),
  /** The core's ChecklistItem[]. */
  items: jsonb('items').notNull(),
  archived: boolean('archived').notNull().default(false),
});

/** A quality audit or review of a project: its checklist copied at creation, then assessed. */
export const qualityAudits = pgTable(
  'gov_quality_audits',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    checklistId: uuid('checklist_id').references(() => qualityChecklists.id, {
      onDelete: 'set null',
    }),
    checklistName: text('checklist_name').notNull(),
    auditorId: uuid('auditor_id').references(() => people.id, { onDelete: 'set null' }),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    /** Set when the assessment is done (every item assessed). */
    completedOn: date('completed_on', { mode: 'string' }),
    /** The core's AuditItem[]. */
    items: jsonb('items').notNull(),
    summary: text('summary').notNull().default(''),
  },
  (t) => [
    index('gov_quality_audits_project_idx').on(t.projectId, t.plannedDate),
    check('gov_quality_audits_kind_check', sql`${t.kind} in ('audit', 'review')`),
  ],
);

/** A finding (écart) of an audit, with its severity, followed until closed. */
export const qualityFindings = pgTable(
  'gov_quality_findings',
  {
    ...recordColumns(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => qualityAudits.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    itemKey: text('item_key'),
    description: text('description').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull().default('open'),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('gov_quality_findings_audit_idx').on(t.auditId),
    index('gov_quality_findings_status_idx').on(t.status, t.projectId),
    check(
      'gov_quality_findings_severity_check',
      sql`${t.severity} in ('minor', 'major', 'critical')`,
    ),
    check('gov_quality_findings_status_check', sql`${t.status} in ('open', 'closed')`),
  ],
);

/** A corrective action on a finding: an owner, a due date, a status. */
export const correctiveActions = pgTable(
  'gov_corrective_actions',
  {
    ...recordColumns(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => qualityFindings.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('todo'),
    doneAt: instant('done_at'),
  },
  (t) => [
    index('gov_corrective_actions_finding_idx').on(t.findingId),
    index('gov_corrective_actions_due_idx').on(t.status, t.dueDate),
    check(
      'gov_corrective_actions_status_check',
      sql`${t.status} in ('todo', 'in_progress', 'done')`,
    ),
  ],
);
