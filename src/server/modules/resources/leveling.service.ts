import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  ApplyLevelingBody,
  LevelingApplied,
  LevelingBody,
  LevelingPreview,
} from '../../../contracts/capacity.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { WorkCalendar, WorkingDayIndex } from '../../../core/calendar/work-calendar.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { type LevelTask, level } from '../../../core/resources/leveling.ts';
import type { Ctx } from '../../context.ts';
import { applyTaskUpdates, getPlan } from '../planning/planning.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { calendarSpec } from '../planning/planning.schedule.ts';
import { dailyAvailability, workdayMasks } from './capacity.service.ts';
import { peopleBriefs } from '../org/org.service.ts';
import * as repo from './resources.repository.ts';

/** Working days a task may be pushed looking for room (about two years). */
const MAX_DELAY = 520;

/**
 * What leveling the plan of a project would do: its leaf tasks are delayed, never advanced,
 * until none of its people is over-allocated (their working week, absences and the load of
 * their other projects counted), keeping the links. Nothing is saved.
 */
export async function previewLeveling(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: z.infer<typeof LevelingBody>,
): Promise<LevelingPreview> {
  const plan = await getPlan(ctx, actor, projectId);
  const leaves = plan.tasks.filter((t) => t.kind !== 'summary');
  const empty = (fingerprint: string): LevelingPreview => ({
    projectId,
    moves: [],
    overBefore: 0,
    overAfter: 0,
    unresolved: [],
    projectFinishBefore: plan.projectFinish,
    projectFinishAfter: plan.projectFinish,
    people: 0,
    tasks: leaves.length,
    fingerprint,
  });
  if (leaves.length === 0) return empty('empty');
  const first = Math.min(...leaves.map((t) => toEpochDay(t.schedule.start)));
  const last = Math.max(...leaves.map((t) => toEpochDay(t.schedule.finish)));
  const y0 = Number(fromEpochDay(first).slice(0, 4));
  const y1 = Number(fromEpochDay(last).slice(0, 4)) + Math.ceil(MAX_DELAY / 250) + 1;
  const calendar = new WorkCalendar(calendarSpec(plan.settings.calendar, y0 - 1, y1));
  const days = new WorkingDayIndex(calendar, first);
  const index = new Map(leaves.map((t, i) => [t.id, i]));
  const assignments = await repo.listAssignments(ctx.db, projectId);
  const personIds = [...new Set(assignments.map((a) => a.personId))];
  if (personIds.length === 0) return empty('no-people');
  const personIndex = new Map(personIds.map((id, i) => [id, i]));

  const tasks: LevelTask[] = leaves.map((t) => ({
    start: days.indexOnOrAfter(toEpochDay(t.schedule.start)),
    duration: t.kind === 'milestone' ? 0 : t.duration,
    totalFloat: t.schedule.totalFloat,
    priority: 0,
    demands: [],
    fixed:
      t.actualStart !== null ||
      t.percentComplete > 0 ||
      t.constraint?.type === 'MSO' ||
      t.constraint?.type === 'MFO',
  }));
  for (const a of assignments) {
    const i = index.get(a.taskId);
    if (i === undefined) continue;
    const t = tasks[i]!;
    if (t.duration <= 0 || a.effortHours <= 0) continue;
    (t.demands as { resource: number; hoursPerDay: number }[]).push({
      resource: personIndex.get(a.personId)!,
      hoursPerDay: a.effortHours / t.duration,
    });
  }
  const links = plan.links
    .filter((l) => !l.fromProject && index.has(l.fromTaskId) && index.has(l.toTaskId))
    .map((l) => ({
      from: index.get(l.fromTaskId)!,
      to: index.get(l.toTaskId)!,
      type: l.type,
      lag: l.lag,
    }));

  // Hours left each working day, from the first task's start to the horizon.
  const horizon = Math.max(...tasks.map((t) => t.start + t.duration)) + MAX_DELAY;
  const span = days.span(0, horizon);
  const fromDay = span[0]!;
  const toDay = span[span.length - 1]! + 1;
  const available = await dailyAvailability(
    ctx.db,
    personIds,
    fromDay,
    toDay,
    projectId,
    body.includeSoft,
  );
  const capacity = personIds.map((id) => {
    const daily = available.get(id);
    const row = new Float64Array(span.length);
    if (daily) for (let k = 0; k < span.length; k++) row[k] = daily[span[k]! - fromDay]!;
    return row;
  });

  // Each person's effort goes on the days they work (a part-timer's day off asks nothing).
  const workdays = await workdayMasks(ctx.db, personIds, span);
  const result = level({ tasks, links, capacity, workdays, maxDelay: MAX_DELAY });
  const people = await peopleBriefs(ctx.db, personIds);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const ref = (i: number) => ({ id: leaves[i]!.id, wbs: leaves[i]!.wbs, name: leaves[i]!.name });
  const date = (k: number) => fromEpochDay(days.dayOf(k));
  let finish = -Infinity;
  tasks.forEach((t, i) => {
    const s = result.starts[i]!;
    finish = Math.max(finish, days.dayOf(t.duration > 0 ? s + t.duration - 1 : s));
  });
  const moves = result.moves.map((m) => ({
    task: ref(m.task),
    from: leaves[m.task]!.schedule.start,
    to: date(m.to),
    delay: m.delay,
    totalFloat: leaves[m.task]!.schedule.totalFloat,
    reason: m.reason,
    person:
      m.resource === null
        ? null
        : { id: personIds[m.resource]!, name: names.get(personIds[m.resource]!) ?? '' },
    blockedBy: m.blockedBy === null ? null : ref(m.blockedBy),
  }));
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([moves.map((m) => [m.task.id, m.to]), result.overAfter]))
    .digest('base64url')
    .slice(0, 20);
  return {
    projectId,
    moves,
    overBefore: result.overBefore,
    overAfter: result.overAfter,
    unresolved: result.unresolved.map(ref),
    projectFinishBefore: plan.projectFinish,
    projectFinishAfter: Number.isFinite(finish) ? fromEpochDay(finish) : plan.projectFinish,
    people: personIds.length,
    tasks: leaves.length,
    fingerprint,
  };
}

/**
 * Applies the leveling the user saw: in one transaction, the plan and loads are leveled again
 * and must give the same result (else LEVELING_STALE with the new preview); each task delayed
 * for a person gets a "start no earlier than" constraint at its new start, through the planning
 * service (one reschedule, one audit event per task); tasks that only follow a predecessor move
 * with it.
 */
export async function applyLeveling(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: z.infer<typeof ApplyLevelingBody>,
): Promise<LevelingApplied> {
  return ctx.db.transaction(async (tx) => {
    // The right to change the plan first: a reader learns nothing from a stale fingerprint.
    await authorizeProject(tx, actor, projectId, 'project.update');
    const inTx = { ...ctx, db: tx };
    const preview = await previewLeveling(inTx, actor, projectId, body);
    if (preview.fingerprint !== body.fingerprint) {
      throw new DomainError(
        'LEVELING_STALE',
        'The plan or the loads changed since the preview: review the new one',
        { preview },
      );
    }
    const items = preview.moves
      .filter((m) => m.reason !== 'predecessor')
      .map((m) => ({
        taskId: m.task.id,
        changes: { constraint: { type: 'SNET' as const, date: m.to } },
      }));
    if (items.length === 0) {
      return { constrained: 0, moves: 0, projectFinish: preview.projectFinishBefore };
    }
    const change = await applyTaskUpdates(inTx, actor, projectId, items);
    return {
      constrained: items.length,
      moves: preview.moves.length,
      projectFinish: change.projectFinish,
    };
  });
}
