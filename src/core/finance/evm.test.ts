import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actualCostAt,
  earnedValue,
  evmIndicators,
  indexStatus,
  plannedValueAt,
  rollUp,
  sCurve,
} from './evm.ts';
import { convertAmount } from './money.ts';

describe('evmIndicators on published worked examples', () => {
  // Amounts in whole currency units; the formulas do not care about the unit.
  it.each([
    {
      // PMI-style example: BAC 100 000, PV 50 000, EV 40 000, AC 45 000.
      name: 'behind schedule and over budget',
      input: { bac: 100000, pv: 50000, ev: 40000, ac: 45000 },
      sv: -10000,
      cv: -5000,
      spi: 0.8,
      cpi: 0.8889,
      eacCpi: 112500,
      eacBudgetRate: 105000,
      eacCpiSpi: 129375,
      vac: -12500,
      tcpi: 1.0909,
    },
    {
      // Classic textbook fence example: BAC 10 000 (10 sections at 1 000), month 5 of 10,
      // 4 sections built for 4 600.
      name: 'fence: 40 % built at month 5',
      input: { bac: 10000, pv: 5000, ev: 4000, ac: 4600 },
      sv: -1000,
      cv: -600,
      spi: 0.8,
      cpi: 0.8696,
      eacCpi: 11500,
      eacBudgetRate: 10600,
      eacCpiSpi: 13225,
      vac: -1500,
      tcpi: 1.1111,
    },
    {
      // Ahead of schedule and under budget: BAC 200 000, PV 80 000, EV 100 000, AC 90 000.
      name: 'ahead of schedule, under budget',
      input: { bac: 200000, pv: 80000, ev: 100000, ac: 90000 },
      sv: 20000,
      cv: 10000,
      spi: 1.25,
      cpi: 1.1111,
      eacCpi: 180000,
      eacBudgetRate: 190000,
      eacCpiSpi: 162000,
      vac: 20000,
      tcpi: 0.9091,
    },
  ])('$name', (c) => {
    const r = evmIndicators(c.input);
    expect(r.sv).toBe(c.sv);
    expect(r.cv).toBe(c.cv);
    expect(r.spi).toBeCloseTo(c.spi, 4);
    expect(r.cpi).toBeCloseTo(c.cpi, 4);
    expect(r.eacs.cpi).toBe(c.eacCpi);
    expect(r.eacs.budgetRate).toBe(c.eacBudgetRate);
    expect(r.eacs.cpiSpi).toBe(c.eacCpiSpi);
    expect(r.eac).toBe(c.eacCpi);
    expect(r.etc).toBe(c.eacCpi - c.input.ac);
    expect(r.vac).toBe(c.vac);
    expect(r.tcpi).toBeCloseTo(c.tcpi, 4);
  });

  it('prefers the bottom-up estimate when the project gave one', () => {
    const r = evmIndicators({ bac: 100000, pv: 50000, ev: 40000, ac: 45000, etcBottomUp: 70000 });
    expect(r.eacs.bottomUp).toBe(115000);
    expect(r.eac).toBe(115000);
    expect(r.etc).toBe(70000);
    expect(r.vac).toBe(-15000);
    expect(r.tcpiEac).toBeCloseTo(60000 / 70000, 10);
  });

  it('gives no index where its denominator is zero', () => {
    const r = evmIndicators({ bac: 0, pv: 0, ev: 0, ac: 0 });
    expect(r.spi).toBeNull();
    expect(r.cpi).toBeNull();
    expect(r.eacs.cpi).toBeNull();
    expect(r.eacs.cpiSpi).toBeNull();
    expect(r.eac).toBe(0);
    expect(r.tcpi).toBeNull();
  });

  it('stays exact with amounts whose products pass 2^53', () => {
    // 90 M€ in cents: BAC × AC is about 8e19.
    const r = evmIndicators({
      bac: 9_000_000_000,
      pv: 4_500_000_001,
      ev: 3_000_000_007,
      ac: 3_300_000_011,
    });
    const exact = (9_000_000_000n * 3_300_000_011n * 2n + 3_000_000_007n) / (2n * 3_000_000_007n);
    expect(r.eacs.cpi).toBe(Number(exact));
  });
});

describe('plannedValueAt', () => {
  const phased = [
    { month: '2026-01', amount: 3100 },
    { month: '2026-02', amount: 2800 },
    { month: '2026-03', amount: 3100 },
  ];
  it.each([
    ['2025-12-31', 0],
    ['2026-01-10', 1000],
    ['2026-01-31', 3100],
    ['2026-02-14', 3100 + 1400],
    ['2026-03-31', 9000],
    ['2027-01-01', 9000],
  ])('at %s is %i', (date, pv) => expect(plannedValueAt(phased, date)).toBe(pv));
});

describe('actualCostAt and earnedValue', () => {
  it('counts actuals dated on or before the status date', () => {
    const a = [
      { date: '2026-01-05', amount: 100 },
      { date: '2026-01-31', amount: 50 },
      { date: '2026-02-01', amount: 7 },
    ];
    expect(actualCostAt(a, '2026-01-31')).toBe(150);
  });
  it('earns each line its budget times its progress, to the cent', () => {
    expect(
      earnedValue([
        { bac: 10000, percentComplete: 40 },
        { bac: 333, percentComplete: 33.33 },
        { bac: 500, percentComplete: 120 },
      ]),
    ).toBe(4000 + 111 + 500);
  });
});

describe('indexStatus', () => {
  it.each([
    [1.02, 'good'],
    [0.95, 'good'],
    [0.93, 'watch'],
    [0.9, 'watch'],
    [0.89, 'alert'],
    [null, null],
  ])('%s is %s', (i, s) => expect(indexStatus(i)).toBe(s));
});

describe('sCurve', () => {
  it('accumulates PV over every month and AC up to the status month', () => {
    const points = sCurve({
      months: ['2026-02', '2026-03', '2026-04'],
      pv: [
        { month: '2026-01', amount: 10 },
        { month: '2026-02', amount: 20 },
        { month: '2026-04', amount: 30 },
      ],
      ac: [
        { month: '2026-02', amount: 25 },
        { month: '2026-03', amount: 5 },
      ],
      ev: [{ month: '2026-02', amount: 22 }],
      statusMonth: '2026-03',
    });
    expect(points).toEqual([
      { month: '2026-02', pv: 30, ac: 25, ev: 22 },
      { month: '2026-03', pv: 30, ac: 30, ev: null },
      { month: '2026-04', pv: 60, ac: null, ev: null },
    ]);
  });
});

const amount = fc.integer({ min: 0, max: 1_000_000_000_00 });
const input = fc.record({ bac: amount, pv: amount, ev: amount, ac: amount });

describe('properties', () => {
  it('a roll-up equals the sum of its parts, and its indices come from the totals', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 20 }), (parts) => {
        const total = rollUp(parts);
        for (const k of ['bac', 'pv', 'ev', 'ac'] as const)
          expect(total[k]).toBe(parts.reduce((s, p) => s + p[k], 0));
        const r = evmIndicators(total);
        expect(r.cpi).toBe(total.ac === 0 ? null : total.ev / total.ac);
      }),
    );
  });

  it('EAC = AC + ETC and VAC = BAC − EAC, with integer money everywhere', () => {
    fc.assert(
      fc.property(input, fc.option(amount), (i, etc) => {
        const r = evmIndicators({ ...i, etcBottomUp: etc });
        expect(r.eac).toBe(r.ac + r.etc);
        expect(r.vac).toBe(r.bac - r.eac);
        for (const v of [r.sv, r.cv, r.eac, r.etc, r.vac, r.eacs.cpi, r.eacs.cpiSpi])
          if (v !== null) expect(Number.isInteger(v)).toBe(true);
      }),
    );
  });

  it('on plan (EV = PV = AC) every EAC equals the BAC', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 1_000_000_00 }), (bac, x) => {
        const r = evmIndicators({ bac, pv: x, ev: x, ac: x });
        expect(r.eacs.cpi).toBe(bac);
        expect(r.eacs.cpiSpi).toBe(bac);
        expect(r.eacs.budgetRate).toBe(bac);
      }),
    );
  });
});

describe('convertAmount', () => {
  it.each([
    [10000, '1', 10000],
    [10000, '1.0852', 10852],
    [333, '0.5', 167],
    [-333, '0.5', -167],
    [123456789, '0.00912345', 1126352],
  ])('%i at %s is %i', (amount, rate, eur) => expect(convertAmount(amount, rate)).toBe(eur));
});
