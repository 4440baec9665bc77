import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreateRiskBody,
  CreateRiskCategoryBody,
  EscalateRiskBody,
  Heatmap,
  HeatmapQuery,
  RiskCategory,
  RiskCategoryList,
  RiskDetail,
  RiskListQuery,
  RiskPage,
  RiskParams,
  RiskSettings,
  RiskSettingsView,
  UpdateRiskBody,
  UpdateRiskCategoryBody,
} from '../../../contracts/risks.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './risks.service.ts';

export function riskRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risks'];

  r.get(
    '/api/v1/risk-settings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The PMO scales of probability and impact (meaning of each level) and the matrix',
        response: { 200: RiskSettingsView },
      },
    },
    async (_req, reply) => withEtag(reply, await svc.getSettings(ctx.db)),
  );

  r.put(
    '/api/v1/risk-settings',
    {
      config: { access: 'risk.configure' },
      schema: {
        tags,
        summary: 'Replace the scales and matrix (If-Match: the settings version, 0 at first)',
        body: RiskSettings,
        response: { 200: RiskSettingsView },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.updateSettings(ctx, actorOf(req), expectedVersion(req), req.body)),
  );

  r.get(
    '/api/v1/risk-categories',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The risk breakdown structure',
        response: { 200: RiskCategoryList },
      },
    },
    async () => svc.listCategories(ctx),
  );

  r.post(
    '/api/v1/risk-categories',
    {
      config: { access: 'risk.configure' },
      schema: {
        tags,
        summary: 'Add a category to the risk breakdown structure',
        body: CreateRiskCategoryBody,
        response: { 201: RiskCategory },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createCategory(ctx, actorOf(req), req.body)),
  );

  r.patch(
    '/api/v1/risk-categories/:id',
    {
      config: { access: 'risk.configure' },
      schema: {
        tags,
        summary: 'Change a category (If-Match)',
        params: IdParams,
        body: UpdateRiskCategoryBody,
        response: { 200: RiskCategory },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateCategory(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/risk-categories/:id',
    {
      config: { access: 'risk.configure' },
      schema: {
        tags,
        summary: 'Remove a category that no risk or sub-category uses (If-Match)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await svc.deleteCategory(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/risks',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary:
          'Risks the caller may see, filtered (project, programme, portfolio, status, criticality, cell of the heat map…), top risks first',
        querystring: RiskListQuery,
        response: { 200: RiskPage },
      },
    },
    async (req) => svc.listRisks(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/risks/heatmap',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'Counts of open risks per probability × impact cell, inherent or residual',
        querystring: HeatmapQuery,
        response: { 200: Heatmap },
      },
    },
    async (req) => svc.heatmap(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/v1/projects/:id/risks',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Record a risk in a project register',
        params: IdParams,
        body: CreateRiskBody,
        response: { 201: RiskDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createProjectRisk(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/programs/:id/risks',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Record a risk in a programme register',
        params: IdParams,
        body: CreateRiskBody,
        response: { 201: RiskDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createProgramRisk(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/portfolios/:id/risks',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Record a risk in a portfolio register (PMO)',
        params: IdParams,
        body: CreateRiskBody,
        response: { 201: RiskDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createPortfolioRisk(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/risks/:riskId',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'A risk with its dated assessment history',
        params: RiskParams,
        response: { 200: RiskDetail },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRisk(ctx, actorOf(req), req.params.riskId)),
  );

  r.patch(
    '/api/v1/risks/:riskId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Change or reassess a risk (If-Match); a new assessment is dated when it changes',
        params: RiskParams,
        body: UpdateRiskBody,
        response: { 200: RiskDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateRisk(ctx, actorOf(req), req.params.riskId, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/risks/:riskId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: 'Delete a risk (If-Match)', params: RiskParams },
    },
    async (req, reply) => {
      await svc.deleteRisk(ctx, actorOf(req), req.params.riskId, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/risks/:riskId/escalate',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          "Raise a risk to its programme's or portfolio's register, with the reason (If-Match)",
        params: RiskParams,
        body: EscalateRiskBody,
        response: { 200: RiskDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.escalateRisk(
          ctx,
          actorOf(req),
          req.params.riskId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
}
