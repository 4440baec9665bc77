import { NIL, READ_ALL, type Rule, SIGNED_IN } from './lib.ts';

const manage = ['admin', 'pmo', 'resource_manager'] as const;

/** Authorization rows of staffing: the ranking of candidates and the bench (resource roles). */
const rows: Record<string, Rule> = {
  // An unknown request is RESOURCE_REQUEST_NOT_FOUND past the permission check.
  'GET /api/v1/resource-requests/{id}/candidates': { allow: READ_ALL, params: () => ({ id: NIL }) },
  'GET /api/v1/staffing/bench': { allow: READ_ALL, query: 'from=2027-03-01&to=2027-03-26' },
  'GET /api/v1/staffing/skill-gaps': { allow: READ_ALL, query: 'from=2027-01-01' },
  'GET /api/v1/training/courses': { allow: SIGNED_IN },
  'POST /api/v1/training/courses': { allow: [...manage], body: () => ({}) },
  'GET /api/v1/training/courses/{id}': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'PATCH /api/v1/training/courses/{id}': {
    allow: [...manage],
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'GET /api/v1/training/sessions': { allow: SIGNED_IN },
  'POST /api/v1/training/sessions': { allow: [...manage], body: () => ({}) },
  'GET /api/v1/training/enrolments': { allow: SIGNED_IN },
  // Who may enrol whom, and act on an enrolment, is checked on the person (training.test.ts).
  'POST /api/v1/training/enrolments': { allow: SIGNED_IN, body: () => ({}) },
  'POST /api/v1/training/enrolments/{id}/transition': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({ action: 'approve' }),
    stale: true,
  },
  'GET /api/v1/resources/{id}/development-goals': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'POST /api/v1/resources/{id}/development-goals': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({}),
  },
  'PATCH /api/v1/development-goals/{id}': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
};
export default rows;
