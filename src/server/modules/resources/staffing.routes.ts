import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  AnswerRequestBody,
  CreateResourceRequestBody,
  RequestTransitionBody,
  ResourceRequest,
  ResourceRequestList,
  ResourceRequestListQuery,
  UpdateResourceRequestBody,
} from '../../../contracts/skills.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './staffing.service.ts';

/** Resource requests raised by projects and answered with allocations. */
export function staffingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staffing'];

  r.get(
    '/api/v1/resource-requests',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Submitted resource requests of every project (resource managers)',
        querystring: ResourceRequestListQuery,
        response: { 200: ResourceRequestList },
      },
    },
    async (req) => svc.listRequests(ctx, req.query),
  );
  r.get(
    '/api/v1/projects/:id/resource-requests',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Resource requests of a project',
        params: IdParams,
        response: { 200: ResourceRequestList },
      },
    },
    async (req) => svc.listProjectRequests(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/v1/projects/:id/resource-requests',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Raise a resource request (draft, or submitted at once)',
        params: IdParams,
        body: CreateResourceRequestBody,
        response: { 201: ResourceRequest },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createRequest(ctx, actorOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/resource-requests/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A resource request with its allocations',
        params: IdParams,
        response: { 200: ResourceRequest },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRequest(ctx, actorOf(req), req.params.id)),
  );
  r.patch(
    '/api/v1/resource-requests/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change a draft or submitted request',
        params: IdParams,
        body: UpdateResourceRequestBody,
        response: { 200: ResourceRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateRequest(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/api/v1/resource-requests/:id/transition',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Submit, cancel or reopen (project), reject (resource managers)',
        params: IdParams,
        body: RequestTransitionBody,
        response: { 200: ResourceRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.transitionRequest(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.post(
    '/api/v1/resource-requests/:id/allocations',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Answer a request with an allocation (proposed or confirmed)',
        params: IdParams,
        body: AnswerRequestBody,
        response: { 200: ResourceRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.answerRequest(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
}
