/**
 * Strategic objectives: a two-level tree (axes → objectives) with relative weights, and the
 * contributions projects and candidates declare to objectives on a 0–3 scale. From these the
 * strategy map computes each objective's share of the strategy, the weighted contribution it
 * receives, which objectives nothing serves and which projects serve no objective, and each
 * project's alignment score. Pure: no I/O, no clock.
 */

/** 0 none, 1 weak, 2 medium, 3 strong. A missing contribution is level 0. */
export const CONTRIBUTION_LEVELS = [0, 1, 2, 3] as const;
export type ContributionLevel = (typeof CONTRIBUTION_LEVELS)[number];
export const MAX_LEVEL = 3;

export interface StrategyNode {
  id: string;
  kind: 'axis' | 'objective';
  /** The axis of an objective; null for an axis. */
  parentId: string | null;
  /** Relative weight among its siblings (0–100); all zero means equal shares. */
  weight: number;
}

export interface Contribution {
  objectiveId: string;
  itemId: string;
  level: number;
}

/**
 * Each node's share of the whole strategy (0–1): an axis gets its weight over the axes' total,
 * an objective its axis's share times its weight over its siblings' total. The objectives of an
 * axis share exactly that axis's share; an axis without objectives keeps its share unspent.
 */
export function globalWeights(nodes: readonly StrategyNode[]): Map<string, number> {
  const out = new Map<string, number>();
  const axes = nodes.filter((n) => n.kind === 'axis');
  const share = (ws: readonly number[], w: number) => {
    const total = ws.reduce((a, b) => a + b, 0);
    return total > 0 ? w / total : 1 / ws.length;
  };
  const axisWeights = axes.map((a) => a.weight);
  const children = new Map<string, StrategyNode[]>();
  for (const n of nodes) {
    if (n.kind !== 'objective' || n.parentId === null) continue;
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  for (const a of axes) {
    const aw = share(axisWeights, a.weight);
    out.set(a.id, aw);
    const kids = children.get(a.id) ?? [];
    const kidWeights = kids.map((k) => k.weight);
    for (const k of kids) out.set(k.id, aw * share(kidWeights, k.weight));
  }
  return out;
}

export interface ObjectiveCoverage {
  objectiveId: string;
  /** Share of the strategy (0–1). */
  weight: number;
  /** How many items contribute (level ≥ 1). */
  contributors: number;
  /** Σ level / 3 over the contributing items: "strong-contribution equivalents". */
  strength: number;
  /** weight × strength: what the strategy map charts. */
  weightedContribution: number;
  /** Items by level, strongest first. */
  items: { itemId: string; level: number }[];
}

export interface CoverageResult {
  objectives: ObjectiveCoverage[];
  /** Objectives no item contributes to. */
  uncovered: string[];
  /** Items that contribute to no objective. */
  orphans: string[];
  /** Per item: Σ weight × level / 3 over the objectives it serves (0–1). */
  alignment: Map<string, number>;
}

/**
 * The strategy map. Contributions to unknown objectives or items, or to an axis, are ignored;
 * levels are clamped to 0–3; a level 0 is no contribution.
 */
export function coverage(
  nodes: readonly StrategyNode[],
  itemIds: readonly string[],
  contributions: readonly Contribution[],
): CoverageResult {
  const weights = globalWeights(nodes);
  const objectives = nodes.filter((n) => n.kind === 'objective' && weights.has(n.id));
  const isObjective = new Set(objectives.map((o) => o.id));
  const items = new Set(itemIds);
  const byObjective = new Map<string, { itemId: string; level: number }[]>();
  const alignment = new Map<string, number>(itemIds.map((id) => [id, 0]));
  const served = new Set<string>();
  for (const c of contributions) {
    if (!isObjective.has(c.objectiveId) || !items.has(c.itemId)) continue;
    const level = Math.max(0, Math.min(MAX_LEVEL, Math.trunc(c.level)));
    if (level === 0) continue;
    served.add(c.itemId);
    const list = byObjective.get(c.objectiveId);
    if (list) list.push({ itemId: c.itemId, level });
    else byObjective.set(c.objectiveId, [{ itemId: c.itemId, level }]);
    alignment.set(
      c.itemId,
      alignment.get(c.itemId)! + (weights.get(c.objectiveId)! * level) / MAX_LEVEL,
    );
  }
  const result: ObjectiveCoverage[] = objectives.map((o) => {
    const list = (byObjective.get(o.id) ?? []).sort((a, b) => b.level - a.level);
    const strength = list.reduce((s, x) => s + x.level, 0) / MAX_LEVEL;
    const weight = weights.get(o.id)!;
    return {
      objectiveId: o.id,
      weight,
      contributors: list.length,
      strength,
      weightedContribution: weight * strength,
      items: list,
    };
  });
  return {
    objectives: result,
    uncovered: result.filter((o) => o.contributors === 0).map((o) => o.objectiveId),
    orphans: itemIds.filter((id) => !served.has(id)),
    alignment,
  };
}

/** Progress of a measurable target from its baseline (0) to its target (1); null when equal. */
export function targetProgress(baseline: number, target: number, current: number | null) {
  if (current === null || target === baseline) return null;
  return (current - baseline) / (target - baseline);
}
