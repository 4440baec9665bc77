import type { z } from 'zod';
import type {
  CreateKpiBody,
  CreateStatusReportBody,
  Dimensions,
  Kpi,
  OverrideBody,
  PortfolioStatus,
  ReviewBody,
  StatusReport,
  UpdateKpiBody,
  UpdateReportingSettingsBody,
  UpdateStatusReportBody,
} from '../../../contracts/reporting.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { roleGrants, seesAllProjects } from '../../../core/platform/permissions.ts';
import { evaluate, parseFormula } from '../../../core/reporting/formula.ts';
import { kpiTrend, statusOf, thresholdProblem } from '../../../core/reporting/kpi.ts';
import { rollUp, rollUpTree, type RollupRule } from '../../../core/reporting/rollup.ts';
import {
  DIMENSIONS,
  expectedPeriod,
  type Frequency,
  periodOf,
  trendOf,
  type Weather,
} from '../../../core/reporting/weather.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, getPortfolio } from '../portfolio/portfolio.service.ts';
import { visibleProjects } from '../planning/planning.service.ts';
import {
  aggregateMetrics,
  computeMetrics,
  METRIC_CODES,
  METRICS,
  type MetricRow,
} from './reporting.metrics.ts';
import * as repo from './reporting.repository.ts';
import { STANDARD_KPIS } from './reporting.standard.ts';
import { benefitsSource } from './dashboards.metrics.ts';

/** The metrics of benefits realisation, which go on after a project's closure. */
const BENEFIT_METRICS: ReadonlySet<string> = new Set(benefitsSource.metrics.map((m) => m.code));

/** Today in UTC, `YYYY-MM-DD`; the only clock of the module. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

const notFound = (id: string) =>
  new DomainError('STATUS_REPORT_NOT_FOUND', `No status report ${id}`);

const EMPTY_DIMENSIONS = Object.fromEntries(DIMENSIONS.map((d) => [d, null])) as Dimensions;

function dimensionsOf(raw: unknown): Dimensions {
  const out = { ...EMPTY_DIMENSIONS };
  if (raw && typeof raw === 'object')
    for (const d of DIMENSIONS) {
      const v = (raw as Record<string, unknown>)[d];
      if (typeof v === 'string') out[d] = v as Weather;
    }
  return out;
}

const EDITABLE = new Set(['draft', 'changes_requested']);

/** The reporting frequency of the project's portfolio. */
async function frequencyOf(db: Executor, portfolioId: string): Promise<Frequency> {
  return (await repo.settingsOf(db, portfolioId)).frequency as Frequency;
}

// ---------------------------------------------------------------- status reports

function toReport(
  r: repo.ReportRow,
  project: { id: string; code: string; name: string },
  previous: repo.ReportRow | undefined,
  can: { update: boolean; review: boolean },
): StatusReport {
  const dims = dimensionsOf(r.dimensions);
  const prevDims = previous ? dimensionsOf(previous.dimensions) : EMPTY_DIMENSIONS;
  return {
    id: r.id,
    project: { id: project.id, code: project.code, name: project.name },
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    frequency: r.frequency as Frequency,
    state: r.state as StatusReport['state'],
    overall: r.overall as Weather,
    dimensions: dims,
    trends: {
      overall: trendOf(previous?.overall as Weather | undefined, r.overall as Weather),
      dimensions: Object.fromEntries(
        DIMENSIONS.map((d) => [d, dims[d] ? trendOf(prevDims[d], dims[d]) : null]),
      ),
    },
    previous: previous
      ? { id: previous.id, periodStart: previous.periodStart, overall: previous.overall as Weather }
      : null,
    achievements: r.achievements,
    nextSteps: r.nextSteps,
    issues: r.issues,
    decisions: r.decisions,
    metrics: (r.metrics as MetricRow | null) ?? null,
    metricsAsOf: r.metricsAsOf,
    author: r.authorName,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedBy: r.submittedByName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewer: r.reviewerName,
    reviewComment: r.reviewComment,
    can: {
      edit: can.update && EDITABLE.has(r.state),
      submit: can.update && EDITABLE.has(r.state),
      review: can.review && r.state === 'submitted',
    },
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const reportFields = (r: repo.ReportRow) => ({
  periodStart: r.periodStart,
  state: r.state,
  overall: r.overall,
  dimensions: r.dimensions,
  achievements: r.achievements,
  nextSteps: r.nextSteps,
  issues: r.issues,
  decisions: r.decisions,
  reviewComment: r.reviewComment,
});

async function canUpdate(db: Executor, actor: Actor, projectId: string) {
  try {
    await authorizeProject(db, actor, projectId, 'project.update');
    return true;
  } catch {
    return false;
  }
}

/** The history of a project's status reports, newest first, with the period expected now and live metrics. */
export async function listReports(ctx: Ctx, actor: Actor, projectId: string, now = today()) {
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  // One after the other: one executor runs one statement at a time.
  const rows = await repo.reportsOfProject(ctx.db, projectId);
  const frequency = await frequencyOf(ctx.db, project.portfolioId);
  const update = await canUpdate(ctx.db, actor, projectId);
  const metrics = await computeMetrics(ctx.db, [projectId], now);
  const can = { update, review: roleGrants(actor.role, 'reporting.review') };
  const expected = expectedPeriod(now, frequency);
  return {
    items: rows.map((r, i) => toReport(r, project, rows[i + 1], can)),
    expected: {
      periodStart: expected.start,
      periodEnd: expected.end,
      frequency,
      reportId: rows.find((r) => r.periodStart === expected.start)?.id ?? null,
    },
    live: metrics.get(projectId) ?? {},
  };
}

export async function getReport(ctx: Ctx, actor: Actor, projectId: string, reportId: string) {
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const row = await repo.findReport(ctx.db, projectId, reportId);
  if (!row) throw notFound(reportId);
  const previous = await repo.previousReport(ctx.db, projectId, row.periodStart);
  const update = await canUpdate(ctx.db, actor, projectId);
  return toReport(row, project, previous, {
    update,
    review: roleGrants(actor.role, 'reporting.review'),
  });
}

export async function createReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateStatusReportBody>,
  now = today(),
) {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
      const frequency = await frequencyOf(tx, project.portfolioId);
      const period = input.periodDate
        ? periodOf(input.periodDate, frequency)
        : expectedPeriod(now, frequency);
      // Pre-fill from the previous report: dimensions not given keep last period's weather.
      const previous = await repo.previousReport(tx, projectId, period.start);
      const row = await repo.insertReport(tx, {
        projectId,
        periodStart: period.start,
        periodEnd: period.end,
        frequency,
        state: 'draft',
        overall: input.overall,
        dimensions: {
          ...(previous ? dimensionsOf(previous.dimensions) : EMPTY_DIMENSIONS),
          ...input.dimensions,
        },
        achievements: input.achievements,
        nextSteps: input.nextSteps,
        issues: input.issues,
        decisions: input.decisions,
        authorId: userIdOf(actor),
        authorName: actor.name,
      });
      await recordAudit(tx, actor, {
        entityType: 'status_report',
        entityId: row.id,
        entityLabel: `${project.code} ${period.start}`,
        projectId,
        action: 'create',
        after: reportFields(row),
      });
      return row.id;
    });
    return getReport(ctx, actor, projectId, id);
  } catch (err) {
    if (isUniqueViolation(err, 'status_reports_period_key'))
      throw new DomainError(
        'STATUS_REPORT_EXISTS',
        'This project already has a report for this period',
        {
          issues: [{ path: ['body', 'periodDate'], message: 'A report exists for this period' }],
        },
      );
    throw err;
  }
}

/** Loads a report for a write, checking the project permission and the allowed states. */
async function openReport(
  tx: Executor,
  actor: Actor,
  projectId: string,
  reportId: string,
  permission: 'project.update' | 'project.read',
  states: ReadonlySet<string>,
) {
  const { project } = await authorizeProject(tx, actor, projectId, permission);
  const row = await repo.findReport(tx, projectId, reportId);
  if (!row) throw notFound(reportId);
  if (!states.has(row.state))
    throw new DomainError('STATUS_REPORT_STATE', `The report is ${row.state}`, {
      state: row.state,
    });
  return { project, row };
}

async function writeReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  reportId: string,
  version: number,
  permission: 'project.update' | 'project.read',
  states: ReadonlySet<string>,
  change: (
    row: repo.ReportRow,
    tx: Executor,
  ) => Promise<Partial<repo.ReportRow>> | Partial<repo.ReportRow>,
) {
  await ctx.db.transaction(async (tx) => {
    const { project, row } = await openReport(tx, actor, projectId, reportId, permission, states);
    if (row.version !== version)
      throw stale('status report', await getReport({ ...ctx, db: tx }, actor, projectId, reportId));
    const after = await repo.updateReport(tx, reportId, version, await change(row, tx));
    if (!after)
      throw stale('status report', await getReport({ ...ctx, db: tx }, actor, projectId, reportId));
    await recordAudit(tx, actor, {
      entityType: 'status_report',
      entityId: reportId,
      entityLabel: `${project.code} ${row.periodStart}`,
      projectId,
      action: 'update',
      before: reportFields(row),
      after: reportFields(after),
    });
  });
  return getReport(ctx, actor, projectId, reportId);
}

export async function updateReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  reportId: string,
  version: number,
  input: z.infer<typeof UpdateStatusReportBody>,
) {
  return writeReport(
    ctx,
    actor,
    projectId,
    reportId,
    version,
    'project.update',
    EDITABLE,
    (row) => ({
      ...(input.overall ? { overall: input.overall } : {}),
      ...(input.dimensions
        ? { dimensions: { ...dimensionsOf(row.dimensions), ...input.dimensions } }
        : {}),
      ...(input.achievements !== undefined ? { achievements: input.achievements } : {}),
      ...(input.nextSteps !== undefined ? { nextSteps: input.nextSteps } : {}),
      ...(input.issues !== undefined ? { issues: input.issues } : {}),
      ...(input.decisions !== undefined ? { decisions: input.decisions } : {}),
    }),
  );
}

/** Submits a draft to the PMO; the metrics snapshot is taken now from live data and frozen. */
export async function submitReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  reportId: string,
  version: number,
  now = today(),
) {
  return writeReport(
    ctx,
    actor,
    projectId,
    reportId,
    version,
    'project.update',
    EDITABLE,
    async (_row, tx) => {
      const metrics = await computeMetrics(tx, [projectId], now);
      return {
        state: 'submitted',
        metrics: metrics.get(projectId) ?? {},
        metricsAsOf: now,
        submittedAt: new Date(),
        submittedByName: actor.name,
      };
    },
  );
}

/** The PMO approves a submitted report or sends it back with a comment. */
export async function reviewReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  reportId: string,
  version: number,
  input: z.infer<typeof ReviewBody>,
) {
  if (input.decision === 'request_changes' && !input.comment)
    throw validationError([{ path: ['body', 'comment'], message: 'Say what to change' }]);
  return writeReport(
    ctx,
    actor,
    projectId,
    reportId,
    version,
    'project.read',
    new Set(['submitted']),
    () => ({
      state: input.decision === 'approve' ? 'reviewed' : 'changes_requested',
      reviewComment: input.comment,
      reviewedAt: new Date(),
      reviewerName: actor.name,
    }),
  );
}

// ---------------------------------------------------------------- portfolio status and roll-up

type Visible = Awaited<ReturnType<typeof visibleProjects>>;

/**
 * The status of a portfolio for a period: each visible project's report, its weather with its
 * sub-projects, the programme and portfolio weathers by the portfolio's rule, and PMO overrides.
 * The roll-up weight of a project is its planned work (budget once finance lands).
 */
export async function portfolioStatus(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  date?: string,
  now = today(),
): Promise<PortfolioStatus> {
  const portfolio = await getPortfolio(ctx, actor, portfolioId);
  const settings = await repo.settingsOf(ctx.db, portfolioId);
  const frequency = settings.frequency as Frequency;
  const rule = settings.rollupRule as RollupRule;
  const period = date ? periodOf(date, frequency) : expectedPeriod(now, frequency);
  const projects: Visible = (await visibleProjects(ctx, actor, { portfolioId })).filter(
    (p) => !p.archived,
  );
  const ids = projects.map((p) => p.id);
  // The weights (planned work) only matter to the weighted rule: the planning metrics over every
  // task of the portfolio are not computed for the others.
  const { current, previous } = await repo.reportsForPeriod(ctx.db, ids, period.start);
  const programs = await repo.programsOf(ctx.db, portfolioId);
  const metrics =
    rule === 'weighted'
      ? await computeMetrics(ctx.db, ids, period.end)
      : new Map<string, MetricRow>();
  const overrides = await repo.overridesFor(
    ctx.db,
    [portfolioId, ...programs.map((g) => g.id)],
    period.start,
  );
  const reportOf = new Map(current.map((r) => [r.project_id, r]));
  const prevOf = new Map(previous.map((r) => [r.project_id, r.overall as Weather]));
  const counted = (id: string) => {
    const r = reportOf.get(id);
    return r && (r.state === 'submitted' || r.state === 'reviewed') ? (r.overall as Weather) : null;
  };
  const weightOf = (id: string) => metrics.get(id)?.work_total ?? 0;
  const tree = rollUpTree(
    projects.map((p) => ({
      id: p.id,
      parentId: p.parentId,
      weather: counted(p.id),
      weight: weightOf(p.id),
    })),
    rule,
  );
  const expectedOf = (list: Visible) => list.filter((p) => p.status === 'active').length;
  const rollItem = (scope: { id: string; code: string; name: string }, list: Visible) => {
    const inputs = list.flatMap((p) => {
      const w = counted(p.id);
      return w ? [{ weather: w, weight: weightOf(p.id) }] : [];
    });
    const computed = rollUp(inputs, rule);
    const o = overrides.find((x) => x.scopeId === scope.id);
    return {
      id: scope.id,
      code: scope.code,
      name: scope.name,
      computed,
      weather: (o?.weather as Weather | undefined) ?? computed,
      override: o
        ? {
            id: o.id,
            weather: o.weather as Weather,
            comment: o.comment,
            by: o.setByName,
            at: o.updatedAt.toISOString(),
            version: o.version,
          }
        : null,
      reported: inputs.length,
      expected: expectedOf(list),
    };
  };
  return {
    portfolio: { id: portfolio.id, name: portfolio.name },
    settings: { frequency, rollupRule: rule, version: settings.version },
    period,
    portfolioRollup: rollItem(
      { id: portfolio.id, code: portfolio.code, name: portfolio.name },
      projects,
    ),
    programs: programs.map((g) =>
      rollItem(
        g,
        projects.filter((p) => p.program?.id === g.id),
      ),
    ),
    projects: projects.map((p) => {
      const r = reportOf.get(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        status: p.status,
        parentId: p.parentId,
        program: p.program,
        manager: p.manager,
        report: r
          ? {
              id: r.id,
              state: r.state as StatusReport['state'],
              overall: r.overall as Weather,
              dimensions: dimensionsOf(r.dimensions),
              trend: trendOf(prevOf.get(p.id), r.overall as Weather),
            }
          : null,
        rolledUp: tree.get(p.id) ?? null,
        weight: weightOf(p.id),
      };
    }),
    canManage: roleGrants(actor.role, 'reporting.review'),
  };
}

export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  version: number,
  input: z.infer<typeof UpdateReportingSettingsBody>,
) {
  const portfolio = await getPortfolio(ctx, actor, portfolioId);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, portfolioId);
    const values = {
      frequency: input.frequency ?? before.frequency,
      rollupRule: input.rollupRule ?? before.rollupRule,
    };
    const after = await repo.saveSettings(tx, portfolioId, version, values);
    if (!after) throw stale('reporting settings', { ...(await repo.settingsOf(tx, portfolioId)) });
    await recordAudit(tx, actor, {
      entityType: 'reporting_settings',
      entityId: portfolioId,
      entityLabel: portfolio.name,
      action: 'update',
      before: { frequency: before.frequency, rollupRule: before.rollupRule },
      after: values,
    });
  });
  const s = await repo.settingsOf(ctx.db, portfolioId);
  return {
    frequency: s.frequency as Frequency,
    rollupRule: s.rollupRule as RollupRule,
    version: s.version,
  };
}

/** Sets (or replaces) the PMO's weather for a programme or portfolio and period, with a reason. */
export async function setOverride(ctx: Ctx, actor: Actor, input: z.infer<typeof OverrideBody>) {
  let portfolioId: string;
  let label: string;
  if (input.scopeType === 'portfolio') {
    const p = await getPortfolio(ctx, actor, input.scopeId);
    portfolioId = p.id;
    label = p.name;
  } else {
    const { getProgram } = await import('../portfolio/portfolio.service.ts');
    const g = await getProgram(ctx, actor, input.scopeId);
    portfolioId = g.portfolio.id;
    label = g.name;
  }
  const frequency = await frequencyOf(ctx.db, portfolioId);
  const period = periodOf(input.date, frequency);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.upsertOverride(tx, {
      scopeType: input.scopeType,
      scopeId: input.scopeId,
      periodStart: period.start,
      weather: input.weather,
      comment: input.comment,
      setById: userIdOf(actor),
      setByName: actor.name,
    });
    await recordAudit(tx, actor, {
      entityType: 'status_override',
      entityId: row.id,
      entityLabel: `${label} ${period.start}`,
      action: row.version === 1 ? 'create' : 'update',
      after: { weather: row.weather, comment: row.comment, periodStart: row.periodStart },
    });
    return {
      id: row.id,
      weather: row.weather as Weather,
      comment: row.comment,
      by: row.setByName,
      at: row.updatedAt.toISOString(),
      version: row.version,
    };
  });
}

export async function deleteOverride(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findOverride(tx, id);
    if (!row) throw new DomainError('NOT_FOUND', `No override ${id}`);
    const gone = await repo.deleteOverride(tx, id, version);
    if (!gone)
      throw stale('override', {
        id: row.id,
        weather: row.weather,
        comment: row.comment,
        version: row.version,
      });
    await recordAudit(tx, actor, {
      entityType: 'status_override',
      entityId: id,
      entityLabel: row.periodStart,
      action: 'delete',
      before: { weather: row.weather, comment: row.comment, periodStart: row.periodStart },
    });
  });
}

/**
 * Reports due ("rapports attendus"): for every active project the actor sees (or manages, with
 * `mine`), the period expected now by its portfolio's frequency, when the report is missing,
 * still a draft, or sent back.
 */
export async function reportsDue(
  ctx: Ctx,
  actor: Actor,
  opts: { date?: string | undefined; mine?: boolean },
) {
  const now = opts.date ?? today();
  let projects = await repo.activeProjects(ctx.db);
  if (opts.mine)
    projects = projects.filter((p) => p.managerId !== null && p.managerId === actor.personId);
  else if (!seesAllProjects(actor.role)) {
    const visible = new Set(
      (await visibleProjects(ctx, actor, { status: ['active'] })).map((p) => p.id),
    );
    projects = projects.filter((p) => visible.has(p.id));
  }
  const freq = await repo.frequencies(ctx.db);
  const expected = new Map(
    projects.map((p) => [
      p.id,
      expectedPeriod(now, (freq.get(p.portfolioId) ?? 'monthly') as Frequency),
    ]),
  );
  const starts = [...new Set([...expected.values()].map((e) => e.start))];
  const reports = await repo.reportsAt(
    ctx.db,
    projects.map((p) => p.id),
    starts,
  );
  const byKey = new Map(reports.map((r) => [`${r.projectId}|${r.periodStart}`, r]));
  const items = [];
  for (const p of projects) {
    const e = expected.get(p.id)!;
    if (p.plannedStart && p.plannedStart > e.end) continue;
    const r = byKey.get(`${p.id}|${e.start}`);
    if (r && !EDITABLE.has(r.state)) continue;
    items.push({
      project: { id: p.id, code: p.code, name: p.name },
      manager: p.managerId ? { id: p.managerId, name: p.managerName ?? '' } : null,
      portfolio: { id: p.portfolioId, name: p.portfolioName },
      periodStart: e.start,
      periodEnd: e.end,
      frequency: (freq.get(p.portfolioId) ?? 'monthly') as Frequency,
      state: (r ? r.state : 'missing') as 'missing' | 'draft' | 'changes_requested',
      reportId: r?.id ?? null,
    });
  }
  return { items };
}

// ---------------------------------------------------------------- KPIs

/** Adds the standard KPIs that are missing (idempotent; a PMO may then edit or archive them). */
export async function ensureStandardKpis(db: Executor) {
  await repo.insertKpis(
    db,
    STANDARD_KPIS.map((k) => ({ ...k, standard: true })),
  );
}

function checkFormula(formula: string) {
  const parsed = parseFormula(formula, METRIC_CODES);
  if (!parsed.ok)
    throw new DomainError('KPI_FORMULA_INVALID', parsed.issue.message, {
      issues: [
        { path: ['body', 'formula'], message: parsed.issue.message, code: parsed.issue.reason },
      ],
      position: parsed.issue.position,
      reason: parsed.issue.reason,
      token: parsed.issue.token,
    });
  return parsed;
}

function checkThresholds(t: { direction: 'up' | 'down'; green: number; amber: number }) {
  const problem = thresholdProblem(t);
  if (problem) throw validationError([{ path: ['body', 'green'], message: problem }]);
}

const kpiFields = (k: repo.KpiRow) => ({
  code: k.code,
  nameFr: k.nameFr,
  nameEn: k.nameEn,
  description: k.description,
  formula: k.formula,
  unit: k.unit,
  direction: k.direction,
  target: k.target,
  green: k.green,
  amber: k.amber,
  frequency: k.frequency,
  level: k.level,
  ownerId: k.ownerId,
  archived: k.archivedAt !== null,
});

/** Names of the scopes the actor may see KPI values of (all, or only their projects' values). */
async function visibleScopes(ctx: Ctx, actor: Actor) {
  const names = new Map<string, string>();
  if (seesAllProjects(actor.role)) {
    const { portfolios, programs, projects } = await repo.allScopes(ctx.db);
    for (const s of [...portfolios, ...programs]) names.set(s.id, s.name);
    for (const p of projects) names.set(p.id, `${p.code} ${p.name}`);
    return names;
  }
  for (const p of await visibleProjects(ctx, actor, {})) names.set(p.id, `${p.code} ${p.name}`);
  return names;
}

export async function listKpis(ctx: Ctx, actor: Actor) {
  await ensureStandardKpis(ctx.db);
  const rows = await repo.listKpis(ctx.db);
  const values = await repo.latestKpiValues(ctx.db);
  const scopes = await visibleScopes(ctx, actor);
  const latest = new Map<string, Kpi['latest']>();
  const computedAt = new Map<string, string>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.rank !== 1 || !scopes.has(v.scope_id)) continue;
    const before = values[i + 1];
    const prev =
      before && before.rank === 2 && before.kpi_id === v.kpi_id && before.scope_id === v.scope_id
        ? before.value
        : null;
    const kpi = rows.find((r) => r.k.id === v.kpi_id)?.k;
    const list = latest.get(v.kpi_id) ?? [];
    list.push({
      scopeType: v.scope_type as 'project',
      scopeId: v.scope_id,
      scopeName: scopes.get(v.scope_id)!,
      asOf: typeof v.as_of === 'string' ? v.as_of : String(v.as_of),
      value: v.value,
      status: v.status as 'green' | null,
      trend: kpi ? kpiTrend(prev, v.value, kpi.direction as 'up') : null,
    });
    latest.set(v.kpi_id, list);
    const at = new Date(v.computed_at).toISOString();
    if (!computedAt.has(v.kpi_id) || computedAt.get(v.kpi_id)! < at) computedAt.set(v.kpi_id, at);
  }
  return {
    items: rows.map(({ k, ownerName }) =>
      toKpi(k, ownerName, latest.get(k.id) ?? [], computedAt.get(k.id) ?? null),
    ),
    metrics: METRICS.map((m) => ({ ...m })),
  };
}

function toKpi(
  k: repo.KpiRow,
  ownerName: string | null,
  latest: Kpi['latest'],
  lastComputedAt: string | null,
): Kpi {
  const parsed = parseFormula(k.formula);
  return {
    id: k.id,
    code: k.code,
    nameFr: k.nameFr,
    nameEn: k.nameEn,
    description: k.description,
    formula: k.formula,
    metrics: parsed.ok ? parsed.metrics : [],
    unit: k.unit,
    direction: k.direction as 'up',
    target: k.target,
    green: k.green,
    amber: k.amber,
    frequency: k.frequency as 'monthly',
    level: k.level as 'project',
    owner: k.ownerId ? { id: k.ownerId, name: ownerName ?? '' } : null,
    standard: k.standard,
    archived: k.archivedAt !== null,
    latest: latest.sort((a, b) => a.scopeName.localeCompare(b.scopeName)),
    lastComputedAt,
    version: k.version,
  };
}

async function getKpi(ctx: Ctx, actor: Actor, id: string) {
  const { items } = await listKpis(ctx, actor);
  const k = items.find((x) => x.id === id);
  if (!k) throw new DomainError('KPI_NOT_FOUND', `No KPI ${id}`);
  return k;
}

export async function createKpi(ctx: Ctx, actor: Actor, input: z.infer<typeof CreateKpiBody>) {
  checkFormula(input.formula);
  checkThresholds(input);
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertPeopleExist(tx, { ownerId: input.ownerId });
      const row = await repo.insertKpi(tx, { ...input, standard: false });
      await recordAudit(tx, actor, {
        entityType: 'kpi',
        entityId: row.id,
        entityLabel: row.code,
        action: 'create',
        after: kpiFields(row),
      });
      return row.id;
    });
    return getKpi(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'kpi_definitions_code_key'))
      throw new DomainError('DUPLICATE_CODE', `The code ${input.code} is already used`, {
        issues: [{ path: ['body', 'code'], message: 'Already used' }],
      });
    throw err;
  }
}

export async function updateKpi(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateKpiBody>,
) {
  if (input.formula !== undefined) checkFormula(input.formula);
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findKpi(tx, id);
      if (!before) throw new DomainError('KPI_NOT_FOUND', `No KPI ${id}`);
      checkThresholds({
        direction: input.direction ?? (before.direction as 'up'),
        green: input.green ?? before.green,
        amber: input.amber ?? before.amber,
      });
      await assertPeopleExist(tx, { ownerId: input.ownerId });
      const { archived, ...rest } = input;
      const after = await repo.updateKpi(tx, id, version, {
        ...rest,
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }),
      });
      if (!after) throw stale('KPI', await getKpi({ ...ctx, db: tx }, actor, id));
      await recordAudit(tx, actor, {
        entityType: 'kpi',
        entityId: id,
        entityLabel: after.code,
        action: 'update',
        before: kpiFields(before),
        after: kpiFields(after),
      });
    });
    return getKpi(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'kpi_definitions_code_key'))
      throw new DomainError('DUPLICATE_CODE', `The code ${input.code} is already used`, {
        issues: [{ path: ['body', 'code'], message: 'Already used' }],
      });
    throw err;
  }
}

export async function kpiHistory(ctx: Ctx, actor: Actor, id: string, scopeId?: string) {
  const kpi = await repo.findKpi(ctx.db, id);
  if (!kpi) throw new DomainError('KPI_NOT_FOUND', `No KPI ${id}`);
  const rows = await repo.kpiHistory(ctx.db, id, scopeId);
  const scopes = await visibleScopes(ctx, actor);
  return {
    items: rows
      .filter((r) => scopes.has(r.scopeId))
      .map((r) => ({
        scopeId: r.scopeId,
        scopeName: scopes.get(r.scopeId)!,
        asOf: r.asOf,
        value: r.value,
        status: r.status as 'green' | null,
      })),
  };
}

/**
 * Computes every active KPI at `asOf` for every scope of its level (active projects; their
 * programmes and portfolios by aggregating project metrics) and stores the values: one metric
 * computation for all projects, then pure formula evaluation. Run by the `kpi-snapshot` job and
 * on demand.
 */
export async function computeKpis(ctx: Ctx, asOf = today()) {
  await ensureStandardKpis(ctx.db);
  const kpis = await repo.listKpis(ctx.db);
  // Benefits are realised after closure: a KPI reading only benefit metrics also counts the
  // closed (not archived) projects; every other KPI, the active ones.
  const projects = await repo.projectsWithStatus(ctx.db, ['active', 'closed']);
  const active = kpis.map((r) => r.k).filter((k) => k.archivedAt === null);
  const metrics = await computeMetrics(
    ctx.db,
    projects.map((p) => p.id),
    asOf,
  );
  type Groups = Record<'project' | 'program' | 'portfolio', Map<string, MetricRow[]>>;
  const emptyGroups = (): Groups => ({
    project: new Map(),
    program: new Map(),
    portfolio: new Map(),
  });
  const groups = { running: emptyGroups(), withClosed: emptyGroups() };
  const push = (m: Map<string, MetricRow[]>, key: string, row: MetricRow) => {
    const list = m.get(key);
    if (list) list.push(row);
    else m.set(key, [row]);
  };
  for (const p of projects) {
    const row = metrics.get(p.id)!;
    for (const g of p.status === 'active'
      ? [groups.running, groups.withClosed]
      : [groups.withClosed]) {
      push(g.project, p.id, row);
      if (p.programId) push(g.program, p.programId, row);
      push(g.portfolio, p.portfolioId, row);
    }
  }
  const values: Parameters<typeof repo.saveKpiValues>[1] = [];
  const computedAt = new Date();
  for (const k of active) {
    const parsed = parseFormula(k.formula, METRIC_CODES);
    if (!parsed.ok) continue;
    const used = parsed.metrics;
    const afterClosure = used.length > 0 && used.every((m) => BENEFIT_METRICS.has(m));
    const scopes = (afterClosure ? groups.withClosed : groups.running)[k.level as 'project'];
    for (const [scopeId, rows] of scopes) {
      const value = evaluate(parsed.ast, rows.length === 1 ? rows[0]! : aggregateMetrics(rows));
      values.push({
        kpiId: k.id,
        scopeType: k.level,
        scopeId,
        asOf,
        value,
        status: statusOf(value, { direction: k.direction as 'up', green: k.green, amber: k.amber }),
        computedAt,
      });
    }
  }
  await ctx.db.transaction((tx) => repo.saveKpiValues(tx, values));
  return { asOf, kpis: active.length, values: values.length };
}
