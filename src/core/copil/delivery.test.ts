import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import {
  dayProblem,
  isEmail,
  isoWeekday,
  MAX_ATTEMPTS,
  nextRunOn,
  retryDelayMinutes,
  runAfter,
} from './delivery.ts';

describe('subscription schedule', () => {
  it.each([
    ['weekly', 1, '2026-11-26', '2026-11-30'], // Thursday → next Monday
    ['weekly', 4, '2026-11-26', '2026-11-26'], // Thursday, due today
    ['weekly', 7, '2026-11-26', '2026-11-29'],
    ['monthly', 5, '2026-11-26', '2026-12-05'],
    ['monthly', 26, '2026-11-26', '2026-11-26'],
    ['monthly', 1, '2026-12-31', '2027-01-01'],
    ['monthly', 28, '2027-02-01', '2027-02-28'],
  ] as const)('%s on day %s from %s → %s', (f, day, from, out) => {
    expect(nextRunOn(f, day, from)).toBe(out);
  });

  it('the run after a run is strictly later', () => {
    expect(runAfter('weekly', 4, '2026-11-26')).toBe('2026-12-03');
    expect(runAfter('monthly', 26, '2026-11-26')).toBe('2026-12-26');
  });

  it('property: the next run is on the day asked, within a week or a month', () => {
    const date = fc
      .integer({ min: toEpochDay('2000-01-01'), max: toEpochDay('2100-01-01') })
      .map(fromEpochDay);
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 7 }), (from, day) => {
        const next = nextRunOn('weekly', day, from);
        expect(isoWeekday(next)).toBe(day);
        expect(toEpochDay(next) - toEpochDay(from)).toBeGreaterThanOrEqual(0);
        expect(toEpochDay(next) - toEpochDay(from)).toBeLessThan(7);
      }),
    );
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 28 }), (from, day) => {
        const next = nextRunOn('monthly', day, from);
        expect(Number(next.slice(8))).toBe(day);
        expect(next >= from).toBe(true);
        expect(toEpochDay(next) - toEpochDay(from)).toBeLessThan(31);
        expect(runAfter('monthly', day, next) > next).toBe(true);
      }),
    );
  });

  it('checks days and addresses', () => {
    expect(dayProblem('weekly', 0)).toBeDefined();
    expect(dayProblem('weekly', 7)).toBeUndefined();
    expect(dayProblem('monthly', 29)).toBeDefined();
    expect(dayProblem('monthly', 1.5)).toBeDefined();
    expect(isEmail('copil@liste.exemple.fr')).toBe(true);
    expect(isEmail('Copil <copil@x.fr>')).toBe(false);
    expect(isEmail('a@b')).toBe(false);
  });

  it('retries after 5, 30 and 120 minutes, then gives up', () => {
    expect([1, 2, 3, 4].map(retryDelayMinutes)).toEqual([5, 30, 120, null]);
    expect(MAX_ATTEMPTS).toBe(4);
  });
});
