import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';
import { normalizeName } from './catalogue.ts';

/**
 * Moving a project to a newer method version adds the new version's WBS items the plan lacks.
 * Which ones: the items the new version adds (their outline path of names is not in the old
 * version's WBS) and the plan does not have (no task of that name under the matching parent).
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
}

export interface WbsTree {
  name: string;
  duration: number;
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
  children: t.children.map(toTree),
});

const phaseNodes = (c: MethodologyContent) =>
  c.phases
    .filter((p) => p.wbs.length > 0)
    .map((p) => ({ key: p.key, node: { name: p.name, duration: 1, children: p.wbs } }));

function paths(c: MethodologyContent): Set<string> {
  const out = new Set<string>();
  const walk = (ts: readonly WbsTemplateTask[], prefix: string) => {
    for (const t of ts) {
      const p = `${prefix}/${normalizeName(t.name)}`;
      out.add(p);
      walk(t.children, p);
    }
  };
  for (const { node } of phaseNodes(c)) walk([node], '');
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
  const oldPhases = new Set(phaseNodes(from).map((p) => normalizeName(p.node.name)));
  const follows = kids(null).some((t) => oldPhases.has(normalizeName(t.name)));
  if (!follows) return [];
  const old = paths(from);
  const groups: WbsAdditionGroup[] = [];

  /** Matches template siblings against a plan parent's children; recurses into matches. */
  const visit = (
    phaseKey: (i: number) => string,
    template: readonly WbsTree[],
    parentId: string | null,
    parentPath: string[],
    prefix: string,
  ) => {
    const used = new Set<string>();
    const planKids = kids(parentId);
    let previous: PlanTaskNode | null = null;
    let open: WbsAdditionGroup | null = null;
    template.forEach((t, i) => {
      const path = `${prefix}/${normalizeName(t.name)}`;
      const match = planKids.find(
        (p) => !used.has(p.id) && normalizeName(p.name) === normalizeName(t.name),
      );
      if (match) {
        used.add(match.id);
        open = null;
        previous = match;
        if (t.children.length > 0 && kids(match.id).length > 0)
          visit(() => phaseKey(i), t.children, match.id, [...parentPath, match.name], path);
        return;
      }
      if (old.has(path)) return; // the project removed it
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
  const phases = phaseNodes(to);
  visit(
    (i) => phases[i]!.key,
    phases.map((p) => toTree(p.node as WbsTemplateTask)),
    null,
    [],
    '',
  );
  return groups;
}
