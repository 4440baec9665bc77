// Absences in the timesheet week: pure, no I/O.

export interface WeekAbsence {
  start: string;
  /** Inclusive. */
  finish: string;
  /** Share of each day taken (0.5: half days). */
  dayFraction: number;
  status: 'requested' | 'approved';
}

/**
 * Hours each day of a week (Monday first, `dates` as YYYY-MM-DD) an absence takes, from the
 * person's working hours that weekday: approved absences block them, requested ones are shown
 * apart. A day with two absences never blocks more than its working hours.
 */
export function absenceHours(
  dates: readonly string[],
  weekHours: readonly number[],
  absences: readonly WeekAbsence[],
): { blocked: number[]; requested: number[] } {
  const blocked = dates.map(() => 0);
  const requested = dates.map(() => 0);
  dates.forEach((d, i) => {
    const hours = weekHours[i] ?? 0;
    for (const a of absences) {
      if (d < a.start || d > a.finish) continue;
      const row = a.status === 'approved' ? blocked : requested;
      row[i] = Math.min(hours, row[i]! + hours * a.dayFraction);
    }
  });
  const round = (x: number) => Math.round(x * 100) / 100;
  return { blocked: blocked.map(round), requested: requested.map(round) };
}
