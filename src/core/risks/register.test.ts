import { describe, expect, it } from 'vitest';
import {
  criticalityOf,
  DEFAULT_RISK_SETTINGS as S,
  expectedMonetaryValue,
  overallImpact,
  riskScore,
  settingsProblem,
  strategiesFor,
} from './register.ts';

describe('risk register rules', () => {
  it.each([
    [1, 1, 'low'],
    [3, 3, 'moderate'],
    [4, 3, 'high'],
    [5, 5, 'critical'],
    [5, 1, 'moderate'],
    [1, 5, 'moderate'],
  ] as const)('rates probability %i × impact %i as %s on the default matrix', (p, i, level) => {
    expect(criticalityOf(S, p, i)).toBe(level);
  });

  it('takes the worst impact dimension and multiplies for the score', () => {
    expect(overallImpact({ cost: 2, schedule: 4, quality: null })).toBe(4);
    expect(overallImpact({})).toBe(0);
    expect(riskScore(3, 4)).toBe(12);
  });

  it('computes the EMV from the level probability, negative for an opportunity', () => {
    // Level 3 = 40 % of 150 000,00 € = 60 000,00 €.
    expect(expectedMonetaryValue(S, 'threat', 3, 15_000_000)).toBe(6_000_000);
    expect(expectedMonetaryValue(S, 'opportunity', 5, 1_000_000)).toBe(-850_000);
    expect(expectedMonetaryValue(S, 'threat', 1, 333)).toBe(17);
  });

  it('offers the strategies of each kind', () => {
    expect(strategiesFor('threat')).toEqual(['avoid', 'reduce', 'transfer', 'accept']);
    expect(strategiesFor('opportunity')).toContain('exploit');
  });

  it('refuses inconsistent settings', () => {
    expect(settingsProblem(S)).toBeUndefined();
    expect(settingsProblem({ ...S, matrix: S.matrix.slice(1) })).toMatch(/5 rows/);
    const flat = S.probability.map((l) => ({ ...l, percent: 50 }));
    expect(settingsProblem({ ...S, probability: flat })).toMatch(/likelier/);
  });
});
