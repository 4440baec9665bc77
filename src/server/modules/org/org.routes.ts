import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreateOrgUnitBody,
  CreatePersonBody,
  OrgUnit,
  OrgUnitList,
  Person,
  PersonList,
  PersonListQuery,
  UpdateOrgUnitBody,
  UpdatePersonBody,
} from '../../../contracts/org.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as org from './org.service.ts';

export function orgRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  r.get(
    '/api/v1/org-units',
    {
      config: { access: 'org.read' },
      schema: { tags, summary: 'List org units (departments)', response: { 200: OrgUnitList } },
    },
    async () => org.listOrgUnits(ctx),
  );

  r.post(
    '/api/v1/org-units',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Create an org unit',
        body: CreateOrgUnitBody,
        response: { 201: OrgUnit },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await org.createOrgUnit(ctx, actorOf(req), req.body))),
  );

  r.patch(
    '/api/v1/org-units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Change an org unit',
        params: IdParams,
        body: UpdateOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await org.updateOrgUnit(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/org-units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Delete an empty org unit',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await org.deleteOrgUnit(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/people',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: 'List people',
        querystring: PersonListQuery,
        response: { 200: PersonList },
      },
    },
    async (req) => org.listPeople(ctx, req.query),
  );

  r.post(
    '/api/v1/people',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Create a person',
        body: CreatePersonBody,
        response: { 201: Person },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await org.createPerson(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/people/:id',
    {
      config: { access: 'org.read' },
      schema: { tags, summary: 'One person', params: IdParams, response: { 200: Person } },
    },
    async (req, reply) => withEtag(reply, await org.getPerson(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/people/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Change a person',
        params: IdParams,
        body: UpdatePersonBody,
        response: { 200: Person },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await org.updatePerson(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
}
