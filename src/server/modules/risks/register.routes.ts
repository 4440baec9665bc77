import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RegisterExportQuery, RiskTrend, RiskTrendQuery } from '../../../contracts/register.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { exportRegister, trend } from './register.service.ts';

export function registerRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risks'];

  r.get(
    '/api/v1/registers/export',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary:
          'A register (risks, issues, decisions, change requests) of a project, programme or portfolio as CSV or XLSX',
        querystring: RegisterExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportRegister(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/risks/trend',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary:
          'Open risks per criticality and threat exposure at each month end, from the assessment history',
        querystring: RiskTrendQuery,
        response: { 200: RiskTrend },
      },
    },
    async (req) => trend(ctx, actorOf(req), req.query),
  );
}
