import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { ProjectGovernance } from '../../../contracts/governance.ts';
import {
  EvidenceParams,
  LinkMilestoneBody,
  MilestoneEvidenceBody,
  MigrateBody,
  MigrationPreview,
  MigrationQuery,
  ProjectStandards,
  StandardMilestone,
  StandardMilestoneBody,
  Standards,
  UpdateStandardMilestoneBody,
} from '../../../contracts/methods.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as cat from './catalogue.service.ts';
import * as mig from './migration.service.ts';

/** The standard milestone/KPI catalogue, a project's standards, and moving to a newer method version. */
export function catalogueRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['methods'];

  r.get(
    '/api/v1/standards',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The common language: standard milestones and KPI definitions, with the methods naming each',
        response: { 200: Standards },
      },
    },
    async () => cat.listStandards(ctx),
  );

  r.post(
    '/api/v1/standard-milestones',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Add a standard milestone to the catalogue',
        body: StandardMilestoneBody,
        response: { 201: StandardMilestone },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await cat.createMilestone(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/standard-milestones/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A standard milestone',
        params: IdParams,
        response: { 200: StandardMilestone },
      },
    },
    async (req, reply) => withEtag(reply, await cat.getMilestone(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/standard-milestones/:id',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Change a standard milestone (If-Match; its code is fixed once a method names it)',
        params: IdParams,
        body: UpdateStandardMilestoneBody,
        response: { 200: StandardMilestone },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await cat.updateMilestone(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/standard-milestones/:id',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Delete a standard milestone no method names (If-Match)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await cat.deleteMilestone(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/standards',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary:
          "The standard milestones and KPIs the project's method asks for: where each milestone is in the plan and its state, each KPI's latest value",
        params: IdParams,
        response: { 200: ProjectStandards },
      },
    },
    async (req) => cat.getProjectStandards(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/standards/links',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Say which plan milestone stands for a standard milestone (taskId null: unlink)',
        params: IdParams,
        body: LinkMilestoneBody,
        response: { 200: ProjectStandards },
      },
    },
    async (req) => cat.linkMilestone(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/projects/:id/standards/evidence',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary:
          'Attach evidence to a standard milestone of the project: one of its deliverables (documentId) or a link (url)',
        params: IdParams,
        body: MilestoneEvidenceBody,
        response: { 201: ProjectStandards },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await cat.addEvidence(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/projects/:id/standards/evidence/:evidenceId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Remove a piece of evidence of a standard milestone (If-Match: its version)',
        params: EvidenceParams,
      },
    },
    async (req, reply) => {
      await cat.removeEvidence(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.evidenceId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/projects/:id/method-migration',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary:
          'Preview moving the project to a newer version of its method (the latest by default): changes, phase, deliverables added/kept',
        params: IdParams,
        querystring: MigrationQuery,
        response: { 200: MigrationPreview },
      },
    },
    async (req) =>
      mig.previewMigration(ctx, actorOf(req), req.params.id, req.query.version, req.query.phaseKey),
  );

  r.post(
    '/api/v1/projects/:id/method-migration',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary:
          'Move the project to a newer version of its method (If-Match: the lifecycle version)',
        params: IdParams,
        body: MigrateBody,
        response: { 200: ProjectGovernance },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await mig.migrateProject(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
}
