// Timesheets (CRA), measured as the client sees them: HTTP round trips to a real listening
// server (Jalon built in this process). Two targets of issue 4: saving a week (p95 < 100 ms)
// and approving 500 weeks in one action (< 2 s). The population is inserted set-wise in SQL
// (500 people on 20 projects, one submitted week each), then the API is timed.
// PostgreSQL from scripts/pg-start.sh by default; JALON_BENCH_PGLITE=1 runs on the embedded
// database instead (no server needed; slower, single connection).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, migrateDatabase, openDatabase } from '../src/server/db/client.ts';
import { createUser } from '../src/server/modules/platform/users.service.ts';
import { SYSTEM_ACTOR } from '../src/server/seed/demo.ts';
import {
  type BenchOptions,
  type BenchResult,
  freePort,
  median,
  quantile,
  startPostgres,
} from './lib.ts';

const DATABASE = 'jalon_bench_time';
const PEOPLE = 500;
const PROJECTS = 20;
const WEEK = '2026-11-16';
const PASSWORD = 'bench-password-123';

async function open(opts: BenchOptions): Promise<{ database: Database; url?: string }> {
  if (process.env.JALON_BENCH_PGLITE) {
    const { PGlite } = await import('@electric-sql/pglite');
    opts.note('database', 'PGlite (embedded)');
    const database = await openDatabase({ pglite: await PGlite.create() });
    return { database };
  }
  const base = startPostgres();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${DATABASE}`;
  const url = u.toString();
  return { database: await openDatabase({ url, poolSize: 10 }), url };
}

/** 500 people on 20 projects (each a member of two), each with one submitted week of 5 × 7.5 h. */
async function populate(database: Database) {
  // Constants only, inlined; one statement at a time (PGlite runs no multi-statement string).
  const script = `
    insert into portfolios (code, name) values ('PTF-BENCH-TIME', 'Bench CRA');
    insert into projects (code, name, portfolio_id, status, priority)
      select 'PRJ-T-' || g, 'Projet ' || g, (select id from portfolios where code = 'PTF-BENCH-TIME'), 'active', 'medium'
      from generate_series(1, ${PROJECTS}) g;
    insert into people (first_name, last_name, email)
      select 'Personne', 'Bench ' || lpad(g::text, 4, '0'), 'bench' || g || '@exemple.test' from generate_series(1, ${PEOPLE}) g;
    insert into project_members (project_id, person_id, role)
      select p.id, pe.id, 'contributor'
      from (select id, row_number() over (order by last_name) n from people where email like 'bench%') pe
      join (select id, row_number() over (order by code) - 1 k from projects where code like 'PRJ-T-%') p
        on p.k = pe.n % ${PROJECTS} or p.k = (pe.n + 7) % ${PROJECTS};
    insert into timesheets (person_id, week_start, status, submitted_at)
      select id, '${WEEK}', 'submitted', now() from people where email like 'bench%';
    insert into timesheet_lines (timesheet_id, position, project_id)
      select s.id, row_number() over (partition by s.id order by m.project_id) - 1, m.project_id
      from timesheets s join project_members m on m.person_id = s.person_id;
    insert into timesheet_entries (line_id, date, centi)
      select l.id, '${WEEK}'::date + d, 375 from timesheet_lines l, generate_series(0, 4) d;
    analyze`;
  for (const statement of script.split(';')) await database.db.execute(sql.raw(statement));
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const { database, url } = await open(opts);
  await migrateDatabase(database);
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url } : {}),
    LOG_LEVEL: 'silent',
    JALON_JOBS: 'false',
  });
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const origin = `http://127.0.0.1:${port}`;
  try {
    const ctx = { db: database.db, config };
    opts.log(`inserting ${PEOPLE} people and their submitted weeks…`);
    await populate(database);
    // The person who fills a week: one of the 500, with an account; the approver: a PMO.
    const rows = (await database.db.execute(
      sql`select id from people where email = 'bench1@exemple.test'`,
    )) as unknown as { rows: { id: string }[] };
    const personId = rows.rows[0]!.id;
    await createUser(ctx, SYSTEM_ACTOR, {
      email: 'bench.cra@exemple.test',
      name: 'Contributeur Bench',
      role: 'member',
      password: PASSWORD,
      personId,
    });
    await createUser(ctx, SYSTEM_ACTOR, {
      email: 'bench.pmo@exemple.test',
      name: 'PMO Bench',
      role: 'pmo',
      password: PASSWORD,
      personId: null,
    });
    const worker = await signIn(origin, 'bench.cra@exemple.test');
    const pmo = await signIn(origin, 'bench.pmo@exemple.test');
    const http = async (
      cookie: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(origin + path, {
        method,
        headers: {
          cookie,
          origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    // Saving a week: two project lines and two activities, 5 days, every save a change.
    const saveWeek = '2026-11-23';
    const targets = (await http(worker, 'GET', '/api/v1/me/timesheet-targets')) as {
      projects: { id: string }[];
      activities: { id: string; code: string }[];
    };
    const [p1, p2] = targets.projects;
    const reunion = targets.activities.find((a) => a.code === 'REUNION')!;
    const formation = targets.activities.find((a) => a.code === 'FORMATION')!;
    let version = 0;
    const saves = opts.quick ? 20 : 60;
    const samples: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      for (let i = 0; i < saves + 3; i++) {
        const h = i % 2 ? 3.5 : 3;
        const body = {
          lines: [
            { projectId: p1!.id, hours: [h, h, h, h, h, 0, 0] },
            { projectId: p2!.id, hours: [3, 3, 3, 3, 3, 0, 0] },
            { activityId: reunion.id, hours: [1, 0, 0, 0, 0.5, 0, 0] },
            { activityId: formation.id, hours: [0, 0, 0.5, 0, 0, 0, 0] },
          ],
        };
        const start = performance.now();
        const sheet = (await http(worker, 'PUT', `/api/v1/me/timesheets/${saveWeek}`, body, {
          'if-match': `"${version}"`,
        })) as { version: number };
        const ms = performance.now() - start;
        version = sheet.version;
        if (i >= 3) samples.push(ms);
      }
    }
    const p95 = quantile(samples, 0.95);
    opts.log(`save a week: median ${median(samples).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);

    // Approving 500 weeks in one action; between runs they go back to "submitted".
    const approvals: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      await database.db.execute(
        sql`update timesheet_lines set approval = 'pending', decided_by_id = null, decided_at = null
            where timesheet_id in (select id from timesheets where week_start = ${WEEK})`,
      );
      await database.db.execute(
        sql`update timesheets set status = 'submitted' where week_start = ${WEEK}`,
      );
      const pending = (await http(pmo, 'GET', '/api/v1/timesheets/pending')) as {
        items: { id: string; version: number; weekStart: string }[];
      };
      const items = pending.items
        .filter((i) => i.weekStart === WEEK)
        .map((i) => ({ id: i.id, version: i.version }));
      if (items.length !== PEOPLE)
        throw new Error(`expected ${PEOPLE} pending, got ${items.length}`);
      const start = performance.now();
      const result = (await http(pmo, 'POST', '/api/v1/timesheets/approve', { items })) as {
        approved: string[];
      };
      approvals.push(performance.now() - start);
      if (result.approved.length !== PEOPLE) throw new Error('not every week was approved');
    }
    opts.log(`approve ${PEOPLE} weeks: median ${median(approvals).toFixed(0)} ms`);
    return [
      {
        name: 'save a timesheet week (PUT, 4 lines), HTTP round trip',
        size: `${PEOPLE} people, ${PROJECTS} projects`,
        median: median(samples),
        p95,
        p99: quantile(samples, 0.99),
        unit: 'ms',
        target: 'p95 < 100 ms',
        ok: p95 < 100,
      },
      {
        name: `approve ${PEOPLE} timesheets in one action`,
        size: `${PEOPLE} weeks, ${PEOPLE * 2} lines, ${PEOPLE * 10} entries`,
        median: median(approvals),
        unit: 'ms',
        target: '< 2000 ms',
      },
    ];
  } finally {
    await app.close();
    await database.close();
  }
}

async function signIn(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jalon_session='));
  if (!cookie) throw new Error('login: no session cookie');
  return cookie.split(';')[0]!;
}
