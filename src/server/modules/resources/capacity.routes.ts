import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApplyLevelingBody,
  CapacityExportQuery,
  LevelingApplied,
  LevelingBody,
  LevelingPreview,
} from '../../../contracts/capacity.ts';
import { IdParams } from '../../../contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { exportHeatMap } from './capacity.export.ts';
import * as svc from './leveling.service.ts';

export function capacityRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  r.post(
    '/api/v1/projects/:id/leveling/preview',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'What leveling the plan would move, by how much and why (nothing is saved)',
        params: IdParams,
        body: LevelingBody,
        response: { 200: LevelingPreview },
      },
    },
    async (req) => svc.previewLeveling(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/projects/:id/leveling/apply',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Apply the previewed leveling (same fingerprint), in one transaction',
        params: IdParams,
        body: ApplyLevelingBody,
        response: { 200: LevelingApplied },
      },
    },
    async (req) => svc.applyLeveling(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/capacity/export',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'The heat map as CSV (French conventions) or XLSX: one line per group and period',
        querystring: CapacityExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportHeatMap(ctx, req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
}
