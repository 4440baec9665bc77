import { NIL, READ_ALL, type Rule, SIGNED_IN } from './lib.ts';

const manage = ['admin', 'pmo', 'resource_manager'] as const;
const financeManagers = ['admin', 'pmo', 'finance'] as const;

/**
 * Authorization rows of the `skills` lane: session edit and cancel (resource managers),
 * training costs and the bench / skill-gap downloads (resource roles).
 */
const rows: Record<string, Rule> = {
  'GET /api/v1/training/sessions/{id}': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'PATCH /api/v1/training/sessions/{id}': {
    allow: [...manage],
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/training/sessions/{id}/cancel': {
    allow: [...manage],
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'GET /api/v1/training/costs': { allow: READ_ALL, query: 'fromYear=2027&toYear=2027' },
  'GET /api/v1/staffing/bench/export': {
    allow: READ_ALL,
    query: 'from=2027-03-01&to=2027-03-14',
  },
  'GET /api/v1/staffing/skill-gaps/export': { allow: READ_ALL, query: 'from=2027-01-01' },
  'GET /api/v1/training/plannable-people': { allow: SIGNED_IN },
  // Training costs posted to a project budget: read by resource roles, written by finance.
  'GET /api/v1/training/postings': { allow: READ_ALL },
  'GET /api/v1/training/postings/{id}': { allow: READ_ALL, params: () => ({ id: NIL }) },
  'POST /api/v1/training/sessions/{id}/postings': {
    allow: [...financeManagers],
    params: () => ({ id: NIL }),
    body: (f) => ({ projectId: f.projectId, kind: 'commitment' }),
  },
  'POST /api/v1/training/postings/{id}/realise': {
    allow: [...financeManagers],
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/training/postings/{id}/reviewed': {
    allow: [...financeManagers],
    params: () => ({ id: NIL }),
    stale: true,
  },
  'DELETE /api/v1/training/postings/{id}': {
    allow: [...financeManagers],
    params: () => ({ id: NIL }),
    stale: true,
  },
};
export default rows;
