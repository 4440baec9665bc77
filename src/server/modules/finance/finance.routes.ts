import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ActualCost,
  ActualImportBody,
  ActualImportReport,
  ActualParams,
  Budget,
  BudgetLine,
  BudgetRevision,
  CloseMonthBody,
  CostLedger,
  CreateActualBody,
  CreateBudgetLineBody,
  CreatePurchaseOrderBody,
  DecideRevisionBody,
  EvmQuery,
  ExchangeRate,
  ExchangeRateList,
  LineParams,
  PortfolioFinance,
  PortfolioFinanceQuery,
  ProjectEvm,
  PurchaseOrder,
  PurchaseOrderParams,
  RevisionParams,
  Rollup,
  RollupExportQuery,
  PortfolioFinanceExportQuery,
  ExportFormatQuery,
  RollupQuery,
  SubmitRevisionBody,
  UpdateBudgetLineBody,
  LabourSyncResult,
} from '../../../contracts/finance.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { exportBudget, exportPortfolioYear, exportRollup } from './finance.export.ts';
import { importActuals } from './finance.import.ts';
import { syncLabourActuals } from './finance.labour.ts';
import * as svc from './finance.service.ts';

/** Largest actuals file accepted (100 000 rows of CSV is about 10 MB; base64 XLSX more). */
const IMPORT_LIMIT = 64 * 1024 * 1024;

export function financeRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['finance'];

  r.get(
    '/api/v1/projects/:id/budget',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary:
          'The budget: lines phased by month, baseline, revisions, commitments, actuals, forecasts',
        params: IdParams,
        response: { 200: Budget },
      },
    },
    async (req) => svc.getBudget(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/budget/lines',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Add a budget line (amounts per month, or an amount spread evenly over months)',
        params: IdParams,
        body: CreateBudgetLineBody,
        response: { 201: BudgetLine },
      },
    },
    async (req, reply) => {
      const line = await svc.createLine(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(201).send(withEtag(reply, line));
    },
  );

  r.patch(
    '/api/v1/projects/:id/budget/lines/:lineId',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Change a line, some of its months, or its forecast (If-Match: the line version)',
        params: LineParams,
        body: UpdateBudgetLineBody,
        response: { 200: BudgetLine },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateLine(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.lineId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/budget/lines/:lineId',
    {
      config: { access: 'budget.edit' },
      schema: { tags, summary: 'Delete a budget line (If-Match)', params: LineParams },
    },
    async (req, reply) => {
      await svc.deleteLine(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.lineId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/projects/:id/budget/revisions',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Submit the working budget for approval, with the reason for the change',
        params: IdParams,
        body: SubmitRevisionBody,
        response: { 201: BudgetRevision },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.submitRevision(ctx, actorOf(req), req.params.id, req.body.reason)),
  );

  r.post(
    '/api/v1/projects/:id/budget/revisions/:revisionId/decision',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Approve (it becomes the baseline) or reject a submitted revision (If-Match)',
        params: RevisionParams,
        body: DecideRevisionBody,
        response: { 200: BudgetRevision },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.decideRevision(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.revisionId,
          expectedVersion(req),
          req.body.decision,
          req.body.comment,
        ),
      ),
  );

  r.get(
    '/api/v1/projects/:id/costs',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Purchase orders and the latest actual costs of a project',
        params: IdParams,
        response: { 200: CostLedger },
      },
    },
    async (req) => svc.getLedger(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/purchase-orders',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Record a purchase order (commitment)',
        params: IdParams,
        body: CreatePurchaseOrderBody,
        response: { 201: PurchaseOrder },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createPurchaseOrder(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/projects/:id/purchase-orders/:orderId',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Change a purchase order (If-Match)',
        params: PurchaseOrderParams,
        body: CreatePurchaseOrderBody,
        response: { 200: PurchaseOrder },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updatePurchaseOrder(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.orderId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/purchase-orders/:orderId',
    {
      config: { access: 'finance.manage' },
      schema: { tags, summary: 'Delete a purchase order (If-Match)', params: PurchaseOrderParams },
    },
    async (req, reply) => {
      await svc.deletePurchaseOrder(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.orderId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/projects/:id/actuals',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Record an actual cost (invoice or other; labour comes from timesheets)',
        params: IdParams,
        body: CreateActualBody,
        response: { 201: ActualCost },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createActual(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/projects/:id/actuals/:actualId',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Change an invoice or other actual cost (If-Match; labour follows timesheets)',
        params: ActualParams,
        body: CreateActualBody,
        response: { 200: ActualCost },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateActual(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.actualId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/actuals/:actualId',
    {
      config: { access: 'finance.manage' },
      schema: { tags, summary: 'Delete an actual cost (If-Match)', params: ActualParams },
    },
    async (req, reply) => {
      await svc.deleteActual(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.actualId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/finance/actuals/import',
    {
      config: { access: 'finance.manage' },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary:
          'Import actual costs from CSV/XLSX with a column mapping: dry run, then all-or-nothing',
        body: ActualImportBody,
        response: { 200: ActualImportReport },
      },
    },
    async (req) => importActuals(ctx, actorOf(req), req.body),
  );

  r.post(
    '/api/v1/finance/labour-actuals/sync',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary:
          'Recompute labour actuals now: approved timesheet hours × the cost rate valid each day (also every 15 minutes)',
        response: { 200: LabourSyncResult },
      },
    },
    async (req) => syncLabourActuals(ctx, actorOf(req)),
  );

  r.get(
    '/api/v1/projects/:id/evm',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Earned value at a status date (default: the plan status date), S-curves, history',
        params: IdParams,
        querystring: EvmQuery,
        response: { 200: ProjectEvm },
      },
    },
    async (req) => svc.getEvm(ctx, actorOf(req), req.params.id, req.query.date),
  );

  r.post(
    '/api/v1/projects/:id/evm/closes',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Record the month-end close (EVM and forecast) at a status date',
        params: IdParams,
        body: CloseMonthBody,
        response: { 200: ProjectEvm },
      },
    },
    async (req) =>
      svc.closeMonth(ctx, actorOf(req), req.params.id, req.body.statusDate, req.body.comment),
  );

  r.get(
    '/api/v1/finance/rollup',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Portfolio → programme → project finance and EV indices at a date',
        querystring: RollupQuery,
        response: { 200: Rollup },
      },
    },
    async (req) => svc.getRollup(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/finance/rollup/export',
    {
      config: { access: 'finance.read' },
      schema: { tags, summary: 'The roll-up as CSV or XLSX', querystring: RollupExportQuery },
    },
    async (req, reply) => {
      const file = await exportRollup(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/finance/portfolio/export',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'A year by nature and category as CSV or XLSX',
        querystring: PortfolioFinanceExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportPortfolioYear(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/projects/:id/budget/export',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: "A project's budget grid with commitments, actuals and forecasts as CSV or XLSX",
        params: IdParams,
        querystring: ExportFormatQuery,
      },
    },
    async (req, reply) => {
      const file = await exportBudget(ctx, actorOf(req), req.params.id, req.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/finance/portfolio',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'A year of budget, actuals and commitments by nature (CAPEX/OPEX) and category',
        querystring: PortfolioFinanceQuery,
        response: { 200: PortfolioFinance },
      },
    },
    async (req) => svc.getPortfolioFinance(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/finance/exchange-rates',
    {
      config: { access: 'finance.read' },
      schema: { tags, summary: 'Dated exchange rates to EUR', response: { 200: ExchangeRateList } },
    },
    async (req) => svc.listRates(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/finance/exchange-rates',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Set the rate of a currency from a date',
        body: ExchangeRate.refine((r) => r.currency !== 'EUR', {
          path: ['currency'],
          message: 'EUR is the reporting currency',
        }),
        response: { 200: ExchangeRateList },
      },
    },
    async (req) => svc.setRate(ctx, actorOf(req), req.body),
  );
}
