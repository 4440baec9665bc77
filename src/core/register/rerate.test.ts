import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS as S, type RiskSettings } from '../risks/register.ts';
import {
  levelMap,
  mapLevel,
  matrixMix,
  matrixNotMonotone,
  monthEnds,
  rerateSummary,
  riskTrend,
  trendPoints,
  type TrendChange,
  type TrendPoint,
} from './rerate.ts';

describe('re-rating levels when a scale changes size', () => {
  it.each([
    [5, 4, [0, 1, 2, 3, 3, 4]],
    [4, 5, [0, 1, 2, 4, 5]],
    [5, 3, [0, 1, 2, 2, 3, 3]],
    [3, 5, [0, 1, 3, 5]],
    [5, 5, [0, 1, 2, 3, 4, 5]],
  ])('maps a %i-level scale onto %i levels', (from, to, expected) => {
    expect(levelMap(from, to)).toEqual(expected);
  });

  it('keeps the ends, stays on the scale and never inverts two risks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 2, max: 10 }), (from, to) => {
        const map = levelMap(from, to);
        expect(map[0]).toBe(0);
        expect(map[1]).toBe(1);
        expect(map[from]).toBe(to);
        for (let l = 1; l <= from; l++) {
          expect(map[l]).toBeGreaterThanOrEqual(1);
          expect(map[l]).toBeLessThanOrEqual(to);
          if (l > 1) expect(map[l]).toBeGreaterThanOrEqual(map[l - 1]!);
        }
        // Same size: identity.
        expect(levelMap(from, from)).toEqual([...Array(from + 1).keys()]);
      }),
    );
  });

  it('clamps a level above the old scale', () => {
    expect(mapLevel(7, 5, 5)).toBe(5);
    expect(mapLevel(0, 5, 4)).toBe(0);
  });

  it('says what a settings change re-rates', () => {
    expect(rerateSummary(S, S)).toEqual({
      probabilityMap: null,
      impactMap: null,
      emvChanges: false,
    });
    const fewer: RiskSettings = {
      ...S,
      impact: S.impact.slice(0, 4),
      matrix: S.matrix.map((r) => r.slice(0, 4)),
    };
    expect(rerateSummary(S, fewer)).toEqual({
      probabilityMap: null,
      impactMap: [0, 1, 2, 3, 3, 4],
      emvChanges: false,
    });
    const likelier: RiskSettings = {
      ...S,
      probability: S.probability.map((l, k) => (k === 0 ? { ...l, percent: 8 } : l)),
    };
    expect(rerateSummary(S, likelier).emvChanges).toBe(true);
  });
});

describe('the matrix', () => {
  it('counts the cells per criticality', () => {
    expect(matrixMix(S)).toEqual({ low: 6, moderate: 9, high: 7, critical: 3 });
  });

  it('finds a cell rated lower than a less likely or less severe one', () => {
    expect(matrixNotMonotone(S)).toBeUndefined();
    const bad: RiskSettings = { ...S, matrix: S.matrix.map((r) => [...r]) };
    bad.matrix[4]![4] = 'low';
    expect(matrixNotMonotone(bad)).toEqual({ probability: 5, impact: 5 });
  });
});

describe('the risk trend', () => {
  it('lists month ends, across a year end', () => {
    expect(monthEnds('2025-11-14', '2026-02-03')).toEqual([
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
    ]);
    expect(monthEnds('2026-03-01', '2026-01-01')).toEqual([]);
  });

  it('counts the risks of each period by criticality and sums the threat exposure', () => {
    const rows = riskTrend(
      S,
      ['2026-01-31', '2026-02-28'],
      [
        { period: '2026-01-31', probability: 5, impact: 5, emvCents: 1000, kind: 'threat' },
        { period: '2026-01-31', probability: 1, impact: 1, emvCents: -300, kind: 'opportunity' },
        { period: '2026-02-28', probability: 4, impact: 3, emvCents: 500, kind: 'threat' },
        { period: '2099-01-31', probability: 4, impact: 3, emvCents: 500, kind: 'threat' },
      ],
    );
    expect(rows).toEqual([
      {
        period: '2026-01-31',
        counts: { low: 1, moderate: 0, high: 0, critical: 1 },
        total: 2,
        exposureCents: 1000,
      },
      {
        period: '2026-02-28',
        counts: { low: 0, moderate: 0, high: 1, critical: 0 },
        total: 1,
        exposureCents: 500,
      },
    ]);
  });

  it('never loses a point: totals add up to the points in the periods', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            period: fc.constantFrom('a', 'b', 'c'),
            probability: fc.integer({ min: 1, max: 5 }),
            impact: fc.integer({ min: 0, max: 5 }),
            emvCents: fc.integer({ min: 0, max: 1e9 }),
            kind: fc.constantFrom('threat' as const, 'opportunity' as const),
          }),
        ),
        (points) => {
          const rows = riskTrend(S, ['a', 'b'], points);
          const inside = points.filter((p) => p.period !== 'c');
          expect(rows.reduce((s, r) => s + r.total, 0)).toBe(inside.length);
          for (const r of rows) {
            const c = r.counts;
            expect(c.low + c.moderate + c.high + c.critical).toBe(r.total);
          }
        },
      ),
    );
  });

  it('grouped points (count, Σ EMV) give the same rows as the risks one by one', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            period: fc.constantFrom('a', 'b'),
            probability: fc.integer({ min: 1, max: 5 }),
            impact: fc.integer({ min: 0, max: 5 }),
            emvCents: fc.integer({ min: -1e6, max: 1e6 }),
            kind: fc.constantFrom('threat' as const, 'opportunity' as const),
          }),
        ),
        (points) => {
          const groups = new Map<string, TrendPoint>();
          for (const p of points) {
            const key = `${p.period}|${p.probability}|${p.impact}|${p.kind}`;
            const g = groups.get(key);
            if (g) {
              g.count = (g.count ?? 1) + 1;
              g.emvCents += p.emvCents;
            } else groups.set(key, { ...p, count: 1 });
          }
          expect(riskTrend(S, ['a', 'b'], [...groups.values()])).toEqual(
            riskTrend(S, ['a', 'b'], points),
          );
        },
      ),
    );
  });

  it('the monthly changes give, at each month end, the open risks as last assessed', () => {
    const iso = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    const assessment = fc.record({
      day: fc.integer({ min: 0, max: 420 }),
      probability: fc.integer({ min: 1, max: 5 }),
      impact: fc.integer({ min: 0, max: 5 }),
      open: fc.boolean(),
      emvCents: fc.integer({ min: 0, max: 1e7 }),
    });
    const risk = fc.record({
      kind: fc.constantFrom('threat' as const, 'opportunity' as const),
      history: fc.array(assessment, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(risk, { maxLength: 12 }), fc.boolean(), (risks, late) => {
        const periods = monthEnds(late ? '2026-04-01' : '2026-01-01', '2026-12-31');
        const last = periods.at(-1)!;
        const naive: TrendPoint[] = [];
        const changes: TrendChange[] = [];
        for (const r of risks) {
          // In date order, a same-day re-assessment after the first (the database's order).
          const h = r.history
            .map((a, k) => ({ ...a, on: iso(a.day), k }))
            .filter((a) => a.on <= last)
            .sort((a, b) => a.day - b.day || a.k - b.k);
          for (const period of periods) {
            const at = h.filter((a) => a.on <= period).at(-1);
            if (at?.open) naive.push({ period, ...at, kind: r.kind });
          }
          h.forEach((a, j) => {
            if (!a.open) return;
            const m0 = a.on.slice(0, 7);
            const m1 = h[j + 1]?.on.slice(0, 7);
            if (m1 !== undefined && m1 <= m0) return;
            const cell = { probability: a.probability, impact: a.impact, kind: r.kind };
            changes.push({ month: m0, ...cell, count: 1, emvCents: a.emvCents });
            if (m1) changes.push({ month: m1, ...cell, count: -1, emvCents: -a.emvCents });
          });
        }
        expect(riskTrend(S, periods, trendPoints(periods, changes))).toEqual(
          riskTrend(S, periods, naive),
        );
      }),
    );
  });
});
