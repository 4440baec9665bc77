import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import { expectedPeriod, periodOf, previousPeriod, ragOf, trendOf, WEATHERS } from './weather.ts';

describe('weather scale', () => {
  it.each([
    ['sun', 'green'],
    ['cloud', 'amber'],
    ['rain', 'red'],
    ['storm', 'red'],
  ] as const)('shows %s as %s', (w, rag) => expect(ragOf(w)).toBe(rag));

  it.each([
    [null, 'sun', 'new'],
    ['sun', 'rain', 'worse'],
    ['storm', 'cloud', 'better'],
    ['cloud', 'cloud', 'same'],
  ] as const)('trend from %s to %s is %s', (prev, cur, trend) =>
    expect(trendOf(prev, cur)).toBe(trend),
  );
});

describe('reporting periods', () => {
  it.each([
    ['2026-03-18', 'monthly', '2026-03-01', '2026-03-31'],
    ['2028-02-10', 'monthly', '2028-02-01', '2028-02-29'],
    ['2026-03-18', 'weekly', '2026-03-16', '2026-03-22'],
    ['2026-03-22', 'weekly', '2026-03-16', '2026-03-22'],
    ['2026-01-01', 'weekly', '2025-12-29', '2026-01-04'],
    ['1970-01-05', 'fortnightly', '1970-01-05', '1970-01-18'],
    ['1970-01-18', 'fortnightly', '1970-01-05', '1970-01-18'],
    ['1970-01-19', 'fortnightly', '1970-01-19', '1970-02-01'],
  ] as const)('%s in a %s period runs %s → %s', (d, f, start, end) =>
    expect(periodOf(d, f)).toEqual({ start, end }),
  );

  it('expects last month’s report this month', () =>
    expect(expectedPeriod('2026-11-26', 'monthly')).toEqual({
      start: '2026-10-01',
      end: '2026-10-31',
    }));

  it('periods tile the calendar: each contains its day, and the previous one ends the day before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.constantFrom('weekly', 'fortnightly', 'monthly' as const),
        (day, f) => {
          const date = fromEpochDay(day);
          const p = periodOf(date, f);
          expect(p.start <= date && date <= p.end).toBe(true);
          const prev = previousPeriod(p, f);
          expect(toEpochDay(prev.end) + 1).toBe(toEpochDay(p.start));
          expect(periodOf(p.end, f)).toEqual(p);
        },
      ),
    );
  });

  it('knows four weathers, best first', () =>
    expect(WEATHERS).toEqual(['sun', 'cloud', 'rain', 'storm']));
});
