import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignmentValue,
  greedyByDensity,
  greedyByScore,
  isFeasible,
  parseSelection,
} from './selection.ts';
import { improveBySwaps } from './selection-search.ts';

const Q = ['T1', 'T2', 'T3', 'T4'];
const each = (n: number) => Object.fromEntries(Q.map((q) => [q, n]));

describe('improveBySwaps', () => {
  it('swaps a cheap low-value project out for a better one the greedy could not place', () => {
    // By score the greedy takes A (60) then cannot fit B (90) nor C (50); the best portfolio
    // is B + C (140): one swap (A out, B in) and one add (C).
    const p = parseSelection({
      periods: Q,
      budget: each(100),
      candidates: [
        { id: 'A', name: 'A', value: 60, cost: [60] },
        { id: 'B', name: 'B', value: 90, cost: [70] },
        { id: 'C', name: 'C', value: 50, cost: [30] },
      ],
    });
    // Greedy by score: B (90) first, then C: already optimal; start from A alone instead.
    const fromA = Int32Array.from([0, -1, -1]);
    const out = improveBySwaps(p, fromA);
    expect(Array.from(out)).toEqual([-1, 0, 0]);
    expect(assignmentValue(p, out)).toBe(140);
    expect(assignmentValue(p, greedyByScore(p))).toBe(140);
  });

  it('never removes a mandatory candidate nor one that a selected candidate requires', () => {
    const p = parseSelection({
      periods: ['T1'],
      budget: { T1: 100 },
      candidates: [
        { id: 'M', name: 'M', value: 10, cost: [50], mandatory: true },
        { id: 'R', name: 'R', value: 20, cost: [40] },
        { id: 'N', name: 'N', value: 30, cost: [10], requires: ['R'] },
        { id: 'X', name: 'X', value: 55, cost: [50] },
      ],
    });
    // M + R + N = 60 fills the budget; X (55) could only enter by dropping M (mandatory) or
    // R (required by N); swapping N out frees too little.
    const start = Int32Array.from([0, 0, 0, -1]);
    const out = improveBySwaps(p, start);
    expect(out[0]).toBe(0);
    expect(isFeasible(p, out)).toBe(true);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
  });

  it('moves a candidate to a later start inside its window to make it fit', () => {
    const p = parseSelection({
      periods: Q,
      budget: each(100),
      candidates: [
        { id: 'A', name: 'A', value: 50, cost: [100] },
        { id: 'B', name: 'B', value: 40, cost: [100], earliestStart: 'T1', latestStart: 'T3' },
      ],
    });
    const out = improveBySwaps(p, Int32Array.from([0, -1]));
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(1);
  });

  it('keeps every portfolio feasible and never lowers its value (random problems)', () => {
    const candidate = fc.record({
      value: fc.integer({ min: 0, max: 100 }),
      cost: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 3 }),
      dev: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 3 }),
      window: fc.integer({ min: 0, max: 2 }),
      mandatory: fc.boolean(),
      requires: fc.option(fc.nat(), { nil: undefined }),
      excludes: fc.option(fc.nat(), { nil: undefined }),
      forcedOut: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 40, max: 200 }),
        (cs, budget) => {
          const n = cs.length;
          const file = {
            periods: Q,
            budget: each(budget),
            capacity: { dev: each(budget) },
            candidates: cs.map((c, i) => {
              const len = Math.max(c.cost.length, c.dev.length);
              const earliest = 0;
              const latest = Math.min(c.window, Q.length - len);
              const r = c.requires === undefined ? undefined : c.requires % n;
              const x = c.excludes === undefined ? undefined : c.excludes % n;
              return {
                id: `C${i}`,
                name: `C${i}`,
                value: c.value,
                cost: c.cost,
                demand: { dev: c.dev },
                earliestStart: Q[earliest],
                latestStart: Q[Math.max(0, latest)],
                ...(c.mandatory && i % 4 === 0 ? { mandatory: true } : {}),
                ...(r !== undefined && r !== i ? { requires: [`C${r}`] } : {}),
                ...(x !== undefined && x !== i && x !== r ? { excludes: [`C${x}`] } : {}),
              };
            }),
          };
          let p;
          try {
            p = parseSelection(file);
          } catch {
            return; // a file the format refuses (e.g. excludes a mandatory one): not our case
          }
          cs.forEach((c, i) => {
            if (c.forcedOut && !p.candidates[i]!.mandatory) p.candidates[i]!.forcedOut = true;
          });
          for (const start of [greedyByScore(p), greedyByDensity(p)]) {
            const out = improveBySwaps(p, start);
            if (!isFeasible(p, start)) {
              expect(Array.from(out)).toEqual(Array.from(start));
              continue;
            }
            expect(isFeasible(p, out)).toBe(true);
            expect(assignmentValue(p, out)).toBeGreaterThanOrEqual(assignmentValue(p, start));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
