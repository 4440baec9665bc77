import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthRange, addMonths, daysInMonth, monthNumber, monthOf } from './months.ts';
import { spreadByWeights, spreadOverMonths } from './phasing.ts';

describe('spreadByWeights', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [10, [0, 0], [5, 5]],
    [7, [2, 1], [5, 2]],
    [1, [1, 1, 1], [1, 0, 0]],
    [0, [3, 4], [0, 0]],
    [999, [1, 2, 3, 4], [100, 200, 300, 399]],
  ])('%i over %j is %j', (amount, weights, parts) =>
    expect(spreadByWeights(amount, weights)).toEqual(parts),
  );

  it('keeps the total exactly and never moves a part by more than one unit from its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
        (amount, weights) => {
          const parts = spreadByWeights(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          const total = weights.reduce((s, w) => s + w, 0);
          parts.forEach((p, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * weights[i]!) / total;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6 * Math.abs(amount));
          });
        },
      ),
    );
  });
});

describe('spreadOverMonths', () => {
  it('spreads 1 000,00 € over a quarter to the cent', () => {
    expect(spreadOverMonths(100000, '2026-11', '2027-01')).toEqual([
      { month: '2026-11', amount: 33334 },
      { month: '2026-12', amount: 33333 },
      { month: '2027-01', amount: 33333 },
    ]);
  });
});

describe('months', () => {
  it('round-trips month numbers and ranges across years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900 * 12, max: 2200 * 12 }), (n) => {
        expect(monthNumber(monthOf(n))).toBe(n);
        expect(addMonths(monthOf(n), 13)).toBe(monthOf(n + 13));
      }),
    );
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
  it.each([
    ['2024-02', 29],
    ['2026-02', 28],
    ['2100-02', 28],
    ['2000-02', 29],
    ['2026-04', 30],
    ['2026-12', 31],
  ])('%s has %i days', (m, d) => expect(daysInMonth(m)).toBe(d));
});
