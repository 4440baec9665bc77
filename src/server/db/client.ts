import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** What repositories take: the database or a transaction on it. */
export type Executor = PgDatabase<PgQueryResultHKT>;

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Whether `db` (the database or a transaction on it) is PostgreSQL through node-postgres. */
export function onNodePostgres(db: Executor): boolean {
  const client = (db as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Pool || client instanceof pg.Client;
}

/**
 * The rows of a big select (thousands of rows), read the cheaper way for each driver. On the
 * embedded database they are aggregated by the database into one JSON text and parsed here: its
 * driver decodes each field of each row on its own, which cost 3–4 times more than one
 * JSON.parse for a 5,000-task plan. On PostgreSQL they are read as plain rows: there `json_agg`
 * is what costs (a 5,000-task plan: 92 ms as JSON, 32 ms as rows). So only columns whose JSON
 * form is their JS form: text, uuid, integers, double precision, booleans, dates as
 * `YYYY-MM-DD` (not timestamps, not bigint).
 */
export async function queryBulkRows<T>(db: Executor, query: SQL): Promise<T[]> {
  if (onNodePostgres(db)) return queryRows<T>(db, query);
  const [row] = await queryRows<{ rows: string }>(
    db,
    sql`select coalesce(json_agg(x), '[]')::text as rows from (${query}) x`,
  );
  return JSON.parse(row!.rows) as T[];
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) for one parameter cast to a typed array, e.g.
 * `unnest(${pgArray(ids)}::uuid[], ${pgArray(days)}::int[])`: thousands of values travel as one
 * text that the server parses far more cheaply than the same rows as JSON objects, and
 * drizzle does not expand it into one parameter per value.
 */
export function pgArray(values: readonly (string | number | boolean | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'string')
      parts[i] = NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else if (Number.isFinite(v)) parts[i] = String(v);
    else throw new TypeError(`pgArray: ${String(v)} is not a finite number`);
  }
  return `{${parts.join(',')}}`;
}
const NEEDS_ESCAPE = /["\\]/;

/**
 * Runs read-only selects that do not depend on one another, and returns each one's rows: on a
 * PostgreSQL pool, concurrently on as many connections, all in one snapshot (the first
 * connection's `pg_export_snapshot()`, imported by the others), so they read the same database
 * as one statement would — an index computed by two of them (people by name) is the same in
 * both. Elsewhere (PGlite's single connection, a transaction, a pool too small) one after the
 * other on `db`. For the big reads of the capacity views, whose parts each take a core.
 */
export async function readConcurrently(
  db: Executor,
  queries: readonly SQL[],
): Promise<unknown[][]> {
  const pool = (db as { $client?: unknown }).$client;
  if (
    !(pool instanceof pg.Pool) ||
    queries.length < 2 ||
    (pool.options.max ?? 10) < queries.length
  ) {
    const out: unknown[][] = [];
    for (const q of queries) out.push(await queryRows<unknown>(db, q));
    return out;
  }
  // Every connection asked for in one go: the pool serves waiting requests in order, so two
  // such reads never each hold some connections while waiting for the other's.
  const clients = await Promise.all(queries.map(() => pool.connect()));
  const dialect = (
    db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  ).dialect;
  const open = new Set<pg.PoolClient>();
  try {
    const [lead, ...rest] = clients;
    open.add(lead!);
    const exported = (await lead!.query(
      'begin isolation level repeatable read read only; select pg_export_snapshot() as s',
    )) as unknown as pg.QueryResult<{ s: string }>[];
    const snapshot = exported[1]!.rows[0]!.s;
    const rows = await Promise.all(
      clients.map(async (client, i) => {
        if (i > 0) {
          open.add(client);
          await client.query(
            `begin isolation level repeatable read read only; set transaction snapshot '${snapshot}'`,
          );
        }
        const q = dialect.sqlToQuery(queries[i]!);
        const res = await client.query(q.sql, q.params);
        return res.rows as unknown[];
      }),
    );
    await Promise.all(rest.map((client) => client.query('commit')));
    await lead!.query('commit');
    open.clear();
    return rows;
  } finally {
    for (const client of clients) {
      // A connection left in a transaction by an error is closed rather than reused.
      client.release(open.has(client) ? true : undefined);
    }
  }
}

/** A connected database: the Drizzle handle, its kind, and how to close it. */
export interface Database {
  db: Executor;
  kind: 'pglite' | 'postgres';
  /** The raw PGlite instance (embedded mode only), for pg-boss. */
  pglite?: PGlite;
  /** The connection string (server mode only), for pg-boss. */
  url?: string;
  close(): Promise<void>;
}

// Dates come back as 'YYYY-MM-DD' strings and int8 as numbers, whatever the driver.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * A pg client that gives every parameterised query a statement name derived from its text, so
 * PostgreSQL parses and plans it once per connection instead of at every execution (Drizzle
 * sends unnamed statements). Queries without parameters keep the simple protocol, which allows
 * several statements in one string.
 */
class NamedStatementClient extends pg.Client {
  static #names = new Map<string, string>();
  /**
   * The last promise-style query sent on this connection. Code that runs queries of one
   * transaction concurrently (`Promise.all` on a `tx`) gets them run one after the other, as pg
   * always did, but queued here rather than in pg, which deprecates it (and pg 9 refuses it).
   */
  #tail: Promise<unknown> = Promise.resolve();

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const q = config as { submit?: unknown } | null;
    const promiseStyle =
      callback === undefined &&
      typeof values !== 'function' &&
      !(q && typeof q === 'object' && q.submit);
    if (!promiseStyle) return this.#send(config, values, callback);
    const run = () => this.#send(config, values, undefined) as Promise<unknown>;
    const result = this.#tail.then(run, run);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result as never;
  }

  #send(config: unknown, values?: unknown, callback?: unknown): never {
    const q = config as { text?: unknown; name?: unknown; values?: unknown[]; submit?: unknown };
    const params = Array.isArray(values) ? values : q?.values;
    if (
      q &&
      typeof q === 'object' &&
      typeof q.text === 'string' &&
      !q.name &&
      !q.submit &&
      params?.length
    ) {
      let name = NamedStatementClient.#names.get(q.text);
      if (!name) {
        name = `j_${createHash('sha1').update(q.text).digest('base64url').slice(0, 24)}`;
        NamedStatementClient.#names.set(q.text, name);
      }
      config = { ...q, name };
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

/**
 * A query built once per database handle and reused: Drizzle then skips rebuilding its SQL, and
 * PostgreSQL plans it once per connection. For the hot read paths; transactions get a fresh one.
 */
export function preparedOn<Q>(build: (db: Executor) => Q): (db: Executor) => Q {
  const cache = new WeakMap<Executor, Q>();
  return (db) => {
    let q = cache.get(db);
    if (!q) {
      q = build(db);
      cache.set(db, q);
    }
    return q;
  };
}

/** Opens PostgreSQL at `url`, or the embedded PGlite database in `dataDir` (created if absent). */
export async function openDatabase(opts: {
  url?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  pglite?: PGlite;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      Client: NamedStatementClient,
      // No JIT: Jalon's queries are short, and one badly estimated plan made PostgreSQL spend
      // seconds compiling a capacity query it then ran in milliseconds.
      options: '-c jit=off',
    });
    // An idle connection closed by the server (a restart, a terminated backend, a dropped
    // database) is dropped from the pool, which opens a new one when needed; without a
    // listener its error would end the process.
    pool.on('error', (error) => {
      console.warn(`PostgreSQL closed an idle connection (${error.message}); it will be reopened`);
    });
    const db = drizzlePg(pool) as unknown as Executor;
    return {
      db,
      kind: 'postgres',
      url: opts.url,
      close: () => pool.end(),
    };
  }
  let client = opts.pglite;
  if (!client) {
    const dir = opts.dataDir ?? './data';
    if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir === 'memory://' ? undefined : dir);
  }
  guardTransactions(client);
  const db = drizzlePglite(client) as unknown as Executor;
  const pglite = client;
  return {
    db,
    kind: 'pglite',
    pglite,
    close: () => pglite.close(),
  };
}

/** Set while a PGlite transaction runs, in the async context that opened it. */
const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
const GUARDED = Symbol('jalon.guardedTransactions');

/**
 * PGlite has one connection: a transaction holds it until it ends, and any other query waits
 * for it. Code that opened a transaction and then queries the database object (`ctx.db`)
 * instead of the transaction (`tx`) would wait for itself forever. This turns that hang into an
 * immediate error naming the mistake (PostgreSQL would run the query on another connection,
 * outside the transaction: a bug there too, only a quieter one).
 */
function guardTransactions(client: PGlite): void {
  const guarded = client as PGlite & { [GUARDED]?: true };
  if (guarded[GUARDED]) return;
  guarded[GUARDED] = true;
  const misuse = (): Error =>
    new Error(
      'a query on the database object ran inside an open transaction (use the transaction, `tx`, not `ctx.db`)',
    );
  const transaction = client.transaction.bind(client);
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  // The mark is closed when the transaction ends: work it started may query freely afterwards.
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) => {
    const mark = { open: true };
    return inTransaction.run(mark, () =>
      transaction(callback).finally(() => {
        mark.open = false;
      }),
    );
  }) as PGlite['transaction'];
  client.query = ((...args: Parameters<PGlite['query']>) => {
    if (inTransaction.getStore()?.open) return Promise.reject(misuse());
    return query(...args);
  }) as PGlite['query'];
  client.exec = ((...args: Parameters<PGlite['exec']>) => {
    if (inTransaction.getStore()?.open) return Promise.reject(misuse());
    return exec(...args);
  }) as PGlite['exec'];
}

/** Applies the committed SQL migrations, under an advisory lock so instances never race. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7140001)');
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(7140001)').catch(() => undefined);
    await client.end();
  }
}
