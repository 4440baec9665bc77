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

/**
 * The days of a week (`dates`, YYYY-MM-DD) on which a sick leave (« maladie », requested or
 * approved) falls on a training (« formation »): the person follows no training that day and
 * charges no hours to it, which the CRA explains instead of a bare « 0 h ».
 * @example sickOnTrainingDays(['2026-10-12', '2026-10-13'], [{ kind: 'formation', start: '2026-10-12', finish: '2026-10-14' }, { kind: 'maladie', start: '2026-10-13', finish: '2026-10-13' }]) // [false, true]
 */
export function sickOnTrainingDays(
  dates: readonly string[],
  absences: readonly { kind: string; start: string; finish: string }[],
): boolean[] {
  const on = (kind: string, d: string) =>
    absences.some((a) => a.kind === kind && a.start <= d && d <= a.finish);
  return dates.map((d) => on('maladie', d) && on('formation', d));
}
