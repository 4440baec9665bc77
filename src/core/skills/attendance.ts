// Attendance at a training session and the absences around it. Pure.
//
// The rules a PMO applies (the mirror of `absence-overlap.ts`):
// - a person cannot be marked attended (or completed) when they were on sick leave on every
//   day of the session; when they were sick on some days, they attended the other days, and
//   the enrolment shows which;
// - a person cannot be enrolled in a session whose days fall on leave they have taken or
//   requested (congés, RTT, « autre ») or on another training: the refusal names the absence
//   and the days. A sick leave does not stop an enrolment (the days are shown as missed, as
//   when the sickness is declared after the enrolment).

import { fromEpochDay, isoWeekday, toEpochDay } from '../calendar/days.ts';
import type { AbsenceKind } from './absence-overlap.ts';

export interface Span {
  start: string;
  finish: string;
}

/**
 * The days of a session a person is expected to attend: its working days (Monday to Friday),
 * or every day when the session is held only on a weekend.
 * @example sessionDays({ start: '2027-04-09', finish: '2027-04-12' }) // ['2027-04-09', '2027-04-12']
 */
export function sessionDays(session: Span): string[] {
  const from = toEpochDay(session.start);
  const to = toEpochDay(session.finish);
  const all: number[] = [];
  for (let d = from; d <= to; d++) all.push(d);
  const weekdays = all.filter((d) => isoWeekday(d) <= 5);
  return (weekdays.length > 0 ? weekdays : all).map(fromEpochDay);
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
 * outside `missed`, as spans. Empty when they missed every day.
 * @example attendedSpans({ start: '2027-04-05', finish: '2027-04-07' }, [{ start: '2027-04-06', finish: '2027-04-06' }])
 * // [{ start: '2027-04-05', finish: '2027-04-05' }, { start: '2027-04-07', finish: '2027-04-07' }]
 */
export function attendedSpans(session: Span, missed: readonly Span[]): Span[] {
  return spansOfDays(sessionDays(session).filter((d) => !within(d, missed)));
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
 * cover at least one of the session's days, each with those days. Empty when the enrolment may
 * go ahead. `absences` must not include the session's own « formation » absence.
 */
export function enrolmentConflicts(
  session: Span,
  absences: readonly AbsenceAround[],
): EnrolmentConflict[] {
  const days = sessionDays(session);
  const out: EnrolmentConflict[] = [];
  for (const a of absences) {
    if (!BLOCKS_ENROLMENT.includes(a.kind)) continue;
    const covered = days.filter((d) => a.start <= d && d <= a.finish);
    if (covered.length > 0) out.push({ ...a, days: spansOfDays(covered) });
  }
  return out.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
}
