import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../contracts/common.ts';
import {
  CreatePackBody,
  CreateSubscriptionBody,
  CreateTemplateBody,
  Delivery,
  DeliveryList,
  DeliveryListQuery,
  KpiExportQuery,
  Pack,
  PackList,
  PackListQuery,
  PackTemplate,
  PortfolioStatusExportQuery,
  ReportsExportQuery,
  RunDeliveriesResult,
  SmtpSettings,
  SmtpTestBody,
  Subscription,
  SubscriptionList,
  TemplateList,
  UpdateSmtpBody,
  UpdateSubscriptionBody,
  UpdateTemplateBody,
} from '../../../../contracts/copil.ts';
import type { Ctx } from '../../../context.ts';
import { actorOf } from '../../../http/access.ts';
import { expectedVersion, withEtag } from '../../../http/versioning.ts';
import * as exports from './copil.exports.ts';
import * as svc from './copil.service.ts';
import * as mail from './delivery.service.ts';

/** Sends a file as an attachment (the name is ASCII by construction, with a UTF-8 fallback). */
function attachment(
  reply: FastifyReply,
  file: { filename: string; contentType: string; body: string | Buffer },
) {
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

export function copilRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['copil'];

  // Packs left unfinished by a stopped server are shown as failed.
  app.addHook('onReady', async () => {
    await svc.failInterruptedPacks(ctx).catch(() => undefined);
  });

  // ---------------------------------------------------------------- templates

  r.get(
    '/api/v1/copil/templates',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Steering-committee pack templates',
        response: { 200: TemplateList },
      },
    },
    async (req) => svc.listTemplates(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/copil/templates',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Create a pack template (title, sections and their order, accent colour, footer)',
        body: CreateTemplateBody,
        response: { 201: PackTemplate },
      },
    },
    async (req, reply) => {
      const t = await svc.createTemplate(ctx, actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, t));
    },
  );

  r.patch(
    '/api/v1/copil/templates/:id',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Change or archive a pack template (If-Match)',
        params: IdParams,
        body: UpdateTemplateBody,
        response: { 200: PackTemplate },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateTemplate(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // ---------------------------------------------------------------- packs

  r.get(
    '/api/v1/copil/packs',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Generated packs, newest first (yours; every pack for a PMO)',
        querystring: PackListQuery,
        response: { 200: PackList },
      },
    },
    async (req) => svc.listPacks(ctx, actorOf(req), req.query.limit),
  );

  r.post(
    '/api/v1/copil/packs',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Generate a pack (PDF, PPTX or DOCX) for a portfolio, programme or project at a date; runs as a job',
        body: CreatePackBody,
        response: { 202: Pack },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await svc.requestPack(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/copil/packs/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A pack and its progress',
        params: IdParams,
        response: { 200: Pack },
      },
    },
    async (req) => svc.getPack(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/v1/copil/packs/:id/file',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Download a generated pack', params: IdParams },
    },
    async (req, reply) => {
      const file = await svc.downloadPack(ctx, actorOf(req), req.params.id);
      return attachment(reply, {
        filename: file.fileName,
        contentType: file.contentType,
        body: file.content,
      });
    },
  );

  // ---------------------------------------------------------------- e-mail

  r.get(
    '/api/v1/admin/smtp',
    {
      config: { access: 'mail.configure' },
      schema: {
        tags,
        summary: 'The outgoing mail server (the password is never returned)',
        response: { 200: SmtpSettings },
      },
    },
    async (_req, reply) => withEtag(reply, await mail.getSmtp(ctx)),
  );

  r.put(
    '/api/v1/admin/smtp',
    {
      config: { access: 'mail.configure' },
      schema: {
        tags,
        summary: 'Set the outgoing mail server (If-Match: "0" the first time)',
        body: UpdateSmtpBody,
        response: { 200: SmtpSettings },
      },
    },
    async (req, reply) =>
      withEtag(reply, await mail.updateSmtp(ctx, actorOf(req), expectedVersion(req), req.body)),
  );

  r.post(
    '/api/v1/admin/smtp/test',
    {
      config: { access: 'mail.configure' },
      schema: {
        tags,
        summary: 'Send a test message through the configured server',
        body: SmtpTestBody,
        response: { 200: z.object({ messageId: z.string() }) },
      },
    },
    async (req) => mail.sendTest(ctx, actorOf(req), req.body.to),
  );

  r.get(
    '/api/v1/report-subscriptions',
    {
      config: { access: 'copil.manage' },
      schema: { tags, summary: 'Scheduled reports', response: { 200: SubscriptionList } },
    },
    async () => mail.listSubscriptions(ctx),
  );

  r.post(
    '/api/v1/report-subscriptions',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Subscribe a user or an address to a report, weekly or monthly',
        body: CreateSubscriptionBody,
        response: { 201: Subscription },
      },
    },
    async (req, reply) => {
      const s = await mail.createSubscription(ctx, actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, s));
    },
  );

  r.patch(
    '/api/v1/report-subscriptions/:id',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Change, pause or resume a subscription (If-Match)',
        params: IdParams,
        body: UpdateSubscriptionBody,
        response: { 200: Subscription },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await mail.updateSubscription(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/report-subscriptions/:id',
    {
      config: { access: 'copil.manage' },
      schema: { tags, summary: 'Delete a subscription (If-Match)', params: IdParams },
    },
    async (req, reply) => {
      await mail.deleteSubscription(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/report-subscriptions/:id/send',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Send the report of a subscription now (logged as a delivery)',
        params: IdParams,
        response: { 200: Delivery },
      },
    },
    async (req) => mail.sendNow(ctx, req.params.id),
  );

  r.get(
    '/api/v1/report-deliveries',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'The delivery log: when, to whom, status, error, attempts',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList },
      },
    },
    async (req) => mail.listDeliveries(ctx, req.query.limit, req.query.subscriptionId),
  );

  r.post(
    '/api/v1/report-deliveries/run',
    {
      config: { access: 'copil.manage' },
      schema: {
        tags,
        summary: 'Run the scheduled-reports job now: due subscriptions, then due retries',
        response: { 200: RunDeliveriesResult },
      },
    },
    async () => mail.runDeliveries(ctx),
  );

  // ---------------------------------------------------------------- list exports

  r.get(
    '/api/v1/reporting/portfolio-status/export',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'The portfolio status of a period as XLSX or CSV',
        querystring: PortfolioStatusExportQuery,
      },
    },
    async (req, reply) =>
      attachment(reply, await exports.exportPortfolioStatus(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/v1/projects/:id/status-reports/export',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: "A project's status reports as XLSX or CSV",
        params: IdParams,
        querystring: ReportsExportQuery,
      },
    },
    async (req, reply) =>
      attachment(
        reply,
        await exports.exportProjectReports(ctx, actorOf(req), req.params.id, req.query),
      ),
  );

  r.get(
    '/api/v1/kpis/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The latest KPI values you may see as XLSX or CSV',
        querystring: KpiExportQuery,
      },
    },
    async (req, reply) =>
      attachment(reply, await exports.exportKpiValues(ctx, actorOf(req), req.query)),
  );
}
