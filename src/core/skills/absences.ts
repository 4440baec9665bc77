// Overlapping absences, one rule everywhere capacity is computed: a day's absent share is the
// sum of the shares of the approved absences covering it, capped at one whole day. An approved
// « congés » and a training session on the same day take that day once, not twice; two half
// days (morning RTT, afternoon appointment) make a whole day. Pure: no I/O.

/** Approved time off of one person (inclusive epoch days) and the share of each day it takes. */
export interface DaySpan {
  person: number;
  start: number;
  finish: number;
  fraction: number;
}

const EPS = 1e-9;

/**
 * The absences as spans that do not overlap for the same person, each day's share the capped
 * sum of the shares covering it (zero-share days left out; adjacent days of equal share
 * joined). A person's lone absence passes through unchanged. O(n log n).
 * @example mergeAbsences([{person:0,start:10,finish:12,fraction:1},{person:0,start:11,finish:11,fraction:1}])
 *   // → [{person:0,start:10,finish:12,fraction:1}]
 */
export function mergeAbsences<T extends DaySpan>(absences: readonly T[]): DaySpan[] {
  const byPerson = new Map<number, DaySpan[]>();
  for (const a of absences) {
    if (!(a.finish >= a.start) || !(a.fraction > 0)) continue;
    const list = byPerson.get(a.person);
    const span = { person: a.person, start: a.start, finish: a.finish, fraction: a.fraction };
    if (list) list.push(span);
    else byPerson.set(a.person, [span]);
  }
  const out: DaySpan[] = [];
  for (const [person, list] of byPerson) {
    if (list.length === 1) {
      const a = list[0]!;
      out.push({ ...a, fraction: Math.min(1, a.fraction) });
      continue;
    }
    // Sweep: +share on the first day, −share the day after the last.
    const events: [day: number, delta: number][] = [];
    for (const a of list) events.push([a.start, a.fraction], [a.finish + 1, -a.fraction]);
    events.sort((x, y) => x[0] - y[0]);
    let sum = 0;
    let open: DaySpan | null = null;
    for (let i = 0; i < events.length;) {
      const day = events[i]![0];
      while (i < events.length && events[i]![0] === day) sum += events[i++]![1];
      const share = sum > EPS ? Math.min(1, Math.round(sum * 1e9) / 1e9) : 0;
      if (open && open.fraction === share) continue;
      if (open) {
        open.finish = day - 1;
        out.push(open);
        open = null;
      }
      if (share > 0) open = { person, start: day, finish: day, fraction: share };
    }
  }
  return out;
}

/** The absent share of `day` for one person's absences (capped sum), for day-by-day readers. */
export function dayShare(
  absences: readonly { start: number; finish: number; fraction: number }[],
  day: number,
): number {
  let sum = 0;
  for (const a of absences) if (a.start <= day && day <= a.finish) sum += Math.max(0, a.fraction);
  return Math.min(1, sum);
}
