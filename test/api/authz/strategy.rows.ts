import { type Rule, SIGNED_IN } from './lib.ts';

/*
 * Strategy (intake). Requests are visible to their requester and to the roles holding
 * strategy.read; for the others a request id is REQUEST_NOT_FOUND (tested in
 * test/api/strategy-intake.test.ts). Here the {id} is not a request: every signed-in caller
 * gets past authorization of the 'authenticated' routes and is stopped by the lookup.
 */
const PMO = ['admin', 'pmo'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/strategy/requests': { allow: SIGNED_IN },
  'POST /api/v1/strategy/requests': { allow: SIGNED_IN, body: () => ({}) },
  'GET /api/v1/strategy/requests/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/strategy/requests/{id}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'POST /api/v1/strategy/requests/{id}/triage': {
    allow: [...PMO],
    body: () => ({ decision: 'accept' }),
    stale: true,
  },
  'PUT /api/v1/strategy/requests/{id}/business-case': {
    allow: [...PMO],
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/strategy/requests/{id}/approve': { allow: [...PMO], body: () => ({}), stale: true },
};
export default rows;
