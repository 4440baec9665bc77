import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Executor } from '../../db/client.ts';

/**
 * Project views (the one-query read behind `GET /projects/:id`) kept in memory, so that reading
 * a project again costs no database round trip. Correct across the API and across instances:
 *
 * - every write that can change a view (a project, its members, the name of its portfolio,
 *   programme, manager, sponsor or org unit, its sub-projects) calls `projectViewsChanged(tx)`
 *   inside its transaction, which sends a PostgreSQL NOTIFY: it is delivered to every Jalon
 *   process listening on the database when (and only if) the transaction commits, and each of
 *   them forgets all its views;
 * - the process that writes stops using its views from the moment it writes until its own
 *   notification comes back (or 5 s when the transaction rolled back), so a client never reads
 *   the state before its own write, even between the commit and the notification;
 * - a read that was in flight when a change arrived is not kept (generation check);
 * - without a live listener (not started, connection lost) nothing is cached at all.
 *
 * Another process sees a change when the notification reaches it (milliseconds), as it would
 * see a replica. Writes that bypass the repositories (a hand-written SQL edit) are not seen
 * until the next notified write or MAX_AGE_MS: seeders call `projectViewsChanged` at their end.
 */
export const CHANNEL = 'jalon_project_views';
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 20_000;
/** Project list pages are bigger (up to ~40 kB each): fewer of them. */
const MAX_LIST_ENTRIES = 1_000;
const PENDING_TIMEOUT_MS = 5_000;

interface Entry<T> {
  row: T;
  at: number;
}

interface State {
  /** Listeners currently subscribed on this database (0: cache off). */
  live: number;
  /** Project views, by project and person asking. */
  entries: Map<string, Entry<unknown>>;
  /** Pages of the project list, by who may see what and the query. */
  lists: Map<string, Entry<unknown>>;
}

const states = new WeakMap<Executor, State>();
/** Bumped on every change notification: a read started before it is not cached. */
let generation = 0;
/** Tokens of this process's writes whose notification has not come back, with their deadline. */
const pending = new Map<string, number>();
/**
 * Tokens already acted on, with when: one process may listen more than once on a database (two
 * app instances in one process, as in tests), and each listener delivers the same notification,
 * possibly much later than the first. Acting once is enough (the first delivery cleared every
 * database's views, and a read started after it saw the commit); acting again would throw away
 * pages read after the change for nothing.
 */
const seen = new Map<string, number>();
const SEEN_KEEP_MS = 60_000;

function stateOf(db: Executor): State {
  let s = states.get(db);
  if (!s) {
    s = { live: 0, entries: new Map(), lists: new Map() };
    states.set(db, s);
  }
  return s;
}

function writesPending(now: number): boolean {
  if (pending.size === 0) return false;
  for (const [token, deadline] of pending) if (deadline <= now) pending.delete(token);
  return pending.size > 0;
}

function changed(token: string | undefined) {
  if (token) {
    if (seen.has(token)) return;
    const now = Date.now();
    seen.set(token, now);
    if (seen.size > 1_000) {
      // Oldest first: a Map iterates in insertion order.
      for (const [t, at] of seen) {
        if (now - at < SEEN_KEEP_MS && seen.size <= 1_000) break;
        seen.delete(t);
      }
    }
    pending.delete(token);
  }
  generation++;
  // Every database's views: a notification names no database, and changes are rare.
  for (const db of knownDatabases) clear(states.get(db));
}

function clear(s: State | undefined) {
  s?.entries.clear();
  s?.lists.clear();
}

/** Root database handles with a live listener, to clear them all on a change. */
const knownDatabases = new Set<Executor>();

/**
 * A database nobody listens on any more. With none left, this process caches nothing, so the
 * writes still waiting for their notification (those that were under way when the listener
 * stopped: it will never come) are forgotten too — a database opened later in this process (the
 * next test file in the same worker) must not wait for them.
 */
function forget(db: Executor) {
  knownDatabases.delete(db);
  if (knownDatabases.size === 0) pending.clear();
}

/**
 * Reads through the cache: `read` runs when the view is not cached (or caching is off), and its
 * result is kept only when nothing changed meanwhile. `db` must be the root database handle.
 */
export function cachedView<T>(
  db: Executor,
  key: string,
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  return cached(db, 'entries', MAX_ENTRIES, key, read);
}

/**
 * A page of the project list through the cache, with the same guarantees as `cachedView`: the
 * list shows nothing a project view does not (the project, its portfolio, programme, manager and
 * org unit names, its sub-projects, who may see it), so the same notifications forget it. The
 * key must name everything the page depends on besides those: who may see what (everything, or
 * one person's projects) and the whole query.
 */
export function cachedList<T>(
  db: Executor,
  key: string,
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  return cached(db, 'lists', MAX_LIST_ENTRIES, key, read);
}

async function cached<T>(
  db: Executor,
  bucket: 'entries' | 'lists',
  max: number,
  key: string,
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const s = states.get(db);
  const now = Date.now();
  if (!s || s.live === 0 || writesPending(now)) return read();
  const entries = s[bucket];
  const hit = entries.get(key);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.row as T;
  const startedAt = generation;
  const row = await read();
  if (row === undefined || generation !== startedAt || s.live === 0 || writesPending(Date.now()))
    return row;
  if (entries.size >= max) {
    // Oldest first: a Map iterates in insertion order.
    for (const k of entries.keys()) {
      entries.delete(k);
      if (entries.size < max / 2) break;
    }
  }
  entries.delete(key);
  entries.set(key, { row, at: now });
  return row;
}

/**
 * Resolves once this process's writes have all had their notification back (or timed out): from
 * then on a read may be kept. For tests that check what is kept; the app never waits on it.
 */
export async function viewWritesSettled(): Promise<void> {
  while (writesPending(Date.now())) await new Promise((r) => setTimeout(r, 2));
}

/**
 * Says, inside the transaction that writes, that project views may change: every listening
 * process forgets its views when the transaction commits, and this one stops using them now.
 */
export async function projectViewsChanged(tx: Executor): Promise<void> {
  const token = randomBytes(9).toString('base64url');
  pending.set(token, Date.now() + PENDING_TIMEOUT_MS);
  generation++;
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${token})`);
}

/**
 * Subscribes this process to the change notifications of `database` and turns its cache on
 * while the subscription lives. Returns how to stop. PostgreSQL: a dedicated connection,
 * reopened after a loss (the cache is off and empty in between); PGlite: its own LISTEN.
 */
export async function listenForProjectViewChanges(
  database: Database,
): Promise<() => Promise<void>> {
  const s = stateOf(database.db);
  knownDatabases.add(database.db);
  const onChange = (payload: string | undefined) => changed(payload);
  if (database.kind === 'pglite') {
    if (!database.pglite) return async () => undefined;
    const unlisten = await database.pglite.listen(CHANNEL, onChange);
    s.live++;
    return async () => {
      s.live--;
      clear(s);
      if (s.live === 0) forget(database.db);
      await unlisten().catch(() => undefined);
    };
  }
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let up = false;
  const down = () => {
    if (up) s.live--;
    up = false;
    changed(undefined);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: database.url });
    client = c;
    c.on('notification', (msg) => {
      if (msg.channel === CHANNEL) onChange(msg.payload);
    });
    c.on('error', () => {
      // 'end' follows; a lost connection turns the cache off until the listener is back.
    });
    c.on('end', () => {
      down();
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1_000);
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    if (stopped) {
      await c.end();
      return;
    }
    changed(undefined); // what happened while nobody listened is unknown
    up = true;
    s.live++;
  };
  try {
    await connect();
  } catch {
    client?.end().catch(() => undefined);
  }
  return async () => {
    stopped = true;
    clearTimeout(retry);
    down();
    if (s.live === 0) forget(database.db);
    await client?.end().catch(() => undefined);
  };
}
