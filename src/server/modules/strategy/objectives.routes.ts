import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  Contribution,
  ContributionList,
  CreateContributionBody,
  CreateObjectiveBody,
  Objective,
  ObjectiveList,
  StrategyMap,
  UpdateContributionBody,
  UpdateObjectiveBody,
} from '../../../contracts/strategy.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './objectives.service.ts';

/** Strategic objectives, the contributions projects and candidates declare, the strategy map. */
export function objectivesRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['strategy'];

  r.get(
    '/api/v1/strategy/objectives',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The strategy tree: axes and their objectives, with weights and targets',
        response: { 200: ObjectiveList },
      },
    },
    async () => svc.listObjectives(ctx),
  );

  r.post(
    '/api/v1/strategy/objectives',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Create an axis or an objective',
        body: CreateObjectiveBody,
        response: { 201: Objective },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createObjective(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/strategy/objectives/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One axis or objective',
        params: IdParams,
        response: { 200: Objective },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getObjective(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/strategy/objectives/:id',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Change an axis or an objective',
        params: IdParams,
        body: UpdateObjectiveBody,
        response: { 200: Objective },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateObjective(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/strategy/objectives/:id',
    {
      config: { access: 'strategy.manage' },
      schema: { tags, summary: 'Delete an objective or an empty axis', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteObjective(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/contributions',
    {
      // Whoever sees the project; checked per object by the service.
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'How much a project contributes to each strategic objective',
        params: IdParams,
        response: { 200: ContributionList },
      },
    },
    async (req) => svc.listContributions(ctx, actorOf(req), { projectId: req.params.id }),
  );

  r.get(
    '/api/v1/strategy/requests/:id/contributions',
    {
      // Whoever sees the request (its requester, strategy.read); checked by the service.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'How much a candidate (project request) contributes to each objective',
        params: IdParams,
        response: { 200: ContributionList },
      },
    },
    async (req) => svc.listContributions(ctx, actorOf(req), { requestId: req.params.id }),
  );

  r.post(
    '/api/v1/strategy/contributions',
    {
      // project.update on the project, or strategy.manage for a candidate; checked per object.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Declare how much a project or candidate contributes to an objective (1–3)',
        body: CreateContributionBody,
        response: { 201: Contribution },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createContribution(ctx, actorOf(req), req.body))),
  );

  r.patch(
    '/api/v1/strategy/contributions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change a contribution',
        params: IdParams,
        body: UpdateContributionBody,
        response: { 200: Contribution },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateContribution(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/strategy/contributions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Withdraw a contribution', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteContribution(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/strategy/map',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: 'The strategy map: coverage of the objectives by projects and candidates',
        response: { 200: StrategyMap },
      },
    },
    async (req) => svc.strategyMap(ctx, actorOf(req)),
  );
}
