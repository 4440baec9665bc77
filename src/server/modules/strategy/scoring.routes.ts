import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../contracts/common.ts';
import {
  BacklogRefreshBody,
  BacklogRefreshPreview,
  BacklogRefreshResult,
  BacklogScenario,
  BacklogScenarioBody,
  CreateEvaluationBody,
  CreateScenarioBody,
  FrontierRun,
  FrontierRunResponse,
  RunScenarioBody,
  Scenario,
  ScenarioList,
  UpdateScenarioBody,
  Evaluation,
  EvaluationList,
  EvaluationQuery,
  Ranking,
  ScoringModel,
  ScoringModelBody,
  ScoringModelList,
  UpdateEvaluationBody,
  UpdateScoringModelBody,
} from '../../../contracts/scenarios.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import {
  applyBacklogRefresh,
  createFromBacklog,
  previewBacklogRefresh,
} from './backlog.service.ts';
import { getFrontierRun, requestFrontier, resumeFrontierRuns } from './frontier.job.ts';
import * as scenarios from './scenarios.service.ts';
import * as svc from './scoring.service.ts';

const SheetParams = z.object({ id: Id, evaluationId: Id });

/** Scoring models, evaluators' sheets and the explained ranking of candidates. */
export function scoringRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['strategy'];

  r.get(
    '/api/v1/strategy/scoring-models',
    {
      config: { access: 'strategy.read' },
      schema: { tags, summary: 'Scoring models', response: { 200: ScoringModelList } },
    },
    async () => svc.listModels(ctx),
  );

  r.post(
    '/api/v1/strategy/scoring-models',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Create a scoring model (criteria, weights, scales)',
        body: ScoringModelBody,
        response: { 201: ScoringModel },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await svc.createModel(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/strategy/scoring-models/:id',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: 'One scoring model',
        params: IdParams,
        response: { 200: ScoringModel },
      },
    },
    async (req, reply) => withEtag(reply, await svc.getModel(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/strategy/scoring-models/:id',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Change a scoring model',
        params: IdParams,
        body: UpdateScoringModelBody,
        response: { 200: ScoringModel },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateModel(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/strategy/scoring-models/:id',
    {
      config: { access: 'strategy.manage' },
      schema: { tags, summary: 'Delete a scoring model and its evaluations', params: IdParams },
    },
    async (req, reply) => {
      await svc.deleteModel(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/strategy/scoring-models/:id/ranking',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: 'Candidates ranked by score, each score explained per criterion and evaluator',
        params: IdParams,
        response: { 200: Ranking },
      },
    },
    async (req) => svc.ranking(ctx, req.params.id),
  );

  r.get(
    '/api/v1/strategy/scoring-models/:id/evaluations',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: "The evaluators' sheets under a model (optionally for one candidate)",
        params: IdParams,
        querystring: EvaluationQuery,
        response: { 200: EvaluationList },
      },
    },
    async (req) => svc.listEvaluations(ctx, req.params.id, req.query),
  );

  r.post(
    '/api/v1/strategy/scoring-models/:id/evaluations',
    {
      config: { access: 'strategy.evaluate' },
      schema: {
        tags,
        summary: 'Score a candidate (your own sheet)',
        params: IdParams,
        body: CreateEvaluationBody,
        response: { 201: Evaluation },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          withEtag(reply, await svc.createEvaluation(ctx, actorOf(req), req.params.id, req.body)),
        ),
  );

  r.patch(
    '/api/v1/strategy/scoring-models/:id/evaluations/:evaluationId',
    {
      config: { access: 'strategy.evaluate' },
      schema: {
        tags,
        summary: 'Change your evaluation sheet',
        params: SheetParams,
        body: UpdateEvaluationBody,
        response: { 200: Evaluation },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateEvaluation(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.evaluationId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/strategy/scoring-models/:id/evaluations/:evaluationId',
    {
      config: { access: 'strategy.evaluate' },
      schema: { tags, summary: 'Withdraw your evaluation sheet', params: SheetParams },
    },
    async (req, reply) => {
      await svc.deleteEvaluation(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.evaluationId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  // ---------------------------------------------------------------- portfolio scenarios

  r.get(
    '/api/v1/strategy/scenarios',
    {
      config: { access: 'strategy.read' },
      schema: { tags, summary: 'Portfolio scenarios', response: { 200: ScenarioList } },
    },
    async () => scenarios.listScenarios(ctx),
  );

  r.post(
    '/api/v1/strategy/scenarios',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Save a portfolio scenario (a selection file and the forcing of candidates)',
        body: CreateScenarioBody,
        response: { 201: Scenario },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await scenarios.createScenario(ctx, actorOf(req), req.body))),
  );

  r.post(
    '/api/v1/strategy/scenarios/from-backlog',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary:
          'Build a scenario from the requests, their business cases and the free capacity of the teams',
        body: BacklogScenarioBody,
        response: { 201: BacklogScenario },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createFromBacklog(ctx, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/strategy/scenarios/:id',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: 'One scenario with its last result and frontier',
        params: IdParams,
        response: { 200: Scenario },
      },
    },
    async (req, reply) => withEtag(reply, await scenarios.getScenario(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/strategy/scenarios/:id',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Change a scenario (forcing in/out, file); clears its result',
        params: IdParams,
        body: UpdateScenarioBody,
        response: { 200: Scenario },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await scenarios.updateScenario(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/strategy/scenarios/:id',
    {
      config: { access: 'strategy.manage' },
      schema: { tags, summary: 'Delete a scenario', params: IdParams },
    },
    async (req, reply) => {
      await scenarios.deleteScenario(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/strategy/scenarios/:id/backlog-refresh',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary:
          'What refreshing a backlog scenario would change (candidates in, out, changed; pools; budget); nothing is saved',
        params: IdParams,
        response: { 200: BacklogRefreshPreview },
      },
    },
    async (req) => previewBacklogRefresh(ctx, req.params.id),
  );

  r.post(
    '/api/v1/strategy/scenarios/:id/backlog-refresh',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary:
          "Build a backlog scenario again from the backlog with its parameters and save it (If-Match; with the preview's fingerprint, refused if the backlog moved since); clears its result",
        params: IdParams,
        body: BacklogRefreshBody,
        response: { 200: BacklogRefreshResult },
      },
    },
    async (req, reply) => {
      const out = await applyBacklogRefresh(
        ctx,
        actorOf(req),
        req.params.id,
        expectedVersion(req),
        req.body?.fingerprint,
      );
      reply.header('etag', `"${out.scenario.version}"`);
      return out;
    },
  );

  r.post(
    '/api/v1/strategy/scenarios/:id/run',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary: 'Optimise the scenario with HiGHS (worker thread, time limit) and keep the result',
        params: IdParams,
        body: RunScenarioBody,
        response: { 200: Scenario },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await scenarios.runScenario(
          ctx,
          actorOf(req),
          req.params.id,
          expectedVersion(req),
          req.body.timeLimit,
        ),
      ),
  );

  r.post(
    '/api/v1/strategy/scenarios/:id/frontier',
    {
      config: { access: 'strategy.manage' },
      schema: {
        tags,
        summary:
          'Compute the efficient frontier (best value at each budget level, 25 % to 200 %) as a background job',
        params: IdParams,
        body: RunScenarioBody,
        response: { 202: FrontierRun },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await requestFrontier(
            ctx,
            actorOf(req),
            req.params.id,
            expectedVersion(req),
            req.body.timeLimit,
          ),
        ),
  );

  r.get(
    '/api/v1/strategy/scenarios/:id/frontier',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: 'The frontier job of the scenario: state, progress, points found so far',
        params: IdParams,
        response: { 200: FrontierRunResponse },
      },
    },
    async (req) => getFrontierRun(ctx, req.params.id),
  );

  // Without the job runner (pg-boss), frontier runs left by a stopped server run again.
  app.addHook('onReady', async () => {
    await resumeFrontierRuns(ctx).catch(() => undefined);
  });
}
