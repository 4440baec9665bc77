import { type Rule, NIL, SIGNED_IN } from './lib.ts';

const WRITERS = SIGNED_IN.filter((c) => c !== 'viewer' && c !== 'viewer+project_manager');
const REPORTERS = ['admin', 'pmo', 'executive', 'finance', 'resource_manager'] as const;
const week = () => ({ week: '2026-11-16' });

/** Timesheets (CRA) and notifications. Object-level rules (whose week, who approves) are in test/api/time.test.ts. */
const rows: Record<string, Rule> = {
  // Everyone signed in has their own week (an account without a person gets NO_PERSON, not a denial).
  'GET /api/v1/me/timesheets/{week}': { allow: SIGNED_IN, params: week },
  'PUT /api/v1/me/timesheets/{week}': {
    allow: WRITERS,
    params: week,
    body: () => ({ lines: [] }),
    stale: true,
  },
  'POST /api/v1/me/timesheets/{week}/submit': {
    allow: WRITERS,
    params: week,
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/me/timesheets/{week}/copy-previous': { allow: WRITERS, params: week, stale: true },
  'GET /api/v1/me/timesheet-targets': { allow: SIGNED_IN },
  'GET /api/v1/timesheets/pending': { allow: SIGNED_IN },
  'POST /api/v1/timesheets/approve': {
    allow: WRITERS,
    body: () => ({ items: [{ id: NIL, version: 1 }] }),
  },
  // An unknown week is TIMESHEET_NOT_FOUND for every caller.
  'GET /api/v1/timesheets/{id}': { allow: SIGNED_IN },
  'POST /api/v1/timesheets/{id}/approve': { allow: WRITERS, body: () => ({}), stale: true },
  'POST /api/v1/timesheets/{id}/reject': {
    allow: WRITERS,
    body: () => ({ comment: 'Non' }),
    stale: true,
  },
  'GET /api/v1/time/settings': { allow: SIGNED_IN },
  'PATCH /api/v1/time/settings': { allow: ['admin', 'pmo'], body: () => ({}), stale: true },
  'GET /api/v1/time/activities': { allow: SIGNED_IN },
  'POST /api/v1/time/activities': { allow: ['admin', 'pmo'], body: () => ({}) },
  'PATCH /api/v1/time/activities/{id}': { allow: ['admin', 'pmo'], body: () => ({}), stale: true },
  'GET /api/v1/time/locks': { allow: SIGNED_IN },
  'POST /api/v1/time/locks': { allow: ['admin', 'pmo', 'finance'], body: () => ({}) },
  'DELETE /api/v1/time/locks/{id}': { allow: ['admin', 'pmo', 'finance'] },
  'GET /api/v1/time/consolidation': { allow: [...REPORTERS], query: 'month=2026-11' },
  'GET /api/v1/time/consolidation/export': { allow: [...REPORTERS], query: 'month=2026-11' },
  'POST /api/v1/time/reminders/run': { allow: ['admin', 'pmo'], body: () => ({}) },
  'GET /api/v1/me/notifications': { allow: SIGNED_IN },
  'POST /api/v1/me/notifications/read': { allow: SIGNED_IN, body: () => ({}) },
};

export default rows;
