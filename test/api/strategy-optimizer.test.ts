import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedStarts,
  assignmentValue,
  greedyByScore,
  isFeasible,
  parseSelection,
  type SelectionProblem,
} from '../../src/core/strategy/selection.ts';
import { solveSelection } from '../../src/server/modules/strategy/optimizer/highs-solve.ts';
import { runOptimizer } from '../../src/server/modules/strategy/optimizer/optimizer.ts';

/** Best value over every assignment (none or one allowed start per candidate); null if none is feasible. */
function bruteForce(problem: SelectionProblem): number | null {
  const options = problem.candidates.map((c) => [-1, ...allowedStarts(problem, c)]);
  const start = new Int32Array(problem.candidates.length);
  let best: number | null = null;
  const visit = (i: number): void => {
    if (i === options.length) {
      if (isFeasible(problem, start)) {
        const v = assignmentValue(problem, start);
        if (best === null || v > best) best = v;
      }
      return;
    }
    for (const s of options[i]!) {
      start[i] = s;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

const periods = ['T1', 'T2', 'T3'];
const instance = fc
  .record({
    budget: fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), {
      minLength: 3,
      maxLength: 3,
    }),
    cap: fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }), {
      minLength: 3,
      maxLength: 3,
    }),
    candidates: fc.array(
      fc.record({
        value: fc.integer({ min: 0, max: 30 }),
        cost: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 2 }),
        demand: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 2 }),
        earliest: fc.integer({ min: 0, max: 2 }),
        window: fc.integer({ min: 0, max: 1 }),
        mandatory: fc.boolean(),
        requires: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        excludes: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ budget, cap, candidates }) => {
    const n = candidates.length;
    const ref = (k: number | undefined, i: number): string[] =>
      k === undefined || k % n === i ? [] : [`C${k % n}`];
    return {
      periods,
      budget: Object.fromEntries(budget.flatMap((b, p) => (b === null ? [] : [[periods[p]!, b]]))),
      capacity: {
        dev: Object.fromEntries(cap.flatMap((c, p) => (c === null ? [] : [[periods[p]!, c]]))),
      },
      candidates: candidates.map((c, i) => ({
        id: `C${i}`,
        value: c.value,
        cost: c.cost,
        demand: { dev: c.demand },
        earliestStart: periods[c.earliest]!,
        latestStart: periods[Math.min(2, c.earliest + c.window)]!,
        mandatory: c.mandatory && i < 2,
        requires: ref(c.requires, i),
        excludes: ref(c.excludes, i),
      })),
    };
  });

describe('portfolio optimisation with HiGHS', () => {
  it('solves the example of the format', async () => {
    const problem = parseSelection({
      periods: ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'],
      budget: { '2027-Q1': 550000, '2027-Q2': 1200000, '2027-Q3': 1000000, '2027-Q4': 1000000 },
      capacity: { dev: { '2027-Q1': 6000, '2027-Q2': 6000, '2027-Q3': 6000, '2027-Q4': 6000 } },
      candidates: [
        {
          id: 'P1',
          value: 80,
          cost: [400000, 300000],
          demand: { dev: [1500, 1200] },
          earliestStart: '2027-Q1',
          latestStart: '2027-Q2',
        },
        { id: 'P2', value: 60, mandatory: true, cost: [200000], demand: { dev: [800] } },
        {
          id: 'P3',
          value: 95,
          cost: [300000, 300000, 300000],
          demand: { dev: [2000, 2000, 1000] },
          requires: ['P1'],
          earliestStart: '2027-Q1',
          latestStart: '2027-Q2',
        },
      ],
    });
    const r = await solveSelection(problem);
    // Q1 holds 550 000: P2 (200 000) + P3 (300 000) fit, P1 (400 000) does not: it waits for Q2.
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(235);
    expect(r.selected).toEqual([
      { id: 'P1', start: '2027-Q2' },
      { id: 'P2', start: '2027-Q1' },
      { id: 'P3', start: '2027-Q1' },
    ]);
    expect(r.budgetUsed).toEqual({
      '2027-Q1': 500000,
      '2027-Q2': 700000,
      '2027-Q3': 600000,
      '2027-Q4': 0,
    });
    expect(r.gap).toBe(0);
  });

  it('prices the binding budget: one more euro buys value at the rate of the next candidate', async () => {
    const problem = parseSelection({
      periods: ['2027'],
      budget: { '2027': 100 },
      candidates: [
        { id: 'A', value: 60, cost: [60] },
        { id: 'B', value: 40, cost: [40] },
        { id: 'C', value: 30, cost: [50] },
      ],
    });
    const r = await solveSelection(problem);
    expect(r.objective).toBe(100);
    expect(r.binding).toEqual(['budget:2027']);
    // A and B fixed in; C (30 per 50 €) would enter at 0.6 value per euro.
    expect(r.shadowPrices['budget:2027']).toBeCloseTo(0.6, 9);
  });

  it('reports an infeasible instance with the constraints that cannot hold', async () => {
    const problem = parseSelection({
      periods: ['Q1', 'Q2'],
      budget: { Q1: 100, Q2: 100 },
      capacity: { dev: { Q1: 10, Q2: 10 } },
      candidates: [
        { id: 'A', value: 1, mandatory: true, cost: [80, 80], demand: { dev: [5, 5] } },
        { id: 'B', value: 1, mandatory: true, cost: [30], demand: { dev: [2] } },
      ],
    });
    const r = await solveSelection(problem);
    expect(r.status).toBe('infeasible');
    expect(r.conflicts).toEqual(['budget:Q1']);
    expect(r.objective).toBeNull();
  });

  it('runs in a worker thread', async () => {
    const problem = parseSelection({
      periods: ['Q1'],
      budget: { Q1: 10 },
      candidates: [
        { id: 'A', value: 5, cost: [6] },
        { id: 'B', value: 4, cost: [5] },
        { id: 'C', value: 3, cost: [5] },
      ],
    });
    const r = await runOptimizer(problem, { timeLimit: 5 });
    expect(r.selected.map((s) => s.id)).toEqual(['B', 'C']);
    expect(r.objective).toBe(7);
  });

  it('equals brute force on tiny instances and is never worse than picking by score', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (raw) => {
        const problem = parseSelection(raw);
        const best = bruteForce(problem);
        const r = await solveSelection(problem, { relativeGap: 0 });
        if (best === null) {
          expect(r.status).toBe('infeasible');
          expect(r.conflicts.length).toBeGreaterThan(0);
          return;
        }
        expect(r.status).toBe('optimal');
        expect(r.objective).toBeCloseTo(best, 9);
        const greedy = greedyByScore(problem);
        if (isFeasible(problem, greedy))
          expect(r.objective!).toBeGreaterThanOrEqual(assignmentValue(problem, greedy) - 1e-9);
        // The reported portfolio itself is feasible.
        const start = new Int32Array(problem.candidates.length).fill(-1);
        for (const s of r.selected) {
          start[problem.candidates.findIndex((c) => c.id === s.id)] = problem.periods.indexOf(
            s.start,
          );
        }
        expect(isFeasible(problem, start)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
