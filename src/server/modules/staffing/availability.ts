import { type SQL, sql } from 'drizzle-orm';
import { fromEpochDay } from '../../../core/calendar/days.ts';
import { ABSENCE_MARGIN_DAYS } from '../../../core/staff/workdays.ts';
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

/** The inputs of the capacity engine for some people, as columns (row `i` of each array). */
interface LoadColumns {
  /** People by id, with their working week. */
  people: { id: string[]; r: (string | null)[]; t: (string | null)[]; w: (number[] | null)[] };
  /** Allocations overlapping the period: person and project indices, days, kind, amount, soft. */
  alloc: {
    p: number[];
    j: string[];
    s: number[];
    f: number[];
    k: number[];
    a: number[];
    sf: number[];
  };
  /**
   * Task effort per task with its days (`s`, `f`); over one bucket, the tasks inside the period
   * are summed per person and project, without days (all of it falls in the bucket, whatever
   * the days worked), in the same scan.
   */
  effort: { p: number[]; j: string[]; h: number[]; s: (number | null)[]; f: (number | null)[] };
  absences: { p: number[]; s: number[]; f: number[]; d: number[] };
}

/**
 * Capacity, absences and load over `edges` of every active person, or of `personIds` only:
 * one statement, computed by the capacity engine. Over one bucket (the ranking), the effort of
 * the tasks inside the period — most of the big table — is summed per person and project in SQL
 * (all of it falls in the bucket, whichever days the person works: an effort span over exactly
 * the period puts it there), the tasks crossing its ends come with their days; over several
 * (the bench's weeks, the gaps' quarters), each task's effort comes with its days. Allocations
 * and absences come as they are; people travel as indices, not ids.
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
  // A year either side, as the heat map: tasks crossing the period's ends are spread over
  // their own days.
  const holidays = companyHolidays(
    fromEpochDay(fromDay - 366).slice(0, 4),
    fromEpochDay(toDay + 366).slice(0, 4),
  );
  const absFrom = fromEpochDay(fromDay - ABSENCE_MARGIN_DAYS);
  const absTo = fromEpochDay(toDay + ABSENCE_MARGIN_DAYS);
  const buckets = edges.length - 1;
  const epoch = sql`date '1970-01-01'`;
  const ids = personIds ? sql`${`{${personIds.join(',')}}`}::uuid[]` : null;
  const only = (column: SQL) => (ids ? sql`and ${column} = any(${ids})` : sql``);
  // Row numbers by id, inline (not a CTE) so that the planner keeps the tables' statistics.
  const personIndex = sql`(select id, (row_number() over (order by id) - 1)::int as i
      from people where archived_at is null ${only(sql`id`)})`;
  // A task inside the period: all its effort falls in a single bucket.
  const inside = sql`(t.start >= ${from}::date and t.finish < ${to}::date)`;
  // Task effort per task, with its days (overlapping the period).
  const taskRows = sql`(select json_build_object('p', coalesce(json_agg(pi.i), '[]'),
        'j', coalesce(json_agg(a.project_id), '[]'),
        's', coalesce(json_agg(t.start - ${epoch}), '[]'),
        'f', coalesce(json_agg(t.finish - ${epoch}), '[]'),
        'h', coalesce(json_agg(a.effort_hours), '[]'))
      from resource_task_assignments a
      join plan_tasks t on t.id = a.task_id
      join ${personIndex} pi on pi.id = a.person_id
      where a.effort_hours > 0 and t.start < ${to}::date
        and t.finish >= ${from}::date ${only(sql`a.person_id`)})`;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select json_build_object(
          'people', (select json_build_object('id', coalesce(json_agg(p.id order by p.id), '[]'),
                        'r', coalesce(json_agg(x.role_id order by p.id), '[]'),
                        't', coalesce(json_agg(x.team_id order by p.id), '[]'),
                        'w', coalesce(json_agg(x.week_hours order by p.id), '[]'))
                     from people p left join resource_profiles x on x.person_id = p.id
                     where p.archived_at is null ${only(sql`p.id`)}),
          'alloc', (select json_build_object('p', coalesce(json_agg(pi.i), '[]'),
                        'j', coalesce(json_agg(l.j), '[]'), 's', coalesce(json_agg(l.s), '[]'),
                        'f', coalesce(json_agg(l.f), '[]'), 'k', coalesce(json_agg(l.k), '[]'),
                        'a', coalesce(json_agg(l.a), '[]'), 'sf', coalesce(json_agg(l.sf), '[]'))
                    from (select a.person_id, a.project_id as j, a.start - ${epoch} as s,
                                 a.finish - ${epoch} as f, case a.unit when 'percent' then 1 else 0 end as k,
                                 a.amount as a, case a.status when 'soft' then 1 else 0 end as sf
                          from resource_allocations a
                          where a.start < ${to}::date and a.finish >= ${from}::date
                            ${only(sql`a.person_id`)}) l
                    join ${personIndex} pi on pi.id = l.person_id),
          'effort', ${
            buckets === 1
              ? sql`(select json_build_object('p', coalesce(json_agg(pi.i), '[]'),
                        'j', coalesce(json_agg(e.j), '[]'), 's', coalesce(json_agg(e.s), '[]'),
                        'f', coalesce(json_agg(e.f), '[]'), 'h', coalesce(json_agg(e.h), '[]'))
                     from (select a.person_id, a.project_id as j,
                                  case when not ${inside} then t.start - ${epoch} end as s,
                                  case when not ${inside} then t.finish - ${epoch} end as f,
                                  sum(a.effort_hours)::float8 as h
                           from resource_task_assignments a
                           join plan_tasks t on t.id = a.task_id
                           where a.effort_hours > 0 and t.start < ${to}::date
                             and t.finish >= ${from}::date ${only(sql`a.person_id`)}
                           group by 1, 2, 3, 4) e
                     join ${personIndex} pi on pi.id = e.person_id)`
              : taskRows
          },
          'absences', (select json_build_object('p', coalesce(json_agg(pi.i), '[]'),
                          's', coalesce(json_agg(x.start - ${epoch}), '[]'),
                          'f', coalesce(json_agg(x.finish - ${epoch}), '[]'),
                          'd', coalesce(json_agg(x.day_fraction), '[]'))
                       from resource_absences x join ${personIndex} pi on pi.id = x.person_id
                       where x.status = 'approved' and x.start < ${absTo}::date
                         and x.finish >= ${absFrom}::date ${only(sql`x.person_id`)})
        )::text as data`,
  );
  const data = JSON.parse(row!.data) as LoadColumns;
  const people = data.people;
  const P = people.id.length;
  const profiles = new Map<string, { roleId: string | null; teamId: string | null }>();
  const weekHours = new Float64Array(P * 7);
  for (let i = 0; i < P; i++) {
    profiles.set(people.id[i]!, { roleId: people.r[i] ?? null, teamId: people.t[i] ?? null });
    const w = people.w[i] ?? DEFAULT_WEEK_HOURS;
    for (let d = 0; d < 7; d++) weekHours[i * 7 + d] = w[d] ?? 0;
  }
  const ab = data.absences;
  const absences: AbsenceSpan[] = ab.p.map((person, k) => ({
    person,
    start: ab.s[k]!,
    finish: ab.f[k]!,
    fraction: ab.d[k]!,
  }));
  // Projects as small integers, in the order met (allocations and effort share them).
  const projectIndex = new Map<string, number>();
  const projectOf = (id: string) => {
    let j = projectIndex.get(id);
    if (j === undefined) projectIndex.set(id, (j = projectIndex.size));
    return j;
  };
  const kinds = ['hours', 'percent', 'effort'] as const;
  const loads: LoadSpan[] = [];
  const al = data.alloc;
  for (let k = 0; k < al.p.length; k++) {
    loads.push({
      person: al.p[k]!,
      project: projectOf(al.j[k]!),
      start: al.s[k]!,
      finish: al.f[k]!,
      kind: kinds[al.k[k]!]!,
      amount: al.a[k]!,
      soft: al.sf[k] === 1,
    });
  }
  const ef = data.effort;
  for (let k = 0; k < ef.p.length; k++) {
    loads.push({
      person: ef.p[k]!,
      project: projectOf(ef.j[k]!),
      // No days: the tasks inside the one bucket, summed — a span over exactly the period puts
      // it all there, whichever days the person works.
      start: ef.s[k] ?? fromDay,
      finish: ef.f[k] ?? toDay - 1,
      kind: 'effort',
      amount: ef.h[k]!,
      soft: false,
    });
  }
  const grid = computeCapacity({ edges, holidays, weekHours, absences, loads });
  // Gross capacity (no absences) from the same engine: its difference is the absences' share.
  const gross = computeCapacity({ edges, holidays, weekHours, absences: [], loads: [] }).capacity;
  const absence = new Float64Array(gross.length);
  for (let i = 0; i < gross.length; i++) absence[i] = gross[i]! - grid.capacity[i]!;
  return {
    ids: people.id,
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

/** A slice of the pool, best bounds first, with what the whole pool's scoring needs. */
export interface PoolSlice {
  people: PoolPerson[];
  /** People in the pool (qualified ones only when asked). */
  total: number;
  /** Cheapest and dearest known rate of every active person (±Infinity when none). */
  range: { min: number; max: number };
}

/**
 * The active people with the best score bounds for a request (`ranking.ts`'s `scoreBound`:
 * skill fit and cost with availability counted full), scored in SQL: `limit` of them from
 * `offset`, by bound then id, with their role, hourly rate on `on` (their own dated rate,
 * else their role's default; a zero default counts as unknown) and their levels in the skills
 * asked. One statement; the pool's size and rate range come with it. Only the slice leaves the
 * database, not the 5,000 people.
 */
export async function candidatePool(
  db: Executor,
  asked: {
    skills: readonly { skillId: string; minLevel: number }[];
    roleId: string | null;
    on: string;
  },
  weights: { skills: number; availability: number; cost: number },
  page: { offset: number; limit: number; qualifiedOnly: boolean },
): Promise<PoolSlice> {
  const n = asked.skills.length;
  const skills = `{${asked.skills.map((s) => s.skillId).join(',')}}`;
  const mins = `{${asked.skills.map((s) => s.minLevel).join(',')}}`;
  const wSum = weights.skills + weights.availability + weights.cost || 1;
  const skillsFit = n ? sql`coalesce(hs.fit, 0) / ${n}::float8` : sql`1::float8`;
  const role = asked.roleId
    ? sql`(case when pr.role_id = ${asked.roleId}::uuid then 1 else 0 end)::float8`
    : null;
  // skillFit: the mean of min(level / minLevel, 1); with a role, 80 % skills and 20 % role.
  const fit = !role ? skillsFit : n ? sql`(0.8 * ${skillsFit} + 0.2 * ${role})` : role;
  const qualified = sql`(coalesce(hs.ok, 0) = ${n}::int ${role ? sql`and ${role} = 1` : sql``})`;
  const cost = sql`(case when s.rate is null then 0.5 when g.mx <= g.mn then 1
      else greatest(0, least(1, 1 - (s.rate - g.mn) / (g.mx - g.mn))) end)`;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`with scored as (
          select p.id, pr.role_id, r.rate, r.currency, hs.held, ${qualified} as q, ${fit} as fit
          from people p
          left join resource_profiles pr on pr.person_id = p.id
          left join resource_roles ro on ro.id = pr.role_id
          left join (
            select distinct on (c.person_id) c.person_id, c.rate_minor, c.currency
            from resource_cost_rates c where c.valid_from <= ${asked.on}::date
            order by c.person_id, c.valid_from desc) cr on cr.person_id = p.id
          cross join lateral (
            select coalesce(cr.rate_minor, nullif(ro.default_rate_minor, 0))::float8 as rate,
                   case when cr.rate_minor is not null then cr.currency
                        when ro.default_rate_minor > 0 then ro.currency end as currency) r
          left join (
            select ps.person_id,
                   json_agg(json_build_array(ps.skill_id, ps.level,
                     coalesce(ps.expires_on < ${asked.on}::date, false))) as held,
                   sum(least(ps.level::float8 / a.min, 1)) as fit,
                   (count(*) filter (where ps.level >= a.min))::int as ok
            from person_skills ps
            join unnest(${skills}::uuid[], ${mins}::int[]) a(skill, min) on a.skill = ps.skill_id
            group by ps.person_id) hs on hs.person_id = p.id
          where p.archived_at is null),
        range as (select min(rate) as mn, max(rate) as mx from scored),
        bounded as (
          select s.*, (100 * (${weights.skills}::float8 * s.fit + ${weights.availability}::float8
                   + ${weights.cost}::float8 * ${cost}) / ${wSum}::float8) as bound
          from scored s cross join range g
          ${page.qualifiedOnly ? sql`where s.q` : sql``})
        select json_build_object(
          'total', (select count(*)::int from bounded),
          'min', (select mn from range),
          'max', (select mx from range),
          'people', (select coalesce(json_agg(json_build_array(id, role_id, rate, currency, held)
                       order by bound desc, id), '[]')
                     from (select * from bounded order by bound desc, id
                           offset ${page.offset} limit ${page.limit}) top)
        )::text as data`,
  );
  const data = JSON.parse(row!.data) as {
    total: number;
    min: number | null;
    max: number | null;
    people: [
      string,
      string | null,
      number | null,
      string | null,
      [string, number, boolean][] | null,
    ][];
  };
  return {
    total: data.total,
    range: { min: data.min ?? Infinity, max: data.max ?? -Infinity },
    people: data.people.map(([id, roleId, rate, currency, held]) => ({
      id,
      roleId,
      rateMinor: rate === null ? null : Number(rate),
      currency,
      skills: new Map((held ?? []).map(([s, level, expired]) => [s, { level, expired }])),
    })),
  };
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
