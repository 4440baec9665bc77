import { PROJECT_EDITORS, PROJECT_READERS, type Rule } from './lib.ts';

/** Authorization rows of the capacity lane (leveling of a plan). */
const rows: Record<string, Rule> = {
  'POST /api/v1/projects/{id}/leveling/preview': { allow: PROJECT_READERS, body: () => ({}) },
  'POST /api/v1/projects/{id}/leveling/apply': {
    allow: PROJECT_EDITORS,
    body: () => ({ fingerprint: 'x' }),
  },
};

export default rows;
