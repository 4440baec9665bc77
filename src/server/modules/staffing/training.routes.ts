import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CancelSessionBody,
  CreateCourseBody,
  CreateEnrolmentBody,
  CreateGoalBody,
  CreateSessionBody,
  DevelopmentGoal,
  DevelopmentGoalList,
  Enrolment,
  EnrolmentList,
  EnrolmentListQuery,
  EnrolmentTransitionBody,
  PlannablePeople,
  SessionListQuery,
  TrainingCostQuery,
  TrainingCosts,
  TrainingCourse,
  TrainingCourseList,
  TrainingSession,
  TrainingSessionList,
  UpdateCourseBody,
  UpdateGoalBody,
  UpdateSessionBody,
} from '../../../contracts/staffing.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { trainingPostingRoutes } from './postings.routes.ts';
import * as svc from './training.service.ts';

/** Training: catalogue, sessions, enrolments (completion raises levels), development plans. */
export function trainingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];
  trainingPostingRoutes(app, ctx);

  r.get(
    '/api/v1/training/courses',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The training catalogue', response: { 200: TrainingCourseList } },
    },
    async () => svc.listCourses(ctx),
  );
  r.post(
    '/api/v1/training/courses',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Add a course to the catalogue',
        body: CreateCourseBody,
        response: { 201: TrainingCourse },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createCourse(ctx, actorOf(req), req.body))),
  );
  r.get(
    '/api/v1/training/courses/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'A course', params: IdParams, response: { 200: TrainingCourse } },
    },
    async (req, reply) => withEtag(reply, await svc.getCourse(ctx, req.params.id)),
  );
  r.patch(
    '/api/v1/training/courses/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a course',
        params: IdParams,
        body: UpdateCourseBody,
        response: { 200: TrainingCourse },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateCourse(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.get(
    '/api/v1/training/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Sessions, with seats taken and requests waiting',
        querystring: SessionListQuery,
        response: { 200: TrainingSessionList },
      },
    },
    async (req) => svc.listSessions(ctx, req.query),
  );
  r.post(
    '/api/v1/training/sessions',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Plan a session of a course',
        body: CreateSessionBody,
        response: { 201: TrainingSession },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createSession(ctx, actorOf(req), req.body))),
  );
  r.get(
    '/api/v1/training/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'A session', params: IdParams, response: { 200: TrainingSession } },
    },
    async (req, reply) => withEtag(reply, await svc.getSession(ctx, req.params.id)),
  );
  r.patch(
    '/api/v1/training/sessions/:id',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Change a session (dates, seats, place); the people enrolled are told',
        params: IdParams,
        body: UpdateSessionBody,
        response: { 200: TrainingSession },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateSession(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/api/v1/training/sessions/:id/cancel',
    {
      config: { access: 'resource.manage' },
      schema: {
        tags,
        summary: 'Cancel a session: enrolments and their absences cancelled, people told',
        params: IdParams,
        body: CancelSessionBody,
        response: { 200: TrainingSession },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.cancelSession(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
  r.get(
    '/api/v1/training/costs',
    {
      config: { access: 'resource.read' },
      schema: {
        tags,
        summary: 'Training costs (cost per participant) by year and department',
        querystring: TrainingCostQuery,
        response: { 200: TrainingCosts },
      },
    },
    async (req) => svc.trainingCosts(ctx, req.query),
  );
  r.get(
    '/api/v1/training/enrolments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Enrolments: all for resource roles, else your own and your reports’',
        querystring: EnrolmentListQuery,
        response: { 200: EnrolmentList },
      },
    },
    async (req) => svc.listEnrolments(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/training/enrolments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Enrol yourself, a report, or anyone (resource roles: approved at once)',
        body: CreateEnrolmentBody,
        response: { 201: Enrolment },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.enrol(ctx, actorOf(req), req.body))),
  );
  r.post(
    '/api/v1/training/enrolments/:id/transition',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Approve, reject, attend, complete (raises the level) or cancel an enrolment',
        params: IdParams,
        body: EnrolmentTransitionBody,
        response: { 200: Enrolment },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.transitionEnrolment(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );
  r.get(
    '/api/v1/training/plannable-people',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Whose development plans you may write (everyone, or the people you manage)',
        response: { 200: PlannablePeople },
      },
    },
    async (req) => svc.plannablePeople(ctx, actorOf(req)),
  );
  r.get(
    '/api/v1/resources/:id/development-goals',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A person’s development plan (themself, their manager, resource roles)',
        params: IdParams,
        response: { 200: DevelopmentGoalList },
      },
    },
    async (req) => svc.listGoals(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/v1/resources/:id/development-goals',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Add a goal to a person’s development plan (their manager, resource managers)',
        params: IdParams,
        body: CreateGoalBody,
        response: { 201: DevelopmentGoal },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await svc.createGoal(ctx, actorOf(req), req.params.id, req.body))),
  );
  r.patch(
    '/api/v1/development-goals/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change a development goal',
        params: IdParams,
        body: UpdateGoalBody,
        response: { 200: DevelopmentGoal },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateGoal(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );
}
