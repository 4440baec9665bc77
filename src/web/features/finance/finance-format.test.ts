import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMinorUnits } from '../../../core/tabular/csv.ts';
import { minorToInput } from './finance-format.ts';

describe('minorToInput', () => {
  it.each([
    [0, 'fr', '0,00'],
    [5, 'fr', '0,05'],
    [123456, 'fr', '1 234,56'],
    [4908814, 'fr', '49 088,14'],
    [-123456789, 'fr', '-1 234 567,89'],
    [4908814, 'en', '49,088.14'],
    [99999, 'en', '999.99'],
  ] as const)('%i in %s → %s', (minor, locale, text) => {
    expect(minorToInput(minor, locale)).toBe(text);
  });

  it('is read back exactly by parseMinorUnits, in both languages', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom('fr', 'en'), (m, l) => {
        expect(parseMinorUnits(minorToInput(m, l as 'fr' | 'en'))).toBe(m);
      }),
    );
  });
});
