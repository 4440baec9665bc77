import type { Plan, PlanChange, PlanLink, PlanTask } from '../../../contracts/planning.ts';

/** Compares outline numbers segment by segment: `1.2` < `1.10` < `2`. */
export function compareWbs(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

function mergeById<T extends { id: string }>(items: T[], changed: T[], removed: string[]): T[] {
  if (changed.length === 0 && removed.length === 0) return items;
  const gone = new Set(removed);
  const updates = new Map(changed.map((item) => [item.id, item]));
  const merged: T[] = [];
  for (const item of items) {
    if (gone.has(item.id)) continue;
    const update = updates.get(item.id);
    merged.push(update ?? item);
    if (update) updates.delete(item.id);
  }
  for (const item of updates.values()) if (!gone.has(item.id)) merged.push(item);
  return merged;
}

/**
 * The plan once an edit's `PlanChange` is applied: changed tasks and links replaced, moved
 * tasks given their new schedule, new ones added, removed ones dropped, tasks kept in outline order (a move renumbers the tasks after it,
 * and the server sends them all), the span and the critical path replaced.
 */
export function applyPlanChange(plan: Plan, change: PlanChange): Plan {
  let tasks: PlanTask[] = mergeById(plan.tasks, change.tasks, change.removedTaskIds);
  if (change.schedules.length > 0) {
    const moved = new Map(change.schedules.map((m) => [m.id, m.schedule]));
    tasks = tasks.map((task) => {
      const schedule = moved.get(task.id);
      return schedule ? { ...task, schedule } : task;
    });
  }
  if (change.tasks.length > 0) {
    const sorted = isSortedByWbs(tasks);
    if (!sorted) tasks = [...tasks].sort((a, b) => compareWbs(a.wbs, b.wbs));
  }
  const links: PlanLink[] = mergeById(plan.links, change.links, change.removedLinkIds);
  return {
    ...plan,
    tasks,
    links,
    projectStart: change.projectStart,
    projectFinish: change.projectFinish,
    criticalPath: change.criticalPath,
  };
}

function isSortedByWbs(tasks: PlanTask[]): boolean {
  for (let i = 1; i < tasks.length; i++) {
    if (compareWbs(tasks[i - 1]!.wbs, tasks[i]!.wbs) > 0) return false;
  }
  return true;
}
