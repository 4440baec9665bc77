import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AuditAction,
  AuditEntity,
  AuditEvent,
  AuditListQuery,
} from '../../../contracts/audit.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import type { Executor } from '../../db/client.ts';
import { auditEvents } from './platform.tables.ts';

type Entity = z.infer<typeof AuditEntity>;
type Action = z.infer<typeof AuditAction>;

export interface AuditInput {
  entityType: Entity;
  entityId: string;
  entityLabel: string;
  projectId?: string | null;
  action: Action;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const IGNORED_FIELDS = new Set(['version', 'updatedAt', 'createdAt', 'passwordHash']);

/** The fields that differ between two states of a record, with their values before and after. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of keys) {
    if (IGNORED_FIELDS.has(key)) continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

/** Appends an audit event in the caller's transaction. Updates that change nothing are not recorded. */
export async function recordAudit(tx: Executor, actor: Actor | null, input: AuditInput) {
  const changes = diffFields(input.before, input.after);
  if (input.action === 'update' && Object.keys(changes).length === 0) return;
  await tx.insert(auditEvents).values({
    // Seeding and jobs act as the system, which is no user.
    actorId: actor && actor.userId !== 'system' ? actor.userId : null,
    actorName: actor?.name ?? null,
    entityType: input.entityType,
    entityId: input.entityId,
    entityLabel: input.entityLabel,
    projectId: input.projectId ?? null,
    action: input.action,
    changes,
  });
}

/** Appends several audit events in one statement per thousand (bulk actions), in the caller's transaction. */
export async function recordAudits(
  tx: Executor,
  actor: Actor | null,
  inputs: readonly AuditInput[],
) {
  const rows = inputs.flatMap((input) => {
    const changes = diffFields(input.before, input.after);
    if (input.action === 'update' && Object.keys(changes).length === 0) return [];
    return [
      {
        actorId: actor && actor.userId !== 'system' ? actor.userId : null,
        actorName: actor?.name ?? null,
        entityType: input.entityType,
        entityId: input.entityId,
        entityLabel: input.entityLabel,
        projectId: input.projectId ?? null,
        action: input.action,
        changes,
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 1000)
    await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
}

type Row = typeof auditEvents.$inferSelect;

function toEvent(r: Row): AuditEvent {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
    entityType: r.entityType as Entity,
    entityId: r.entityId,
    entityLabel: r.entityLabel,
    projectId: r.projectId,
    action: r.action as Action,
    changes: r.changes as AuditEvent['changes'],
  };
}

/** Lists audit events, newest first, with keyset pagination. */
export async function listAuditEvents(
  db: Executor,
  query: z.infer<typeof AuditListQuery> & { projectId?: string },
) {
  const where: (SQL | undefined)[] = [
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.projectId ? eq(auditEvents.projectId, query.projectId) : undefined,
    query.from ? gte(auditEvents.at, new Date(`${query.from}T00:00:00Z`)) : undefined,
    query.to ? lt(auditEvents.at, sql`${query.to}::date + 1`) : undefined,
  ];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2);
    const atDate = new Date(String(at));
    where.push(
      or(
        lt(auditEvents.at, atDate),
        and(eq(auditEvents.at, atDate), lt(auditEvents.id, String(id))),
      ),
    );
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toEvent),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
  };
}

/** Deletes audit events older than the retention period; returns how many. */
export async function purgeAuditEvents(db: Executor, retentionDays: number): Promise<number> {
  const deleted = await db
    .delete(auditEvents)
    .where(lt(auditEvents.at, sql`now() - make_interval(days => ${retentionDays})`))
    .returning({ id: auditEvents.id });
  return deleted.length;
}
