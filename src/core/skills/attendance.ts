// Attendance at a training session and the absences around it. Pure.
//
// The rules a PMO applies (the mirror of `absence-overlap.ts`):
// - a session's days, for a person, are the days of it they work: their own week (a
//   part-timer's day off is not a training day for them) without the public holidays;
// - attendance is recorded from the session's first day, not before;
// - a person cannot be marked attended (or completed) when they were on sick leave on every
//   day of the session; when they were sick on some days, they attended the other days, and
//   the enrolment shows which, also when the sickness is declared after the attendance was
//   recorded (and when it covers every day, the attendance is withdrawn: see training.service);
// - a person cannot be enrolled in a session whose days fall on leave they have taken or
//   requested (congés, RTT, « autre ») or on another training: the refusal names the absence
//   and the days. A sick leave does not stop an enrolment (the days are shown as missed, as
//   when the sickness is declared after the enrolment).

import { fromEpochDay, isoWeekday, toEpochDay } from '../calendar/days.ts';
import { frenchPublicHolidayDays } from '../calendar/holidays-fr.ts';
import type { AbsenceKind } from './absence-overlap.ts';

export interface Span {
  start: string;
  finish: string;
}

/**
 * A person's working calendar, for the days they are expected at a training: hours per weekday
 * (Monday first, 0 = a day off, as a part-timer's Wednesday) and the company's public holidays
 * (epoch days, French by default).
 */
export interface PersonCalendar {
  weekHours: readonly number[];
  holidays: ReadonlySet<number>;
}

/** Monday to Friday, no holiday: the calendar of a person whose own is not known. */
export const MONDAY_TO_FRIDAY: PersonCalendar = {
  weekHours: [7, 7, 7, 7, 7, 0, 0],
  holidays: new Set(),
};

/** The person's calendar: their working week and the French public holidays of the years given. */
export function personCalendar(
  weekHours: readonly number[] | null,
  fromYear: number,
  toYear: number,
): PersonCalendar {
  const holidays = new Set<number>();
  for (let y = fromYear; y <= toYear; y++)
    for (const d of frenchPublicHolidayDays(y)) holidays.add(d);
  return { weekHours: weekHours ?? MONDAY_TO_FRIDAY.weekHours, holidays };
}

/**
 * The days of a session a person is expected to attend: the session's days the person works
 * (their weekday has hours and is not a public holiday), or every day of the session when they
 * work none of them (a session held on a weekend or on their day off: they come that day).
 * @example sessionDays({ start: '2027-04-09', finish: '2027-04-12' }) // ['2027-04-09', '2027-04-12']
 * @example sessionDays({ start: '2027-04-05', finish: '2027-04-07' }, { weekHours: [7, 7, 0, 7, 7, 0, 0], holidays: new Set() })
 * // ['2027-04-05', '2027-04-06'] (Wednesday off)
 */
export function sessionDays(session: Span, calendar: PersonCalendar = MONDAY_TO_FRIDAY): string[] {
  const from = toEpochDay(session.start);
  const to = toEpochDay(session.finish);
  const all: number[] = [];
  for (let d = from; d <= to; d++) all.push(d);
  const worked = all.filter(
    (d) => (calendar.weekHours[isoWeekday(d) - 1] ?? 0) > 0 && !calendar.holidays.has(d),
  );
  return (worked.length > 0 ? worked : all).map(fromEpochDay);
}

/** Merges sorted or unsorted single days (ISO) into spans of consecutive days. */
export function spansOfDays(days: readonly string[]): Span[] {
  const sorted = [...new Set(days)].sort();
  const out: Span[] = [];
  for (const day of sorted) {
    const last = out[out.length - 1];
    if (last && toEpochDay(day) === toEpochDay(last.finish) + 1) last.finish = day;
    else out.push({ start: day, finish: day });
  }
  return out;
}

const within = (day: string, spans: readonly Span[]) =>
  spans.some((s) => s.start <= day && day <= s.finish);

/**
 * The session days the person attended given the days they missed (sick): the session's days
 * (in the person's calendar) outside `missed`, as spans. Empty when they missed every day.
 * @example attendedSpans({ start: '2027-04-05', finish: '2027-04-07' }, [{ start: '2027-04-06', finish: '2027-04-06' }])
 * // [{ start: '2027-04-05', finish: '2027-04-05' }, { start: '2027-04-07', finish: '2027-04-07' }]
 */
export function attendedSpans(
  session: Span,
  missed: readonly Span[],
  calendar: PersonCalendar = MONDAY_TO_FRIDAY,
): Span[] {
  return spansOfDays(sessionDays(session, calendar).filter((d) => !within(d, missed)));
}

/**
 * The session days (in the person's calendar) that fall within `spans`, as spans: the days of
 * the session a sick leave makes them miss, or the days an absence would take from it.
 * @example sessionDaysWithin({ start: '2026-05-11', finish: '2026-05-15' }, [{ start: '2026-05-14', finish: '2026-05-20' }], personCalendar(null, 2026, 2026))
 * // [{ start: '2026-05-15', finish: '2026-05-15' }] (Thursday 14 May 2026 is Ascension Day)
 */
export function sessionDaysWithin(
  session: Span,
  spans: readonly Span[],
  calendar: PersonCalendar = MONDAY_TO_FRIDAY,
): Span[] {
  return spansOfDays(sessionDays(session, calendar).filter((d) => within(d, spans)));
}

/** An open (requested or approved) absence of the person overlapping a session's dates. */
export interface AbsenceAround {
  id: string;
  kind: AbsenceKind;
  status: 'requested' | 'approved';
  start: string;
  finish: string;
}

/** An absence that stops an enrolment, with the session days it covers. */
export interface EnrolmentConflict extends AbsenceAround {
  days: Span[];
}

/** Absence kinds that stop an enrolment on the same days (a sick leave does not). */
export const BLOCKS_ENROLMENT: readonly AbsenceKind[] = ['conges', 'rtt', 'autre', 'formation'];

/**
 * The absences that stop enrolling a person in a session: the leave (and other trainings) that
 * cover at least one of the session's days in the person's calendar (a part-timer's day off or a
 * public holiday is no clash), each with those days. Empty when the enrolment may go ahead.
 * `absences` must not include the session's own « formation » absence.
 */
export function enrolmentConflicts(
  session: Span,
  absences: readonly AbsenceAround[],
  calendar: PersonCalendar = MONDAY_TO_FRIDAY,
): EnrolmentConflict[] {
  const days = sessionDays(session, calendar);
  const out: EnrolmentConflict[] = [];
  for (const a of absences) {
    if (!BLOCKS_ENROLMENT.includes(a.kind)) continue;
    const covered = days.filter((d) => a.start <= d && d <= a.finish);
    if (covered.length > 0) out.push({ ...a, days: spansOfDays(covered) });
  }
  return out.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
}
