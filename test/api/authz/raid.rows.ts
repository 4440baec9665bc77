import { PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

// RAID routes by id (`{issueId}`, `{decisionId}`, `{changeId}`, `{actionId}`) are called with an
// unknown id: every signed-in caller gets the record's NOT_FOUND, so they show as allowed here;
// test/api/raid.test.ts checks the object-level rules on real records (invisible → NOT_FOUND,
// read-only → FORBIDDEN, the sponsor approves, the owner closes an action). Lists need a
// project or programme (400 without one) and check it in the service.
const RAID_EDITORS = ['admin', 'pmo', 'member+project_manager', 'member+contributor'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/issues': { allow: SIGNED_IN },
  'POST /api/v1/projects/{id}/issues': {
    allow: [...RAID_EDITORS],
    body: () => ({ title: 'Problème de test' }),
  },
  'GET /api/v1/issues/{issueId}': { allow: SIGNED_IN },
  'PATCH /api/v1/issues/{issueId}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/issues/{issueId}': { allow: SIGNED_IN, stale: true },
  'POST /api/v1/issues/{issueId}/escalate': {
    allow: SIGNED_IN,
    body: () => ({ to: 'program', reason: 'Arbitrage nécessaire' }),
    stale: true,
  },
  'GET /api/v1/projects/{id}/raid-tasks': { allow: PROJECT_READERS },
  'GET /api/v1/risks/{riskId}/task-impacts': { allow: SIGNED_IN },
  'PUT /api/v1/risks/{riskId}/task-impacts': {
    allow: SIGNED_IN,
    body: () => ({ impacts: [] }),
    stale: true,
  },
  'GET /api/v1/decisions': { allow: SIGNED_IN },
  'POST /api/v1/projects/{id}/decisions': {
    allow: [...RAID_EDITORS],
    body: () => ({ title: 'Décision de test' }),
  },
  'GET /api/v1/decisions/{decisionId}': { allow: SIGNED_IN },
  'PATCH /api/v1/decisions/{decisionId}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/decisions/{decisionId}': { allow: SIGNED_IN, stale: true },
  'GET /api/v1/change-requests': { allow: SIGNED_IN },
  'POST /api/v1/projects/{id}/change-requests': {
    allow: [...RAID_EDITORS],
    body: () => ({ title: 'Demande de changement de test' }),
  },
  'GET /api/v1/change-requests/{changeId}': { allow: SIGNED_IN },
  'PATCH /api/v1/change-requests/{changeId}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/change-requests/{changeId}': { allow: SIGNED_IN, stale: true },
  'POST /api/v1/change-requests/{changeId}/submit': { allow: SIGNED_IN, stale: true },
  'POST /api/v1/change-requests/{changeId}/withdraw': { allow: SIGNED_IN, stale: true },
  'POST /api/v1/change-requests/{changeId}/decide': {
    allow: SIGNED_IN,
    body: () => ({ decision: 'approve' }),
    stale: true,
  },
  'POST /api/v1/change-requests/{changeId}/apply': { allow: SIGNED_IN, stale: true },
  'GET /api/v1/actions': { allow: SIGNED_IN },
  'GET /api/v1/my/actions': { allow: SIGNED_IN },
  'POST /api/v1/actions': {
    allow: SIGNED_IN,
    body: () => ({
      sourceType: 'issue',
      sourceId: '00000000-0000-4000-8000-000000000000',
      title: 'Action de test',
    }),
  },
  'PATCH /api/v1/actions/{actionId}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/actions/{actionId}': { allow: SIGNED_IN, stale: true },
};

export default rows;
