import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SelectionResult, parseSelection, SelectionError } from '../strategy/selection.ts';
import {
  applyForcing,
  compareResults,
  frontierPoints,
  scaleBudget,
  totalBudget,
} from './frontier.ts';

const problem = parseSelection({
  periods: ['2027-Q1', '2027-Q2'],
  budget: { '2027-Q1': 1000, '2027-Q2': 500 },
  candidates: [
    { id: 'A', name: 'A', value: 10, cost: [400] },
    { id: 'B', name: 'B', value: 20, cost: [600], mandatory: true },
    { id: 'C', name: 'C', value: 5, cost: [100], earliestStart: '2027-Q2' },
  ],
});

const result = (selected: [string, string][], objective: number | null): SelectionResult => ({
  status: objective === null ? 'infeasible' : 'optimal',
  objective,
  selected: selected.map(([id, start]) => ({ id, start })),
  rejected: [],
  budgetUsed: { '2027-Q1': 100 * selected.length },
  capacityUsed: {},
  binding: [],
  gap: objective === null ? null : 0,
  shadowPrices: {},
  conflicts: [],
});

describe('applyForcing', () => {
  it('makes forced-in candidates mandatory and forced-out ones unselectable', () => {
    const p = applyForcing(problem, ['A'], ['B']);
    expect(p.candidates.map((c) => [c.id, c.mandatory, c.forcedOut])).toEqual([
      ['A', true, false],
      ['B', false, true],
      ['C', false, false],
    ]);
    // The input is not changed.
    expect(problem.candidates[1]!.mandatory).toBe(true);
  });

  it.each([
    [['X'], [], 'forcedIn[0]'],
    [[], ['A', 'Y'], 'forcedOut[1]'],
    [['A'], ['A'], 'forcedOut[0]'],
  ])('refuses %j in, %j out at %s', (inIds, outIds, path) => {
    try {
      applyForcing(problem, inIds, outIds);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SelectionError);
      expect((e as SelectionError).path).toBe(path);
    }
  });
});

describe('scaleBudget and totalBudget', () => {
  it('scales every constrained period and keeps the unconstrained ones', () => {
    const half = scaleBudget({ ...problem, budget: [1000, null] }, 0.5);
    expect(half.budget).toEqual([500, null]);
    expect(totalBudget(problem)).toBe(1500);
    expect(totalBudget({ ...problem, budget: [null, null] })).toBeNull();
    expect(() => scaleBudget(problem, 0)).toThrow(SelectionError);
  });

  it('is monotone: a larger factor never gives a smaller budget (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (budget, f1, f2) => {
          const p = { ...problem, periods: budget.map((_, i) => `P${i}`), budget };
          const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
          const a = scaleBudget(p, lo).budget;
          const b = scaleBudget(p, hi).budget;
          return a.every((x, i) => (x === null ? b[i] === null : x <= b[i]!));
        },
      ),
    );
  });
});

describe('frontierPoints', () => {
  it('orders by budget and flags a point a cheaper one dominates', () => {
    const points = frontierPoints(problem, [
      { factor: 1, result: result([['A', '2027-Q1']], 30) },
      { factor: 0.5, result: result([], null) },
      { factor: 2, result: result([['A', '2027-Q1']], 28) },
      {
        factor: 1.5,
        result: result(
          [
            ['A', '2027-Q1'],
            ['C', '2027-Q2'],
          ],
          35,
        ),
      },
    ]);
    expect(points.map((p) => [p.factor, p.budget, p.value, p.efficient])).toEqual([
      [0.5, 750, null, false],
      [1, 1500, 30, true],
      [1.5, 2250, 35, true],
      [2, 3000, 28, false],
    ]);
    expect(() => frontierPoints({ ...problem, budget: [null, null] }, [])).toThrow(/no frontier/);
  });
});

describe('compareResults', () => {
  it('lists what enters, what drops and what moves', () => {
    const a = result(
      [
        ['A', '2027-Q1'],
        ['B', '2027-Q1'],
      ],
      30,
    );
    const b = result(
      [
        ['B', '2027-Q2'],
        ['C', '2027-Q2'],
      ],
      25,
    );
    expect(compareResults(a, b)).toEqual({
      added: ['C'],
      dropped: ['A'],
      moved: [{ id: 'B', from: '2027-Q1', to: '2027-Q2' }],
      valueDelta: -5,
    });
    expect(compareResults(a, result([], null)).valueDelta).toBeNull();
  });
});
