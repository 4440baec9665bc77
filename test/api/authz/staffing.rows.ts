import { NIL, READ_ALL, type Rule } from './lib.ts';

/** Authorization rows of staffing: the ranking of candidates and the bench (resource roles). */
const rows: Record<string, Rule> = {
  // An unknown request is RESOURCE_REQUEST_NOT_FOUND past the permission check.
  'GET /api/v1/resource-requests/{id}/candidates': { allow: READ_ALL, params: () => ({ id: NIL }) },
  'GET /api/v1/staffing/bench': { allow: READ_ALL, query: 'from=2027-03-01&to=2027-03-26' },
};
export default rows;
