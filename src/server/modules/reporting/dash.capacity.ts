import { sql } from 'drizzle-orm';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import {
  capacityPressure,
  holidaysBetween,
  type PressureResult,
  sharedCapacity,
} from '../../../core/dash/capacity.ts';
import { type Executor, queryRows } from '../../db/client.ts';

/*
 * The capacity pressure of the four weeks from a date, read set-wise (three statements, run one
 * after the other, whatever the number of projects) and computed by core/dash/capacity.ts with
 * the heat map's rules: each person's working week, public holidays, approved absences. Used by
 * the registry metrics `allocated_hours` / `team_capacity_hours` and by the dashboard
 * snapshot's capacity by the people's department, so both give the same figures.
 */

/** Days in the window: the four weeks from the date. */
export const WINDOW_DAYS = 28;

export interface Pressure {
  result: PressureResult;
  /** Person id and department of each person index of `result`. */
  people: { id: string; orgUnitId: string | null }[];
}

/**
 * The allocations of the window on non-archived projects of the people allocated to any of
 * `projectIds` (every project when null) — all of their allocations, so that their capacity is
 * shared among all of their projects — their working week and their approved absences.
 */
export async function readPressure(
  db: Executor,
  asOf: string,
  projectIds: readonly string[] | null,
): Promise<Pressure> {
  if (projectIds && projectIds.length === 0) return { result: empty(), people: [] };
  const from = toEpochDay(asOf);
  const to = from + WINDOW_DAYS;
  const last = fromEpochDay(to - 1);
  const people = projectIds
    ? sql`(select distinct person_id from resource_allocations
           where project_id in ${projectIds} and start <= ${last}::date
             and finish >= ${asOf}::date)`
    : null;
  const allocations = await queryRows<{
    person_id: string;
    project_id: string;
    start: string;
    finish: string;
    unit: 'hours' | 'percent';
    amount: number;
  }>(
    db,
    sql`select a.person_id, a.project_id, a.start::text as start, a.finish::text as finish, a.unit,
               a.amount::float8 as amount
        from resource_allocations a join projects pr on pr.id = a.project_id and pr.archived_at is null
        where a.start <= ${last}::date and a.finish >= ${asOf}::date
          ${people ? sql`and a.person_id in ${people}` : sql``}
        order by a.person_id, a.project_id, a.start`,
  );
  if (allocations.length === 0) return { result: empty(), people: [] };
  const who =
    people ??
    sql`(select distinct a.person_id from resource_allocations a
      join projects pr on pr.id = a.project_id and pr.archived_at is null
      where a.start <= ${last}::date and a.finish >= ${asOf}::date)`;
  const directory = await queryRows<{
    id: string;
    org_unit_id: string | null;
    week_hours: number[] | null;
  }>(
    db,
    sql`select pe.id, pe.org_unit_id, rp.week_hours from people pe
        left join resource_profiles rp on rp.person_id = pe.id
        where pe.id in ${who} order by pe.id`,
  );
  // Approved absences by day in the window: overlapping ones count the day once.
  const absences = await queryRows<{ person_id: string; day: string; fraction: number }>(
    db,
    sql`select ab.person_id, d::date::text as day, least(1, sum(ab.day_fraction))::float8 as fraction
        from resource_absences ab
        cross join lateral generate_series(greatest(ab.start, ${asOf}::date),
          least(ab.finish, ${last}::date), interval '1 day') d
        where ab.status = 'approved' and ab.start <= ${last}::date
          and ab.finish >= ${asOf}::date and ab.person_id in ${who}
        group by ab.person_id, d::date`,
  );
  const index = new Map(directory.map((p, i) => [p.id, i]));
  const result = capacityPressure({
    from,
    to,
    holidays: holidaysBetween(from, to - 1),
    people: directory.map((p) => ({
      weekHours: Array.isArray(p.week_hours) ? p.week_hours.map(Number) : null,
    })),
    absences: absences.flatMap((x) => {
      const person = index.get(x.person_id);
      return person === undefined
        ? []
        : [{ person, day: toEpochDay(x.day), fraction: Number(x.fraction) }];
    }),
    allocations: allocations.flatMap((x) => {
      const person = index.get(x.person_id);
      return person === undefined
        ? []
        : [
            {
              person,
              project: x.project_id,
              start: toEpochDay(x.start),
              finish: toEpochDay(x.finish),
              unit: x.unit,
              amount: Number(x.amount),
            },
          ];
    }),
  });
  return {
    result,
    people: directory.map((p) => ({ id: p.id, orgUnitId: p.org_unit_id })),
  };
}

function empty(): PressureResult {
  return { capacity: new Float64Array(0), loads: [] };
}

/** Per project: hours allocated and the shared capacity of its people (registry metrics). */
export function pressureByProject(p: Pressure) {
  return sharedCapacity(p.result, () => null);
}

/** Per project and department of the people: hours allocated and shared capacity. */
export function pressureByDepartment(p: Pressure) {
  return sharedCapacity(p.result, (i) => p.people[i]!.orgUnitId);
}
