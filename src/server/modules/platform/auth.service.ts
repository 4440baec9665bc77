import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { GLOBAL_ROLES, type GlobalRole } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import { recordAudit } from './audit.service.ts';
import * as repo from './platform.repository.ts';

const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const; // OWASP minimum for Argon2id
const THROTTLE_WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_IP = 50;
const TOUCH_EVERY_MS = 60_000;
const SETUP_TOKEN_KEY = 'setup_token_sha256';

let dummyHash: Promise<string> | undefined;

/** Hashes a password with Argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function toActor(user: repo.UserRow): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: (GLOBAL_ROLES as readonly string[]).includes(user.role)
      ? (user.role as GlobalRole)
      : 'viewer',
    personId: user.personId,
  };
}

export interface NewSession {
  token: string;
  expiresAt: Date;
  user: repo.UserRow;
}

async function openSession(ctx: Ctx, user: repo.UserRow): Promise<NewSession> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionMaxHours * 3600_000);
  await repo.insertSession(ctx.db, sha256(token), user.id, expiresAt);
  return { token, expiresAt, user };
}

/**
 * Checks credentials and opens a new session (a fresh id at every login). Failures are counted
 * per account and per IP; past the limit, even a right password is refused until the window ends.
 */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string; ip: string },
): Promise<NewSession> {
  const accountKey = `account:${sha256(input.email)}`;
  const ipKey = `ip:${input.ip}`;
  const [accountFailures, ipFailures] = await Promise.all([
    repo.getFailures(ctx.db, accountKey, THROTTLE_WINDOW_SECONDS),
    repo.getFailures(ctx.db, ipKey, THROTTLE_WINDOW_SECONDS),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed sign-ins; try again in 15 minutes');
  }
  const user = await repo.findUserByEmail(ctx.db, input.email);
  dummyHash ??= hashPassword(newToken());
  // Verify against a dummy hash when the account does not exist, so timing does not reveal it.
  const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password).catch(
    () => false,
  );
  if (!user || !ok) {
    await repo.addFailure(ctx.db, accountKey, THROTTLE_WINDOW_SECONDS);
    await repo.addFailure(ctx.db, ipKey, THROTTLE_WINDOW_SECONDS);
    throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password');
  }
  if (user.disabled) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
  await repo.clearFailures(ctx.db, accountKey);
  return ctx.db.transaction(async (tx) => {
    const session = await openSession({ ...ctx, db: tx }, user);
    await repo.markLogin(tx, user.id);
    await recordAudit(tx, toActor(user), {
      entityType: 'user',
      entityId: user.id,
      entityLabel: user.email,
      action: 'login',
    });
    return session;
  });
}

/** The actor of a session token, or null when the session is unknown, expired or idle too long. */
/**
 * Sessions recently read, by session id, so that a burst of requests costs one query. An entry
 * lives SESSION_CACHE_MS at most; this process forgets it at once when the session ends or its
 * account changes (see `forgetSession`, `forgetUserSessions`). Another Jalon process, or a
 * direct database edit, is therefore seen within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_MAX = 10_000;
const sessionCache = new Map<string, { found: repo.SessionUser; at: number }>();

export function forgetSession(sessionId: string): void {
  sessionCache.delete(sessionId);
}

export function forgetUserSessions(userId: string): void {
  for (const [id, e] of sessionCache) if (e.found.user.id === userId) sessionCache.delete(id);
}

/** Empties the cache: what another process would see SESSION_CACHE_MS later. */
export function forgetCachedSessions(): void {
  sessionCache.clear();
}

async function findSessionCached(ctx: Ctx, id: string, now: number) {
  const hit = sessionCache.get(id);
  if (hit && now - hit.at < SESSION_CACHE_MS) return hit.found;
  const found = await repo.findSession(ctx.db, id);
  sessionCache.delete(id);
  if (!found) return undefined;
  if (sessionCache.size >= SESSION_CACHE_MAX) {
    // Oldest first: a Map iterates in insertion order.
    for (const key of sessionCache.keys()) {
      sessionCache.delete(key);
      if (sessionCache.size < SESSION_CACHE_MAX / 2) break;
    }
  }
  sessionCache.set(id, { found, at: now });
  return found;
}

export async function resolveSession(ctx: Ctx, token: string): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const id = sha256(token);
  const now = Date.now();
  const found = await findSessionCached(ctx, id, now);
  if (!found) return null;
  const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
  if (
    found.expiresAt.getTime() <= now ||
    now - found.lastSeenAt.getTime() > idleLimit ||
    found.user.disabled
  ) {
    forgetSession(id);
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  if (now - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(ctx.db, id);
    found.lastSeenAt = new Date(now);
  }
  return toActor(found.user);
}

export async function logout(ctx: Ctx, token: string, actor: Actor | null): Promise<void> {
  forgetSession(sha256(token));
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, sha256(token));
    if (actor) {
      await recordAudit(tx, actor, {
        entityType: 'user',
        entityId: actor.userId,
        entityLabel: actor.email,
        action: 'logout',
      });
    }
  });
}

/** True while no active administrator exists: the first admin must still be created. */
export async function setupNeeded(ctx: Ctx): Promise<boolean> {
  return (await repo.countAdmins(ctx.db)) === 0;
}

/** Issues a new one-time setup token (only its hash is stored); null when setup is done. */
export async function issueSetupToken(ctx: Ctx): Promise<string | null> {
  if (!(await setupNeeded(ctx))) {
    await repo.deleteSetting(ctx.db, SETUP_TOKEN_KEY);
    return null;
  }
  const token = newToken();
  await repo.putSetting(ctx.db, SETUP_TOKEN_KEY, sha256(token));
  return token;
}

/** Creates the first admin from the one-time setup token, then burns the token. */
export async function completeSetup(
  ctx: Ctx,
  input: { token: string; email: string; name: string; password: string },
): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    if ((await repo.countAdmins(tx)) > 0) {
      throw new DomainError('SETUP_ALREADY_DONE', 'Jalon already has an administrator');
    }
    const stored = await repo.getSetting<string>(tx, SETUP_TOKEN_KEY);
    const given = Buffer.from(sha256(input.token));
    if (!stored || stored.length !== given.length || !timingSafeEqual(Buffer.from(stored), given)) {
      throw new DomainError('SETUP_TOKEN_INVALID', 'This setup link is not valid any more');
    }
    await repo.deleteSetting(tx, SETUP_TOKEN_KEY);
    const user = await repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      role: 'admin',
      passwordHash,
    });
    const actor = toActor(user);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: user.id,
      entityLabel: user.email,
      action: 'create',
      after: { email: user.email, name: user.name, role: user.role },
    });
    return openSession({ ...ctx, db: tx }, user);
  });
}
