// Staffing ranking over 5,000 people for one request (target < 200 ms), and the bench over a
// quarter, measured server-side (the service calls behind GET /resource-requests/{id}/candidates
// and GET /staffing/bench). Data: the capacity benchmark's people, projects, allocations, task
// assignments and absences, plus 40 skills with 8 held per person, dated cost rates, and one
// request asking for three skills over three months. PGlite in memory, or PostgreSQL when
// DATABASE_URL is set (a fresh database `jalon_bench_staffing` next to the one it names).
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.ts';
import { migrateDatabase } from '../src/server/db/client.ts';
import { bench, candidates } from '../src/server/modules/staffing/staffing.service.ts';
import { type BenchOptions, type BenchResult, median, quantile } from './lib.ts';
import { open, seed } from './resources-capacity.ts';

const TARGET_MS = 200;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const database = await open(opts, 'jalon_bench_staffing');
  try {
    await migrateDatabase(database);
    opts.log('seeding 5,000 people, 2,000 projects, skills, rates…');
    await seed(database.db);
    const db = database.db;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into skill_categories (code, name) values ('BENCH', 'Compétences de mesure')`);
      await tx.execute(sql`
        insert into skills (category_id, code, name)
        select (select id from skill_categories where code = 'BENCH'), 'S' || i, 'Compétence ' || i
        from generate_series(1, 40) i`);
      await tx.execute(sql`
        with p as (select id, row_number() over (order by id) as k from people),
             s as (select id, row_number() over (order by code) as k from skills)
        insert into person_skills (person_id, skill_id, level, assessed_on, source)
        select p.id, s.id, 1 + (p.k + j) % 5, date '2026-01-15', 'manager'
        from p cross join generate_series(0, 7) j join s on s.k = 1 + (p.k * 3 + j * 5) % 40
        on conflict do nothing`);
      await tx.execute(sql`
        with p as (select id, row_number() over (order by id) as k from people)
        insert into resource_cost_rates (person_id, valid_from, rate_minor)
        select p.id, date '2025-01-01' + j * 365, 4500 + (p.k % 60) * 100 + j * 200
        from p cross join generate_series(0, 1) j where p.k % 2 = 0`);
      await tx.execute(sql`
        insert into resource_requests (project_id, skills, start, finish, unit, amount, status)
        select (select id from projects order by code limit 1),
               (select jsonb_agg(jsonb_build_object('skillId', id, 'minLevel', 3))
                from (select id from skills order by code limit 3) s),
               date '2026-09-01', date '2026-11-30', 'fte', 1, 'submitted'`);
    });
    await db.execute(sql`analyze`);
    const [row] = (
      (await db.execute(sql`
        select (select id from resource_requests limit 1) as id,
               (select count(*)::int from person_skills) as skills,
               (select count(*)::int from resource_allocations) as allocations`)) as unknown as {
        rows: { id: string; skills: number; allocations: number }[];
      }
    ).rows;
    const ctx = { db, config: loadConfig({ LOG_LEVEL: 'silent' }, {}) };
    const query = {
      limit: 30,
      qualifiedOnly: false,
      wSkills: 50,
      wAvailability: 35,
      wCost: 15,
    };
    const runs = opts.quick ? 5 : Math.max(10, opts.runs);
    const measure = async (fn: () => Promise<unknown>) => {
      await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return samples;
    };
    const ranking = await measure(async () => {
      const list = await candidates(ctx, row!.id, query);
      if (list.total !== 5000 || list.items.length !== 30) throw new Error('wrong ranking size');
    });
    opts.log(`ranking: ${ranking.map((s) => s.toFixed(0)).join(', ')} ms`);
    const benchSamples = await measure(() =>
      bench(ctx, {
        from: '2026-09-01',
        to: '2026-11-30',
        minLevel: 1,
        maxUtilisation: 50,
        limit: 100,
      }),
    );
    opts.log(`bench: ${benchSamples.map((s) => s.toFixed(0)).join(', ')} ms`);
    const size = `5,000 people, ${row!.skills.toLocaleString('en')} person skills, ${row!.allocations.toLocaleString('en')} allocations, 3 skills over 13 weeks`;
    return [
      {
        name: 'staffing ranking, one request',
        size,
        median: median(ranking),
        p95: quantile(ranking, 0.95),
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
      },
      {
        name: 'bench (who is free), one quarter',
        size,
        median: median(benchSamples),
        p95: quantile(benchSamples, 0.95),
        unit: 'ms',
      },
    ];
  } finally {
    await database.close();
  }
}
