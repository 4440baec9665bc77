import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import { mondayOfDate, shiftWeek, weekDates } from '../../core/time/timesheet.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { runTimeReminders } from '../modules/time/time.reminders.ts';
import {
  bulkApprove,
  createLock,
  getSettings,
  listActivities,
  listPending,
  rejectTimesheet,
  submitMyTimesheet,
  updateSettings,
  saveMyTimesheet,
} from '../modules/time/time.service.ts';
import { DEMO_TODAY } from './demo-planning.ts';

// The demo timesheets: six weeks of CRA for the people working on the running projects (the
// demo accounts among them), through the time services so every rule applies. October is
// approved and closed; early November approved (one week rejected with a comment); last week
// submitted and waiting for the project managers (Thomas Bernard among them); this week left
// for people to fill. The approval rule is "per project manager", so a project manager sees
// the lines of their projects. Reminders then run once, so the bell shows the late weeks.

const WEEKS = 6;
const DAY = 7.5;

/** A small deterministic generator, so the demo is the same on every start. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Worker {
  personId: string;
  name: string;
  projects: { id: string; code: string }[];
}

export async function seedDemoTime(
  ctx: Ctx,
  system: Actor,
  people: { thomas: string; julie: string; claire: string },
) {
  const settings = await getSettings(ctx);
  await updateSettings(ctx, system, settings.version, { approverPolicy: 'project_manager' });
  const activities = new Map((await listActivities(ctx)).items.map((a) => [a.code, a.id]));

  // Who works on the running projects: members, managers; the demo accounts first.
  const rows = await queryRows<{ personId: string; name: string; projectId: string; code: string }>(
    ctx.db,
    sql`select pe.id as "personId", pe.first_name || ' ' || pe.last_name as name, p.id as "projectId", p.code
        from projects p
        join lateral (select m.person_id from project_members m where m.project_id = p.id and m.role = 'contributor'
                      union select p.manager_id where p.manager_id is not null) w(person_id) on true
        join people pe on pe.id = w.person_id
        where p.status = 'active' and p.archived_at is null
        order by p.code, pe.last_name`,
  );
  const byPerson = new Map<string, Worker>();
  for (const r of rows) {
    const w = byPerson.get(r.personId) ?? { personId: r.personId, name: r.name, projects: [] };
    if (w.projects.length < 3) w.projects.push({ id: r.projectId, code: r.code });
    byPerson.set(r.personId, w);
  }
  const first = [people.julie, people.thomas];
  const workers = [
    ...first.flatMap((id) => (byPerson.has(id) ? [byPerson.get(id)!] : [])),
    ...[...byPerson.values()].filter((w) => !first.includes(w.personId)).slice(0, 22),
  ];

  // Leaf tasks running each week, per project: lines on tasks make the plan's actuals.
  const thisWeek = mondayOfDate(DEMO_TODAY);
  const firstWeek = shiftWeek(thisWeek, -WEEKS);
  const tasks = await queryRows<{ id: string; projectId: string; start: string; finish: string }>(
    ctx.db,
    sql`select id, project_id as "projectId", start, finish from plan_tasks
        where not is_summary and duration > 0 and start <= ${thisWeek} and finish >= ${firstWeek}
        order by project_id, wbs`,
  );
  const taskFor = (projectId: string, monday: string) => {
    const sunday = weekDates(monday)[6]!;
    return (
      tasks.find((t) => t.projectId === projectId && t.start <= sunday && t.finish >= monday)?.id ??
      null
    );
  };

  const rand = random(20261126);
  const sheets: { personId: string; week: string; id: string; version: number }[] = [];
  for (const w of workers) {
    const actor: Actor = { ...system, name: w.name, role: 'member', personId: w.personId };
    for (let k = WEEKS; k >= 1; k--) {
      const week = shiftWeek(thisWeek, -k);
      // Thomas has not submitted last week yet: the reminder will find it late.
      const lastWeek = k === 1;
      const dates = weekDates(week);
      const lines = new Map<
        string,
        {
          projectId: string | null;
          taskId: string | null;
          activityId: string | null;
          hours: number[];
        }
      >();
      const add = (
        key: string,
        target: { projectId?: string; taskId?: string | null; activityId?: string },
        day: number,
        h: number,
      ) => {
        const line = lines.get(key) ?? {
          projectId: target.projectId ?? null,
          taskId: target.taskId ?? null,
          activityId: target.activityId ?? null,
          hours: [0, 0, 0, 0, 0, 0, 0],
        };
        line.hours[day] = Math.round((line.hours[day]! + h) * 100) / 100;
        lines.set(key, line);
      };
      const offDay = rand() < 0.25 ? Math.floor(rand() * 5) : -1;
      const trainingDay = rand() < 0.12 ? Math.floor(rand() * 5) : -1;
      for (let d = 0; d < 5; d++) {
        // 11 November is a public holiday: nothing to declare.
        if (dates[d] === '2026-11-11') continue;
        if (d === offDay) {
          add('conges', { activityId: activities.get(rand() < 0.5 ? 'CONGES' : 'RTT')! }, d, DAY);
          continue;
        }
        if (d === trainingDay) {
          add('formation', { activityId: activities.get('FORMATION')! }, d, DAY);
          continue;
        }
        let left = DAY;
        if (d === 0) {
          add('reunion', { activityId: activities.get('REUNION')! }, d, 1);
          left -= 1;
        }
        const n = w.projects.length;
        w.projects.forEach((p, i) => {
          const share = i === n - 1 ? left : Math.round((left / n) * 2) / 2;
          left -= share;
          const taskId = taskFor(p.id, week);
          add(`${p.id}:${taskId ?? ''}`, { projectId: p.id, taskId }, d, share);
        });
      }
      const body = { lines: [...lines.values()] };
      if (lastWeek && w.personId === people.thomas) {
        await saveMyTimesheet(ctx, actor, week, 0, body);
        continue;
      }
      const sheet = await submitMyTimesheet(ctx, actor, week, 0, body);
      sheets.push({ personId: w.personId, week, id: sheet.id!, version: sheet.version });
    }
  }

  // Everything before last week is decided by the PMO (who approves every sheet), except one
  // week that Thomas rejects; last week stays with the project managers.
  const lastWeek = shiftWeek(thisWeek, -1);
  const claire: Actor = { ...system, name: 'Claire Martin', role: 'pmo', personId: people.claire };
  const thomas: Actor = {
    ...system,
    name: 'Thomas Bernard',
    role: 'member',
    personId: people.thomas,
  };
  const twoWeeksAgo = shiftWeek(thisWeek, -2);
  const pendingForThomas = (await listPending(ctx, thomas)).items;
  const toReject = pendingForThomas.find(
    (p) => p.weekStart === twoWeeksAgo && p.person.id !== people.julie,
  );
  if (toReject) {
    await rejectTimesheet(
      ctx,
      thomas,
      toReject.id,
      toReject.version,
      'Mercredi 18 : la réunion de lancement était sur le projet, pas en interne. Merci de corriger.',
    );
  }
  const older = sheets.filter((s) => s.week < lastWeek && s.id !== toReject?.id);
  // The versions moved with partial decisions: read them again from the pending list.
  const current = new Map((await listPending(ctx, claire)).items.map((p) => [p.id, p.version]));
  await bulkApprove(
    ctx,
    claire,
    older.flatMap((s) => (current.has(s.id) ? [{ id: s.id, version: current.get(s.id)! }] : [])),
    undefined,
  );
  await createLock(ctx, claire, {
    from: '2026-10-01',
    to: '2026-10-31',
    label: 'Clôture d’octobre 2026',
  });
  await runTimeReminders(ctx, DEMO_TODAY);
  return { timesheets: sheets.length + 1 };
}
