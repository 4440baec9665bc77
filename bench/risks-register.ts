// The risk register at portfolio scale: 50,000 risks over 2,000 projects in 40 programmes and 4
// portfolios (25 per project, every status, both kinds, residual assessments, owners and
// categories), generated set-wise in SQL. Measures the filtered register list (the service the
// `GET /api/v1/risks` route calls, a mix of the filters a PMO uses: portfolio + criticality,
// programme, owner, category, a heat-map cell, text search, each sorted by score or EMV) as p95,
// and the portfolio heat map (inherent and residual). Runs on an embedded PGlite by default, on
// PostgreSQL when DATABASE_URL is set: in a database of its own next to that one
// (jalon_bench_raid, dropped and rebuilt; JALON_BENCH_REUSE=1 keeps an earlier run's data).
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import {
  migrateDatabase,
  openDatabase,
  queryRows,
  type Database,
} from '../src/server/db/client.ts';
import { loadConfig } from '../src/server/config.ts';
import type { RiskListQuery } from '../src/contracts/risks.ts';
import { heatmap, listRisks } from '../src/server/modules/risks/risks.service.ts';
import { trend } from '../src/server/modules/risks/register.service.ts';
import { SYSTEM_ACTOR } from '../src/server/seed/demo.ts';
import { type BenchOptions, type BenchResult, median, quantile, round } from './lib.ts';

const PROJECTS = 2000;
const RISKS_PER_PROJECT = 25;
const PEOPLE = 500;

const DATABASE = 'jalon_bench_raid';
let reused = false;

async function open(opts: BenchOptions): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    opts.note('database', 'PGlite (embedded)');
    return openDatabase({ pglite: await PGlite.create() });
  }
  // A database of its own next to the one DATABASE_URL names (never that one itself);
  // JALON_BENCH_REUSE=1 keeps the generated data of an earlier run.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (process.env.JALON_BENCH_REUSE === '1' && exists.rowCount) {
      opts.note('database', `${DATABASE} (reused)`);
      reused = true;
    } else {
      await admin.query(`drop database if exists ${DATABASE} with (force)`);
      await admin.query(`create database ${DATABASE}`);
      opts.note('database', DATABASE);
    }
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${DATABASE}`;
  return openDatabase({ url: u.toString(), poolSize: 4 });
}

async function generate(database: Database) {
  const db = database.db;
  await db.execute(sql`
    insert into portfolios (code, name) select 'PF-' || i, 'Portefeuille ' || i from generate_series(1, 4) i`);
  await db.execute(sql`
    insert into programs (code, name, portfolio_id)
    select 'PG-' || i, 'Programme ' || i, (select id from portfolios order by code offset (i % 4) limit 1)
    from generate_series(1, 40) i`);
  await db.execute(sql`
    with g as (select id, portfolio_id, row_number() over (order by code) as n from programs)
    insert into projects (code, name, portfolio_id, program_id, status, priority)
    select 'P-' || lpad(i::text, 5, '0'), 'Projet ' || i, g.portfolio_id, g.id, 'active', 'medium'
    from generate_series(1, ${PROJECTS}) i join g on g.n = 1 + (i % 40)`);
  await db.execute(sql`
    insert into people (first_name, last_name)
    select 'Prénom' || i, 'Nom' || i from generate_series(1, ${PEOPLE}) i`);
  await db.execute(sql`
    insert into risk_categories (code, name)
    values ('TEC', 'Technique'), ('EXT', 'Externe'), ('ORG', 'Organisation'),
           ('JUR', 'Juridique'), ('FIN', 'Financier')`);
  // P in 1..5, four impacts in 0..5 (0 = none), impact = the worst, score = P × I, EMV from the
  // default percentages (10/30/50/70/90 %), a residual assessment on two risks in three.
  await db.execute(sql`
    with p as (select id, row_number() over (order by code) as n from projects),
      o as (select array_agg(id order by id) as ids from people),
      c as (select array_agg(id order by code) as ids from risk_categories),
      g as (
        select p.id as project_id, r,
          1 + abs(hashtext(p.id::text || r || 'p')) % 5 as prob,
          abs(hashtext(p.id::text || r || 'c')) % 6 as ic,
          abs(hashtext(p.id::text || r || 's')) % 6 as isch,
          abs(hashtext(p.id::text || r || 'q')) % 4 as iq,
          (abs(hashtext(p.id::text || r || 'm')) % 500)::bigint * 100000 as cost,
          p.n
        from p, generate_series(1, ${sql.raw(String(RISKS_PER_PROJECT))}) r)
    insert into risks (project_id, number, kind, title, event, category_id, probability,
      impact_cost, impact_schedule, impact_quality, impact, score, cost_impact_cents, emv_cents,
      owner_id, proximity, residual_probability, residual_impact, status)
    select g.project_id, g.r,
      case when g.r % 10 = 0 then 'opportunity' else 'threat' end,
      (array['Retard fournisseur', 'Indisponibilité des experts', 'Non-conformité RGPD',
        'Dérive du périmètre', 'Hausse des prix de l''énergie'])[1 + g.r % 5] || ' ' || g.r,
      'Événement ' || g.r,
      c.ids[1 + g.r % 5], g.prob,
      nullif(g.ic, 0), nullif(g.isch, 0), nullif(g.iq, 0),
      greatest(g.ic, g.isch, g.iq), g.prob * greatest(g.ic, g.isch, g.iq),
      g.cost,
      (case when g.r % 10 = 0 then -1 else 1 end) * g.cost * (array[10, 30, 50, 70, 90])[g.prob] / 100,
      o.ids[1 + (g.n * 7 + g.r) % ${sql.raw(String(PEOPLE))}],
      date '2026-01-01' + ((g.n + g.r * 13) % 700)::int,
      case when g.r % 3 <> 0 then greatest(1, g.prob - 1) end,
      case when g.r % 3 <> 0 then greatest(0, greatest(g.ic, g.isch, g.iq) - 1) end,
      (array['open', 'open', 'open', 'monitoring', 'occurred', 'closed'])[1 + (g.n + g.r) % 6]
    from g, o, c`);
  await db.execute(sql`analyze`);
}

type Filter = { label: string; query: Partial<RiskListQuery> };

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const database = await open(opts);
  try {
    await migrateDatabase(database);
    const total = PROJECTS * RISKS_PER_PROJECT;
    opts.log(`risks: generating ${total.toLocaleString('en')} risks over ${PROJECTS} projects…`);
    const t0 = performance.now();
    if (!reused) {
      await generate(database);
      // The dated history the trend reads: each risk assessed twice (first rating, a re-rating).
      await database.db.execute(sql`
        insert into risk_assessments (risk_id, assessed_on, probability, impact,
          residual_probability, residual_impact, emv_cents, status, note)
        select id, date '2026-01-05' + (abs(hashtext(id::text)) % 120), greatest(1, probability - 1),
          impact, residual_probability, residual_impact, emv_cents, 'open', 'Première cotation'
        from risks
        union all
        select id, date '2026-05-04' + (abs(hashtext(id::text || 'b')) % 150), probability, impact,
          residual_probability, residual_impact, emv_cents, status, 'Revue mensuelle'
        from risks`);
    }
    // A register in service: statistics and visibility map up to date (autovacuum's work), so
    // the heat map may read its covering index alone.
    await database.db.execute(sql`vacuum analyze`);
    opts.log(`risks: generated in ${Math.round((performance.now() - t0) / 1000)} s`);
    const ctx = {
      db: database.db,
      config: loadConfig({ LOG_LEVEL: 'silent', JALON_JOBS: 'false' }),
    };
    const ids = await queryRows<{
      portfolio: string;
      program: string;
      owner: string;
      category: string;
    }>(
      database.db,
      sql`select (select id from portfolios order by code limit 1) as portfolio,
            (select id from programs order by code limit 1) as program,
            (select id from people order by id limit 1 offset 17) as owner,
            (select id from risk_categories where code = 'EXT') as category`,
    );
    const { portfolio, program, owner, category } = ids[0]!;
    const open = ['open', 'monitoring'] as RiskListQuery['status'];
    const filters: Filter[] = [
      {
        label: 'portfolio, open, critical+high',
        query: { portfolioId: portfolio, status: open, criticality: ['critical', 'high'] },
      },
      {
        label: 'portfolio, open, by EMV',
        query: { portfolioId: portfolio, status: open, sort: 'emv' },
      },
      { label: 'programme, open', query: { programId: program, status: open } },
      { label: 'owner', query: { ownerId: owner } },
      { label: 'category, open', query: { categoryId: category, status: open } },
      { label: 'heat-map cell 4×4', query: { probability: 4, impact: 4, status: open } },
      {
        label: 'residual cell 2×3',
        query: { probability: 2, impact: 3, residual: 'true', status: open },
      },
      { label: 'text "RGPD", open', query: { q: 'RGPD', status: open } },
      { label: 'all, top risks', query: {} },
    ];
    const list = (q: Partial<RiskListQuery>) =>
      listRisks(ctx, SYSTEM_ACTOR, { limit: 50, sort: 'score', ...q } as RiskListQuery);
    for (const f of filters) await list(f.query); // warm-up
    const rounds = opts.quick ? 5 : Math.max(20, opts.runs * 4);
    const samples: number[] = [];
    const perFilter = new Map<string, number[]>();
    for (let i = 0; i < rounds; i++) {
      for (const f of filters) {
        const t = performance.now();
        const page = await list(f.query);
        const ms = performance.now() - t;
        samples.push(ms);
        perFilter.set(f.label, [...(perFilter.get(f.label) ?? []), ms]);
        if (i === 0 && f.label === 'all, top risks' && page.items.length !== 50)
          throw new Error('the register lost risks');
      }
    }
    for (const [label, ms] of perFilter)
      opts.log(
        `risks: list ${label}: median ${round(median(ms))} ms, p95 ${round(quantile(ms, 0.95))} ms`,
      );

    const heat = (residual: boolean, portfolioId?: string) =>
      heatmap(ctx, SYSTEM_ACTOR, {
        ...(portfolioId ? { portfolioId } : {}),
        ...(residual ? { residual: 'true' as const } : {}),
      });
    await heat(false);
    const heatMs: number[] = [];
    const heatPortfolioMs: number[] = [];
    for (let i = 0; i < Math.max(opts.runs, 5); i++) {
      let t = performance.now();
      const map = await heat(i % 2 === 1);
      heatMs.push(performance.now() - t);
      if (map.total === 0) throw new Error('empty heat map');
      t = performance.now();
      await heat(i % 2 === 1, portfolio);
      heatPortfolioMs.push(performance.now() - t);
    }
    // The 12-month trend (open risks by criticality and exposure at each month end).
    const trendQuery = { portfolioId: portfolio, from: '2026-01-01', to: '2026-12-31' };
    await trend(ctx, SYSTEM_ACTOR, trendQuery);
    const trendMs: number[] = [];
    for (let i = 0; i < Math.max(opts.runs, 5); i++) {
      const t = performance.now();
      const points = await trend(ctx, SYSTEM_ACTOR, trendQuery);
      trendMs.push(performance.now() - t);
      if (points.periods.length !== 12) throw new Error('the trend lost months');
    }
    opts.log(
      `risks: trend median ${round(median(trendMs))} ms, p95 ${round(quantile(trendMs, 0.95))} ms`,
    );
    const size = `${total.toLocaleString('en')} risks, ${PROJECTS.toLocaleString('en')} projects`;
    return [
      {
        name: 'risk register, filtered list (9 filter mixes, 50 per page)',
        size,
        median: round(median(samples)),
        p95: round(quantile(samples, 0.95)),
        unit: 'ms',
        target: 'p95 < 100 ms',
        ok: quantile(samples, 0.95) < 100,
      },
      {
        name: 'risk heat map, whole portfolio (inherent / residual)',
        size,
        median: round(median(heatMs)),
        p95: round(quantile(heatMs, 0.95)),
        unit: 'ms',
        target: '< 200 ms',
      },
      {
        name: 'risk heat map, one portfolio (inherent / residual)',
        size,
        median: round(median(heatPortfolioMs)),
        unit: 'ms',
        target: '< 200 ms',
      },
      {
        name: 'risk trend, one portfolio, 12 month ends (100,000 assessments)',
        size,
        median: round(median(trendMs)),
        p95: round(quantile(trendMs, 0.95)),
        unit: 'ms',
      },
    ];
  } finally {
    await database.close();
  }
}
