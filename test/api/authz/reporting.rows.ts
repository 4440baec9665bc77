import { PROJECT_EDITORS, PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

const PMO = ['admin', 'pmo'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/projects/{id}/status-reports': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/status-reports': {
    allow: PROJECT_EDITORS,
    // A valid body, so that a caller who may not write is refused by the project check.
    body: () => ({ periodDate: '2020-01-15', overall: 'sun' }),
  },
  'GET /api/v1/projects/{id}/status-reports/{reportId}': { allow: PROJECT_READERS },
  'PATCH /api/v1/projects/{id}/status-reports/{reportId}': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/submit': {
    allow: PROJECT_EDITORS,
    stale: true,
  },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/review': {
    allow: [...PMO],
    body: () => ({ decision: 'approve' }),
    stale: true,
  },
  'GET /api/v1/reporting/portfolio-status': {
    allow: SIGNED_IN,
    query: 'portfolioId=00000000-0000-4000-8000-000000000000',
  },
  'PATCH /api/v1/portfolios/{id}/reporting-settings': {
    allow: [...PMO],
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/reporting/overrides': { allow: [...PMO], body: () => ({}) },
  'DELETE /api/v1/reporting/overrides/{id}': { allow: [...PMO], stale: true },
  'GET /api/v1/reporting/reports-due': { allow: SIGNED_IN },
  'GET /api/v1/kpis': { allow: SIGNED_IN },
  'POST /api/v1/kpis': { allow: [...PMO], body: () => ({}) },
  'PATCH /api/v1/kpis/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'GET /api/v1/kpis/{id}/history': { allow: SIGNED_IN },
  'POST /api/v1/kpis/compute': { allow: [...PMO], body: () => ({ asOf: 'hier' }) },
};

export default rows;
