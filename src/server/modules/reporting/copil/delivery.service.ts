import nodemailer from 'nodemailer';
import type { z } from 'zod';
import type {
  CreateSubscriptionBody,
  Delivery,
  SmtpSettings,
  Subscription,
  UpdateSmtpBody,
  UpdateSubscriptionBody,
} from '../../../../contracts/copil.ts';
import {
  dayProblem,
  nextRunOn,
  retryDelayMinutes,
  runAfter,
  type SubscriptionFrequency,
} from '../../../../core/copil/delivery.ts';
import {
  DEFAULT_TEMPLATE,
  formatDate,
  labelsOf,
  type PackFormat,
  type PackLanguage,
  type PackScope,
} from '../../../../core/copil/pack.ts';
import { DomainError, validationError, type ValidationIssue } from '../../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../../core/platform/actor.ts';
import type { Ctx } from '../../../context.ts';
import { recordAudit } from '../../platform/audit.service.ts';
import { findUserById } from '../../platform/platform.repository.ts';
import { today } from '../reporting.service.ts';
import { resolveScope } from './copil.data.ts';
import { exportPortfolioStatus } from './copil.exports.ts';
import * as repo from './copil.repository.ts';
import { getTemplate, producePack } from './copil.service.ts';

/*
 * Scheduled reports by e-mail: the SMTP settings (the password is write-only), subscriptions,
 * and the job that sends what is due, attaches the file, logs every delivery and retries
 * failures (5, 30 then 120 minutes later; failed after four attempts).
 */

/** Scheduled reports are produced with PMO visibility: only PMOs and admins subscribe people. */
const JOB_ACTOR: Actor = {
  userId: 'system',
  name: 'Jalon',
  email: 'system@jalon.invalid',
  role: 'pmo',
  personId: null,
};

const stale = (what: string, current: unknown) =>
  new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, { current });

// ---------------------------------------------------------------- SMTP

function toSmtp(row: repo.SmtpRow | undefined): SmtpSettings {
  if (!row)
    return {
      configured: false,
      host: '',
      port: 587,
      secure: false,
      username: '',
      passwordSet: false,
      fromAddress: '',
      version: 0,
    };
  return {
    configured: true,
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    passwordSet: row.password.length > 0,
    fromAddress: row.fromAddress,
    version: row.version,
  };
}

export async function getSmtp(ctx: Ctx) {
  return toSmtp(await repo.smtpOf(ctx.db));
}

/** What the audit log keeps of the settings: never the password, only whether there is one. */
const auditable = (s: SmtpSettings) => ({ ...s, configured: undefined });

export async function updateSmtp(
  ctx: Ctx,
  actor: Actor,
  version: number,
  input: z.infer<typeof UpdateSmtpBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.smtpOf(tx);
    const row = await repo.saveSmtp(tx, version, {
      host: input.host,
      port: input.port,
      secure: input.secure,
      username: input.username,
      password: input.password ?? before?.password ?? '',
      fromAddress: input.fromAddress,
    });
    if (!row) throw stale('mail server configuration', toSmtp(before));
    const after = toSmtp(row);
    await recordAudit(tx, actor, {
      entityType: 'smtp_settings',
      entityId: '00000000-0000-4000-8000-000000000001',
      entityLabel: row.host,
      action: before ? 'update' : 'create',
      before: before ? auditable(toSmtp(before)) : null,
      after: { ...auditable(after), passwordChanged: input.password !== undefined },
    });
    return after;
  });
}

async function transportOf(ctx: Ctx) {
  const row = await repo.smtpOf(ctx.db);
  if (!row) throw new DomainError('SMTP_NOT_CONFIGURED', 'No mail server is configured');
  const transport = nodemailer.createTransport({
    host: row.host,
    port: row.port,
    secure: row.secure,
    ...(row.username ? { auth: { user: row.username, pass: row.password } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  });
  return { transport, from: row.fromAddress };
}

/** The SMTP error as a short message safe to store and show (no credentials in it). */
function mailError(e: unknown): string {
  if (e instanceof DomainError) return e.code;
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = err.response ?? err.message ?? String(e);
  return [err.code, err.responseCode, text].filter(Boolean).join(' ').slice(0, 500);
}

export async function sendTest(ctx: Ctx, actor: Actor, to: string) {
  const { transport, from } = await transportOf(ctx);
  try {
    const info = await transport.sendMail({
      from,
      to,
      subject: 'Jalon — test de messagerie / mail test',
      text: `Ce message de test a été envoyé par ${actor.name} depuis Jalon.\nThis test message was sent by ${actor.name} from Jalon.`,
    });
    return { messageId: String(info.messageId ?? '') };
  } catch (e) {
    throw new DomainError('SMTP_SEND_FAILED', mailError(e), { reason: mailError(e) });
  } finally {
    transport.close();
  }
}

// ---------------------------------------------------------------- subscriptions

type SubRow = Awaited<ReturnType<typeof repo.findSubscription>> & object;

function toSubscription(
  r: SubRow,
  scopeName: string,
  last?: { state: string; updated_at: Date | string },
): Subscription {
  const s = r.s;
  return {
    id: s.id,
    recipient: {
      userId: s.recipientUserId,
      email: s.recipientUserId ? r.userEmail : s.recipientEmail,
      name: r.userName,
    },
    content: s.content as Subscription['content'],
    scopeType: s.scopeType as PackScope,
    scopeId: s.scopeId,
    scopeName,
    templateId: s.templateId,
    format: s.format as Subscription['format'],
    language: s.language as PackLanguage,
    frequency: s.frequency as SubscriptionFrequency,
    day: s.day,
    active: s.active,
    nextRunOn: s.nextRunOn,
    lastRunOn: s.lastRunOn,
    lastDelivery: last
      ? { state: last.state as Delivery['state'], at: new Date(last.updated_at).toISOString() }
      : null,
    version: s.version,
  };
}

type SubInput = z.infer<typeof CreateSubscriptionBody>;

/** Checks a subscription as a whole; the scope through the actor's own visibility. */
async function checkSubscription(ctx: Ctx, actor: Actor, s: SubInput) {
  const issues: ValidationIssue[] = [];
  if ((s.recipientUserId === null) === (s.recipientEmail === null))
    issues.push({
      path: ['body', 'recipientEmail'],
      message: 'Give either a user or an e-mail address',
    });
  const problem = dayProblem(s.frequency, s.day);
  if (problem) issues.push({ path: ['body', 'day'], message: problem });
  if (s.content === 'copil_pack' && !['pdf', 'pptx', 'docx'].includes(s.format))
    issues.push({ path: ['body', 'format'], message: 'A pack is sent as pdf, pptx or docx' });
  if (s.content === 'portfolio_status' && !['xlsx', 'csv'].includes(s.format))
    issues.push({
      path: ['body', 'format'],
      message: 'The portfolio status is sent as xlsx or csv',
    });
  if (s.content === 'portfolio_status' && s.scopeType !== 'portfolio')
    issues.push({ path: ['body', 'scopeType'], message: 'The portfolio status needs a portfolio' });
  if (s.recipientUserId && !(await findUserById(ctx.db, s.recipientUserId)))
    issues.push({ path: ['body', 'recipientUserId'], message: 'No such user' });
  if (issues.length) throw validationError(issues);
  if (s.templateId) await getTemplate(ctx, s.templateId);
  return resolveScope(ctx, actor, s.scopeType, s.scopeId);
}

async function scopeNames(ctx: Ctx, rows: SubRow[]) {
  const out = new Map<string, string>();
  // One after the other: one executor runs one statement at a time.
  for (const [id, type] of new Map(rows.map((r) => [r.s.scopeId, r.s.scopeType]))) {
    try {
      const s = await resolveScope(ctx, JOB_ACTOR, type as PackScope, id);
      out.set(id, `${s.code} — ${s.name}`);
    } catch {
      out.set(id, '');
    }
  }
  return out;
}

export async function listSubscriptions(ctx: Ctx) {
  const rows = await repo.listSubscriptions(ctx.db);
  const last = await repo.lastDeliveries(ctx.db);
  const names = await scopeNames(ctx, rows);
  const lastOf = new Map(last.map((l) => [l.subscription_id, l]));
  return {
    items: rows.map((r) => toSubscription(r, names.get(r.s.scopeId) ?? '', lastOf.get(r.s.id))),
  };
}

const subNotFound = (id: string) =>
  new DomainError('SUBSCRIPTION_NOT_FOUND', `No subscription ${id}`);

export async function getSubscription(ctx: Ctx, id: string) {
  const row = await repo.findSubscription(ctx.db, id);
  if (!row) throw subNotFound(id);
  const names = await scopeNames(ctx, [row]);
  return toSubscription(row, names.get(row.s.scopeId) ?? '');
}

export async function createSubscription(ctx: Ctx, actor: Actor, input: SubInput, now = today()) {
  const scope = await checkSubscription(ctx, actor, input);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertSubscription(tx, {
      ...input,
      nextRunOn: nextRunOn(input.frequency, input.day, now),
      createdBy: userIdOf(actor),
    });
    await recordAudit(tx, actor, {
      entityType: 'report_subscription',
      entityId: row.id,
      entityLabel: `${scope.code} → ${input.recipientEmail ?? input.recipientUserId}`,
      action: 'create',
      after: { ...input },
    });
    return row.id;
  });
  return getSubscription(ctx, id);
}

export async function updateSubscription(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateSubscriptionBody>,
  now = today(),
) {
  const current = await repo.findSubscription(ctx.db, id);
  if (!current) throw subNotFound(id);
  const s = current.s;
  const merged: SubInput = {
    recipientUserId: s.recipientUserId,
    recipientEmail: s.recipientEmail,
    content: s.content as SubInput['content'],
    scopeType: s.scopeType as PackScope,
    scopeId: s.scopeId,
    templateId: s.templateId,
    format: s.format as SubInput['format'],
    language: s.language as PackLanguage,
    frequency: s.frequency as SubscriptionFrequency,
    day: s.day,
    active: s.active,
    ...input,
  };
  await checkSubscription(ctx, actor, merged);
  const reschedule =
    input.frequency !== undefined || input.day !== undefined || input.active === true;
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateSubscription(tx, id, version, {
      ...input,
      ...(reschedule ? { nextRunOn: nextRunOn(merged.frequency, merged.day, now) } : {}),
    });
    if (!row) throw stale('subscription', toSubscription(current, ''));
    await recordAudit(tx, actor, {
      entityType: 'report_subscription',
      entityId: id,
      entityLabel: merged.recipientEmail ?? merged.recipientUserId ?? id,
      action: 'update',
      before: { ...s },
      after: { ...row },
    });
  });
  return getSubscription(ctx, id);
}

export async function deleteSubscription(ctx: Ctx, actor: Actor, id: string, version: number) {
  const current = await repo.findSubscription(ctx.db, id);
  if (!current) throw subNotFound(id);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteSubscription(tx, id, version)))
      throw stale('subscription', toSubscription(current, ''));
    await recordAudit(tx, actor, {
      entityType: 'report_subscription',
      entityId: id,
      entityLabel: current.s.recipientEmail ?? current.userEmail ?? id,
      action: 'delete',
      before: { ...current.s },
    });
  });
}

// ---------------------------------------------------------------- deliveries

function toDelivery(d: repo.DeliveryRow): Delivery {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    runOn: d.runOn,
    recipient: d.recipient,
    state: d.state as Delivery['state'],
    attempts: d.attempts,
    error: d.error,
    fileName: d.fileName,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function listDeliveries(ctx: Ctx, limit: number, subscriptionId?: string) {
  return { items: (await repo.listDeliveries(ctx.db, limit, subscriptionId)).map(toDelivery) };
}

/** The file of a subscription's report, made now. */
async function attachmentOf(ctx: Ctx, s: repo.SubscriptionRow, runOn: string) {
  const lang = s.language as PackLanguage;
  if (s.content === 'portfolio_status') {
    const file = await exportPortfolioStatus(ctx, JOB_ACTOR, {
      portfolioId: s.scopeId,
      date: runOn,
      format: s.format as 'csv' | 'xlsx',
      language: lang,
    });
    return {
      filename: file.filename,
      content: typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body,
      contentType: file.contentType,
      title: labelsOf(lang).summary,
    };
  }
  const scope = await resolveScope(ctx, JOB_ACTOR, s.scopeType as PackScope, s.scopeId);
  const template = s.templateId ? await getTemplate(ctx, s.templateId) : DEFAULT_TEMPLATE;
  const pack = await producePack(ctx, JOB_ACTOR, scope, {
    asOf: runOn,
    format: s.format as PackFormat,
    language: lang,
    template,
  });
  return {
    filename: pack.fileName,
    content: pack.content,
    contentType: pack.contentType,
    title: `${labelsOf(lang).pack} ${scope.code}`,
  };
}

function linkOf(ctx: Ctx) {
  const base =
    ctx.config.publicUrl ??
    `http://${ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host}:${ctx.config.port}`;
  return `${base.replace(/\/$/, '')}/reporting/copil`;
}

/** One attempt at a delivery: builds the file, sends it, records the outcome. */
async function attempt(
  ctx: Ctx,
  delivery: repo.DeliveryRow,
  sub: repo.SubscriptionRow,
): Promise<'sent' | 'retrying' | 'failed'> {
  const attempts = delivery.attempts + 1;
  let fileName: string | null = delivery.fileName;
  try {
    const { transport, from } = await transportOf(ctx);
    try {
      const file = await attachmentOf(ctx, sub, delivery.runOn);
      fileName = file.filename;
      const lang = sub.language as PackLanguage;
      const link = linkOf(ctx);
      const date = formatDate(delivery.runOn, lang);
      const info = await transport.sendMail({
        from,
        to: delivery.recipient,
        subject: `Jalon — ${file.title} — ${date}`,
        text:
          lang === 'fr'
            ? `Bonjour,\n\nVeuillez trouver ci-joint « ${file.filename} » (situation au ${date}).\nConsulter dans Jalon : ${link}\n\nMessage envoyé automatiquement par Jalon (abonnement ${sub.frequency === 'weekly' ? 'hebdomadaire' : 'mensuel'}).`
            : `Hello,\n\nPlease find attached "${file.filename}" (status as of ${date}).\nOpen in Jalon: ${link}\n\nSent automatically by Jalon (${sub.frequency} subscription).`,
        attachments: [
          { filename: file.filename, content: file.content, contentType: file.contentType },
        ],
      });
      await repo.setDelivery(ctx.db, delivery.id, {
        state: 'sent',
        attempts,
        error: null,
        fileName,
        messageId: String(info.messageId ?? ''),
        nextAttemptAt: null,
      });
      return 'sent';
    } finally {
      transport.close();
    }
  } catch (e) {
    const delay = retryDelayMinutes(attempts);
    const state = delay === null ? 'failed' : 'retrying';
    await repo.setDelivery(ctx.db, delivery.id, {
      state,
      attempts,
      error: mailError(e),
      fileName,
      nextAttemptAt: delay === null ? null : new Date(Date.now() + delay * 60_000),
    });
    return state;
  }
}

async function recipientOf(ctx: Ctx, s: repo.SubscriptionRow, userEmail: string | null) {
  return (
    s.recipientEmail ??
    userEmail ??
    (s.recipientUserId ? (await findUserById(ctx.db, s.recipientUserId))?.email : null) ??
    ''
  );
}

/**
 * The scheduled-reports job: sends every subscription due today or before (each run claimed
 * once, across instances), then the retries whose time has come.
 */
export async function runDeliveries(ctx: Ctx, now = new Date()) {
  const date = now.toISOString().slice(0, 10);
  const counts = { sent: 0, retrying: 0, failed: 0 };
  // Without a mail server nothing is claimed: due reports wait until one is configured.
  if (!(await repo.smtpOf(ctx.db))) return counts;
  for (const r of await repo.dueSubscriptions(ctx.db, date)) {
    const s = r.s;
    const next = runAfter(s.frequency as SubscriptionFrequency, s.day, date);
    if (!(await repo.claimRun(ctx.db, s.id, s.nextRunOn, next))) continue;
    const delivery = await repo.insertDelivery(ctx.db, {
      subscriptionId: s.id,
      runOn: date,
      recipient: await recipientOf(ctx, s, r.userEmail),
      state: 'retrying',
      attempts: 0,
      nextAttemptAt: now,
    });
    counts[await attempt(ctx, delivery, s)]++;
  }
  for (const d of await repo.retriesDue(ctx.db, now)) {
    const sub = await repo.findSubscription(ctx.db, d.subscriptionId);
    if (!sub) continue;
    counts[await attempt(ctx, d, sub.s)]++;
  }
  return counts;
}

/** Sends a subscription's report now, outside its schedule (logged like any delivery). */
export async function sendNow(ctx: Ctx, id: string) {
  const r = await repo.findSubscription(ctx.db, id);
  if (!r) throw subNotFound(id);
  const delivery = await repo.insertDelivery(ctx.db, {
    subscriptionId: id,
    runOn: today(),
    recipient: await recipientOf(ctx, r.s, r.userEmail),
    state: 'retrying',
    attempts: 0,
    nextAttemptAt: new Date(),
  });
  await attempt(ctx, delivery, r.s);
  return toDelivery((await repo.findDelivery(ctx.db, delivery.id)) ?? delivery);
}
