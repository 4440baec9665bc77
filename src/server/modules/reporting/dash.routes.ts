import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  DashPortfolio,
  DashPortfolioQuery,
  DashProjectView,
  DashRefreshBody,
  DashRefreshResult,
} from '../../../contracts/dash.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
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
