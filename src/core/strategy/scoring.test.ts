import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Criterion,
  ScoringError,
  normalise,
  scoreCandidates,
  validateModel,
} from './scoring.ts';

const scale = (n: number) =>
  Array.from({ length: n }, (_x, i) => ({ value: i, description: `niveau ${i}` }));
const crit = (id: string, weight: number, direction: Criterion['direction'] = 'higher_better') => ({
  id,
  weight,
  direction,
  levels: scale(4), // 0–3
});

describe('validateModel', () => {
  it.each([
    [[], 'criteria'],
    [[crit('a', 1), crit('a', 2)], 'criteria[1].id'],
    [[crit('a', -1)], 'criteria[0].weight'],
    [[crit('a', 0)], 'criteria'],
    [[{ ...crit('a', 1), levels: [{ value: 1, description: '' }] }], 'criteria[0].levels'],
    [
      [
        {
          ...crit('a', 1),
          levels: [
            { value: 1, description: '' },
            { value: 1, description: '' },
          ],
        },
      ],
      'criteria[0].levels',
    ],
  ])('refuses %j at %s', (criteria, path) => {
    expect(() => validateModel(criteria as Criterion[])).toThrow(ScoringError);
    try {
      validateModel(criteria as Criterion[]);
    } catch (err) {
      expect((err as ScoringError).path).toBe(path);
    }
  });
});

describe('scoreCandidates', () => {
  const model = [crit('value', 3), crit('risk', 1, 'lower_better')];

  it('explains a score per criterion and per evaluator, with the spread', () => {
    const [a, b] = scoreCandidates(
      model,
      ['A', 'B'],
      [
        { candidateId: 'A', evaluatorId: 'e1', criterionId: 'value', value: 3 },
        { candidateId: 'A', evaluatorId: 'e2', criterionId: 'value', value: 1 },
        { candidateId: 'A', evaluatorId: 'e1', criterionId: 'risk', value: 0 },
        { candidateId: 'B', evaluatorId: 'e1', criterionId: 'value', value: 2 },
      ],
    );
    // A: value mean 2 → 2/3 × 0.75; risk 0 (lower is better) → 1 × 0.25. Total 75.
    expect(a!.candidateId).toBe('A');
    expect(a!.total).toBeCloseTo(75, 9);
    expect(a!.rank).toBe(1);
    expect(a!.completeness).toBe(1);
    const value = a!.criteria.find((c) => c.criterionId === 'value')!;
    expect(value).toMatchObject({ mean: 2, spread: 2 });
    expect(value.relativeSpread).toBeCloseTo(2 / 3, 12);
    expect(a!.maxRelativeSpread).toBeCloseTo(2 / 3, 12);
    // e1: (3×1 + 1×1)/4 = 100; e2 scored value only: 1/3 → 33.3.
    expect(a!.evaluators[0]).toMatchObject({ evaluatorId: 'e1', scored: 2 });
    expect(a!.evaluators[0]!.total).toBeCloseTo(100, 9);
    expect(a!.evaluators[1]!.total).toBeCloseTo(100 / 3, 9);
    // B: risk unscored counts 0 and lowers completeness.
    expect(b!.total).toBeCloseTo(50, 9);
    expect(b!.completeness).toBeCloseTo(0.75, 12);
    expect(b!.criteria.find((c) => c.criterionId === 'risk')!.mean).toBeNull();
  });

  it.each([
    [
      { candidateId: 'A', evaluatorId: 'e', criterionId: 'nope', value: 1 },
      'evaluations[0].criterionId',
    ],
    [
      { candidateId: 'Z', evaluatorId: 'e', criterionId: 'value', value: 1 },
      'evaluations[0].candidateId',
    ],
    [
      { candidateId: 'A', evaluatorId: 'e', criterionId: 'value', value: 7 },
      'evaluations[0].value',
    ],
  ])('refuses %j', (row, path) => {
    try {
      scoreCandidates(model, ['A'], [row]);
      expect.unreachable();
    } catch (err) {
      expect((err as ScoringError).path).toBe(path);
    }
  });

  it('refuses the same evaluator twice on one criterion', () => {
    const row = { candidateId: 'A', evaluatorId: 'e', criterionId: 'value', value: 1 };
    expect(() => scoreCandidates(model, ['A'], [row, row])).toThrow(/twice/);
  });

  it('shares ranks on equal scores', () => {
    const r = scoreCandidates(
      model,
      ['A', 'B', 'C'],
      ['A', 'B'].map((candidateId) => ({
        candidateId,
        evaluatorId: 'e',
        criterionId: 'value',
        value: 2,
      })),
    );
    expect(r.map((s) => [s.candidateId, s.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
  });

  it('totals stay within 0–100, equal the sum of contributions, and are monotone (property)', () => {
    const evalRow = fc.record({
      evaluatorId: fc.constantFrom('e1', 'e2', 'e3'),
      criterionId: fc.constantFrom('value', 'risk'),
      value: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(evalRow, { selector: (e) => `${e.evaluatorId}/${e.criterionId}` }),
        (rows) => {
          const evals = rows.map((r) => ({ ...r, candidateId: 'A' }));
          const [s] = scoreCandidates(model, ['A'], evals);
          expect(s!.total).toBeGreaterThanOrEqual(-1e-9);
          expect(s!.total).toBeLessThanOrEqual(100 + 1e-9);
          const sum = s!.criteria.reduce((x, c) => x + c.contribution, 0) * 100;
          expect(s!.total).toBeCloseTo(sum, 9);
          // Raising a "value" level never lowers the total.
          const up = evals.map((e) =>
            e.criterionId === 'value' ? { ...e, value: Math.min(3, e.value + 1) } : e,
          );
          expect(scoreCandidates(model, ['A'], up)[0]!.total).toBeGreaterThanOrEqual(
            s!.total - 1e-9,
          );
        },
      ),
    );
  });

  it('normalises with direction', () => {
    expect(normalise(crit('x', 1), 3)).toBe(1);
    expect(normalise(crit('x', 1, 'lower_better'), 3)).toBe(0);
  });
});
