import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRaci, nextRaciValue, RACI_LETTERS, type RaciLetter } from './raci.ts';

describe('checkRaci', () => {
  it.each([
    ['one A and one R', { a: ['A'], b: ['R'] }, []],
    ['A and R held by the same column', { a: ['A', 'R'] }, []],
    ['no Accountable', { a: ['R'], b: ['C'] }, ['no_accountable']],
    ['two Accountable', { a: ['A'], b: ['A'], c: ['R'] }, ['several_accountable']],
    ['nobody Responsible', { a: ['A'], b: ['I'] }, ['no_responsible']],
    ['an empty row', {}, ['no_accountable', 'no_responsible']],
  ] as const)('%s', (_, cells, problems) => {
    const out = checkRaci([{ key: 'r', activity: 'x', cells }]);
    expect(out).toEqual(problems.length ? [{ key: 'r', problems }] : []);
  });

  it('flags a row exactly when it lacks one A or any R', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.subarray([...RACI_LETTERS])),
        (cells) => {
          const a = Object.values(cells).filter((l) => l.includes('A')).length;
          const r = Object.values(cells).filter((l) => l.includes('R')).length;
          const flagged = checkRaci([{ key: 'k', activity: 'x', cells }]).length === 1;
          expect(flagged).toBe(a !== 1 || r === 0);
        },
      ),
    );
  });
});

describe('nextRaciValue', () => {
  it('cycles through the usual values and back to empty', () => {
    const seen: string[] = [];
    let v: RaciLetter[] = [];
    for (let i = 0; i < 6; i++) {
      v = nextRaciValue(v);
      seen.push(v.join('+'));
    }
    expect(seen).toEqual(['R', 'A', 'A+R', 'C', 'I', '']);
  });
});
