import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  AcknowledgeBody,
  CreateLessonBody,
  CreatePolicyBody,
  FindingsExportQuery,
  Lesson,
  LessonList,
  LessonParams,
  LessonQuery,
  LessonSuggestionList,
  MyCorrectiveActionList,
  Policy,
  PolicyList,
  PolicyQuery,
  PublishPolicyBody,
  RoleDescription,
  RoleDescriptionBody,
  RoleDescriptionList,
  SuggestionQuery,
  UpdateLessonBody,
  UpdateRoleDescriptionBody,
} from '../../../contracts/methods.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { exportFindings } from './findings.export.ts';
import * as svc from './methods.service.ts';

/** Policies, role descriptions and lessons learned (REX). */
export function methodsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['methods'];
  catalogueRoutes(app, ctx);

  // ------------------------------------------------------------ policies

  r.get(
    '/api/v1/policies',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Governance policies: the version in force, the next one, my acknowledgement',
        response: { 200: PolicyList },
      },
    },
    async (req) => svc.listPolicies(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/policies',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Create a policy with its version 1',
        body: CreatePolicyBody,
        response: { 201: Policy },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createPolicy(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/policies/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'A policy: its versions, the text of one (in force by default), who acknowledged it',
        params: IdParams,
        querystring: PolicyQuery,
        response: { 200: Policy },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getPolicy(ctx, actorOf(req), req.params.id, req.query.version)),
  );

  r.post(
    '/api/v1/policies/:id/versions',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Publish a new version with its effective date (If-Match: the policy version)',
        params: IdParams,
        body: PublishPolicyBody,
        response: { 201: Policy },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(
            reply,
            await svc.publishPolicy(
              ctx,
              actorOf(req),
              req.params.id,
              expectedVersion(req),
              req.body,
            ),
          ),
        ),
  );

  r.post(
    '/api/v1/policies/:id/acknowledgements',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Acknowledge having read a version of the policy (idempotent)',
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: Policy },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.acknowledgePolicy(ctx, actorOf(req), req.params.id, req.body)),
  );

  // ------------------------------------------------------------ role descriptions

  r.get(
    '/api/v1/role-descriptions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Company-wide role descriptions',
        response: { 200: RoleDescriptionList },
      },
    },
    async () => svc.listRoles(ctx),
  );

  r.post(
    '/api/v1/role-descriptions',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Describe a role',
        body: RoleDescriptionBody,
        response: { 201: RoleDescription },
      },
    },
    async (req, reply) => {
      const [role] = await svc.createRoles(ctx, actorOf(req), [req.body]);
      return reply.status(201).send(withEtag(reply, role!));
    },
  );

  r.get(
    '/api/v1/role-descriptions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A role description',
        params: IdParams,
        response: { 200: RoleDescription },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getRole(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/role-descriptions/:id',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Change a role description (If-Match)',
        params: IdParams,
        body: UpdateRoleDescriptionBody,
        response: { 200: RoleDescription },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateRole(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/role-descriptions/:id',
    {
      config: { access: 'governance.manage' },
      schema: { tags, summary: 'Delete a role description (If-Match)', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteRole(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ lessons learned (REX)

  r.get(
    '/api/v1/lessons',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Search the lessons learned of every project the caller may see',
        querystring: LessonQuery,
        response: { 200: LessonList },
      },
    },
    async (req) => svc.searchLessons(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/lessons/suggestions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Lessons to read before starting a project with this method or these tags',
        querystring: SuggestionQuery,
        response: { 200: LessonSuggestionList },
      },
    },
    async (req) =>
      svc.suggestFor(ctx, actorOf(req), req.query.methodologyId ?? null, req.query.tags),
  );

  r.get(
    '/api/v1/projects/:id/lessons',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: "A project's lessons learned",
        params: IdParams,
        response: { 200: LessonList },
      },
    },
    async (req) => svc.projectLessons(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/lessons',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Record a lesson learned on the project',
        params: IdParams,
        body: CreateLessonBody,
        response: { 201: Lesson },
      },
    },
    async (req, reply) => {
      const [lesson] = await svc.createLessons(ctx, actorOf(req), req.params.id, [req.body]);
      return reply.status(201).send(withEtag(reply, lesson!));
    },
  );

  r.get(
    '/api/v1/projects/:id/lesson-suggestions',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'Lessons of similar projects (same method, shared tags) to read for this one',
        params: IdParams,
        response: { 200: LessonSuggestionList },
      },
    },
    async (req) => svc.suggestForProject(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/v1/projects/:id/lessons/:lessonId',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'A lesson learned',
        params: LessonParams,
        response: { 200: Lesson },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getLesson(ctx, actorOf(req), req.params.id, req.params.lessonId)),
  );

  r.patch(
    '/api/v1/projects/:id/lessons/:lessonId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change a lesson learned (If-Match)',
        params: LessonParams,
        body: UpdateLessonBody,
        response: { 200: Lesson },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateLesson(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.lessonId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/lessons/:lessonId',
    {
      config: { access: 'project.update' },
      schema: { tags, summary: 'Delete a lesson learned (If-Match)', params: LessonParams },
    },
    async (req, reply) => {
      await svc.deleteLesson(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.lessonId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ quality findings export

  r.get(
    '/api/v1/quality/findings/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The quality findings of the visible projects as CSV (French conventions) or XLSX, one row per corrective action',
        querystring: FindingsExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportFindings(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.get(
    '/api/v1/my/corrective-actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The open quality corrective actions the signed-in person owns, earliest due first',
        response: { 200: MyCorrectiveActionList },
      },
    },
    async (req) => svc.myCorrectiveActions(ctx, actorOf(req)),
  );
}
