import type { z } from 'zod';
import {
  type BaselineComparison,
  type CreateLinkBody,
  type CreateTaskBody,
  type MilestoneQuery,
  type MoveTaskBody,
  type Plan,
  PlanCalendar,
  type PlanChange,
  type PlanLink,
  type PlanTask,
  type Roadmap,
  type RoadmapQuery,
  type UpdateLinkBody,
  type UpdatePlanSettingsBody,
  type UpdateTaskBody,
} from '../../../contracts/planning.ts';
import type { ProjectStatus } from '../../../contracts/portfolio.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { WorkCalendar, type WorkingDayIndex } from '../../../core/calendar/work-calendar.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { projectGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { isMilestoneLate } from '../../../core/dash/portfolio.ts';
import { authorizeProject, listProjects } from '../portfolio/portfolio.service.ts';
import * as repo from './planning.repository.ts';
import {
  calendarSpec,
  DEFAULT_CALENDAR,
  type LinkInput,
  nonWorkingDays,
  type Computed,
  outline,
  scheduleProject,
  type TaskInput,
} from './planning.schedule.ts';

type Project = Awaited<ReturnType<typeof authorizeProject>>['project'];

/** Today in UTC, `YYYY-MM-DD`; the only clock of the module. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** How far rescheduling follows cross-project links to other projects. */
const MAX_PROPAGATION = 25;

// ---------------------------------------------------------------- mapping

interface SettingsView {
  start: string;
  statusDate: string | null;
  calendar: PlanCalendar;
  version: number;
}

/** The plan settings of a project, defaults when it has none yet (version 0). */
export function settingsView(row: repo.SettingsRow | undefined, project: Project): SettingsView {
  if (!row) {
    return {
      start: project.plannedStart ?? today(),
      statusDate: null,
      calendar: DEFAULT_CALENDAR,
      version: 0,
    };
  }
  return {
    start: row.start,
    statusDate: row.statusDate,
    calendar: PlanCalendar.parse(row.calendar),
    version: row.version,
  };
}

const isDone = (t: repo.TaskRow) => t.actualFinish !== null || t.percentComplete >= 100;

function toPlanTask(t: repo.TaskRow, ownerName: string | null, fallbackDate: string): PlanTask {
  const duration = t.isSummary ? t.span : t.duration;
  return {
    id: t.id,
    parentId: t.parentId,
    wbs: t.wbs,
    level: t.level,
    name: t.name,
    kind: t.isSummary ? 'summary' : t.duration === 0 ? 'milestone' : 'task',
    duration,
    constraint:
      t.constraintType && t.constraintDate
        ? { type: t.constraintType as 'SNET', date: t.constraintDate }
        : null,
    deadline: t.deadline,
    owner: t.ownerId ? { id: t.ownerId, name: ownerName ?? '' } : null,
    notes: t.notes,
    percentComplete: t.percentComplete,
    actualStart: t.actualStart,
    actualFinish: t.actualFinish,
    remaining:
      !t.isSummary && isDone(t)
        ? 0
        : Math.ceil((duration * (100 - t.percentComplete)) / 100 - 1e-9),
    schedule: scheduleOf(t, fallbackDate),
    version: t.version,
  };
}

function scheduleOf(t: repo.TaskRow, fallbackDate: string): PlanTask['schedule'] {
  return {
    start: t.start ?? fallbackDate,
    finish: t.finish ?? fallbackDate,
    lateStart: t.lateStart,
    lateFinish: t.lateFinish,
    totalFloat: t.totalFloat,
    freeFloat: t.freeFloat,
    critical: t.critical,
  };
}

function toPlanLink(l: repo.LinkView): PlanLink {
  return {
    id: l.id,
    fromTaskId: l.from_task_id,
    toTaskId: l.to_task_id,
    type: l.type as PlanLink['type'],
    lag: l.lag,
    fromProject:
      l.from_project_id !== l.project_id
        ? {
            id: l.from_project_id,
            code: l.from_project_code ?? '',
            name: l.from_project_name ?? '',
          }
        : null,
    version: l.version,
  };
}

/** The editable fields of a task, as the audit log records them. */
const taskFields = (t: repo.TaskRow) => ({
  name: t.name,
  parentId: t.parentId,
  position: t.position,
  duration: t.duration,
  constraint: t.constraintType ? `${t.constraintType} ${t.constraintDate}` : null,
  deadline: t.deadline,
  ownerId: t.ownerId,
  notes: t.notes,
  percentComplete: t.percentComplete,
  actualStart: t.actualStart,
  actualFinish: t.actualFinish,
});

const linkFields = (l: { fromTaskId: string; toTaskId: string; type: string; lag: number }) => ({
  fromTaskId: l.fromTaskId,
  toTaskId: l.toTaskId,
  type: l.type,
  lag: l.lag,
});

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

function taskNotFound(id: string, field?: string) {
  return new DomainError('TASK_NOT_FOUND', `No task ${id} in this plan`, {
    ...(field ? { issues: [{ path: ['body', field], message: 'No such task in this plan' }] } : {}),
  });
}

// ---------------------------------------------------------------- rescheduling

interface Touched {
  tasks?: Iterable<string>;
  links?: Iterable<string>;
  removedTaskIds?: string[];
  removedLinkIds?: string[];
  createdTaskIds?: string[];
}

/**
 * Reschedules a project inside the caller's transaction (its settings row locked): loads its
 * tasks and links (and the persisted dates of cross-project predecessors), runs the engine,
 * writes only the tasks whose computed values changed, then reschedules the projects that
 * depend on it. Returns what changed, for the client to patch its copy.
 */
async function reschedule(
  tx: Executor,
  project: Project,
  settingsRow: repo.SettingsRow,
  touched: Touched = {},
  visited: Set<string> = new Set(),
): Promise<PlanChange> {
  visited.add(project.id);
  const settings = settingsView(settingsRow, project);
  const [taskViews, linkViews] = await Promise.all([
    repo.listTasks(tx, project.id),
    repo.listLinks(tx, project.id),
  ]);
  const tasks: TaskInput[] = taskViews.map((v) => v.t);
  const links: LinkInput[] = linkViews.map((l) => ({
    id: l.id,
    fromTaskId: l.from_task_id,
    toTaskId: l.to_task_id,
    type: l.type,
    lag: l.lag,
    external:
      l.from_project_id === l.project_id
        ? null
        : {
            start: l.ext_start,
            finish: l.ext_finish,
            milestone: l.ext_summary === false && l.ext_span === 0,
          },
  }));
  const scheduled = scheduleProject(settings, tasks, links);

  const changed: repo.ComputedRow[] = [];
  const datesChanged: repo.ComputedRow[] = [];
  let datesMoved = false;
  const touchedTasks = new Set(touched.tasks ?? []);
  const out: PlanTask[] = [];
  const schedules: PlanChange['schedules'] = [];
  for (const v of taskViews) {
    const t = v.t;
    const c = scheduled.computed.get(t.id)!;
    const differs =
      t.wbs !== c.wbs ||
      t.level !== c.level ||
      t.isSummary !== c.isSummary ||
      t.span !== c.span ||
      t.start !== c.start ||
      t.finish !== c.finish ||
      t.lateStart !== c.lateStart ||
      t.lateFinish !== c.lateFinish ||
      t.totalFloat !== c.totalFloat ||
      t.freeFloat !== c.freeFloat ||
      t.critical !== c.critical ||
      (c.isSummary && t.percentComplete !== c.percentComplete);
    if (t.start !== c.start || t.finish !== c.finish) datesMoved = true;
    // Only the dates, floats and criticality moved: the task goes back in the compact form.
    const datesOnly =
      differs &&
      t.wbs === c.wbs &&
      t.level === c.level &&
      t.isSummary === c.isSummary &&
      t.span === c.span &&
      t.percentComplete === c.percentComplete;
    if (differs) {
      (datesOnly ? datesChanged : changed).push(c);
      applyComputed(t, c);
    }
    if (touchedTasks.has(t.id) || (differs && !datesOnly)) {
      out.push(toPlanTask(t, v.ownerName, settings.start));
    } else if (datesOnly) {
      schedules.push({ id: t.id, schedule: scheduleOf(t, settings.start) });
    }
  }
  await repo.writeComputed(tx, changed);
  await repo.writeComputed(tx, datesChanged, { datesOnly: true });
  if (
    settingsRow.projectStart !== scheduled.projectStart ||
    settingsRow.projectFinish !== scheduled.projectFinish
  ) {
    await repo.setProjectSpan(tx, project.id, scheduled.projectStart, scheduled.projectFinish);
  }

  if (datesMoved || (touched.removedTaskIds?.length ?? 0) > 0) {
    await propagate(tx, project.id, visited);
  }

  const touchedLinks = new Set(touched.links ?? []);
  return {
    tasks: out,
    schedules,
    links: linkViews.filter((l) => touchedLinks.has(l.id)).map(toPlanLink),
    removedTaskIds: touched.removedTaskIds ?? [],
    removedLinkIds: touched.removedLinkIds ?? [],
    createdTaskIds: touched.createdTaskIds ?? [],
    projectStart: scheduled.projectStart,
    projectFinish: scheduled.projectFinish,
    criticalPath: scheduled.criticalPath,
  };
}

/** Copies the computed values onto a task row (field by field: thousands of rows an edit). */
function applyComputed(t: repo.TaskRow, c: Computed) {
  t.wbs = c.wbs;
  t.level = c.level;
  t.isSummary = c.isSummary;
  t.span = c.span;
  t.start = c.start;
  t.finish = c.finish;
  t.lateStart = c.lateStart;
  t.lateFinish = c.lateFinish;
  t.totalFloat = c.totalFloat;
  t.freeFloat = c.freeFloat;
  t.critical = c.critical;
  t.percentComplete = c.percentComplete;
}

/** Reschedules the projects whose tasks depend on this one's, breadth first, each once. */
async function propagate(tx: Executor, projectId: string, visited: Set<string>) {
  const queue = await repo.dependentProjects(tx, projectId);
  for (const id of queue) {
    if (visited.has(id) || visited.size >= MAX_PROPAGATION) continue;
    await rescheduleProject(tx, id, visited);
  }
}

async function rescheduleProject(tx: Executor, projectId: string, visited: Set<string>) {
  const settings = await repo.findSettings(tx, projectId);
  if (!settings) return;
  const locked = await repo.lockSettings(tx, projectId, settings);
  const project = { id: projectId, plannedStart: locked.start } as Project;
  await reschedule(tx, project, locked, {}, visited);
}

/** Authorises, locks the plan (creating its settings on first write) and returns both. */
export async function openForWrite(tx: Executor, actor: Actor, projectId: string) {
  const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
  const existed = await repo.findSettings(tx, projectId);
  const settings = await repo.lockSettings(tx, projectId, {
    start: project.plannedStart ?? today(),
    calendar: DEFAULT_CALENDAR,
  });
  return { project, settings, existed: existed !== undefined };
}

/** Reschedules a project in the caller's transaction (for the import). */
export function rescheduleInTx(tx: Executor, project: Project, settings: repo.SettingsRow) {
  return reschedule(tx, project, settings);
}

const label = (project: Project, what: string) => `${project.code} — ${what}`;

// ---------------------------------------------------------------- reading the plan

export async function getPlan(ctx: Ctx, actor: Actor, projectId: string): Promise<Plan> {
  const { project, roles } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return loadPlan(ctx.db, project, projectGrants(actor.role, roles, 'project.update'));
}

async function loadPlan(db: Executor, project: Project, canEdit: boolean): Promise<Plan> {
  const [row, taskViews, linkViews] = await Promise.all([
    repo.findSettings(db, project.id),
    repo.listTasks(db, project.id),
    repo.listLinks(db, project.id),
  ]);
  const settings = settingsView(row, project);
  const { order } = outline(
    taskViews.map((v) => ({ ...v, id: v.t.id, parentId: v.t.parentId, position: v.t.position })),
  );
  const projectStart = row?.projectStart ?? null;
  const projectFinish = row?.projectFinish ?? null;
  const years = spanYears(settings.start, projectFinish);
  return {
    projectId: project.id,
    settings,
    tasks: order.map((v) => toPlanTask(v.t, v.ownerName, settings.start)),
    links: linkViews.map(toPlanLink),
    projectStart,
    projectFinish,
    criticalPath: order
      .filter((v) => v.t.critical && !v.t.isSummary)
      .sort((a, b) => (a.t.start ?? '').localeCompare(b.t.start ?? ''))
      .map((v) => v.t.id),
    nonWorkingDays: nonWorkingDays(
      calendarSpec(settings.calendar, years[0], years[1]),
      projectStart,
      projectFinish,
    ),
    can: { edit: canEdit, baseline: canEdit },
  };
}

function spanYears(start: string, finish: string | null | undefined): [number, number] {
  const a = Number(start.slice(0, 4));
  const b = finish ? Number(finish.slice(0, 4)) : a;
  return [Math.min(a, b) - 1, Math.max(a, b) + 1];
}

// ---------------------------------------------------------------- settings

export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  version: number,
  input: z.infer<typeof UpdatePlanSettingsBody>,
): Promise<Plan> {
  await ctx.db.transaction(async (tx) => {
    const { project, settings: row, existed } = await openForWrite(tx, actor, projectId);
    const before = settingsView(row, project);
    if (version !== (existed ? row.version : 0)) {
      throw stale('plan', settingsView(existed ? row : undefined, project));
    }
    const calendar = PlanCalendar.parse({ ...before.calendar, ...(input.calendar ?? {}) });
    const updated = await repo.updateSettings(tx, projectId, row.version, {
      ...(input.start !== undefined ? { start: input.start } : {}),
      ...(input.statusDate !== undefined ? { statusDate: input.statusDate } : {}),
      calendar,
    });
    if (!updated) throw stale('plan', before);
    await reschedule(tx, project, updated);
    // The milestone trend gets one point per status date at which the plan was saved.
    if (updated.statusDate && updated.statusDate !== before.statusDate) {
      await repo.snapshotMilestones(tx, projectId, updated.statusDate);
    }
    await recordAudit(tx, actor, {
      entityType: 'plan',
      entityId: projectId,
      entityLabel: label(project, 'planning'),
      projectId,
      action: 'update',
      before: { start: before.start, statusDate: before.statusDate, calendar: before.calendar },
      after: { start: updated.start, statusDate: updated.statusDate, calendar },
    });
  });
  return getPlan(ctx, actor, projectId);
}

// ---------------------------------------------------------------- tasks

async function checkTaskInput(
  tx: Executor,
  input: {
    ownerId?: string | null | undefined;
    actualStart?: string | null;
    actualFinish?: string | null;
  },
) {
  await assertPeopleExist(tx, { ownerId: input.ownerId });
  if (input.actualStart && input.actualFinish && input.actualFinish < input.actualStart) {
    throw new DomainError('VALIDATION_FAILED', 'The actual finish is before the actual start', {
      issues: [{ path: ['body', 'actualFinish'], message: 'Must be on or after the actual start' }],
    });
  }
}

/** A task about to receive children must not carry links: links join leaf tasks. */
async function assertCanHaveChildren(tx: Executor, parent: repo.TaskRow) {
  const links = await repo.linksTouching(tx, [parent.id]);
  if (links.length > 0) {
    throw new DomainError(
      'PLAN_INVALID',
      `"${parent.name}" has dependencies; links join leaf tasks, so remove them before adding sub-tasks`,
      { reason: 'LINK_ON_SUMMARY', task: { id: parent.id, name: parent.name } },
    );
  }
}

async function placement(
  tx: Executor,
  projectId: string,
  parentId: string | null,
  afterTaskId: string | null | undefined,
): Promise<number> {
  if (afterTaskId) {
    const after = await repo.findTask(tx, projectId, afterTaskId);
    if (!after) throw taskNotFound(afterTaskId, 'afterTaskId');
    if (after.parentId !== parentId) {
      throw new DomainError('VALIDATION_FAILED', 'afterTaskId is not a child of parentId', {
        issues: [{ path: ['body', 'afterTaskId'], message: 'Not under the same parent' }],
      });
    }
    return after.position + 1;
  }
  if (afterTaskId === null) return 0;
  const siblings = await repo.listTasks(tx, projectId);
  return siblings.filter((v) => v.t.parentId === parentId).length;
}

export async function createTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateTaskBody>,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    await checkTaskInput(tx, input);
    if (input.parentId) {
      const parent = await repo.findTask(tx, projectId, input.parentId);
      if (!parent) throw taskNotFound(input.parentId, 'parentId');
      if (!parent.isSummary) await assertCanHaveChildren(tx, parent);
    }
    const position =
      input.afterTaskId === undefined
        ? await placement(tx, projectId, input.parentId, undefined)
        : await placement(tx, projectId, input.parentId, input.afterTaskId);
    await repo.shiftSiblings(tx, projectId, input.parentId, position, 1);
    const [row] = await repo.insertTasks(tx, [
      {
        projectId,
        parentId: input.parentId,
        position,
        name: input.name,
        duration: input.duration,
        constraintType: input.constraint?.type ?? null,
        constraintDate: input.constraint?.date ?? null,
        deadline: input.deadline ?? null,
        ownerId: input.ownerId ?? null,
        notes: input.notes,
      },
    ]);
    const change = await reschedule(tx, project, settings, {
      tasks: [row!.id],
      createdTaskIds: [row!.id],
    });
    await recordAudit(tx, actor, {
      entityType: 'task',
      entityId: row!.id,
      entityLabel: label(project, row!.name),
      projectId,
      action: 'create',
      after: taskFields(row!),
    });
    return change;
  });
}

/** The 412 of a task edit: the task as the plan shows it now, so the client can patch it in. */
async function staleTask(tx: Executor, settings: repo.SettingsRow, task: repo.TaskRow) {
  const view = await repo.findTaskView(tx, task.projectId, task.id);
  return stale(
    'task',
    view ? toPlanTask(view.t, view.ownerName, settings.start) : taskFields(task),
  );
}

async function loadTask(tx: Executor, projectId: string, taskId: string) {
  const task = await repo.findTask(tx, projectId, taskId);
  if (!task) throw taskNotFound(taskId);
  return task;
}

export async function updateTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
  version: number,
  input: z.infer<typeof UpdateTaskBody>,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const before = await loadTask(tx, projectId, taskId);
    if (before.version !== version) throw await staleTask(tx, settings, before);
    const actualStart = input.actualStart !== undefined ? input.actualStart : before.actualStart;
    const actualFinish =
      input.actualFinish !== undefined ? input.actualFinish : before.actualFinish;
    await checkTaskInput(tx, { ownerId: input.ownerId, actualStart, actualFinish });
    if (
      before.isSummary &&
      (input.percentComplete !== undefined ||
        input.actualStart !== undefined ||
        input.actualFinish !== undefined)
    ) {
      throw new DomainError(
        'PLAN_INVALID',
        `"${before.name}" is a summary task: its progress is rolled up from its sub-tasks`,
        { reason: 'SUMMARY_PROGRESS', task: { id: before.id, name: before.name } },
      );
    }
    const { constraint, ...rest } = input;
    const after = await repo.updateTask(tx, taskId, version, {
      ...rest,
      ...(constraint !== undefined
        ? { constraintType: constraint?.type ?? null, constraintDate: constraint?.date ?? null }
        : {}),
    });
    if (!after) throw await staleTask(tx, settings, before);
    const change = await reschedule(tx, project, settings, { tasks: [taskId] });
    await recordAudit(tx, actor, {
      entityType: 'task',
      entityId: taskId,
      entityLabel: label(project, after.name),
      projectId,
      action: 'update',
      before: taskFields(before),
      after: taskFields(after),
    });
    return change;
  });
}

function subtreeOf(
  all: readonly { id: string; parentId: string | null }[],
  rootId: string,
): string[] {
  const children = new Map<string, string[]>();
  for (const t of all) {
    if (!t.parentId) continue;
    const list = children.get(t.parentId);
    if (list) list.push(t.id);
    else children.set(t.parentId, [t.id]);
  }
  const out = [rootId];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

export async function deleteTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
  version: number,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const task = await loadTask(tx, projectId, taskId);
    if (task.version !== version) throw await staleTask(tx, settings, task);
    const all = (await repo.listTasks(tx, projectId)).map((v) => v.t);
    const subtree = subtreeOf(all, taskId);
    const links = await repo.linksTouching(tx, subtree);
    await repo.deleteTasks(tx, subtree);
    await repo.compactSiblings(tx, projectId, task.parentId);
    const change = await reschedule(tx, project, settings, {
      removedTaskIds: subtree,
      removedLinkIds: links.map((l) => l.id),
    });
    // Successors in other projects lost a predecessor.
    const visited = new Set([projectId]);
    for (const other of new Set(links.map((l) => l.projectId))) {
      if (!visited.has(other)) await rescheduleProject(tx, other, visited);
    }
    await recordAudit(tx, actor, {
      entityType: 'task',
      entityId: taskId,
      entityLabel: label(project, task.name),
      projectId,
      action: 'delete',
      before: { ...taskFields(task), subtasks: subtree.length - 1, links: links.length },
    });
    return change;
  });
}

export async function moveTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
  version: number,
  input: z.infer<typeof MoveTaskBody>,
): Promise<PlanChange> {
  return ctx.db.transaction((tx) => moveTaskInTx(tx, actor, projectId, taskId, version, input));
}

/** `moveTask` inside the caller's transaction (a method version move re-parents its tasks). */
export async function moveTaskInTx(
  tx: Executor,
  actor: Actor,
  projectId: string,
  taskId: string,
  version: number,
  input: z.infer<typeof MoveTaskBody>,
): Promise<PlanChange> {
  const { project, settings } = await openForWrite(tx, actor, projectId);
  const task = await loadTask(tx, projectId, taskId);
  if (task.version !== version) throw await staleTask(tx, settings, task);
  if (input.parentId) {
    const all = (await repo.listTasks(tx, projectId)).map((v) => v.t);
    if (subtreeOf(all, taskId).includes(input.parentId)) {
      throw new DomainError(
        'PLAN_INVALID',
        `"${task.name}" cannot be placed under itself or one of its sub-tasks`,
        {
          reason: 'OUTLINE_CYCLE',
          task: { id: task.id, name: task.name },
          issues: [{ path: ['body', 'parentId'], message: 'Would create a cycle' }],
        },
      );
    }
    const parent = all.find((t) => t.id === input.parentId);
    if (!parent) throw taskNotFound(input.parentId, 'parentId');
    if (!parent.isSummary) await assertCanHaveChildren(tx, parent);
  }
  if (input.afterTaskId === taskId) {
    throw new DomainError('VALIDATION_FAILED', 'A task cannot be placed after itself', {
      issues: [{ path: ['body', 'afterTaskId'], message: 'Must be another task' }],
    });
  }
  // Take the task out (position −1), close the gap, then make room where it goes.
  await repo.updateTask(tx, taskId, version, { parentId: input.parentId, position: -1 });
  await repo.compactSiblings(tx, projectId, task.parentId);
  const position = await placement(tx, projectId, input.parentId, input.afterTaskId);
  await repo.shiftSiblings(tx, projectId, input.parentId, position, 1);
  const moved = await repo.updateTask(tx, taskId, version + 1, { position });
  await repo.compactSiblings(tx, projectId, input.parentId);
  const change = await reschedule(tx, project, settings, { tasks: [taskId] });
  await recordAudit(tx, actor, {
    entityType: 'task',
    entityId: taskId,
    entityLabel: label(project, task.name),
    projectId,
    action: 'update',
    before: { parentId: task.parentId, wbs: task.wbs },
    after: {
      parentId: moved!.parentId,
      wbs: change.tasks.find((t) => t.id === taskId)?.wbs ?? task.wbs,
    },
  });
  return change;
}

export async function copyTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const task = await loadTask(tx, projectId, taskId);
    const all = (await repo.listTasks(tx, projectId)).map((v) => v.t);
    const subtree = new Set(subtreeOf(all, taskId));
    const rows = all.filter((t) => subtree.has(t.id));
    const newId = new Map(rows.map((t) => [t.id, crypto.randomUUID()]));
    await repo.shiftSiblings(tx, projectId, task.parentId, task.position + 1, 1);
    // Parents before children, so that the parent key is satisfied at every insert.
    const { order } = outline(
      rows.map((t) => ({ ...t, parentId: t.id === taskId ? null : t.parentId })),
    );
    const inserted = await repo.insertTasks(
      tx,
      order.map((t) => ({
        id: newId.get(t.id)!,
        projectId,
        parentId: t.id === taskId ? task.parentId : newId.get(t.parentId!)!,
        position: t.id === taskId ? task.position + 1 : t.position,
        name: t.id === taskId ? `${t.name} (copie)` : t.name,
        duration: t.duration,
        constraintType: t.constraintType,
        constraintDate: t.constraintDate,
        deadline: t.deadline,
        ownerId: t.ownerId,
        notes: t.notes,
      })),
    );
    // Links inside the subtree come along; links to the rest of the plan do not.
    const internal = (await repo.linksTouching(tx, [...subtree])).filter(
      (l) => subtree.has(l.fromTaskId) && subtree.has(l.toTaskId),
    );
    const links = await repo.insertLinks(
      tx,
      internal.map((l) => ({
        projectId,
        fromProjectId: projectId,
        fromTaskId: newId.get(l.fromTaskId)!,
        toTaskId: newId.get(l.toTaskId)!,
        type: l.type,
        lag: l.lag,
      })),
    );
    const ids = inserted.map((t) => t.id);
    const change = await reschedule(tx, project, settings, {
      tasks: ids,
      links: links.map((l) => l.id),
      createdTaskIds: ids,
    });
    await recordAudit(tx, actor, {
      entityType: 'task',
      entityId: newId.get(taskId)!,
      entityLabel: label(project, `${task.name} (copie)`),
      projectId,
      action: 'create',
      after: { copyOf: taskId, tasks: ids.length, links: links.length },
    });
    return change;
  });
}

// ---------------------------------------------------------------- links

export async function createLink(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateLinkBody>,
): Promise<PlanChange> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { project, settings } = await openForWrite(tx, actor, projectId);
      const to = await repo.findTask(tx, projectId, input.toTaskId);
      if (!to) throw taskNotFound(input.toTaskId, 'toTaskId');
      const [from] = await repo.findTasksAnywhere(tx, [input.fromTaskId]);
      if (!from) throw taskNotFound(input.fromTaskId, 'fromTaskId');
      if (from.projectId !== projectId) {
        // A cross-project predecessor: the caller must see its project.
        await authorizeProject(tx, actor, from.projectId, 'project.read').catch(() => {
          throw taskNotFound(input.fromTaskId, 'fromTaskId');
        });
      }
      if (from.id === to.id) {
        throw new DomainError('PLAN_CYCLE', `"${to.name}" cannot depend on itself`, {
          tasks: [{ id: to.id, name: to.name }],
        });
      }
      for (const t of [from, to]) {
        if (t.isSummary) {
          throw new DomainError(
            'PLAN_INVALID',
            `"${t.name}" is a summary task; links join leaf tasks`,
            { reason: 'LINK_ON_SUMMARY', task: { id: t.id, name: t.name } },
          );
        }
      }
      if (from.projectId !== projectId && (await repo.reaches(tx, to.id, from.id))) {
        throw new DomainError(
          'PLAN_CYCLE',
          `Dependency cycle across projects: "${from.name}" already depends on "${to.name}"`,
          {
            tasks: [
              { id: from.id, name: from.name },
              { id: to.id, name: to.name },
            ],
          },
        );
      }
      const [link] = await repo.insertLinks(tx, [
        {
          projectId,
          fromProjectId: from.projectId,
          fromTaskId: from.id,
          toTaskId: to.id,
          type: input.type,
          lag: input.lag,
        },
      ]);
      const change = await reschedule(tx, project, settings, { links: [link!.id] });
      await recordAudit(tx, actor, {
        entityType: 'task_link',
        entityId: link!.id,
        entityLabel: label(project, `${from.name} → ${to.name}`),
        projectId,
        action: 'create',
        after: linkFields(link!),
      });
      return change;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'plan_links_pair_key')) {
      throw new DomainError('CONFLICT', 'These two tasks are already linked', {
        issues: [{ path: ['body', 'toTaskId'], message: 'Already linked' }],
      });
    }
    throw err;
  }
}

async function loadLink(tx: Executor, projectId: string, linkId: string) {
  const link = await repo.findLink(tx, projectId, linkId);
  if (!link) throw new DomainError('LINK_NOT_FOUND', `No link ${linkId} in this plan`);
  return link;
}

export async function updateLink(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  linkId: string,
  version: number,
  input: z.infer<typeof UpdateLinkBody>,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const before = await loadLink(tx, projectId, linkId);
    const after = await repo.updateLink(tx, linkId, version, input);
    if (!after) throw stale('link', linkFields(before));
    const change = await reschedule(tx, project, settings, { links: [linkId] });
    await recordAudit(tx, actor, {
      entityType: 'task_link',
      entityId: linkId,
      entityLabel: label(project, 'dépendance'),
      projectId,
      action: 'update',
      before: linkFields(before),
      after: linkFields(after),
    });
    return change;
  });
}

export async function deleteLink(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  linkId: string,
  version: number,
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const link = await loadLink(tx, projectId, linkId);
    if (link.version !== version) throw stale('link', linkFields(link));
    await repo.deleteLink(tx, linkId);
    const change = await reschedule(tx, project, settings, { removedLinkIds: [linkId] });
    await recordAudit(tx, actor, {
      entityType: 'task_link',
      entityId: linkId,
      entityLabel: label(project, 'dépendance'),
      projectId,
      action: 'delete',
      before: linkFields(link),
    });
    return change;
  });
}

// ---------------------------------------------------------------- baselines

function toBaseline(b: repo.BaselineRow) {
  return {
    id: b.id,
    name: b.name,
    createdAt: b.createdAt.toISOString(),
    createdBy: b.createdById ? { id: b.createdById, name: b.createdByName ?? '' } : null,
    projectFinish: b.projectFinish,
    taskCount: b.taskCount,
  };
}

export async function listBaselines(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return { items: (await repo.listBaselines(ctx.db, projectId)).map(toBaseline) };
}

export async function createBaseline(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: { name: string },
) {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    const count = (await repo.listTasks(tx, projectId)).length;
    const baseline = await repo.insertBaseline(tx, {
      projectId,
      name: input.name,
      createdById: userIdOf(actor),
      createdByName: actor.name,
      projectFinish: settings.projectFinish,
      taskCount: count,
    });
    await repo.snapshotBaselineTasks(tx, baseline.id, projectId);
    await repo.snapshotMilestones(tx, projectId, settings.statusDate ?? today());
    await recordAudit(tx, actor, {
      entityType: 'baseline',
      entityId: baseline.id,
      entityLabel: label(project, baseline.name),
      projectId,
      action: 'create',
      after: { name: baseline.name, projectFinish: baseline.projectFinish, taskCount: count },
    });
    return toBaseline(baseline);
  });
}

export async function deleteBaseline(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  baselineId: string,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const baseline = await repo.findBaseline(tx, projectId, baselineId);
    if (!baseline) throw new DomainError('BASELINE_NOT_FOUND', `No baseline ${baselineId}`);
    await repo.deleteBaseline(tx, baselineId);
    await recordAudit(tx, actor, {
      entityType: 'baseline',
      entityId: baselineId,
      entityLabel: label(project, baseline.name),
      projectId,
      action: 'delete',
      before: { name: baseline.name, projectFinish: baseline.projectFinish },
    });
  });
}

/** A working-day counter for a project's calendar, covering the dates it will be asked about. */
function dayCounter(settings: SettingsView, dates: readonly (string | null)[]) {
  let min = settings.start;
  let max = settings.start;
  for (const d of dates) {
    if (!d) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const spec = calendarSpec(
    settings.calendar,
    Number(min.slice(0, 4)) - 1,
    Number(max.slice(0, 4)) + 1,
  );
  const index: WorkingDayIndex = new WorkCalendar(spec).indexFrom(toEpochDay(settings.start));
  /** Working days from a to b, positive when b is later. */
  return (a: string | null, b: string | null): number | null =>
    a && b ? index.indexOnOrAfter(toEpochDay(b)) - index.indexOnOrAfter(toEpochDay(a)) : null;
}

export async function compareBaseline(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  baselineId: string,
): Promise<z.infer<typeof BaselineComparison>> {
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const baseline = await repo.findBaseline(ctx.db, projectId, baselineId);
  if (!baseline) throw new DomainError('BASELINE_NOT_FOUND', `No baseline ${baselineId}`);
  const [row, taskViews, snapshot] = await Promise.all([
    repo.findSettings(ctx.db, projectId),
    repo.listTasks(ctx.db, projectId),
    repo.baselineTasks(ctx.db, baselineId),
  ]);
  const settings = settingsView(row, project);
  const base = new Map(snapshot.map((b) => [b.taskId, b]));
  const tasks = taskViews.map((v) => v.t);
  const { order } = outline(tasks);
  const between = dayCounter(settings, [
    ...tasks.flatMap((t) => [t.start, t.finish]),
    ...snapshot.flatMap((b) => [b.start, b.finish]),
    baseline.projectFinish,
    row?.projectFinish ?? null,
  ]);
  return {
    baseline: toBaseline(baseline),
    projectFinishVariance: between(baseline.projectFinish, row?.projectFinish ?? null),
    rows: order.map((t) => {
      const b = base.get(t.id);
      const duration = t.isSummary ? t.span : t.duration;
      return {
        taskId: t.id,
        wbs: t.wbs,
        name: t.name,
        kind: t.isSummary
          ? ('summary' as const)
          : t.duration === 0
            ? ('milestone' as const)
            : ('task' as const),
        baselineStart: b?.start ?? null,
        baselineFinish: b?.finish ?? null,
        baselineDuration: b ? b.span : null,
        start: t.start ?? settings.start,
        finish: t.finish ?? settings.start,
        duration,
        startVariance: b ? between(b.start, t.start) : null,
        finishVariance: b ? between(b.finish, t.finish) : null,
        durationVariance: b ? duration - b.span : null,
        added: !b,
      };
    }),
  };
}

export async function milestoneTrend(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const [rows, current] = await Promise.all([
    repo.milestoneSnapshots(ctx.db, projectId),
    repo.tasksOfProjects(ctx.db, [projectId], 'milestones'),
  ]);
  const now = new Map(current.map((m) => [m.id, m]));
  const names = new Map<string, string>();
  const points = new Map<string, Record<string, string>>();
  for (const r of rows) {
    names.set(r.taskId, r.name);
    const point = points.get(r.statusDate) ?? {};
    point[r.taskId] = r.date;
    points.set(r.statusDate, point);
  }
  return {
    milestones: [...names].map(([id, name]) => {
      const m = now.get(id);
      const done = m !== undefined && (m.actual_finish !== null || m.percent_complete >= 100);
      return { id, name, done, doneOn: done ? (m.actual_finish ?? null) : null };
    }),
    points: [...points].map(([statusDate, dates]) => ({ statusDate, dates })),
  };
}

// ---------------------------------------------------------------- portfolio views

/** Every project the actor may see (through the portfolio service, page by page). */
export async function visibleProjects(
  ctx: Ctx,
  actor: Actor,
  filter: {
    portfolioId?: string | undefined;
    programId?: string | undefined;
    status?: string[] | undefined;
  },
) {
  const out: Awaited<ReturnType<typeof listProjects>>['items'] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listProjects(ctx, actor, {
      limit: 200,
      sort: 'code',
      order: 'asc',
      ...(cursor ? { cursor } : {}),
      ...(filter.portfolioId ? { portfolioId: filter.portfolioId } : {}),
      ...(filter.programId ? { programId: filter.programId } : {}),
      ...(filter.status ? { status: filter.status as ProjectStatus[] } : {}),
    });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

export async function roadmap(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof RoadmapQuery>,
): Promise<z.infer<typeof Roadmap>> {
  const projects = await visibleProjects(ctx, actor, query);
  const ids = projects.map((p) => p.id);
  const [settings, tasks, latest, cross] = await Promise.all([
    repo.settingsOf(ctx.db, ids),
    repo.tasksOfProjects(ctx.db, ids, 'phases-and-milestones'),
    repo.latestBaselines(ctx.db, ids),
    repo.crossProjectLinks(ctx.db, ids),
  ]);
  const baselineOf = new Map(latest.map((b) => [b.project_id, b]));
  const baseDates = await repo.baselineDates(
    ctx.db,
    latest.map((b) => b.id),
  );
  const baseDate = new Map(baseDates.map((b) => [b.taskId, b.start]));
  const settingsBy = new Map(settings.map((s) => [s.projectId, s]));
  const tasksBy = new Map<string, typeof tasks>();
  for (const t of tasks) {
    const list = tasksBy.get(t.project_id);
    if (list) list.push(t);
    else tasksBy.set(t.project_id, [t]);
  }
  return {
    projects: projects.map((p) => {
      const s = settingsBy.get(p.id);
      const list = tasksBy.get(p.id) ?? [];
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        status: p.status,
        portfolio: p.portfolio,
        program: p.program,
        parentId: p.parentId,
        start: s?.projectStart ?? null,
        finish: s?.projectFinish ?? null,
        baselineFinish: baselineOf.get(p.id)?.project_finish ?? null,
        phases: list
          .filter((t) => t.is_summary && t.start && t.finish)
          .sort((a, b) => a.wbs.localeCompare(b.wbs, 'en', { numeric: true }))
          .map((t) => ({ id: t.id, name: t.name, start: t.start!, finish: t.finish! })),
        milestones: list
          .filter((t) => !t.is_summary && t.start)
          .map((t) => ({
            id: t.id,
            name: t.name,
            date: t.start!,
            baselineDate: baseDate.get(t.id) ?? null,
            done: t.actual_finish !== null || t.percent_complete >= 100,
          })),
      };
    }),
    links: cross.map((l) => ({
      fromProjectId: l.fromProjectId,
      fromTaskId: l.fromTaskId,
      toProjectId: l.projectId,
      toTaskId: l.toTaskId,
      type: l.type as 'FS',
      lag: l.lag,
    })),
  };
}

/**
 * Milestones across the visible projects. A milestone is `done` when it has an actual finish
 * or 100 %; otherwise `late` when its date has passed (core/dash isMilestoneLate: a forecast
 * that slipped into the future is not late, its slippage says so); otherwise `due`.
 */
export async function listMilestones(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof MilestoneQuery>,
  now: string = today(),
) {
  let projects: { id: string; code: string; name: string }[];
  if (query.projectId) {
    const { project } = await authorizeProject(ctx.db, actor, query.projectId, 'project.read');
    projects = [project];
  } else {
    projects = await visibleProjects(ctx, actor, {
      portfolioId: query.portfolioId,
      programId: query.programId,
    });
  }
  const ids = projects.map((p) => p.id);
  const byId = new Map(projects.map((p) => [p.id, p]));
  const [tasks, latest, settings] = await Promise.all([
    repo.tasksOfProjects(ctx.db, ids, 'milestones'),
    repo.latestBaselines(ctx.db, ids),
    repo.settingsOf(ctx.db, ids),
  ]);
  const baseDates = await repo.baselineDates(
    ctx.db,
    latest.map((b) => b.id),
  );
  const baseDate = new Map(baseDates.map((b) => [b.taskId, b.start]));
  const counters = new Map<string, ReturnType<typeof dayCounter>>();
  const settingsBy = new Map(settings.map((s) => [s.projectId, s]));
  const items = [];
  for (const t of tasks) {
    if (!t.start) continue;
    const date = t.start;
    if ((query.from && date < query.from) || (query.to && date > query.to)) continue;
    const baselineDate = baseDate.get(t.id) ?? null;
    const done = t.actual_finish !== null || t.percent_complete >= 100;
    const late = isMilestoneLate({ done, date }, now);
    const status = done ? ('done' as const) : late ? ('late' as const) : ('due' as const);
    if (query.status && status !== query.status) continue;
    let slippage: number | null = null;
    if (baselineDate) {
      let count = counters.get(t.project_id);
      if (!count) {
        const s = settingsBy.get(t.project_id);
        const view: SettingsView = s
          ? settingsView(s, { plannedStart: s.start } as Project)
          : { start: date, statusDate: null, calendar: DEFAULT_CALENDAR, version: 0 };
        count = dayCounter(
          view,
          tasks
            .filter((x) => x.project_id === t.project_id)
            .map((x) => x.start)
            .concat(baseDates.map((b) => b.start)),
        );
        counters.set(t.project_id, count);
      }
      slippage = count(baselineDate, date);
    }
    const p = byId.get(t.project_id)!;
    items.push({
      id: t.id,
      name: t.name,
      project: { id: p.id, code: p.code, name: p.name },
      date,
      baselineDate,
      slippage,
      status,
      critical: t.critical,
    });
  }
  items.sort(
    (a, b) => a.date.localeCompare(b.date) || a.project.code.localeCompare(b.project.code),
  );
  return { items };
}

/**
 * Applies several task changes in one transaction and one reschedule (a status update: progress
 * of many tasks at once). Not versioned: for seeding and imports of progress, not for the UI.
 */
export async function applyTaskUpdates(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  items: { taskId: string; changes: z.infer<typeof UpdateTaskBody> }[],
): Promise<PlanChange> {
  return ctx.db.transaction(async (tx) => {
    const { project, settings } = await openForWrite(tx, actor, projectId);
    for (const { taskId, changes } of items) {
      const before = await loadTask(tx, projectId, taskId);
      await checkTaskInput(tx, { ownerId: changes.ownerId });
      const { constraint, ...rest } = changes;
      const after = await repo.updateTask(tx, taskId, before.version, {
        ...rest,
        ...(constraint !== undefined
          ? { constraintType: constraint?.type ?? null, constraintDate: constraint?.date ?? null }
          : {}),
      });
      await recordAudit(tx, actor, {
        entityType: 'task',
        entityId: taskId,
        entityLabel: label(project, before.name),
        projectId,
        action: 'update',
        before: taskFields(before),
        after: taskFields(after!),
      });
    }
    return reschedule(tx, project, settings, { tasks: items.map((i) => i.taskId) });
  });
}

/** A task to append in bulk: name, working-day duration (0 = milestone), sub-tasks. */
export interface TaskTreeInput {
  name: string;
  duration: number;
  children: TaskTreeInput[];
  /** The new task's id when the caller needs to know it (default: a random one). */
  id?: string;
}

/**
 * Appends a tree of tasks after the plan's last top-level task, in the caller's transaction
 * (one insert, one reschedule, one audit event): how a methodology lays down its default WBS.
 * Its leaves are chained finish-to-start in outline order. Returns the number of tasks.
 */
export async function appendTaskTreeInTx(
  tx: Executor,
  actor: Actor,
  projectId: string,
  tree: readonly TaskTreeInput[],
): Promise<number> {
  return insertTaskGroupsInTx(tx, actor, projectId, [{ tree }]);
}

/** A tree of tasks to insert under a parent (default: the top level, after the last task). */
export interface TaskGroupInput {
  tree: readonly TaskTreeInput[];
  /** The plan task it goes under (null/absent: the top level). */
  parentId?: string | null;
  /** Where among the parent's children (the ones from there move down); absent: at the end. */
  position?: number;
  /** A plan leaf the group's first leaf follows, finish-to-start. */
  predecessorId?: string | null;
}

/**
 * Inserts trees of tasks in the caller's transaction (one insert, one reschedule, one audit
 * event): how a methodology lays down its default WBS, or what a newer version adds. Each
 * group's leaves are chained finish-to-start in outline order. Returns the number of tasks.
 */
export async function insertTaskGroupsInTx(
  tx: Executor,
  actor: Actor,
  projectId: string,
  groups: readonly TaskGroupInput[],
): Promise<number> {
  if (groups.every((g) => g.tree.length === 0)) return 0;
  const { project, settings } = await openForWrite(tx, actor, projectId);
  const existing = await repo.listTasks(tx, projectId);
  const inserted: { id: string }[] = [];
  const links: { from: string; to: string }[] = [];
  // The groups under one parent go in from the last position up, so that making room for one
  // does not move the place of another (positions are the plan's as it was read).
  const order = [...groups].sort((a, b) => (b.position ?? Infinity) - (a.position ?? Infinity));
  for (const g of order) {
    if (g.tree.length === 0) continue;
    const rows: Parameters<typeof repo.insertTasks>[1] = [];
    const parentId = g.parentId ?? null;
    const siblings = existing.filter((v) => v.t.parentId === parentId);
    if (parentId !== null) {
      const parent = existing.find((v) => v.t.id === parentId);
      if (!parent) throw new DomainError('TASK_NOT_FOUND', `No task ${parentId}`);
      if (!parent.t.isSummary) await assertCanHaveChildren(tx, parent.t);
    }
    const end = siblings.length;
    const position = g.position === undefined ? end : Math.min(Math.max(0, g.position), end);
    if (position < end) await repo.shiftSiblings(tx, projectId, parentId, position, g.tree.length);
    // Links join leaf tasks: the leaves are chained in outline order.
    let previous: string | null = g.predecessorId ?? null;
    const walk = (nodes: readonly TaskTreeInput[], parent: string | null, base: number) => {
      nodes.forEach((node, i) => {
        const id = node.id ?? crypto.randomUUID();
        rows.push({
          id,
          projectId,
          parentId: parent,
          position: base + i,
          name: node.name,
          duration: node.children.length > 0 ? 1 : node.duration,
          notes: '',
        });
        if (node.children.length > 0) {
          walk(node.children, id, 0);
          return;
        }
        if (previous) links.push({ from: previous, to: id });
        previous = id;
      });
    };
    walk(g.tree, parentId, position);
    inserted.push(...(await repo.insertTasks(tx, rows)));
  }
  const insertedLinks = await repo.insertLinks(
    tx,
    links.map((l) => ({
      projectId,
      fromProjectId: projectId,
      fromTaskId: l.from,
      toTaskId: l.to,
      type: 'FS',
      lag: 0,
    })),
  );
  const ids = inserted.map((t) => t.id);
  await reschedule(tx, project, settings, {
    tasks: ids,
    links: insertedLinks.map((l) => l.id),
    createdTaskIds: ids,
  });
  await recordAudit(tx, actor, {
    entityType: 'plan',
    entityId: projectId,
    entityLabel: label(project, 'WBS'),
    projectId,
    action: 'update',
    after: { tasksAdded: ids.length, linksAdded: insertedLinks.length },
  });
  return ids.length;
}

/**
 * The scheduled dates of tasks by id (any project), for modules that spread work over a plan
 * (resources). No authorisation: callers check access to the projects themselves.
 */
export async function taskSpans(db: Executor, taskIds: readonly string[]) {
  const rows = await repo.taskSpans(db, taskIds);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    isSummary: r.is_summary,
    start: r.start,
    finish: r.finish,
    totalFloat: r.total_float,
  }));
}
