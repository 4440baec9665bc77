// The portfolio finance roll-up with EV indices at a status date, and the CSV import of actual
// costs, on a synthetic portfolio of 2,000 projects × 36 months × 10 budget lines (720,000 monthly
// amounts, the same again in the approved baselines), 1,000,000 actual costs and 48,000
// month-end closes; and the month-end EV snapshot job over the same projects. Runs on an embedded PGlite by default, on PostgreSQL when DATABASE_URL is set
// (a scratch database `jalon_bench_finance` is created next to it). The data is generated in SQL
// (generate_series), the measured code is the service the API calls.
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../src/server/db/client.ts';
import { loadConfig } from '../src/server/config.ts';
import { importActuals } from '../src/server/modules/finance/finance.import.ts';
import { refreshAggregates } from '../src/server/modules/finance/finance.repository.ts';
import { getRollup } from '../src/server/modules/finance/finance.service.ts';
import { runSnapshots } from '../src/server/modules/evm/evm.service.ts';
import { SYSTEM_ACTOR } from '../src/server/seed/demo.ts';
import { type BenchOptions, type BenchResult, median } from './lib.ts';

const PROJECTS = 2000;
const MONTHS = 36;
const LINES = 10;
const ACTUALS = 1_000_000;
const IMPORT_ROWS = 100_000;

async function open(
  opts: BenchOptions,
): Promise<{ database: Database; drop: () => Promise<void>; reused: boolean }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    opts.note('database', 'PGlite (embedded)');
    const database = await openDatabase({ pglite: await PGlite.create() });
    return { database, drop: async () => undefined, reused: false };
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows } = await admin.query<{ server_version: string }>('show server_version');
  opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
  // FINANCE_BENCH_IN_PLACE=1: run in the database of DATABASE_URL itself (a database given for
  // benchmarks, without CREATE DATABASE rights), keeping the generated data between runs.
  if (process.env.FINANCE_BENCH_IN_PLACE === '1') {
    const { rows: exists } = await admin.query<{ t: string | null }>(
      `select to_regclass('public.finance_closes')::text as t`,
    );
    const have = exists[0]!.t
      ? (await admin.query<{ n: number }>('select count(*)::int / 24 as n from finance_closes'))
          .rows
      : [{ n: 0 }];
    const reused = have[0]!.n === PROJECTS;
    if (!reused)
      await admin.query(
        'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public',
      );
    await admin.end();
    const database = await openDatabase({ url, poolSize: 4 });
    return { database, drop: async () => undefined, reused };
  }
  await admin.query('drop database if exists jalon_bench_finance with (force)');
  await admin.query('create database jalon_bench_finance');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/jalon_bench_finance';
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  return {
    database,
    reused: false,
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query('drop database if exists jalon_bench_finance with (force)');
      await a.end();
    },
  };
}

/** The synthetic portfolio, generated set-wise in SQL. */
async function generate(database: Database, log: (m: string) => void) {
  await database.db.transaction(async (db) => {
    // The rows are consistent by construction: skip the per-row foreign-key triggers (they
    // cost more than the inserts themselves on 2.7 million rows). Local to this transaction.
    await db.execute(sql`set local session_replication_role = replica`);
    let step = 0;
    const exec = async (q: ReturnType<typeof sql>) => {
      const t = performance.now();
      await db.execute(q);
      log(`finance: generation step ${++step} in ${Math.round(performance.now() - t)} ms`);
    };
    await exec(sql`
    insert into portfolios (code, name) select 'PF-' || i, 'Portefeuille ' || i from generate_series(1, 4) i`);
    await exec(sql`
    insert into programs (code, name, portfolio_id)
    select 'PG-' || i, 'Programme ' || i, (select id from portfolios order by code offset (i % 4) limit 1)
    from generate_series(1, 40) i`);
    await exec(sql`
    with g as (select id, row_number() over (order by code) as n from programs)
    insert into projects (code, name, portfolio_id, program_id, status, priority)
    select 'P-' || lpad(i::text, 5, '0'), 'Projet ' || i, pg.portfolio_id, pg.id, 'active', 'medium'
    from generate_series(1, ${PROJECTS}) i
    join g on g.n = 1 + (i % 40) join programs pg on pg.id = g.id`);
    await exec(sql`
    insert into budget_lines (project_id, position, label, category, nature)
    select p.id, l, 'Ligne ' || l,
      (array['internal_labour','external_services','software','hardware','travel','other'])[1 + l % 6],
      case when l % 3 = 0 then 'capex' else 'opex' end
    from projects p, generate_series(0, ${LINES - 1}) l`);
    await exec(sql`
    insert into budget_amounts (line_id, project_id, month, amount)
    select l.id, l.project_id, (date '2024-01-01' + make_interval(months => m))::date,
      100000 + (abs(hashtext(l.id::text || m)) % 900000)
    from budget_lines l, generate_series(0, ${MONTHS - 1}) m`);
    await exec(sql`
    insert into budget_revisions (project_id, number, status, reason, total)
    select project_id, 1, 'approved', 'Budget initial', sum(amount) from budget_amounts group by project_id`);
    await exec(sql`
    insert into budget_revision_amounts (revision_id, project_id, line_id, label, category, nature, month, amount)
    select r.id, a.project_id, a.line_id, l.label, l.category, l.nature, a.month, a.amount
    from budget_amounts a join budget_lines l on l.id = a.line_id join budget_revisions r on r.project_id = a.project_id`);
    await exec(sql`
    insert into purchase_orders (project_id, line_id, supplier, reference, order_date, amount, amount_eur)
    select l.project_id, l.id, 'Sopra Steria', 'BC-' || l.position, date '2024-01-05', 5000000, 5000000
    from budget_lines l where l.position < 2`);
    await exec(sql`
    with lines as (select id, project_id, row_number() over (order by id) - 1 as n from budget_lines)
    insert into actual_costs (project_id, line_id, source, date, supplier, amount, amount_eur)
    select l.project_id, l.id, 'invoice', date '2024-01-01' + ((i / ${PROJECTS * LINES}) * 20 + i % 20), 'Capgemini', 50000 + i % 7919, 50000 + i % 7919
    from generate_series(0, ${ACTUALS - 1}) i join lines l on l.n = i % ${PROJECTS * LINES}`);
    await exec(sql`
    insert into finance_closes (project_id, month, status_date, bac, pv, ev, ac, committed, eac)
    select p.id, (date '2024-01-01' + make_interval(months => m))::date,
      (date '2024-02-01' + make_interval(months => m))::date - 1,
      r.total, r.total * (m + 1) / ${MONTHS}, r.total * (m + 1) / ${MONTHS} * 95 / 100,
      r.total * (m + 1) / ${MONTHS} * 105 / 100, 0, r.total * 105 / 100
    from projects p join budget_revisions r on r.project_id = p.id, generate_series(0, 23) m`);
    await refreshAggregates(db, 'all');
    log('finance: pre-aggregates computed');
  });
  await database.db.execute(sql`analyze`);
}

function importCsv(codes: string[], run: number): string {
  const lines = ['Projet;Date;Montant;Fournisseur;Référence;Libellé'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(
      `${codes[i % codes.length]};${day}/${month}/2026;${1000 + (i % 5000)},${String(i % 100).padStart(2, '0')};Dell Technologies;F-${run}-${i};Matériel lot ${i % 50}`,
    );
  }
  return lines.join('\r\n');
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const { database, drop, reused } = await open(opts);
  try {
    await migrateDatabase(database);
    if (reused) {
      opts.log('finance: reusing the generated portfolio (FINANCE_BENCH_IN_PLACE)');
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`delete from actual_costs where import_id is not null`);
        await refreshAggregates(tx, 'all');
      });
    } else {
      opts.log('finance: generating 2,000 projects × 36 months × 10 lines, 1,000,000 actuals…');
      const t0 = performance.now();
      await generate(database, opts.log);
      const s = Math.round((performance.now() - t0) / 1000);
      opts.log(`finance: generated in ${s} s`);
      opts.note('data generation', `${s} s`);
    }
    const ctx = {
      db: database.db,
      config: loadConfig({ LOG_LEVEL: 'silent', JALON_JOBS: 'false' }),
    };
    const rollupMs: number[] = [];
    await getRollup(ctx, SYSTEM_ACTOR, { date: '2025-06-30' }); // warm-up
    for (let i = 0; i < opts.runs; i++) {
      const t = performance.now();
      const r = await getRollup(ctx, SYSTEM_ACTOR, { date: '2025-06-30' });
      rollupMs.push(performance.now() - t);
      if (r.rows.filter((x) => x.level === 'project').length !== PROJECTS)
        throw new Error('roll-up lost projects');
    }
    const codes = (
      (await database.db.execute(
        sql`select code from projects order by code limit 100`,
      )) as unknown as {
        rows: { code: string }[];
      }
    ).rows.map((r) => r.code);
    const importMs: number[] = [];
    const importRuns = opts.quick ? 1 : Math.min(opts.runs, 3);
    for (let i = 0; i < importRuns; i++) {
      const content = importCsv(codes, i);
      const t = performance.now();
      const report = await importActuals(ctx, SYSTEM_ACTOR, {
        target: 'actuals',
        format: 'csv',
        content,
        dryRun: false,
        mapping: {
          project: 'Projet',
          date: 'Date',
          amount: 'Montant',
          supplier: 'Fournisseur',
          reference: 'Référence',
          description: 'Libellé',
        },
      });
      importMs.push(performance.now() - t);
      if (report.accepted !== IMPORT_ROWS || !report.committed)
        throw new Error(`import rejected rows: ${JSON.stringify(report.rejected.slice(0, 3))}`);
    }
    // The month-end EV snapshot job for every project (set-wise), on a month with no close yet;
    // its closes and audit events are removed after each run so the data stays reusable.
    const snapshotMs: number[] = [];
    const clear = () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`delete from finance_closes where month = '2026-01-01'`);
        await tx.execute(
          sql`delete from audit_events where entity_type = 'finance_close' and entity_label like '%clôture 2026-01'`,
        );
      });
    await clear();
    for (let i = 0; i < (opts.quick ? 1 : Math.min(opts.runs, 3)); i++) {
      const t = performance.now();
      const r = await runSnapshots(ctx, null, '2026-01');
      snapshotMs.push(performance.now() - t);
      await clear();
      if (r.recorded !== PROJECTS) throw new Error(`snapshot recorded ${r.recorded}`);
    }
    return [
      {
        name: 'month-end EV snapshot job (set-wise)',
        size: '2,000 projects × 10 lines',
        median: Math.round(median(snapshotMs)),
        unit: 'ms',
      },
      {
        name: 'finance roll-up with EV indices',
        size: '2,000 projects × 36 months × 10 lines, 1,000,000 actuals',
        median: Math.round(median(rollupMs)),
        unit: 'ms',
        target: '< 1000 ms',
      },
      {
        name: 'import actuals from CSV (all-or-nothing)',
        size: '100,000 rows',
        median: Math.round(median(importMs)),
        unit: 'ms',
        target: '< 10000 ms',
      },
    ];
  } finally {
    await database.close();
    await drop();
  }
}
