import { PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

const PMO = ['admin', 'pmo'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/copil/templates': { allow: SIGNED_IN },
  'POST /api/v1/copil/templates': { allow: [...PMO], body: () => ({}) },
  'PATCH /api/v1/copil/templates/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'GET /api/v1/copil/packs': { allow: SIGNED_IN },
  // A project pack: whoever reads the project may have one; anyone else gets PROJECT_NOT_FOUND.
  'POST /api/v1/copil/packs': {
    allow: PROJECT_READERS,
    body: (f) => ({ scopeType: 'project', scopeId: f.projectId, format: 'docx' }),
  },
  'GET /api/v1/copil/packs/{id}': { allow: SIGNED_IN },
  'GET /api/v1/copil/packs/{id}/file': { allow: SIGNED_IN },
  'GET /api/v1/admin/smtp': { allow: ['admin'] },
  'PUT /api/v1/admin/smtp': { allow: ['admin'], body: () => ({}), stale: true },
  'POST /api/v1/admin/smtp/test': { allow: ['admin'], body: () => ({}) },
  'GET /api/v1/report-subscriptions': { allow: [...PMO] },
  'POST /api/v1/report-subscriptions': { allow: [...PMO], body: () => ({}) },
  'PATCH /api/v1/report-subscriptions/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'DELETE /api/v1/report-subscriptions/{id}': { allow: [...PMO], stale: true },
  'POST /api/v1/report-subscriptions/{id}/send': { allow: [...PMO] },
  'GET /api/v1/report-deliveries': { allow: [...PMO] },
  'POST /api/v1/report-deliveries/run': { allow: [...PMO] },
  'GET /api/v1/reporting/portfolio-status/export': {
    allow: SIGNED_IN,
    query: 'portfolioId=00000000-0000-4000-8000-000000000000&format=csv',
  },
  'GET /api/v1/projects/{id}/status-reports/export': {
    allow: PROJECT_READERS,
    query: 'format=csv',
  },
  'GET /api/v1/kpis/export': { allow: SIGNED_IN, query: 'format=csv' },
};

export default rows;
