import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { Timesheet, WeekParams } from '../../../contracts/time.ts';
import {
  ApplyPortfolioLevelingBody,
  CreateTeamMemberBody,
  TeamDetail,
  TeamMember,
  TeamMemberParams,
  UpdateTeamMemberBody,
  WeekAbsences,
  PortfolioLevelingApplied,
  PortfolioLevelingBody,
  PortfolioLevelingPreview,
  PortfolioWhatIfBody,
  PortfolioWhatIfResult,
} from '../../../contracts/whatif.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { trustedLargeResponse } from '../../http/serialize.ts';
import * as cra from './cra.service.ts';
import * as teams from './teams.service.ts';
import * as svc from './whatif.service.ts';

/** Portfolio what-if (priorities, removals, shifts, a hypothetical project) and leveling. */
export function whatifRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  r.post(
    '/api/v1/portfolios/:id/what-if',
    {
      ...trustedLargeResponse,
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          'The heat map before and after changing priorities, removing, shifting or adding projects, leveled by priority (nothing is saved)',
        params: IdParams,
        body: PortfolioWhatIfBody,
        response: { 200: PortfolioWhatIfResult },
      },
    },
    async (req) => svc.portfolioWhatIf(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/portfolios/:id/leveling/preview',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          "What leveling the portfolio's plans by priority would move, by how much and why (nothing is saved)",
        params: IdParams,
        body: PortfolioLevelingBody,
        response: { 200: PortfolioLevelingPreview },
      },
    },
    async (req) => svc.previewPortfolioLeveling(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/portfolios/:id/leveling/apply',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary:
          'Apply the previewed portfolio leveling (same fingerprint; the right to change each plan touched), in one transaction',
        params: IdParams,
        body: ApplyPortfolioLevelingBody,
        response: { 200: PortfolioLevelingApplied },
      },
    },
    async (req) => svc.applyPortfolioLeveling(ctx, actorOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ teams: dated members

  r.get(
    '/api/v1/resource-teams/:id',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'A team with its members over time (ETag: the team version)',
        params: IdParams,
        response: { 200: TeamDetail },
      },
    },
    async (req, reply) => withEtag(reply, await teams.getTeam(ctx, req.params.id)),
  );
  r.post(
    '/api/v1/resource-teams/:id/members',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Add a person to a team from a date (one team at a time)',
        params: IdParams,
        body: CreateTeamMemberBody,
        response: { 201: TeamMember },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await teams.addMember(ctx, actorOf(req), req.params.id, req.body))),
  );
  r.patch(
    '/api/v1/resource-teams/:id/members/:memberId',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: "Change a membership's dates (If-Match)",
        params: TeamMemberParams,
        body: UpdateTeamMemberBody,
        response: { 200: TeamMember },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await teams.updateMember(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.memberId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/resource-teams/:id/members/:memberId',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Remove a membership (If-Match); to end one, set its finish instead',
        params: TeamMemberParams,
      },
    },
    async (req, reply) => {
      await teams.removeMember(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.memberId,
        expectedVersion(req),
      );
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ timesheet (CRA) follow-ups

  r.get(
    '/api/v1/me/timesheets/:week/absences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['time'],
        summary: 'My absences in this week and the hours they take each day',
        params: WeekParams,
        response: { 200: WeekAbsences },
      },
    },
    async (req) => cra.myWeekAbsences(ctx, actorOf(req), req.params.week),
  );
  r.post(
    '/api/v1/me/timesheets/:week/recall',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['time'],
        summary: 'Take back my submitted week before any decision: back to draft (If-Match)',
        params: WeekParams,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await cra.recallMyTimesheet(ctx, actorOf(req), req.params.week, expectedVersion(req)),
      ),
  );
}
