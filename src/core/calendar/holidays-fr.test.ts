import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { fromEpochDay } from './days.ts';
import { easterSunday, frenchPublicHolidays } from './holidays-fr.ts';

/** date-holidays is a cross-check only: core computes the French holidays itself. */
function referenceHolidays(year: number, region?: string): string[] {
  const hd = region ? new Holidays('FR', region) : new Holidays('FR');
  // A date carrying two holidays (Ascension on 1 May) is one day off.
  const dates = hd
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
  return [...new Set(dates)].sort();
}

describe('Easter', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(fromEpochDay(easterSunday(year))).toBe(date);
  });
});

describe('French public holidays', () => {
  it('lists the eleven holidays of 2026', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('drops Whit Monday when it is a worked solidarity day', () => {
    expect(frenchPublicHolidays(2026, { whitMonday: false })).not.toContain('2026-05-25');
    expect(frenchPublicHolidays(2026, { whitMonday: false })).toHaveLength(10);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const alsace = frenchPublicHolidays(2026, { alsaceMoselle: true });
    expect(alsace).toContain('2026-04-03');
    expect(alsace).toContain('2026-12-26');
    expect(alsace).toHaveLength(13);
  });

  it('counts Ascension on 1 May only once (2008)', () => {
    expect(frenchPublicHolidays(2008).filter((d) => d === '2008-05-01')).toHaveLength(1);
  });

  it('matches date-holidays (type public) for every year 2000-2100', () => {
    for (let year = 2000; year <= 2100; year++) {
      expect(frenchPublicHolidays(year), `France ${year}`).toEqual(referenceHolidays(year));
      expect(frenchPublicHolidays(year, { alsaceMoselle: true }), `Moselle ${year}`).toEqual(
        referenceHolidays(year, '57'),
      );
    }
  });
});
