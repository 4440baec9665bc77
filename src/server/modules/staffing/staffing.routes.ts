import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  Bench,
  BenchExportQuery,
  BenchQuery,
  CandidateList,
  CandidateQuery,
  SkillGapExportQuery,
  SkillGapQuery,
  SkillGaps,
} from '../../../contracts/staffing.ts';
import type { Ctx } from '../../context.ts';
import { type ExportFile, exportBench, exportSkillGaps } from './staffing.export.ts';
import * as svc from './staffing.service.ts';

/** Staffing: candidates ranked for a request, the bench. Resource roles only (rates, loads). */
export function staffingRankingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staffing'];

  r.get(
    '/api/v1/resource-requests/:id/candidates',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'People ranked for a request by skill fit, availability and cost, explained',
        params: IdParams,
        querystring: CandidateQuery,
        response: { 200: CandidateList },
      },
    },
    async (req) => svc.candidates(ctx, req.params.id, req.query),
  );
  r.get(
    '/api/v1/staffing/bench',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'People free over a period (load at most a share of capacity)',
        querystring: BenchQuery,
        response: { 200: Bench },
      },
    },
    async (req) => svc.bench(ctx, req.query),
  );
  r.get(
    '/api/v1/staffing/skill-gaps',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Demand of open requests by skill and level vs free hours of holders, per quarter',
        querystring: SkillGapQuery,
        response: { 200: SkillGaps },
      },
    },
    async (req) => svc.skillGapsView(ctx, req.query),
  );
  staffingExportRoutes(app, ctx);
}

/** Downloads of the bench and the skill gaps (CSV or XLSX). Resource roles only. */
export function staffingExportRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staffing'];
  const send = (reply: FastifyReply, f: ExportFile) =>
    reply
      .header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.filename}"`)
      .send(f.body);
  r.get(
    '/api/v1/staffing/bench/export',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'The bench with its filters as CSV (French conventions) or XLSX, weeks as columns',
        querystring: BenchExportQuery,
      },
    },
    async (req, reply) => send(reply, await exportBench(ctx, req.query)),
  );
  r.get(
    '/api/v1/staffing/skill-gaps/export',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          'The skill gaps as CSV (French conventions) or XLSX: one line per skill and quarter',
        querystring: SkillGapExportQuery,
      },
    },
    async (req, reply) => send(reply, await exportSkillGaps(ctx, req.query)),
  );
}
