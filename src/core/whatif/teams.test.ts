import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapping, rangesOverlap, teamOn } from './teams.ts';

const r = (start: string, finish: string | null) => ({ start, finish });

describe('rangesOverlap (table)', () => {
  const cases: [string, ReturnType<typeof r>, ReturnType<typeof r>, boolean][] = [
    ['disjoint', r('2026-01-01', '2026-01-31'), r('2026-02-01', null), false],
    ['touching on a day', r('2026-01-01', '2026-02-01'), r('2026-02-01', null), true],
    ['both open-ended', r('2026-01-01', null), r('2027-01-01', null), true],
    ['inside', r('2026-01-01', '2026-12-31'), r('2026-03-01', '2026-03-31'), true],
    ['before an open one', r('2025-01-01', '2025-12-31'), r('2026-01-01', null), false],
  ];
  for (const [name, a, b, want] of cases) {
    it(name, () => {
      expect(rangesOverlap(a, b)).toBe(want);
      expect(rangesOverlap(b, a)).toBe(want);
    });
  }
});

const day = fc
  .integer({ min: 0, max: 800 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
const range = fc
  .tuple(day, fc.option(day))
  .map(([a, b]) => (b === null ? r(a, null) : a <= b ? r(a, b) : r(b, a)));

describe('memberships (properties)', () => {
  it('overlap is symmetric and holds exactly when a day is in both', () => {
    fc.assert(
      fc.property(range, range, day, (a, b, d) => {
        expect(rangesOverlap(a, b)).toBe(rangesOverlap(b, a));
        const inA = a.start <= d && (a.finish === null || d <= a.finish);
        const inB = b.start <= d && (b.finish === null || d <= b.finish);
        if (inA && inB) expect(rangesOverlap(a, b)).toBe(true);
      }),
    );
  });

  it('memberships accepted one by one never give two teams on a day', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), day, (ranges, d) => {
        const kept: { id: string; teamId: string; start: string; finish: string | null }[] = [];
        ranges.forEach((x, i) => {
          if (!overlapping(kept, x)) kept.push({ id: `m${i}`, teamId: `t${i}`, ...x });
        });
        const teams = kept.filter((m) => m.start <= d && (m.finish === null || d <= m.finish));
        expect(teams.length).toBeLessThanOrEqual(1);
        expect(teamOn(kept, d)).toBe(teams[0]?.teamId ?? null);
      }),
    );
  });

  it('a membership does not overlap itself when it is the one changed', () => {
    const m = { id: 'a', teamId: 't', start: '2026-01-01', finish: null };
    expect(overlapping([m], r('2026-06-01', null), 'a')).toBeUndefined();
    expect(overlapping([m], r('2026-06-01', null))).toBe(m);
  });
});
