import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../contracts/common.ts';
import { MyHome } from '../../../contracts/dashboards.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import * as svc from './dashboards.service.ts';

export function dashboardsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboards'];

  r.get(
    '/api/v1/me/home',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Mon accueil: my projects with their weather, my actions, my approvals, my timesheet, my reports due',
        querystring: z.object({ date: IsoDate.optional() }),
        response: { 200: MyHome },
      },
    },
    async (req) => svc.myHome(ctx, actorOf(req), req.query.date),
  );
}
