// The HTTP API on PostgreSQL under load: one project, and a filtered page of 50, read by an
// authenticated member (session lookup and visibility filter included), on a generated portfolio
// of 2,000 projects and 50,000 people and memberships.
//
// Jalon runs as its own process, as in production, and autocannon runs here: they share the
// machine's cores with PostgreSQL, which is the point of the targets ("load generator included").
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  type BenchOptions,
  type BenchResult,
  freePort,
  median,
  REPO_ROOT,
  round,
  startPostgres,
} from './lib.ts';

const DATABASE = 'jalon_bench';
const SCALE = 2000;
const SIZE = `${SCALE.toLocaleString('en')} projects, ${(25 * SCALE).toLocaleString('en')} people`;
const PASSWORD = 'bench-password-123';
const MEMBER_EMAIL = 'bench.member@exemple.test';
const PMO_EMAIL = 'bench.pmo@exemple.test';
/** The member's person: an ordinary synthetic one, given 20 memberships in one portfolio. */
const MEMBER_PERSON = 'syn1.p777@exemple.test';
const MEMBERSHIPS = 20;
/** Enough connections to keep the server busy; its pool has JALON_DB_POOL_SIZE (10) connections. */
const CONNECTIONS = 20;
const TARGETS = { read: 2000, list: 800, p99: 100 };

/**
 * Knobs for working on the server's speed (none is needed for the plain benchmark):
 * - JALON_BENCH_REUSE=1 reuses the bench database of a previous run when it has the bench
 *   accounts (seeding takes minutes on a busy machine);
 * - JALON_BENCH_ONLY=read,pmo,member measures only those endpoints;
 * - JALON_BENCH_BASELINE=DIR also starts the Jalon of another tree (e.g. `git archive main`
 *   unpacked in DIR, with a node_modules link) on the same database, and measures both in
 *   turns, so that a before/after comparison sees the same machine load; each line then says
 *   how much CPU per request this tree needs against the baseline.
 */
const REUSE = process.env.JALON_BENCH_REUSE === '1';
const ONLY = process.env.JALON_BENCH_ONLY?.split(',').filter(Boolean);
const BASELINE = process.env.JALON_BENCH_BASELINE;

interface Endpoint {
  key: 'read' | 'pmo' | 'member';
  label: string;
  path: string;
  as: 'member' | 'pmo';
  /** Minimum req/s, for the endpoints with a throughput target. */
  target: number;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time per request, in microseconds: the Jalon process, PostgreSQL, the load generator. */
  serverCpu: number;
  pgCpu: number;
  loadCpu: number;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const { log } = opts;
  const baseUrl = startPostgres();
  let url = REUSE ? await existingDatabase(baseUrl, opts) : undefined;
  let fixture = url ? await readFixture(url) : undefined;
  if (!url || !fixture) {
    url = await createDatabase(baseUrl, opts);
    log(`seeding ${SIZE} (jalon seed --scale ${SCALE})…`);
    cli(url, ['seed', '--scale', String(SCALE)]);
    await prepareAccounts(url);
    fixture = (await readFixture(url))!;
  } else log(`reusing the database ${DATABASE}`);
  const servers: Server[] = [];
  try {
    const port = await freePort();
    servers.push(await startServer(url, REPO_ROOT, 'this tree', port));
    if (BASELINE) servers.push(await startServer(url, BASELINE, 'baseline', await freePort()));
    const list = `/api/v1/projects?portfolioId=${fixture.portfolioId}&status=active&sort=code&limit=50`;
    const endpoints: Endpoint[] = [
      {
        key: 'read',
        label: 'GET /projects/:id as member',
        path: `/api/v1/projects/${fixture.projectId}`,
        as: 'member',
        target: TARGETS.read,
      },
      {
        key: 'pmo',
        label: `GET /projects?… 50 of ${fixture.pmoRows} as PMO`,
        path: list,
        as: 'pmo',
        target: TARGETS.list,
      },
      {
        key: 'member',
        label: `GET /projects?… ${fixture.memberRows} visible as member`,
        path: list,
        as: 'member',
        target: TARGETS.list,
      },
    ];
    const results: BenchResult[] = [];
    for (const e of endpoints) {
      if (ONLY && !ONLY.includes(e.key)) continue;
      results.push(...(await benchEndpoint(servers, e, opts)));
    }
    return results;
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
}

/** A running Jalon: its process, origin and the session cookies of the two bench accounts. */
interface Server {
  name: string;
  child: ChildProcess;
  origin: string;
  cookies: Record<'member' | 'pmo', string>;
}

async function startServer(url: string, root: string, name: string, port: number): Promise<Server> {
  const child = await startJalon(url, port, root);
  const origin = `http://127.0.0.1:${port}`;
  return {
    name,
    child,
    origin,
    cookies: { member: await signIn(origin, MEMBER_EMAIL), pmo: await signIn(origin, PMO_EMAIL) },
  };
}

/** The bench database's URL when it exists (JALON_BENCH_REUSE). */
async function existingDatabase(baseUrl: string, opts: BenchOptions): Promise<string | undefined> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
    const found = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) return undefined;
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${DATABASE}`;
  return u.toString();
}

async function createDatabase(baseUrl: string, opts: BenchOptions): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    opts.note('PostgreSQL', rows[0]!.server_version.split(' ')[0]!);
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${DATABASE}`;
  return u.toString();
}

/** Runs `jalon …` on the bench database and fails loudly if it does. */
function cli(url: string, args: string[], input?: string): string {
  const res = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/jalon.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    input: input ?? '',
    encoding: 'utf8',
  });
  if (res.status !== 0)
    throw new Error(`jalon ${args.join(' ')} failed:\n${res.stdout}${res.stderr}`);
  return res.stdout;
}

/** The portfolio holding most active projects: the one the lists filter on. */
const BENCH_PORTFOLIO =
  "select portfolio_id as id from projects where status = 'active' group by portfolio_id order by count(*) desc, portfolio_id limit 1";

/**
 * One of the member's projects and the portfolio the lists filter on, with how many rows each
 * account sees there; undefined when the bench accounts are not there.
 */
async function readFixture(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const accounts = await client.query<{ n: number }>(
      'select count(*)::int as n from users where email = any($1::text[])',
      [[MEMBER_EMAIL, PMO_EMAIL]],
    );
    if (accounts.rows[0]!.n !== 2) return undefined;
    const portfolioId = (await client.query<{ id: string }>(BENCH_PORTFOLIO)).rows[0]!.id;
    const visible = await client.query<{ id: string }>(
      `select p.id from projects p join project_members m on m.project_id = p.id
       join people pe on pe.id = m.person_id
       where pe.email = $1 and p.portfolio_id = $2 and p.status = 'active' and p.archived_at is null order by p.code`,
      [MEMBER_PERSON, portfolioId],
    );
    const all = await client.query<{ n: number }>(
      "select count(*)::int as n from projects where portfolio_id = $1 and status = 'active' and archived_at is null",
      [portfolioId],
    );
    return {
      portfolioId,
      projectId: visible.rows[Math.floor(visible.rows.length / 2)]!.id,
      memberRows: visible.rows.length,
      pmoRows: all.rows[0]!.n,
    };
  } finally {
    await client.end();
  }
}

/** A member linked to a person who belongs to 20 active projects spread over one portfolio, and a PMO. */
async function prepareAccounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const person = await client.query<{ id: string }>('select id from people where email = $1', [
      MEMBER_PERSON,
    ]);
    const personId = person.rows[0]!.id;
    const portfolio = await client.query<{ id: string }>(BENCH_PORTFOLIO);
    const portfolioId = portfolio.rows[0]!.id;
    await client.query(
      `insert into project_members (project_id, person_id, role)
       select id, $1, 'contributor' from projects
       where portfolio_id = $2 and status = 'active' and archived_at is null
       order by md5(code) limit $3
       on conflict do nothing`,
      [personId, portfolioId, MEMBERSHIPS],
    );
    await client.query('analyze');
    cli(
      url,
      [
        'user',
        'create',
        '--email',
        MEMBER_EMAIL,
        '--name',
        'Membre Bench',
        '--role',
        'member',
        '--password-stdin',
        '--person-email',
        MEMBER_PERSON,
      ],
      PASSWORD,
    );
    cli(
      url,
      [
        'user',
        'create',
        '--email',
        PMO_EMAIL,
        '--name',
        'PMO Bench',
        '--role',
        'pmo',
        '--password-stdin',
      ],
      PASSWORD,
    );
  } finally {
    await client.end();
  }
}

/**
 * `jalon start` on the bench database, as in production (no demo, no jobs). Node flags for the
 * server go in JALON_BENCH_NODE_FLAGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
 */
async function startJalon(url: string, port: number, root: string): Promise<ChildProcess> {
  const nodeFlags = process.env.JALON_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, 'bin/jalon.mjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      JALON_SEED_DEMO: 'false',
      JALON_JOBS: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jalon start exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('jalon start did not become ready in 120 s');
}

async function signIn(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jalon_session='));
  if (!cookie) throw new Error(`login ${email}: no session cookie`);
  return cookie.split(';')[0]!;
}

/**
 * Throughput and latency at full load, then latency at half that rate; `runs` times each. With
 * a baseline server, each full-load run measures both, one right after the other.
 */
async function benchEndpoint(
  servers: Server[],
  e: Endpoint,
  opts: BenchOptions,
): Promise<BenchResult[]> {
  const duration = opts.quick ? 3 : 10;
  for (const s of servers) {
    const check = await fetch(s.origin + e.path, { headers: { cookie: s.cookies[e.as] } });
    if (!check.ok) throw new Error(`${e.label}: HTTP ${check.status} ${await check.text()}`);
    await load(s, e, { duration: opts.quick ? 1 : 3 }); // warm-up: JIT, plans, caches
  }
  const full: Run[][] = servers.map(() => []);
  for (let i = 0; i < opts.runs; i++) {
    for (const [k, s] of servers.entries()) {
      const r = await load(s, e, { duration });
      opts.log(`${e.label}${servers.length > 1 ? ` [${s.name}]` : ''}: ${describe(r)}`);
      full[k]!.push(r);
    }
  }
  const maxRps = median(full[0]!.map((r) => r.rps));
  const rate = Math.max(1, Math.round(maxRps / 2));
  const half: Run[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await load(servers[0]!, e, { duration, overallRate: rate });
    opts.log(`${e.label} at ${rate} req/s: ${describe(r)}`);
    half.push(r);
  }
  const halfP99 = median(half.map((r) => r.p99));
  const results: BenchResult[] = [
    {
      name: `${e.label}: throughput`,
      size: SIZE,
      median: round(maxRps),
      unit: 'req/s',
      target: `≥ ${e.target.toLocaleString('en')} req/s`,
      ok: maxRps >= e.target,
    },
    {
      name: `${e.label}: latency at full load (p50)`,
      size: SIZE,
      median: median(full[0]!.map((r) => r.p50)),
      p99: median(full[0]!.map((r) => r.p99)),
      unit: 'ms',
    },
    {
      name: `${e.label}: latency at ${rate.toLocaleString('en')} req/s (p50)`,
      size: SIZE,
      median: median(half.map((r) => r.p50)),
      p99: halfP99,
      unit: 'ms',
      target: `p99 < ${TARGETS.p99} ms`,
      ok: halfP99 < TARGETS.p99,
    },
  ];
  if (servers.length > 1) {
    const cpu = (runs: Run[]) => median(runs.map((r) => r.serverCpu + r.pgCpu));
    results.push(
      {
        name: `${e.label}: baseline throughput`,
        size: SIZE,
        median: round(median(full[1]!.map((r) => r.rps))),
        unit: 'req/s',
      },
      {
        name: `${e.label}: throughput / baseline`,
        size: SIZE,
        median: round(median(full[0]!.map((r, i) => r.rps / full[1]![i]!.rps))),
        unit: '×',
      },
      {
        name: `${e.label}: Jalon + PostgreSQL CPU per request / baseline`,
        size: SIZE,
        median: round(cpu(full[0]!) / cpu(full[1]!)),
        unit: '×',
      },
    );
  }
  return results;
}

function describe(r: Run): string {
  return `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU per request: Jalon ${Math.round(r.serverCpu)} µs, PostgreSQL ${Math.round(r.pgCpu)} µs, autocannon ${Math.round(r.loadCpu)} µs`;
}

async function load(
  server: Server,
  e: Endpoint,
  o: { duration: number; overallRate?: number },
): Promise<Run> {
  const serverPid = server.child.pid!;
  const before = {
    server: cpuMicros([serverPid]),
    pg: cpuMicros(postgresPids()),
    self: process.cpuUsage(),
  };
  const result = await autocannon({
    url: server.origin + e.path,
    connections: CONNECTIONS,
    duration: o.duration,
    headers: { cookie: server.cookies[e.as] },
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
  });
  const requests = result.requests.total;
  const serverCpu = cpuMicros([serverPid]) - before.server;
  const pgCpu = cpuMicros(postgresPids()) - before.pg;
  const self = process.cpuUsage(before.self);
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `${e.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
    );
  }
  return {
    rps: requests / o.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverCpu: serverCpu / Math.max(1, requests),
    pgCpu: pgCpu / Math.max(1, requests),
    loadCpu: (self.user + self.system) / Math.max(1, requests),
  };
}

const CLOCK_TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

/** User + system CPU time of processes, in microseconds (0 where /proc is not available). */
function cpuMicros(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * CLOCK_TICK_MICROS;
}

/**
 * The PostgreSQL backends serving the bench database (one that exits during a measure takes its
 * CPU time with it); other databases' backends on the same server (other benchmarks, other
 * work) are not counted.
 */
function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          // The process title of a backend: `postgres: user database host(port) state`.
          return (
            readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres' &&
            readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${DATABASE} `)
          );
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}
