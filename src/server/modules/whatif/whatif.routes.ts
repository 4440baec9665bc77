import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ApplyPortfolioLevelingBody,
  PortfolioLevelingApplied,
  PortfolioLevelingBody,
  PortfolioLevelingPreview,
  PortfolioWhatIfBody,
  PortfolioWhatIfResult,
} from '../../../contracts/whatif.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { trustedLargeResponse } from '../../http/serialize.ts';
import * as svc from './whatif.service.ts';

/** Portfolio what-if (priorities, removals, shifts, a hypothetical project) and leveling. */
export function whatifRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  r.post(
    '/api/v1/portfolios/:id/what-if',
    {
      ...trustedLargeResponse,
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          'The heat map before and after changing priorities, removing, shifting or adding projects, leveled by priority (nothing is saved)',
        params: IdParams,
        body: PortfolioWhatIfBody,
        response: { 200: PortfolioWhatIfResult },
      },
    },
    async (req) => svc.portfolioWhatIf(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/portfolios/:id/leveling/preview',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          "What leveling the portfolio's plans by priority would move, by how much and why (nothing is saved)",
        params: IdParams,
        body: PortfolioLevelingBody,
        response: { 200: PortfolioLevelingPreview },
      },
    },
    async (req) => svc.previewPortfolioLeveling(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/portfolios/:id/leveling/apply',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          'Apply the previewed portfolio leveling (same fingerprint; the right to change each plan touched), in one transaction',
        params: IdParams,
        body: ApplyPortfolioLevelingBody,
        response: { 200: PortfolioLevelingApplied },
      },
    },
    async (req) => svc.applyPortfolioLeveling(ctx, actorOf(req), req.params.id, req.body),
  );
}
