import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ApproveBody,
  BusinessCaseBody,
  CreateRequestBody,
  ProjectRequest,
  RequestList,
  TriageBody,
  UpdateRequestBody,
} from '../../../contracts/strategy.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { objectivesRoutes } from './objectives.routes.ts';
import * as svc from './strategy.service.ts';

export function strategyRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['strategy'];
  objectivesRoutes(app, ctx);

  r.get(
    '/api/v1/strategy/requests',
    {
      // Everyone signed in: the PMO (strategy.read) sees all requests, others their own.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Project requests (intake pipeline)',
        response: { 200: RequestList },
      },
    },
    async (req) => svc.listRequests(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/strategy/requests',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Submit a project request',
        body: CreateRequestBody,
        response: { 201: ProjectRequest },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createRequest(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/strategy/requests/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One project request, with its business case and indicators',
        params: IdParams,
        response: { 200: ProjectRequest },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRequest(ctx, actorOf(req), req.params.id)),
  );

  r.patch(
    '/api/v1/strategy/requests/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change a request (its requester before triage, or the PMO)',
        params: IdParams,
        body: UpdateRequestBody,
        response: { 200: ProjectRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateRequest(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.post(
    '/api/v1/strategy/requests/:id/triage',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Triage a request: accept into evaluation, ask for more, or reject',
        params: IdParams,
        body: TriageBody,
        response: { 200: ProjectRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.triageRequest(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.put(
    '/api/v1/strategy/requests/:id/business-case',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Write the business case of a request (cash flows by period)',
        params: IdParams,
        body: BusinessCaseBody,
        response: { 200: ProjectRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.putBusinessCase(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.post(
    '/api/v1/strategy/requests/:id/approve',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Approve a request in evaluation: creates the project',
        params: IdParams,
        body: ApproveBody,
        response: { 200: ProjectRequest },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.approveRequest(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
}
