import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  Baseline,
  BaselineComparison,
  BaselineList,
  BaselineParams,
  CalendarFeed,
  CreateBaselineBody,
  CreateLinkBody,
  CreateTaskBody,
  ExportQuery,
  ImportQuery,
  ImportReport,
  LinkParams,
  MilestoneList,
  MilestoneQuery,
  MilestoneTrend,
  MoveTaskBody,
  Plan,
  PlanChange,
  Roadmap,
  RoadmapQuery,
  TaskParams,
  UpdateLinkBody,
  UpdatePlanSettingsBody,
  UpdateTaskBody,
} from '../../../contracts/planning.ts';
import type { Ctx } from '../../context.ts';
import { trustedLargeResponse } from '../../http/serialize.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion } from '../../http/versioning.ts';
import * as exchange from './planning.exchange.ts';
import * as feeds from './ical.ts';
import * as svc from './planning.service.ts';

/** Largest plan file accepted by the import (MSPDI files of large plans run to tens of MB). */
const IMPORT_LIMIT = 32 * 1024 * 1024;

export function planningRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['planning'];

  // Plan files arrive as raw text: XML or JSON, parsed by the (guarded) planning core.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/xml', 'text/xml', 'text/plain', 'application/octet-stream'],
      { parseAs: 'string', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/projects/:id/plan/import',
      {
        config: { access: 'project.update' },
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags,
          summary:
            'Import a plan (MS Project XML or project.json): preview, then all-or-nothing commit',
          params: IdParams,
          querystring: ImportQuery,
          body: z.string().max(IMPORT_LIMIT),
          response: { 200: ImportReport },
        },
      },
      async (req) => exchange.importPlan(ctx, actorOf(req), req.params.id, req.query, req.body),
    );
  });

  r.get(
    '/api/v1/projects/:id/plan/export',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'Export the plan as MS Project XML, project.json or CSV (French conventions)',
        params: IdParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exchange.exportPlan(ctx, actorOf(req), req.params.id, req.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/projects/:id/plan',
    {
      ...trustedLargeResponse,
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'The plan of a project: settings, WBS tasks with their schedule, links',
        params: IdParams,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.getPlan(ctx, actorOf(req), req.params.id);
      reply.header('etag', `"${plan.settings.version}"`);
      return plan;
    },
  );

  r.patch(
    '/api/v1/projects/:id/plan/settings',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change the start, status date or calendar (If-Match: the settings version)',
        params: IdParams,
        body: UpdatePlanSettingsBody,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.updateSettings(
        ctx,
        actorOf(req),
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      reply.header('etag', `"${plan.settings.version}"`);
      return plan;
    },
  );

  r.post(
    '/api/v1/projects/:id/plan/tasks',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Add a task (rescheduled at once)',
        params: IdParams,
        body: CreateTaskBody,
        response: { 201: PlanChange },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createTask(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/projects/:id/plan/tasks/:taskId',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary:
          'Change a task: name, duration, constraint, progress… (If-Match: the task version)',
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: PlanChange },
      },
    },
    async (req) =>
      svc.updateTask(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.taskId,
        expectedVersion(req),
        req.body,
      ),
  );

  r.delete(
    '/api/v1/projects/:id/plan/tasks/:taskId',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Delete a task with its sub-tasks and their links',
        params: TaskParams,
        response: { 200: PlanChange },
      },
    },
    async (req) =>
      svc.deleteTask(ctx, actorOf(req), req.params.id, req.params.taskId, expectedVersion(req)),
  );

  r.post(
    '/api/v1/projects/:id/plan/tasks/:taskId/move',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Indent, outdent or reorder a task: new parent and preceding sibling',
        params: TaskParams,
        body: MoveTaskBody,
        response: { 200: PlanChange },
      },
    },
    async (req) =>
      svc.moveTask(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.taskId,
        expectedVersion(req),
        req.body,
      ),
  );

  r.post(
    '/api/v1/projects/:id/plan/tasks/:taskId/copy',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Copy a task and its sub-tasks (with their internal links) right after it',
        params: TaskParams,
        response: { 201: PlanChange },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.copyTask(ctx, actorOf(req), req.params.id, req.params.taskId)),
  );

  r.post(
    '/api/v1/projects/:id/plan/links',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Link two leaf tasks (the predecessor may be in another project)',
        params: IdParams,
        body: CreateLinkBody,
        response: { 201: PlanChange },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createLink(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/projects/:id/plan/links/:linkId',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change the type or lag of a link (If-Match: the link version)',
        params: LinkParams,
        body: UpdateLinkBody,
        response: { 200: PlanChange },
      },
    },
    async (req) =>
      svc.updateLink(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.linkId,
        expectedVersion(req),
        req.body,
      ),
  );

  r.delete(
    '/api/v1/projects/:id/plan/links/:linkId',
    {
      ...trustedLargeResponse,
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Remove a link',
        params: LinkParams,
        response: { 200: PlanChange },
      },
    },
    async (req) =>
      svc.deleteLink(ctx, actorOf(req), req.params.id, req.params.linkId, expectedVersion(req)),
  );

  r.get(
    '/api/v1/projects/:id/baselines',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'Baselines of a project',
        params: IdParams,
        response: { 200: BaselineList },
      },
    },
    async (req) => svc.listBaselines(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/baselines',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Save the current schedule as a named baseline',
        params: IdParams,
        body: CreateBaselineBody,
        response: { 201: Baseline },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createBaseline(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/projects/:id/baselines/:baselineId/comparison',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'The current plan against a baseline, task by task',
        params: BaselineParams,
        response: { 200: BaselineComparison },
      },
    },
    async (req) => svc.compareBaseline(ctx, actorOf(req), req.params.id, req.params.baselineId),
  );

  r.delete(
    '/api/v1/projects/:id/baselines/:baselineId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Delete a baseline (baselines are never edited, so no If-Match)',
        params: BaselineParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteBaseline(ctx, actorOf(req), req.params.id, req.params.baselineId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/projects/:id/milestone-trend',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'Planned date of each milestone as recorded at each status date',
        params: IdParams,
        response: { 200: MilestoneTrend },
      },
    },
    async (req) => svc.milestoneTrend(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/v1/roadmap',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'Visible projects on one timeline: phases, key milestones, cross-project links',
        querystring: RoadmapQuery,
        response: { 200: Roadmap },
      },
    },
    async (req) => svc.roadmap(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/milestones',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'Milestones done, due and late across the visible projects',
        querystring: MilestoneQuery,
        response: { 200: MilestoneList },
      },
    },
    async (req) => svc.listMilestones(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/me/calendar-feed',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Whether you have an iCalendar feed (its URL is only shown when created)',
        response: { 200: CalendarFeed },
      },
    },
    async (req) => feeds.getFeed(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/me/calendar-feed',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Create or regenerate your iCalendar feed; the URL is returned once',
        response: { 201: CalendarFeed },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await feeds.createFeed(ctx, actorOf(req), publicOrigin(ctx, req))),
  );

  r.delete(
    '/api/v1/me/calendar-feed',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Revoke your iCalendar feed', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await feeds.revokeFeed(ctx, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/ical/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'iCalendar feed (RFC 5545) of the milestones and tasks its owner may see',
        params: z.object({ token: z.string().min(20).max(200) }),
      },
    },
    async (req, reply) => {
      const body = await feeds.renderFeed(ctx, req.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
}

function publicOrigin(ctx: Ctx, req: { protocol: string; host: string }): string {
  return ctx.config.publicUrl
    ? new URL(ctx.config.publicUrl).origin
    : `${req.protocol}://${req.host}`;
}
