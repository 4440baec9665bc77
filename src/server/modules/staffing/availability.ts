import { type SQL, sql } from 'drizzle-orm';
import { fromEpochDay } from '../../../core/calendar/days.ts';
import {
  type AbsenceSpan,
  DEFAULT_WEEK_HOURS,
  type LoadSpan,
  computeCapacity,
} from '../../../core/resources/capacity.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { companyHolidays } from '../resources/capacity.service.ts';

// Capacity, absences and load of people over a period, in buckets: read in one statement and
// computed by the capacity engine, so that staffing, the bench and the skill gaps count hours
// exactly as the heat map does.

export interface PeriodLoad {
  /** Person ids, by id: row `i` of the matrices. */
  ids: string[];
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

/** The inputs of the capacity engine for some people (all active people when `personIds` is undefined). */
interface LoadRows {
  people: { id: string; r: string | null; t: string | null; w: number[] | null }[];
  loads: { p: string; j: string; s: number; f: number; k: number; a: number; sf: number }[];
  absences: { p: string; s: number; f: number; d: number }[];
}

/**
 * Capacity, absences and load over `edges` of every active person, or of `personIds` only:
 * one statement (people with their working week, then allocations, task spans and approved
 * absences overlapping the period, as one JSON value), computed by the capacity engine.
 */
export async function periodLoad(
  db: Executor,
  edges: Int32Array,
  personIds?: readonly string[],
): Promise<PeriodLoad> {
  const fromDay = edges[0]!;
  const toDay = edges[edges.length - 1]!;
  const from = fromEpochDay(fromDay);
  const to = fromEpochDay(toDay);
  const epoch = sql`date '1970-01-01'`;
  const only = (column: SQL) =>
    personIds ? sql`and ${column} = any(${`{${personIds.join(',')}}`}::uuid[])` : sql``;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select json_build_object(
          'people', (select coalesce(json_agg(json_build_object('id', p.id, 'r', x.role_id,
                        't', x.team_id, 'w', x.week_hours) order by p.id), '[]')
                     from people p left join resource_profiles x on x.person_id = p.id
                     where p.archived_at is null ${only(sql`p.id`)}),
          'loads', (select coalesce(json_agg(l), '[]') from (
              select a.person_id as p, a.project_id as j, a.start - ${epoch} as s,
                     a.finish - ${epoch} as f, case a.unit when 'percent' then 1 else 0 end as k,
                     a.amount as a, case a.status when 'soft' then 1 else 0 end as sf
              from resource_allocations a
              where a.start < ${to}::date and a.finish >= ${from}::date ${only(sql`a.person_id`)}
              union all
              select a.person_id, a.project_id, t.start - ${epoch}, t.finish - ${epoch}, 2,
                     a.effort_hours, 0
              from resource_task_assignments a join plan_tasks t on t.id = a.task_id
              where a.effort_hours > 0 and t.start < ${to}::date and t.finish >= ${from}::date
                ${only(sql`a.person_id`)}) l),
          'absences', (select coalesce(json_agg(json_build_object('p', x.person_id,
                          's', x.start - ${epoch}, 'f', x.finish - ${epoch}, 'd', x.day_fraction)), '[]')
                       from resource_absences x
                       where x.status = 'approved' and x.start < ${to}::date
                         and x.finish >= ${from}::date ${only(sql`x.person_id`)})
        )::text as data`,
  );
  const data = JSON.parse(row!.data) as LoadRows;
  const index = new Map<string, number>();
  data.people.forEach((p, i) => index.set(p.id, i));
  const P = data.people.length;
  const profiles = new Map<string, { roleId: string | null; teamId: string | null }>();
  const weekHours = new Float64Array(P * 7);
  data.people.forEach((p, i) => {
    profiles.set(p.id, { roleId: p.r, teamId: p.t });
    const w = p.w ?? DEFAULT_WEEK_HOURS;
    for (let d = 0; d < 7; d++) weekHours[i * 7 + d] = w[d] ?? 0;
  });
  const absences: AbsenceSpan[] = [];
  for (const a of data.absences) {
    const person = index.get(a.p);
    if (person !== undefined) absences.push({ person, start: a.s, finish: a.f, fraction: a.d });
  }
  // Projects as small integers, in the order met.
  const projectIndex = new Map<string, number>();
  const kinds = ['hours', 'percent', 'effort'] as const;
  const loads: LoadSpan[] = [];
  for (const l of data.loads) {
    const person = index.get(l.p);
    if (person === undefined) continue;
    let project = projectIndex.get(l.j);
    if (project === undefined) projectIndex.set(l.j, (project = projectIndex.size));
    loads.push({
      person,
      project,
      start: l.s,
      finish: l.f,
      kind: kinds[l.k]!,
      amount: l.a,
      soft: l.sf === 1,
    });
  }
  const holidays = companyHolidays(from.slice(0, 4), to.slice(0, 4));
  const grid = computeCapacity({ edges, holidays, weekHours, absences, loads });
  // Gross capacity (no absences) from the same engine: its difference is the absences' share.
  const gross = computeCapacity({ edges, holidays, weekHours, absences: [], loads: [] }).capacity;
  const absence = new Float64Array(gross.length);
  for (let i = 0; i < gross.length; i++) absence[i] = gross[i]! - grid.capacity[i]!;
  return {
    ids: data.people.map((p) => p.id),
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

export interface PoolPerson {
  id: string;
  roleId: string | null;
  rateMinor: number | null;
  currency: string | null;
  /** Levels held in the skills asked, and whether a certification expired by the date. */
  skills: Map<string, { level: number; expired: boolean }>;
}

/**
 * Every active person with their role, their hourly rate on `on` (their own dated rate, else
 * their role's default; a zero default counts as unknown) and their levels in `skillIds`, in
 * one statement.
 */
export async function candidatePool(
  db: Executor,
  skillIds: readonly string[],
  on: string,
): Promise<PoolPerson[]> {
  const skills = `{${skillIds.join(',')}}`;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(p.id, pr.role_id,
              coalesce(cr.rate_minor, nullif(ro.default_rate_minor, 0)),
              case when cr.rate_minor is not null then cr.currency
                   when ro.default_rate_minor > 0 then ro.currency end,
              hs.held)), '[]')::text as data
        from people p
        left join resource_profiles pr on pr.person_id = p.id
        left join resource_roles ro on ro.id = pr.role_id
        left join (
          select distinct on (c.person_id) c.person_id, c.rate_minor, c.currency
          from resource_cost_rates c where c.valid_from <= ${on}::date
          order by c.person_id, c.valid_from desc) cr on cr.person_id = p.id
        left join (
          select ps.person_id, json_agg(json_build_array(ps.skill_id, ps.level,
                   coalesce(ps.expires_on < ${on}::date, false))) as held
          from person_skills ps where ps.skill_id = any(${skills}::uuid[])
          group by ps.person_id) hs on hs.person_id = p.id
        where p.archived_at is null`,
  );
  const rows = JSON.parse(row!.data) as [
    string,
    string | null,
    number | null,
    string | null,
    [string, number, boolean][] | null,
  ][];
  return rows.map(([id, roleId, rate, currency, held]) => ({
    id,
    roleId,
    rateMinor: rate === null ? null : Number(rate),
    currency,
    skills: new Map((held ?? []).map(([s, level, expired]) => [s, { level, expired }])),
  }));
}

/** Names, job titles and org units of some people (one statement). */
export async function personBriefs(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, Brief>();
  const rows = await queryRows<{
    id: string;
    first_name: string;
    last_name: string;
    job_title: string | null;
    unit_id: string | null;
    unit_name: string | null;
  }>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.job_title, u.id as unit_id, u.name as unit_name
        from people p left join org_units u on u.id = p.org_unit_id
        where p.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map<string, Brief>(
    rows.map((r) => [
      r.id,
      {
        name: `${r.first_name} ${r.last_name}`,
        jobTitle: r.job_title,
        orgUnit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
      },
    ]),
  );
}

export interface Brief {
  name: string;
  jobTitle: string | null;
  orgUnit: { id: string; name: string } | null;
}
