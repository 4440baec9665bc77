import { NIL, PROJECT_EDITORS, PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

/*
 * Strategic objectives, contributions and the strategy map. The tree is read by everyone signed
 * in and written by the PMO. A project's contributions follow the project (read: who sees it;
 * write: project.update); a candidate's follow its request (REQUEST_NOT_FOUND here for every
 * caller, the {id} is not a request). Contribution ids are unknown ids here: every signed-in
 * caller gets CONTRIBUTION_NOT_FOUND; test/api/strategy-objectives.test.ts checks the
 * object-level rules on real contributions.
 */
const PMO = ['admin', 'pmo'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/strategy/objectives': { allow: SIGNED_IN },
  'POST /api/v1/strategy/objectives': { allow: [...PMO], body: () => ({}) },
  'GET /api/v1/strategy/objectives/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/strategy/objectives/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'DELETE /api/v1/strategy/objectives/{id}': { allow: [...PMO], stale: true },
  'GET /api/v1/projects/{id}/contributions': { allow: PROJECT_READERS },
  'GET /api/v1/strategy/requests/{id}/contributions': { allow: SIGNED_IN },
  'POST /api/v1/strategy/contributions': {
    allow: PROJECT_EDITORS,
    body: (f) => ({ objectiveId: NIL, projectId: f.projectId, level: 2 }),
  },
  'PATCH /api/v1/strategy/contributions/{id}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/strategy/contributions/{id}': { allow: SIGNED_IN, stale: true },
  'GET /api/v1/strategy/map': { allow: ['admin', 'pmo', 'executive', 'finance'] },
};
export default rows;
