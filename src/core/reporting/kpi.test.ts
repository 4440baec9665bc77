import { describe, expect, it } from 'vitest';
import { kpiTrend, statusOf, thresholdProblem } from './kpi.ts';

describe('KPI thresholds', () => {
  const spi = { direction: 'up' as const, green: 0.95, amber: 0.85 };
  const slip = { direction: 'down' as const, green: 5, amber: 15 };
  it.each([
    [1.02, spi, 'green'],
    [0.95, spi, 'green'],
    [0.9, spi, 'amber'],
    [0.5, spi, 'red'],
    [0, slip, 'green'],
    [10, slip, 'amber'],
    [15, slip, 'amber'],
    [30, slip, 'red'],
    [null, slip, null],
  ] as const)('%s → %s', (v, t, rag) => expect(statusOf(v, t)).toBe(rag));

  it('refuses thresholds in the wrong order', () => {
    expect(thresholdProblem({ direction: 'up', green: 0.8, amber: 0.9 })).not.toBeNull();
    expect(thresholdProblem({ direction: 'down', green: 20, amber: 10 })).not.toBeNull();
    expect(thresholdProblem(spi)).toBeNull();
  });

  it('reads the trend in the KPI’s direction', () => {
    expect(kpiTrend(0.9, 0.95, 'up')).toBe('better');
    expect(kpiTrend(5, 8, 'down')).toBe('worse');
    expect(kpiTrend(5, 5, 'down')).toBe('same');
    expect(kpiTrend(null, 5, 'down')).toBeNull();
  });
});
