import { frenchPublicHolidayDays } from '../calendar/holidays-fr.ts';
import { yearOf } from '../calendar/days.ts';
import {
  type AbsenceSpan,
  DEFAULT_WEEK_HOURS,
  type LoadSpan,
  computeCapacity,
} from '../resources/capacity.ts';

/*
 * Capacity pressure of a window (the dashboards' four weeks): the hours each allocation takes
 * and each person's capacity, by the same rules as the capacity heat map (core/resources
 * computeCapacity): the person's own working week (hours per weekday), no work on public
 * holidays, approved absences deducted on the days they fall (a day counted once however many
 * absences overlap it), hours-a-week allocations pro-rated by the person's working days, and
 * percentage allocations a share of the capacity left after absences.
 */

export interface PressurePerson {
  /** Hours per ISO weekday, Monday first (null: the default 7 h Monday to Friday). */
  weekHours: readonly number[] | null;
}

export interface PressureAllocation {
  /** Index into `people`. */
  person: number;
  project: string;
  /** Epoch days, inclusive. */
  start: number;
  finish: number;
  unit: 'hours' | 'percent';
  amount: number;
}

export interface PressureAbsence {
  person: number;
  /** Epoch day. */
  day: number;
  /** Share of the day off, 0–1 (overlapping absences of one day summed and capped at 1). */
  fraction: number;
}

export interface PressureInput {
  /** Epoch days: `[from, to)`. */
  from: number;
  to: number;
  /** Company non-working days, sorted epoch days (see `holidaysBetween`). */
  holidays: Int32Array;
  people: readonly PressurePerson[];
  absences: readonly PressureAbsence[];
  allocations: readonly PressureAllocation[];
}

export interface PressureResult {
  /** Per person: hours available in the window (working week, less holidays and absences). */
  capacity: Float64Array;
  /** Per (person, project): the hours allocated in the window. */
  loads: { person: number; project: string; hours: number }[];
}

/** The French public holidays between two epoch days (inclusive), sorted. */
export function holidaysBetween(from: number, to: number): Int32Array {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++)
    for (const d of frenchPublicHolidayDays(y)) if (d >= from && d <= to) out.push(d);
  return Int32Array.from(out);
}

/**
 * Each person's capacity and each (person, project)'s allocated hours over `[from, to)`. Every
 * (person, project) pair is a row of the heat-map engine with its person's week and absences,
 * so that the engine's rules apply unchanged and its per-person sums become per-project hours.
 */
export function capacityPressure(input: PressureInput): PressureResult {
  const { people } = input;
  const pairs = new Map<string, number>();
  const pairPerson: number[] = [];
  const pairProject: string[] = [];
  const loads: LoadSpan[] = [];
  for (const a of input.allocations) {
    const key = `${a.person}\u0000${a.project}`;
    let row = pairs.get(key);
    if (row === undefined) {
      row = pairPerson.length;
      pairs.set(key, row);
      pairPerson.push(a.person);
      pairProject.push(a.project);
    }
    loads.push({
      person: row,
      project: 0,
      start: a.start,
      finish: a.finish,
      kind: a.unit,
      amount: a.amount,
      soft: false,
    });
  }
  // Rows: one per pair, then one per person (their capacity, allocated or not).
  const P = pairPerson.length;
  const rows = P + people.length;
  const weekHours = new Float64Array(rows * 7);
  const weekOf = (person: number) => people[person]!.weekHours ?? DEFAULT_WEEK_HOURS;
  for (let r = 0; r < P; r++) weekHours.set(weekOf(pairPerson[r]!).slice(0, 7), r * 7);
  for (let p = 0; p < people.length; p++) weekHours.set(weekOf(p).slice(0, 7), (P + p) * 7);
  const byPerson = new Map<number, number[]>();
  for (let r = 0; r < P; r++) {
    const list = byPerson.get(pairPerson[r]!) ?? [];
    list.push(r);
    byPerson.set(pairPerson[r]!, list);
  }
  // One day off counts once however many absences cover it (their shares summed, capped at 1).
  const days = new Map<string, PressureAbsence>();
  for (const ab of input.absences) {
    const key = `${ab.person}:${ab.day}`;
    const seen = days.get(key);
    const fraction = Math.max(0, ab.fraction) + (seen?.fraction ?? 0);
    days.set(key, { person: ab.person, day: ab.day, fraction: Math.min(1, fraction) });
  }
  const absences: AbsenceSpan[] = [];
  for (const ab of days.values()) {
    const span = { start: ab.day, finish: ab.day, fraction: ab.fraction };
    absences.push({ person: P + ab.person, ...span });
    for (const r of byPerson.get(ab.person) ?? []) absences.push({ person: r, ...span });
  }
  const grid = computeCapacity({
    edges: Int32Array.of(input.from, input.to),
    holidays: input.holidays,
    weekHours,
    absences,
    loads,
  });
  return {
    capacity: grid.capacity.slice(P, rows),
    loads: pairPerson.map((person, r) => ({
      person,
      project: pairProject[r]!,
      hours: grid.allocated[r]!,
    })),
  };
}

/**
 * Per project: the hours allocated and the capacity of its people, each person's capacity
 * shared among their projects in proportion to their allocated hours (so that summing any set
 * of projects never counts a person twice). `group` names each share's group (e.g. the
 * person's department); one entry per (project, group).
 */
export function sharedCapacity<G>(
  result: PressureResult,
  group: (person: number) => G,
): { project: string; group: G; allocated: number; capacity: number }[] {
  const total = new Float64Array(result.capacity.length);
  for (const l of result.loads) total[l.person]! += l.hours;
  const out = new Map<string, { project: string; group: G; allocated: number; capacity: number }>();
  for (const l of result.loads) {
    const g = group(l.person);
    const key = `${l.project}\u0000${String(g)}`;
    let e = out.get(key);
    if (!e) {
      e = { project: l.project, group: g, allocated: 0, capacity: 0 };
      out.set(key, e);
    }
    e.allocated += l.hours;
    const t = total[l.person]!;
    if (t > 0) e.capacity += (result.capacity[l.person]! * l.hours) / t;
  }
  return [...out.values()];
}
