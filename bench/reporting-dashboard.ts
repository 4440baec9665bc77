// The portfolio dashboard's API on 2,000 projects and 200,000 tasks: the portfolio status (each
// project's weather for the period, trend, roll-up to programmes and the portfolio, the live
// planning metrics used as roll-up weights) and the KPI library with its latest values, read as
// a PMO through the real app (app.inject: routing, auth, validation, serialisation included).
// Also the nightly KPI computation over every project. PGlite by default; PostgreSQL with
// DATABASE_URL (a fresh database is expected).
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.ts';
import { login } from '../src/server/modules/platform/auth.service.ts';
import { createUser } from '../src/server/modules/platform/users.service.ts';
import { computeKpis } from '../src/server/modules/reporting/reporting.service.ts';
import { SYSTEM_ACTOR } from '../src/server/seed/demo.ts';
import { seedSynthetic } from '../src/server/seed/synthetic.ts';
import { type BenchOptions, type BenchResult, median, quantile, round } from './lib.ts';

const PROJECTS = 2000;
const TASKS_PER_PROJECT = 100; // 90 tasks and 10 milestones: 200,000 tasks
const TARGET_MS = 300;
const SIZE = `${PROJECTS.toLocaleString('en')} projects, ${(PROJECTS * TASKS_PER_PROJECT).toLocaleString('en')} tasks`;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const { log } = opts;
  const url = process.env.DATABASE_URL;
  const database = url
    ? await openDatabase({ url, poolSize: 10 })
    : await openDatabase({ pglite: await PGlite.create() });
  opts.note('database', database.kind);
  await migrateDatabase(database);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JALON_JOBS: 'false',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const ctx = { db: database.db, config };
  log(`seeding ${SIZE}…`);
  await seedSynthetic(ctx, { projects: PROJECTS });
  await seedPlansAndReports(ctx.db);
  await createUser(ctx, SYSTEM_ACTOR, {
    email: 'bench.reporting@exemple.test',
    name: 'PMO Bench',
    role: 'pmo',
    password: 'bench-password-123',
    personId: null,
  });
  const session = await login(ctx, {
    email: 'bench.reporting@exemple.test',
    password: 'bench-password-123',
    ip: '10.9.9.9',
  });
  const cookie = `jalon_session=${session.token}`;
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.ready();
  try {
    const [pf] = await queryRows<{ id: string; n: number }>(
      ctx.db,
      sql`select portfolio_id as id, count(*)::int as n from projects group by portfolio_id order by 2 desc limit 1`,
    );
    const results: BenchResult[] = [];

    const kpiRuns: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(opts.runs, 3)); i++) {
      const t0 = performance.now();
      await computeKpis(ctx, '2026-10-31');
      kpiRuns.push(performance.now() - t0);
    }
    results.push({
      name: 'KPI computation, every KPI × every scope',
      size: SIZE,
      median: round(median(kpiRuns)),
      unit: 'ms',
    });

    const measure = async (label: string, path: string) => {
      const samples: number[] = [];
      const n = opts.quick ? 8 : 20 * Math.max(1, opts.runs);
      for (let i = 0; i < n + 2; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: path, headers: { cookie } });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200)
          throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (i >= 2) samples.push(ms);
      }
      const p95 = quantile(samples, 0.95);
      results.push({
        name: label,
        size: SIZE,
        median: round(median(samples)),
        p95: round(p95),
        unit: 'ms',
        target: `p95 < ${TARGET_MS} ms`,
        ok: p95 < TARGET_MS,
      });
    };
    await measure(
      `GET /reporting/portfolio-status (${pf!.n} projects) as PMO`,
      `/api/v1/reporting/portfolio-status?portfolioId=${pf!.id}&date=2026-10-15`,
    );
    await measure('GET /kpis (latest values of every scope) as PMO', '/api/v1/kpis');
    return results;
  } finally {
    await app.close();
    await database.close();
  }
}

/** 100 tasks per project (10 milestones), a baseline a little earlier, last month's report. */
async function seedPlansAndReports(db: Parameters<typeof queryRows>[0]) {
  await db.execute(sql`
    insert into plan_settings (project_id, start, calendar, project_start, project_finish)
    select id, date '2026-01-05', '{}'::jsonb, date '2026-01-05', date '2026-01-05' + 300 + (abs(hashtext(code)) % 40)
    from projects`);
  await db.execute(sql`
    insert into plan_tasks (project_id, position, name, duration, span, percent_complete, wbs, start, finish, critical, is_summary)
    select p.id, i, case when i % 10 = 9 then 'Jalon ' || i else 'Tâche ' || i end,
           case when i % 10 = 9 then 0 else 5 end, case when i % 10 = 9 then 0 else 5 end,
           case when i < 40 then 100 when i < 50 then 50 else 0 end, i::text,
           date '2026-01-05' + i * 3 + (abs(hashtext(p.code)) % 20), date '2026-01-05' + i * 3 + 4 + (abs(hashtext(p.code)) % 20),
           i % 7 = 0, false
    from projects p cross join generate_series(0, ${TASKS_PER_PROJECT - 1}) i`);
  await db.execute(sql`
    insert into plan_baselines (project_id, name, project_finish, task_count)
    select id, 'Référence', date '2026-01-05' + 300, ${TASKS_PER_PROJECT} from projects`);
  await db.execute(sql`
    insert into plan_baseline_tasks (baseline_id, task_id, name, is_summary, start, finish, span)
    select b.id, t.id, t.name, false, t.start - 10, t.finish - 10, t.span
    from plan_baselines b join plan_tasks t on t.project_id = b.project_id`);
  await db.execute(sql`
    insert into status_reports (project_id, period_start, period_end, frequency, state, overall, dimensions, author_name)
    select id, date '2026-09-01', date '2026-09-30', 'monthly', 'reviewed',
           (array['sun','cloud','rain','storm'])[1 + abs(hashtext(code)) % 4], '{}'::jsonb, 'Bench'
    from projects`);
  await db.execute(sql`
    insert into status_reports (project_id, period_start, period_end, frequency, state, overall, dimensions, author_name)
    select id, date '2026-10-01', date '2026-10-31', 'monthly', 'submitted',
           (array['sun','cloud','rain','storm'])[1 + abs(hashtext(code || 'x')) % 4], '{}'::jsonb, 'Bench'
    from projects where abs(hashtext(code)) % 5 <> 0`);
}
