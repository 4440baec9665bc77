import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ActionListQuery,
  ActionParams,
  ChangeRequestDetail,
  ChangeRequestList,
  ChangeRequestParams,
  CreateActionBody,
  CreateChangeRequestBody,
  CreateDecisionBody,
  CreateIssueBody,
  DecideChangeBody,
  Decision,
  DecisionList,
  DecisionParams,
  EscalateIssueBody,
  Issue,
  IssueList,
  IssueParams,
  RaidAction,
  RaidActionList,
  PutRiskTaskImpactsBody,
  RaidListQuery,
  RaidTaskOptionList,
  RaidTaskQuery,
  RiskTaskImpacts,
  UpdateActionBody,
  UpdateChangeRequestBody,
  UpdateDecisionBody,
  UpdateIssueBody,
} from '../../../contracts/raid.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { RiskParams } from '../../../contracts/risks.ts';
import * as svc from './raid.service.ts';
import * as impacts from './risk-impacts.service.ts';

/** The RAID logs: issues, decisions, change requests (with their workflow) and actions. */
export function raidRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['raid'];

  // ---------------------------------------------------------------- issues
  r.get(
    '/api/v1/issues',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The issues log of a project, or of the visible projects of a programme',
        querystring: RaidListQuery,
        response: { 200: IssueList },
      },
    },
    async (req) => svc.listIssues(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/projects/:id/issues',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Record an issue',
        params: IdParams,
        body: CreateIssueBody,
        response: { 201: Issue },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createIssue(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/issues/:issueId',
    {
      config: { access: 'risk.read' },
      schema: { tags, summary: 'An issue', params: IssueParams, response: { 200: Issue } },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getIssue(ctx, actorOf(req), req.params.issueId)),
  );
  r.patch(
    '/api/v1/issues/:issueId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Change an issue (If-Match)',
        params: IssueParams,
        body: UpdateIssueBody,
        response: { 200: Issue },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateIssue(
          ctx,
          actorOf(req),
          req.params.issueId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/issues/:issueId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: 'Delete an issue and its actions (If-Match)', params: IssueParams },
    },
    async (req, reply) => {
      await svc.deleteIssue(ctx, actorOf(req), req.params.issueId, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/issues/:issueId/escalate',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          "Escalate an issue to its project's programme or portfolio, with the reason (If-Match)",
        params: IssueParams,
        body: EscalateIssueBody,
        response: { 200: Issue },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.escalateIssue(
          ctx,
          actorOf(req),
          req.params.issueId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  // ---------------------------------------------------------------- task pickers and impacts
  r.get(
    '/api/v1/projects/:id/raid-tasks',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: "Search the project's WBS tasks (by WBS code or name) for the RAID task pickers",
        params: IdParams,
        querystring: RaidTaskQuery,
        response: { 200: RaidTaskOptionList },
      },
    },
    async (req) => svc.searchTasks(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/v1/risks/:riskId/task-impacts',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The tasks a risk delays and how the schedule risk simulation reads it',
        params: RiskParams,
        response: { 200: RiskTaskImpacts },
      },
    },
    async (req, reply) =>
      withEtag(reply, await impacts.getRiskTaskImpacts(ctx, actorOf(req), req.params.riskId)),
  );
  r.put(
    '/api/v1/risks/:riskId/task-impacts',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          'Set the tasks a project risk delays, in working days (If-Match: the risk version)',
        params: RiskParams,
        body: PutRiskTaskImpactsBody,
        response: { 200: RiskTaskImpacts },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await impacts.putRiskTaskImpacts(
          ctx,
          actorOf(req),
          req.params.riskId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  // ---------------------------------------------------------------- decisions
  r.get(
    '/api/v1/decisions',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The decisions log of a project, or of the visible projects of a programme',
        querystring: RaidListQuery,
        response: { 200: DecisionList },
      },
    },
    async (req) => svc.listDecisions(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/projects/:id/decisions',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Record a decision',
        params: IdParams,
        body: CreateDecisionBody,
        response: { 201: Decision },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createDecision(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/decisions/:decisionId',
    {
      config: { access: 'risk.read' },
      schema: { tags, summary: 'A decision', params: DecisionParams, response: { 200: Decision } },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getDecision(ctx, actorOf(req), req.params.decisionId)),
  );
  r.patch(
    '/api/v1/decisions/:decisionId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Change a decision (If-Match)',
        params: DecisionParams,
        body: UpdateDecisionBody,
        response: { 200: Decision },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateDecision(
          ctx,
          actorOf(req),
          req.params.decisionId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/decisions/:decisionId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: 'Delete a decision (If-Match)', params: DecisionParams },
    },
    async (req, reply) => {
      await svc.deleteDecision(ctx, actorOf(req), req.params.decisionId, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // ---------------------------------------------------------------- change requests
  r.get(
    '/api/v1/change-requests',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The change requests of a project, or of the visible projects of a programme',
        querystring: RaidListQuery,
        response: { 200: ChangeRequestList },
      },
    },
    async (req) => svc.listChangeRequests(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/projects/:id/change-requests',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary:
          'Draft a change request (task and budget changes are checked against the plan and budget)',
        params: IdParams,
        body: CreateChangeRequestBody,
        response: { 201: ChangeRequestDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createChangeRequest(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/change-requests/:changeId',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary:
          'A change request with its impact analysis (tasks with dates and float, budget lines, risks)',
        params: ChangeRequestParams,
        response: { 200: ChangeRequestDetail },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getChangeRequest(ctx, actorOf(req), req.params.changeId)),
  );
  r.patch(
    '/api/v1/change-requests/:changeId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Change a draft change request (If-Match)',
        params: ChangeRequestParams,
        body: UpdateChangeRequestBody,
        response: { 200: ChangeRequestDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateChangeRequest(
          ctx,
          actorOf(req),
          req.params.changeId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/change-requests/:changeId',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Delete a draft change request (If-Match)',
        params: ChangeRequestParams,
      },
    },
    async (req, reply) => {
      await svc.deleteChangeRequest(ctx, actorOf(req), req.params.changeId, expectedVersion(req));
      return reply.status(204).send();
    },
  );
  for (const step of ['submit', 'withdraw'] as const) {
    r.post(
      `/api/v1/change-requests/:changeId/${step}`,
      {
        config: { access: 'risk.manage' },
        schema: {
          tags,
          summary:
            step === 'submit'
              ? 'Submit a draft for approval (If-Match)'
              : 'Withdraw a submitted request to draft (If-Match)',
          params: ChangeRequestParams,
          response: { 200: ChangeRequestDetail },
        },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await svc.stepChangeRequest(
            ctx,
            actorOf(req),
            req.params.changeId,
            expectedVersion(req),
            step,
          ),
        ),
    );
  }
  r.post(
    '/api/v1/change-requests/:changeId/decide',
    {
      config: { access: 'change.approve' },
      schema: {
        tags,
        summary:
          'Approve or reject a submitted request (If-Match): the decision is logged and, on approval, the plan and budget are changed',
        params: ChangeRequestParams,
        body: DecideChangeBody,
        response: { 200: ChangeRequestDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.decideChangeRequest(
          ctx,
          actorOf(req),
          req.params.changeId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.post(
    '/api/v1/change-requests/:changeId/apply',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Change the plan and budget as an approved request says (If-Match)',
        params: ChangeRequestParams,
        response: { 200: ChangeRequestDetail },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.applyChangeRequest(ctx, actorOf(req), req.params.changeId, expectedVersion(req)),
      ),
  );

  // ---------------------------------------------------------------- actions
  r.get(
    '/api/v1/actions',
    {
      config: { access: 'risk.read' },
      schema: {
        tags,
        summary: 'The actions of a risk, issue, decision or change request, or of a project',
        querystring: ActionListQuery,
        response: { 200: RaidActionList },
      },
    },
    async (req) => svc.listActions(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/v1/my/actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The actions the signed-in person owns, open first by due date',
        response: { 200: RaidActionList },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return {
        items: actor.personId ? await svc.listActionsForPerson(ctx, actor.personId) : [],
      };
    },
  );
  r.post(
    '/api/v1/actions',
    {
      config: { access: 'risk.manage' },
      schema: {
        tags,
        summary: 'Add an action to a risk, issue, decision or change request',
        body: CreateActionBody,
        response: { 201: RaidAction },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createAction(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/v1/actions/:actionId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change an action (If-Match); its owner may mark it done',
        params: ActionParams,
        body: UpdateActionBody,
        response: { 200: RaidAction },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateAction(
          ctx,
          actorOf(req),
          req.params.actionId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.delete(
    '/api/v1/actions/:actionId',
    {
      config: { access: 'risk.manage' },
      schema: { tags, summary: 'Delete an action (If-Match)', params: ActionParams },
    },
    async (req, reply) => {
      await svc.deleteAction(ctx, actorOf(req), req.params.actionId, expectedVersion(req));
      return reply.status(204).send();
    },
  );
}
