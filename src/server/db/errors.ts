/** True when `err` is PostgreSQL's unique violation (23505), optionally on one constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return (
    e?.code === '23505' &&
    (!constraint || e.constraint === constraint || e.message?.includes(constraint) === true)
  );
}

/** True when `err` is a foreign-key violation (23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  return findPgError(err)?.code === '23503';
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

// Drizzle wraps driver errors in `cause`; PGlite and node-postgres both carry `code`.
function findPgError(err: unknown): PgErrorLike | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = e as PgErrorLike & { cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    e = c.cause;
  }
  return undefined;
}
