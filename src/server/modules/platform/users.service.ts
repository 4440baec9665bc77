import type { z } from 'zod';
import type { Me, PreferencesBody } from '../../../contracts/auth.ts';
import type {
  CreateUserBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '../../../contracts/users.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { PERMISSIONS, roleGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from './audit.service.ts';
import { forgetUserSessions, hashPassword, toActor } from './auth.service.ts';
import * as repo from './platform.repository.ts';

export function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: toActor(row).role,
    personId: row.personId,
    locale: row.locale === 'fr' || row.locale === 'en' ? row.locale : null,
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

const auditable = (u: repo.UserRow) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  personId: u.personId,
  disabled: u.disabled,
});

/** The signed-in user with the permissions of their role, for the web app. */
export async function getMe(ctx: Ctx, actor: Actor): Promise<Me> {
  const row = await repo.findUserById(ctx.db, actor.userId);
  if (!row) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: actor.role,
    personId: row.personId,
    locale: row.locale === 'fr' || row.locale === 'en' ? row.locale : null,
    theme: row.theme === 'light' || row.theme === 'dark' ? row.theme : 'auto',
    permissions: PERMISSIONS.filter((p) => roleGrants(actor.role, p)),
  };
}

/** Remembers the user's language and theme (preferences are not versioned edits). */
export async function setPreferences(
  ctx: Ctx,
  actor: Actor,
  prefs: z.infer<typeof PreferencesBody>,
): Promise<Me> {
  const row = await repo.findUserById(ctx.db, actor.userId);
  if (!row) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  await repo.updateUser(ctx.db, row.id, row.version, {
    ...(prefs.locale ? { locale: prefs.locale } : {}),
    ...(prefs.theme ? { theme: prefs.theme } : {}),
  });
  return getMe(ctx, actor);
}

export async function listUsers(ctx: Ctx, query: z.infer<typeof UserListQuery>) {
  const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
  const rows = await repo.listUsers(ctx.db, {
    q: query.q,
    role: query.role,
    ...(after ? { after } : {}),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toUser),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.email, last.id]) : null,
  };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw new DomainError('USER_NOT_FOUND', `No user ${id}`);
  return toUser(row);
}

/** Creates an account (admin API and `jalon user create`). */
export async function createUser(
  ctx: Ctx,
  actor: Actor | null,
  input: z.infer<typeof CreateUserBody>,
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertUser(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        personId: input.personId ?? null,
        passwordHash,
      });
      await recordAudit(tx, actor, {
        entityType: 'user',
        entityId: row.id,
        entityLabel: row.email,
        action: 'create',
        after: auditable(row),
      });
      return toUser(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_key')) {
      throw new DomainError('DUPLICATE_EMAIL', `An account already uses ${input.email}`, {
        issues: [{ path: ['body', 'email'], message: 'Already used by another account' }],
      });
    }
    if (isUniqueViolation(err, 'users_person_key')) {
      throw new DomainError('CONFLICT', 'This person already has an account', {
        issues: [{ path: ['body', 'personId'], message: 'Already linked to another account' }],
      });
    }
    throw err;
  }
}

/** Changes an account at the version the caller saw; disabling it ends its sessions. */
export async function updateUser(
  ctx: Ctx,
  actor: Actor | null,
  id: string,
  version: number,
  input: z.infer<typeof UpdateUserBody>,
): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, id);
    if (!before) throw new DomainError('USER_NOT_FOUND', `No user ${id}`);
    if (
      actor &&
      actor.userId === id &&
      (input.disabled || (input.role && input.role !== 'admin'))
    ) {
      throw new DomainError(
        'CONFLICT',
        'You cannot disable yourself or remove your own admin role',
      );
    }
    const after = await repo.updateUser(tx, id, version, input);
    if (!after) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this account', {
        current: toUser(before),
      });
    }
    // Role, person or status may have changed: the next request reads the account again.
    forgetUserSessions(id);
    if (after.disabled) await repo.deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: id,
      entityLabel: after.email,
      action: 'update',
      before: auditable(before),
      after: auditable(after),
    });
    return toUser(after);
  });
}

export async function findUserByEmail(ctx: Ctx, email: string) {
  const row = await repo.findUserByEmail(ctx.db, email.trim().toLowerCase());
  return row ? toUser(row) : undefined;
}

/** Sets a new password and ends the account's sessions. */
export async function setPassword(ctx: Ctx, actor: Actor, id: string, password: string) {
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const user = await repo.findUserById(tx, id);
    if (!user) throw new DomainError('USER_NOT_FOUND', `No user ${id}`);
    await repo.updateUser(tx, id, user.version, { passwordHash });
    forgetUserSessions(id);
    await repo.deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: id,
      entityLabel: user.email,
      action: 'update',
      before: { password: '••••' },
      after: { password: '(changed)' },
    });
  });
}
