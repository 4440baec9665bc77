// The plans of many projects at once, for portfolio leveling: four statements whatever the
// number of projects (settings, leaf tasks with their stored schedule, links, assignments),
// one after the other on the same executor — no query per project.
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export interface LeafTask {
  id: string;
  wbs: string;
  name: string;
  milestone: boolean;
  /** Working days, as planned. */
  duration: number;
  /** The stored schedule (YYYY-MM-DD). */
  start: string;
  finish: string;
  totalFloat: number | null;
  /** Started, or pinned by a "must start/finish on" constraint: keeps its dates. */
  fixed: boolean;
}

export interface ProjectPlan {
  projectFinish: string | null;
  /** Leaf tasks (no summaries), by WBS. */
  tasks: LeafTask[];
  links: { fromTaskId: string; toTaskId: string; type: 'FS' | 'SS' | 'FF' | 'SF'; lag: number }[];
  assignments: { taskId: string; personId: string; effortHours: number }[];
}

/** The plans of `projectIds` (the caller checked the actor may see them). */
export async function readPlans(
  db: Executor,
  projectIds: readonly string[],
): Promise<Map<string, ProjectPlan>> {
  const out = new Map<string, ProjectPlan>();
  if (projectIds.length === 0) return out;
  for (const id of projectIds)
    out.set(id, { projectFinish: null, tasks: [], links: [], assignments: [] });
  const ids = sql`${`{${projectIds.join(',')}}`}::uuid[]`;
  const settings = await queryRows<{ p: string; f: string | null }>(
    db,
    sql`select project_id as p, project_finish::text as f from plan_settings
        where project_id = any(${ids})`,
  );
  for (const s of settings) out.get(s.p)!.projectFinish = s.f;
  const tasks = await queryRows<{
    p: string;
    id: string;
    wbs: string;
    name: string;
    duration: number;
    start: string;
    finish: string;
    tf: number | null;
    fixed: boolean;
  }>(
    db,
    sql`select project_id as p, id, wbs, name, duration, start::text as start,
               finish::text as finish, total_float as tf,
               (actual_start is not null or percent_complete > 0
                or coalesce(constraint_type in ('MSO', 'MFO'), false)) as fixed
        from plan_tasks
        where project_id = any(${ids}) and not is_summary
          and start is not null and finish is not null
        order by project_id, wbs, position`,
  );
  for (const t of tasks) {
    out.get(t.p)!.tasks.push({
      id: t.id,
      wbs: t.wbs,
      name: t.name,
      milestone: Number(t.duration) === 0,
      duration: Number(t.duration),
      start: t.start,
      finish: t.finish,
      totalFloat: t.tf === null ? null : Number(t.tf),
      fixed: t.fixed === true,
    });
  }
  const links = await queryRows<{ p: string; f: string; t: string; k: string; lag: number }>(
    db,
    sql`select project_id as p, from_task_id as f, to_task_id as t, type as k, lag
        from plan_links where project_id = any(${ids})`,
  );
  for (const l of links) {
    out.get(l.p)!.links.push({
      fromTaskId: l.f,
      toTaskId: l.t,
      type: l.k as 'FS' | 'SS' | 'FF' | 'SF',
      lag: Number(l.lag),
    });
  }
  const assignments = await queryRows<{ p: string; t: string; w: string; e: number }>(
    db,
    sql`select project_id as p, task_id as t, person_id as w, effort_hours as e
        from resource_task_assignments where project_id = any(${ids})
        order by created_at, id`,
  );
  for (const a of assignments) {
    out.get(a.p)!.assignments.push({ taskId: a.t, personId: a.w, effortHours: Number(a.e) });
  }
  return out;
}
