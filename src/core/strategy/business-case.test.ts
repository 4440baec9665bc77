import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCaseError,
  computeIndicators,
  irr,
  npv,
  parseRate,
  payback,
  sensitivity,
  type BusinessCaseInput,
} from './business-case.ts';

describe('npv (reference values from Excel, in cents)', () => {
  it.each([
    // Excel NPV help, example 1: =NPV(10%; -10000; 3000; 4200; 6800) = 1 188,44 (all discounted,
    // so here with an empty period 0).
    ['10', [0, -1000000, 300000, 420000, 680000], 118844],
    // Excel NPV help, example 2: =NPV(8%; B3:B7) + B2 = 1 922,06.
    ['8', [-4000000, 800000, 920000, 1000000, 1200000, 1450000], 192206],
    // … and with a loss of 9 000 in year 6: = −3 749,47.
    ['8', [-4000000, 800000, 920000, 1000000, 1200000, 1450000, -900000], -374947],
    ['0', [-100, 30, 30, 30], -10],
    ['7.25', [], 0],
  ])('at %s %% of %j is %i', (rate, flows, expected) => {
    expect(npv(flows, rate)).toBe(expected);
  });

  it('is exact: rounding happens once, half away from zero', () => {
    // 1/(1.5) = 0.666… cents → 1; −1/(1.5) → −1; 0.5/… cases via 3 cents at 100 %: 1.5 → 2.
    expect(npv([0, 1], '50')).toBe(1);
    expect(npv([0, -1], '50')).toBe(-1);
    expect(npv([0, 3], '100')).toBe(2);
    expect(npv([0, -3], '100')).toBe(-2);
  });
});

describe('irr (reference values from Excel)', () => {
  it.each([
    // Excel IRR help: A2:A6 → −2,1 %; A2:A7 → 8,7 %; A2:A4 → −44,4 %.
    [[-70000, 12000, 15000, 18000, 21000], -0.021244848273410943],
    [[-70000, 12000, 15000, 18000, 21000, 26000], 0.0866309480365316],
    [[-70000, 12000, 15000], -0.44350694133474045],
    [[-100, 110], 0.1],
    [[100, -110], 0.1],
  ])('of %j is %f (to 1e-6)', (flows, expected) => {
    const r = irr(flows);
    expect(r.status).toBe('ok');
    if (r.status === 'ok') expect(Math.abs(r.rate - expected)).toBeLessThan(1e-6);
  });

  it('reports no rate and several sign changes instead of guessing', () => {
    expect(irr([100, 200])).toEqual({ status: 'none' });
    expect(irr([0, 0])).toEqual({ status: 'none' });
    expect(irr([-100, 230, -132])).toEqual({ status: 'multiple', signChanges: 2 });
  });

  it('makes the NPV zero whenever it answers (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 15 }),
        (invest, returns) => {
          const flows = [-invest, ...returns];
          const r = irr(flows);
          if (returns.every((x) => x === 0)) {
            expect(r.status).toBe('none');
            return;
          }
          expect(r.status).toBe('ok');
          if (r.status !== 'ok') return;
          const f = (rate: number): number => flows.reduce((s, c, t) => s + c / (1 + rate) ** t, 0);
          // The NPV changes sign within 1e-6 of the rate (relative beyond 100 %: a rate of
          // 381 760 700 % is not known to the millionth of a percent in doubles).
          const eps = 1e-6 * Math.max(1, Math.abs(r.rate));
          expect(
            Math.sign(f(Math.max(r.rate - eps, -1 + 1e-12))) * Math.sign(f(r.rate + eps)),
          ).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('npv exactness (property)', () => {
  it('equals the rounded rational value, fast path or not', () => {
    const exact = (flows: number[], pct: number): number => {
      // Σ CF_t / (1 + pct/100)^t with bigint rationals, rounded half away from zero.
      const a = BigInt(100 + pct);
      const T = flows.length - 1;
      let num = 0n;
      flows.forEach((c, t) => (num += BigInt(c) * 100n ** BigInt(t) * a ** BigInt(T - t)));
      const den = a ** BigInt(T);
      const q = num / den;
      const r = num % den;
      const away = 2n * (r < 0n ? -r : r) >= den;
      return Number(away ? (num < 0n ? q - 1n : q + 1n) : q);
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e11, max: 1e11 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 40 }),
        (flows, pct) => {
          expect(npv(flows, String(pct))).toBe(exact(flows, pct));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('payback', () => {
  it.each([
    [[-100, 50, 50, 50], 2],
    [[-100, 40, 40, 40], 2.5],
    [[100, 10], 0],
    [[-100, 10], null],
    [[-100, 150, -100, 100], 2.5],
  ])('of %j is %s periods', (net, expected) => {
    expect(payback(net)).toBe(expected);
  });
});

describe('business case indicators and sensitivity', () => {
  const input: BusinessCaseInput = {
    periodicity: 'year',
    discountRate: '8',
    lines: [
      { kind: 'investment', label: 'Licences et intégration', amounts: [4000000] },
      { kind: 'run', label: 'Maintenance', amounts: [0, 200000, 200000, 200000] },
      {
        kind: 'saving',
        label: 'ETP évités',
        amounts: [0, 1500000, 2000000, 2000000],
        confidence: 80,
      },
      {
        kind: 'revenue',
        label: 'Ventes croisées',
        amounts: [0, 0, 500000, 500000],
        confidence: 50,
      },
    ],
  };

  it('weights benefits by confidence and computes every indicator', () => {
    const r = computeIndicators(input);
    // Net: −40 000 ; 12 000 − 2 000 ; 16 000 + 2 500 − 2 000 ; same.
    expect(r.net).toEqual([-4000000, 1000000, 1650000, 1650000]);
    expect(r.totalCosts).toBe(4600000);
    expect(r.totalBenefits).toBe(0.8 * 5500000 + 0.5 * 1000000);
    expect(r.npv).toBe(npv([-4000000, 1000000, 1650000, 1650000], '8'));
    expect(r.roi).toBeCloseTo((4900000 - 4600000) / 4600000, 12);
    expect(r.payback).toBeCloseTo(2 + 1350000 / 1650000, 12);
    expect(r.irr.status).toBe('ok');
  });

  it('applies costs +20 %, benefits −20 % and a one-year delay of the benefits', () => {
    const s = sensitivity(input);
    expect(s.costsUp20.net).toEqual([-4800000, 960000, 1610000, 1610000]);
    expect(s.benefitsDown20.net).toEqual([-4000000, 760000, 1280000, 1280000]);
    expect(s.delay1Year.net).toEqual([-4000000, -200000, 1000000, 1650000, 1850000]);
    expect(s.costsUp20.npv).toBeLessThan(s.base.npv);
    expect(s.benefitsDown20.npv).toBeLessThan(s.base.npv);
    expect(s.delay1Year.npv).toBeLessThan(s.base.npv);
  });

  it('discounts monthly cases at the nominal monthly rate', () => {
    const monthly = computeIndicators({
      periodicity: 'month',
      discountRate: '8',
      lines: [
        { kind: 'investment', label: 'Projet', amounts: [1200000] },
        { kind: 'saving', label: 'Gains', amounts: [0, ...Array<number>(60).fill(25000)] },
      ],
    });
    expect(monthly.npv).toBe(32961);
  });

  it('refuses bad rates and amounts with the path', () => {
    expect(() => parseRate('huit')).toThrow(BusinessCaseError);
    expect(() => parseRate('-100')).toThrow(/above -100/);
    expect(parseRate('7,25')).toEqual({ num: 725n, den: 10000n });
  });
});
