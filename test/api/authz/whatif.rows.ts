import { NIL, READ_ALL, type Rule, SIGNED_IN } from './lib.ts';

const WRITERS = SIGNED_IN.filter((c) => c !== 'viewer' && c !== 'viewer+project_manager');

/**
 * Authorization rows of the what-if lane. Applying a portfolio leveling also needs the right to
 * change every plan it touches (checked per project in the service; the fixture's plans have no
 * moves, so an allowed caller is stopped by the stale fingerprint).
 */
const rows: Record<string, Rule> = {
  'POST /api/v1/portfolios/{id}/what-if': {
    allow: READ_ALL,
    params: (f) => ({ id: f.portfolioId }),
    body: () => ({ from: '2026-03-02', buckets: 2 }),
  },
  'POST /api/v1/portfolios/{id}/leveling/preview': {
    allow: READ_ALL,
    params: (f) => ({ id: f.portfolioId }),
    body: () => ({}),
  },
  'POST /api/v1/portfolios/{id}/leveling/apply': {
    allow: READ_ALL,
    params: (f) => ({ id: f.portfolioId }),
    body: () => ({ fingerprint: 'x' }),
  },
  'GET /api/v1/resource-teams/{id}': { allow: READ_ALL },
  'POST /api/v1/resource-teams/{id}/members': {
    allow: ['admin', 'pmo', 'resource_manager'],
    body: (f) => ({ personId: f.personId, start: '2026-01-01' }),
  },
  'PATCH /api/v1/resource-teams/{id}/members/{memberId}': {
    allow: ['admin', 'pmo', 'resource_manager'],
    body: () => ({}),
    stale: true,
    params: () => ({ id: NIL, memberId: NIL }),
  },
  'DELETE /api/v1/resource-teams/{id}/members/{memberId}': {
    allow: ['admin', 'pmo', 'resource_manager'],
    stale: true,
    params: () => ({ id: NIL, memberId: NIL }),
  },
  'GET /api/v1/me/timesheets/{week}/absences': {
    allow: SIGNED_IN,
    params: () => ({ week: '2026-03-02' }),
  },
  'POST /api/v1/me/timesheets/{week}/recall': {
    allow: WRITERS,
    stale: true,
    params: () => ({ week: '2026-03-02' }),
  },
};

export default rows;
