// Leveling a 2,000-task project with 50 people: the serial schedule generation of
// src/core/resources/leveling.ts on a plan shaped like a real one (20 streams of 100 chained
// tasks, each task needing one or two people of the project, most of them over-allocated at
// first), measured in the engine alone and through the service (plan, assignments, the people's
// daily availability read from the database, then the same engine). On PGlite by default, on
// PostgreSQL when DATABASE_URL is set (JALON_BENCH_IN_PLACE=1: the named database, emptied).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { type LevelInput, level } from '../src/core/resources/leveling.ts';
import { type Database, migrateDatabase, openDatabase } from '../src/server/db/client.ts';
import { findSettings } from '../src/server/modules/planning/planning.repository.ts';
import { rescheduleInTx } from '../src/server/modules/planning/planning.service.ts';
import { previewLeveling } from '../src/server/modules/resources/leveling.service.ts';
import { SYSTEM_ACTOR } from '../src/server/seed/demo.ts';
import { type BenchOptions, type BenchResult, median, quantile } from './lib.ts';

const TASKS = 2000;
const PEOPLE = 50;
const STREAMS = 20;
const TARGET_MS = 1000;
const DATABASE = 'jalon_bench_leveling';

/** The engine's input for the synthetic plan (deterministic). */
export function syntheticPlan(): LevelInput {
  const per = TASKS / STREAMS;
  const tasks: LevelInput['tasks'][number][] = [];
  const links: LevelInput['links'][number][] = [];
  for (let s = 0; s < STREAMS; s++) {
    let start = (s * 3) % 15;
    for (let k = 0; k < per; k++) {
      const i = s * per + k;
      const duration = 2 + ((i * 7) % 9);
      const who = [(s * 5 + k) % PEOPLE];
      if (i % 3 === 0) who.push((s * 5 + k + 17) % PEOPLE);
      tasks.push({
        start,
        duration,
        totalFloat: (i * 13) % 11,
        priority: 2,
        demands: [...new Set(who)].map((resource) => ({ resource, hoursPerDay: 4 + (i % 4) })),
        fixed: false,
      });
      if (k > 0) links.push({ from: i - 1, to: i, type: 'FS', lag: 0 });
      start += duration;
    }
  }
  const capacity = Array.from({ length: PEOPLE }, () => new Float64Array(4000).fill(7));
  return { tasks, links, capacity, maxDelay: 2000 };
}

async function open(opts: BenchOptions): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    opts.note('database', 'PGlite (in memory)');
    return openDatabase({ dataDir: 'memory://' });
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    if (process.env.JALON_BENCH_IN_PLACE === '1') {
      await admin.query('drop schema if exists drizzle cascade');
      await admin.query('drop schema public cascade');
      await admin.query('create schema public');
      return openDatabase({ url });
    }
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${DATABASE}`;
  return openDatabase({ url: u.toString() });
}

/** The same plan in the database: one project, its tasks, FS links and assignments, set-wise. */
async function seed(db: Database['db']): Promise<string> {
  const input = syntheticPlan();
  const per = TASKS / STREAMS;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into portfolios (code, name) values ('LPF', 'Portefeuille lissage')`,
    );
    await tx.execute(sql`
      insert into projects (code, name, portfolio_id, status, priority, planned_start, planned_end)
      values ('LIS', 'Projet à lisser', (select id from portfolios where code = 'LPF'), 'active',
              'high', date '2026-01-05', date '2027-12-31')`);
    await tx.execute(sql`
      insert into plan_settings (project_id, start, calendar)
      select id, date '2026-01-05', '{"holidays":"fr","whitMondayWorked":false,"workdays":[1,2,3,4,5],"daysOff":[],"workedDays":[]}'::jsonb
      from projects where code = 'LIS'`);
    await tx.execute(sql`
      insert into people (first_name, last_name, email)
      select 'Prénom' || i, 'Nom' || lpad(i::text, 3, '0'), 'lv' || i || '@exemple.test'
      from generate_series(0, ${PEOPLE - 1}) i`);
    // Streams as top-level tasks with their leaves; durations as the engine's input.
    await tx.execute(sql`
      insert into plan_tasks (project_id, position, name, duration, start, finish, span, wbs)
      select (select id from projects where code = 'LIS'), s * ${per} + k,
             'Tâche ' || (s * ${per} + k), 2 + (((s * ${per} + k) * 7) % 9), null, null, 0,
             (s * ${per} + k + 1)::text
      from generate_series(0, ${STREAMS - 1}) s cross join generate_series(0, ${per - 1}) k`);
    await tx.execute(sql`
      with t as (select id, position from plan_tasks where project_id = (select id from projects where code = 'LIS'))
      insert into plan_links (project_id, from_project_id, from_task_id, to_task_id, type, lag)
      select (select id from projects where code = 'LIS'), (select id from projects where code = 'LIS'),
             a.id, b.id, 'FS', 0
      from t a join t b on b.position = a.position + 1 and b.position % ${per} <> 0`);
    const rows = input.tasks.flatMap((t, i) =>
      t.demands.map((d) => `(${i}, ${d.resource}, ${d.hoursPerDay * t.duration})`),
    );
    await tx.execute(
      sql.raw(`
      with d(i, r, e) as (values ${rows.join(',')}),
           t as (select id, project_id, position from plan_tasks where project_id = (select id from projects where code = 'LIS')),
           p as (select id, (row_number() over (order by last_name) - 1)::int as k from people)
      insert into resource_task_assignments (task_id, project_id, person_id, effort_hours)
      select t.id, t.project_id, p.id, d.e from d join t on t.position = d.i join p on p.k = d.r`),
    );
  });
  await db.execute(sql`analyze`);
  const [row] = (
    (await db.execute(sql`select id from projects where code = 'LIS'`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  return row!.id;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const size = `${TASKS.toLocaleString('en')} tasks, ${PEOPLE} people`;
  const input = syntheticPlan();
  level(input); // warm-up
  const engine: number[] = [];
  let moved = 0;
  for (let i = 0; i < (opts.quick ? 3 : Math.max(5, opts.runs)); i++) {
    const t0 = performance.now();
    const r = level(input);
    engine.push(performance.now() - t0);
    moved = r.moves.length;
    if (r.overAfter !== 0) throw new Error(`leveling left ${r.overAfter} over-allocated days`);
  }
  opts.log(`engine: ${engine.map((s) => s.toFixed(0)).join(', ')} ms, ${moved} tasks moved`);
  results.push({
    name: 'leveling engine',
    size: `${size}, ${moved} moved`,
    median: median(engine),
    p95: quantile(engine, 0.95),
    unit: 'ms',
    target: `< ${TARGET_MS} ms`,
  });

  const database = await open(opts);
  try {
    await migrateDatabase(database);
    const projectId = await seed(database.db);
    const ctx = { db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }, {}) };
    // The plan's schedule: computed by the planning engine once, as the app would have.
    const settings = await findSettings(database.db, projectId);
    await database.db.transaction((tx) =>
      rescheduleInTx(
        tx,
        { id: projectId, plannedStart: '2026-01-05' } as Parameters<typeof rescheduleInTx>[1],
        settings!,
      ),
    );
    await previewLeveling(ctx, SYSTEM_ACTOR, projectId, { includeSoft: false });
    const samples: number[] = [];
    let preview;
    for (let i = 0; i < (opts.quick ? 3 : Math.max(5, opts.runs)); i++) {
      const t0 = performance.now();
      preview = await previewLeveling(ctx, SYSTEM_ACTOR, projectId, { includeSoft: false });
      samples.push(performance.now() - t0);
    }
    opts.log(
      `service: ${samples.map((s) => s.toFixed(0)).join(', ')} ms, ${preview!.moves.length} moved, over ${preview!.overBefore} → ${preview!.overAfter}`,
    );
    results.push({
      name: 'leveling preview (service, plan read from the database)',
      size: `${size}, ${preview!.moves.length} moved`,
      median: median(samples),
      p95: quantile(samples, 0.95),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
    });
  } finally {
    await database.close();
  }
  return results;
}
