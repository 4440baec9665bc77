import type { Caller, Rule } from './lib.ts';

/** EVM thresholds and trend, forecast cycle, rate deletion, discount-rate policy, benefits. */
const READERS: Caller[] = [
  'admin',
  'pmo',
  'executive',
  'finance',
  'member+project_manager',
  'viewer+project_manager',
];
const EDITORS: Caller[] = ['admin', 'pmo', 'finance', 'member+project_manager'];
const MANAGERS: Caller[] = ['admin', 'pmo', 'finance'];
const PORTFOLIO_READERS: Caller[] = ['admin', 'pmo', 'executive', 'finance'];
const THRESHOLDS = {
  spi: { watch: 0.95, alert: 0.9 },
  cpi: { watch: 0.95, alert: 0.9 },
  vac: { watch: -0.05, alert: -0.1 },
};

const rows: Record<string, Rule> = {
  'GET /api/v1/finance/evm-thresholds': { allow: PORTFOLIO_READERS },
  'PUT /api/v1/finance/evm-thresholds': { allow: MANAGERS, body: () => THRESHOLDS, stale: true },
  'PUT /api/v1/portfolios/{id}/evm-thresholds': {
    allow: MANAGERS,
    body: () => THRESHOLDS,
    stale: true,
  },
  'DELETE /api/v1/portfolios/{id}/evm-thresholds': { allow: MANAGERS, stale: true },
  'GET /api/v1/projects/{id}/evm/trend': { allow: READERS },
  'POST /api/v1/finance/evm-snapshots': { allow: MANAGERS, body: () => ({ month: '1999-01' }) },
  'GET /api/v1/projects/{id}/forecasts': { allow: READERS },
  'POST /api/v1/projects/{id}/forecasts': {
    allow: EDITORS,
    // A month before the period: valid for the schema, refused by the service after authorization.
    body: () => ({
      period: '2026-05',
      etcByMonth: [{ month: '2026-04', amount: 1 }],
      comment: 'Prévision',
    }),
  },
  'POST /api/v1/projects/{id}/forecasts/{forecastId}/decision': {
    allow: MANAGERS,
    body: () => ({ decision: 'approve' }),
    stale: true,
  },
  'GET /api/v1/finance/forecasts/pending': { allow: PORTFOLIO_READERS },
  'DELETE /api/v1/finance/exchange-rates/{currency}/{validFrom}': {
    allow: MANAGERS,
    params: () => ({ currency: 'XTS', validFrom: '2026-01-01' }),
    stale: true,
  },
  'GET /api/v1/finance/discount-rates': { allow: PORTFOLIO_READERS },
  'POST /api/v1/finance/discount-rates': { allow: MANAGERS, body: () => ({}) },
  'PATCH /api/v1/finance/discount-rates/{policyId}': {
    allow: MANAGERS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/finance/discount-rates/{policyId}': { allow: MANAGERS, stale: true },
  'GET /api/v1/projects/{id}/benefits': { allow: READERS },
  'POST /api/v1/projects/{id}/benefits': {
    allow: EDITORS,
    body: () => ({ period: '2027', kind: 'saving', amount: 100 }),
  },
  'PATCH /api/v1/projects/{id}/benefits/{benefitId}': {
    allow: EDITORS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/benefits/{benefitId}': { allow: EDITORS, stale: true },
  'GET /api/v1/finance/benefits': { allow: PORTFOLIO_READERS },
};

export default rows;
