import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  DashExportQuery,
  DashPortfolio,
  DashPortfolioQuery,
  DashProjectsPage,
  DashProjectsQuery,
  DashProjectView,
  DashRefreshBody,
  DashRefreshResult,
} from '../../../contracts/dash.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { dashboardPdf, dashboardXlsx, filterLine } from './dash.export.ts';
import * as svc from './dash.service.ts';

export function dashRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboards'];

  r.get(
    '/api/v1/dashboards/portfolio',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary:
          'Portfolio dashboard: phase/status/weather mixes, value × risk × budget, roadmap, budget vs actual, capacity pressure and KPI trends of the visible projects, from snapshots (with their freshness)',
        querystring: DashPortfolioQuery,
        response: { 200: DashPortfolio },
      },
    },
    async (req) => svc.portfolioDashboard(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/dashboards/portfolio/projects',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary:
          'A page of the filtered projects behind the portfolio dashboard (drill-down of its charts): all by code, dated by start, or those to watch worst first',
        querystring: DashProjectsQuery,
        response: { 200: DashProjectsPage },
      },
    },
    async (req) => svc.portfolioProjects(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/dashboards/portfolio/export',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary:
          'The portfolio dashboard for the same filters as XLSX (a sheet per block and every project) or PDF (A4 landscape); labels in the caller’s language',
        querystring: DashExportQuery,
      },
    },
    async (req, reply) => {
      const { format, locale: lang, ...query } = req.query;
      const { data, projects } = await svc.dashboardForExport(ctx, actorOf(req), query);
      const filters = filterLine(data, query, lang);
      const stamp = data.asOf;
      const body =
        format === 'xlsx'
          ? await dashboardXlsx(data, projects, filters, lang)
          : await dashboardPdf(data, projects, filters, lang);
      return reply
        .header(
          'content-type',
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/pdf',
        )
        .header('content-disposition', `attachment; filename="tableau-de-bord-${stamp}.${format}"`)
        .send(body);
    },
  );

  r.post(
    '/api/v1/dashboards/refresh',
    {
      config: { access: 'kpi.manage' },
      schema: {
        tags,
        summary:
          'Recompute the dashboard snapshots of every project now (what the hourly dash-snapshot job does)',
        body: DashRefreshBody,
        response: { 200: DashRefreshResult },
      },
    },
    async (req) => svc.refreshSnapshots(ctx, req.body.asOf),
  );

  r.get(
    '/api/v1/projects/:id/dashboard',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary:
          'Project dashboard: schedule, cost, risks, weather and milestones at a glance (live)',
        params: IdParams,
        response: { 200: DashProjectView },
      },
    },
    async (req) => svc.projectDashboard(ctx, actorOf(req), req.params.id),
  );
}
