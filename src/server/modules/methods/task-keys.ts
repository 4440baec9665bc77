import { eq } from 'drizzle-orm';
import type { WbsTree } from '../../../core/methods/wbs-migration.ts';
import type { Executor } from '../../db/client.ts';
import type { TaskTreeInput } from '../planning/planning.service.ts';
import { planTaskMethodKeys } from './method.tables.ts';

/**
 * The method's stable WBS item key of the plan tasks created from a method (see
 * `core/methods/editor.ts` `withWbsKeys`): stored beside the task, so a version move matches
 * items by key and a renamed phase or task is not added again.
 */

/** Task id → its method key, for one project. */
export async function loadTaskKeys(db: Executor, projectId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ taskId: planTaskMethodKeys.taskId, key: planTaskMethodKeys.key })
    .from(planTaskMethodKeys)
    .where(eq(planTaskMethodKeys.projectId, projectId));
  return new Map(rows.map((r) => [r.taskId, r.key]));
}

/** Stores task keys (one insert; a task that has one keeps it). */
export async function saveTaskKeys(
  db: Executor,
  projectId: string,
  keys: ReadonlyMap<string, string>,
): Promise<void> {
  if (keys.size === 0) return;
  await db
    .insert(planTaskMethodKeys)
    .values([...keys].map(([taskId, key]) => ({ taskId, projectId, key })))
    .onConflictDoNothing();
}

/** The trees as tasks to insert, each with its id chosen here; `keys` gets id → method key. */
export function withIds(trees: readonly WbsTree[], keys: Map<string, string>): TaskTreeInput[] {
  return trees.map((t) => {
    const id = crypto.randomUUID();
    keys.set(id, t.key);
    return { name: t.name, duration: t.duration, id, children: withIds(t.children, keys) };
  });
}
