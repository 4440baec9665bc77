/** Calendar months as `YYYY-MM` keys, and their arithmetic on integer month numbers. */

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a well-formed `YYYY-MM`. */
export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** Months since year 0: `2026-01` → 24312. */
export function monthNumber(month: Month): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Not a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The `YYYY-MM` of a month number. */
export function monthOf(n: number): Month {
  const y = Math.floor(n / 12);
  const m = n - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The month of a `YYYY-MM-DD` date. */
export function monthOfDate(date: string): Month {
  return date.slice(0, 7);
}

/** `month` shifted by `n` months. */
export function addMonths(month: Month, n: number): Month {
  return monthOf(monthNumber(month) + n);
}

/** Every month from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthRange(from: Month, to: Month): Month[] {
  const a = monthNumber(from);
  const b = monthNumber(to);
  const out: Month[] = [];
  for (let n = a; n <= b; n++) out.push(monthOf(n));
  return out;
}

/** Days in a month (Gregorian). */
export function daysInMonth(month: Month): number {
  const n = monthNumber(month);
  const y = Math.floor(n / 12);
  const m = n - y * 12 + 1;
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
