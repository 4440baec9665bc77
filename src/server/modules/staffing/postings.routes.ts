import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreatePostingBody,
  PostingListQuery,
  RealisePostingBody,
  TrainingCostPosting,
  TrainingCostPostingList,
} from '../../../contracts/skills.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './postings.service.ts';

/** Training costs posted to project budgets (commitments and actual costs, through finance). */
export function trainingPostingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];

  r.get(
    '/api/v1/training/postings',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Training costs posted to the budgets of the projects you see',
        querystring: PostingListQuery,
        response: { 200: TrainingCostPostingList },
      },
    },
    async (req) => svc.listPostings(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/v1/training/postings/:id',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'One training cost posting (ETag)',
        params: IdParams,
        response: { 200: TrainingCostPosting },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getPosting(ctx, actorOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/training/sessions/:id/postings',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Charge a session’s cost to a project budget line (commitment or actual cost)',
        params: IdParams,
        body: CreatePostingBody,
        response: { 201: TrainingCostPosting },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(reply, await svc.postSessionCost(ctx, actorOf(req), req.params.id, req.body)),
        ),
  );
  r.post(
    '/api/v1/training/postings/:id/realise',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'The commitment becomes an actual cost (If-Match)',
        params: IdParams,
        body: RealisePostingBody,
        response: { 200: TrainingCostPosting },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.realisePosting(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/api/v1/training/postings/:id/reviewed',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Finance has checked an actual cost flagged for review: clear the flag (If-Match)',
        params: IdParams,
        response: { 200: TrainingCostPosting },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.markReviewed(ctx, actorOf(req), req.params.id, expectedVersion(req)),
      ),
  );
  r.delete(
    '/api/v1/training/postings/:id',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Withdraw a posting: its purchase order or actual cost is deleted (If-Match)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await svc.deletePosting(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );
}
