import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StrategyNode, coverage, globalWeights, targetProgress } from './objectives.ts';

const axis = (id: string, weight: number): StrategyNode => ({
  id,
  kind: 'axis',
  parentId: null,
  weight,
});
const obj = (id: string, parentId: string, weight: number): StrategyNode => ({
  id,
  kind: 'objective',
  parentId,
  weight,
});

describe('globalWeights', () => {
  it.each([
    [
      'weights normalised per level',
      [axis('A', 60), axis('B', 40), obj('a1', 'A', 1), obj('a2', 'A', 3), obj('b1', 'B', 10)],
      { A: 0.6, B: 0.4, a1: 0.15, a2: 0.45, b1: 0.4 },
    ],
    [
      'all-zero siblings share equally',
      [axis('A', 0), axis('B', 0), obj('a1', 'A', 0), obj('a2', 'A', 0)],
      { A: 0.5, B: 0.5, a1: 0.25, a2: 0.25 },
    ],
    [
      'a zero-weight objective among weighted ones gets nothing',
      [axis('A', 1), obj('a1', 'A', 0), obj('a2', 'A', 5)],
      { A: 1, a1: 0, a2: 1 },
    ],
  ])('%s', (_name, nodes, expected) => {
    const w = globalWeights(nodes);
    for (const [id, v] of Object.entries(expected)) expect(w.get(id)).toBeCloseTo(v, 12);
  });

  it('ignores objectives whose axis is unknown', () => {
    expect(globalWeights([axis('A', 1), obj('x', 'Z', 3)]).has('x')).toBe(false);
  });

  it('objectives of an axis always add up to the axis share (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
        (tree, axisWeights) => {
          const nodes: StrategyNode[] = [];
          tree.forEach((kids, i) => {
            nodes.push(axis(`A${i}`, axisWeights[i]!));
            kids.forEach((w, j) => nodes.push(obj(`A${i}.${j}`, `A${i}`, w)));
          });
          const w = globalWeights(nodes);
          let all = 0;
          tree.forEach((kids, i) => {
            const sum = kids.reduce((s, _k, j) => s + w.get(`A${i}.${j}`)!, 0);
            expect(sum).toBeCloseTo(w.get(`A${i}`)!, 9);
            all += sum;
          });
          expect(all).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});

describe('coverage (the strategy map)', () => {
  const nodes = [
    axis('A', 50),
    axis('B', 50),
    obj('a1', 'A', 1),
    obj('a2', 'A', 1),
    obj('b1', 'B', 1),
  ];

  it('finds uncovered objectives, orphan projects, weighted contributions and alignment', () => {
    const r = coverage(
      nodes,
      ['p1', 'p2', 'p3'],
      [
        { objectiveId: 'a1', itemId: 'p1', level: 3 },
        { objectiveId: 'b1', itemId: 'p1', level: 1 },
        { objectiveId: 'a1', itemId: 'p2', level: 2 },
        // Ignored: level 0, an axis, an unknown item, an unknown objective.
        { objectiveId: 'a2', itemId: 'p3', level: 0 },
        { objectiveId: 'A', itemId: 'p3', level: 3 },
        { objectiveId: 'a2', itemId: 'ghost', level: 3 },
        { objectiveId: 'zz', itemId: 'p3', level: 3 },
      ],
    );
    expect(r.uncovered).toEqual(['a2']);
    expect(r.orphans).toEqual(['p3']);
    const a1 = r.objectives.find((o) => o.objectiveId === 'a1')!;
    expect(a1).toMatchObject({ contributors: 2, weight: 0.25 });
    expect(a1.strength).toBeCloseTo(5 / 3, 12);
    expect(a1.weightedContribution).toBeCloseTo(0.25 * (5 / 3), 12);
    expect(a1.items.map((i) => i.itemId)).toEqual(['p1', 'p2']);
    expect(r.alignment.get('p1')).toBeCloseTo(0.25 + 0.5 / 3, 12);
    expect(r.alignment.get('p2')).toBeCloseTo((0.25 * 2) / 3, 12);
    expect(r.alignment.get('p3')).toBe(0);
  });

  it('clamps levels to 0–3', () => {
    const r = coverage(nodes, ['p1'], [{ objectiveId: 'b1', itemId: 'p1', level: 9 }]);
    expect(r.alignment.get('p1')).toBeCloseTo(0.5, 12);
  });

  it('alignment stays within 0–1; orphans and served items partition the items (property)', () => {
    const ids = ['a1', 'a2', 'b1'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            objectiveId: fc.constantFrom(...ids),
            itemId: fc.constantFrom('p0', 'p1', 'p2', 'p3'),
            level: fc.integer({ min: 0, max: 3 }),
          }),
        ),
        (raw) => {
          // One contribution per (objective, item), as the database guarantees.
          const seen = new Set<string>();
          const cs = raw.filter((c) => {
            const k = `${c.objectiveId}/${c.itemId}`;
            return seen.has(k) ? false : (seen.add(k), true);
          });
          const items = ['p0', 'p1', 'p2', 'p3'];
          const r = coverage(nodes, items, cs);
          for (const id of items) {
            const a = r.alignment.get(id)!;
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(1 + 1e-12);
            const served = cs.some((c) => c.itemId === id && c.level > 0);
            expect(r.orphans.includes(id)).toBe(!served);
          }
          const total = r.objectives.reduce((s, o) => s + o.contributors, 0);
          expect(total).toBe(cs.filter((c) => c.level > 0).length);
        },
      ),
    );
  });
});

describe('targetProgress', () => {
  it.each([
    [58, 35, 47, (58 - 47) / (58 - 35)],
    [0, 100, 100, 1],
    [10, 20, null, null],
    [10, 10, 12, null],
  ])('from %d to %d at %s', (baseline, target, current, expected) => {
    const p = targetProgress(baseline, target, current);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toBeCloseTo(expected, 12);
  });
});
