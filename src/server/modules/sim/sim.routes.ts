import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CostRange,
  CostRangeBody,
  CreateRunBody,
  EstimateBody,
  EventParams,
  LineParams,
  RiskEvent,
  RiskEventBody,
  RunParams,
  SimModel,
  SimRun,
  SimRunList,
  TaskEstimate,
  TaskParams,
  UpdateRiskEventBody,
} from '../../../contracts/sim.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './sim.service.ts';

export function simRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['schedule-risk'];

  // Runs a stopped server left queued or running are run again (same seed, same result).
  app.addHook('onReady', async () => {
    if (!ctx.config.jobs) return;
    await svc.resumeRuns(ctx).catch(() => undefined);
  });

  r.get(
    '/api/v1/projects/:id/schedule-risk',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary:
          'What the simulation reads: tasks with their estimates, risk events, budget lines with their cost ranges',
        params: IdParams,
        response: { 200: SimModel },
      },
    },
    async (req) => svc.getModel(ctx, actorOf(req), req.params.id),
  );

  r.put(
    '/api/v1/projects/:id/schedule-risk/estimates/:taskId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: "Set a leaf task's three-point estimate (If-Match: its version, 0 to create)",
        params: TaskParams,
        body: EstimateBody,
        response: { 200: TaskEstimate },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.putEstimate(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.taskId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/schedule-risk/estimates/:taskId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: "Remove a task's estimate (If-Match)", params: TaskParams },
    },
    async (req, reply) => {
      await svc.deleteEstimate(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.taskId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.put(
    '/api/v1/projects/:id/schedule-risk/cost-ranges/:lineId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          'Set the cost range of a budget line, EUR cents (If-Match: its version, 0 to create)',
        params: LineParams,
        body: CostRangeBody,
        response: { 200: CostRange },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.putCostRange(
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
    '/api/v1/projects/:id/schedule-risk/cost-ranges/:lineId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: "Remove a budget line's cost range (If-Match)", params: LineParams },
    },
    async (req, reply) => {
      await svc.deleteCostRange(
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
    '/api/v1/projects/:id/schedule-risk/events',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Add a risk event: a probability, working days added to tasks, a cost',
        params: IdParams,
        body: RiskEventBody,
        response: { 201: RiskEvent },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createEvent(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/schedule-risk/events/:eventId',
    {
      config: { access: 'risk.read' },
      schema: { tags, summary: 'A risk event', params: EventParams, response: { 200: RiskEvent } },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getEvent(ctx, actorOf(req), req.params.eventId)),
  );

  r.patch(
    '/api/v1/schedule-risk/events/:eventId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Change a risk event (If-Match); `impacts`, when given, replaces the list',
        params: EventParams,
        body: UpdateRiskEventBody,
        response: { 200: RiskEvent },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateEvent(
          ctx,
          actorOf(req),
          req.params.eventId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/schedule-risk/events/:eventId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: 'Remove a risk event (If-Match)', params: EventParams },
    },
    async (req, reply) => {
      await svc.deleteEvent(ctx, actorOf(req), req.params.eventId, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/schedule-risk/runs',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The simulation runs of a project, newest first',
        params: IdParams,
        response: { 200: SimRunList },
      },
    },
    async (req) => svc.listRuns(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/schedule-risk/runs',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          'Run the schedule and cost simulation in the background (N iterations, a seed); read its progress and result from the run',
        params: IdParams,
        body: CreateRunBody,
        response: { 202: SimRun },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await svc.requestRun(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/schedule-risk/runs/:runId',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'A run: its progress, then its result',
        params: RunParams,
        response: { 200: SimRun },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRun(ctx, actorOf(req), req.params.runId)),
  );

  r.delete(
    '/api/v1/schedule-risk/runs/:runId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Delete a finished run (If-Match)',
        params: RunParams,
      },
    },
    async (req, reply) => {
      await svc.deleteRun(ctx, actorOf(req), req.params.runId, expectedVersion(req));
      return reply.status(204).send();
    },
  );
}
