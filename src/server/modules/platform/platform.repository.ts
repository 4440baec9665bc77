import { and, asc, eq, gt, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { type Executor, preparedOn } from '../../db/client.ts';
import { loginAttempts, sessions, settings, users } from './platform.tables.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n ?? 0);
}

export async function countAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  return Number(row?.n ?? 0);
}

export async function listUsers(
  db: Executor,
  opts: {
    q?: string | undefined;
    role?: string | undefined;
    after?: [string, string];
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [
    opts.q ? or(ilike(users.name, `%${opts.q}%`), ilike(users.email, `%${opts.q}%`)) : undefined,
    opts.role ? eq(users.role, opts.role) : undefined,
    opts.after
      ? or(
          gt(users.email, opts.after[0]),
          and(eq(users.email, opts.after[0]), gt(users.id, opts.after[1])),
        )
      : undefined,
  ];
  return db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.email), asc(users.id))
    .limit(opts.limit);
}

export async function insertUser(
  db: Executor,
  values: typeof users.$inferInsert,
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** Records a sign-in: bookkeeping, not an edit, so the version does not change. */
export async function markLogin(db: Executor, id: string) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, id));
}

/** Updates a user if it is still at `version`; undefined when the version is stale or the user gone. */
export async function updateUser(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export interface SessionUser {
  sessionId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  user: UserRow;
}

const findSessionQuery = preparedOn((db) =>
  db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('find_session'),
);

/** The session with this id and its user, in one query. */
export async function findSession(
  db: Executor,
  sessionId: string,
): Promise<SessionUser | undefined> {
  const [row] = await findSessionQuery(db).execute({ id: sessionId });
  if (!row) return undefined;
  return {
    sessionId: row.s.id,
    lastSeenAt: row.s.lastSeenAt,
    expiresAt: row.s.expiresAt,
    user: row.u,
  };
}

export async function insertSession(db: Executor, id: string, userId: string, expiresAt: Date) {
  await db.insert(sessions).values({ id, userId, expiresAt });
}

export async function touchSession(db: Executor, id: string) {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Executor, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Executor, idleMinutes: number): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, sql`now()`),
        lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Failures recorded for `key` in the current window (a window restarts after `windowSeconds`). */
export async function getFailures(
  db: Executor,
  key: string,
  windowSeconds: number,
): Promise<number> {
  const [row] = await db
    .select({ failures: loginAttempts.failures })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.key, key),
        gt(loginAttempts.windowStart, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
    );
  return row?.failures ?? 0;
}

export async function addFailure(db: Executor, key: string, windowSeconds: number) {
  await db.execute(sql`
    insert into login_attempts (key, window_start, failures) values (${key}, now(), 1)
    on conflict (key) do update set
      failures = case when login_attempts.window_start > now() - make_interval(secs => ${windowSeconds})
                      then login_attempts.failures + 1 else 1 end,
      window_start = case when login_attempts.window_start > now() - make_interval(secs => ${windowSeconds})
                          then login_attempts.window_start else now() end`);
}

export async function clearFailures(db: Executor, key: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown) {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

export async function deleteSetting(db: Executor, key: string) {
  await db.delete(settings).where(eq(settings.key, key));
}
