import { NIL, PROJECT_EDITORS, PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

const PMO: Rule['allow'] = ['admin', 'pmo'];

/** Methods: policies and role descriptions read by all, managed by the PMO; REX on projects. */
const rows: Record<string, Rule> = {
  'GET /api/v1/policies': { allow: SIGNED_IN },
  'POST /api/v1/policies': { allow: PMO, body: () => ({}) },
  'GET /api/v1/policies/{id}': { allow: SIGNED_IN },
  'POST /api/v1/policies/{id}/versions': { allow: PMO, body: () => ({}), stale: true },
  'POST /api/v1/policies/{id}/acknowledgements': { allow: SIGNED_IN, body: () => ({ number: 1 }) },
  'GET /api/v1/role-descriptions': { allow: SIGNED_IN },
  'POST /api/v1/role-descriptions': { allow: PMO, body: () => ({}) },
  'GET /api/v1/role-descriptions/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/role-descriptions/{id}': { allow: PMO, body: () => ({}), stale: true },
  'DELETE /api/v1/role-descriptions/{id}': { allow: PMO, stale: true },
  'GET /api/v1/lessons': { allow: SIGNED_IN },
  'GET /api/v1/lessons/suggestions': { allow: SIGNED_IN, query: `methodologyId=${NIL}` },
  'GET /api/v1/projects/{id}/lessons': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/lessons': {
    allow: PROJECT_EDITORS,
    body: () => ({ kind: 'worked', category: 'planning', title: 'Leçon' }),
  },
  'GET /api/v1/projects/{id}/lesson-suggestions': { allow: PROJECT_READERS },
  'GET /api/v1/projects/{id}/lessons/{lessonId}': { allow: PROJECT_READERS },
  'PATCH /api/v1/projects/{id}/lessons/{lessonId}': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/lessons/{lessonId}': { allow: PROJECT_EDITORS, stale: true },
  'GET /api/v1/quality/findings/export': { allow: SIGNED_IN },
  'GET /api/v1/my/corrective-actions': { allow: SIGNED_IN },
  'GET /api/v1/standards': { allow: SIGNED_IN },
  'POST /api/v1/standard-milestones': { allow: PMO, body: () => ({}) },
  'GET /api/v1/standard-milestones/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/standard-milestones/{id}': { allow: PMO, body: () => ({}), stale: true },
  'DELETE /api/v1/standard-milestones/{id}': { allow: PMO, stale: true },
  'GET /api/v1/projects/{id}/standards': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/standards/links': {
    allow: PROJECT_EDITORS,
    body: () => ({ milestoneId: NIL, taskId: null }),
  },
  'POST /api/v1/projects/{id}/standards/evidence': {
    allow: PROJECT_EDITORS,
    body: () => ({ milestoneId: NIL, url: 'https://intranet.example/pv.pdf' }),
  },
  'DELETE /api/v1/projects/{id}/standards/evidence/{evidenceId}': {
    allow: PROJECT_EDITORS,
    stale: true,
  },
  'GET /api/v1/projects/{id}/method-migration': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/method-migration': {
    allow: PROJECT_EDITORS,
    body: () => ({ version: 2 }),
    stale: true,
  },
};

export default rows;
