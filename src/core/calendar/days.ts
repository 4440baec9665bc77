import { PlanningError } from '../planning/planning-error.ts';

/** Epoch day of 0001-01-01, the first date a `YYYY-MM-DD` string can hold. */
export const MIN_EPOCH_DAY = -719162;
/** Epoch day of 9999-12-31, the last date a `YYYY-MM-DD` string can hold. */
export const MAX_EPOCH_DAY = 2932896;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days (28..31) of `month` (1..12) in `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31), no validation.
 * Howard Hinnant's `days_from_civil`: exact integer arithmetic, no `Date`.
 * @example epochDayOf(1970, 1, 1) === 0; epochDayOf(2026, 4, 27) === 20570
 */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Year, month (1..12) and day (1..31) of an epoch day (days since 1970-01-01). */
export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Year of an epoch day (days since 1970-01-01). */
export function yearOf(epochDay: number): number {
  return civilOf(epochDay).year;
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (years 0001..9999). */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Epoch day (days since 1970-01-01) of a `YYYY-MM-DD` date; throws INVALID_DATE otherwise.
 * @example toEpochDay('2026-04-27') === 20570
 */
export function toEpochDay(date: string): number {
  if (!isIsoDate(date)) {
    throw new PlanningError('INVALID_DATE', `"${String(date)}" is not a date (YYYY-MM-DD)`, {
      value: date,
    });
  }
  return epochDayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** `YYYY-MM-DD` string of an epoch day; throws OUT_OF_RANGE outside years 0001..9999. */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new PlanningError('OUT_OF_RANGE', `day ${epochDay} is outside years 0001..9999`, {
      epochDay,
    });
  }
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Epoch day of the Monday that starts the (Monday-first) week containing `epochDay`. */
export function mondayOf(epochDay: number): number {
  return epochDay - isoWeekday(epochDay) + 1;
}

/** ISO 8601 week-numbering year and week (1..53) of an epoch day; weeks start on Monday. */
export function isoWeekOf(epochDay: number): { year: number; week: number } {
  // The ISO week belongs to the year of its Thursday.
  const thursday = mondayOf(epochDay) + 3;
  const year = yearOf(thursday);
  return { year, week: Math.floor((thursday - epochDayOf(year, 1, 1)) / 7) + 1 };
}
