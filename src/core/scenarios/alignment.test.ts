import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../strategy/scoring.ts';
import { alignmentLevel } from './alignment.ts';

const scale = (...values: number[]) => values.map((value) => ({ value, description: '' }));

describe('alignmentLevel', () => {
  it.each([
    [scale(0, 1, 2, 3, 4), 'higher_better', 0, 0],
    [scale(0, 1, 2, 3, 4), 'higher_better', 1, 1],
    [scale(0, 1, 2, 3, 4), 'higher_better', 2, 3],
    [scale(0, 1, 2, 3, 4), 'higher_better', 3, 4],
    [scale(1, 5), 'higher_better', 1, 1],
    [scale(1, 5), 'higher_better', 2, 5],
    [scale(0, 1, 2, 3, 4), 'lower_better', 3, 0],
    [scale(0, 1, 2, 3, 4), 'lower_better', 0, 4],
  ] as const)('%j %s, strongest %i → %i', (levels, direction, strongest, expected) => {
    expect(alignmentLevel(levels, direction, strongest)).toBe(expected);
  });

  it('never scores a stronger contribution lower, and is always a level of the scale', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 11 }),
        fc.constantFrom('higher_better' as const, 'lower_better' as const),
        (values, direction) => {
          const levels = scale(...values);
          const c = { id: 'a', weight: 1, direction, levels };
          let previous = -1;
          for (let s = 0; s <= 3; s++) {
            const v = alignmentLevel(levels, direction, s);
            expect(values).toContain(v);
            const n = normalise(c, v);
            expect(n).toBeGreaterThanOrEqual(previous);
            previous = n;
          }
          expect(normalise(c, alignmentLevel(levels, direction, 3))).toBe(1);
          expect(normalise(c, alignmentLevel(levels, direction, 0))).toBe(0);
        },
      ),
    );
  });
});
