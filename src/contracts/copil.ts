import { z } from 'zod';
import { SUBSCRIPTION_FREQUENCIES } from '../core/copil/delivery.ts';
import { PACK_FORMATS, PACK_LANGUAGES, PACK_SCOPES, PACK_SECTIONS } from '../core/copil/pack.ts';
import { Id, IsoDate, Instant, Text } from './common.ts';

/**
 * Steering-committee packs (COPIL: PDF, PPTX, DOCX from a template), scheduled e-mail reports
 * (SMTP settings, subscriptions, delivery log) and list exports of the reporting module.
 */

export const PackFormat = z.enum(PACK_FORMATS);
export const PackLanguage = z.enum(PACK_LANGUAGES);
export const PackScope = z.enum(PACK_SCOPES);
export const PackSection = z.enum(PACK_SECTIONS);
export const TabularFormat = z.enum(['xlsx', 'csv']);

const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'A colour as #RRGGBB');

const TemplateFields = {
  name: Text(100),
  title: z.string().trim().max(200),
  subtitle: z.string().trim().max(200),
  sections: z
    .array(PackSection)
    .min(1)
    .refine((s) => new Set(s).size === s.length, 'Each section at most once'),
  accentColor: Color,
  footer: z.string().trim().max(300),
  confidentiality: z.string().trim().max(200),
};

export const CreateTemplateBody = z.object({
  ...TemplateFields,
  title: TemplateFields.title.default(''),
  subtitle: TemplateFields.subtitle.default(''),
  accentColor: TemplateFields.accentColor.default('#1C5D99'),
  footer: TemplateFields.footer.default(''),
  confidentiality: TemplateFields.confidentiality.default(''),
});
export const UpdateTemplateBody = z
  .object(TemplateFields)
  .partial()
  .extend({ archived: z.boolean().optional() });

export const PackTemplate = z.object({
  id: Id,
  name: z.string(),
  title: z.string(),
  subtitle: z.string(),
  sections: z.array(PackSection),
  accentColor: z.string(),
  footer: z.string(),
  confidentiality: z.string(),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: Instant,
});
export type PackTemplate = z.infer<typeof PackTemplate>;
export const TemplateList = z.object({ items: z.array(PackTemplate), canManage: z.boolean() });

export const CreatePackBody = z.object({
  scopeType: PackScope,
  scopeId: Id,
  /** The status date; defaults to today. */
  asOf: IsoDate.optional(),
  format: PackFormat,
  language: PackLanguage.default('fr'),
  /** Defaults to the first active template (or the built-in standard one). */
  templateId: Id.nullable().default(null),
});

export const PackState = z.enum(['queued', 'running', 'done', 'failed']);
export const Pack = z.object({
  id: Id,
  scopeType: PackScope,
  scopeId: Id,
  scopeName: z.string(),
  asOf: IsoDate,
  format: PackFormat,
  language: PackLanguage,
  templateName: z.string(),
  state: PackState,
  /** 0–100. */
  progress: z.number().int(),
  /** An error code when the generation failed. */
  error: z.string().nullable(),
  projectCount: z.number().int().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  requestedBy: z.string(),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
});
export type Pack = z.infer<typeof Pack>;
export const PackList = z.object({ items: z.array(Pack) });
export const PackListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------------------------------------------------------------- e-mail

export const SmtpSettings = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string(),
  /** Whether a password is stored; the password itself is never returned. */
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  version: z.number().int(),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const UpdateSmtpBody = z.object({
  host: Text(200),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  username: z.string().trim().max(200).default(''),
  /** Omitted: keep the stored password; empty string: remove it. */
  password: z.string().max(500).optional(),
  fromAddress: z.email().max(254),
});

export const SmtpTestBody = z.object({ to: z.email().max(254) });

export const SubscriptionContent = z.enum(['copil_pack', 'portfolio_status']);
export const SubscriptionFormat = z.enum(['pdf', 'pptx', 'docx', 'xlsx', 'csv']);

const SubscriptionFields = {
  /** A user of Jalon (their e-mail at send time)… */
  recipientUserId: Id.nullable(),
  /** …or any address, e.g. a mailing list. Exactly one of the two. */
  recipientEmail: z.email().max(254).nullable(),
  content: SubscriptionContent,
  scopeType: PackScope,
  scopeId: Id,
  templateId: Id.nullable(),
  format: SubscriptionFormat,
  language: PackLanguage,
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  /** 1 (Monday) … 7 for weekly, 1 … 28 for monthly. */
  day: z.number().int(),
  active: z.boolean(),
};

export const CreateSubscriptionBody = z.object({
  ...SubscriptionFields,
  recipientUserId: SubscriptionFields.recipientUserId.default(null),
  recipientEmail: SubscriptionFields.recipientEmail.default(null),
  templateId: SubscriptionFields.templateId.default(null),
  language: SubscriptionFields.language.default('fr'),
  active: SubscriptionFields.active.default(true),
});
export const UpdateSubscriptionBody = z.object(SubscriptionFields).partial();

export const DeliveryState = z.enum(['sent', 'retrying', 'failed']);

export const Subscription = z.object({
  id: Id,
  recipient: z.object({
    userId: Id.nullable(),
    email: z.string().nullable(),
    name: z.string().nullable(),
  }),
  content: SubscriptionContent,
  scopeType: PackScope,
  scopeId: Id,
  scopeName: z.string(),
  templateId: Id.nullable(),
  format: SubscriptionFormat,
  language: PackLanguage,
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  day: z.number().int(),
  active: z.boolean(),
  nextRunOn: IsoDate,
  lastRunOn: IsoDate.nullable(),
  lastDelivery: z.object({ state: DeliveryState, at: Instant }).nullable(),
  version: z.number().int(),
});
export type Subscription = z.infer<typeof Subscription>;
export const SubscriptionList = z.object({ items: z.array(Subscription) });

export const Delivery = z.object({
  id: Id,
  subscriptionId: Id,
  runOn: IsoDate,
  recipient: z.string(),
  state: DeliveryState,
  attempts: z.number().int(),
  /** The last error (an SMTP message or an error code). */
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  nextAttemptAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryList = z.object({ items: z.array(Delivery) });
export const DeliveryListQuery = z.object({
  subscriptionId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const RunDeliveriesResult = z.object({
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
});

// ---------------------------------------------------------------- list exports

export const PortfolioStatusExportQuery = z.object({
  portfolioId: Id,
  date: IsoDate.optional(),
  format: TabularFormat,
  language: PackLanguage.default('fr'),
});
export const ReportsExportQuery = z.object({
  format: TabularFormat,
  language: PackLanguage.default('fr'),
});
export const KpiExportQuery = z.object({
  format: TabularFormat,
  language: PackLanguage.default('fr'),
});
