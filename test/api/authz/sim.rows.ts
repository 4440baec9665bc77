import { PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

// Schedule-risk routes. Routes by id (`{eventId}`, `{runId}`) are called with an unknown id:
// every signed-in caller gets the record's NOT_FOUND, so they show as allowed here;
// test/api/sim.test.ts checks the object-level rules on real records (invisible → NOT_FOUND,
// read-only → FORBIDDEN, money only with finance.read). Estimates and cost ranges by task or
// line are called on the fixture's project with an unknown task or line.
const RISK_EDITORS = ['admin', 'pmo', 'member+project_manager', 'member+contributor'] as const;
/** Editors who also see the budget (finance.read). */
const COST_EDITORS = ['admin', 'pmo', 'member+project_manager'] as const;
const estimate = () => ({ distribution: 'triangular', min: 1, mode: 2, max: 3 });

const rows: Record<string, Rule> = {
  'GET /api/v1/projects/{id}/schedule-risk': { allow: PROJECT_READERS },
  'PUT /api/v1/projects/{id}/schedule-risk/estimates/{taskId}': {
    allow: [...RISK_EDITORS],
    body: estimate,
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/schedule-risk/estimates/{taskId}': {
    allow: [...RISK_EDITORS],
    stale: true,
  },
  'PUT /api/v1/projects/{id}/schedule-risk/cost-ranges/{lineId}': {
    allow: [...COST_EDITORS],
    body: estimate,
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/schedule-risk/cost-ranges/{lineId}': {
    allow: [...COST_EDITORS],
    stale: true,
  },
  'POST /api/v1/projects/{id}/schedule-risk/events': {
    allow: [...RISK_EDITORS],
    body: () => ({ name: 'Événement de test', probability: 0.5 }),
  },
  'GET /api/v1/schedule-risk/events/{eventId}': { allow: SIGNED_IN },
  'PATCH /api/v1/schedule-risk/events/{eventId}': {
    allow: SIGNED_IN,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/schedule-risk/events/{eventId}': { allow: SIGNED_IN, stale: true },
  'GET /api/v1/projects/{id}/schedule-risk/runs': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/schedule-risk/runs': {
    allow: [...RISK_EDITORS],
    body: () => ({ iterations: 100 }),
  },
  'GET /api/v1/schedule-risk/runs/{runId}': { allow: SIGNED_IN },
  'DELETE /api/v1/schedule-risk/runs/{runId}': { allow: SIGNED_IN, stale: true },
};

export default rows;
