import { PROJECT_READERS, type Rule, SIGNED_IN } from './lib.ts';

const rows: Record<string, Rule> = {
  'GET /api/v1/dashboards/portfolio': { allow: SIGNED_IN },
  'GET /api/v1/dashboards/portfolio/projects': { allow: SIGNED_IN },
  'GET /api/v1/dashboards/portfolio/export': { allow: SIGNED_IN, query: 'format=xlsx' },
  'POST /api/v1/dashboards/refresh': { allow: ['admin', 'pmo'], body: () => ({}) },
  'GET /api/v1/projects/{id}/dashboard': { allow: PROJECT_READERS },
};

export default rows;
