import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectPlan } from '../planning/model.ts';
import { estimateVariance, type ThreePointEstimate } from '../risks/distributions.ts';
import { compileSimulation, simulate, summarize } from '../risks/montecarlo.ts';
import { CostInputError, expectedCost, simulateCost, type CostSimulationInput } from './cost.ts';
import { milestoneInput, predecessorClosure } from './milestones.ts';

// Tolerances: 5 standard errors of the mean for N iterations.
const Z = 5;

describe('cost simulation', () => {
  const input: CostSimulationInput = {
    items: [
      { id: 'a', name: 'Prestations', amount: 100_000_00 },
      {
        id: 'b',
        name: 'Licences',
        amount: 50_000_00,
        estimate: { distribution: 'triangular', min: 40_000_00, mode: 50_000_00, max: 90_000_00 },
      },
      {
        id: 'c',
        name: 'Matériel',
        amount: 20_000_00,
        estimate: { distribution: 'pert', min: 18_000_00, mode: 20_000_00, max: 30_000_00 },
      },
    ],
    risks: [{ id: 'r', name: 'Pénalité', probability: 0.3, cost: 15_000_00 }],
    budget: 170_000_00,
  };

  it('is deterministic for a seed, and another seed gives another draw', () => {
    const a = simulateCost(input, 2000, '42');
    expect(simulateCost(input, 2000, '42')).toEqual(a);
    expect(simulateCost(input, 2000, '43').mean).not.toBe(a.mean);
  });

  it('has the analytic mean and variance within tolerance', () => {
    const n = 20_000;
    const s = simulateCost(input, n, 'mean');
    const variance =
      estimateVariance(input.items[1]!.estimate!) +
      estimateVariance(input.items[2]!.estimate!) +
      0.3 * 0.7 * 15_000_00 ** 2;
    const se = Math.sqrt(variance / n);
    expect(Math.abs(s.mean - expectedCost(input))).toBeLessThan(Z * se);
    expect(Math.abs(s.stdev - Math.sqrt(variance)) / Math.sqrt(variance)).toBeLessThan(0.05);
    expect(s.expected).toBe(Math.round(expectedCost(input)));
  });

  it('without ranges or risks every iteration costs the base', () => {
    const s = simulateCost(
      { items: [{ id: 'a', name: 'A', amount: 1234 }], risks: [], budget: 1000 },
      300,
      'x',
    );
    expect([s.p10, s.p50, s.p80, s.p90, s.mean]).toEqual([1234, 1234, 1234, 1234, 1234]);
    expect(s.contingencyP80).toBe(234);
    expect(s.probabilityWithinBudget).toBe(0);
  });

  it('a certain risk adds its cost to every iteration and leads the tornado when alone', () => {
    const s = simulateCost(
      {
        items: [{ id: 'a', name: 'A', amount: 100 }],
        risks: [{ id: 'r', name: 'R', probability: 1, cost: 50 }],
        budget: 200,
      },
      100,
      's',
    );
    expect(s.p50).toBe(150);
    expect(s.probabilityWithinBudget).toBe(1);
    expect(s.contingencyP80).toBe(-50);
  });

  it('names the culprit of a bad input', () => {
    expect(() =>
      simulateCost(
        {
          items: [
            {
              id: 'x',
              name: 'X',
              amount: 1,
              estimate: { distribution: 'pert', min: 5, mode: 1, max: 9 },
            },
          ],
          risks: [],
          budget: 0,
        },
        10,
        's',
      ),
    ).toThrow(CostInputError);
    try {
      simulateCost(
        { items: [], risks: [{ id: 'r', name: 'R', probability: 2, cost: 1 }], budget: 0 },
        10,
        's',
      );
    } catch (e) {
      expect((e as CostInputError).field).toBe('risks.r.probability');
    }
  });

  it('percentiles are ordered, the histogram counts every iteration, the tornado is bounded', () => {
    const estimate = fc
      .tuple(
        fc.constantFrom('triangular', 'pert', 'uniform') as fc.Arbitrary<
          ThreePointEstimate['distribution']
        >,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
      )
      .map(([distribution, a, b, c]) => {
        const [min, mode, max] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        return { distribution, min, mode, max };
      });
    fc.assert(
      fc.property(
        fc.array(estimate, { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
        fc.integer({ min: 1, max: 400 }),
        (estimates, probabilities, n) => {
          const s = simulateCost(
            {
              items: estimates.map((e, i) => ({
                id: `i${i}`,
                name: `I${i}`,
                amount: e.mode,
                estimate: e,
              })),
              risks: probabilities.map((p, i) => ({
                id: `r${i}`,
                name: `R${i}`,
                probability: p,
                cost: 500,
              })),
              budget: 5000,
            },
            n,
            'prop',
          );
          expect(s.p10).toBeLessThanOrEqual(s.p50);
          expect(s.p50).toBeLessThanOrEqual(s.p80);
          expect(s.p80).toBeLessThanOrEqual(s.p90);
          expect(s.histogram.reduce((a, b) => a + b.count, 0)).toBe(n);
          for (const x of s.sensitivity) expect(Math.abs(x.correlation)).toBeLessThanOrEqual(1);
          expect(s.sCurve).toHaveLength(21);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('milestone sub-plan', () => {
  const plan: ProjectPlan = {
    start: '2027-01-04',
    calendar: { workdays: [1, 2, 3, 4, 5] },
    tasks: [
      { id: 'p', name: 'Phase', summary: true },
      { id: 'a', name: 'A', parent: 'p', duration: 10 },
      { id: 'b', name: 'B', parent: 'p', duration: 5 },
      { id: 'm', name: 'Jalon', duration: 0 },
      { id: 'c', name: 'C', duration: 20 },
    ],
    links: [
      { from: 'a', to: 'b', type: 'FS', lag: 0 },
      { from: 'b', to: 'm', type: 'FS', lag: 0 },
      { from: 'm', to: 'c', type: 'FS', lag: 0 },
    ],
  };

  it.each([
    ['m', ['m', 'b', 'a']],
    ['a', ['a']],
    ['c', ['c', 'm', 'b', 'a']],
  ])('the closure of %s', (id, expected) => {
    expect([...predecessorClosure(plan, id)].sort()).toEqual([...expected].sort());
  });

  it('keeps the summaries, the estimates and impacts of what the milestone waits for', () => {
    const sub = milestoneInput(
      {
        plan,
        estimates: new Map([
          ['a', { distribution: 'uniform', min: 8, mode: 10, max: 12 }],
          ['c', { distribution: 'uniform', min: 10, mode: 20, max: 30 }],
        ]),
        risks: [
          {
            id: 'r',
            name: 'R',
            probability: 1,
            impacts: [
              { task: 'b', days: 3 },
              { task: 'c', days: 9 },
            ],
          },
        ],
      },
      'm',
    );
    expect(sub.plan.tasks.map((t) => t.id)).toEqual(['p', 'a', 'b', 'm']);
    expect([...sub.estimates.keys()]).toEqual(['a']);
    expect(sub.risks[0]!.impacts).toEqual([{ task: 'b', days: 3 }]);
    // a ~ U(8, 12), b = 5 + 3 (certain risk): the milestone's T is a + 8.
    const model = compileSimulation(sub);
    const summary = summarize(model, simulate(model, 2000, 'm'), { seed: 'm' });
    expect(summary.durationDays.mean).toBeGreaterThan(17.8);
    expect(summary.durationDays.mean).toBeLessThan(18.2);
    expect(model.deterministicDuration).toBe(15);
  });
});
