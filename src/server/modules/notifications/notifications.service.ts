import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Notification } from '../../../contracts/notifications.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { notifications } from './notifications.tables.ts';

type Scalar = string | number | boolean | null;

/** What a module sends: to a user or to the person behind an account, a kind, data to word it. */
export interface NotificationInput {
  userId?: string;
  personId?: string;
  /** e.g. `time.reminder.missing`; the web app words `notifications.kinds.<kind>`. */
  kind: string;
  entity?: { type: string; id: string | null } | null;
  data?: Record<string, Scalar>;
  /** Makes the notification idempotent per user (a job run twice notifies once). */
  dedupeKey?: string;
}

/**
 * Sends notifications in the caller's transaction, set-wise (one statement for all). A
 * `personId` without an account is skipped. Returns how many were created (duplicates by
 * `dedupeKey` are not).
 */
export async function notify(
  db: Executor,
  inputs: NotificationInput | readonly NotificationInput[],
) {
  const list = Array.isArray(inputs) ? inputs : [inputs as NotificationInput];
  if (list.length === 0) return 0;
  const payload = JSON.stringify(
    list.map((n) => ({
      user_id: n.userId ?? null,
      person_id: n.personId ?? null,
      kind: n.kind,
      entity_type: n.entity?.type ?? null,
      entity_id: n.entity?.id ?? null,
      data: n.data ?? {},
      dedupe_key: n.dedupeKey ?? null,
    })),
  );
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into notifications (user_id, kind, entity_type, entity_id, data, dedupe_key)
        select coalesce(x.user_id, u.id), x.kind, x.entity_type, x.entity_id, x.data, x.dedupe_key
        from jsonb_to_recordset(${payload}::jsonb) as x(user_id uuid, person_id uuid, kind text,
               entity_type text, entity_id uuid, data jsonb, dedupe_key text)
        left join users u on x.user_id is null and u.person_id = x.person_id
        where coalesce(x.user_id, u.id) is not null
        on conflict (user_id, dedupe_key) do nothing
        returning id`,
  );
  return rows.length;
}

const toNotification = (r: typeof notifications.$inferSelect): Notification => ({
  id: r.id,
  kind: r.kind,
  entity: r.entityType ? { type: r.entityType, id: r.entityId } : null,
  data: r.data as Record<string, Scalar>,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt ? r.readAt.toISOString() : null,
});

async function unreadCount(db: Executor, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The signed-in user's latest notifications and how many are unread. */
export async function listMyNotifications(ctx: Ctx, actor: Actor, limit: number) {
  const [rows, unread] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, actor.userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    unreadCount(ctx.db, actor.userId),
  ]);
  return { items: rows.map(toNotification), unread };
}

/** Marks some (or all) of the user's notifications read; returns the unread count left. */
export async function markRead(ctx: Ctx, actor: Actor, ids: readonly string[] | undefined) {
  await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, actor.userId),
        isNull(notifications.readAt),
        ids ? sql`${notifications.id} = any(${`{${ids.join(',')}}`}::uuid[])` : undefined,
      ),
    );
  return { unread: await unreadCount(ctx.db, actor.userId) };
}
