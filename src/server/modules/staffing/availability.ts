import { type SQL, sql } from 'drizzle-orm';
import { fromEpochDay } from '../../../core/calendar/days.ts';
import { ABSENCE_MARGIN_DAYS } from '../../../core/staff/workdays.ts';
import {
  type AbsenceSpan,
  DEFAULT_WEEK_HOURS,
  type LoadSpan,
  computeCapacity,
  lowerBound,
  weekdayCounts,
} from '../../../core/resources/capacity.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { companyHolidays } from '../resources/capacity.service.ts';
import { absencesBeyond } from '../resources/resources.repository.ts';

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
  /** Allocations overlapping the period: person and project ids, days, kind, amount, soft. */
  alloc: {
    p: string[];
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
  effort: { p: string[]; j: string[]; h: number[]; s: (number | null)[]; f: (number | null)[] };
  absences: { p: string[]; s: number[]; f: number[]; d: number[] };
}

/**
 * Capacity, absences and load over `edges` of every active person, or of `personIds` only:
 * one statement, computed by the capacity engine. Over one bucket (the ranking), the effort of
 * the tasks inside the period — most of the big table — is summed per person and project in SQL
 * (all of it falls in the bucket, whichever days the person works: an effort span over exactly
 * the period puts it there), the tasks crossing its ends come with their days; over several
 * (the bench's weeks, the gaps' quarters), each task's effort comes with its days. Allocations
 * and absences come as they are; rows name their person by id.
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
  const absFrom = fromEpochDay(fromDay - ABSENCE_MARGIN_DAYS);
  const absTo = fromEpochDay(toDay + ABSENCE_MARGIN_DAYS);
  const buckets = edges.length - 1;
  const epoch = sql`date '1970-01-01'`;
  const ids = personIds ? sql`${`{${personIds.join(',')}}`}::uuid[]` : null;
  const only = (column: SQL) => (ids ? sql`and ${column} = any(${ids})` : sql``);
  // A task inside the period: all its effort falls in a single bucket.
  const inside = sql`(t.start >= ${from}::date and t.finish < ${to}::date)`;
  // Rows name their person by id, mapped to the people's rows here (rows of people not read —
  // archived — are left out): no row numbering of the people in every part of the statement.
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select json_build_object(
          'people', (select json_build_object('id', coalesce(json_agg(p.id order by p.id), '[]'),
                        'r', coalesce(json_agg(x.role_id order by p.id), '[]'),
                        't', coalesce(json_agg(x.team_id order by p.id), '[]'),
                        'w', coalesce(json_agg(x.week_hours order by p.id), '[]'))
                     from people p left join resource_profiles x on x.person_id = p.id
                     where p.archived_at is null ${only(sql`p.id`)}),
          'alloc', (select json_build_object('p', coalesce(json_agg(a.person_id), '[]'),
                        'j', coalesce(json_agg(a.project_id), '[]'),
                        's', coalesce(json_agg(a.start - ${epoch}), '[]'),
                        'f', coalesce(json_agg(a.finish - ${epoch}), '[]'),
                        'k', coalesce(json_agg(case a.unit when 'percent' then 1 else 0 end), '[]'),
                        'a', coalesce(json_agg(a.amount), '[]'),
                        'sf', coalesce(json_agg(case a.status when 'soft' then 1 else 0 end), '[]'))
                    from resource_allocations a
                    where a.start < ${to}::date and a.finish >= ${from}::date
                      ${only(sql`a.person_id`)}),
          'effort', (select json_build_object('p', coalesce(json_agg(e.p), '[]'),
                        'j', coalesce(json_agg(e.j), '[]'), 's', coalesce(json_agg(e.s), '[]'),
                        'f', coalesce(json_agg(e.f), '[]'), 'h', coalesce(json_agg(e.h), '[]'))
                     from ${
                       buckets === 1
                         ? sql`(select a.person_id as p, a.project_id as j,
                                  case when not ${inside} then t.start - ${epoch} end as s,
                                  case when not ${inside} then t.finish - ${epoch} end as f,
                                  sum(a.effort_hours)::float8 as h
                           from resource_task_assignments a
                           join plan_tasks t on t.id = a.task_id
                           where a.effort_hours > 0 and t.start < ${to}::date
                             and t.finish >= ${from}::date ${only(sql`a.person_id`)}
                           group by 1, 2, 3, 4)`
                         : sql`(select a.person_id as p, a.project_id as j, t.start - ${epoch} as s,
                                  t.finish - ${epoch} as f, a.effort_hours as h
                           from resource_task_assignments a
                           join plan_tasks t on t.id = a.task_id
                           where a.effort_hours > 0 and t.start < ${to}::date
                             and t.finish >= ${from}::date ${only(sql`a.person_id`)})`
                     } e),
          'absences', (select json_build_object('p', coalesce(json_agg(x.person_id), '[]'),
                          's', coalesce(json_agg(x.start - ${epoch}), '[]'),
                          'f', coalesce(json_agg(x.finish - ${epoch}), '[]'),
                          'd', coalesce(json_agg(x.day_fraction), '[]'))
                       from resource_absences x
                       where x.status = 'approved' and x.start < ${absTo}::date
                         and x.finish >= ${absFrom}::date ${only(sql`x.person_id`)})
        )::text as data`,
  );
  const data = JSON.parse(row!.data) as LoadColumns;
  const people = data.people;
  const P = people.id.length;
  const profiles = new Map<string, { roleId: string | null; teamId: string | null }>();
  const rowOf = new Map<string, number>();
  const weekHours = new Float64Array(P * 7);
  for (let i = 0; i < P; i++) {
    rowOf.set(people.id[i]!, i);
    profiles.set(people.id[i]!, { roleId: people.r[i] ?? null, teamId: people.t[i] ?? null });
    const w = people.w[i] ?? DEFAULT_WEEK_HOURS;
    for (let d = 0; d < 7; d++) weekHours[i * 7 + d] = w[d] ?? 0;
  }
  const ab = data.absences;
  // As the heat map (`readInputs`, `toSnapshot`): the leave of people whose tasks reach further
  // than the absences read, and holidays a year either side and as far as the tasks.
  const ef = data.effort;
  const far: string[] = [];
  let first = fromDay - 366;
  let last = toDay + 366;
  let lo = fromDay - ABSENCE_MARGIN_DAYS;
  let hi = toDay + ABSENCE_MARGIN_DAYS;
  for (let k = 0; k < ef.p.length; k++) {
    const s = ef.s[k];
    const f = ef.f[k];
    if (s === null || s === undefined || f === null || f === undefined) continue;
    first = Math.min(first, s);
    last = Math.max(last, f);
    if (s >= fromDay - ABSENCE_MARGIN_DAYS && f < toDay + ABSENCE_MARGIN_DAYS) continue;
    far.push(ef.p[k]!);
    lo = Math.min(lo, s);
    hi = Math.max(hi, f + 1);
  }
  for (const x of await absencesBeyond(db, far, {
    from: fromEpochDay(lo),
    to: fromEpochDay(hi),
    readFrom: absFrom,
    readTo: absTo,
  })) {
    ab.p.push(x.person);
    ab.s.push(x.s);
    ab.f.push(x.f);
    ab.d.push(x.d);
  }
  const holidays = companyHolidays(fromEpochDay(first).slice(0, 4), fromEpochDay(last).slice(0, 4));
  const absences: AbsenceSpan[] = [];
  for (let k = 0; k < ab.p.length; k++) {
    const person = rowOf.get(ab.p[k]!);
    if (person === undefined) continue;
    absences.push({ person, start: ab.s[k]!, finish: ab.f[k]!, fraction: ab.d[k]! });
  }
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
    const person = rowOf.get(al.p[k]!);
    if (person === undefined) continue;
    loads.push({
      person,
      project: projectOf(al.j[k]!),
      start: al.s[k]!,
      finish: al.f[k]!,
      kind: kinds[al.k[k]!]!,
      amount: al.a[k]!,
      soft: al.sf[k] === 1,
    });
  }
  for (let k = 0; k < ef.p.length; k++) {
    const person = rowOf.get(ef.p[k]!);
    if (person === undefined) continue;
    loads.push({
      person,
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
  /** The best availability score they could have over the period (1 without a period). */
  maxAvailability: number;
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
 * What bounds availability over a request's period without reading loads: the weekday counts
 * of the period less holidays (`weekdayCounts`, Monday first), how many holidays fall in it, and
 * the hours needed.
 */
export interface PoolPeriod {
  from: string;
  /** Exclusive. */
  to: string;
  weekdays: ArrayLike<number>;
  holidays: number;
  hoursNeeded: number;
}

/** The pool's period for `[fromDay, toDay)` (epoch days) and the hours needed over it. */
export function poolPeriod(fromDay: number, toDay: number, hoursNeeded: number): PoolPeriod {
  const holidays = companyHolidays(
    fromEpochDay(fromDay).slice(0, 4),
    fromEpochDay(toDay - 1).slice(0, 4),
  );
  return {
    from: fromEpochDay(fromDay),
    to: fromEpochDay(toDay),
    weekdays: weekdayCounts(fromDay, toDay, holidays),
    holidays: lowerBound(holidays, toDay) - lowerBound(holidays, fromDay),
    hoursNeeded,
  };
}

/**
 * The active people with the best score bounds for a request (`ranking.ts`'s `scoreBound`:
 * skill fit and cost, with availability at most `availabilityScore` of an upper bound of their
 * capacity and a lower bound of their load over `period`, read from their week, allocations
 * and absences, not from tasks), scored in SQL: `limit` of them from
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
  period?: PoolPeriod,
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
  // The availability bound (1 without a period), `availabilityScore` of the free hours of:
  // - capacity at most the week's hours on the period's weekdays less holidays (no absence);
  // - load at least (`computeCapacity`: a project's load is at least its allocations) the
  //   hours-a-week allocations over the whole weeks of their overlap less one week per holiday
  //   of the period (prorated by the pattern days they cover, a holiday takes at most one of
  //   a week's), plus the
  //   percentages covering the whole period of the capacity less every approved absent day at
  //   the person's longest day. Other percentages and task effort can only add load: left out.
  const days = [0, 1, 2, 3, 4, 5, 6];
  const need = period?.hoursNeeded ?? 0;
  const free = period
    ? sql`greatest(0, wk.gross - coalesce(al.h, 0)
        - greatest(0, wk.gross - coalesce(ab.d, 0) * wk.mx) * coalesce(al.pct, 0) / 100)`
    : sql`0`;
  const cap = !period
    ? sql`1::float8`
    : need <= 0
      ? sql`(case when ${free} > 0 then 1 else 0 end)::float8`
      : sql`least(1, ${free} / ${need}::float8)`;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`with scored as (
          select p.id, pr.role_id, r.rate, r.currency, ${qualified} as q, ${fit} as fit,
                 ${cap} as cap
          from people p
          left join resource_profiles pr on pr.person_id = p.id
          ${
            period
              ? sql`cross join lateral (
            select ${sql.join(
              days.map((d) => sql`w.w${sql.raw(String(d))} * ${period.weekdays[d] ?? 0}::float8`),
              sql` + `,
            )} as gross,
                   greatest(${sql.join(
                     days.map((d) => sql`w.w${sql.raw(String(d))}`),
                     sql`, `,
                   )}) as mx
            from (select ${sql.join(
              days.map(
                (d) =>
                  sql`coalesce((coalesce(pr.week_hours, '[7,7,7,7,7,0,0]'::jsonb) ->> ${sql.raw(String(d))})::float8, 0) as w${sql.raw(String(d))}`,
              ),
              sql`, `,
            )}) w) wk`
              : sql``
          }
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
                   sum(least(ps.level::float8 / a.min, 1)) as fit,
                   (count(*) filter (where ps.level >= a.min))::int as ok
            from person_skills ps
            join unnest(${skills}::uuid[], ${mins}::int[]) a(skill, min) on a.skill = ps.skill_id
            group by ps.person_id) hs on hs.person_id = p.id
          ${
            period
              ? sql`left join (
            select a.person_id,
                   sum(case when a.unit <> 'percent' then a.amount::float8 * greatest(0,
                     (least(a.finish + 1, ${period.to}::date) - greatest(a.start, ${period.from}::date)) / 7
                       - ${period.holidays}::int) end) as h,
                   sum(case when a.unit = 'percent' and a.start <= ${period.from}::date
                              and a.finish + 1 >= ${period.to}::date then a.amount::float8 end) as pct
            from resource_allocations a
            where a.start < ${period.to}::date and a.finish >= ${period.from}::date
            group by a.person_id) al on al.person_id = p.id
          left join (
            select x.person_id,
                   sum((least(x.finish + 1, ${period.to}::date) - greatest(x.start, ${period.from}::date))
                       * x.day_fraction::float8) as d
            from resource_absences x
            where x.status = 'approved' and x.start < ${period.to}::date
              and x.finish >= ${period.from}::date
            group by x.person_id) ab on ab.person_id = p.id`
              : sql``
          }
          where p.archived_at is null),
        range as (select min(rate) as mn, max(rate) as mx from scored),
        bounded as (
          select s.*, (100 * (${weights.skills}::float8 * s.fit
                   + ${weights.availability}::float8 * s.cap
                   + ${weights.cost}::float8 * ${cost}) / ${wSum}::float8) as bound
          from scored s cross join range g
          ${page.qualifiedOnly ? sql`where s.q` : sql``})
        select json_build_object(
          'total', (select count(*)::int from bounded),
          'min', (select mn from range),
          'max', (select mx from range),
          'people', (select coalesce(json_agg(json_build_array(id, role_id, rate, currency,
                         (select json_agg(json_build_array(ps.skill_id, ps.level,
                                   coalesce(ps.expires_on < ${asked.on}::date, false)))
                          from person_skills ps
                          where ps.person_id = top.id and ps.skill_id = any(${skills}::uuid[])),
                         cap)
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
      number,
    ][];
  };
  return {
    total: data.total,
    range: { min: data.min ?? Infinity, max: data.max ?? -Infinity },
    people: data.people.map(([id, roleId, rate, currency, held, cap]) => ({
      id,
      roleId,
      rateMinor: rate === null ? null : Number(rate),
      currency,
      skills: new Map((held ?? []).map(([s, level, expired]) => [s, { level, expired }])),
      maxAvailability: cap,
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
