import { type Rule, SIGNED_IN } from './lib.ts';

// Register routes (issue 7, this lane): configuration, escalation, portfolio risks, exports and
// the trend. Routes by id are called with an unknown id: RISK_NOT_FOUND for every signed-in
// caller (allowed here); test/api/register.test.ts checks object-level rules on real records.

const rows: Record<string, Rule> = {
  'DELETE /api/v1/risk-categories/{id}': { allow: ['admin', 'pmo'], stale: true },
  'POST /api/v1/portfolios/{id}/risks': {
    allow: ['admin', 'pmo'],
    body: () => ({ title: 'Risque de portefeuille', probability: 2 }),
  },
  'GET /api/v1/registers/export': { allow: SIGNED_IN, query: 'register=risks' },
  'GET /api/v1/risks/trend': { allow: SIGNED_IN },
};

export default rows;
