import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilOf,
  epochDayOf,
  fromEpochDay,
  isIsoDate,
  isoWeekOf,
  isoWeekday,
  mondayOf,
  toEpochDay,
} from './days.ts';

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-02-29', 11016],
    ['2026-04-27', 20570],
    ['0001-01-01', -719162],
    ['9999-12-31', 2932896],
    ['1900-03-01', -25508],
  ])('maps %s to day %i and back', (date, day) => {
    expect(toEpochDay(date)).toBe(day);
    expect(fromEpochDay(day)).toBe(date);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-4-27',
    '26-04-27',
    '2026-04-31',
    '',
    '2100-02-29',
  ])('refuses the malformed date "%s"', (date) => {
    expect(isIsoDate(date)).toBe(false);
    expect(() => toEpochDay(date)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  it('refuses days outside years 0001..9999', () => {
    expect(() => fromEpochDay(2932897)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(() => fromEpochDay(-719163)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });

  it('agrees with the proleptic Gregorian calendar of the JavaScript Date (test-only oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const { year, month, day: dom } = civilOf(day);
        return fromEpochDay(day) === iso && epochDayOf(year, month, dom) === day;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('weeks', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-04-27', 1],
    ['2026-05-03', 7],
    ['1969-12-28', 7],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(toEpochDay(date))).toBe(weekday);
  });

  it.each([
    ['2026-05-03', '2026-04-27'],
    ['2026-04-27', '2026-04-27'],
    ['2027-01-01', '2026-12-28'],
  ])('the week of %s starts on Monday %s', (date, monday) => {
    expect(fromEpochDay(mondayOf(toEpochDay(date)))).toBe(monday);
  });

  it.each([
    ['2026-01-01', 2026, 1],
    ['2027-01-01', 2026, 53],
    ['2024-12-30', 2025, 1],
    ['2021-01-03', 2020, 53],
    ['2026-04-27', 2026, 18],
  ])('%s is in ISO week %i-W%i', (date, year, week) => {
    expect(isoWeekOf(toEpochDay(date))).toEqual({ year, week });
  });
});
