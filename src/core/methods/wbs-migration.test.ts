import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';
import { withWbsKeys } from './editor.ts';
import { countTasks, type PlanTaskNode, planKeysByName, wbsAdditions } from './wbs-migration.ts';

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
