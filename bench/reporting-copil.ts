// A 30-project steering-committee pack: the whole generation as the job runs it (the period's
// reports with their narrative, milestones, finance roll-up, top risks, metrics; the model;
// the file with its embedded font) for a portfolio of 30 projects, as PDF (target: under 10 s),
// and for information as PPTX and DOCX. PGlite by default; PostgreSQL with DATABASE_URL.
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PackFormat } from '../src/core/copil/pack.ts';
import { DEFAULT_TEMPLATE } from '../src/core/copil/pack.ts';
import type { Actor } from '../src/core/platform/actor.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.ts';
import { resolveScope } from '../src/server/modules/reporting/copil/copil.data.ts';
import { producePack } from '../src/server/modules/reporting/copil/copil.service.ts';
import { seedSynthetic } from '../src/server/seed/synthetic.ts';
import { type BenchOptions, type BenchResult, median, round } from './lib.ts';

const PROJECTS = 30;
const TARGET_MS = 10_000;
const PMO: Actor = {
  userId: 'system',
  name: 'PMO Bench',
  email: 'pmo@bench.test',
  role: 'pmo',
  personId: null,
};

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
  log(`seeding ${PROJECTS} projects with plans, reports and risks…`);
  await seedSynthetic(ctx, { projects: PROJECTS });
  const [pf] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from portfolios order by code limit 1`,
  );
  await seed(ctx.db, pf!.id);
  const scope = await resolveScope(ctx, PMO, 'portfolio', pf!.id);
  const results: BenchResult[] = [];
  try {
    for (const format of ['pdf', 'pptx', 'docx'] as PackFormat[]) {
      const samples: number[] = [];
      let size = 0;
      let projects = 0;
      const n = opts.quick ? 1 : Math.max(3, opts.runs);
      for (let i = 0; i < n + 1; i++) {
        const t0 = performance.now();
        const out = await producePack(ctx, PMO, scope, {
          asOf: '2026-09-20',
          format,
          language: 'fr',
          template: { ...DEFAULT_TEMPLATE, confidentiality: 'Diffusion restreinte', footer: 'PMO' },
        });
        const ms = performance.now() - t0;
        if (i > 0 || n === 1) samples.push(ms);
        size = out.content.length;
        projects = out.projectCount;
      }
      if (projects !== PROJECTS) throw new Error(`expected ${PROJECTS} projects, got ${projects}`);
      results.push({
        name: `COPIL pack of a portfolio as ${format.toUpperCase()} (${Math.round(size / 1024)} KB)`,
        size: `${PROJECTS} projects, 40 tasks and 5 risks each`,
        median: round(median(samples)),
        unit: 'ms',
        ...(format === 'pdf'
          ? { target: `< ${TARGET_MS} ms`, ok: median(samples) < TARGET_MS }
          : {}),
      });
    }
    return results;
  } finally {
    await database.close();
  }
}

/** Every project in one portfolio, with a plan, a reviewed report with narrative, and five risks. */
async function seed(db: Parameters<typeof queryRows>[0], portfolioId: string) {
  await db.execute(
    sql`update projects set portfolio_id = ${portfolioId}, program_id = null, status = 'active'`,
  );
  await db.execute(sql`
    insert into plan_settings (project_id, start, calendar, project_start, project_finish)
    select id, date '2026-01-05', '{}'::jsonb, date '2026-01-05', date '2026-12-18' from projects`);
  await db.execute(sql`
    insert into plan_tasks (project_id, position, name, duration, span, percent_complete, wbs, start, finish, critical, is_summary)
    select p.id, i, case when i % 8 = 7 then 'Jalon ' || i else 'Tâche ' || i end,
           case when i % 8 = 7 then 0 else 5 end, case when i % 8 = 7 then 0 else 5 end,
           case when i < 20 then 100 else 0 end, i::text,
           date '2026-01-05' + i * 7, date '2026-01-05' + i * 7 + 4, i % 5 = 0, false
    from projects p cross join generate_series(0, 39) i`);
  await db.execute(sql`
    insert into plan_baselines (project_id, name, project_finish, task_count)
    select id, 'Référence', date '2026-12-01', 40 from projects`);
  await db.execute(sql`
    insert into plan_baseline_tasks (baseline_id, task_id, name, is_summary, start, finish, span)
    select b.id, t.id, t.name, false, t.start - 10, t.finish - 10, t.span
    from plan_baselines b join plan_tasks t on t.project_id = b.project_id`);
  await db.execute(sql`
    insert into status_reports (project_id, period_start, period_end, frequency, state, overall, dimensions,
                                achievements, next_steps, issues, decisions, author_name)
    select id, date '2026-09-01', date '2026-09-30', 'monthly', 'reviewed',
           (array['sun','cloud','rain','storm'])[1 + abs(hashtext(code)) % 4],
           '{"schedule":"rain","cost":"cloud","scope":"sun","quality":"sun","risks":"rain","resources":"cloud"}'::jsonb,
           E'Recette du lot 1 terminée\nFormation des utilisateurs clés',
           E'Bascule en production\nBilan de la recette',
           'Retard de trois semaines du fournisseur sur le lot 2',
           E'Arbitrer l’enveloppe complémentaire de 1\u202F250\u202F000 €\nValider le report du jalon de bascule',
           'Bench'
    from projects`);
  await db.execute(sql`
    insert into risks (project_id, number, kind, title, probability, impact, score, status)
    select p.id, i, 'threat', 'Risque ' || i || ' : défaillance d’un fournisseur clé', 1 + i, 2 + i, (1 + i) * (2 + i), 'open'
    from projects p cross join generate_series(1, 5) i`);
}
