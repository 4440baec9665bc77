import { NIL, type Rule } from './lib.ts';

/*
 * Scoring models, evaluation sheets and the ranking. Models and the ranking are read with
 * strategy.read and written by the PMO; sheets are written with strategy.evaluate (PMO,
 * executive, finance), each by its own evaluator — test/api/scenarios-scoring.test.ts checks
 * that on real sheets. The ids here are unknown: allowed callers get SCORING_MODEL_NOT_FOUND.
 */
const PMO = ['admin', 'pmo'] as const;
const READERS = ['admin', 'pmo', 'executive', 'finance'] as const;
const EVALUATORS = READERS;

const rows: Record<string, Rule> = {
  'GET /api/v1/strategy/scoring-models': { allow: [...READERS] },
  'POST /api/v1/strategy/scoring-models': { allow: [...PMO], body: () => ({}) },
  'GET /api/v1/strategy/scoring-models/{id}': { allow: [...READERS] },
  'PATCH /api/v1/strategy/scoring-models/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'DELETE /api/v1/strategy/scoring-models/{id}': { allow: [...PMO], stale: true },
  'GET /api/v1/strategy/scoring-models/{id}/ranking': { allow: [...READERS] },
  'GET /api/v1/strategy/scoring-models/{id}/evaluations': { allow: [...READERS] },
  'POST /api/v1/strategy/scoring-models/{id}/evaluations': {
    allow: [...EVALUATORS],
    body: () => ({ requestId: NIL, scores: {} }),
  },
  'PATCH /api/v1/strategy/scoring-models/{id}/evaluations/{evaluationId}': {
    allow: [...EVALUATORS],
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/strategy/scoring-models/{id}/evaluations/{evaluationId}': {
    allow: [...EVALUATORS],
    stale: true,
  },
  // Portfolio scenarios: read with strategy.read, written and run by the PMO (unknown ids here).
  'GET /api/v1/strategy/scenarios': { allow: [...READERS] },
  'POST /api/v1/strategy/scenarios': { allow: [...PMO], body: () => ({}) },
  'GET /api/v1/strategy/scenarios/{id}': { allow: [...READERS] },
  'PATCH /api/v1/strategy/scenarios/{id}': { allow: [...PMO], body: () => ({}), stale: true },
  'DELETE /api/v1/strategy/scenarios/{id}': { allow: [...PMO], stale: true },
  'POST /api/v1/strategy/scenarios/{id}/run': { allow: [...PMO], body: () => ({}), stale: true },
  'POST /api/v1/strategy/scenarios/{id}/frontier': {
    allow: [...PMO],
    body: () => ({}),
    stale: true,
  },
  'GET /api/v1/strategy/scenarios/{id}/frontier': { allow: [...READERS] },
  // Refresh from the backlog: preview and apply are the PMO's (a step of changing the scenario).
  'GET /api/v1/strategy/scenarios/{id}/backlog-refresh': { allow: [...PMO] },
  'POST /api/v1/strategy/scenarios/{id}/backlog-refresh': { allow: [...PMO], stale: true },
};
export default rows;
