import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../contracts/common.ts';
import {
  CreateSkillBody,
  CreateSkillCategoryBody,
  PersonSkill,
  PersonSkillList,
  PersonSkillParams,
  SetPersonSkillBody,
  Skill,
  SkillCategory,
  SkillCategoryList,
  SkillLevel,
  SkillLevelList,
  SkillLevelParams,
  SkillList,
  SkillMatrix,
  SkillMatrixQuery,
  UpdateSkillBody,
  UpdateSkillCategoryBody,
  UpdateSkillLevelBody,
} from '../../../contracts/skills.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './skills.service.ts';

/** The skills catalogue, the level scale, people's skills and the skills matrix. */
export function skillsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['skills'];

  // ------------------------------------------------------------ categories

  r.get(
    '/api/v1/skill-categories',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Categories of the skills catalogue',
        response: { 200: SkillCategoryList },
      },
    },
    async () => svc.listCategories(ctx),
  );
  r.post(
    '/api/v1/skill-categories',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Create a skill category',
        body: CreateSkillCategoryBody,
        response: { 201: SkillCategory },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createCategory(ctx, actorOf(req), req.body))),
  );
  r.patch(
    '/api/v1/skill-categories/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a skill category',
        params: IdParams,
        body: UpdateSkillCategoryBody,
        response: { 200: SkillCategory },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateCategory(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.delete(
    '/api/v1/skill-categories/:id',
    {
      config: { access: 'resource.manage' },
      schema: { tags, summary: 'Delete an empty skill category', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteCategory(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ skills

  r.get(
    '/api/v1/skills',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Skills of the catalogue, with how many people hold each',
        querystring: z.object({ categoryId: Id.optional() }),
        response: { 200: SkillList },
      },
    },
    async (req) => svc.listSkills(ctx, req.query),
  );
  r.post(
    '/api/v1/skills',
    {
      config: { access: 'resource.manage' },
      schema: { tags, summary: 'Create a skill', body: CreateSkillBody, response: { 201: Skill } },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createSkill(ctx, actorOf(req), req.body))),
  );
  r.patch(
    '/api/v1/skills/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a skill',
        params: IdParams,
        body: UpdateSkillBody,
        response: { 200: Skill },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateSkill(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.delete(
    '/api/v1/skills/:id',
    {
      config: { access: 'resource.manage' },
      schema: { tags, summary: 'Delete a skill nobody holds', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteSkill(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ level scale

  r.get(
    '/api/v1/skill-levels',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The 1–5 level scale', response: { 200: SkillLevelList } },
    },
    async () => svc.listLevels(ctx),
  );
  r.put(
    '/api/v1/skill-levels/:level',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Name and describe a level (If-Match "0" the first time)',
        params: SkillLevelParams,
        body: UpdateSkillLevelBody,
        response: { 200: SkillLevel },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.saveLevel(ctx, actorOf(req), req.params.level, expectedVersion(req), req.body),
      ),
  );

  // ------------------------------------------------------------ person skills

  r.get(
    '/api/v1/resources/:id/skills',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Skills of a person (themself, their manager, or resource roles)',
        params: IdParams,
        response: { 200: PersonSkillList },
      },
    },
    async (req) => svc.personSkills(ctx, actorOf(req), req.params.id),
  );
  r.put(
    '/api/v1/resources/:id/skills/:skillId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Record the level of a person in a skill (If-Match "0" the first time)',
        params: PersonSkillParams,
        body: SetPersonSkillBody,
        response: { 200: PersonSkill },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.setPersonSkill(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.skillId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/resources/:id/skills/:skillId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Remove a skill of a person', params: PersonSkillParams },
    },
    async (req, reply) => {
      await svc.removePersonSkill(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.skillId,
        expectedVersion(req),
      );
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ matrix

  r.get(
    '/api/v1/skills-matrix',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'People × skills, filtered by team, org unit, category, skill and minimum level',
        querystring: SkillMatrixQuery,
        response: { 200: SkillMatrix },
      },
    },
    async (req) => svc.skillMatrix(ctx, req.query),
  );
}
