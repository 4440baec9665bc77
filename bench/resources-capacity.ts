// Capacity vs demand for 5,000 people over 104 weeks, with 2,000 projects' allocations and
// task assignments, measured server-side (the service call that answers GET /api/v1/capacity):
// read everything set-wise, compute in typed arrays, group. On PGlite by default (in memory),
// on PostgreSQL when DATABASE_URL is set (a fresh database next to the one it names; with
// JALON_BENCH_IN_PLACE=1, the named database itself, emptied first — for a user without CREATEDB).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { type Database, migrateDatabase, openDatabase } from '../src/server/db/client.ts';
import { heatMap } from '../src/server/modules/resources/capacity.service.ts';
import { type BenchOptions, type BenchResult, median, quantile } from './lib.ts';

const PEOPLE = 5000;
const PROJECTS = 2000;
const TASKS_PER_PROJECT = 12;
const WEEKS = 104;
const DATABASE = 'jalon_bench_resources';
const TARGET_MS = 500;

/** The bench database: PGlite in memory, or a fresh PostgreSQL database `name` next to DATABASE_URL's. */
export async function open(opts: BenchOptions, name = DATABASE): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    opts.note('database', 'PGlite (in memory)');
    return openDatabase({ dataDir: 'memory://' });
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
    if (process.env.JALON_BENCH_IN_PLACE === '1') {
      // A scratch database of our own (no CREATEDB right): emptied, then used as it is.
      opts.note('database', `${new URL(url).pathname.slice(1)} (emptied)`);
      await admin.query('drop schema if exists drizzle cascade');
      await admin.query('drop schema public cascade');
      await admin.query('create schema public');
      return openDatabase({ url });
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openDatabase({ url: u.toString() });
}

/** People, teams, roles, projects with plans, allocations, assignments and absences, set-wise. */
export async function seed(db: Database['db']) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into org_units (code, name) select 'BOU' || i, 'Unité ' || i from generate_series(1, 20) i`);
    await tx.execute(sql`
      insert into people (first_name, last_name, email, org_unit_id)
      select 'Prénom' || i, 'Nom' || lpad(i::text, 6, '0'), 'b' || i || '@exemple.test',
             (select id from org_units where code = 'BOU' || (1 + i % 20))
      from generate_series(1, ${PEOPLE}) i`);
    await tx.execute(sql`
      insert into resource_roles (code, name, default_rate_minor)
      select 'R' || i, 'Rôle ' || i, 5000 + i * 250 from generate_series(1, 12) i`);
    await tx.execute(sql`
      insert into resource_teams (code, name) select 'T' || i, 'Équipe ' || i from generate_series(1, 50) i`);
    await tx.execute(sql`
      with p as (select id, row_number() over (order by last_name) as k from people),
           r as (select id, row_number() over (order by code) as k from resource_roles),
           t as (select id, row_number() over (order by code) as k from resource_teams)
      insert into resource_profiles (person_id, role_id, team_id, week_hours)
      select p.id, r.id, t.id,
             case when p.k % 7 = 0 then '[7,7,0,7,7,0,0]'::jsonb else '[7,7,7,7,7,0,0]'::jsonb end
      from p join r on r.k = 1 + p.k % 12 join t on t.k = 1 + p.k % 50`);
    await tx.execute(sql`
      insert into portfolios (code, name) values ('BPF', 'Portefeuille de mesure')`);
    await tx.execute(sql`
      insert into projects (code, name, portfolio_id, status, priority, planned_start, planned_end)
      select 'B' || lpad(i::text, 5, '0'), 'Projet ' || i, (select id from portfolios where code = 'BPF'),
             'active', 'medium', date '2026-01-05' + (i % 500), date '2026-01-05' + (i % 500) + 120 + (i % 200)
      from generate_series(1, ${PROJECTS}) i`);
    await tx.execute(sql`
      insert into plan_tasks (project_id, position, name, duration, start, finish, span)
      select pr.id, k, 'Tâche ' || k, 10 + (k * 3) % 20,
             pr.planned_start + k * 10, pr.planned_start + k * 10 + 13 + (k * 3) % 20, 10
      from projects pr cross join generate_series(0, ${TASKS_PER_PROJECT - 1}) k`);
    // Each project: 5 people allocated (one in three soft), every task assigned to 2 people.
    await tx.execute(sql`
      with pr as (select id, planned_start, planned_end, row_number() over (order by code) as k from projects),
           p as (select id, row_number() over (order by last_name) as k from people)
      insert into resource_allocations (person_id, project_id, start, finish, unit, amount, status)
      select p.id, pr.id, pr.planned_start, pr.planned_end,
             case when j % 2 = 0 then 'hours' else 'percent' end,
             case when j % 2 = 0 then 7 + j * 2 else 20 + j * 5 end,
             case when (pr.k + j) % 3 = 0 then 'soft' else 'hard' end
      from pr cross join generate_series(0, 4) j join p on p.k = 1 + (pr.k * 5 + j * 7) % ${PEOPLE}`);
    await tx.execute(sql`
      with t as (select id, project_id, row_number() over (order by project_id, position) as k from plan_tasks),
           p as (select id, row_number() over (order by last_name) as k from people)
      insert into resource_task_assignments (task_id, project_id, person_id, effort_hours)
      select t.id, t.project_id, p.id, 20 + (t.k % 40)
      from t cross join generate_series(0, 1) j join p on p.k = 1 + (t.k * 3 + j * 11) % ${PEOPLE}`);
    await tx.execute(sql`
      with p as (select id, row_number() over (order by last_name) as k from people)
      insert into resource_absences (person_id, kind, start, finish, status)
      select p.id, 'conges', date '2026-01-05' + ((p.k * 17 + j * 97) % 700)::int,
             date '2026-01-05' + ((p.k * 17 + j * 97) % 700)::int + 4, 'approved'
      from p cross join generate_series(0, 2) j`);
  });
  await db.execute(sql`analyze`);
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const database = await open(opts);
  try {
    await migrateDatabase(database);
    opts.log(`seeding ${PEOPLE} people, ${PROJECTS} projects…`);
    await seed(database.db);
    const [counts] = (
      (await database.db.execute(sql`
        select (select count(*)::int from resource_allocations) as allocations,
               (select count(*)::int from resource_task_assignments) as assignments`)) as unknown as {
        rows: { allocations: number; assignments: number }[];
      }
    ).rows;
    const ctx = { db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }, {}) };
    const size = `${PEOPLE.toLocaleString('en')} people × ${WEEKS} weeks, ${PROJECTS.toLocaleString('en')} projects, ${counts!.allocations.toLocaleString('en')} allocations, ${counts!.assignments.toLocaleString('en')} assignments`;
    const results: BenchResult[] = [];
    for (const groupBy of ['team', 'person'] as const) {
      const query = {
        from: '2026-01-05',
        unit: 'week' as const,
        buckets: WEEKS,
        groupBy,
        includeSoft: true,
        overOnly: false,
        limit: 200,
      };
      await heatMap(ctx, query); // warm-up: plans, caches
      const samples: number[] = [];
      for (let i = 0; i < (opts.quick ? 3 : Math.max(5, opts.runs)); i++) {
        const t0 = performance.now();
        const map = await heatMap(ctx, query);
        samples.push(performance.now() - t0);
        if (map.totals.length !== WEEKS) throw new Error('heat map has the wrong number of weeks');
      }
      opts.log(`capacity by ${groupBy}: ${samples.map((s) => s.toFixed(0)).join(', ')} ms`);
      results.push({
        name: `heat map by ${groupBy}`,
        size,
        median: median(samples),
        p95: quantile(samples, 0.95),
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
      });
    }
    return results;
  } finally {
    await database.close();
  }
}
