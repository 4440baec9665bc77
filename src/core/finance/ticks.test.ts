import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks.ts';

describe('niceTicks', () => {
  it.each([
    // 3 527 332 € (the portfolio year chart's top month): 1 M€ steps to 4 M€.
    [352_733_200, [0, 100_000_000, 200_000_000, 300_000_000, 400_000_000]],
    [100_000_000, [0, 25_000_000, 50_000_000, 75_000_000, 100_000_000]],
    [90_000_00, [0, 2_500_000, 5_000_000, 7_500_000, 10_000_000]],
    [0, [0, 100]],
    [150, [0, 100, 200]],
  ])('graduates %i', (max, ticks) => {
    expect(niceTicks(max).ticks).toEqual(ticks);
  });

  it('covers the maximum with 2 to 10 round steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), (max) => {
        const { top, ticks } = niceTicks(max);
        expect(top).toBeGreaterThanOrEqual(max);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBe(top);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(11);
        const step = ticks[1]!;
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        expect([1, 2, 2.5, 5]).toContain(Number(mantissa.toFixed(6)));
        expect(top - step).toBeLessThan(max);
      }),
    );
  });
});
