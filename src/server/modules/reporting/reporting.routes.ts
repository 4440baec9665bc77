import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../contracts/common.ts';
import {
  ComputeKpisBody,
  ComputeResult,
  CreateKpiBody,
  CreateStatusReportBody,
  Kpi,
  KpiHistory,
  KpiHistoryQuery,
  KpiList,
  OverrideBody,
  PortfolioStatus,
  PortfolioStatusQuery,
  ReportParams,
  ReportsDue,
  ReportsDueQuery,
  ReviewBody,
  StatusReport,
  StatusReportList,
  UpdateKpiBody,
  UpdateReportingSettingsBody,
  UpdateStatusReportBody,
  Frequency,
  RollupRule,
  Weather,
} from '../../../contracts/reporting.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './reporting.service.ts';

export function reportingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reporting'];

  r.get(
    '/api/v1/projects/:id/status-reports',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary:
          'Status reports of a project (newest first), the period expected now, live metrics',
        params: IdParams,
        response: { 200: StatusReportList },
      },
    },
    async (req) => svc.listReports(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/status-reports',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Start the status report of a period (a draft)',
        params: IdParams,
        body: CreateStatusReportBody,
        response: { 201: StatusReport },
      },
    },
    async (req, reply) => {
      const report = await svc.createReport(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(201).send(withEtag(reply, report));
    },
  );

  r.get(
    '/api/v1/projects/:id/status-reports/:reportId',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'One status report, with trends versus the previous one',
        params: ReportParams,
        response: { 200: StatusReport },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getReport(ctx, actorOf(req), req.params.id, req.params.reportId)),
  );

  r.patch(
    '/api/v1/projects/:id/status-reports/:reportId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Edit a draft (or a report sent back for changes)',
        params: ReportParams,
        body: UpdateStatusReportBody,
        response: { 200: StatusReport },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateReport(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.reportId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.post(
    '/api/v1/projects/:id/status-reports/:reportId/submit',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Submit the report to the PMO (If-Match); the metrics snapshot is taken now',
        params: ReportParams,
        response: { 200: StatusReport },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.submitReport(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.reportId,
          expectedVersion(req),
        ),
      ),
  );

  r.post(
    '/api/v1/projects/:id/status-reports/:reportId/review',
    {
      config: { access: 'reporting.review' },
      schema: {
        tags,
        summary: 'PMO review (If-Match): approve, or request changes with a comment',
        params: ReportParams,
        body: ReviewBody,
        response: { 200: StatusReport },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.reviewReport(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.reportId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.get(
    '/api/v1/reporting/portfolio-status',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary:
          'Status of a portfolio for a period: project weathers, roll-up to programmes and portfolio',
        querystring: PortfolioStatusQuery,
        response: { 200: PortfolioStatus },
      },
    },
    async (req) => svc.portfolioStatus(ctx, actorOf(req), req.query.portfolioId, req.query.date),
  );

  r.patch(
    '/api/v1/portfolios/:id/reporting-settings',
    {
      config: { access: 'reporting.review' },
      schema: {
        tags,
        summary:
          'Reporting frequency and roll-up rule of a portfolio (If-Match: 0 before the first save)',
        params: IdParams,
        body: UpdateReportingSettingsBody,
        response: {
          200: z.object({
            frequency: Frequency,
            rollupRule: RollupRule,
            version: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateSettings(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  const OverrideView = z.object({
    id: Id,
    weather: Weather,
    comment: z.string(),
    by: z.string(),
    at: z.string(),
    version: z.number().int(),
  });

  r.post(
    '/api/v1/reporting/overrides',
    {
      config: { access: 'reporting.review' },
      schema: {
        tags,
        summary: 'Set the PMO weather of a programme or portfolio for a period, with a reason',
        body: OverrideBody,
        response: { 200: OverrideView },
      },
    },
    async (req, reply) => withEtag(reply, await svc.setOverride(ctx, actorOf(req), req.body)),
  );

  r.delete(
    '/api/v1/reporting/overrides/:id',
    {
      config: { access: 'reporting.review' },
      schema: {
        tags,
        summary: 'Remove an override (If-Match): the computed weather shows again',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await svc.deleteOverride(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/reporting/reports-due',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Reports due ("rapports attendus"): missing, draft or sent back, for the period expected now',
        querystring: ReportsDueQuery,
        response: { 200: ReportsDue },
      },
    },
    async (req) =>
      svc.reportsDue(ctx, actorOf(req), { date: req.query.date, mine: req.query.mine === 'true' }),
  );

  r.get(
    '/api/v1/kpis',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'The KPI library with latest values and trends, and the metric registry',
        response: { 200: KpiList },
      },
    },
    async (req) => svc.listKpis(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/kpis',
    {
      config: { access: 'kpi.manage' },
      schema: {
        tags,
        summary: 'Define a KPI (its formula is checked against the metric registry)',
        body: CreateKpiBody,
        response: { 201: Kpi },
      },
    },
    async (req, reply) => {
      const kpi = await svc.createKpi(ctx, actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, kpi));
    },
  );

  r.patch(
    '/api/v1/kpis/:id',
    {
      config: { access: 'kpi.manage' },
      schema: {
        tags,
        summary: 'Change or archive a KPI (If-Match)',
        params: IdParams,
        body: UpdateKpiBody,
        response: { 200: Kpi },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateKpi(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/kpis/:id/history',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'Stored values of a KPI over time (scopes the caller may see)',
        params: IdParams,
        querystring: KpiHistoryQuery,
        response: { 200: KpiHistory },
      },
    },
    async (req) => svc.kpiHistory(ctx, actorOf(req), req.params.id, req.query.scopeId),
  );

  r.post(
    '/api/v1/kpis/compute',
    {
      config: { access: 'kpi.manage' },
      schema: {
        tags,
        summary: 'Compute every KPI now (what the daily job does) and store the values',
        body: ComputeKpisBody,
        response: { 200: ComputeResult },
      },
    },
    async (req) => svc.computeKpis(ctx, req.body.asOf),
  );
}
