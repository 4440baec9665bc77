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
 * Keys are matched across parents: an item the new version moves under another parent (same
 * key, another parent key) is moved in the plan (`wbsMoves`), not added again; an item whose
 * task the project placed elsewhere itself stays where the project put it.
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
  const byId = new Map(plan.map((t) => [t.id, t]));
  /** The names from the top of the plan down to a task (itself included). */
  const pathOf = (id: string | null): string[] => {
    const out: string[] = [];
    for (
      let t = id ? byId.get(id) : undefined;
      t;
      t = t.parentId ? byId.get(t.parentId) : undefined
    )
      out.unshift(t.name);
    return out;
  };
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
  // A key is matched anywhere in the plan: the item's task may sit under another parent (moved
  // by the new version, see `wbsMoves`, or by the project).
  const byKey = new Map<string, PlanTaskNode>();
  for (const t of plan) if (t.key && !byKey.has(t.key)) byKey.set(t.key, t);
  const used = new Set<string>();
  /** A new item's subtree without the items whose task the plan already has (by key). */
  const prune = (t: WbsTree): WbsTree => ({
    ...t,
    children: t.children.filter((c) => !byKey.has(c.key)).map(prune),
  });

  /** Matches template siblings against a plan parent's children; recurses into matches. */
  const visit = (
    phaseKey: (i: number) => string,
    template: readonly WbsTree[],
    parentId: string | null,
    parentPath: string[],
  ) => {
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
      const elsewhere = match ? undefined : byKey.get(t.key);
      if (elsewhere && !used.has(elsewhere.id)) {
        // Its task is under another parent: matched there (moved, not added again).
        used.add(elsewhere.id);
        open = null;
        if (t.children.length > 0 && kids(elsewhere.id).length > 0)
          visit(() => phaseKey(i), t.children, elsewhere.id, [...pathOf(elsewhere.id)]);
        return;
      }
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
        open.tree.push(prune(t));
        return;
      }
      const prev: PlanTaskNode | null = previous;
      open = {
        phaseKey: phaseKey(i),
        parentId,
        parentPath,
        position: prev ? prev.position + 1 : 0,
        predecessorId: prev ? lastLeaf(prev) : null,
        tree: [prune(t)],
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

export interface WbsMove {
  /** The plan task that moves (with its sub-tasks). */
  taskId: string;
  name: string;
  key: string;
  /** The plan task it goes under: the task of its new parent in the method. */
  parentId: string;
  /** The names from the top of the plan down to where it was, and to where it goes. */
  fromPath: string[];
  toPath: string[];
  /** The sibling it follows under its new parent (null: first). */
  afterTaskId: string | null;
}

/** Item key → its parent's key (a phase's key for a phase's top items; null for a phase). */
function parentKeys(c: MethodologyContent): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const walk = (t: WbsTree, parent: string | null) => {
    out.set(t.key, parent);
    t.children.forEach((c) => walk(c, t.key));
  };
  for (const { tree } of methodTrees(c)) walk(tree, null);
  return out;
}

/**
 * The plan tasks to move because the new version puts their item under another parent (its
 * key kept, its parent's key changed). Only a task still under the task of its old parent
 * moves (one the project placed elsewhere stays where the project put it), and only to a
 * parent the plan has (an item moved into a parent the move adds stays where it is, and is not
 * added again either). Under its new parent it follows the task of its nearest preceding
 * sibling in the new version, else it goes first. Listed in the new version's outline order,
 * each computed on the plan as the moves before it left it, so they apply in that order.
 */
export function wbsMoves(
  from: MethodologyContent,
  to: MethodologyContent,
  plan: readonly PlanTaskNode[],
): WbsMove[] {
  const before = parentKeys(from);
  const parentOf = new Map(plan.map((t) => [t.id, t.parentId]));
  const byId = new Map(plan.map((t) => [t.id, t]));
  const byKey = new Map<string, PlanTaskNode>();
  for (const t of plan) if (t.key && !byKey.has(t.key)) byKey.set(t.key, t);
  const keyOf = (id: string | null) => (id ? (byId.get(id)?.key ?? null) : null);
  const pathOf = (id: string | null): string[] => {
    const out: string[] = [];
    for (let p = id; p; p = parentOf.get(p) ?? null) out.unshift(byId.get(p)!.name);
    return out;
  };
  const within = (id: string, ancestor: string) => {
    for (let p: string | null = id; p; p = parentOf.get(p) ?? null) if (p === ancestor) return true;
    return false;
  };
  const moves: WbsMove[] = [];
  const walk = (siblings: readonly WbsTree[], parentKey: string) =>
    siblings.forEach((t, i) => {
      const task = byKey.get(t.key);
      const was = before.get(t.key);
      if (task && was !== undefined && was !== null && was !== parentKey) {
        const target = byKey.get(parentKey);
        if (target && keyOf(parentOf.get(task.id) ?? null) === was && !within(target.id, task.id)) {
          // After the nearest preceding sibling whose task is (now) under the new parent.
          let afterTaskId: string | null = null;
          for (let j = i - 1; j >= 0 && afterTaskId === null; j--) {
            const s = byKey.get(siblings[j]!.key);
            if (s && parentOf.get(s.id) === target.id) afterTaskId = s.id;
          }
          moves.push({
            taskId: task.id,
            name: task.name,
            key: t.key,
            parentId: target.id,
            fromPath: pathOf(parentOf.get(task.id) ?? null),
            toPath: pathOf(target.id),
            afterTaskId,
          });
          parentOf.set(task.id, target.id);
        }
      }
      walk(t.children, t.key);
    });
  for (const { tree } of methodTrees(to)) walk(tree.children, tree.key);
  return moves;
}
