import { severity, type Weather, WEATHERS } from './weather.ts';

/** How the PMO rolls project weathers up into a programme or portfolio weather. */
export const ROLLUP_RULES = ['worst', 'weighted', 'majority'] as const;
export type RollupRule = (typeof ROLLUP_RULES)[number];

/** One input of a roll-up: a weather and a weight (budget, planned work…; ignored by `worst`/`majority`). */
export interface RollupInput {
  weather: Weather;
  weight: number;
}

/**
 * Rolls weathers up by a rule; null when there is nothing to roll up.
 * - `worst`: the worst weather.
 * - `weighted`: the weighted mean severity, rounded half up (ties go to the worse weather);
 *   weights ≤ 0 or not finite count as 0, and all-zero weights fall back to equal weights.
 * - `majority`: the most frequent weather; ties go to the worse weather.
 * @example rollUp([{ weather: 'sun', weight: 3 }, { weather: 'storm', weight: 1 }], 'weighted') // 'cloud'
 */
export function rollUp(inputs: readonly RollupInput[], rule: RollupRule): Weather | null {
  if (inputs.length === 0) return null;
  switch (rule) {
    case 'worst':
      return WEATHERS[Math.max(...inputs.map((i) => severity(i.weather)))]!;
    case 'weighted': {
      const w = inputs.map((i) => (Number.isFinite(i.weight) && i.weight > 0 ? i.weight : 0));
      const total = w.reduce((a, b) => a + b, 0);
      const weights = total > 0 ? w : inputs.map(() => 1);
      const sum = weights.reduce((a, b) => a + b, 0);
      const mean = inputs.reduce((acc, i, k) => acc + severity(i.weather) * weights[k]!, 0) / sum;
      // A tiny epsilon so that 1.4999999 from float sums is not rounded up by accident.
      return WEATHERS[Math.min(3, Math.floor(mean + 0.5 + 1e-9))]!;
    }
    case 'majority': {
      const counts = [0, 0, 0, 0];
      for (const i of inputs) counts[severity(i.weather)]!++;
      let best = 0;
      for (let s = 1; s < 4; s++) if (counts[s]! >= counts[best]!) best = s;
      return WEATHERS[best]!;
    }
  }
}

/** A node of the project tree for the sub-project roll-up. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  /** The project's own reported weather (null when it has no report). */
  weather: Weather | null;
  weight: number;
}

/**
 * The weather of each project including its sub-projects: a parent's own weather and the
 * rolled-up weathers of its children are combined by `rule`. A project with no report and no
 * reported descendant stays null. Parents outside the set are treated as roots; cycles (which
 * the portfolio module forbids) are cut.
 */
export function rollUpTree(
  nodes: readonly TreeNode[],
  rule: RollupRule,
): Map<string, Weather | null> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, TreeNode[]>();
  for (const n of nodes) {
    if (n.parentId && byId.has(n.parentId)) {
      const list = children.get(n.parentId) ?? [];
      list.push(n);
      children.set(n.parentId, list);
    }
  }
  const out = new Map<string, Weather | null>();
  const visiting = new Set<string>();
  const visit = (n: TreeNode): Weather | null => {
    if (out.has(n.id)) return out.get(n.id)!;
    if (visiting.has(n.id)) return n.weather;
    visiting.add(n.id);
    const inputs: RollupInput[] = [];
    if (n.weather) inputs.push({ weather: n.weather, weight: n.weight });
    for (const c of children.get(n.id) ?? []) {
      const w = visit(c);
      if (w) inputs.push({ weather: w, weight: c.weight });
    }
    visiting.delete(n.id);
    const result = rollUp(inputs, rule);
    out.set(n.id, result);
    return result;
  };
  for (const n of nodes) visit(n);
  return out;
}
