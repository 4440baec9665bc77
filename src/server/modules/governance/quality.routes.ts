import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ActionParams,
  AuditParams,
  ChecklistParams,
  CorrectiveAction,
  CreateActionBody,
  CreateAuditBody,
  CreateChecklistBody,
  CreateFindingBody,
  FindingList,
  FindingParams,
  FindingQuery,
  QualityAudit,
  QualityAuditList,
  QualityChecklist,
  QualityChecklistList,
  QualityFinding,
  UpdateActionBody,
  UpdateAuditBody,
  UpdateChecklistBody,
  UpdateFindingBody,
} from '../../../contracts/governance.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import * as svc from './quality.service.ts';

/**
 * Quality assurance: checklists (PMO), audits and findings (PMO, as auditor), corrective actions
 * (the project's editors), and the portfolio follow-up of findings.
 */
export function qualityRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];

  r.get(
    '/api/v1/quality/checklists',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Quality checklist templates',
        response: { 200: QualityChecklistList },
      },
    },
    async () => svc.listChecklists(ctx),
  );

  r.post(
    '/api/v1/quality/checklists',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Create a checklist template',
        body: CreateChecklistBody,
        response: { 201: QualityChecklist },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createChecklist(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/quality/checklists/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A checklist template',
        params: ChecklistParams,
        response: { 200: QualityChecklist },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getChecklist(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/quality/checklists/:id',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Edit or archive a checklist template (If-Match); audits keep their items',
        params: ChecklistParams,
        body: UpdateChecklistBody,
        response: { 200: QualityChecklist },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateChecklist(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/quality/findings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Findings of the visible projects with their corrective actions, and counts',
        querystring: FindingQuery,
        response: { 200: FindingList },
      },
    },
    async (req) => svc.listFindings(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/projects/:id/quality-audits',
    {
      config: { access: 'project.read' },
      schema: {
        tags,
        summary: "A project's quality audits and reviews, with findings and actions",
        params: IdParams,
        response: { 200: QualityAuditList },
      },
    },
    async (req) => svc.listAudits(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/quality-audits',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Plan an audit or review against a checklist',
        params: IdParams,
        body: CreateAuditBody,
        response: { 201: QualityAudit },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createAudit(ctx, actorOf(req), req.params.id, req.body))),
  );

  r.get(
    '/api/v1/projects/:id/quality-audits/:auditId',
    {
      config: { access: 'project.read' },
      schema: { tags, summary: 'One audit', params: AuditParams, response: { 200: QualityAudit } },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getAudit(ctx, actorOf(req), req.params.id, req.params.auditId)),
  );

  r.patch(
    '/api/v1/projects/:id/quality-audits/:auditId',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Record results, edit, mark the assessment done or reopen it (If-Match)',
        params: AuditParams,
        body: UpdateAuditBody,
        response: { 200: QualityAudit },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateAudit(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.auditId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/quality-audits/:auditId',
    {
      config: { access: 'governance.manage' },
      schema: { tags, summary: 'Delete an audit and its findings (If-Match)', params: AuditParams },
    },
    async (req, reply) => {
      await svc.deleteAudit(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.auditId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/projects/:id/quality-audits/:auditId/findings',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Record a finding (écart) with its severity',
        params: AuditParams,
        body: CreateFindingBody,
        response: { 201: QualityFinding },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(
            reply,
            await svc.createFinding(ctx, actorOf(req), req.params.id, req.params.auditId, req.body),
          ),
        ),
  );

  r.patch(
    '/api/v1/projects/:id/quality-findings/:findingId',
    {
      config: { access: 'governance.manage' },
      schema: {
        tags,
        summary: 'Edit or close a finding (If-Match); closing needs its actions done',
        params: FindingParams,
        body: UpdateFindingBody,
        response: { 200: QualityFinding },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateFinding(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.findingId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.post(
    '/api/v1/projects/:id/quality-findings/:findingId/actions',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Add a corrective action (owner, due date)',
        params: FindingParams,
        body: CreateActionBody,
        response: { 201: CorrectiveAction },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(
            reply,
            await svc.createAction(
              ctx,
              actorOf(req),
              req.params.id,
              req.params.findingId,
              req.body,
            ),
          ),
        ),
  );

  r.patch(
    '/api/v1/projects/:id/corrective-actions/:actionId',
    {
      config: { access: 'project.update' },
      schema: {
        tags,
        summary: 'Update a corrective action: status, owner, due date (If-Match)',
        params: ActionParams,
        body: UpdateActionBody,
        response: { 200: CorrectiveAction },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateAction(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.actionId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
}
