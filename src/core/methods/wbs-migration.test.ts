import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';
import { withWbsKeys } from './editor.ts';
import {
  countTasks,
  type PlanTaskNode,
  planKeysByName,
  wbsAdditions,
  type WbsMove,
  wbsMoves,
} from './wbs-migration.ts';

const task = (name: string, children: WbsTemplateTask[] = [], duration = 5): WbsTemplateTask => ({
  name,
  duration: children.length ? 1 : duration,
  children,
});
const ms = (name: string) => task(name, [], 0);
const content = (phases: [string, WbsTemplateTask[]][]): MethodologyContent => ({
  phases: phases.map(([name, wbs]) => ({
    key: name.toLowerCase(),
    name,
    deliverables: [],
    gate: null,
    wbs,
  })),
  roles: [],
  documents: [],
  ceremonies: [],
});

/** Lays a method's WBS down as a plan would (phase summaries at the top), ids = name paths. */
function planOf(c: MethodologyContent, extra: PlanTaskNode[] = []): PlanTaskNode[] {
  const out: PlanTaskNode[] = [];
  const walk = (ts: readonly WbsTemplateTask[], parentId: string | null) =>
    ts.forEach((t, i) => {
      const id = parentId ? `${parentId}/${t.name}` : t.name;
      out.push({ id, parentId, position: i, name: t.name });
      walk(t.children, id);
    });
  walk(
    c.phases.filter((p) => p.wbs.length).map((p) => task(p.name, p.wbs)),
    null,
  );
  return [...out, ...extra];
}

const v1 = content([
  ['Cadrage', [task('Étude'), ms('Lancement')]],
  ['Réalisation', [task('Développement', [task('Lot 1'), task('Lot 2')]), ms('Recette')]],
]);
const v2 = content([
  ['Cadrage', [task('Étude'), task('Analyse des risques'), ms('Lancement')]],
  [
    'Réalisation',
    [
      task('Développement', [task('Lot 1'), task('Lot 2'), task('Lot 3')]),
      ms('Recette'),
      ms('Revue qualité'),
      task('Documentation'),
    ],
  ],
  ['Déploiement', [task('Bascule'), ms('MEP')]],
]);

describe('wbsAdditions', () => {
  it('adds what the new version adds, after its preceding sibling, grouping consecutive ones', () => {
    const groups = wbsAdditions(v1, v2, planOf(v1));
    expect(
      groups.map((g) => ({
        parent: g.parentId,
        position: g.position,
        after: g.predecessorId,
        names: g.tree.map((t) => t.name),
        phase: g.phaseKey,
      })),
    ).toEqual([
      {
        parent: 'Cadrage',
        position: 1,
        after: 'Cadrage/Étude',
        names: ['Analyse des risques'],
        phase: 'cadrage',
      },
      {
        parent: 'Réalisation/Développement',
        position: 2,
        after: 'Réalisation/Développement/Lot 2',
        names: ['Lot 3'],
        phase: 'réalisation',
      },
      {
        parent: 'Réalisation',
        position: 2,
        after: 'Réalisation/Recette',
        names: ['Revue qualité', 'Documentation'],
        phase: 'réalisation',
      },
      {
        parent: null,
        position: 2,
        after: 'Réalisation/Recette',
        names: ['Déploiement'],
        phase: 'déploiement',
      },
    ]);
    expect(groups[3]!.tree[0]!.children.map((c) => c.name)).toEqual(['Bascule', 'MEP']);
    expect(groups[2]!.parentPath).toEqual(['Réalisation']);
  });

  it('does not put back what the project removed, nor what it already has (case, accents)', () => {
    const plan = planOf(v1).filter((t) => t.id !== 'Cadrage/Lancement');
    plan.push({ id: 'x', parentId: 'Cadrage', position: 5, name: 'ANALYSE des risques' });
    const groups = wbsAdditions(v1, v2, plan);
    expect(groups.flatMap((g) => g.tree.map((t) => t.name))).not.toContain('Lancement');
    expect(groups.flatMap((g) => g.tree.map((t) => t.name))).not.toContain('Analyse des risques');
  });

  it('adds nothing to a plan that does not follow the method WBS, or when nothing is new', () => {
    expect(
      wbsAdditions(v1, v2, [{ id: 'a', parentId: null, position: 0, name: 'Mon lot' }]),
    ).toEqual([]);
    expect(wbsAdditions(v2, v2, planOf(v2))).toEqual([]);
  });

  it('does not descend into a plan leaf that the method has as a summary', () => {
    const plan = planOf(v1).filter((t) => !t.id.startsWith('Réalisation/Développement/'));
    const groups = wbsAdditions(v1, v2, plan);
    expect(groups.some((g) => g.parentId === 'Réalisation/Développement')).toBe(false);
  });

  it('matches by the stable key: a renamed phase or task is not added again', () => {
    const keyedV1 = withWbsKeys(v1);
    // Version 2 renames the phase « Cadrage » and its task « Étude » (keys kept, as the editor
    // does), and adds a new « Étude » of the old name.
    const v2r = JSON.parse(JSON.stringify(keyedV1)) as typeof keyedV1;
    v2r.phases[0]!.name = 'Initialisation';
    v2r.phases[0]!.wbs[0]!.name = 'Cadrage fonctionnel';
    v2r.phases[0]!.wbs.splice(1, 0, task('Étude'));
    const plain = planOf(v1);
    const backfill = planKeysByName(v1, plain);
    // Every task laid down from the method gets its key by name, the phases their phase key.
    expect(backfill.size).toBe(plain.length);
    expect(backfill.get('Cadrage')).toBe('cadrage');
    expect(backfill.get('Cadrage/Étude')).toBe(keyedV1.phases[0]!.wbs[0]!.key);
    const keyed = plain.map((t) => ({ ...t, key: backfill.get(t.id) ?? null }));
    // Once keyed, nothing is matched by name again.
    expect(planKeysByName(v1, keyed).size).toBe(0);
    const groups = wbsAdditions(v1, v2r, keyed);
    expect(groups.map((g) => [g.parentId, g.tree.map((t) => t.name)])).toEqual([
      ['Cadrage', ['Étude']],
    ]);
    // A task the project added by hand, with no key, still counts by its name.
    const handMade = [
      ...keyed,
      { id: 'h', parentId: 'Cadrage', position: 9, name: 'étude', key: null },
    ];
    expect(wbsAdditions(v1, v2r, handMade)).toEqual([]);
  });

  it('gives derived keys deterministically, keeping given ones unique', () => {
    const a = withWbsKeys(v2);
    expect(withWbsKeys(v2)).toEqual(a);
    expect(withWbsKeys(a)).toEqual(a);
    expect(a.phases[1]!.wbs[0]!.children.map((c) => c.key)).toEqual([
      'réalisation/developpement/lot-1',
      'réalisation/developpement/lot-2',
      'réalisation/developpement/lot-3',
    ]);
    const clash = content([
      ['Cadrage', [{ ...task('Autre'), key: 'cadrage/etude' }, task('Étude')]],
    ]);
    expect(withWbsKeys(clash).phases[0]!.wbs.map((t) => t.key)).toEqual([
      'cadrage/etude',
      'cadrage/etude-2',
    ]);
  });

  it('property: after adding, a second move finds nothing more to add', () => {
    const names = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    const tree: fc.Arbitrary<WbsTemplateTask[]> = fc.letrec<{ forest: WbsTemplateTask[] }>(
      (tie) => ({
        forest: fc
          .uniqueArray(
            fc.tuple(names, fc.oneof({ depthSize: 'small' }, fc.constant([]), tie('forest'))),
            {
              maxLength: 3,
              selector: ([n]) => n,
            },
          )
          .map((xs) => xs.map(([n, c]) => task(n, c as WbsTemplateTask[]))),
      }),
    ).forest;
    const method = fc
      .uniqueArray(fc.tuple(fc.constantFrom('P1', 'P2', 'P3'), tree), {
        minLength: 1,
        maxLength: 3,
        selector: ([n]) => n,
      })
      .map((ps) => content(ps));
    fc.assert(
      fc.property(method, method, (a, b) => {
        const plan = planOf(a);
        const groups = wbsAdditions(a, b, plan);
        // Apply the groups to the plan (positions do not matter for matching).
        const after = [...plan];
        let n = 0;
        const add = (
          ts: readonly { name: string; children: readonly unknown[] }[],
          parentId: string | null,
        ) =>
          ts.forEach((t) => {
            const id = `new-${n++}`;
            after.push({ id, parentId, position: 100 + n, name: t.name });
            add(t.children as typeof ts, id);
          });
        for (const g of groups) add(g.tree, g.parentId);
        expect(n).toBe(groups.reduce((s, g) => s + countTasks(g.tree), 0));
        expect(wbsAdditions(a, b, after)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The plan with the moves applied as the planning service does (positions renumbered). */
function applyMoves(plan: readonly PlanTaskNode[], moves: readonly WbsMove[]): PlanTaskNode[] {
  let out = plan.map((t) => ({ ...t }));
  const renumber = (parentId: string | null, order: string[]) =>
    order.forEach((id, i) => (out.find((t) => t.id === id)!.position = i));
  const kidsOf = (parentId: string | null) =>
    out
      .filter((t) => t.parentId === parentId)
      .sort((a, b) => a.position - b.position)
      .map((t) => t.id);
  for (const m of moves) {
    const task = out.find((t) => t.id === m.taskId)!;
    const was = task.parentId;
    task.parentId = m.parentId;
    renumber(
      was,
      kidsOf(was).filter((id) => id !== m.taskId),
    );
    const kids = kidsOf(m.parentId).filter((id) => id !== m.taskId);
    kids.splice(m.afterTaskId ? kids.indexOf(m.afterTaskId) + 1 : 0, 0, m.taskId);
    renumber(m.parentId, kids);
  }
  out = out.map((t) => ({ ...t }));
  return out;
}

/** A method's plan laid down with its keys, as the service stores them. */
function keyedPlan(c: MethodologyContent): PlanTaskNode[] {
  const plain = planOf(c);
  const keys = planKeysByName(c, plain);
  return plain.map((t) => ({ ...t, key: keys.get(t.id) ?? null }));
}

describe('wbsMoves: keys matched across parents', () => {
  const k1 = withWbsKeys(v1);
  /** Version 2: « Étude » moves from Cadrage to Réalisation after « Développement », and
   * « Lot 2 » moves up under Réalisation, first; one new task « Recette 2 » under Développement. */
  const moved = (): MethodologyContent => {
    const c = JSON.parse(JSON.stringify(k1)) as MethodologyContent;
    const etude = c.phases[0]!.wbs.splice(0, 1)[0]!;
    const dev = c.phases[1]!.wbs[0]!;
    const lot2 = dev.children.splice(1, 1)[0]!;
    dev.children.push(task('Lot 3'));
    c.phases[1]!.wbs.splice(1, 0, etude);
    c.phases[1]!.wbs.unshift(lot2);
    return withWbsKeys(c);
  };

  it('moves an item the new version puts under another parent instead of adding it again', () => {
    const v2m = moved();
    const plan = keyedPlan(v1);
    const moves = wbsMoves(v1, v2m, plan);
    expect(moves.map((m) => [m.taskId, m.parentId, m.afterTaskId, m.fromPath, m.toPath])).toEqual([
      [
        'Réalisation/Développement/Lot 2',
        'Réalisation',
        null,
        ['Réalisation', 'Développement'],
        ['Réalisation'],
      ],
      ['Cadrage/Étude', 'Réalisation', 'Réalisation/Développement', ['Cadrage'], ['Réalisation']],
    ]);
    // Only the new « Lot 3 » is added, before and after the moves.
    const names = (p: PlanTaskNode[]) =>
      wbsAdditions(v1, v2m, p).map((g) => [g.parentId, g.tree.map((t) => t.name)]);
    expect(names(plan)).toEqual([['Réalisation/Développement', ['Lot 3']]]);
    const after = applyMoves(plan, moves);
    expect(names(after)).toEqual([['Réalisation/Développement', ['Lot 3']]]);
    const order = (parentId: string) =>
      after
        .filter((t) => t.parentId === parentId)
        .sort((a, b) => a.position - b.position)
        .map((t) => t.name);
    expect(order('Réalisation')).toEqual(['Lot 2', 'Développement', 'Étude', 'Recette']);
    expect(order('Cadrage')).toEqual(['Lancement']);
    // Moved once: a second move finds nothing more to move.
    expect(wbsMoves(v1, v2m, after)).toEqual([]);
  });

  it('leaves a task the project placed elsewhere itself, and adds it nowhere again', () => {
    const plan = keyedPlan(v1).map((t) =>
      t.id === 'Cadrage/Étude' ? { ...t, parentId: 'Réalisation', position: 9 } : t,
    );
    const v2k = withWbsKeys(JSON.parse(JSON.stringify(k1)) as MethodologyContent);
    v2k.phases[0]!.wbs.push(task('Revue'));
    expect(wbsMoves(v1, withWbsKeys(v2k), plan)).toEqual([]);
    expect(
      wbsAdditions(v1, withWbsKeys(v2k), plan).flatMap((g) => g.tree.map((t) => t.name)),
    ).toEqual(['Revue']);
  });

  it('does not add again an item moved into a phase the move adds (it stays where it is)', () => {
    const c = JSON.parse(JSON.stringify(k1)) as MethodologyContent;
    const etude = c.phases[0]!.wbs.splice(0, 1)[0]!;
    c.phases.push({
      key: 'deploiement',
      name: 'Déploiement',
      deliverables: [],
      gate: null,
      wbs: [task('Bascule'), etude],
    });
    const v2d = withWbsKeys(c);
    const plan = keyedPlan(v1);
    expect(wbsMoves(v1, v2d, plan)).toEqual([]);
    const groups = wbsAdditions(v1, v2d, plan);
    expect(groups.map((g) => [g.parentId, g.tree.map((t) => t.name)])).toEqual([
      [null, ['Déploiement']],
    ]);
    expect(groups[0]!.tree[0]!.children.map((t) => t.name)).toEqual(['Bascule']);
  });

  it('property: after the moves nothing is added and every task sits under its parent in the new version', () => {
    // Version 2 = version 1 with one item (any depth) moved under another phase or item.
    const k = withWbsKeys(v2);
    const all: { key: string; path: number[] }[] = [];
    const collect = (ts: readonly WbsTemplateTask[], path: number[]) =>
      ts.forEach((t, i) => {
        all.push({ key: t.key!, path: [...path, i] });
        collect(t.children, [...path, i]);
      });
    k.phases.forEach((p, i) => collect(p.wbs, [i]));
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.nat(all.length + k.phases.length - 1),
        fc.nat(5),
        (which, where, at) => {
          const c = JSON.parse(JSON.stringify(k)) as MethodologyContent;
          const item = all[which]!;
          const listAt = (path: number[]): WbsTemplateTask[] => {
            let list = c.phases[path[0]!]!.wbs;
            for (const i of path.slice(1)) list = list[i]!.children;
            return list;
          };
          const holder = listAt(item.path.slice(0, -1));
          const [t] = holder.splice(item.path[item.path.length - 1]!, 1);
          // The destination: a phase, or an item that is not the moved one nor under it.
          const dest =
            where < k.phases.length
              ? c.phases[where]!.wbs
              : (() => {
                  const d = all[where - k.phases.length]!;
                  if (d.key === item.key || d.key.startsWith(`${item.key}/`)) return null;
                  const find = (ts: WbsTemplateTask[]): WbsTemplateTask | null => {
                    for (const x of ts) {
                      if (x.key === d.key) return x;
                      const y = find(x.children);
                      if (y) return y;
                    }
                    return null;
                  };
                  const node = c.phases.map((p) => find(p.wbs)).find((x) => x);
                  return node ? node.children : null;
                })();
          if (!dest) return;
          dest.splice(Math.min(at, dest.length), 0, t!);
          const b = withWbsKeys(c);
          const plan = keyedPlan(k);
          const after = applyMoves(plan, wbsMoves(k, b, plan));
          expect(wbsAdditions(k, b, after)).toEqual([]);
          expect(wbsMoves(k, b, after)).toEqual([]);
          // Each task sits under the task of its parent in version 2.
          const parentKey = new Map<string, string>();
          const walk = (ts: readonly WbsTemplateTask[], parent: string) =>
            ts.forEach((x) => {
              parentKey.set(x.key!, parent);
              walk(x.children, x.key!);
            });
          b.phases.forEach((p) => walk(p.wbs, p.key));
          const byId = new Map(after.map((x) => [x.id, x]));
          for (const x of after)
            if (x.parentId) expect(byId.get(x.parentId)!.key).toBe(parentKey.get(x.key!));
        },
      ),
      { numRuns: 200 },
    );
  });
});
