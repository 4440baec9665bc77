import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';
import { normalizeName } from './catalogue.ts';
import { withWbsKeys } from './editor.ts';

/**
 * Moving a project to a newer method version adds the new version's WBS items the plan lacks.
 * Which ones: the items the new version adds (their stable key, see `withWbsKeys`, is not in
 * the old version's WBS) and the plan does not have (no task with that key under the matching
 * parent, nor a task of that name that carries no key). A renamed phase or task keeps its key:
 * it is not added again.
 * An item the old version already had and the plan lacks was removed by the project: it is not
 * put back. A project whose plan holds none of the old version's phases does not follow the
 * method's WBS: nothing is added. Items are placed after their preceding sibling in the plan
 * (shifting the ones after) and chained finish-to-start after its last leaf; consecutive new
 * siblings form one group whose leaves are chained in outline order.
 */

export interface PlanTaskNode {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  /** The method's item key the task was created from (or matched by name once), if any. */
  key?: string | null;
}

export interface WbsTree {
  name: string;
  duration: number;
  /** The method's stable item key (a phase's key for a phase). */
  key: string;
  children: WbsTree[];
}

export interface WbsAdditionGroup {
  phaseKey: string;
  /** The plan task the group goes under (null: the top level). */
  parentId: string | null;
  /** The names from the top of the plan down to the parent (empty at the top level). */
  parentPath: string[];
  /** Where the group starts among the parent's children (the ones from there move down). */
  position: number;
  /** The plan leaf the group's first leaf follows (finish-to-start), if any. */
  predecessorId: string | null;
  tree: WbsTree[];
}

const toTree = (t: WbsTemplateTask): WbsTree => ({
  name: t.name,
  duration: t.duration,
  key: t.key!,
  children: t.children.map(toTree),
});

/** The method's WBS as trees, one per phase that has one (the phase is its summary), keyed. */
export function methodTrees(c: MethodologyContent): { phaseKey: string; tree: WbsTree }[] {
  return withWbsKeys(c)
    .phases.filter((p) => p.wbs.length > 0)
    .map((p) => ({
      phaseKey: p.key,
      tree: { name: p.name, duration: 1, key: p.key, children: p.wbs.map(toTree) },
    }));
}

function keys(c: MethodologyContent): Set<string> {
  const out = new Set<string>();
  const walk = (t: WbsTree) => {
    out.add(t.key);
    t.children.forEach(walk);
  };
  for (const { tree } of methodTrees(c)) walk(tree);
  return out;
}

/**
 * The keys of plan tasks that have none, found once by name: each phase, then each item, under
 * the plan task matched for its parent (accents and case ignored). How a plan laid down before
 * tasks carried their method key gets them.
 */
export function planKeysByName(
  c: MethodologyContent,
  plan: readonly PlanTaskNode[],
): Map<string, string> {
  const children = new Map<string | null, PlanTaskNode[]>();
  for (const t of plan) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  const out = new Map<string, string>();
  const taken = new Set(plan.flatMap((t) => (t.key ? [t.key] : [])));
  const visit = (template: readonly WbsTree[], parentId: string | null) => {
    const used = new Set<string>();
    for (const t of template) {
      const kids = children.get(parentId) ?? [];
      const match =
        kids.find((p) => !used.has(p.id) && p.key === t.key) ??
        kids.find(
          (p) =>
            !used.has(p.id) &&
            !p.key &&
            !out.has(p.id) &&
            !taken.has(t.key) &&
            normalizeName(p.name) === normalizeName(t.name),
        );
      if (!match) continue;
      used.add(match.id);
      if (!match.key) out.set(match.id, t.key);
      visit(t.children, match.id);
    }
  };
  visit(
    methodTrees(c).map((p) => p.tree),
    null,
  );
  return out;
}

/** The number of tasks in groups (every node of every tree). */
export function countTasks(trees: readonly WbsTree[]): number {
  return trees.reduce((n, t) => n + 1 + countTasks(t.children), 0);
}

export function wbsAdditions(
  from: MethodologyContent,
  to: MethodologyContent,
  plan: readonly PlanTaskNode[],
): WbsAdditionGroup[] {
  const children = new Map<string | null, PlanTaskNode[]>();
  for (const t of plan) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const kids = (id: string | null) => children.get(id) ?? [];
  const lastLeaf = (t: PlanTaskNode): string => {
    const c = kids(t.id);
    return c.length === 0 ? t.id : lastLeaf(c[c.length - 1]!);
  };
  const oldTrees = methodTrees(from);
  const oldPhaseKeys = new Set(oldTrees.map((p) => p.phaseKey));
  const oldPhases = new Set(oldTrees.map((p) => normalizeName(p.tree.name)));
  const follows = kids(null).some(
    (t) => (t.key && oldPhaseKeys.has(t.key)) || oldPhases.has(normalizeName(t.name)),
  );
  if (!follows) return [];
  const old = keys(from);
  const groups: WbsAdditionGroup[] = [];

  /** Matches template siblings against a plan parent's children; recurses into matches. */
  const visit = (
    phaseKey: (i: number) => string,
    template: readonly WbsTree[],
    parentId: string | null,
    parentPath: string[],
  ) => {
    const used = new Set<string>();
    const planKids = kids(parentId);
    let previous: PlanTaskNode | null = null;
    let open: WbsAdditionGroup | null = null;
    template.forEach((t, i) => {
      // Its task: the one with its key, else one of its name that carries no key.
      const match =
        planKids.find((p) => !used.has(p.id) && p.key === t.key) ??
        planKids.find(
          (p) => !used.has(p.id) && !p.key && normalizeName(p.name) === normalizeName(t.name),
        );
      if (match) {
        used.add(match.id);
        open = null;
        previous = match;
        if (t.children.length > 0 && kids(match.id).length > 0)
          visit(() => phaseKey(i), t.children, match.id, [...parentPath, match.name]);
        return;
      }
      if (old.has(t.key)) return; // the project removed it
      if (open) {
        open.tree.push(t);
        return;
      }
      const prev: PlanTaskNode | null = previous;
      open = {
        phaseKey: phaseKey(i),
        parentId,
        parentPath,
        position: prev ? prev.position + 1 : 0,
        predecessorId: prev ? lastLeaf(prev) : null,
        tree: [t],
      };
      groups.push(open);
    });
  };
  const phases = methodTrees(to);
  visit(
    (i) => phases[i]!.phaseKey,
    phases.map((p) => p.tree),
    null,
    [],
  );
  return groups;
}
