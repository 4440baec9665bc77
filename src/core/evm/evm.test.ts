import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVM_THRESHOLDS,
  benefitsTracking,
  evmStatuses,
  evmTrend,
  attributeToLines,
  etcByMonthTotal,
  forecastFigures,
  forecastStart,
  isDue,
  lineChanges,
  spreadByWeights,
  periodAt,
  phasingIssues,
  policyInForce,
  snapshotMonthFor,
  thresholdIssues,
  thresholdsInForce,
} from './evm.ts';

const strict = {
  spi: { watch: 1, alert: 0.97 },
  cpi: { watch: 0.98, alert: 0.95 },
  vac: { watch: 0, alert: -0.02 },
};

describe('EVM statuses and thresholds', () => {
  it.each([
    // spi, cpi, vac, bac, thresholds, expected
    [0.96, 0.96, -400, 10000, DEFAULT_EVM_THRESHOLDS, ['good', 'good', 'good']],
    [0.96, 0.96, -400, 10000, strict, ['alert', 'watch', 'alert']],
    [0.98, 0.96, -100, 10000, strict, ['watch', 'watch', 'watch']],
    [0.92, 0.89, -600, 10000, DEFAULT_EVM_THRESHOLDS, ['watch', 'alert', 'watch']],
    [0.95, 0.9, -1000, 10000, DEFAULT_EVM_THRESHOLDS, ['good', 'watch', 'watch']],
    [null, null, 0, 0, DEFAULT_EVM_THRESHOLDS, [null, null, null]],
    [1.2, 1.1, 500, 10000, strict, ['good', 'good', 'good']],
  ] as const)('spi %s cpi %s vac %s/%s', (spi, cpi, vac, bac, t, expected) => {
    const s = evmStatuses({ spi, cpi, vac, bac }, t);
    expect([s.spi, s.cpi, s.vac]).toEqual(expected);
  });

  it('the portfolio override wins over the company, which wins over the defaults', () => {
    expect(thresholdsInForce(null, null)).toBe(DEFAULT_EVM_THRESHOLDS);
    expect(thresholdsInForce(strict, null)).toBe(strict);
    expect(thresholdsInForce(DEFAULT_EVM_THRESHOLDS, strict)).toBe(strict);
  });

  it('rejects an alert above watch, out-of-range values and more than 4 decimals', () => {
    expect(thresholdIssues(DEFAULT_EVM_THRESHOLDS)).toEqual([]);
    expect(thresholdIssues({ ...strict, spi: { watch: 0.9, alert: 0.95 } })).toEqual([
      { path: ['spi', 'alert'], message: 'must not be above the watch level' },
    ]);
    expect(thresholdIssues({ ...strict, cpi: { watch: 0, alert: 0 } }).map((i) => i.path)).toEqual([
      ['cpi', 'watch'],
      ['cpi', 'alert'],
    ]);
    expect(thresholdIssues({ ...strict, vac: { watch: 0.12345, alert: -2 } })).toHaveLength(2);
  });

  it('property: a better index never gets a worse status', () => {
    const rank = { good: 2, watch: 1, alert: 0 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, d) => {
          const lo = evmStatuses({ spi: a, cpi: a, vac: 0, bac: 1 }, strict);
          const hi = evmStatuses({ spi: a + d, cpi: a + d, vac: 0, bac: 1 }, strict);
          expect(rank[hi.spi!]).toBeGreaterThanOrEqual(rank[lo.spi!]);
          expect(rank[hi.cpi!]).toBeGreaterThanOrEqual(rank[lo.cpi!]);
        },
      ),
    );
  });
});

describe('trend', () => {
  it('computes SPI/CPI per snapshot and where they head', () => {
    const t = evmTrend([
      { month: '2026-03', pv: 300, ev: 240, ac: 300 },
      { month: '2026-01', pv: 100, ev: 100, ac: 100 },
      { month: '2026-02', pv: 200, ev: 190, ac: 200 },
      { month: '2026-04', pv: 400, ev: 400, ac: 380 },
    ]);
    expect(t.points.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(t.points[2]).toEqual({ month: '2026-03', spi: 0.8, cpi: 0.8 });
    expect(t.spi).toBe('improving'); // 1 vs mean(1, 0.95, 0.8)
    expect(evmTrend([{ month: '2026-01', pv: 0, ev: 0, ac: 0 }]).spi).toBeNull();
    expect(
      evmTrend([
        { month: '2026-01', pv: 100, ev: 100, ac: 100 },
        { month: '2026-02', pv: 100, ev: 90, ac: 100 },
      ]).cpi,
    ).toBe('worsening');
  });

  it.each([
    ['2026-03-01', '2026-02', '2026-02-28'],
    ['2028-03-15', '2028-02', '2028-02-29'],
    ['2026-01-01', '2025-12', '2025-12-31'],
  ])('on %s the snapshot is the end of %s', (today, month, statusDate) => {
    expect(snapshotMonthFor(today)).toEqual({ month, statusDate });
  });
});

describe('forecast cycle', () => {
  it('EAC = AC + ΣETC, variance to BAC and change since the previous approved forecast', () => {
    expect(
      forecastFigures({
        ac: 40_000,
        bac: 100_000,
        etcByMonth: [
          { month: '2026-05', amount: 30_000 },
          { month: '2026-06', amount: 40_000 },
        ],
        previousEac: 105_000,
      }),
    ).toEqual({
      etc: 70_000,
      eac: 110_000,
      variance: -10_000,
      variancePct: -0.1,
      changeSincePrevious: 5_000,
    });
    expect(forecastFigures({ ac: 0, bac: 0, etcByMonth: [], previousEac: null })).toMatchObject({
      variancePct: null,
      changeSincePrevious: null,
    });
  });

  it('names each bad month of the phasing', () => {
    expect(
      phasingIssues('2026-05', [
        { month: '2026-04', amount: 1 },
        { month: '2026-05', amount: -1 },
        { month: '2026-05', amount: 2 },
      ]).map((i) => i.path.join('.')),
    ).toEqual(['etcByMonth.0.month', 'etcByMonth.1.amount', 'etcByMonth.2.month']);
  });

  it('property: EAC − AC is the sum of the phasing', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.array(fc.nat(1e8), { maxLength: 36 }), (ac, amounts) => {
        const f = forecastFigures({
          ac,
          bac: 1e9,
          etcByMonth: amounts.map((amount, i) => ({ month: periodAt('2026-01', i), amount })),
          previousEac: null,
        });
        expect(f.eac - ac).toBe(amounts.reduce((s, a) => s + a, 0));
        expect(f.variance).toBe(1e9 - f.eac);
      }),
    );
  });
});

describe('discount-rate policy', () => {
  const policies = [
    { effectiveFrom: '2025-01-01', rate: '8' },
    { effectiveFrom: '2026-07-01', rate: '7.5' },
  ];
  it.each([
    ['2024-12-31', null],
    ['2025-01-01', '8'],
    ['2026-06-30', '8'],
    ['2026-07-01', '7.5'],
    ['2030-01-01', '7.5'],
  ])('on %s the rate is %s', (date, rate) => {
    expect(policyInForce(policies, date)?.rate ?? null).toBe(rate);
  });
});

describe('benefits tracking', () => {
  it('planned by period from the case, realised recorded, gaps and realisation rate', () => {
    const r = benefitsTracking({
      firstPeriod: '2026',
      planned: [
        { kind: 'saving', amounts: [0, 100_000, 200_000], confidence: 50 },
        { kind: 'revenue', amounts: [0, 50_000, 50_000] },
      ],
      realised: [
        { period: '2027', amount: 120_000 },
        { period: '2029', amount: 10_000 },
      ],
      asOf: '2027-11',
    });
    expect(r.rows).toEqual([
      { period: '2026', planned: 0, expected: 0, realised: 0, gap: 0 },
      { period: '2027', planned: 150_000, expected: 100_000, realised: 120_000, gap: -30_000 },
      { period: '2028', planned: 250_000, expected: 150_000, realised: 0, gap: -250_000 },
      { period: '2029', planned: 0, expected: 0, realised: 10_000, gap: 10_000 },
    ]);
    expect(r.totals).toEqual({
      planned: 400_000,
      expected: 250_000,
      realised: 130_000,
      gap: -270_000,
      plannedToDate: 150_000,
      gapToDate: -20_000,
    });
    expect(r.realisationRate).toBeCloseTo(130_000 / 150_000, 10);
    expect(isDue('2027', '2027-01')).toBe(true);
    expect(isDue('2027-02', '2027-01')).toBe(false);
    expect(isDue('2028', '2027-12')).toBe(false);
  });

  it('monthly periods roll over the year', () => {
    expect(periodAt('2026-11', 3)).toBe('2027-02');
    expect(periodAt('2026', 2)).toBe('2028');
  });

  it('property: totals are the sums of the rows, whatever the periods', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(1e7), { maxLength: 10 }), { maxLength: 4 }),
        fc.array(fc.record({ period: fc.integer({ min: 2020, max: 2040 }), amount: fc.nat(1e7) }), {
          maxLength: 10,
        }),
        (lines, realised) => {
          const r = benefitsTracking({
            firstPeriod: '2026',
            planned: lines.map((amounts) => ({ kind: 'saving', amounts })),
            realised: realised.map((x) => ({ period: String(x.period), amount: x.amount })),
          });
          const s = (k: 'planned' | 'realised') => r.rows.reduce((a, row) => a + row[k], 0);
          expect(r.totals.planned).toBe(lines.flat().reduce((a, b) => a + b, 0));
          expect(r.totals.planned).toBe(s('planned'));
          expect(r.totals.realised).toBe(realised.reduce((a, x) => a + x.amount, 0));
          expect(r.totals.realised).toBe(s('realised'));
        },
      ),
    );
  });
});

describe('bottom-up re-forecast', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [3, 1], [75, 25]],
    [10, [0, 0], [5, 5]],
    [7, [0, 5, 0], [0, 7, 0]],
    [0, [2, 3], [0, 0]],
    [5, [], []],
    // Amount × weight past 2^53 stays exact.
    [9_000_000_000_000, [7_000_000_000, 3_000_000_001], [6_299_999_999_370, 2_700_000_000_630]],
  ])('spreads %s over %j', (amount, weights, expected) => {
    expect(spreadByWeights(amount, weights)).toEqual(expected);
  });

  it('the parts always sum to the amount, each within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          const parts = spreadByWeights(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * weights[i]!) / total;
            expect(Math.abs(p - exact)).toBeLessThan(1.000001);
          });
        },
      ),
    );
  });

  const lines = [
    {
      lineId: 'a',
      amounts: [
        { month: '2026-03', amount: 100 },
        { month: '2026-04', amount: 300 },
      ],
    },
    { lineId: 'b', amounts: [{ month: '2026-04', amount: 100 }] },
  ];

  it('attributes a project-level amount by the budget still to come, keeps line amounts', () => {
    expect(
      attributeToLines(
        [
          { month: '2026-04', amount: 800 },
          { month: '2026-04', amount: 10, lineId: 'b' },
          { month: '2026-05', amount: 0, lineId: 'a' },
        ],
        lines,
      ),
    ).toEqual([
      { lineId: 'a', month: '2026-04', amount: 600 },
      { lineId: 'b', month: '2026-04', amount: 210 },
    ]);
    // Without lines, the entries stay on the project.
    expect(attributeToLines([{ month: '2026-04', amount: 5 }], [])).toEqual([
      { lineId: null, month: '2026-04', amount: 5 },
    ]);
  });

  it('attribution keeps the total of every month', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            month: fc.constantFrom('2026-03', '2026-04', '2026-05'),
            amount: fc.integer({ min: 0, max: 1_000_000 }),
            lineId: fc.constantFrom(null, 'a', 'b'),
          }),
          { maxLength: 20 },
        ),
        (entries) => {
          const out = attributeToLines(entries, lines);
          const before = etcByMonthTotal(entries).filter((m) => m.amount > 0);
          expect(etcByMonthTotal(out)).toEqual(before);
          expect(out.every((e) => e.lineId !== null)).toBe(true);
        },
      ),
    );
  });

  it('what changed per line since the previous approved forecast', () => {
    expect(
      lineChanges(
        [
          { lineId: 'b', month: '2026-05', amount: 40 },
          { lineId: 'a', month: '2026-05', amount: 10 },
          { lineId: 'a', month: '2026-06', amount: 5 },
        ],
        [
          { lineId: 'a', month: '2026-04', amount: 20 },
          { lineId: 'c', month: '2026-04', amount: 7 },
        ],
        ['a', 'b', 'c'],
      ),
    ).toEqual([
      { lineId: 'a', etc: 15, previousEtc: 20 },
      { lineId: 'b', etc: 40, previousEtc: 0 },
      { lineId: 'c', etc: 0, previousEtc: 7 },
    ]);
    expect(lineChanges([{ lineId: 'a', month: '2026-05', amount: 1 }], null)).toEqual([
      { lineId: 'a', etc: 1, previousEtc: null },
    ]);
  });

  it.each([
    {
      name: 'months before the period are dropped, a line and month given twice is merged',
      approved: [
        { lineId: 'a', month: '2026-10', amount: 100 },
        { lineId: 'a', month: '2026-11', amount: 30 },
        { lineId: 'a', month: '2026-11', amount: 12 },
        { lineId: 'b', month: '2026-12', amount: 7 },
      ],
      lines: ['b', 'a', 'c'],
      cells: [
        { lineId: 'b', month: '2026-12', amount: 7 },
        { lineId: 'a', month: '2026-11', amount: 42 },
      ],
      covered: ['b', 'a'],
    },
    {
      name: 'a line spent by the period is covered with no cell; a deleted line is ignored',
      approved: [
        { lineId: 'a', month: '2026-10', amount: 100 },
        { lineId: 'gone', month: '2026-12', amount: 5 },
        { lineId: 'b', month: '2026-11', amount: 0 },
      ],
      lines: ['a', 'b'],
      cells: [],
      covered: ['a', 'b'],
    },
    {
      name: 'a project without lines starts from its project-level row',
      approved: [
        { month: '2026-11', amount: 9 },
        { lineId: null, month: '2027-01', amount: 1 },
      ],
      lines: [],
      cells: [
        { lineId: null, month: '2026-11', amount: 9 },
        { lineId: null, month: '2027-01', amount: 1 },
      ],
      covered: [null],
    },
  ])('the new re-forecast starts from the approved one: $name', (c) => {
    expect(forecastStart(c.approved, '2026-11', c.lines)).toEqual({
      cells: c.cells,
      covered: c.covered,
    });
  });

  it('the start keeps every amount to come of the lines that still exist (property)', () => {
    const entry = fc.record({
      lineId: fc.constantFrom('a', 'b', 'gone'),
      month: fc.constantFrom('2026-09', '2026-10', '2026-11', '2027-02'),
      amount: fc.integer({ min: 0, max: 1e9 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (approved) => {
        const { cells } = forecastStart(approved, '2026-10', ['a', 'b']);
        const expected = approved
          .filter((e) => e.lineId !== 'gone' && e.month >= '2026-10')
          .reduce((s, e) => s + e.amount, 0);
        expect(cells.reduce((s, c) => s + c.amount, 0)).toBe(expected);
        expect(new Set(cells.map((c) => `${c.lineId}|${c.month}`)).size).toBe(cells.length);
      }),
    );
  });
});
