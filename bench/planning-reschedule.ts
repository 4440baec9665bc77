// Rescheduling after one edit in a 5,000-task project, measured as the client sees it: an HTTP
// round trip to a real listening server (Jalon built in this process with buildApp, on
// PostgreSQL from scripts/pg-start.sh, a fresh database), from the PATCH to the PlanChange.
// Two kinds of edit: the first task of the critical path (everything after it moves) and a task
// picked at random (only its successors move).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateDatabase, openDatabase } from '../src/server/db/client.ts';
import {
  createPortfolio,
  createProject,
} from '../src/server/modules/portfolio/portfolio.service.ts';
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

const DATABASE = 'jalon_bench_planning';
const PHASES = 100;
const LEAVES_PER_PHASE = 49; // 100 summaries + 4,900 leaves = 5,000 tasks
const TASKS = PHASES * (LEAVES_PER_PHASE + 1);
const SIZE = `${TASKS.toLocaleString('en')} tasks`;
const PASSWORD = 'bench-password-123';
const TARGET_MS = 300;

/**
 * A project.json of 5,000 tasks that looks like a large programme: 10 streams of 10 phases in
 * sequence, each phase 7 parallel chains of 7 tasks (the last one a milestone), links of every
 * type with lags and leads between the chains, and each phase waiting for the same phase of the
 * previous stream (~1.5 links a task). It spans about two years.
 */
function network() {
  const tasks: object[] = [];
  const dependencies: { from: string; to: string; type: string; lag: number }[] = [];
  const types = ['FS', 'SS', 'FF', 'SF'];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const CHAINS = 7;
  const STREAMS = 10;
  const PER_STREAM = PHASES / STREAMS;
  for (let p = 0; p < PHASES; p++) {
    tasks.push({ id: `p${p}`, name: `Phase ${p + 1}`, summary: true });
    for (let k = 0; k < LEAVES_PER_PHASE; k++) {
      const milestone = k === LEAVES_PER_PHASE - 1;
      const chain = k % CHAINS;
      tasks.push({
        id: `t${p}.${k}`,
        name: milestone ? `Jalon ${p + 1}` : `Tâche ${p + 1}.${k + 1}`,
        duration: milestone ? 0 : 1 + Math.floor(random() * 8),
        parent: `p${p}`,
      });
      if (k >= CHAINS)
        dependencies.push({ from: `t${p}.${k - CHAINS}`, to: `t${p}.${k}`, type: 'FS', lag: 0 });
      if (k >= CHAINS && random() < 0.45) {
        const from = `t${p}.${k - CHAINS - 1 - Math.floor(random() * 3)}`;
        if (!from.endsWith('.-1') && Number(from.split('.')[1]) >= 0)
          dependencies.push({
            from,
            to: `t${p}.${k}`,
            type: types[Math.floor(random() * 4)]!,
            lag: Math.floor(random() * 5) - 1,
          });
      }
      if (milestone) {
        for (let c = 1; c < CHAINS; c++)
          dependencies.push({ from: `t${p}.${k - c}`, to: `t${p}.${k}`, type: 'FS', lag: 0 });
      }
      void chain;
    }
    const stream = Math.floor(p / PER_STREAM);
    // Phases of a stream follow one another; a phase also waits for the same phase one stream up.
    if (p % PER_STREAM > 0)
      dependencies.push({
        from: `t${p - 1}.${LEAVES_PER_PHASE - 1}`,
        to: `t${p}.0`,
        type: 'FS',
        lag: 1,
      });
    if (stream > 0)
      dependencies.push({
        from: `t${p - PER_STREAM}.${LEAVES_PER_PHASE - 8}`,
        to: `t${p}.1`,
        type: 'SS',
        lag: 5,
      });
  }
  return { start: '2027-01-04', tasks, dependencies };
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const baseUrl = startPostgres();
  const url = await freshDatabase(baseUrl, opts);
  const database = await openDatabase({ url, poolSize: 10 });
  await migrateDatabase(database);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', JALON_JOBS: 'false' });
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const origin = `http://127.0.0.1:${port}`;
  try {
    const ctx = { db: database.db, config };
    await createUser(ctx, SYSTEM_ACTOR, {
      email: 'bench.planning@exemple.test',
      name: 'PMO Bench',
      role: 'pmo',
      password: PASSWORD,
      personId: null,
    });
    const portfolio = await createPortfolio(ctx, SYSTEM_ACTOR, {
      code: 'PTF-BENCH',
      name: 'Bench',
      description: '',
    });
    const project = await createProject(ctx, SYSTEM_ACTOR, {
      code: 'PRJ-BENCH-5000',
      name: 'Plan de 5 000 tâches',
      description: '',
      portfolioId: portfolio.id,
      status: 'active',
      priority: 'medium',
      tags: [],
      customFields: {},
    });
    const cookie = await signIn(origin);
    const http = async (
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
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const base = `/api/v1/projects/${project.id}/plan`;
    opts.log(`importing ${SIZE}…`);
    const t0 = performance.now();
    await http('POST', `${base}/import?format=json&dryRun=false`, JSON.stringify(network()));
    const importMs = performance.now() - t0;
    await database.db.execute(sql`analyze`);

    const plan = (await http('GET', base)) as {
      tasks: { id: string; kind: string; version: number; duration: number; wbs: string }[];
      criticalPath: string[];
    };
    const leaves = plan.tasks.filter((t) => t.kind === 'task');
    const version = new Map(plan.tasks.map((t) => [t.id, t.version]));
    const duration = new Map(plan.tasks.map((t) => [t.id, t.duration]));
    // The first task of the critical path: lengthening it moves everything after it.
    const head = leaves.find((t) => t.id === plan.criticalPath[0])!;

    const edits = opts.quick ? 15 : 60;
    const originals = new Map<string, number>();
    const measure = async (pick: () => { id: string }) => {
      const samples: number[] = [];
      const moved: number[] = [];
      for (let i = 0; i < edits + 3; i++) {
        const task = pick();
        const d = duration.get(task.id)!;
        // Lengthen by three days, then restore: every other edit moves the successors back.
        const original = originals.get(task.id) ?? d;
        originals.set(task.id, original);
        const next = d === original ? original + 3 : original;
        const start = performance.now();
        const change = (await http(
          'PATCH',
          `${base}/tasks/${task.id}`,
          { duration: next },
          { 'if-match': `"${version.get(task.id)}"` },
        )) as {
          tasks: { id: string; version: number }[];
          schedules: { id: string }[];
        };
        const ms = performance.now() - start;
        for (const t of change.tasks) version.set(t.id, t.version);
        duration.set(task.id, next);
        if (i >= 3) {
          samples.push(ms); // the first three warm up the JIT, plans and caches
          moved.push(change.tasks.length + change.schedules.length);
        }
      }
      return { samples, moved: median(moved) };
    };
    let seed = 7;
    const randomLeaf = () => leaves[(seed = (seed * 48271) % 2147483647) % leaves.length]!;
    const results: BenchResult[] = [];
    for (const [label, pick] of [
      ['PATCH the first critical task', () => head],
      ['PATCH a random task', randomLeaf],
    ] as const) {
      const runs: { samples: number[]; moved: number }[] = [];
      for (let r = 0; r < opts.runs; r++) runs.push(await measure(pick));
      const all = runs.flatMap((x) => x.samples);
      const p95 = quantile(all, 0.95);
      opts.log(
        `${label}: median ${median(all).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${runs[0]!.moved} tasks in the PlanChange`,
      );
      results.push({
        name: `${label}, HTTP round trip`,
        size: `${SIZE}, ${runs[0]!.moved} changed`,
        median: median(all),
        p95,
        p99: quantile(all, 0.99),
        unit: 'ms',
        target: `p95 < ${TARGET_MS} ms`,
        ok: p95 < TARGET_MS,
      });
    }
    const reads: number[] = [];
    for (let i = 0; i < (opts.quick ? 5 : 15); i++) {
      const start = performance.now();
      await http('GET', base);
      reads.push(performance.now() - start);
    }
    results.push({
      name: 'GET the whole plan',
      size: SIZE,
      median: median(reads),
      p95: quantile(reads, 0.95),
      unit: 'ms',
    });
    results.push({
      name: 'import project.json (commit)',
      size: SIZE,
      median: importMs,
      unit: 'ms',
    });
    return results;
  } finally {
    await app.close();
    await database.close();
  }
}

async function freshDatabase(baseUrl: string, opts: BenchOptions): Promise<string> {
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

async function signIn(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: 'bench.planning@exemple.test', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jalon_session='));
  if (!cookie) throw new Error('login: no session cookie');
  return cookie.split(';')[0]!;
}
