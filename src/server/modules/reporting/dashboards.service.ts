import { MethodologyContent } from '../../../contracts/governance.ts';
import type {
  MyAction,
  MyApprovals,
  MyHome,
  MyProject,
  MyTimesheet,
} from '../../../contracts/dashboards.ts';
import type { ProjectStatus } from '../../../contracts/portfolio.ts';
import {
  compareActions,
  expectedWeekHours,
  isOverdue,
  validWeekHours,
} from '../../../core/dashboards/home.ts';
import { gateReadiness, mayDecideGate } from '../../../core/governance/gates.ts';
import type { DeliverableStatus } from '../../../core/governance/model.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import { trendOf, type Weather } from '../../../core/reporting/weather.ts';
import { mondayOfDate, shiftWeek, weekDates } from '../../../core/time/timesheet.ts';
import type { Ctx } from '../../context.ts';
import { visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import { getMyTimesheet, listPending } from '../time/time.service.ts';
import { listActionsForPerson } from '../risks/raid.service.ts';
import { phaseMilestoneStates } from '../methods/catalogue.service.ts';
import * as repo from './dashboards.repository.ts';
import { reportsDue, today } from './reporting.service.ts';

const iso = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

async function myProjects(ctx: Ctx, actor: Actor, due: MyHome['reportsDue']) {
  if (!actor.personId) return [];
  const rows = await repo.myProjects(ctx.db, actor.personId);
  const dueBy = new Map(due.map((d) => [d.project.id, d]));
  return rows.map((r): MyProject => {
    const roles = new Set<MyProject['roles'][number]>();
    if (r.isManager) roles.add('project_manager');
    if (r.isSponsor) roles.add('sponsor');
    if (r.memberRole) roles.add(r.memberRole as MyProject['roles'][number]);
    const d = dueBy.get(r.id);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      status: r.status as ProjectStatus,
      portfolio: { id: r.portfolioId, name: r.portfolioName },
      roles: [...roles],
      plannedEnd: r.plannedEnd,
      weather: (r.overall as Weather | null) ?? null,
      weatherPeriod: r.periodStart,
      trend: r.overall ? trendOf(r.previousOverall as Weather | null, r.overall as Weather) : null,
      reportDue: d ? { periodStart: d.periodStart, state: d.state } : null,
    };
  });
}

async function myActions(ctx: Ctx, actor: Actor, now: string): Promise<MyAction[]> {
  if (!actor.personId) return [];
  const rows = await repo.myRiskActions(ctx.db, actor.personId, visibleProjectsCondition(actor));
  const items = rows.map((r): MyAction => ({
    kind: 'risk_response',
    id: r.id,
    reference: `R-${r.number}`,
    title: r.title,
    response: r.response,
    strategy: r.strategy,
    status: r.status,
    score: Number(r.score),
    source: null,
    dueDate: r.proximity,
    overdue: isOverdue(r.proximity, now),
    project: r.projectId
      ? { id: r.projectId, code: r.projectCode ?? '', name: r.projectName ?? '' }
      : null,
    program: r.programId ? { id: r.programId, name: r.programName ?? '' } : null,
  }));
  // The shared RAID actions I own (issues, decisions, change requests, risks).
  for (const a of await listActionsForPerson(ctx, actor.personId)) {
    items.push({
      kind: 'action',
      id: a.id,
      reference: a.source.code,
      title: a.title,
      response: a.source.title,
      strategy: null,
      status: a.status,
      score: null,
      source: a.source.type,
      dueDate: a.dueDate,
      overdue: isOverdue(a.dueDate, now),
      project: a.project ? { id: a.project.id, code: '', name: a.project.name } : null,
      program: a.program,
    });
  }
  return items.sort(compareActions(now));
}

/** Gates of current phases that are ready (everything checked and approved) and that I may decide. */
async function gatesToDecide(ctx: Ctx, actor: Actor): Promise<MyApprovals['gates']> {
  if (!roleGrants(actor.role, 'gate.decide') && !actor.personId) return [];
  const lifecycles = await repo.activeLifecycles(
    ctx.db,
    visibleProjectsCondition(actor),
    actor.personId,
  );
  const candidates = lifecycles.flatMap((l) => {
    const parsed = MethodologyContent.safeParse(l.content);
    if (!parsed.success) return [];
    const phase = parsed.data.phases.find((p) => p.key === l.currentPhaseKey);
    if (!phase?.gate) return [];
    if (!mayDecideGate(phase.gate.approvers, actor.role, l.isSponsor ? ['sponsor'] : [])) return [];
    return [{ l, phase, content: parsed.data }];
  });
  const states = await repo.gateStates(
    ctx.db,
    candidates.map((c) => c.l.projectId),
  );
  const out: MyApprovals['gates'] = [];
  for (const { l, phase, content } of candidates) {
    const deliverables = states.deliverables
      .filter((d) => d.projectId === l.projectId)
      .map((d) => ({ ...d, status: d.status as DeliverableStatus }));
    const checked = new Set(
      states.checks
        .filter((c) => c.projectId === l.projectId && c.phaseKey === phase.key)
        .map((c) => c.criterionKey),
    );
    let r = gateReadiness(phase, deliverables, checked);
    if (!r.ready) continue;
    // The standard milestones the gate requires, as the gate review counts them: read only for
    // the few gates otherwise ready, and only when the phase names some (no query otherwise).
    const milestones = await phaseMilestoneStates(ctx.db, l.projectId, content, phase.key);
    if (milestones.length > 0) r = gateReadiness(phase, deliverables, checked, milestones);
    if (!r.ready) continue;
    out.push({
      project: { id: l.projectId, code: l.code, name: l.name },
      phaseName: phase.name,
      gateName: phase.gate!.name,
      readiness: r.percent,
    });
  }
  return out;
}

async function myApprovals(ctx: Ctx, actor: Actor): Promise<MyApprovals> {
  const approvesTime = roleGrants(actor.role, 'time.approve') || actor.personId !== null;
  // One after the other: one executor runs one statement at a time.
  const timesheets = approvesTime ? await listPending(ctx, actor) : { items: [] };
  const revisions = roleGrants(actor.role, 'finance.manage')
    ? await repo.pendingRevisions(ctx.db, visibleProjectsCondition(actor))
    : [];
  const gates = await gatesToDecide(ctx, actor);
  return {
    timesheets: timesheets.items.map((s) => ({
      id: s.id,
      person: s.person,
      weekStart: s.weekStart,
      pendingHours: s.pendingHours,
      submittedAt: s.submittedAt,
    })),
    budgetRevisions: revisions.map((r) => ({
      id: r.id,
      project: { id: r.projectId, code: r.projectCode, name: r.projectName },
      number: r.number,
      total: Number(r.total),
      reason: r.reason,
      submittedBy: r.submittedByName,
      submittedAt: iso(r.createdAt)!,
    })),
    gates,
  };
}

async function myTimesheet(ctx: Ctx, actor: Actor, now: string): Promise<MyTimesheet | null> {
  if (!actor.personId) return null;
  const monday = mondayOfDate(now);
  const previous = shiftWeek(monday, -1);
  const sheet = await getMyTimesheet(ctx, actor, monday);
  const last = await getMyTimesheet(ctx, actor, previous);
  const working = await repo.workingTime(ctx.db, actor.personId, monday, weekDates(monday)[6]!);
  const expected = expectedWeekHours(
    validWeekHours(working.weekHours),
    weekDates(monday),
    sheet.days.map((d) => d.holiday),
    working.absences,
  );
  const lastStatus = last.id === null ? 'none' : last.status;
  return {
    weekStart: monday,
    id: sheet.id,
    status: sheet.id === null ? 'none' : sheet.status,
    hours: sheet.totals.total,
    expectedHours: expected,
    lastWeek:
      lastStatus === 'none' || lastStatus === 'draft' || lastStatus === 'rejected'
        ? { weekStart: previous, status: lastStatus }
        : null,
  };
}

/**
 * "Mon accueil": what the signed-in user has to look at or do today. Every part reads only what
 * the user may see (their projects, their risks, the approvals their role gives them).
 */
export async function myHome(ctx: Ctx, actor: Actor, now = today()): Promise<MyHome> {
  const due = actor.personId ? (await reportsDue(ctx, actor, { date: now, mine: true })).items : [];
  const projects = await myProjects(ctx, actor, due);
  const actions = await myActions(ctx, actor, now);
  const approvals = await myApprovals(ctx, actor);
  const timesheet = await myTimesheet(ctx, actor, now);
  return {
    today: now,
    person: actor.personId ? { id: actor.personId, name: actor.name } : null,
    projects,
    actions,
    approvals,
    timesheet,
    reportsDue: due,
  };
}
