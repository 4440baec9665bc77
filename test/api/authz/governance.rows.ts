import { NIL, PROJECT_EDITORS, PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

const PMO: Rule['allow'] = ['admin', 'pmo'];

/** Governance: the library and glossary are read by all and managed by the PMO; gates are decided by approvers. */
const rows: Record<string, Rule> = {
  'GET /api/v1/methodologies': { allow: SIGNED_IN },
  'POST /api/v1/methodologies': { allow: PMO, body: () => ({}) },
  'GET /api/v1/methodologies/{id}': { allow: SIGNED_IN },
  'POST /api/v1/methodologies/{id}/versions': { allow: PMO, body: () => ({}), stale: true },
  'GET /api/v1/projects/{id}/governance': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/governance': {
    allow: PROJECT_EDITORS,
    body: () => ({ methodologyId: NIL }),
  },
  'POST /api/v1/projects/{id}/governance/criteria': {
    allow: PROJECT_EDITORS,
    body: () => ({ phaseKey: 'cadrage', criterionKey: 'budget', met: true }),
  },
  'POST /api/v1/projects/{id}/deliverables': {
    allow: PROJECT_EDITORS,
    body: () => ({ phaseKey: 'cadrage', name: 'Livrable' }),
  },
  'PATCH /api/v1/projects/{id}/deliverables/{deliverableId}': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  // Gate approvers: the PMO and executives everywhere, a sponsor on their project.
  'POST /api/v1/projects/{id}/gate-decisions': {
    allow: ['admin', 'pmo', 'executive'],
    body: () => ({ decision: 'go' }),
    stale: true,
  },
  'PATCH /api/v1/projects/{id}/gate-conditions/{conditionId}': {
    allow: PROJECT_EDITORS,
    body: () => ({ status: 'done' }),
    stale: true,
  },
  'GET /api/v1/projects/{id}/raci': { allow: PROJECT_READERS },
  'PUT /api/v1/projects/{id}/raci': {
    allow: PROJECT_EDITORS,
    body: () => ({ columns: [], rows: [] }),
    stale: true,
  },
  'GET /api/v1/gate-decisions': { allow: SIGNED_IN },
  'GET /api/v1/governance/compliance': { allow: SIGNED_IN },
  'GET /api/v1/glossary': { allow: SIGNED_IN },
  'POST /api/v1/glossary': { allow: PMO, body: () => ({}) },
  'GET /api/v1/glossary/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/glossary/{id}': { allow: PMO, body: () => ({}), stale: true },
  'DELETE /api/v1/glossary/{id}': { allow: PMO, stale: true },
  // Quality assurance: the PMO audits, the project's editors carry the corrective actions.
  'GET /api/v1/quality/checklists': { allow: SIGNED_IN },
  'POST /api/v1/quality/checklists': { allow: PMO, body: () => ({}) },
  'GET /api/v1/quality/checklists/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/quality/checklists/{id}': { allow: PMO, body: () => ({}), stale: true },
  'GET /api/v1/quality/findings': { allow: SIGNED_IN },
  'GET /api/v1/projects/{id}/quality-audits': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/quality-audits': { allow: PMO, body: () => ({}) },
  'GET /api/v1/projects/{id}/quality-audits/{auditId}': { allow: PROJECT_READERS },
  'PATCH /api/v1/projects/{id}/quality-audits/{auditId}': {
    allow: PMO,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/quality-audits/{auditId}': { allow: PMO, stale: true },
  'POST /api/v1/projects/{id}/quality-audits/{auditId}/findings': { allow: PMO, body: () => ({}) },
  'PATCH /api/v1/projects/{id}/quality-findings/{findingId}': {
    allow: PMO,
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/projects/{id}/quality-findings/{findingId}/actions': {
    allow: PROJECT_EDITORS,
    body: () => ({ description: 'Action', ownerId: NIL, dueDate: '2026-01-01' }),
  },
  'PATCH /api/v1/projects/{id}/corrective-actions/{actionId}': {
    allow: PROJECT_EDITORS,
    body: () => ({ status: 'done' }),
    stale: true,
  },
};

export default rows;
