import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollUp, rollUpTree, type RollupRule } from './rollup.ts';
import { severity, type Weather, WEATHERS } from './weather.ts';

const w = (weather: Weather, weight = 1) => ({ weather, weight });

describe('rollUp', () => {
  it.each<[string, RollupRule, ReturnType<typeof w>[], Weather | null]>([
    ['nothing to roll up', 'worst', [], null],
    ['worst of sun and rain', 'worst', [w('sun'), w('rain'), w('cloud')], 'rain'],
    [
      'weighted: a big sunny project outweighs a small storm',
      'weighted',
      [w('sun', 9), w('storm', 1)],
      'sun',
    ],
    ['weighted: mean 1.5 rounds to the worse', 'weighted', [w('sun', 1), w('rain', 1)], 'cloud'],
    [
      'weighted: 3:1 sun/storm → mean 0.75 → cloud',
      'weighted',
      [w('sun', 3), w('storm', 1)],
      'cloud',
    ],
    ['weighted: zero weights fall back to equal', 'weighted', [w('sun', 0), w('storm', 0)], 'rain'],
    ['weighted: negative weight counts as zero', 'weighted', [w('sun', 1), w('storm', -5)], 'sun'],
    ['majority', 'majority', [w('sun'), w('sun'), w('storm')], 'sun'],
    ['majority tie goes to the worse', 'majority', [w('sun'), w('rain')], 'rain'],
  ])('%s', (_name, rule, inputs, expected) => expect(rollUp(inputs, rule)).toBe(expected));

  it('any rule gives a weather between the best and the worst input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weather: fc.constantFrom(...WEATHERS),
            weight: fc.double({ min: -5, max: 1000, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.constantFrom('worst', 'weighted', 'majority' as const),
        (inputs, rule) => {
          const r = rollUp(inputs, rule)!;
          const s = inputs.map((i) => severity(i.weather));
          expect(severity(r)).toBeGreaterThanOrEqual(Math.min(...s));
          expect(severity(r)).toBeLessThanOrEqual(Math.max(...s));
          if (rule === 'worst') expect(severity(r)).toBe(Math.max(...s));
        },
      ),
    );
  });
});

describe('rollUpTree', () => {
  it('rolls sub-projects into their parent, grandchildren first', () => {
    const result = rollUpTree(
      [
        { id: 'A', parentId: null, weather: 'sun', weight: 1 },
        { id: 'B', parentId: 'A', weather: 'cloud', weight: 1 },
        { id: 'C', parentId: 'B', weather: 'storm', weight: 1 },
        { id: 'D', parentId: null, weather: null, weight: 1 },
        { id: 'E', parentId: 'D', weather: null, weight: 1 },
      ],
      'worst',
    );
    expect(Object.fromEntries(result)).toEqual({
      A: 'storm',
      B: 'storm',
      C: 'storm',
      D: null,
      E: null,
    });
  });

  it('a parent without its own report takes its children’s weather', () => {
    const result = rollUpTree(
      [
        { id: 'P', parentId: null, weather: null, weight: 1 },
        { id: 'X', parentId: 'P', weather: 'cloud', weight: 1 },
      ],
      'majority',
    );
    expect(result.get('P')).toBe('cloud');
  });

  it('survives a cycle', () => {
    const result = rollUpTree(
      [
        { id: 'A', parentId: 'B', weather: 'sun', weight: 1 },
        { id: 'B', parentId: 'A', weather: 'rain', weight: 1 },
      ],
      'worst',
    );
    expect(result.get('A')).toBe('rain');
  });
});
