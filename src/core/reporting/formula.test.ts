import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseFormula } from './formula.ts';

const known = new Set(['earned_pct', 'planned_pct', 'milestones_done', 'milestones_total', 'x']);
const run = (src: string, values: Record<string, number | null> = {}) => {
  const r = parseFormula(src, known);
  if (!r.ok) throw new Error(r.issue.message);
  return evaluate(r.ast, values);
};

describe('formula evaluation', () => {
  it.each<[string, Record<string, number | null>, number | null]>([
    ['1 + 2 * 3', {}, 7],
    ['(1 + 2) * 3', {}, 9],
    ['-2 * -3', {}, 6],
    ['10 / 4', {}, 2.5],
    ['1 / 0', {}, null],
    ['earned_pct / planned_pct', { earned_pct: 40, planned_pct: 50 }, 0.8],
    ['earned_pct / planned_pct', { earned_pct: 40, planned_pct: 0 }, null],
    ['earned_pct / planned_pct', { earned_pct: 40 }, null],
    [
      'if(milestones_total = 0, 100, milestones_done / milestones_total * 100)',
      { milestones_total: 0, milestones_done: 0 },
      100,
    ],
    ['if(x > 1, 1 / 0, 5)', { x: 0 }, 5],
    ['min(3, x, 1)', { x: null }, 1],
    ['max(3, x, 1)', { x: 7 }, 7],
    ['abs(-4.5)', {}, 4.5],
    ['round(2 / 3, 2)', {}, 0.67],
    ['1 < 2 and not (3 <= 2)', {}, 1],
    ['1 > 2 or 2 != 2', {}, 0],
    ['2 == 2', {}, 1],
    ['1e3 + .5', {}, 1000.5],
  ])('%s → %s', (src, values, expected) => {
    const r = run(src, values);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 9);
  });
});

describe('formula errors say what and where', () => {
  it.each<[string, string, number, string]>([
    ['1 +', 'syntax', 3, ''],
    ['(1 + 2', 'syntax', 6, ''],
    ['1 + * 2', 'syntax', 4, '*'],
    ['earned_pct / budget_pct', 'unknown_metric', 13, 'budget_pct'],
    ['sqrt(4)', 'unknown_function', 0, 'sqrt'],
    ['if(1, 2)', 'arity', 0, 'if'],
    ['2 $ 3', 'syntax', 2, '$'],
    ['1 2', 'syntax', 2, '2'],
    ['', 'syntax', 0, ''],
    ['constructor', 'unknown_metric', 0, 'constructor'],
  ])('%s → %s at %i', (src, reason, position, token) => {
    const r = parseFormula(src, known);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue).toMatchObject({ reason, position, token });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const r = parseFormula('('.repeat(500) + '1' + ')'.repeat(500));
    expect(r.ok).toBe(false);
  });

  it('never reads properties of the value object that are not its own', () => {
    const r = parseFormula('toString + 1');
    expect(r.ok && evaluate(r.ast, {})).toBeNull();
  });
});

describe('formula properties', () => {
  it('never throws on any input, and a parsed formula always evaluates to a finite number or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.double(), (src, x) => {
        const r = parseFormula(src);
        if (r.ok) {
          const v = evaluate(r.ast, Object.fromEntries(r.metrics.map((m) => [m, x])));
          expect(v === null || Number.isFinite(v)).toBe(true);
        }
      }),
    );
  });

  it('integer arithmetic agrees with JavaScript', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -50, max: 50 }),
        (a, b, c) => {
          expect(run(`${a} + ${b} * (${c})`)).toBe(a + b * c);
        },
      ),
    );
  });
});
