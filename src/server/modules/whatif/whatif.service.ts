import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Priority } from '../../../contracts/portfolio.ts';
import type {
  ApplyPortfolioLevelingBody,
  HypotheticalProject,
  PortfolioLevelingApplied,
  PortfolioLevelingPreview,
  PortfolioWhatIfBody,
  PortfolioWhatIfResult,
  WhatIfProjectRef,
} from '../../../contracts/whatif.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { WorkCalendar, WorkingDayIndex } from '../../../core/calendar/work-calendar.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { bucketEdges, computeCapacity } from '../../../core/resources/capacity.ts';
import type { LevelLink, LevelTask } from '../../../core/resources/leveling.ts';
import {
  type LoadRow,
  PRIORITY_RANK,
  type PortfolioProject,
  applyScenario,
  hypotheticalTasks,
  levelPortfolio,
} from '../../../core/whatif/portfolio.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { peopleBriefs } from '../org/org.service.ts';
import { applyTaskUpdates } from '../planning/planning.service.ts';
import { DEFAULT_CALENDAR, calendarSpec } from '../planning/planning.schedule.ts';
import { projects as projectsTable } from '../portfolio/portfolio.tables.ts';
import {
  authorizeProject,
  getPortfolio,
  visibleProjectsCondition,
} from '../portfolio/portfolio.service.ts';
import {
  dailyAvailability,
  workdayMasks,
  names,
  readInputs,
  toHeatMap,
  toSnapshot,
} from '../resources/capacity.service.ts';
import { readPlans } from '../staff/portfolio-plans.ts';

/** Working days a task may be pushed looking for room (about two years). */
const MAX_DELAY = 520;
const NEW_ID = 'new';

/** The portfolio's live projects the actor may see (proposed, active, on hold), by code. */
async function portfolioProjects(db: Executor, actor: Actor, portfolioId: string) {
  const visible = visibleProjectsCondition(actor);
  return db
    .select({
      id: projectsTable.id,
      code: projectsTable.code,
      name: projectsTable.name,
      priority: projectsTable.priority,
    })
    .from(projectsTable)
    .where(
      and(
        eq(projectsTable.portfolioId, portfolioId),
        isNull(projectsTable.archivedAt),
        inArray(projectsTable.status, ['proposed', 'active', 'on_hold']),
        ...(visible ? [visible] : []),
      ),
    )
    .orderBy(asc(projectsTable.code));
}

interface ScenarioInput {
  priorities: ReadonlyMap<string, Priority>;
  removed: ReadonlySet<string>;
  /** Calendar days. */
  shifts: ReadonlyMap<string, number>;
  added: HypotheticalProject | null;
  includeSoft: boolean;
}

interface LeveledTask {
  projectId: string;
  taskId: string;
  durationDays: number;
  /** Epoch days, before and after leveling (the scenario's shift included). */
  start: number;
  newStart: number;
  newFinish: number;
}

/**
 * Levels the portfolio's tasks (and a hypothetical project) by priority, with the scenario's
 * priorities, removals and shifts: the plans are read, nothing is saved.
 */
async function levelScenario(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  s: ScenarioInput,
): Promise<{
  preview: PortfolioLevelingPreview;
  leveled: LeveledTask[];
  /** The hypothetical project's people with their leveled start and finish (epoch days). */
  added: { personId: string; hoursPerWeek: number; start: number; finish: number }[];
}> {
  const all = await portfolioProjects(ctx.db, actor, portfolioId);
  const ids = new Set(all.map((p) => p.id));
  for (const id of [...s.priorities.keys(), ...s.removed, ...s.shifts.keys()]) {
    if (!ids.has(id)) {
      throw new DomainError(
        'WHATIF_PROJECT_NOT_IN_PORTFOLIO',
        `The project ${id} is not a live project of this portfolio`,
        { projectId: id },
      );
    }
  }
  const live = all.filter((p) => !s.removed.has(p.id));
  // Every live project's plan set-wise (four statements, whatever the number of projects);
  // the projects were filtered on what the actor may see.
  const byProject = await readPlans(
    ctx.db,
    live.map((p) => p.id),
  );
  const plans = live.map((p) => byProject.get(p.id)!);
  const leavesOf = plans.map((plan) => plan.tasks);
  const shiftOf = live.map((p) => s.shifts.get(p.id) ?? 0);

  let first = Infinity;
  let last = -Infinity;
  leavesOf.forEach((leaves, j) => {
    for (const t of leaves) {
      first = Math.min(first, toEpochDay(t.start) + shiftOf[j]!);
      last = Math.max(last, toEpochDay(t.finish) + shiftOf[j]!);
    }
  });
  if (s.added) {
    first = Math.min(first, toEpochDay(s.added.start));
    last = Math.max(last, toEpochDay(s.added.finish));
  }
  const refOf = (p: (typeof all)[number]): WhatIfProjectRef => ({
    id: p.id,
    code: p.code,
    name: p.name,
    hypothetical: false,
  });
  const addedRef: WhatIfProjectRef = {
    id: NEW_ID,
    code: '',
    name: s.added?.name ?? '',
    hypothetical: true,
  };
  const priorityOf = (p: (typeof all)[number]) =>
    s.priorities.get(p.id) ?? (p.priority as Priority);
  const projectsOut = live.map((p, j) => ({
    ...refOf(p),
    priority: priorityOf(p),
    finishBefore: plans[j]!.projectFinish,
    finishAfter: plans[j]!.projectFinish,
    moved: 0,
  }));
  if (s.added) {
    projectsOut.push({
      ...addedRef,
      priority: s.added.priority,
      finishBefore: s.added.finish,
      finishAfter: s.added.finish,
      moved: 0,
    });
  }
  const taskCount = leavesOf.reduce((n, l) => n + l.length, 0) + (s.added?.people.length ?? 0);
  const emptyResult = (fingerprint: string) => ({
    preview: {
      portfolioId,
      projects: projectsOut,
      moves: [],
      overBefore: 0,
      overAfter: 0,
      overHoursBefore: 0,
      overHoursAfter: 0,
      dropped: 0,
      unresolved: [],
      people: 0,
      tasks: taskCount,
      fingerprint,
    },
    leveled: [],
    added:
      s.added?.people.map((x) => ({
        ...x,
        start: toEpochDay(s.added!.start),
        finish: toEpochDay(s.added!.finish),
      })) ?? [],
  });
  if (!Number.isFinite(first)) return emptyResult('empty');

  const y0 = Number(fromEpochDay(first).slice(0, 4));
  const y1 = Number(fromEpochDay(last).slice(0, 4)) + Math.ceil(MAX_DELAY / 250) + 1;
  // One working-day axis for every project: the company calendar.
  const calendar = new WorkCalendar(calendarSpec(DEFAULT_CALENDAR, y0 - 1, y1));
  const days = new WorkingDayIndex(calendar, first);

  // Assignments, one project at a time; people indexed in order of appearance.
  const personIds: string[] = [];
  const personIndex = new Map<string, number>();
  const personOf = (id: string) => {
    let i = personIndex.get(id);
    if (i === undefined) {
      i = personIds.length;
      personIds.push(id);
      personIndex.set(id, i);
    }
    return i;
  };
  const input: PortfolioProject[] = [];
  const assignmentsOf: { personId: string; taskIndex: number; effortHours: number }[][] = [];
  for (let j = 0; j < live.length; j++) {
    const leaves = leavesOf[j]!;
    const index = new Map(leaves.map((t, i) => [t.id, i]));
    const tasks: Omit<LevelTask, 'priority'>[] = leaves.map((t) => ({
      start: days.indexOnOrAfter(toEpochDay(t.start) + shiftOf[j]!),
      duration: t.milestone ? 0 : t.duration,
      totalFloat: t.totalFloat,
      demands: [],
      fixed: t.fixed,
    }));
    const list: { personId: string; taskIndex: number; effortHours: number }[] = [];
    for (const a of plans[j]!.assignments) {
      const i = index.get(a.taskId);
      if (i === undefined) continue;
      list.push({ personId: a.personId, taskIndex: i, effortHours: a.effortHours });
      const t = tasks[i]!;
      if (t.duration <= 0 || a.effortHours <= 0) continue;
      (t.demands as { resource: number; hoursPerDay: number }[]).push({
        resource: personOf(a.personId),
        hoursPerDay: a.effortHours / t.duration,
      });
    }
    assignmentsOf.push(list);
    const links: LevelLink[] = plans[j]!.links.filter(
      (l) => index.has(l.fromTaskId) && index.has(l.toTaskId),
    ).map((l) => ({
      from: index.get(l.fromTaskId)!,
      to: index.get(l.toTaskId)!,
      type: l.type,
      lag: l.lag,
    }));
    input.push({ priority: PRIORITY_RANK[priorityOf(live[j]!)], tasks, links });
  }
  if (s.added) {
    const start = days.indexOnOrAfter(toEpochDay(s.added.start));
    const end = days.indexOnOrAfter(toEpochDay(s.added.finish) + 1);
    const people = s.added.people.map((x) => ({
      resource: personOf(x.personId),
      hoursPerWeek: x.hoursPerWeek,
    }));
    input.push({
      priority: PRIORITY_RANK[s.added.priority],
      tasks: hypotheticalTasks(people, start, Math.max(1, end - start)),
      links: [],
    });
  }
  if (personIds.length === 0) return emptyResult('no-people');

  // Hours left each working day once the loads outside the portfolio are counted.
  let horizon = 0;
  for (const p of input) for (const t of p.tasks) horizon = Math.max(horizon, t.start + t.duration);
  horizon += MAX_DELAY;
  const span = days.span(0, horizon);
  const fromDay = span[0]!;
  const toDay = span[span.length - 1]! + 1;
  const available = await dailyAvailability(
    ctx.db,
    personIds,
    fromDay,
    toDay,
    all.map((p) => p.id),
    s.includeSoft,
  );
  const capacity = personIds.map((id) => {
    const daily = available.get(id);
    const row = new Float64Array(span.length);
    if (daily) for (let k = 0; k < span.length; k++) row[k] = daily[span[k]! - fromDay]!;
    return row;
  });

  // Each person's effort goes on the days they work (a part-timer's day off asks nothing).
  const workdays = await workdayMasks(ctx.db, personIds, span);
  const result = levelPortfolio(input, capacity, MAX_DELAY, workdays);
  // Names of the people leveled only (the hypothetical project's tasks are named after them).
  const named = await peopleBriefs(ctx.db, [
    ...personIds,
    ...(s.added?.people.map((x) => x.personId) ?? []),
  ]);
  const personName = new Map(named.map((p) => [p.id, p.name]));
  const projectRef = (j: number) => (j < live.length ? refOf(live[j]!) : addedRef);
  const taskRef = (j: number, i: number) => {
    if (j < live.length) {
      const t = leavesOf[j]![i]!;
      return { id: t.id, wbs: t.wbs, name: t.name };
    }
    const who = s.added!.people.filter((x) => x.hoursPerWeek > 0)[i]!;
    return { id: `${NEW_ID}-${i}`, wbs: '', name: personName.get(who.personId) ?? '' };
  };
  const date = (k: number) => fromEpochDay(days.dayOf(k));
  const moves = result.moves.map((m) => ({
    project: projectRef(m.project),
    task: taskRef(m.project, m.task),
    from: date(input[m.project]!.tasks[m.task]!.start),
    to: date(m.to),
    delay: m.delay,
    totalFloat: m.project < live.length ? leavesOf[m.project]![m.task]!.totalFloat : null,
    reason: m.reason,
    person:
      m.resource === null
        ? null
        : { id: personIds[m.resource]!, name: personName.get(personIds[m.resource]!) ?? '' },
    blockedBy:
      m.blockedBy === null
        ? null
        : {
            project: projectRef(m.blockedBy.project),
            task: taskRef(m.blockedBy.project, m.blockedBy.task),
          },
    gain: m.gain,
  }));
  // Finishes and counts per project.
  input.forEach((p, j) => {
    let finish = -Infinity;
    p.tasks.forEach((t, i) => {
      const at = result.starts[j]![i]!;
      finish = Math.max(finish, days.dayOf(t.duration > 0 ? at + t.duration - 1 : at));
    });
    const out = projectsOut[j]!;
    out.moved = result.moves.filter((m) => m.project === j).length;
    if (Number.isFinite(finish) && out.moved > 0) out.finishAfter = fromEpochDay(finish);
  });
  const leveled: LeveledTask[] = [];
  for (let j = 0; j < live.length; j++) {
    input[j]!.tasks.forEach((t, i) => {
      const at = result.starts[j]![i]!;
      leveled.push({
        projectId: live[j]!.id,
        taskId: leavesOf[j]![i]!.id,
        durationDays: t.duration,
        start: days.dayOf(t.start),
        newStart: days.dayOf(at),
        newFinish: days.dayOf(t.duration > 0 ? at + t.duration - 1 : at),
      });
    });
  }
  const added: { personId: string; hoursPerWeek: number; start: number; finish: number }[] = [];
  if (s.added) {
    const j = live.length;
    s.added.people
      .filter((x) => x.hoursPerWeek > 0)
      .forEach((x, i) => {
        const t = input[j]!.tasks[i]!;
        const at = result.starts[j]![i]!;
        added.push({
          ...x,
          start: days.dayOf(at),
          finish: days.dayOf(at + t.duration - 1),
        });
      });
  }
  const fingerprint = createHash('sha1')
    .update(
      JSON.stringify([
        moves.map((m) => [m.project.id, m.task.id, m.to]),
        result.overAfter,
        projectsOut.map((p) => [p.id, p.priority]),
      ]),
    )
    .digest('base64url')
    .slice(0, 20);
  return {
    preview: {
      portfolioId,
      projects: projectsOut,
      moves,
      overBefore: result.overBefore,
      overAfter: result.overAfter,
      overHoursBefore: result.overHoursBefore,
      overHoursAfter: result.overHoursAfter,
      dropped: result.dropped,
      unresolved: result.unresolved.map((u) => ({
        project: projectRef(u.project),
        task: taskRef(u.project, u.task),
      })),
      people: personIds.length,
      tasks: taskCount,
      fingerprint,
    },
    leveled,
    added,
  };
}

const noScenario = (includeSoft: boolean): ScenarioInput => ({
  priorities: new Map(),
  removed: new Set(),
  shifts: new Map(),
  added: null,
  includeSoft,
});

/** What leveling the portfolio by priority would move, and why: nothing is saved. */
export async function previewPortfolioLeveling(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  body: { includeSoft: boolean },
): Promise<PortfolioLevelingPreview> {
  await getPortfolio(ctx, actor, portfolioId);
  return (await levelScenario(ctx, actor, portfolioId, noScenario(body.includeSoft))).preview;
}

/**
 * Applies the portfolio leveling the user saw, in one transaction: leveled again, it must give
 * the same result (else LEVELING_STALE with the new preview); each task delayed for a person gets
 * a "start no earlier than" constraint through planning (the right to change each plan it
 * touches is checked first; one reschedule and one audit event per task).
 */
export async function applyPortfolioLeveling(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  body: z.infer<typeof ApplyPortfolioLevelingBody>,
): Promise<PortfolioLevelingApplied> {
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    await getPortfolio(inTx, actor, portfolioId);
    const { preview } = await levelScenario(inTx, actor, portfolioId, noScenario(body.includeSoft));
    const byProject = new Map<string, { taskId: string; to: string }[]>();
    for (const m of preview.moves) {
      if (m.reason === 'predecessor' || m.project.hypothetical) continue;
      let list = byProject.get(m.project.id);
      if (!list) byProject.set(m.project.id, (list = []));
      list.push({ taskId: m.task.id, to: m.to });
    }
    // The right to change every plan touched, before anything is said about staleness.
    for (const projectId of byProject.keys()) {
      await authorizeProject(tx, actor, projectId, 'project.update');
    }
    if (preview.fingerprint !== body.fingerprint) {
      throw new DomainError(
        'LEVELING_STALE',
        'The plans or the loads changed since the preview: review the new one',
        { preview },
      );
    }
    let constrained = 0;
    for (const [projectId, items] of byProject) {
      await applyTaskUpdates(
        inTx,
        actor,
        projectId,
        items.map((x) => ({
          taskId: x.taskId,
          changes: { constraint: { type: 'SNET' as const, date: x.to } },
        })),
      );
      constrained += items.length;
    }
    return { constrained, projects: byProject.size, moves: preview.moves.length };
  });
}

/**
 * A portfolio what-if: the heat map as it is, and as it would be with some projects'
 * priorities changed, some removed or shifted, a hypothetical one added, and (by default) the
 * portfolio leveled by priority. Nothing is saved.
 */
export async function portfolioWhatIf(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  body: PortfolioWhatIfBody,
): Promise<PortfolioWhatIfResult> {
  await getPortfolio(ctx, actor, portfolioId);
  const scenario: ScenarioInput = {
    priorities: new Map(body.priorities.map((x) => [x.projectId, x.priority])),
    removed: new Set(body.removed),
    shifts: new Map(body.shifts.map((x) => [x.projectId, x.days])),
    added: body.added,
    includeSoft: body.includeSoft,
  };
  const params = { ...body };
  const edges = bucketEdges(toEpochDay(body.from), body.buckets, body.unit);
  let margin = 0;
  for (const d of scenario.shifts.values()) margin = Math.max(margin, Math.abs(d));
  const inputs = await readInputs(ctx.db, body, edges, margin);
  const n = await names(ctx.db);
  const before = toSnapshot(inputs);

  const leveling = body.level ? await levelScenario(ctx, actor, portfolioId, scenario) : null;
  if (!leveling) {
    // The scenario checks still apply without leveling.
    const ids = new Set((await portfolioProjects(ctx.db, actor, portfolioId)).map((p) => p.id));
    for (const id of [
      ...scenario.priorities.keys(),
      ...scenario.removed,
      ...scenario.shifts.keys(),
    ]) {
      if (!ids.has(id)) {
        throw new DomainError(
          'WHATIF_PROJECT_NOT_IN_PORTFOLIO',
          `The project ${id} is not a live project of this portfolio`,
          { projectId: id },
        );
      }
    }
  }
  const c = inputs.columns;
  const projectIndex = new Map(c.projects.map((id, j) => [id, j]));
  const personIndex = new Map(c.people.map((id, i) => [id, i]));
  const hypothetical = c.projects.length;
  const extra: LoadRow[] = [];
  const replaced = new Set<number>();
  if (leveling) {
    // The leveled tasks' effort replaces the portfolio's task loads (shift included).
    const assignments = await assignmentsByTask(
      ctx.db,
      leveling.leveled.map((t) => t.projectId),
    );
    for (const t of leveling.leveled) {
      const j = projectIndex.get(t.projectId);
      if (j === undefined) continue;
      replaced.add(j);
      for (const a of assignments.get(t.taskId) ?? []) {
        const p = personIndex.get(a.personId);
        if (p === undefined || a.effortHours <= 0) continue;
        extra.push({ p, j, s: t.newStart, f: t.newFinish, k: 2, a: a.effortHours, sf: 0 });
      }
    }
  }
  const added =
    leveling?.added ??
    body.added?.people.map((x) => ({
      ...x,
      start: toEpochDay(body.added!.start),
      finish: toEpochDay(body.added!.finish),
    })) ??
    [];
  for (const x of added) {
    const p = personIndex.get(x.personId);
    if (p === undefined) continue;
    extra.push({ p, j: hypothetical, s: x.start, f: x.finish, k: 0, a: x.hoursPerWeek, sf: 0 });
  }
  const toIndex = (ids: Iterable<string>) =>
    new Set([...ids].map((id) => projectIndex.get(id)).filter((j) => j !== undefined));
  const loads = applyScenario(c.loads, {
    removed: toIndex(scenario.removed),
    shifts: new Map(
      [...scenario.shifts]
        .map(([id, d]) => [projectIndex.get(id), d] as const)
        .filter((x): x is readonly [number, number] => x[0] !== undefined),
    ),
    replacedEffort: replaced,
    extra,
  });
  const after = toSnapshot({
    ...inputs,
    columns: { ...c, projects: [...c.projects, NEW_ID], loads },
  });
  return {
    before: toHeatMap(before, computeCapacity(before), params, n),
    after: toHeatMap(after, computeCapacity(after), params, n),
    leveling: leveling?.preview ?? null,
  };
}

/** Task assignments of some projects by task (person and effort), set-wise. */
async function assignmentsByTask(db: Executor, projectIds: readonly string[]) {
  const out = new Map<string, { personId: string; effortHours: number }[]>();
  for (const plan of (await readPlans(db, [...new Set(projectIds)])).values()) {
    for (const a of plan.assignments) {
      let list = out.get(a.taskId);
      if (!list) out.set(a.taskId, (list = []));
      list.push({ personId: a.personId, effortHours: a.effortHours });
    }
  }
  return out;
}
