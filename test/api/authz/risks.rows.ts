import { DEFAULT_RISK_SETTINGS } from '../../../src/core/risks/register.ts';
import { type Rule, SIGNED_IN } from './lib.ts';

// Risk routes by id (`{riskId}`) are called with an unknown id: every signed-in caller gets
// RISK_NOT_FOUND, so they show as allowed here; test/api/risks.test.ts checks the object-level
// rules on real risks (invisible → RISK_NOT_FOUND, read-only → FORBIDDEN).
const RISK_EDITORS = ['admin', 'pmo', 'member+project_manager', 'member+contributor'] as const;

const rows: Record<string, Rule> = {
  'GET /api/v1/risk-settings': { allow: SIGNED_IN },
  'PUT /api/v1/risk-settings': {
    allow: ['admin', 'pmo'],
    body: () => DEFAULT_RISK_SETTINGS,
    stale: true,
  },
  'GET /api/v1/risk-categories': { allow: SIGNED_IN },
  'POST /api/v1/risk-categories': { allow: ['admin', 'pmo'], body: () => ({}) },
  'PATCH /api/v1/risk-categories/{id}': { allow: ['admin', 'pmo'], body: () => ({}), stale: true },
  'GET /api/v1/risks': { allow: SIGNED_IN },
  'GET /api/v1/risks/heatmap': { allow: SIGNED_IN },
  'POST /api/v1/projects/{id}/risks': {
    allow: [...RISK_EDITORS],
    body: () => ({ title: 'Risque de test', probability: 3, impacts: { cost: 2 } }),
  },
  'POST /api/v1/programs/{id}/risks': {
    allow: ['admin', 'pmo'],
    body: () => ({ title: 'Risque de programme', probability: 2 }),
  },
  'GET /api/v1/risks/{riskId}': { allow: SIGNED_IN },
  'PATCH /api/v1/risks/{riskId}': { allow: SIGNED_IN, body: () => ({}), stale: true },
  'DELETE /api/v1/risks/{riskId}': { allow: SIGNED_IN, stale: true },
  'POST /api/v1/risks/{riskId}/escalate': { allow: SIGNED_IN, stale: true },
};

export default rows;
