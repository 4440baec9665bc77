import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  Absence,
  AbsenceDecisionBody,
  AbsenceList,
  AbsenceListQuery,
  Allocation,
  AllocationList,
  AllocationListQuery,
  Assignment,
  AssignmentList,
  AssignmentListQuery,
  AssignmentParams,
  Breakdown,
  BreakdownQuery,
  CapacityQuery,
  CreateAbsenceBody,
  CreateAllocationBody,
  CreateAssignmentBody,
  CreateResourceRoleBody,
  CreateResourceTeamBody,
  HeatMap,
  RateParams,
  ResourceDetail,
  ResourceList,
  ResourceListQuery,
  ResourceRole,
  ResourceRoleList,
  ResourceTeam,
  ResourceTeamList,
  SetRateBody,
  UpdateAllocationBody,
  UpdateAssignmentBody,
  UpdateProfileBody,
  UpdateResourceRoleBody,
  UpdateResourceTeamBody,
  WhatIfBody,
  WhatIfResult,
} from '../../../contracts/resources.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { trustedLargeResponse } from '../../http/serialize.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as capacity from './capacity.service.ts';
import * as svc from './resources.service.ts';

export function resourcesRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];

  // ------------------------------------------------------------ generic roles and teams

  r.get(
    '/api/v1/resource-roles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Generic roles and their default rates',
        response: { 200: ResourceRoleList },
      },
    },
    async () => svc.listRoles(ctx),
  );
  r.post(
    '/api/v1/resource-roles',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Create a generic role',
        body: CreateResourceRoleBody,
        response: { 201: ResourceRole },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createRole(ctx, actorOf(req), req.body))),
  );
  r.patch(
    '/api/v1/resource-roles/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a generic role',
        params: IdParams,
        body: UpdateResourceRoleBody,
        response: { 200: ResourceRole },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateRole(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/resource-teams',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Teams and pools', response: { 200: ResourceTeamList } },
    },
    async () => svc.listTeams(ctx),
  );
  r.post(
    '/api/v1/resource-teams',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Create a team',
        body: CreateResourceTeamBody,
        response: { 201: ResourceTeam },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createTeam(ctx, actorOf(req), req.body))),
  );
  r.patch(
    '/api/v1/resource-teams/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a team',
        params: IdParams,
        body: UpdateResourceTeamBody,
        response: { 200: ResourceTeam },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateTeam(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  // ------------------------------------------------------------ people as resources

  r.get(
    '/api/v1/resources',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'People with their capacity, role, team and current rate',
        querystring: ResourceListQuery,
        response: { 200: ResourceList },
      },
    },
    async (req) => svc.listResources(ctx, req.query),
  );
  r.get(
    '/api/v1/resources/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A person as a resource (themself, their manager, or resource roles)',
        params: IdParams,
        response: { 200: ResourceDetail },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getResource(ctx, actorOf(req), req.params.id)),
  );
  r.put(
    '/api/v1/resources/:id/profile',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Set the working week, role and team of a person (If-Match "0" the first time)',
        params: IdParams,
        body: UpdateProfileBody,
        response: { 200: ResourceDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateProfile(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/api/v1/resources/:id/rates',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Set the hourly cost rate of a person from a date',
        params: IdParams,
        body: SetRateBody,
        response: { 200: ResourceDetail },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.setRate(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/resources/:id/rates/:rateId',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Remove a dated cost rate',
        params: RateParams,
        response: { 200: ResourceDetail },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.deleteRate(ctx, actorOf(req), req.params.id, req.params.rateId)),
  );

  // ------------------------------------------------------------ absences

  r.get(
    '/api/v1/absences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Absences: everyone for resource roles, else your own and your reports’',
        querystring: AbsenceListQuery,
        response: { 200: AbsenceList },
      },
    },
    async (req) => svc.listAbsences(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/absences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Request an absence (yours, or for a report / any person as resource manager)',
        body: CreateAbsenceBody,
        response: { 201: Absence },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.requestAbsence(ctx, actorOf(req), req.body))),
  );
  r.post(
    '/api/v1/absences/:id/decision',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Approve or reject a requested absence (the manager or a resource manager)',
        params: IdParams,
        body: AbsenceDecisionBody,
        response: { 200: Absence },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.decideAbsence(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/api/v1/absences/:id/cancel',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Cancel an absence (the person or a resource manager)',
        params: IdParams,
        response: { 200: Absence },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.cancelAbsence(ctx, actorOf(req), req.params.id, expectedVersion(req)),
      ),
  );

  // ------------------------------------------------------------ allocations

  r.get(
    '/api/v1/allocations',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Allocations of people to projects',
        querystring: AllocationListQuery,
        response: { 200: AllocationList },
      },
    },
    async (req) => svc.listAllocations(ctx, req.query),
  );
  r.post(
    '/api/v1/allocations',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Allocate a person to a project over a period (soft or hard)',
        body: CreateAllocationBody,
        response: { 201: Allocation },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createAllocation(ctx, actorOf(req), req.body))),
  );
  r.get(
    '/api/v1/allocations/:id',
    {
      config: { access: 'resource.read' },
      schema: { tags, summary: 'One allocation', params: IdParams, response: { 200: Allocation } },
    },
    async (req, reply) => withEtag(reply, await svc.getAllocation(ctx, req.params.id)),
  );
  r.patch(
    '/api/v1/allocations/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change an allocation, or confirm it (status hard)',
        params: IdParams,
        body: UpdateAllocationBody,
        response: { 200: Allocation },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateAllocation(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/allocations/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Remove an allocation',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteAllocation(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ task assignments

  r.get(
    '/api/v1/projects/:id/assignments',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: 'People assigned to the tasks of a plan, with their effort',
        params: IdParams,
        querystring: AssignmentListQuery,
        response: { 200: AssignmentList },
      },
    },
    async (req) => svc.listAssignments(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/v1/projects/:id/assignments',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Assign a person to a task with an effort in hours',
        params: IdParams,
        body: CreateAssignmentBody,
        response: { 201: Assignment },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(reply, await svc.createAssignment(ctx, actorOf(req), req.params.id, req.body)),
        ),
  );
  r.patch(
    '/api/v1/projects/:id/assignments/:assignmentId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change the effort of an assignment',
        params: AssignmentParams,
        body: UpdateAssignmentBody,
        response: { 200: Assignment },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateAssignment(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.assignmentId,
          expectedVersion(req),
          req.body.effortHours,
        ),
      ),
  );
  r.delete(
    '/api/v1/projects/:id/assignments/:assignmentId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Remove an assignment',
        params: AssignmentParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteAssignment(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.assignmentId,
        expectedVersion(req),
      );
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ capacity vs demand

  r.get(
    '/api/v1/capacity',
    {
      ...trustedLargeResponse,
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Capacity vs demand by person, team, role or org unit, per week or month',
        querystring: CapacityQuery,
        response: { 200: HeatMap },
      },
    },
    async (req) => capacity.heatMap(ctx, req.query),
  );
  r.post(
    '/api/v1/capacity/what-if',
    {
      ...trustedLargeResponse,
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'The heat map before and after shifting projects (nothing is saved)',
        body: WhatIfBody,
        response: { 200: WhatIfResult },
      },
    },
    async (req) => capacity.whatIf(ctx, req.body),
  );
  r.get(
    '/api/v1/capacity/breakdown',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Projects making the load of a group over a period (drill-down)',
        querystring: BreakdownQuery,
        response: { 200: Breakdown },
      },
    },
    async (req) => capacity.breakdown(ctx, req.query),
  );
}
