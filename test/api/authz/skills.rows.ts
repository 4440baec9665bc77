import { NIL, PROJECT_EDITORS, PROJECT_READERS, READ_ALL, type Rule, SIGNED_IN } from './lib.ts';

const manage = ['admin', 'pmo', 'resource_manager'] as const;

/** Authorization rows of the skills catalogue, people's skills and the skills matrix. */
const rows: Record<string, Rule> = {
  'GET /api/v1/skill-categories': { allow: SIGNED_IN },
  'POST /api/v1/skill-categories': { allow: [...manage], body: () => ({}) },
  'PATCH /api/v1/skill-categories/{id}': { allow: [...manage], body: () => ({}), stale: true },
  'DELETE /api/v1/skill-categories/{id}': { allow: [...manage], stale: true },
  'GET /api/v1/skills': { allow: SIGNED_IN },
  'POST /api/v1/skills': { allow: [...manage], body: () => ({}) },
  'PATCH /api/v1/skills/{id}': { allow: [...manage], body: () => ({}), stale: true },
  'DELETE /api/v1/skills/{id}': { allow: [...manage], stale: true },
  'GET /api/v1/skill-levels': { allow: SIGNED_IN },
  'PUT /api/v1/skill-levels/{level}': {
    allow: [...manage],
    params: () => ({ level: '3' }),
    body: () => ({}),
    stale: true,
  },
  // Everyone signed in gets past the route; a person they may not see is PERSON_NOT_FOUND —
  // the object-level rules (self, manager, resource roles) are tested in skills.test.ts.
  'GET /api/v1/resources/{id}/skills': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'PUT /api/v1/resources/{id}/skills/{skillId}': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL, skillId: NIL }),
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/resources/{id}/skills/{skillId}': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL, skillId: NIL }),
    stale: true,
  },
  'GET /api/v1/skills-matrix': { allow: READ_ALL },
  'GET /api/v1/resource-requests': { allow: READ_ALL },
  'GET /api/v1/projects/{id}/resource-requests': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/resource-requests': {
    allow: PROJECT_EDITORS,
    body: (f) => ({
      personId: f.personId,
      start: '2026-03-02',
      finish: '2026-06-30',
      unit: 'fte',
      amount: 1,
    }),
  },
  // An unknown request is RESOURCE_REQUEST_NOT_FOUND for everyone signed in; the object-level
  // rules (project readers and editors, resource roles) are tested in staffing.test.ts.
  'GET /api/v1/resource-requests/{id}': { allow: SIGNED_IN, params: () => ({ id: NIL }) },
  'PATCH /api/v1/resource-requests/{id}': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/resource-requests/{id}/transition': {
    allow: SIGNED_IN,
    params: () => ({ id: NIL }),
    body: () => ({ action: 'submit' }),
    stale: true,
  },
  'POST /api/v1/resource-requests/{id}/allocations': {
    allow: [...manage],
    params: () => ({ id: NIL }),
    body: () => ({}),
    stale: true,
  },
};
export default rows;
