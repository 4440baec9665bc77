import { type Rule, SIGNED_IN } from './lib.ts';

const rows: Record<string, Rule> = {
  'GET /api/v1/me/home': { allow: SIGNED_IN },
};

export default rows;
