import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, IsoDate } from '../../../contracts/common.ts';
import {
  BenefitParams,
  DecideForecastBody,
  DiscountRateBody,
  DiscountRateParams,
  DiscountRatePolicy,
  DiscountRates,
  EvmTrend,
  Forecast,
  ForecastCycle,
  ForecastParams,
  PendingForecasts,
  PortfolioBenefits,
  PortfolioBenefitsQuery,
  PortfolioThresholds,
  ProjectBenefits,
  RateParams,
  Realisation,
  RecordBenefitBody,
  SnapshotBody,
  SnapshotResult,
  SubmitForecastBody,
  Thresholds,
  ThresholdsBody,
  UpdateBenefitBody,
} from '../../../contracts/evm.ts';
import { ExchangeRateList } from '../../../contracts/finance.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { deleteRate } from '../finance/finance.service.ts';
import * as svc from './evm.service.ts';

/** EVM thresholds and trend, the forecast cycle, rate deletion, the discount-rate policy, benefits. */
export function evmRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['finance'];

  // ------------------------------------------------------------ thresholds
  r.get(
    '/api/v1/finance/evm-thresholds',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: "The company's EVM thresholds and each portfolio's override",
        response: { 200: PortfolioThresholds },
      },
    },
    async (req) => svc.getThresholds(ctx, actorOf(req)),
  );

  r.put(
    '/api/v1/finance/evm-thresholds',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: "Set the company's EVM thresholds (If-Match: the version, 0 the first time)",
        body: ThresholdsBody,
        response: { 200: Thresholds },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.putThresholds(ctx, actorOf(req), null, expectedVersion(req), req.body),
      ),
  );

  r.put(
    '/api/v1/portfolios/:id/evm-thresholds',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary:
          'Override the EVM thresholds for a portfolio (If-Match: the version, 0 the first time)',
        params: IdParams,
        body: ThresholdsBody,
        response: { 200: Thresholds },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.putThresholds(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.delete(
    '/api/v1/portfolios/:id/evm-thresholds',
    {
      config: { access: 'finance.manage' },
      schema: { tags, summary: "Remove a portfolio's override (If-Match)", params: IdParams },
    },
    async (req, reply) => {
      await svc.deletePortfolioThresholds(ctx, actorOf(req), req.params.id, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ EV history
  r.get(
    '/api/v1/projects/:id/evm/trend',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'EV snapshots (month-end closes) with SPI/CPI, statuses and direction',
        params: IdParams,
        response: { 200: EvmTrend },
      },
    },
    async (req) => svc.getTrend(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/finance/evm-snapshots',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Record the month-end EV snapshot of every project in flight not closed yet',
        body: SnapshotBody,
        response: { 200: SnapshotResult },
      },
    },
    async (req) => svc.runSnapshots(ctx, actorOf(req), req.body.month),
  );

  // ------------------------------------------------------------ forecast cycle
  r.get(
    '/api/v1/projects/:id/forecasts',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'The monthly forecast cycle of a project: history and where a new one starts',
        params: IdParams,
        response: { 200: ForecastCycle },
      },
    },
    async (req) => svc.getForecasts(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/forecasts',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Submit a re-forecast (estimate to complete by month) for approval',
        params: IdParams,
        body: SubmitForecastBody,
        response: { 201: Forecast },
      },
    },
    async (req, reply) => {
      const f = await svc.submitForecast(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(201).send(withEtag(reply, f));
    },
  );

  r.post(
    '/api/v1/projects/:id/forecasts/:forecastId/decision',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Approve or reject a submitted forecast with a comment (If-Match)',
        params: ForecastParams,
        body: DecideForecastBody,
        response: { 200: Forecast },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.decideForecast(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.forecastId,
          expectedVersion(req),
          req.body.decision,
          req.body.comment,
        ),
      ),
  );

  r.get(
    '/api/v1/finance/forecasts/pending',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Forecasts waiting for a decision, across projects',
        response: { 200: PendingForecasts },
      },
    },
    async (req) => svc.pendingForecasts(ctx, actorOf(req)),
  );

  // ------------------------------------------------------------ exchange rates
  r.delete(
    '/api/v1/finance/exchange-rates/:currency/:validFrom',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Delete the rate of a currency from a date (If-Match: its version)',
        params: RateParams,
        response: { 200: ExchangeRateList },
      },
    },
    async (req) =>
      deleteRate(
        ctx,
        actorOf(req),
        req.params.currency,
        req.params.validFrom,
        expectedVersion(req),
      ),
  );

  // ------------------------------------------------------------ discount rate
  r.get(
    '/api/v1/finance/discount-rates',
    {
      config: { access: 'strategy.read' },
      schema: {
        tags,
        summary: "The company's discount-rate policies and the one in force on a date",
        querystring: z.object({ date: IsoDate.optional() }),
        response: { 200: DiscountRates },
      },
    },
    async (req) => svc.getDiscountRates(ctx, actorOf(req), req.query.date),
  );

  r.post(
    '/api/v1/finance/discount-rates',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Publish a discount rate effective from a date',
        body: DiscountRateBody,
        response: { 201: DiscountRatePolicy },
      },
    },
    async (req, reply) => {
      const p = await svc.createDiscountRate(ctx, actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, p));
    },
  );

  r.patch(
    '/api/v1/finance/discount-rates/:policyId',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Correct a discount-rate policy (If-Match)',
        params: DiscountRateParams,
        body: DiscountRateBody.omit({ effectiveFrom: true }).partial(),
        response: { 200: DiscountRatePolicy },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateDiscountRate(
          ctx,
          actorOf(req),
          req.params.policyId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/finance/discount-rates/:policyId',
    {
      config: { access: 'finance.manage' },
      schema: {
        tags,
        summary: 'Delete a discount-rate policy (If-Match)',
        params: DiscountRateParams,
      },
    },
    async (req, reply) => {
      await svc.deleteDiscountRate(ctx, actorOf(req), req.params.policyId, expectedVersion(req));
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------ benefits
  r.get(
    '/api/v1/projects/:id/benefits',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Planned (business case) vs realised benefits of a project, by period',
        params: IdParams,
        response: { 200: ProjectBenefits },
      },
    },
    async (req) => svc.getProjectBenefits(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/projects/:id/benefits',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Record a realised benefit for a period (the project must be closed)',
        params: IdParams,
        body: RecordBenefitBody,
        response: { 201: Realisation },
      },
    },
    async (req, reply) => {
      const b = await svc.recordBenefit(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(201).send(withEtag(reply, b));
    },
  );

  r.patch(
    '/api/v1/projects/:id/benefits/:benefitId',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: 'Correct a realised benefit (If-Match)',
        params: BenefitParams,
        body: UpdateBenefitBody,
        response: { 200: Realisation },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await svc.updateBenefit(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.benefitId,
          expectedVersion(req),
          req.body,
        ),
      ),
  );

  r.delete(
    '/api/v1/projects/:id/benefits/:benefitId',
    {
      config: { access: 'budget.edit' },
      schema: { tags, summary: 'Delete a realised benefit (If-Match)', params: BenefitParams },
    },
    async (req, reply) => {
      await svc.deleteBenefit(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.benefitId,
        expectedVersion(req),
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/finance/benefits',
    {
      config: { access: 'finance.read' },
      schema: {
        tags,
        summary: 'Planned vs realised benefits across the portfolio',
        querystring: PortfolioBenefitsQuery,
        response: { 200: PortfolioBenefits },
      },
    },
    async (req) => svc.getPortfolioBenefits(ctx, actorOf(req), req.query.portfolioId),
  );
}
