// The days a person works, one rule for leveling and the capacity heat map: a day of their
// working week (the weekday has hours), not a company holiday, and not a whole day of approved
// leave (a day whose merged absent share — `mergeAbsences` — is a whole day). Task effort is
// spread over these days; a half day of leave leaves the day worked (its capacity is halved).
// Pure: no I/O.
import { isoWeekday } from '../calendar/days.ts';
import { type DaySpan, mergeAbsences } from '../skills/absences.ts';

/**
 * Reads take approved absences this many days either side of the period shown: a task crossing
 * its ends is spread over the days the person works, whole days of leave just outside included
 * (leave further away than that is not seen by such a task's spreading).
 */
export const ABSENCE_MARGIN_DAYS = 92;

/**
 * Whole days of leave per person: sorted epoch days whose merged absent share is a whole day
 * (two half days of the same day make one). `merged`: the spans are `mergeAbsences`' already.
 */
export function fullDaysOff(absences: readonly DaySpan[], merged = false): Map<number, Int32Array> {
  const days = new Map<number, number[]>();
  for (const a of merged ? absences : mergeAbsences(absences)) {
    if (a.fraction < 1 - 1e-9) continue;
    let list = days.get(a.person);
    if (!list) days.set(a.person, (list = []));
    for (let d = a.start; d <= a.finish; d++) list.push(d);
  }
  const out = new Map<number, Int32Array>();
  for (const [person, list] of days) out.set(person, Int32Array.from(list).sort());
  return out;
}

/** First index of a sorted array whose value is ≥ `x`. */
function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const has = (sorted: Int32Array | undefined, day: number) => {
  if (!sorted || sorted.length === 0) return false;
  const i = lowerBound(sorted, day);
  return i < sorted.length && sorted[i] === day;
};

/**
 * Whether the person works each of `days` (`1`) or not (`0`): their week gives the weekday
 * hours, it is not a holiday and not a whole day of leave. `weekHours` is Monday first.
 */
export function workdayMask(
  weekHours: ArrayLike<number>,
  days: ArrayLike<number>,
  off?: Int32Array,
  holidays?: Int32Array,
): Uint8Array {
  const mask = new Uint8Array(days.length);
  for (let k = 0; k < days.length; k++) {
    const day = days[k]!;
    mask[k] =
      (weekHours[isoWeekday(day) - 1] ?? 0) > 0 && !has(off, day) && !has(holidays, day) ? 1 : 0;
  }
  return mask;
}

/**
 * How many days of `[from, to)` the person works, given `counts` — the weekday counts of that
 * range less holidays (`weekdayCounts`) — their week and their whole days of leave.
 */
export function personWorkingDays(
  from: number,
  to: number,
  counts: ArrayLike<number>,
  weekHours: ArrayLike<number>,
  off: Int32Array | undefined,
  holidays: Int32Array,
): number {
  let n = 0;
  for (let d = 0; d < 7; d++) if ((weekHours[d] ?? 0) > 0) n += counts[d]!;
  if (off && off.length) {
    for (let i = lowerBound(off, from); i < off.length && off[i]! < to; i++) {
      const day = off[i]!;
      if ((weekHours[isoWeekday(day) - 1] ?? 0) > 0 && !has(holidays, day)) n--;
    }
  }
  return n;
}
