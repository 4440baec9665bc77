import type { Caller, Rule } from './lib.ts';

/** Finance: read by finance, PMO, executives and the project's managers/sponsors; edited by them; managed by finance and PMO. */
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

const rows: Record<string, Rule> = {
  'POST /api/v1/finance/labour-actuals/sync': { allow: MANAGERS },
  'GET /api/v1/projects/{id}/budget': { allow: READERS },
  'POST /api/v1/projects/{id}/budget/lines': {
    allow: EDITORS,
    body: () => ({ label: 'Ligne', category: 'other', nature: 'opex' }),
  },
  'PATCH /api/v1/projects/{id}/budget/lines/{lineId}': {
    allow: EDITORS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/budget/lines/{lineId}': { allow: EDITORS, stale: true },
  'POST /api/v1/projects/{id}/budget/revisions': {
    allow: EDITORS,
    body: () => ({ reason: 'Révision' }),
  },
  'POST /api/v1/projects/{id}/budget/revisions/{revisionId}/decision': {
    allow: MANAGERS,
    body: () => ({ decision: 'approve' }),
    stale: true,
  },
  'GET /api/v1/projects/{id}/costs': { allow: READERS },
  'POST /api/v1/projects/{id}/purchase-orders': { allow: MANAGERS, body: () => ({}) },
  'PATCH /api/v1/projects/{id}/purchase-orders/{orderId}': {
    allow: MANAGERS,
    body: () => ({
      supplier: 'Dell',
      reference: 'BC-1',
      orderDate: '2026-01-15',
      amount: 100,
    }),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/purchase-orders/{orderId}': { allow: MANAGERS, stale: true },
  'POST /api/v1/projects/{id}/actuals': { allow: MANAGERS, body: () => ({}) },
  'PATCH /api/v1/projects/{id}/actuals/{actualId}': {
    allow: MANAGERS,
    body: () => ({ source: 'invoice', date: '2026-01-15', amount: 100 }),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/actuals/{actualId}': { allow: MANAGERS, stale: true },
  'POST /api/v1/finance/actuals/import': { allow: MANAGERS, body: () => ({}) },
  'GET /api/v1/projects/{id}/evm': { allow: READERS },
  'POST /api/v1/projects/{id}/evm/closes': {
    allow: EDITORS,
    body: () => ({ statusDate: '2026-01-31' }),
  },
  'GET /api/v1/finance/rollup': { allow: PORTFOLIO_READERS },
  'GET /api/v1/finance/rollup/export': { allow: PORTFOLIO_READERS, query: 'format=csv' },
  'GET /api/v1/finance/portfolio': { allow: PORTFOLIO_READERS, query: 'year=2026' },
  'GET /api/v1/finance/portfolio/export': {
    allow: PORTFOLIO_READERS,
    query: 'year=2026&format=csv',
  },
  'GET /api/v1/projects/{id}/budget/export': { allow: READERS, query: 'format=csv' },
  'GET /api/v1/finance/exchange-rates': { allow: PORTFOLIO_READERS },
  'POST /api/v1/finance/exchange-rates': { allow: MANAGERS, body: () => ({}) },
};

export default rows;
