import { epochDayOf, fromEpochDay } from './days.ts';

/** Options of the French public-holiday calendar. */
export interface FrenchHolidayOptions {
  /** Whit Monday is a day off (default true); false when it is the worked "journée de solidarité". */
  whitMonday?: boolean;
  /** Alsace-Moselle local law: Good Friday and 26 December are also public holidays. */
  alsaceMoselle?: boolean;
}

/**
 * Epoch day of Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher).
 * @example fromEpochDay(easterSunday(2026)) === '2026-04-05'
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return epochDayOf(year, month, day);
}

/** The French public holidays (jours fériés) of `year` as sorted epoch days. */
export function frenchPublicHolidayDays(
  year: number,
  options: FrenchHolidayOptions = {},
): number[] {
  const easter = easterSunday(year);
  const days = [
    epochDayOf(year, 1, 1),
    easter + 1, // Easter Monday
    epochDayOf(year, 5, 1),
    epochDayOf(year, 5, 8),
    easter + 39, // Ascension
    epochDayOf(year, 7, 14),
    epochDayOf(year, 8, 15),
    epochDayOf(year, 11, 1),
    epochDayOf(year, 11, 11),
    epochDayOf(year, 12, 25),
  ];
  if (options.whitMonday ?? true) days.push(easter + 50);
  if (options.alsaceMoselle) days.push(easter - 2, epochDayOf(year, 12, 26));
  // Sorted and without duplicates: Ascension can fall on 1 or 8 May.
  return [...new Set(days)].sort((x, y) => x - y);
}

/** The French public holidays of `year` as sorted `YYYY-MM-DD` strings. */
export function frenchPublicHolidays(year: number, options: FrenchHolidayOptions = {}): string[] {
  return frenchPublicHolidayDays(year, options).map(fromEpochDay);
}
