import type { Rule } from './lib.ts';

/*
 * Portfolio selection built from Jalon's data (issue 6, `portfolio` lane): building a scenario
 * from the backlog is the PMO's (strategy.manage). An empty body stops allowed callers at
 * validation.
 */
const PMO = ['admin', 'pmo'] as const;

const rows: Record<string, Rule> = {
  'POST /api/v1/strategy/scenarios/from-backlog': { allow: [...PMO], body: () => ({}) },
};

export default rows;
