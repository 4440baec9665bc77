import { sql } from 'drizzle-orm';
import { fromEpochDay } from '../../../core/calendar/days.ts';
import {
  type AbsenceSpan,
  DEFAULT_WEEK_HOURS,
  type LoadSpan,
  computeCapacity,
} from '../../../core/resources/capacity.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { type PersonBrief, peopleDirectory } from '../org/org.service.ts';
import { companyHolidays } from '../resources/capacity.service.ts';
import * as resourcesRepo from '../resources/resources.repository.ts';

// Capacity, absences and load of every active person over a period, in buckets, read in two
// statements (the people directory and the capacity engine's columns) and computed by the
// capacity engine, so that staffing and the bench count hours exactly as the heat map does.

export interface PeriodLoad {
  people: PersonBrief[];
  profiles: Map<string, { roleId: string | null; teamId: string | null }>;
  /** Bucket edges as epoch days (`[edges[b], edges[b + 1])`). */
  edges: Int32Array;
  buckets: number;
  /** `people × buckets`: hours available after holidays and approved absences. */
  capacity: Float64Array;
  /** `people × buckets`: hours the approved absences take away. */
  absence: Float64Array;
  /** `people × buckets`: hours committed (allocations, proposed ones included, and tasks). */
  load: Float64Array;
}

/** `[fromDay, toDay)` cut at each Monday (one bucket when `weekly` is false). */
export function periodEdges(fromDay: number, toDay: number, weekly: boolean): Int32Array {
  if (!weekly) return Int32Array.of(fromDay, toDay);
  const edges = [fromDay];
  // Epoch day 4 (1970-01-05) is a Monday.
  let next = fromDay + ((((4 - fromDay) % 7) + 7) % 7 || 7);
  for (; next < toDay; next += 7) edges.push(next);
  edges.push(toDay);
  return Int32Array.from(edges);
}

export async function periodLoad(db: Executor, edges: Int32Array): Promise<PeriodLoad> {
  const fromDay = edges[0]!;
  const toDay = edges[edges.length - 1]!;
  const people = await peopleDirectory(db);
  const c = await resourcesRepo.capacityColumns(db, {
    from: fromEpochDay(fromDay),
    to: fromEpochDay(toDay),
    absenceFrom: fromEpochDay(fromDay),
    absenceTo: fromEpochDay(toDay),
    includeSoft: true,
  });
  const index = new Map<string, number>();
  people.forEach((p, i) => index.set(p.id, i));
  // The statement's person index → the directory's (−1: archived, left out).
  const local = Int32Array.from(c.people, (id) => index.get(id) ?? -1);
  const profiles = new Map<string, { roleId: string | null; teamId: string | null }>();
  const weekHours = new Float64Array(people.length * 7);
  for (let i = 0; i < people.length; i++) weekHours.set(DEFAULT_WEEK_HOURS, i * 7);
  const pr = c.profiles;
  for (let k = 0; k < pr.p.length; k++) {
    const i = local[pr.p[k]!]!;
    if (i < 0) continue;
    profiles.set(people[i]!.id, { roleId: pr.r[k] ?? null, teamId: pr.t[k] ?? null });
    const w = pr.w[k]!;
    for (let d = 0; d < 7; d++) weekHours[i * 7 + d] = w[d] ?? 0;
  }
  const absences: AbsenceSpan[] = [];
  for (let k = 0; k < c.absences.p.length; k++) {
    const person = local[c.absences.p[k]!]!;
    if (person < 0) continue;
    absences.push({
      person,
      start: c.absences.s[k]!,
      finish: c.absences.f[k]!,
      fraction: c.absences.d[k]!,
    });
  }
  const l = c.loads;
  const kinds = ['hours', 'percent', 'effort'] as const;
  const loads: LoadSpan[] = [];
  for (let k = 0; k < l.p.length; k++) {
    const person = local[l.p[k]!]!;
    if (person < 0) continue;
    loads.push({
      person,
      project: l.j[k]!,
      start: l.s[k]!,
      finish: l.f[k]!,
      kind: kinds[l.k[k]!]!,
      amount: l.a[k]!,
      soft: l.sf[k] === 1,
    });
  }
  const holidays = companyHolidays(
    fromEpochDay(fromDay).slice(0, 4),
    fromEpochDay(toDay).slice(0, 4),
  );
  const grid = computeCapacity({ edges, holidays, weekHours, absences, loads });
  // Gross capacity (no absences) from the same engine: its difference is the absences' share.
  const gross = computeCapacity({ edges, holidays, weekHours, absences: [], loads: [] }).capacity;
  const absence = new Float64Array(gross.length);
  for (let i = 0; i < gross.length; i++) absence[i] = gross[i]! - grid.capacity[i]!;
  return {
    people,
    profiles,
    edges,
    buckets: grid.buckets,
    capacity: grid.capacity,
    absence,
    load: grid.load,
  };
}

/** Levels held in some skills: person → skill → level and whether a certification expired by `on`. */
export async function heldSkills(db: Executor, skillIds: readonly string[], on: string) {
  const out = new Map<string, Map<string, { level: number; expired: boolean }>>();
  if (skillIds.length === 0) return out;
  const rows = await queryRows<{ p: string; s: string; l: number; x: boolean }>(
    db,
    sql`select person_id as p, skill_id as s, level as l,
               coalesce(expires_on < ${on}::date, false) as x
        from person_skills where skill_id = any(${`{${skillIds.join(',')}}`}::uuid[])`,
  );
  for (const r of rows) {
    let m = out.get(r.p);
    if (!m) out.set(r.p, (m = new Map()));
    m.set(r.s, { level: Number(r.l), expired: r.x === true });
  }
  return out;
}

/**
 * Hourly cost rate of every person on a date: their own rate valid then, else their role's
 * default rate (a zero default counts as unknown). One statement.
 */
export async function ratesOn(db: Executor, on: string) {
  const rows = await queryRows<{ p: string; r: number | string; c: string }>(
    db,
    sql`select x.person_id as p, x.rate_minor as r, x.currency as c from (
          select distinct on (person_id) person_id, rate_minor, currency
          from resource_cost_rates where valid_from <= ${on}::date
          order by person_id, valid_from desc) x
        union all
        select pr.person_id, ro.default_rate_minor, ro.currency
        from resource_profiles pr join resource_roles ro on ro.id = pr.role_id
        where ro.default_rate_minor > 0 and not exists (
          select 1 from resource_cost_rates r
          where r.person_id = pr.person_id and r.valid_from <= ${on}::date)`,
  );
  return new Map(rows.map((r) => [r.p, { rateMinor: Number(r.r), currency: r.c }]));
}
