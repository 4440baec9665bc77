import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulePlan } from '../planning/cpm.ts';
import type { LinkType, PlanLink, PlanTask, ProjectPlan } from '../planning/model.ts';
import {
  estimateMean,
  estimateVariance,
  pertQuantileTable,
  PERT_KNOTS,
  PERT_LEVELS,
  type ThreePointEstimate,
} from './distributions.ts';
import {
  blockCount,
  compileSimulation,
  mergeBlocks,
  simulate,
  simulateBlocks,
  summarize,
  type RiskEvent,
  type SimulationSamples,
} from './montecarlo.ts';
import { seedWords } from './random.ts';
import { parseScheduleRisk } from './schedule-risk-file.ts';

// Statistical checks use a fixed seed (so they are reproducible) and tolerances derived from
// the iteration count N: 5 standard errors, i.e. a chance well under one in a million that a
// correct engine fails with a new seed.
const Z = 5;

const chain = (
  durations: number[],
  estimates: (ThreePointEstimate | undefined)[],
): { plan: ProjectPlan; estimates: Map<string, ThreePointEstimate> } => {
  const tasks: PlanTask[] = durations.map((d, i) => ({ id: `t${i}`, name: `T${i}`, duration: d }));
  const links: PlanLink[] = durations
    .slice(1)
    .map((_, i) => ({ from: `t${i}`, to: `t${i + 1}`, type: 'FS', lag: 0 }));
  const map = new Map<string, ThreePointEstimate>();
  estimates.forEach((e, i) => e && map.set(`t${i}`, e));
  return {
    plan: { start: '2027-01-04', calendar: { workdays: [1, 2, 3, 4, 5] }, tasks, links },
    estimates: map,
  };
};

function run(
  plan: ProjectPlan,
  estimates: Map<string, ThreePointEstimate>,
  iterations: number,
  risks: RiskEvent[] = [],
  seed = 'tests',
): { samples: SimulationSamples; mean: number; variance: number; sorted: Float64Array } {
  const model = compileSimulation({ plan, estimates, risks });
  const samples = simulate(model, iterations, seed);
  let mean = 0;
  for (const t of samples.durations) mean += t;
  mean /= iterations;
  let variance = 0;
  for (const t of samples.durations) variance += (t - mean) ** 2;
  variance /= iterations - 1;
  return { samples, mean, variance, sorted: Float64Array.from(samples.durations).sort() };
}

const meanTolerance = (variance: number, n: number): number =>
  (Z * Math.sqrt(variance)) / Math.sqrt(n);
/** Standard error of the sample variance for a distribution of kurtosis ≤ 3 (all of ours). */
const varianceTolerance = (variance: number, n: number): number => Z * variance * Math.sqrt(2 / n);

describe('three-point distributions', () => {
  const cases: ThreePointEstimate[] = [
    { distribution: 'triangular', min: 8, mode: 10, max: 16 },
    { distribution: 'triangular', min: 5, mode: 5, max: 9 },
    { distribution: 'pert', min: 15, mode: 20, max: 35 },
    { distribution: 'pert', min: 2, mode: 9.5, max: 10 },
    { distribution: 'pert', min: 3, mode: 3, max: 12 },
    { distribution: 'uniform', min: 4, mode: 4, max: 7 },
  ];
  it.each(cases)(
    'samples $distribution($min, $mode, $max) with its analytic mean and variance',
    (e) => {
      const N = 200_000;
      const { plan, estimates } = chain([10], [e]);
      const { mean, variance } = run(plan, estimates, N);
      const mu = estimateMean(e);
      const sigma2 = estimateVariance(e);
      expect(Math.abs(mean - mu)).toBeLessThan(meanTolerance(sigma2, N));
      expect(Math.abs(variance - sigma2)).toBeLessThan(varianceTolerance(sigma2, N));
    },
  );

  it('gives the sum of means and the sum of variances along a chain', () => {
    const es: ThreePointEstimate[] = [
      { distribution: 'triangular', min: 8, mode: 10, max: 16 },
      { distribution: 'pert', min: 15, mode: 20, max: 35 },
      { distribution: 'uniform', min: 3, mode: 3, max: 6 },
      { distribution: 'pert', min: 1, mode: 2, max: 2.5 },
    ];
    const N = 100_000;
    const { plan, estimates } = chain([10, 20, 4, 2, 5], [...es, undefined]);
    const { mean, variance } = run(plan, estimates, N);
    const mu = es.reduce((s, e) => s + estimateMean(e), 5);
    const sigma2 = es.reduce((s, e) => s + estimateVariance(e), 0);
    expect(Math.abs(mean - mu)).toBeLessThan(meanTolerance(sigma2, N));
    expect(Math.abs(variance - sigma2)).toBeLessThan(varianceTolerance(sigma2, N));
  });

  it('hits the known percentiles of a triangular distribution', () => {
    // Triangular(0, 0, 10): F(x) = 1 − (1 − x/10)², x_p = 10 (1 − √(1 − p)), f(x) = (2/10)(1 − x/10).
    const N = 100_000;
    const { plan, estimates } = chain(
      [5],
      [{ distribution: 'triangular', min: 0, mode: 0, max: 10 }],
    );
    const model = compileSimulation({ plan, estimates, risks: [] });
    const summary = summarize(model, simulate(model, N, 'p'), { seed: 'p' });
    for (const [p, got] of [
      [0.1, summary.durationDays.p10],
      [0.5, summary.durationDays.p50],
      [0.8, summary.durationDays.p80],
      [0.9, summary.durationDays.p90],
    ] as const) {
      const x = 10 * (1 - Math.sqrt(1 - p));
      const density = 0.2 * (1 - x / 10);
      const se = Math.sqrt((p * (1 - p)) / N) / density;
      expect(Math.abs(got - x)).toBeLessThan(Z * se + 0.005); // + the rounding to 2 decimals
    }
  });

  it('tabulates the beta-PERT quantile function with the exact beta moments', () => {
    for (const level of [0, 1, 37, 128, 200, PERT_LEVELS]) {
      const table = pertQuantileTable(level);
      const r = level / PERT_LEVELS;
      const alpha = 1 + 4 * r;
      const beta = 5 - 4 * r;
      // Mean of the piecewise-linear quantile function = ∫ Q(u) du (trapezoids).
      let mean = 0;
      for (let k = 0; k < PERT_KNOTS; k++) mean += (table[k]! + table[k + 1]!) / 2 / PERT_KNOTS;
      expect(Math.abs(mean - alpha / (alpha + beta))).toBeLessThan(5e-5);
      for (let k = 0; k < PERT_KNOTS; k++) expect(table[k + 1]!).toBeGreaterThanOrEqual(table[k]!);
    }
  });
});

describe('network effects', () => {
  it('takes the later of two parallel tasks: E[max of two U(0,1)] = 2/3, P(T ≤ x) = x²', () => {
    const plan: ProjectPlan = {
      start: '2027-01-04',
      calendar: {},
      tasks: [
        { id: 'a', name: 'A', duration: 1 },
        { id: 'b', name: 'B', duration: 1 },
      ],
      links: [],
    };
    const u: ThreePointEstimate = { distribution: 'uniform', min: 0, mode: 0, max: 1 };
    const N = 100_000;
    const { mean, sorted, samples } = run(
      plan,
      new Map([
        ['a', u],
        ['b', u],
      ]),
      N,
    );
    expect(Math.abs(mean - 2 / 3)).toBeLessThan(meanTolerance(1 / 18, N));
    const median = sorted[N / 2 - 1]!;
    // x_0.5 = √0.5, density 2x.
    expect(Math.abs(median - Math.SQRT1_2)).toBeLessThan(
      (Z * Math.sqrt(0.25 / N)) / (2 * Math.SQRT1_2),
    );
    // Each task is critical when it is the longer one: half the time.
    for (const leaf of [0, 1]) {
      expect(Math.abs(samples.criticalCount[leaf]! / N - 0.5)).toBeLessThan(
        Z * Math.sqrt(0.25 / N),
      );
    }
  });

  it('adds a risk delay with its probability', () => {
    const { plan } = chain([10, 5], []);
    const N = 50_000;
    const risk: RiskEvent = {
      id: 'R1',
      name: 'Fournisseur en retard',
      probability: 0.3,
      impacts: [{ task: 't0', days: 10 }],
    };
    const { mean, samples } = run(plan, new Map(), N, [risk]);
    // T = 15 + 10 B with B ~ Bernoulli(0.3).
    expect(Math.abs(mean - 18)).toBeLessThan(meanTolerance(100 * 0.21, N));
    expect(new Set(samples.durations)).toEqual(new Set([15, 25]));
  });

  it('never lets an opportunity make a duration negative', () => {
    const { plan } = chain([3], []);
    const { samples } = run(plan, new Map(), 500, [
      { id: 'O1', name: 'Gain', probability: 1, impacts: [{ task: 't0', days: -10 }] },
    ]);
    expect(Math.max(...samples.durations)).toBe(0);
  });

  it('ranks the tornado: the widest estimate and the likeliest big risk first', () => {
    const { plan, estimates } = chain(
      [10, 10],
      [
        { distribution: 'uniform', min: 9, mode: 9, max: 11 },
        { distribution: 'uniform', min: 5, mode: 5, max: 25 },
      ],
    );
    const model = compileSimulation({
      plan,
      estimates,
      risks: [{ id: 'R', name: 'Risque', probability: 0.5, impacts: [{ task: 't0', days: 8 }] }],
    });
    const summary = summarize(model, simulate(model, 20_000, 's'), { seed: 's' });
    expect(summary.sensitivity.map((e) => e.id)).toEqual(['t1', 'R', 't0']);
    const risk = summary.sensitivity[1]!;
    expect(Math.abs(risk.meanImpactDays! - 8)).toBeLessThan(0.5);
  });
});

describe('determinism', () => {
  const input = parseScheduleRisk({
    start: '2027-01-04',
    calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] },
    tasks: [
      {
        id: 'a',
        name: 'Spécifications',
        duration: 10,
        estimate: { distribution: 'triangular', min: 8, mode: 10, max: 16 },
      },
      {
        id: 'b',
        name: 'Développement',
        duration: 20,
        estimate: { distribution: 'pert', min: 15, mode: 20, max: 35 },
      },
      { id: 'c', name: 'Recette', duration: 5 },
    ],
    dependencies: [
      { from: 'a', to: 'b', type: 'FS', lag: 0 },
      { from: 'b', to: 'c', type: 'FS', lag: 0 },
    ],
    risks: [
      {
        id: 'R1',
        name: 'Fournisseur en retard',
        probability: 0.3,
        impacts: [{ task: 'b', days: 10 }],
      },
    ],
  });
  const model = compileSimulation(input);

  it('gives the same result for the same seed, another for another seed', () => {
    const one = simulate(model, 3000, '42');
    const two = simulate(model, 3000, '42');
    const other = simulate(model, 3000, '43');
    expect(two.durations).toEqual(one.durations);
    expect(two.sums).toEqual(one.sums);
    expect(other.durations).not.toEqual(one.durations);
  });

  it('gives the same result however the blocks are split between threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (iterations, cuts) => {
          const blocks = blockCount(iterations);
          const whole = simulate(model, iterations, 'split');
          const edges = [...new Set([0, blocks, ...cuts.map((c) => c % (blocks + 1))])].sort(
            (x, y) => x - y,
          );
          const parts = edges
            .slice(1)
            .map((end, i) =>
              simulateBlocks(model.kernel, seedWords('split'), iterations, edges[i]!, end),
            )
            .reverse();
          const merged = mergeBlocks(model.kernel, iterations, parts);
          expect(merged.durations).toEqual(whole.durations);
          expect(merged.criticalCount).toEqual(whole.criticalCount);
          expect(merged.sums).toEqual(whole.sums);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports the spec example: deterministic 35 days, finish 19/02/2027, dates of the percentiles', () => {
    const summary = summarize(model, simulate(model, 10_000, '42'), {
      seed: '42',
      targetDate: '2027-02-19',
    });
    expect(summary.deterministic).toEqual({ durationDays: 35, finish: '2027-02-19' });
    expect(summary.criticality).toEqual({ a: 1, b: 1, c: 1 });
    expect(summary.histogram.reduce((s, b) => s + b.count, 0)).toBe(10_000);
    const { p10, p50, p80, p90 } = summary.durationDays;
    expect(p10).toBeLessThanOrEqual(p50);
    expect(p50).toBeLessThanOrEqual(p80);
    expect(p80).toBeLessThanOrEqual(p90);
    // Analytic mean: 34/3 + 130/6 + 5 + 0.3 × 10 = 41.
    expect(Math.abs(summary.durationDays.mean - 41)).toBeLessThan(0.4);
    // 35 working days from Monday 4 January 2027 end on Friday 19 February.
    expect(summary.target!.durationDays).toBe(35);
    expect(summary.sCurve.at(-1)!.probability).toBe(1);
  });
});

// Without estimates nor risks, every iteration is the CPM schedule: the simulation's duration
// and critical leaves must be exactly those of the planning engine, on any network.
describe('zero uncertainty is the critical path method', () => {
  const types: LinkType[] = ['FS', 'SS', 'FF', 'SF'];
  const arbitraryPlan = fc
    .record({
      durations: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 25 }),
      links: fc.array(
        fc.record({
          a: fc.nat(),
          b: fc.nat(),
          type: fc.constantFrom(...types),
          lag: fc.integer({ min: -3, max: 4 }),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ durations, links }): ProjectPlan => {
      const n = durations.length;
      const seen = new Set<string>();
      const planLinks: PlanLink[] = [];
      for (const l of links) {
        const x = l.a % n;
        const y = l.b % n;
        if (x === y) continue;
        const [from, to] = x < y ? [x, y] : [y, x];
        if (seen.has(`${from}-${to}`)) continue;
        seen.add(`${from}-${to}`);
        planLinks.push({ from: `t${from}`, to: `t${to}`, type: l.type, lag: l.lag });
      }
      return {
        start: '2027-01-04',
        calendar: { workdays: [1, 2, 3, 4, 5] },
        tasks: durations.map((d, i) => ({ id: `t${i}`, name: `T${i}`, duration: d })),
        links: planLinks,
      };
    });

  it('matches the CPM project duration and critical flags', () => {
    fc.assert(
      fc.property(arbitraryPlan, (plan) => {
        const schedule = schedulePlan(plan);
        const model = compileSimulation({ plan, estimates: new Map(), risks: [] });
        const samples = simulate(model, 3, 'cpm');
        expect(Array.from(samples.durations)).toEqual([
          schedule.projectEnd,
          schedule.projectEnd,
          schedule.projectEnd,
        ]);
        expect(Array.from(samples.criticalCount, (c) => (c === 3 ? 1 : 0))).toEqual(
          Array.from(schedule.critical),
        );
      }),
      { numRuns: 300 },
    );
  });
});
