import type { PlanTask } from '../../../contracts/planning.ts';

/** Where a task goes in the outline: the body of `POST …/tasks/:taskId/move`. */
export interface OutlineMove {
  parentId: string | null;
  afterTaskId: string | null;
}

type Outline = Pick<PlanTask, 'id' | 'parentId'>;

function siblingsOf(tasks: readonly Outline[], parentId: string | null): Outline[] {
  return tasks.filter((t) => t.parentId === parentId);
}

/** Indent: the task becomes the last child of its previous sibling (null when it has none). */
export function indentMove(tasks: readonly Outline[], id: string): OutlineMove | null {
  const task = tasks.find((t) => t.id === id);
  if (!task) return null;
  const siblings = siblingsOf(tasks, task.parentId);
  const index = siblings.findIndex((t) => t.id === id);
  const previous = siblings[index - 1];
  if (!previous) return null;
  const children = siblingsOf(tasks, previous.id);
  return { parentId: previous.id, afterTaskId: children[children.length - 1]?.id ?? null };
}

/** Outdent: the task comes right after its parent, at the parent's level (null at the top). */
export function outdentMove(tasks: readonly Outline[], id: string): OutlineMove | null {
  const task = tasks.find((t) => t.id === id);
  if (!task || task.parentId === null) return null;
  const parent = tasks.find((t) => t.id === task.parentId);
  if (!parent) return null;
  return { parentId: parent.parentId, afterTaskId: parent.id };
}

/** Move up: before its previous sibling (null when it is the first). */
export function moveUpMove(tasks: readonly Outline[], id: string): OutlineMove | null {
  const task = tasks.find((t) => t.id === id);
  if (!task) return null;
  const siblings = siblingsOf(tasks, task.parentId);
  const index = siblings.findIndex((t) => t.id === id);
  if (index < 1) return null;
  return { parentId: task.parentId, afterTaskId: siblings[index - 2]?.id ?? null };
}

/** Move down: after its next sibling (null when it is the last). */
export function moveDownMove(tasks: readonly Outline[], id: string): OutlineMove | null {
  const task = tasks.find((t) => t.id === id);
  if (!task) return null;
  const siblings = siblingsOf(tasks, task.parentId);
  const index = siblings.findIndex((t) => t.id === id);
  const next = siblings[index + 1];
  if (index < 0 || !next) return null;
  return { parentId: task.parentId, afterTaskId: next.id };
}

/**
 * The rows to show when some summaries are collapsed: every task whose ancestors are all open.
 * Tasks arrive in outline order, so one pass with a stack of open levels is enough.
 */
export function visibleTasks<T extends Pick<PlanTask, 'id' | 'level'>>(
  tasks: readonly T[],
  collapsed: ReadonlySet<string>,
): T[] {
  if (collapsed.size === 0) return tasks as T[];
  const rows: T[] = [];
  let hiddenBelow = Infinity;
  for (const task of tasks) {
    if (task.level > hiddenBelow) continue;
    hiddenBelow = Infinity;
    rows.push(task);
    if (collapsed.has(task.id)) hiddenBelow = task.level;
  }
  return rows;
}
