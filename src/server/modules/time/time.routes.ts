import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  Activity,
  ActivityList,
  BulkApproveBody,
  BulkApproveResult,
  Consolidation,
  ConsolidationExportQuery,
  ConsolidationQuery,
  CreateActivityBody,
  CreateLockedPeriodBody,
  DecisionBody,
  LockedPeriod,
  LockedPeriodList,
  PendingTimesheetList,
  RejectBody,
  ReminderRun,
  SaveTimesheetBody,
  TimeSettings,
  Timesheet,
  TimesheetTargets,
  UpdateActivityBody,
  UpdateTimeSettingsBody,
  WeekParams,
} from '../../../contracts/time.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { exportConsolidation } from './time.export.ts';
import { runTimeReminders } from './time.reminders.ts';
import * as svc from './time.service.ts';

/** Today in UTC, `YYYY-MM-DD`: the module's only clock (reminders). */
const today = () => new Date().toISOString().slice(0, 10);

export function timeRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['time'];

  // ------------------------------------------------------------ my week

  r.get(
    '/api/v1/me/timesheets/:week',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My timesheet (CRA) of the week starting on this Monday',
        params: WeekParams,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.getMyTimesheet(ctx, actorOf(req), req.params.week)),
  );

  r.put(
    '/api/v1/me/timesheets/:week',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Save my week: every line and cell, in one transaction (If-Match; "0" for a new week)',
        params: WeekParams,
        body: SaveTimesheetBody,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.saveMyTimesheet(
          ctx,
          actorOf(req),
          req.params.week,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.post(
    '/api/v1/me/timesheets/:week/submit',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Submit my week for approval, saving these lines first if given (If-Match)',
        params: WeekParams,
        body: SaveTimesheetBody.partial(),
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.submitMyTimesheet(
          ctx,
          actorOf(req),
          req.params.week,
          expectedVersion(req),
          req.body.lines ? { lines: req.body.lines } : undefined,
        ),
      ),
  );

  r.post(
    '/api/v1/me/timesheets/:week/copy-previous',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "Copy last week's lines and hours into this week (If-Match)",
        params: WeekParams,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.copyPreviousWeek(ctx, actorOf(req), req.params.week, expectedVersion(req)),
      ),
  );

  r.get(
    '/api/v1/me/timesheet-targets',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'What I may charge time to: my projects with their tasks, and the activities',
        response: { 200: TimesheetTargets },
      },
    },
    async (req) => svc.myTargets(ctx, actorOf(req)),
  );

  // ------------------------------------------------------------ approvals

  r.get(
    '/api/v1/timesheets/pending',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Submitted weeks waiting for my decision',
        response: { 200: PendingTimesheetList },
      },
    },
    async (req) => svc.listPending(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/timesheets/approve',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Approve many weeks in one action (each with the version read)',
        body: BulkApproveBody,
        response: { 200: BulkApproveResult },
      },
    },
    async (req) => svc.bulkApprove(ctx, actorOf(req), req.body.items, req.body.comment),
  );

  r.get(
    '/api/v1/timesheets/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A week, as its approvers and managers see it',
        params: IdParams,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getTimesheet(ctx, actorOf(req), req.params.id)),
  );

  r.post(
    '/api/v1/timesheets/:id/approve',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Approve the lines of this week that wait for me (If-Match)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.approveTimesheet(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body.comment,
        ),
      ),
  );

  r.post(
    '/api/v1/timesheets/:id/reject',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Reject the lines of this week that wait for me, with a comment (If-Match)',
        params: IdParams,
        body: RejectBody,
        response: { 200: Timesheet },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.rejectTimesheet(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body.comment,
        ),
      ),
  );

  // ------------------------------------------------------------ settings, activities, locks

  r.get(
    '/api/v1/time/settings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Timesheet rules and approval policy',
        response: { 200: TimeSettings },
      },
    },
    async (_req, reply) => withEtag(reply, await svc.getSettings(ctx)),
  );

  r.patch(
    '/api/v1/time/settings',
    {
      config: { access: 'time.manage' },
      schema: {
        tags,
        summary: 'Change the timesheet rules or the approval policy (If-Match)',
        body: UpdateTimeSettingsBody,
        response: { 200: TimeSettings },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.updateSettings(ctx, actorOf(req), expectedVersion(req), req.body)),
  );

  r.get(
    '/api/v1/time/activities',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Non-project activities', response: { 200: ActivityList } },
    },
    async () => svc.listActivities(ctx),
  );

  r.post(
    '/api/v1/time/activities',
    {
      config: { access: 'time.manage' },
      schema: {
        tags,
        summary: 'Add a non-project activity',
        body: CreateActivityBody,
        response: { 201: Activity },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createActivity(ctx, actorOf(req), req.body))),
  );

  r.patch(
    '/api/v1/time/activities/:id',
    {
      config: { access: 'time.manage' },
      schema: {
        tags,
        summary: 'Rename, reclassify or withdraw an activity (If-Match)',
        params: IdParams,
        body: UpdateActivityBody,
        response: { 200: Activity },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateActivity(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/time/locks',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Locked (closed) periods', response: { 200: LockedPeriodList } },
    },
    async () => svc.listLocks(ctx),
  );

  r.post(
    '/api/v1/time/locks',
    {
      config: { access: 'time.lock' },
      schema: {
        tags,
        summary: 'Close a period (e.g. a month): no hours may change on its days',
        body: CreateLockedPeriodBody,
        response: { 201: LockedPeriod },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createLock(ctx, actorOf(req), req.body)),
  );

  r.delete(
    '/api/v1/time/locks/:id',
    {
      config: { access: 'time.lock' },
      schema: { tags, summary: 'Reopen a locked period', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteLock(ctx, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ consolidation, reminders

  r.get(
    '/api/v1/time/consolidation',
    {
      config: { access: 'time.report' },
      schema: {
        tags,
        summary: 'Hours of a month per person or per project, by approval state',
        querystring: ConsolidationQuery,
        response: { 200: Consolidation },
      },
    },
    async (req) => svc.consolidation(ctx, req.query.month, req.query.by),
  );

  r.get(
    '/api/v1/time/consolidation/export',
    {
      config: { access: 'time.report' },
      schema: {
        tags,
        summary: "A month's consolidation as CSV (French conventions) or XLSX (with the detail)",
        querystring: ConsolidationExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportConsolidation(ctx, req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  r.post(
    '/api/v1/time/reminders/run',
    {
      config: { access: 'time.manage' },
      schema: {
        tags,
        summary: 'Send the missing and late timesheet reminders now (the job runs daily)',
        body: z.object({}).optional(),
        response: { 200: ReminderRun },
      },
    },
    async () => runTimeReminders(ctx, today()),
  );
}
