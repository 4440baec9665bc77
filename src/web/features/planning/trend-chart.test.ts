import { describe, expect, it } from 'vitest';
import { layoutTrend, type TrendInput } from './trend-chart.ts';

describe('milestone trend chart', () => {
  const input: TrendInput = {
    milestones: [
      { id: 'm1', name: 'COPIL' },
      { id: 'm2', name: 'Mise en production' },
    ],
    points: [
      { statusDate: '2026-05-04', dates: { m1: '2026-06-01', m2: '2026-09-01' } },
      { statusDate: '2026-06-01', dates: { m1: '2026-06-01', m2: '2026-09-15' } },
      { statusDate: '2026-05-18', dates: { m2: '2026-09-08' } },
    ],
  };
  const layout = layoutTrend(input, 600, 300);

  it('draws a flat line for an on-time milestone and a rising one for a slipping milestone', () => {
    const [m1, m2] = layout.series;
    expect(m1!.points.map((p) => p.y)).toEqual([m1!.points[0]!.y, m1!.points[0]!.y]);
    const ys = m2!.points.map((p) => layout.y(p.y));
    // Later planned dates are higher on the chart (smaller SVG y).
    expect(ys[0]!).toBeGreaterThan(ys[1]!);
    expect(ys[1]!).toBeGreaterThan(ys[2]!);
  });

  it('orders each line by status date and spans the status dates on x', () => {
    expect(layout.series[1]!.points.map((p) => p.statusDate)).toEqual([
      '2026-05-04',
      '2026-05-18',
      '2026-06-01',
    ]);
    expect(layout.x(layout.xDomain[0])).toBe(0);
    expect(layout.x(layout.xDomain[1])).toBe(600);
  });

  it('copes with a single status date', () => {
    const one = layoutTrend({ milestones: input.milestones, points: [input.points[0]!] }, 600, 300);
    expect(one.xDomain[1]).toBeGreaterThan(one.xDomain[0]);
    expect(Number.isFinite(one.x(one.series[0]!.points[0]!.x))).toBe(true);
  });
});
