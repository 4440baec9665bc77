// The CRA's absence rule, pure (no I/O): no work on a public holiday, none on a day of approved
// full-day absence, and a day of approved partial absence capped at the working hours left.

import type { Violation } from '../time/timesheet.ts';

export const ABSENCE_KINDS = ['conges', 'rtt', 'formation', 'maladie', 'autre'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** An approved absence (inclusive dates) as the rule sees it. */
export interface ApprovedAbsence {
  kind: AbsenceKind;
  start: string;
  finish: string;
  /** Share of each day off (0.5: half days). */
  dayFraction: number;
}

/** A line of the week as the rule sees it: what kind of charge it is, and its hours. */
export interface RuleLine {
  /** null for a project line, else the activity's kind (`absence`, `training`, …). */
  activityKind: string | null;
  hours: readonly number[];
}

/**
 * Activities that declare the absence itself and so may carry hours on its day: any absence
 * may be declared with an `absence` activity, a training one also with a `training` activity.
 */
function declares(kind: AbsenceKind, activityKind: string | null): boolean {
  return activityKind === 'absence' || (kind === 'formation' && activityKind === 'training');
}

/**
 * The violations of the absence rule in a week (`dates` Monday first, `workHours` the person's
 * working hours per weekday, `holidays` the public holidays):
 * - `DAY_HOLIDAY` on every cell with hours on a public holiday;
 * - `DAY_ABSENT` (with the absence's `kind`) on every cell with work hours on a day whose
 *   approved absences add up to a whole day — lines declaring the absence itself excepted;
 * - `DAY_OVER_ABSENCE` (day-wide, `value` the work hours, `limit` the hours left) when a day of
 *   approved partial absence carries more work than its working hours minus the absence.
 * @example absenceViolations(['2026-11-09', …], [7,7,7,7,7,0,0], [{kind:'conges', start:'2026-11-10', finish:'2026-11-10', dayFraction:1}], [], [{activityKind:null, hours:[7,7,0,0,0,0,0]}])
 *   → [{ code: 'DAY_ABSENT', line: 0, day: 1, kind: 'conges' }]
 */
export function absenceViolations(
  dates: readonly string[],
  workHours: readonly number[],
  absences: readonly ApprovedAbsence[],
  holidays: ReadonlySet<string>,
  lines: readonly RuleLine[],
): Violation[] {
  const out: Violation[] = [];
  dates.forEach((date, d) => {
    if (holidays.has(date)) {
      lines.forEach((l, i) => {
        if ((l.hours[d] ?? 0) > 0) out.push({ code: 'DAY_HOLIDAY', line: i, day: d });
      });
      return;
    }
    const today = absences.filter((a) => a.start <= date && date <= a.finish);
    if (today.length === 0) return;
    const fraction = Math.min(
      1,
      today.reduce((s, a) => s + a.dayFraction, 0),
    );
    // The absence that explains the day best: the largest share, then the first.
    const main = today.reduce((m, a) => (a.dayFraction > m.dayFraction ? a : m));
    const counts = (l: RuleLine) => !today.some((a) => declares(a.kind, l.activityKind));
    if (fraction >= 1 - 1e-9) {
      lines.forEach((l, i) => {
        if (counts(l) && (l.hours[d] ?? 0) > 0) {
          out.push({ code: 'DAY_ABSENT', line: i, day: d, kind: main.kind });
        }
      });
      return;
    }
    const working = workHours[d] ?? 0;
    if (working <= 0) return;
    const limit = Math.round(working * (1 - fraction) * 100) / 100;
    const worked =
      Math.round(lines.reduce((s, l) => s + (counts(l) ? (l.hours[d] ?? 0) : 0), 0) * 100) / 100;
    if (worked > limit + 1e-9) {
      out.push({
        code: 'DAY_OVER_ABSENCE',
        line: null,
        day: d,
        value: worked,
        limit,
        kind: main.kind,
      });
    }
  });
  return out;
}

/**
 * The hours of `lines` with what the absence rule refuses taken out (for copying a week into
 * another): cells on holidays and full days off emptied; on a partial day off, the excess taken
 * from the last counted lines first. The result has no absence violation.
 */
export function fitToAbsences(
  dates: readonly string[],
  workHours: readonly number[],
  absences: readonly ApprovedAbsence[],
  holidays: ReadonlySet<string>,
  lines: readonly RuleLine[],
): number[][] {
  const hours = lines.map((l) => dates.map((_, d) => l.hours[d] ?? 0));
  for (const v of absenceViolations(dates, workHours, absences, holidays, lines)) {
    if (v.day === null) continue;
    if (v.line !== null) {
      hours[v.line]![v.day] = 0;
      continue;
    }
    const date = dates[v.day]!;
    const today = absences.filter((a) => a.start <= date && date <= a.finish);
    let excess = Math.round(((v.value ?? 0) - (v.limit ?? 0)) * 100);
    for (let i = lines.length - 1; i >= 0 && excess > 0; i--) {
      if (today.some((a) => declares(a.kind, lines[i]!.activityKind))) continue;
      const centi = Math.round(hours[i]![v.day]! * 100);
      const cut = Math.min(centi, excess);
      hours[i]![v.day] = (centi - cut) / 100;
      excess -= cut;
    }
  }
  return hours;
}
