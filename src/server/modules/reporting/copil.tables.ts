import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, recordColumns } from '../../db/columns.ts';
import { users } from '../platform/platform.tables.ts';

/** Binary content; both drivers (pg: Buffer, PGlite: Uint8Array) come back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => Buffer.from(v),
});

/** A steering-committee pack template the PMO adapts (wording, sections and their order, look). */
export const copilTemplates = pgTable('copil_templates', {
  ...recordColumns(),
  name: text('name').notNull().unique(),
  title: text('title').notNull().default(''),
  subtitle: text('subtitle').notNull().default(''),
  /** Ordered section codes (see core/copil/pack.ts PACK_SECTIONS). */
  sections: jsonb('sections').notNull(),
  accentColor: text('accent_color').notNull().default('#1C5D99'),
  footer: text('footer').notNull().default(''),
  confidentiality: text('confidentiality').notNull().default(''),
  archived: boolean('archived').notNull().default(false),
});

/**
 * A generated pack: the request, its progress while the job runs, then the file itself (kept in
 * the database so it survives restarts and every instance can serve it).
 */
export const copilPacks = pgTable(
  'copil_packs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    scopeName: text('scope_name').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    format: text('format').notNull(),
    language: text('language').notNull(),
    templateId: uuid('template_id').references(() => copilTemplates.id, { onDelete: 'set null' }),
    templateName: text('template_name').notNull(),
    state: text('state').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    projectCount: integer('project_count'),
    fileName: text('file_name'),
    size: integer('size'),
    content: bytea('content'),
    durationMs: integer('duration_ms'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedByName: text('requested_by_name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    index('copil_packs_created_idx').on(t.createdAt),
    check('copil_packs_scope_check', sql`${t.scopeType} in ('portfolio', 'program', 'project')`),
    check('copil_packs_format_check', sql`${t.format} in ('pdf', 'pptx', 'docx')`),
    check('copil_packs_language_check', sql`${t.language} in ('fr', 'en')`),
    check('copil_packs_state_check', sql`${t.state} in ('queued', 'running', 'done', 'failed')`),
    check('copil_packs_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

/** The outgoing mail server (one row). The password is write-only through the API. */
export const smtpSettings = pgTable(
  'smtp_settings',
  {
    id: integer('id').primaryKey().default(1),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    secure: boolean('secure').notNull().default(false),
    username: text('username').notNull().default(''),
    password: text('password').notNull().default(''),
    fromAddress: text('from_address').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('smtp_settings_single', sql`${t.id} = 1`),
    check('smtp_settings_port', sql`${t.port} between 1 and 65535`),
  ],
);

/**
 * A scheduled report: who receives what, how often. The recipient is a user (their e-mail at
 * send time) or a mailing-list address. `content` is a COPIL pack of a scope, or the portfolio
 * status list as a spreadsheet.
 */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    ...recordColumns(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, {
      onDelete: 'cascade',
    }),
    recipientEmail: text('recipient_email'),
    content: text('content').notNull(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    templateId: uuid('template_id').references(() => copilTemplates.id, { onDelete: 'set null' }),
    format: text('format').notNull(),
    language: text('language').notNull(),
    frequency: text('frequency').notNull(),
    day: integer('day').notNull(),
    active: boolean('active').notNull().default(true),
    nextRunOn: date('next_run_on', { mode: 'string' }).notNull(),
    lastRunOn: date('last_run_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('report_subscriptions_due_idx').on(t.active, t.nextRunOn),
    check(
      'report_subscriptions_recipient',
      sql`(${t.recipientUserId} is null) <> (${t.recipientEmail} is null)`,
    ),
    check('report_subscriptions_content', sql`${t.content} in ('copil_pack', 'portfolio_status')`),
    check('report_subscriptions_frequency', sql`${t.frequency} in ('weekly', 'monthly')`),
    check(
      'report_subscriptions_format',
      sql`${t.format} in ('pdf', 'pptx', 'docx', 'xlsx', 'csv')`,
    ),
  ],
);

/** Every e-mail sent (or tried) for a subscription, with its attempts. */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => reportSubscriptions.id, { onDelete: 'cascade' }),
    runOn: date('run_on', { mode: 'string' }).notNull(),
    recipient: text('recipient').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    fileName: text('file_name'),
    messageId: text('message_id'),
    nextAttemptAt: instant('next_attempt_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('report_deliveries_sub_idx').on(t.subscriptionId, t.createdAt),
    index('report_deliveries_retry_idx').on(t.state, t.nextAttemptAt),
    check('report_deliveries_state', sql`${t.state} in ('sent', 'retrying', 'failed')`),
  ],
);
