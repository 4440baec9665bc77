import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditList, ProjectHistoryQuery } from '../../../contracts/audit.ts';
import { IdParams } from '../../../contracts/common.ts';
import {
  AddMemberBody,
  CreatePortfolioBody,
  CreateProgramBody,
  CreateProjectBody,
  Member,
  MemberList,
  MemberParams,
  Portfolio,
  PortfolioList,
  Program,
  ProgramList,
  ProgramListQuery,
  Project,
  ProjectList,
  ProjectListQuery,
  Tree,
  UpdatePortfolioBody,
  UpdateProgramBody,
  UpdateProjectBody,
} from '../../../contracts/portfolio.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { trustedLargeResponse } from '../../http/serialize.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './portfolio.service.ts';

export function portfolioRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portfolio'];

  r.get(
    '/api/v1/tree',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'Portfolios and programs with visible project counts',
        response: { 200: Tree },
      },
    },
    async (req) => svc.getTree(ctx, actorOf(req)),
  );

  r.get(
    '/api/v1/portfolios',
    {
      config: { access: 'portfolio.read' },
      schema: { tags, summary: 'List portfolios', response: { 200: PortfolioList } },
    },
    async (req) => svc.listPortfolios(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/portfolios',
    {
      config: { access: 'portfolio.manage' },
      schema: {
        tags,
        summary: 'Create a portfolio',
        body: CreatePortfolioBody,
        response: { 201: Portfolio },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createPortfolio(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/portfolios/:id',
    {
      config: { access: 'portfolio.read' },
      schema: { tags, summary: 'One portfolio', params: IdParams, response: { 200: Portfolio } },
    },
    async (req, reply) => withEtag(reply, await svc.getPortfolio(ctx, actorOf(req), req.params.id)),
  );

  r.patch(
    '/api/v1/portfolios/:id',
    {
      config: { access: 'portfolio.manage' },
      schema: {
        tags,
        summary: 'Change or archive a portfolio',
        params: IdParams,
        body: UpdatePortfolioBody,
        response: { 200: Portfolio },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updatePortfolio(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/programs',
    {
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'List programs',
        querystring: ProgramListQuery,
        response: { 200: ProgramList },
      },
    },
    async (req) => svc.listPrograms(ctx, actorOf(req), req.query.portfolioId),
  );

  r.post(
    '/api/v1/programs',
    {
      config: { access: 'portfolio.manage' },
      schema: {
        tags,
        summary: 'Create a program',
        body: CreateProgramBody,
        response: { 201: Program },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createProgram(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/programs/:id',
    {
      config: { access: 'portfolio.read' },
      schema: { tags, summary: 'One program', params: IdParams, response: { 200: Program } },
    },
    async (req, reply) => withEtag(reply, await svc.getProgram(ctx, actorOf(req), req.params.id)),
  );

  r.patch(
    '/api/v1/programs/:id',
    {
      config: { access: 'portfolio.manage' },
      schema: {
        tags,
        summary: 'Change, move or archive a program',
        params: IdParams,
        body: UpdateProgramBody,
        response: { 200: Program },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateProgram(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/projects',
    {
      ...trustedLargeResponse,
      config: { access: 'portfolio.read' },
      schema: {
        tags,
        summary: 'List the projects you may see, filtered and sorted',
        querystring: ProjectListQuery,
        response: { 200: ProjectList },
      },
    },
    // The ProjectList's JSON text, rendered by PostgreSQL (listProjectsJson), sent as it is.
    async (req, reply) => {
      const body = await svc.listProjectsJson(ctx, actorOf(req), req.query);
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  r.post(
    '/api/v1/projects',
    {
      config: { access: 'project.create' },
      schema: {
        tags,
        summary: 'Create a project or, with parentId, a sub-project',
        body: CreateProjectBody,
        response: { 201: Project },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createProject(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/projects/:id',
    {
      // The hottest read: getProject builds the body field by field (not re-validated by zod).
      ...trustedLargeResponse,
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'One project with its parents and your rights on it',
        params: IdParams,
        response: { 200: Project },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getProject(ctx, actorOf(req), req.params.id)),
  );

  r.patch(
    '/api/v1/projects/:id',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change a project or move it in the tree',
        params: IdParams,
        body: UpdateProjectBody,
        response: { 200: Project },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateProject(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.post(
    '/api/v1/projects/:id/archive',
    {
      config: { access: 'project.archive' },
      schema: {
        tags,
        summary: 'Archive a project and its sub-projects',
        params: IdParams,
        response: { 200: Project },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.setProjectArchived(ctx, actorOf(req), req.params.id, expectedVersion(req), true),
      ),
  );

  r.post(
    '/api/v1/projects/:id/restore',
    {
      config: { access: 'project.archive' },
      schema: {
        tags,
        summary: 'Restore an archived project and its sub-projects',
        params: IdParams,
        response: { 200: Project },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.setProjectArchived(ctx, actorOf(req), req.params.id, expectedVersion(req), false),
      ),
  );

  r.get(
    '/api/v1/projects/:id/history',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: "The project's audit history",
        params: IdParams,
        querystring: ProjectHistoryQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => svc.projectHistory(ctx, actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/projects/:id/members',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'Members of a project',
        params: IdParams,
        response: { 200: MemberList },
      },
    },
    async (req) => svc.listMembers(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/members',
    {
      config: { access: 'project.members.manage' },
      schema: {
        tags,
        summary: 'Add a member with a project role',
        params: IdParams,
        body: AddMemberBody,
        response: { 201: Member },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.addMember(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/projects/:id/members/:memberId',
    {
      config: { access: 'project.members.manage' },
      schema: {
        tags,
        summary: 'Remove a member',
        params: MemberParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.removeMember(ctx, actorOf(req), req.params.id, req.params.memberId);
      return reply.status(204).send(null);
    },
  );
}
