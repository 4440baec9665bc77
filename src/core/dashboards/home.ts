/*
 * "Mon accueil": the pure rules behind the home page (expected hours of a week, which actions
 * come first). No I/O, no clock: the service passes today's date.
 */

/** The default working week when a person has no resource profile: 7 h Monday to Friday. */
export const DEFAULT_WEEK_HOURS: readonly number[] = [7, 7, 7, 7, 7, 0, 0];

export interface AbsenceSpan {
  start: string;
  finish: string;
  /** Share of each day off (0.5 for half days). */
  fraction: number;
}

/**
 * The hours a person is expected to enter for a week: their profile's hours per weekday
 * (Monday first), nothing on public holidays, reduced by approved absences (overlapping
 * absences add up to a whole day at most, as everywhere capacity is computed). Rounded to the hundredth of an hour.
 * @example expectedWeekHours([7,7,7,7,7,0,0], dates, [false,…], []) // 35
 */
export function expectedWeekHours(
  weekHours: readonly number[],
  dates: readonly string[],
  holidays: readonly boolean[],
  absences: readonly AbsenceSpan[],
): number {
  let total = 0;
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i]!;
    const hours = weekHours[i] ?? 0;
    if (hours <= 0 || holidays[i]) continue;
    let off = 0;
    for (const a of absences)
      if (a.start <= date && date <= a.finish) off += Math.max(0, a.fraction);
    total += hours * (1 - Math.min(1, off));
  }
  return Math.round(total * 100) / 100;
}

/** Whether a weekly-hours array from storage is usable (seven numbers in [0, 24]). */
export function validWeekHours(raw: unknown): readonly number[] {
  if (
    Array.isArray(raw) &&
    raw.length === 7 &&
    raw.every((h) => typeof h === 'number' && Number.isFinite(h) && h >= 0 && h <= 24)
  )
    return raw as number[];
  return DEFAULT_WEEK_HOURS;
}

export interface RankedAction {
  dueDate: string | null;
  /** Criticality when there is one (risk responses); null ranks as 0. */
  score: number | null;
  reference: string;
}

/** An action is overdue when its due date is before today. */
export const isOverdue = (dueDate: string | null, today: string) =>
  dueDate !== null && dueDate < today;

/**
 * The order of "my actions": overdue first, then by due date (undated last), then by score
 * (highest first), then by reference so the order is total.
 */
export function compareActions(today: string) {
  return (a: RankedAction, b: RankedAction): number => {
    const ao = isOverdue(a.dueDate, today) ? 0 : 1;
    const bo = isOverdue(b.dueDate, today) ? 0 : 1;
    if (ao !== bo) return ao - bo;
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    if ((a.score ?? 0) !== (b.score ?? 0)) return (b.score ?? 0) - (a.score ?? 0);
    return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
  };
}
