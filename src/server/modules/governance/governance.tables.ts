import { sql } from 'drizzle-orm';
import {
  boolean,
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

/** A methodology of the library; its content lives in its published versions. */
export const methodologies = pgTable(
  'gov_methodologies',
  {
    ...recordColumns(),
    code: text('code').notNull().unique('gov_methodologies_code_key'),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    latestVersion: integer('latest_version').notNull().default(1),
  },
  (t) => [
    check('gov_methodologies_kind_check', sql`${t.kind} in ('waterfall', 'agile', 'hybrid')`),
  ],
);

/** A published version of a methodology: immutable, so projects on it keep their method. */
export const methodologyVersions = pgTable(
  'gov_methodology_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    methodologyId: uuid('methodology_id')
      .notNull()
      .references(() => methodologies.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** The contract's MethodologyContent. */
    content: jsonb('content').notNull(),
    notes: text('notes').notNull().default(''),
    publishedBy: text('published_by'),
    publishedAt: instant('published_at').notNull().defaultNow(),
  },
  (t) => [unique('gov_methodology_versions_number_key').on(t.methodologyId, t.number)],
);

/** The lifecycle a project follows: its methodology version, current phase and status. */
export const projectLifecycles = pgTable(
  'gov_project_lifecycles',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    methodologyVersionId: uuid('methodology_version_id')
      .notNull()
      .references(() => methodologyVersions.id),
    currentPhaseKey: text('current_phase_key').notNull(),
    status: text('status').notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('gov_project_lifecycles_version_idx').on(t.methodologyVersionId),
    check(
      'gov_project_lifecycles_status_check',
      sql`${t.status} in ('active', 'on_hold', 'stopped', 'completed')`,
    ),
  ],
);

/** A deliverable of a project (from its method, or added), with its approval status. */
export const deliverables = pgTable(
  'gov_deliverables',
  {
    ...recordColumns(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseKey: text('phase_key').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    required: boolean('required').notNull().default(true),
    status: text('status').notNull().default('draft'),
    reference: text('reference').notNull().default(''),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    approvedBy: text('approved_by'),
    approvedAt: instant('approved_at'),
  },
  (t) => [
    unique('gov_deliverables_key').on(t.projectId, t.key),
    check('gov_deliverables_status_check', sql`${t.status} in ('draft', 'submitted', 'approved')`),
  ],
);

/** The checklist of a gate as prepared: one row per criterion met. */
export const gateChecks = pgTable(
  'gov_gate_checks',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseKey: text('phase_key').notNull(),
    criterionKey: text('criterion_key').notNull(),
    checkedBy: text('checked_by'),
    checkedAt: instant('checked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.phaseKey, t.criterionKey] })],
);

/** A gate decision: immutable once taken (corrections are new decisions). */
export const gateDecisions = pgTable(
  'gov_gate_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseKey: text('phase_key').notNull(),
    phaseName: text('phase_name').notNull(),
    gateName: text('gate_name').notNull(),
    decision: text('decision').notNull(),
    comment: text('comment').notNull().default(''),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decidedAt: instant('decided_at').notNull().defaultNow(),
    readiness: jsonb('readiness').notNull(),
  },
  (t) => [
    index('gov_gate_decisions_project_idx').on(t.projectId, t.decidedAt),
    index('gov_gate_decisions_at_idx').on(t.decidedAt, t.id),
    check(
      'gov_gate_decisions_decision_check',
      sql`${t.decision} in ('go', 'go_with_conditions', 'recycle', 'hold', 'stop')`,
    ),
  ],
);

/** A condition (réserve) attached to a decision, followed until done. */
export const gateConditions = pgTable(
  'gov_gate_conditions',
  {
    ...recordColumns(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => gateDecisions.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('gov_gate_conditions_decision_idx').on(t.decisionId),
    index('gov_gate_conditions_project_idx').on(t.projectId, t.status),
    check('gov_gate_conditions_status_check', sql`${t.status} in ('open', 'done')`),
  ],
);

/** The RACI matrix of a project: columns (roles or people) and rows (activities). */
export const raciMatrices = pgTable('gov_raci_matrices', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  columns: jsonb('columns').notNull(),
  rows: jsonb('rows').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** The company glossary: the PMO's common language, in French and English. */
export const glossaryTerms = pgTable(
  'gov_glossary_terms',
  {
    ...recordColumns(),
    term: text('term').notNull(),
    termEn: text('term_en').notNull().default(''),
    definition: text('definition').notNull(),
    definitionEn: text('definition_en').notNull().default(''),
    example: text('example').notNull().default(''),
    category: text('category').notNull().default('general'),
  },
  (t) => [unique('gov_glossary_terms_term_key').on(t.term)],
);
