import { parseProjectNetwork } from '../planning/project-network.ts';
import {
  DISTRIBUTIONS,
  estimateProblem,
  type Distribution,
  type ThreePointEstimate,
} from './distributions.ts';
import type { RiskEvent, SimulationInput } from './montecarlo.ts';
import { SimulationError } from './simulation-error.ts';

// Reads the input of `jalon simulate` (formats/schedule-risk.md): a project.json whose leaves
// may carry an `estimate`, plus a list of `risks`. Every refusal names the task or risk and
// the JSON path of the culprit (details.path), so the CLI can point at its line.

type Json = Record<string, unknown>;

/** Parses a schedule-risk document (already JSON-parsed). */
export function parseScheduleRisk(json: unknown): SimulationInput {
  const plan = parseProjectNetwork(json);
  const root = json as Json;
  const estimates = new Map<string, ThreePointEstimate>();
  (root.tasks as unknown[]).forEach((raw, index) => {
    const task = raw as Json;
    if (task.estimate === undefined) return;
    const id = task.id as string;
    estimates.set(id, parseEstimate(task.estimate, `tasks[${index}].estimate`, id));
  });
  const rawRisks = root.risks ?? [];
  if (!Array.isArray(rawRisks)) {
    throw new SimulationError('INVALID_FILE', '"risks" must be an array', { path: 'risks' });
  }
  const risks = (rawRisks as unknown[]).map(parseRisk);
  return { plan, estimates, risks };
}

/** Parses one three-point estimate; `path` and `task` locate it in messages. */
export function parseEstimate(value: unknown, path: string, task: string): ThreePointEstimate {
  const where = `task "${task}": "estimate"`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulationError('INVALID_ESTIMATE', `${where} must be a JSON object`, { task, path });
  }
  const e = value as Json;
  if (!DISTRIBUTIONS.includes(e.distribution as Distribution)) {
    throw new SimulationError(
      'INVALID_ESTIMATE',
      `${where}: distribution ${JSON.stringify(e.distribution)} is not one of ${DISTRIBUTIONS.join(', ')}`,
      { task, path: `${path}.distribution` },
    );
  }
  const distribution = e.distribution as Distribution;
  for (const key of ['min', 'mode', 'max'] as const) {
    if (key === 'mode' && distribution === 'uniform' && e.mode === undefined) continue;
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) {
      throw new SimulationError(
        'INVALID_ESTIMATE',
        `${where}: "${key}" must be a number of working days, got ${JSON.stringify(e[key])}`,
        { task, path: `${path}.${key}` },
      );
    }
  }
  const min = e.min as number;
  const max = e.max as number;
  const mode = e.mode === undefined ? (min + max) / 2 : (e.mode as number);
  const estimate: ThreePointEstimate = { distribution, min, mode, max };
  const problem = estimateProblem(estimate);
  if (problem !== undefined) {
    throw new SimulationError('INVALID_ESTIMATE', `${where}: ${problem}`, { task, path });
  }
  return estimate;
}

function parseRisk(value: unknown, index: number): RiskEvent {
  const path = `risks[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulationError('INVALID_RISK', `${path} must be a JSON object`, { path });
  }
  const r = value as Json;
  if (typeof r.id !== 'string' || r.id === '') {
    throw new SimulationError('INVALID_RISK', `${path} needs an "id" (a non-empty string)`, {
      path,
    });
  }
  const id = r.id;
  const where = `risk "${id}"`;
  if (r.name !== undefined && typeof r.name !== 'string') {
    throw new SimulationError('INVALID_RISK', `${where}: "name" must be a string`, {
      risk: id,
      path: `${path}.name`,
    });
  }
  const p = r.probability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new SimulationError(
      'INVALID_RISK',
      `${where}: probability ${JSON.stringify(p)} is not a number in 0..1`,
      { risk: id, path: `${path}.probability` },
    );
  }
  if (!Array.isArray(r.impacts)) {
    throw new SimulationError('INVALID_RISK', `${where}: "impacts" must be an array`, {
      risk: id,
      path: `${path}.impacts`,
    });
  }
  const impacts = (r.impacts as unknown[]).map((raw, k) => {
    const at = `${path}.impacts[${k}]`;
    const i = raw as Json;
    if (typeof raw !== 'object' || raw === null || typeof i.task !== 'string') {
      throw new SimulationError('INVALID_RISK', `${where}: impacts[${k}] needs a "task" id`, {
        risk: id,
        path: at,
      });
    }
    if (typeof i.days !== 'number' || !Number.isFinite(i.days)) {
      throw new SimulationError(
        'INVALID_RISK',
        `${where}: impacts[${k}] needs "days", a number of working days, got ${JSON.stringify(i.days)}`,
        { risk: id, path: `${at}.days` },
      );
    }
    return { task: i.task, days: i.days };
  });
  return { id, name: typeof r.name === 'string' ? r.name : id, probability: p, impacts };
}
