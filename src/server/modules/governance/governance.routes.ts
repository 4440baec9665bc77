import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../contracts/common.ts';
import {
  ApplyMethodologyBody,
  ComplianceList,
  ComplianceQuery,
  ConditionParams,
  CreateDeliverableBody,
  CreateGlossaryTermBody,
  CreateMethodologyBody,
  Deliverable,
  DeliverableParams,
  GateCondition,
  GateDecisionBody,
  GateDecisionList,
  GateDecisionQuery,
  GlossaryList,
  GlossaryQuery,
  GlossaryTerm,
  Methodology,
  MethodologyList,
  MethodologyQuery,
  ProjectGovernance,
  PublishVersionBody,
  Raci,
  RaciBody,
  SetCriterionBody,
  UpdateConditionBody,
  UpdateDeliverableBody,
  UpdateGlossaryTermBody,
} from '../../../contracts/governance.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './governance.service.ts';
import { qualityRoutes } from './quality.routes.ts';

export function governanceRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance'];

  // ------------------------------------------------------------ methodology library

  r.get(
    '/api/v1/methodologies',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The methodology library', response: { 200: MethodologyList } },
    },
    async () => svc.listMethodologies(ctx),
  );

  r.post(
    '/api/v1/methodologies',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Create a methodology (its version 1)',
        body: CreateMethodologyBody,
        response: { 201: Methodology },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createMethodology(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/methodologies/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A methodology: its versions and the content of one (the latest by default)',
        params: IdParams,
        querystring: MethodologyQuery,
        response: { 200: Methodology },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getMethodology(ctx, req.params.id, req.query.version)),
  );

  r.post(
    '/api/v1/methodologies/:id/versions',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Publish a new version (If-Match: the methodology version); projects keep theirs',
        params: IdParams,
        body: PublishVersionBody,
        response: { 201: Methodology },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(
            reply,
            await svc.publishVersion(
              ctx,
              actorOf(req),
              req.params.id,
              expectedVersion(req),
              req.body,
            ),
          ),
        ),
  );

  // ------------------------------------------------------------ a project's lifecycle

  r.get(
    '/api/v1/projects/:id/governance',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary:
          'The lifecycle of a project: phases, gate readiness, deliverables, decisions, compliance',
        params: IdParams,
        response: { 200: ProjectGovernance },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getProjectGovernance(ctx, actorOf(req), req.params.id)),
  );

  r.post(
    '/api/v1/projects/:id/governance',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Apply a methodology: lifecycle, deliverables and default WBS',
        params: IdParams,
        body: ApplyMethodologyBody,
        response: { 201: ProjectGovernance },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(reply, await svc.applyMethodology(ctx, actorOf(req), req.params.id, req.body)),
        ),
  );

  r.post(
    '/api/v1/projects/:id/governance/criteria',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Tick or untick a criterion of a gate checklist',
        params: IdParams,
        body: SetCriterionBody,
        response: { 200: ProjectGovernance },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.setCriterion(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/projects/:id/deliverables',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Add a deliverable to a phase',
        params: IdParams,
        body: CreateDeliverableBody,
        response: { 201: Deliverable },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createDeliverable(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/projects/:id/deliverables/:deliverableId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change a deliverable: status (approval by a gate approver), reference, owner',
        params: DeliverableParams,
        body: UpdateDeliverableBody,
        response: { 200: Deliverable },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateDeliverable(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.deliverableId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.post(
    '/api/v1/projects/:id/gate-decisions',
    {
      config: { access: 'gate.decide' },
      schema: {
        tags,
        summary:
          'Decide the current gate (If-Match: the lifecycle version): go, go with conditions, recycle, hold, stop',
        params: IdParams,
        body: GateDecisionBody,
        response: { 201: ProjectGovernance },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(
            reply,
            await svc.decideGate(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
          ),
        ),
  );

  r.patch(
    '/api/v1/projects/:id/gate-conditions/:conditionId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Close or reopen a condition of a gate decision',
        params: ConditionParams,
        body: UpdateConditionBody,
        response: { 200: GateCondition },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateCondition(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.conditionId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.get(
    '/api/v1/projects/:id/raci',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'The RACI matrix of a project, with its checks',
        params: IdParams,
        response: { 200: Raci },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRaci(ctx, actorOf(req), req.params.id)),
  );

  r.put(
    '/api/v1/projects/:id/raci',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Save the RACI matrix (If-Match: its version, "0" the first time)',
        params: IdParams,
        body: RaciBody,
        response: { 200: Raci },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.saveRaci(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // ------------------------------------------------------------ portfolio views

  r.get(
    '/api/v1/gate-decisions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Gate decisions across the projects the caller sees, newest first',
        querystring: GateDecisionQuery,
        response: { 200: GateDecisionList },
      },
    },
    async (req) => svc.listGateDecisions(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/governance/compliance',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Methodology compliance of every project the caller sees',
        querystring: ComplianceQuery,
        response: { 200: ComplianceList },
      },
    },
    async (req) => svc.listCompliance(ctx, actorOf(req), req.query.portfolioId),
  );

  // ------------------------------------------------------------ glossary

  r.get(
    '/api/v1/glossary',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The glossary, searchable in French and English',
        querystring: GlossaryQuery,
        response: { 200: GlossaryList },
      },
    },
    async (req) => svc.listGlossary(ctx, req.query.q, req.query.category),
  );

  r.post(
    '/api/v1/glossary',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Define a term',
        body: CreateGlossaryTermBody,
        response: { 201: GlossaryTerm },
      },
    },
    async (req, reply) => {
      const [term] = await svc.createTerms(ctx, actorOf(req), [req.body]);
      return reply.status(201).send(withEtag(reply, term!));
    },
  );

  r.get(
    '/api/v1/glossary/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A term',
        params: z.object({ id: Id }),
        response: { 200: GlossaryTerm },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getTerm(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/glossary/:id',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Change a term (If-Match)',
        params: IdParams,
        body: UpdateGlossaryTermBody,
        response: { 200: GlossaryTerm },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateTerm(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/glossary/:id',
    {
      config: { access: 'governance.manage' },
      schema: { tags, summary: 'Delete a term (If-Match)', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteTerm(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  qualityRoutes(app, ctx);
}
