import { NIL, PROJECT_EDITORS, PROJECT_READERS, READ_ALL, type Rule, SIGNED_IN } from './lib.ts';

const MANAGERS = ['admin', 'pmo', 'resource_manager'] as const;
const manage = [...MANAGERS];

/** Authorization rows of the resources module (capacity, absences, allocations, assignments). */
const rows: Record<string, Rule> = {
  'GET /api/v1/resource-roles': { allow: SIGNED_IN },
  'POST /api/v1/resource-roles': { allow: manage, body: () => ({}) },
  'PATCH /api/v1/resource-roles/{id}': { allow: manage, body: () => ({}), stale: true },
  'GET /api/v1/resource-teams': { allow: SIGNED_IN },
  'POST /api/v1/resource-teams': { allow: manage, body: () => ({}) },
  'PATCH /api/v1/resource-teams/{id}': { allow: manage, body: () => ({}), stale: true },
  'GET /api/v1/resources': { allow: READ_ALL },
  // Everyone signed in gets past the route; a person they may not see is PERSON_NOT_FOUND (404),
  // which the matrix counts as allowed — the object-level rule is tested in resources.test.ts.
  'GET /api/v1/resources/{id}': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'PUT /api/v1/resources/{id}/profile': { allow: manage, body: () => ({}), stale: true },
  'POST /api/v1/resources/{id}/rates': {
    allow: manage,
    body: () => ({ validFrom: '2026-01-01', rateMinor: 6000 }),
  },
  'DELETE /api/v1/resources/{id}/rates/{rateId}': { allow: manage },
  'GET /api/v1/absences': { allow: SIGNED_IN },
  'POST /api/v1/absences': { allow: SIGNED_IN, body: () => ({}) },
  'POST /api/v1/absences/{id}/decision': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({ decision: 'approve' }),
    stale: true,
  },
  'POST /api/v1/absences/{id}/cancel': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    stale: true,
  },
  'GET /api/v1/allocations': { allow: READ_ALL },
  'POST /api/v1/allocations': { allow: manage, body: () => ({}) },
  'GET /api/v1/allocations/{id}': { allow: READ_ALL, params: () => ({ id: NIL }) },
  'PATCH /api/v1/allocations/{id}': {
    allow: manage,
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/allocations/{id}': { allow: manage, params: () => ({ id: NIL }), stale: true },
  'GET /api/v1/projects/{id}/assignments': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/assignments': {
    allow: PROJECT_EDITORS,
    body: () => ({ taskId: NIL, personId: NIL, effortHours: 8 }),
  },
  'PATCH /api/v1/projects/{id}/assignments/{assignmentId}': {
    allow: PROJECT_EDITORS,
    body: () => ({ effortHours: 8 }),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/assignments/{assignmentId}': {
    allow: PROJECT_EDITORS,
    stale: true,
  },
  'GET /api/v1/capacity': { allow: READ_ALL, query: 'from=2026-03-02&buckets=4' },
  'POST /api/v1/capacity/what-if': {
    allow: READ_ALL,
    body: () => ({ from: '2026-03-02', buckets: 4, shifts: [{ projectId: NIL, days: 7 }] }),
  },
  'GET /api/v1/capacity/breakdown': {
    allow: READ_ALL,
    query: 'groupBy=team&key=x&from=2026-03-02&to=2026-03-29',
  },
};

export default rows;
