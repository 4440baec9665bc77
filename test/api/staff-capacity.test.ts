import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekday, toEpochDay } from '../../src/core/calendar/days.ts';
import {
  DEFAULT_WEEK_HOURS,
  bucketEdges,
  computeCapacity,
} from '../../src/core/resources/capacity.ts';
import {
  companyHolidays,
  dailyAvailability,
  heatMap,
  workdayMasks,
  readInputs,
  toSnapshot,
} from '../../src/server/modules/resources/capacity.service.ts';
import { periodEdges, periodLoad } from '../../src/server/modules/staffing/availability.ts';
import { type TestApp, buildTestApp, uniq } from '../helpers/app.ts';
import { buildPortfolio, buildProject } from '../helpers/factories.ts';

// The staffing reads sum task effort per person, project and bucket in SQL; the capacity reads
// take only the people asked for, in one statement. Both must give exactly what the heat map's
// engine gives from the raw rows. Data: 12 people in two teams (some on four-day weeks), tasks
// across the holidays of May 2027 and past the period's ends, allocations in hours and percent,
// soft ones, full and half-day absences.

let t: TestApp;
let teamA: string;
const FROM = '2027-04-05';
const TO = '2027-06-27';

beforeAll(async () => {
  t = await buildTestApp();
  const portfolio = await buildPortfolio(t);
  const projects = [
    (await buildProject(t, portfolio.id)).id,
    (await buildProject(t, portfolio.id)).id,
  ];
  const u = uniq();
  const db = t.ctx.db;
  await db.execute(sql`
    insert into resource_teams (code, name) values (${`A${u}`}, 'Équipe A'), (${`B${u}`}, 'Équipe B')`);
  await db.execute(sql`
    insert into people (first_name, last_name)
    select 'Prénom' || i, ${`Cap${u}-`} || lpad(i::text, 2, '0') from generate_series(1, 12) i`);
  await db.execute(sql`
    with p as (select id, row_number() over (order by last_name) as k from people
               where last_name like ${`Cap${u}-%`})
    insert into resource_profiles (person_id, team_id, week_hours)
    select p.id, (select id from resource_teams where code = case when p.k % 2 = 0 then ${`A${u}`} else ${`B${u}`} end),
           case when p.k % 3 = 0 then '[7,7,0,7,7,0,0]'::jsonb else '[7,7,7,7,7,0,0]'::jsonb end
    from p`);
  await db.execute(sql`
    insert into plan_tasks (project_id, position, name, duration, start, finish, span)
    select pr, k, 'Tâche ' || k, 10, date '2027-03-20' + k * 9, date '2027-03-20' + k * 9 + 6 + (k % 4) * 5, 10
    from unnest(${`{${projects.join(',')}}`}::uuid[]) pr cross join generate_series(0, 11) k`);
  await db.execute(sql`
    with t as (select id, project_id, row_number() over (order by project_id, position) as k from plan_tasks
               where project_id = any(${`{${projects.join(',')}}`}::uuid[])),
         p as (select id, row_number() over (order by last_name) as k from people
               where last_name like ${`Cap${u}-%`})
    insert into resource_task_assignments (task_id, project_id, person_id, effort_hours)
    select t.id, t.project_id, p.id, 12 + (t.k % 5) * 9
    from t cross join generate_series(0, 1) j join p on p.k = 1 + (t.k * 5 + j * 7) % 12`);
  await db.execute(sql`
    with p as (select id, row_number() over (order by last_name) as k from people
               where last_name like ${`Cap${u}-%`})
    insert into resource_allocations (person_id, project_id, start, finish, unit, amount, status)
    select p.id, ${projects[0]!}::uuid, date '2027-03-29' + (p.k * 6)::int, date '2027-05-20' + (p.k * 4)::int,
           case when p.k % 2 = 0 then 'hours' else 'percent' end,
           case when p.k % 2 = 0 then 14 else 40 end,
           case when p.k % 4 = 0 then 'soft' else 'hard' end
    from p`);
  await db.execute(sql`
    with p as (select id, row_number() over (order by last_name) as k from people
               where last_name like ${`Cap${u}-%`})
    insert into resource_absences (person_id, kind, start, finish, status, day_fraction)
    select p.id, 'conges', date '2027-04-12' + (p.k * 3)::int, date '2027-04-12' + (p.k * 3)::int + (p.k % 3)::int,
           'approved', case when p.k % 5 = 0 then 0.5 else 1 end
    from p`);
  teamA = (
    (await db.execute(sql`select id from resource_teams where code = ${`A${u}`}`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows[0]!.id;
});

afterAll(async () => {
  await t.close();
});

describe('capacity reads (staff)', () => {
  it('sums task effort in SQL exactly as the engine spreads it, week by week and over one bucket', async () => {
    for (const weekly of [true, false]) {
      const edges = periodEdges(toEpochDay(FROM), toEpochDay(TO) + 1, weekly);
      const fast = await periodLoad(t.ctx.db, edges);
      // The reference: every raw row through the heat map's engine.
      const s = toSnapshot(await readInputs(t.ctx.db, { includeSoft: true }, edges));
      const grid = computeCapacity(s);
      expect(fast.ids.length).toBe(s.people.length);
      let effort = 0;
      fast.ids.forEach((id, i) => {
        const r = s.personIndex.get(id)!;
        for (let b = 0; b < grid.buckets; b++) {
          expect(fast.load[i * grid.buckets + b]).toBeCloseTo(grid.load[r * grid.buckets + b]!, 9);
          expect(fast.capacity[i * grid.buckets + b]).toBeCloseTo(
            grid.capacity[r * grid.buckets + b]!,
            9,
          );
          effort += grid.assigned[r * grid.buckets + b]!;
        }
      });
      expect(effort).toBeGreaterThan(100); // the data does put task effort in the period
    }
  });

  it('reads only the people of a team for a team-filtered heat map, with the same figures', async () => {
    const edges = bucketEdges(toEpochDay(FROM), 12, 'week');
    const only = await readInputs(t.ctx.db, { includeSoft: true }, edges, 0, undefined, {
      teamId: teamA,
    });
    expect(only.people).toHaveLength(6);
    const query = {
      from: FROM,
      unit: 'week' as const,
      buckets: 12,
      groupBy: 'team' as const,
      includeSoft: true,
      overOnly: false,
      limit: 50,
    };
    const all = await heatMap(t.ctx, query);
    const team = await heatMap(t.ctx, { ...query, teamId: teamA });
    expect(team.rows).toHaveLength(1);
    expect(team.rows[0]).toEqual(all.rows.find((r) => r.key === teamA));
    expect(team.totals).toEqual(team.rows[0]!.cells);
  });

  it('gives the daily availability of some people from a read of those people only', async () => {
    const from = toEpochDay(FROM);
    const to = from + 40;
    const edges = Int32Array.from({ length: to - from + 1 }, (_, k) => from + k);
    const s = toSnapshot(await readInputs(t.ctx.db, { includeSoft: true }, edges));
    const ids = [s.people[1]!.id, s.people[4]!.id];
    const got = await dailyAvailability(t.ctx.db, ids, from, to, [], true);
    const grid = computeCapacity(s);
    for (const id of ids) {
      const r = s.personIndex.get(id)!;
      const row = got.get(id)!;
      for (let d = 0; d < to - from; d++) {
        const want = Math.max(
          0,
          grid.capacity[r * grid.buckets + d]! - grid.load[r * grid.buckets + d]!,
        );
        expect(row[d]).toBeCloseTo(want, 9);
      }
    }
  });

  it('gives leveling each person working days: their week, less whole days of approved leave', async () => {
    const rows = (
      (await t.ctx.db.execute(sql`
        select x.person_id as id, x.start - date '1970-01-01' as s, x.finish - date '1970-01-01' as f,
               x.day_fraction as d, p.week_hours as w
        from resource_absences x join resource_profiles p on p.person_id = x.person_id
        join people pe on pe.id = x.person_id
        where x.status = 'approved' and pe.last_name like ${`Cap%`}
        order by x.person_id`)) as unknown as {
        rows: { id: string; s: number; f: number; d: number; w: number[] }[];
      }
    ).rows;
    expect(rows.some((r) => Number(r.d) === 1)).toBe(true);
    expect(rows.some((r) => Number(r.d) === 0.5)).toBe(true);
    const days = Array.from({ length: 70 }, (_, k) => toEpochDay('2027-04-05') + k);
    const masks = await workdayMasks(
      t.ctx.db,
      rows.map((r) => r.id),
      days,
    );
    let off = 0;
    rows.forEach((r, i) => {
      days.forEach((day, k) => {
        const weekday = r.w[isoWeekday(day) - 1]! > 0;
        const onLeave = day >= Number(r.s) && day <= Number(r.f);
        // A whole day of leave is a day off; a half day leaves the day worked.
        const want = weekday && !(onLeave && Number(r.d) === 1) ? 1 : 0;
        if (weekday && want === 0) off++;
        expect(masks[i]![k], `${r.id} ${day}`).toBe(want);
      });
    });
    expect(off).toBeGreaterThan(5);
  });

  it('spreads a long task crossing the window around leave far outside it (heat map and staffing)', async () => {
    // A task from September 2026 to May 2027 and two weeks of leave in October 2026: more than
    // 92 days before the window, yet on the task's days — the task's hours per day are higher.
    const db = t.ctx.db;
    const u = uniq();
    const portfolio = await buildPortfolio(t);
    const projectId = (await buildProject(t, portfolio.id)).id;
    const [person] = (
      (await db.execute(sql`
        insert into people (first_name, last_name) values ('Longue', ${`Tâche${u}`})
        returning id`)) as unknown as { rows: { id: string }[] }
    ).rows;
    const [task] = (
      (await db.execute(sql`
        insert into plan_tasks (project_id, position, name, duration, start, finish, span)
        values (${projectId}, 0, 'Refonte', 190, date '2026-09-01', date '2027-05-28', 190)
        returning id`)) as unknown as { rows: { id: string }[] }
    ).rows;
    await db.execute(sql`
      insert into resource_task_assignments (task_id, project_id, person_id, effort_hours)
      values (${task!.id}, ${projectId}, ${person!.id}, 600)`);
    await db.execute(sql`
      insert into resource_absences (person_id, kind, start, finish, status)
      values (${person!.id}, 'conges', date '2026-10-05', date '2026-10-16', 'approved')`);
    const edges = bucketEdges(toEpochDay(FROM), 12, 'week');
    // The engine on exactly these rows.
    const want = computeCapacity({
      edges,
      holidays: companyHolidays(2026, 2028),
      weekHours: Float64Array.from(DEFAULT_WEEK_HOURS),
      absences: [
        {
          person: 0,
          start: toEpochDay('2026-10-05'),
          finish: toEpochDay('2026-10-16'),
          fraction: 1,
        },
      ],
      loads: [
        {
          person: 0,
          project: 0,
          start: toEpochDay('2026-09-01'),
          finish: toEpochDay('2027-05-28'),
          kind: 'effort',
          amount: 600,
          soft: false,
        },
      ],
    });
    const s = toSnapshot(await readInputs(db, { includeSoft: true }, edges));
    const grid = computeCapacity(s);
    const r = s.personIndex.get(person!.id)!;
    const fast = await periodLoad(db, periodEdges(edges[0]!, edges[12]!, true), [person!.id]);
    let total = 0;
    for (let b = 0; b < 12; b++) {
      expect(grid.assigned[r * 12 + b]).toBeCloseTo(want.assigned[b]!, 9);
      expect(fast.load[b]).toBeCloseTo(want.load[b]!, 9);
      total += want.assigned[b]!;
    }
    // 600 h over the task's working days less the ten of leave, 11 weeks in the window.
    expect(total).toBeGreaterThan(0);
  });

  it('names people through one helper, by id, where a view needs a few (not the directory)', () => {
    const read = (f: string) => readFileSync(f, 'utf8');
    expect(read('src/server/modules/whatif/whatif.service.ts')).not.toMatch(/peopleDirectory/);
    const resources = read('src/server/modules/resources/resources.service.ts');
    const listAbsences = resources.slice(resources.indexOf('export async function listAbsences'));
    expect(listAbsences.slice(0, listAbsences.indexOf('\n}\n'))).not.toMatch(/peopleDirectory/);
    // One people-by-ids helper (org.service `peopleBriefs`), none in resources or staffing.
    expect(resources).not.toMatch(/function peopleBriefs/);
    expect(read('src/server/modules/resources/resources.repository.ts')).not.toMatch(
      /function peopleByIds/,
    );
    expect(() => read('src/server/modules/staffing/people.ts')).toThrow();
  });

  it('runs no two statements at once on one client (time, capacity, resources, staffing)', () => {
    for (const file of [
      'src/server/modules/time/time.service.ts',
      'src/server/modules/resources/capacity.service.ts',
      'src/server/modules/resources/resources.service.ts',
      'src/server/modules/resources/staffing.service.ts',
      'src/server/modules/resources/leveling.service.ts',
      'src/server/modules/staffing/staffing.service.ts',
    ]) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/Promise\.all\(/);
    }
  });
});
