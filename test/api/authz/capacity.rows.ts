import { PROJECT_EDITORS, PROJECT_READERS, READ_ALL, type Rule } from './lib.ts';

/** Authorization rows of the capacity lane (leveling of a plan, heat-map export). */
const rows: Record<string, Rule> = {
  'POST /api/v1/projects/{id}/leveling/preview': { allow: PROJECT_READERS, body: () => ({}) },
  'POST /api/v1/projects/{id}/leveling/apply': {
    allow: PROJECT_EDITORS,
    body: () => ({ fingerprint: 'x' }),
  },
  'GET /api/v1/capacity/export': { allow: READ_ALL, query: 'from=2026-03-02&buckets=2' },
};

export default rows;
