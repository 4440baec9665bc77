import type { z } from 'zod';
import type {
  Activity,
  BulkApproveResult,
  Consolidation,
  CreateActivityBody,
  CreateLockedPeriodBody,
  LockedPeriod,
  PendingTimesheet,
  SaveTimesheetBody,
  TimeSettings,
  Timesheet,
  TimesheetLine,
  TimesheetTargets,
  UpdateActivityBody,
  UpdateTimeSettingsBody,
} from '../../../contracts/time.ts';
import { toEpochDay, yearOf } from '../../../core/calendar/days.ts';
import { frenchPublicHolidays } from '../../../core/calendar/holidays-fr.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import {
  type LineApproval,
  type SheetLineInput,
  type TimeRules,
  type TimesheetStatus,
  bySurname,
  fromCenti,
  isEditable,
  isoWeekLabel,
  lineKey,
  monthBounds,
  shiftWeek,
  toCenti,
  validateWeek,
  weekDates,
  weekTotals,
} from '../../../core/time/timesheet.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { notify } from '../notifications/notifications.service.ts';
import { recordAudit, recordAudits } from '../platform/audit.service.ts';
import { absenceRuleViolations, fitLinesToAbsences } from '../staff/cra-rule.ts';
import * as repo from './time.repository.ts';

type SaveBody = z.infer<typeof SaveTimesheetBody>;

const iso = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

/** Viewer accounts stay read-only: they neither fill nor decide timesheets. */
function assertMayWrite(actor: Actor) {
  if (actor.role === 'viewer')
    throw new DomainError('FORBIDDEN', 'A viewer account is read-only', { permission: 'time' });
}

function personOf(actor: Actor, write = false): string {
  if (write) assertMayWrite(actor);
  if (!actor.personId)
    throw new DomainError('NO_PERSON', 'Your account is not linked to a person of the directory');
  return actor.personId;
}

// ---------------------------------------------------------------- settings

function toSettings(r: repo.SettingsRow): TimeSettings {
  return {
    maxHoursPerDay: fromCenti(r.maxDayCenti),
    maxHoursPerWeek: fromCenti(r.maxWeekCenti),
    approverPolicy: r.approverPolicy as TimeSettings['approverPolicy'],
    lateAfterDays: r.lateAfterDays,
    remindersEnabled: r.remindersEnabled,
    version: r.version,
  };
}

const rulesOf = (s: repo.SettingsRow): TimeRules => ({
  maxHoursPerDay: fromCenti(s.maxDayCenti),
  maxHoursPerWeek: fromCenti(s.maxWeekCenti),
});

export async function getSettings(ctx: Ctx): Promise<TimeSettings> {
  return toSettings(await repo.ensureSetup(ctx.db));
}

export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  version: number,
  input: z.infer<typeof UpdateTimeSettingsBody>,
): Promise<TimeSettings> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.ensureSetup(tx);
    const after = await repo.updateSettings(tx, version, {
      ...(input.maxHoursPerDay === undefined ? {} : { maxDayCenti: toCenti(input.maxHoursPerDay) }),
      ...(input.maxHoursPerWeek === undefined
        ? {}
        : { maxWeekCenti: toCenti(input.maxHoursPerWeek) }),
      ...(input.approverPolicy === undefined ? {} : { approverPolicy: input.approverPolicy }),
      ...(input.lateAfterDays === undefined ? {} : { lateAfterDays: input.lateAfterDays }),
      ...(input.remindersEnabled === undefined ? {} : { remindersEnabled: input.remindersEnabled }),
    });
    if (!after) throw stale('timesheet settings', toSettings(before));
    await recordAudit(tx, actor, {
      entityType: 'time_settings',
      entityId: '00000000-0000-4000-8000-000000000001',
      entityLabel: 'CRA',
      action: 'update',
      before: toSettings(before),
      after: toSettings(after),
    });
    return toSettings(after);
  });
}

// ---------------------------------------------------------------- activities

const toActivity = (r: repo.ActivityRow): Activity => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind as Activity['kind'],
  active: r.active,
  version: r.version,
});

export async function listActivities(ctx: Ctx) {
  await repo.ensureSetup(ctx.db);
  return { items: (await repo.listActivities(ctx.db)).map(toActivity) };
}

function duplicateCode(code: string | undefined) {
  return new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

export async function createActivity(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateActivityBody>,
): Promise<Activity> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertActivity(tx, input);
      await recordAudit(tx, actor, {
        entityType: 'time_activity',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: toActivity(row),
      });
      return toActivity(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'time_activities_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateActivity(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateActivityBody>,
): Promise<Activity> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findActivity(tx, id);
      if (!before) throw new DomainError('ACTIVITY_NOT_FOUND', `No activity ${id}`);
      const after = await repo.updateActivity(tx, id, version, input);
      if (!after) throw stale('activity', toActivity(before));
      await recordAudit(tx, actor, {
        entityType: 'time_activity',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: toActivity(before),
        after: toActivity(after),
      });
      return toActivity(after);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'time_activities_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

// ---------------------------------------------------------------- locked periods

const toLock = (r: repo.LockRow): LockedPeriod => ({
  id: r.id,
  from: r.from,
  to: r.to,
  label: r.label,
  lockedBy: r.lockedById ? { id: r.lockedById, name: r.lockedByName ?? '' } : null,
  lockedAt: r.lockedAt.toISOString(),
});

export async function listLocks(ctx: Ctx) {
  return { items: (await repo.listLocks(ctx.db)).map(toLock) };
}

export async function createLock(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateLockedPeriodBody>,
): Promise<LockedPeriod> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertLock(tx, {
      ...input,
      lockedById: userIdOf(actor),
      lockedByName: actor.name,
    });
    await recordAudit(tx, actor, {
      entityType: 'time_lock',
      entityId: row.id,
      entityLabel: row.label || `${row.from} → ${row.to}`,
      action: 'create',
      after: { from: row.from, to: row.to, label: row.label },
    });
    return toLock(row);
  });
}

export async function deleteLock(ctx: Ctx, actor: Actor, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteLock(tx, id);
    if (!row) throw new DomainError('LOCKED_PERIOD_NOT_FOUND', `No locked period ${id}`);
    await recordAudit(tx, actor, {
      entityType: 'time_lock',
      entityId: row.id,
      entityLabel: row.label || `${row.from} → ${row.to}`,
      action: 'delete',
      before: { from: row.from, to: row.to, label: row.label },
    });
  });
}

// ---------------------------------------------------------------- a person's week

function weekDays(monday: string, locks: readonly { from: string; to: string }[]) {
  const dates = weekDates(monday);
  const years = new Set(dates.map((d) => yearOf(toEpochDay(d))));
  const holidays = new Set([...years].flatMap((y) => frenchPublicHolidays(y)));
  return dates.map((date, i) => ({
    date,
    holiday: holidays.has(date),
    weekend: i >= 5,
    locked: locks.some((l) => l.from <= date && date <= l.to),
  }));
}

/** Who asks, for the approval rules. */
async function approverOf(db: Executor, actor: Actor): Promise<repo.Approver> {
  const settings = await repo.ensureSetup(db);
  return {
    personId: actor.personId,
    approvesAll: roleGrants(actor.role, 'time.approve'),
    policy: settings.approverPolicy as repo.Approver['policy'],
  };
}

interface SheetState {
  sheet: repo.SheetRow | null;
  personId: string;
  personName: string;
  weekStart: string;
  lines: repo.LineRow[];
}

async function buildView(
  db: Executor,
  state: SheetState,
  settings: repo.SettingsRow,
  decidable: ReadonlySet<string>,
  ownView: boolean,
): Promise<Timesheet> {
  const dates = weekDates(state.weekStart);
  const locks = await repo.locksOverlapping(db, dates[0]!, dates[6]!);
  const lines: TimesheetLine[] = state.lines.map((l) => {
    const hours = l.centi.map(fromCenti);
    return {
      id: l.id || null,
      project:
        l.projectId && l.projectCode !== null
          ? { id: l.projectId, code: l.projectCode, name: l.projectName ?? '' }
          : null,
      task: l.taskId ? { id: l.taskId, name: l.taskName ?? '' } : null,
      activity:
        l.activityId && l.activityCode !== null
          ? {
              id: l.activityId,
              code: l.activityCode,
              name: l.activityName ?? '',
              kind: l.activityKind as Activity['kind'],
            }
          : null,
      hours,
      total: weekTotals([hours]).total,
      approval: l.approval as LineApproval,
      decidedBy: l.decidedById ? { id: l.decidedById, name: l.decidedByName ?? '' } : null,
      comment: l.comment,
      canDecide: decidable.has(l.id),
    };
  });
  const totals = weekTotals(lines.map((l) => l.hours));
  const status = (state.sheet?.status ?? 'draft') as TimesheetStatus;
  return {
    id: state.sheet?.id ?? null,
    person: { id: state.personId, name: state.personName },
    weekStart: state.weekStart,
    isoWeek: isoWeekLabel(state.weekStart),
    status,
    submittedAt: iso(state.sheet?.submittedAt ?? null),
    decidedAt: iso(state.sheet?.decidedAt ?? null),
    comment: state.sheet?.comment ?? null,
    days: weekDays(state.weekStart, locks),
    lines,
    totals: { perDay: totals.perDay, total: totals.total },
    rules: rulesOf(settings),
    editable: ownView && isEditable(status),
    version: state.sheet?.version ?? 0,
  };
}

/** Suggested empty lines of a week never saved: the person's tasks of the week, then their projects. */
async function suggestedLines(db: Executor, personId: string, monday: string) {
  const dates = weekDates(monday);
  // One statement after the other: never two at once on one client or transaction.
  const projects = await repo.personProjects(db, personId);
  const owned = await repo.ownedTasksInWeek(db, personId, dates[0]!, dates[6]!);
  const open = projects.filter((p) => p.open);
  const byId = new Map(open.map((p) => [p.id, p]));
  const tasks = await repo.leafTasks(db, [...new Set(owned.map((o) => o.projectId))]);
  const taskName = new Map(tasks.map((t) => [t.id, t.name]));
  const lines: repo.LineRow[] = [];
  const blank = (over: Partial<repo.LineRow>): repo.LineRow => ({
    id: '',
    timesheetId: '',
    position: lines.length,
    projectId: null,
    projectCode: null,
    projectName: null,
    projectManagerId: null,
    taskId: null,
    taskName: null,
    activityId: null,
    activityCode: null,
    activityName: null,
    activityKind: null,
    approval: 'pending',
    decidedById: null,
    decidedByName: null,
    comment: null,
    centi: [0, 0, 0, 0, 0, 0, 0],
    ...over,
  });
  const withTask = new Set<string>();
  for (const o of owned) {
    const p = byId.get(o.projectId);
    if (!p) continue;
    withTask.add(p.id);
    lines.push(
      blank({
        projectId: p.id,
        projectCode: p.code,
        projectName: p.name,
        taskId: o.id,
        taskName: taskName.get(o.id) ?? '',
      }),
    );
  }
  for (const p of open) {
    if (withTask.has(p.id)) continue;
    lines.push(blank({ projectId: p.id, projectCode: p.code, projectName: p.name }));
  }
  return lines;
}

async function loadState(db: Executor, personId: string, monday: string, lock = false) {
  const sheet = await repo.findSheet(db, personId, monday, lock);
  const person = await repo.personName(db, personId);
  if (!person) throw new DomainError('PERSON_NOT_FOUND', `No person ${personId}`);
  const lines = sheet ? await repo.linesOf(db, [sheet.id]) : [];
  return { sheet: sheet ?? null, personId, personName: person.name, weekStart: monday, lines };
}

/** The signed-in person's week; a week never saved comes with suggested empty lines. */
export async function getMyTimesheet(ctx: Ctx, actor: Actor, monday: string): Promise<Timesheet> {
  const personId = personOf(actor);
  const settings = await repo.ensureSetup(ctx.db);
  const state = await loadState(ctx.db, personId, monday);
  if (!state.sheet) state.lines = await suggestedLines(ctx.db, personId, monday);
  return buildView(ctx.db, state, settings, new Set(), true);
}

/** What the signed-in person may charge time to. */
export async function myTargets(ctx: Ctx, actor: Actor): Promise<TimesheetTargets> {
  const personId = personOf(actor);
  await repo.ensureSetup(ctx.db);
  const projects = (await repo.personProjects(ctx.db, personId)).filter((p) => p.open);
  const tasks = await repo.leafTasks(
    ctx.db,
    projects.map((p) => p.id),
  );
  const activities = await repo.listActivities(ctx.db);
  const byProject = new Map<string, { id: string; name: string; wbs: string }[]>();
  for (const t of tasks) {
    const list = byProject.get(t.projectId) ?? [];
    list.push({ id: t.id, name: t.name, wbs: t.wbs });
    byProject.set(t.projectId, list);
  }
  return {
    projects: projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      tasks: byProject.get(p.id) ?? [],
    })),
    activities: activities.filter((a) => a.active).map(toActivity),
  };
}

/**
 * Checks a week's lines against the rules and the world (the person's projects, tasks,
 * activities, locked periods). Cells unchanged since the last save are not blamed for a lock
 * or a closure that came after them. Throws `TIMESHEET_INVALID` with every violation.
 */
async function checkWeek(
  tx: Executor,
  personId: string,
  monday: string,
  lines: readonly SheetLineInput[],
  previous: readonly repo.LineRow[],
  settings: repo.SettingsRow,
) {
  const dates = weekDates(monday);
  const projectIds = [...new Set(lines.flatMap((l) => (l.projectId ? [l.projectId] : [])))];
  const taskIds = [...new Set(lines.flatMap((l) => (l.taskId ? [l.taskId] : [])))];
  const projects = projectIds.length ? await repo.personProjects(tx, personId, projectIds) : [];
  const tasks = await repo.taskProjects(tx, taskIds);
  const activities = await repo.listActivities(tx);
  const locks = await repo.locksOverlapping(tx, dates[0]!, dates[6]!);
  const violations = validateWeek(lines, {
    monday,
    rules: rulesOf(settings),
    lockedPeriods: locks,
    projects: new Map(projects.map((p) => [p.id, { open: p.open }])),
    // Summary tasks are not chargeable: treated as unknown.
    taskProjects: new Map(tasks.filter((t) => !t.isSummary).map((t) => [t.id, t.projectId])),
    activities: new Map(activities.map((a) => [a.id, { active: a.active }])),
  });
  // No work on a public holiday or an approved full-day absence; partial absences cap the day.
  violations.push(
    ...(await absenceRuleViolations(
      tx,
      personId,
      monday,
      lines,
      new Map(activities.map((a) => [a.id, a.kind])),
    )),
  );
  const before = new Map(previous.map((l) => [lineKey(l), l.centi]));
  const unchanged = (line: number, day: number | null) => {
    const l = lines[line]!;
    const old = before.get(lineKey(l));
    if (!old) return false;
    if (day !== null) return old[day] === toCenti(l.hours[day] ?? 0);
    return l.hours.every((h, d) => old[d] === toCenti(h));
  };
  const real = violations.filter(
    (v) =>
      !(
        (v.code === 'PERIOD_LOCKED' ||
          v.code === 'PROJECT_CLOSED' ||
          v.code === 'ACTIVITY_INACTIVE') &&
        v.line !== null &&
        unchanged(v.line, v.day)
      ),
  );
  if (real.length > 0) {
    throw new DomainError('TIMESHEET_INVALID', `The week breaks ${real.length} rule(s)`, {
      violations: real,
    });
  }
}

function editableOrThrow(sheet: repo.SheetRow | null) {
  const status = (sheet?.status ?? 'draft') as TimesheetStatus;
  if (!isEditable(status)) {
    throw new DomainError('TIMESHEET_NOT_EDITABLE', `A ${status} timesheet cannot be changed`, {
      status,
    });
  }
}

async function writeWeek(
  tx: Executor,
  actor: Actor,
  state: SheetState,
  version: number,
  lines: readonly SheetLineInput[],
  action: 'save' | 'submit',
) {
  const settings = await repo.ensureSetup(tx);
  const current = () => buildView(tx, state, settings, new Set(), true);
  if ((state.sheet?.version ?? 0) !== version) throw stale('timesheet', await current());
  editableOrThrow(state.sheet);
  await checkWeek(tx, state.personId, state.weekStart, lines, state.lines, settings);
  const sheet = state.sheet ?? (await repo.insertSheet(tx, state.personId, state.weekStart));
  await repo.replaceLines(
    tx,
    sheet.id,
    weekDates(state.weekStart),
    lines.map((l) => ({ ...l, centi: l.hours.map(toCenti) })),
  );
  const beforeTotal = weekTotals(state.lines.map((l) => l.centi.map(fromCenti))).total;
  const afterTotal = weekTotals(lines.map((l) => l.hours)).total;
  let values: Parameters<typeof repo.updateSheet>[3] = {};
  if (action === 'submit') {
    await repo.deleteEmptyLines(tx, sheet.id);
    if (afterTotal === 0) throw new DomainError('TIMESHEET_EMPTY', 'There are no hours to submit');
    values = { status: 'submitted', submittedAt: new Date(), decidedAt: null, comment: null };
  }
  const updated = await repo.updateSheet(tx, sheet.id, sheet.version, values);
  await recordAudit(tx, actor, {
    entityType: 'timesheet',
    entityId: sheet.id,
    entityLabel: `${state.personName} — ${state.weekStart}`,
    action: state.sheet ? 'update' : 'create',
    before: state.sheet ? { status: state.sheet.status, hours: beforeTotal } : null,
    after: { status: updated!.status, hours: afterTotal, lines: lines.length },
  });
  return updated!;
}

/** Saves the signed-in person's week in one transaction (every line and cell replaced). */
export async function saveMyTimesheet(
  ctx: Ctx,
  actor: Actor,
  monday: string,
  version: number,
  body: SaveBody,
): Promise<Timesheet> {
  const personId = personOf(actor, true);
  await ctx.db.transaction(async (tx) => {
    const state = await loadState(tx, personId, monday, true);
    await writeWeek(tx, actor, state, version, body.lines, 'save');
  });
  return getMyTimesheet(ctx, actor, monday);
}

/** Saves (if lines are given) and submits the week for approval. */
export async function submitMyTimesheet(
  ctx: Ctx,
  actor: Actor,
  monday: string,
  version: number,
  body: SaveBody | undefined,
): Promise<Timesheet> {
  const personId = personOf(actor, true);
  await ctx.db.transaction(async (tx) => {
    const state = await loadState(tx, personId, monday, true);
    const lines =
      body?.lines ??
      state.lines.map((l) => ({
        projectId: l.projectId,
        taskId: l.taskId,
        activityId: l.activityId,
        hours: l.centi.map(fromCenti),
      }));
    await writeWeek(tx, actor, state, version, lines, 'submit');
  });
  return getMyTimesheet(ctx, actor, monday);
}

/**
 * Copies the previous week's lines and hours into this week (a draft), dropping hours on
 * locked days and lines of projects closed or activities withdrawn since.
 */
export async function copyPreviousWeek(
  ctx: Ctx,
  actor: Actor,
  monday: string,
  version: number,
): Promise<Timesheet> {
  const personId = personOf(actor, true);
  await ctx.db.transaction(async (tx) => {
    const state = await loadState(tx, personId, monday, true);
    const previous = await repo.findSheet(tx, personId, shiftWeek(monday, -1));
    const prevLines = previous ? await repo.linesOf(tx, [previous.id]) : [];
    const dates = weekDates(monday);
    const locks = await repo.locksOverlapping(tx, dates[0]!, dates[6]!);
    const projects = await repo.personProjects(tx, personId);
    const activities = await repo.listActivities(tx);
    const openProjects = new Set(projects.filter((p) => p.open).map((p) => p.id));
    const activeActivities = new Set(activities.filter((a) => a.active).map((a) => a.id));
    const locked = dates.map((d) => locks.some((l) => l.from <= d && d <= l.to));
    const lines = prevLines
      .filter((l) =>
        l.projectId ? openProjects.has(l.projectId) : activeActivities.has(l.activityId!),
      )
      .map((l) => ({
        projectId: l.projectId,
        taskId: l.taskId,
        activityId: l.activityId,
        hours: l.centi.map((c, d) => (locked[d] ? 0 : fromCenti(c))),
      }));
    // Holidays and approved absences of this week are left empty (or trimmed, half days).
    const fitted = await fitLinesToAbsences(
      tx,
      personId,
      monday,
      lines,
      new Map(activities.map((a) => [a.id, a.kind])),
    );
    await writeWeek(tx, actor, state, version, fitted, 'save');
  });
  return getMyTimesheet(ctx, actor, monday);
}

// ---------------------------------------------------------------- approvals

/** The weeks waiting for the signed-in user's decision. */
export async function listPending(ctx: Ctx, actor: Actor): Promise<{ items: PendingTimesheet[] }> {
  const approver = await approverOf(ctx.db, actor);
  const rows = await repo.pendingFor(ctx.db, approver);
  return {
    items: rows.map((r) => ({
      id: r.id,
      person: { id: r.personId, name: r.personName },
      weekStart: r.weekStart,
      submittedAt: iso(r.submittedAt),
      total: fromCenti(r.totalCenti),
      pendingHours: fromCenti(r.pendingCenti),
      projects: (r.projects ?? []).sort(),
      version: r.version,
    })),
  };
}

/**
 * A week seen by someone else than its person: its approvers, the person's line manager,
 * the managers of its projects, and those who see every timesheet (`time.approve`,
 * `time.report`). Anyone else gets `TIMESHEET_NOT_FOUND`.
 */
export async function getTimesheet(ctx: Ctx, actor: Actor, id: string): Promise<Timesheet> {
  const sheet = await repo.findSheetById(ctx.db, id);
  if (!sheet) throw new DomainError('TIMESHEET_NOT_FOUND', `No timesheet ${id}`);
  const settings = await repo.ensureSetup(ctx.db);
  const state = await loadState(ctx.db, sheet.personId, sheet.weekStart);
  const own = actor.personId === sheet.personId;
  const approver = await approverOf(ctx.db, actor);
  const decidable = new Set((await repo.decidableLineIds(ctx.db, approver, [id])).map((r) => r.id));
  const person = await repo.personName(ctx.db, sheet.personId);
  const sees =
    own ||
    roleGrants(actor.role, 'time.approve') ||
    roleGrants(actor.role, 'time.report') ||
    decidable.size > 0 ||
    (actor.personId !== null &&
      (person?.managerId === actor.personId ||
        state.lines.some((l) => l.projectManagerId === actor.personId)));
  if (!sees) throw new DomainError('TIMESHEET_NOT_FOUND', `No timesheet ${id}`);
  return buildView(ctx.db, state, settings, decidable, own);
}

interface Decision {
  id: string;
  version: number;
}

/**
 * Decides the lines the actor may decide on some weeks, set-wise: a fixed number of statements
 * whatever the number of weeks. Stale versions and weeks with nothing for the actor are skipped.
 */
async function decide(
  tx: Executor,
  actor: Actor,
  items: readonly Decision[],
  decision: 'approved' | 'rejected',
  comment: string | null,
) {
  const approver = await approverOf(tx, actor);
  const ids = items.map((i) => i.id);
  const sheets = await repo.sheetsByIds(tx, ids);
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const fresh = items.filter((i) => byId.get(i.id)?.version === i.version).map((i) => i.id);
  const lines = await repo.decidableLineIds(tx, approver, fresh);
  const sheetsWithLines = new Set(lines.map((l) => l.timesheetId));
  await repo.decideLines(
    tx,
    lines.map((l) => l.id),
    decision,
    { userId: userIdOf(actor), name: actor.name },
    comment,
  );
  const decided = [...sheetsWithLines];
  const settled = await repo.settleSheets(tx, decided, comment);
  // Sheets still partly pending changed too (some lines decided): bump their version.
  const settledIds = new Set(settled.map((s) => s.id));
  await repo.bumpVersions(
    tx,
    decided.filter((id) => !settledIds.has(id)),
  );
  const statusOf = new Map(settled.map((x) => [x.id, x.status]));
  const linesPerSheet = new Map<string, number>();
  for (const l of lines)
    linesPerSheet.set(l.timesheetId, (linesPerSheet.get(l.timesheetId) ?? 0) + 1);
  await recordAudits(
    tx,
    actor,
    decided.map((id) => {
      const s = byId.get(id)!;
      return {
        entityType: 'timesheet' as const,
        entityId: id,
        entityLabel: `${s.personName} — ${s.weekStart}`,
        action: 'update' as const,
        before: { status: 'submitted' },
        after: {
          status: statusOf.get(id) ?? 'submitted',
          lines: linesPerSheet.get(id) ?? 0,
          ...(comment ? { comment } : {}),
        },
      };
    }),
  );
  const skipped = items
    .filter((i) => !sheetsWithLines.has(i.id))
    .map((i) => ({
      id: i.id,
      reason:
        byId.get(i.id) && byId.get(i.id)!.version !== i.version
          ? ('VERSION_MISMATCH' as const)
          : ('NOT_APPROVABLE' as const),
    }));
  return { decided, settled, skipped };
}

async function decideOne(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  decision: 'approved' | 'rejected',
  comment: string | null,
): Promise<Timesheet> {
  assertMayWrite(actor);
  await ctx.db.transaction(async (tx) => {
    const sheet = await repo.findSheetById(tx, id, true);
    if (!sheet) throw new DomainError('TIMESHEET_NOT_FOUND', `No timesheet ${id}`);
    if (sheet.version !== version) {
      throw stale('timesheet', await getTimesheet({ ...ctx, db: tx }, actor, id));
    }
    const { decided } = await decide(tx, actor, [{ id, version }], decision, comment);
    if (decided.length === 0) {
      // Visible but nothing to decide: say why (not submitted, or not the actor's to decide).
      await getTimesheet({ ...ctx, db: tx }, actor, id);
      throw new DomainError('FORBIDDEN', 'Nothing in this timesheet waits for your decision', {
        status: sheet.status,
      });
    }
    if (decision === 'rejected') {
      await notifyPerson(tx, sheet.personId, 'time.rejected', id, {
        week: sheet.weekStart,
        by: actor.name,
        comment: comment ?? '',
      });
    }
  });
  return getTimesheet(ctx, actor, id);
}

export function approveTimesheet(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  comment: string | undefined,
) {
  return decideOne(ctx, actor, id, version, 'approved', comment ?? null);
}

export function rejectTimesheet(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  comment: string,
) {
  return decideOne(ctx, actor, id, version, 'rejected', comment);
}

/** Approves many weeks in one action and one transaction, set-wise. */
export async function bulkApprove(
  ctx: Ctx,
  actor: Actor,
  items: readonly Decision[],
  comment: string | undefined,
): Promise<z.infer<typeof BulkApproveResult>> {
  assertMayWrite(actor);
  return ctx.db.transaction(async (tx) => {
    const { decided, skipped } = await decide(tx, actor, items, 'approved', comment ?? null);
    return { approved: decided, skipped };
  });
}

// ---------------------------------------------------------------- notifications hook

async function notifyPerson(
  tx: Executor,
  personId: string,
  kind: string,
  timesheetId: string,
  data: Record<string, string>,
) {
  await notify(tx, { personId, kind, entity: { type: 'timesheet', id: timesheetId }, data });
}

// ---------------------------------------------------------------- consolidation

/** Hours of a month per person or per project, split by approval state. */
export async function consolidation(
  ctx: Ctx,
  month: string,
  by: 'person' | 'project',
): Promise<Consolidation> {
  const { from, to } = monthBounds(month);
  const rows = await repo.consolidate(ctx.db, from, to, by);
  // People the French way, surname first (the database's collation may not be French).
  if (by === 'person') {
    rows.sort((a, b) =>
      bySurname(
        { lastName: a.lastName ?? '', firstName: a.firstName ?? '' },
        { lastName: b.lastName ?? '', firstName: b.firstName ?? '' },
      ),
    );
  }
  const locks = await repo.locksOverlapping(ctx.db, from, to);
  const out = rows.map((r) => ({
    key: r.key,
    code: r.code,
    name: r.name,
    kind: r.kind,
    approved: fromCenti(r.approved),
    submitted: fromCenti(r.submitted),
    draft: fromCenti(r.draft),
    total: fromCenti(r.approved + r.submitted + r.draft),
    people: r.people,
  }));
  const sum = (k: 'approved' | 'submitted' | 'draft') =>
    fromCenti(rows.reduce((a, r) => a + r[k], 0));
  const totals = { approved: sum('approved'), submitted: sum('submitted'), draft: sum('draft') };
  return {
    month,
    by,
    locked: locks.some((l) => l.from <= from && l.to >= to),
    rows: out,
    totals: {
      ...totals,
      total: fromCenti(toCenti(totals.approved + totals.submitted + totals.draft)),
    },
  };
}

// ---------------------------------------------------------------- for finance and planning

/**
 * Approved hours aggregated by (project, task, person, date): the labour actuals. Finance
 * multiplies them by the person's cost rate of that date. Set-wise, one query.
 */
export async function approvedHours(
  db: Executor,
  filter: {
    projectIds?: readonly string[];
    personIds?: readonly string[];
    from?: string;
    to?: string;
  },
) {
  const rows = await repo.approvedHours(db, filter);
  return rows.map((r) => ({
    projectId: r.projectId,
    taskId: r.taskId,
    personId: r.personId,
    date: r.date,
    hours: fromCenti(r.centi),
  }));
}

/** Approved hours per planning task of a project (actual work, for the plan to show). */
export async function actualHoursByTask(db: Executor, projectId: string) {
  const rows = await repo.approvedHoursByTask(db, projectId);
  return new Map(rows.map((r) => [r.taskId, fromCenti(r.centi)]));
}
