import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type {
  DiscountRatePolicy,
  DiscountRates,
  EvmTrend,
  Forecast,
  ForecastCycle,
  PortfolioBenefits,
  PortfolioThresholds,
  ProjectBenefits,
  Realisation,
  SubmitForecastBody,
  Thresholds,
  ThresholdsBody,
} from '../../../contracts/evm.ts';
import { BENEFIT_KINDS } from '../../../core/strategy/business-case.ts';
import {
  type EvmThresholds,
  DEFAULT_EVM_THRESHOLDS,
  benefitsTracking,
  evmStatuses,
  evmTrend,
  attributeToLines,
  etcByLine,
  etcByMonthTotal,
  forecastFigures,
  forecastStart,
  lineChanges,
  phasingIssues,
  policyInForce,
  snapshotMonthFor,
  thresholdIssues,
} from '../../../core/evm/evm.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import { earnedValue, evmIndicators } from '../../../core/finance/evm.ts';
import { sum } from '../../../core/finance/money.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { projectGrants, roleGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as finance from '../finance/finance.service.ts';
import * as financeRepo from '../finance/finance.repository.ts';
import { budgetLines, financeCloses } from '../finance/finance.tables.ts';
import { recordAudit, recordAudits } from '../platform/audit.service.ts';
import { today } from '../planning/planning.service.ts';
import { portfolios, projects } from '../portfolio/portfolio.tables.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { projectRequests } from '../strategy/strategy.tables.ts';
import {
  columnsOf,
  companyThresholdRow,
  listThresholdRows,
  portfolioThresholdRow,
  snapshotInputs,
  thresholdResolver,
  thresholdsOf,
} from './evm.repository.ts';
import {
  benefitRealisations,
  discountRatePolicies,
  evmThresholds,
  financeForecasts,
} from './evm.tables.ts';

const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

function requireRole(actor: Actor, permission: 'finance.read' | 'finance.manage') {
  if (!roleGrants(actor.role, permission))
    throw new DomainError('FORBIDDEN', `This needs ${permission}`, { permission });
}

// ---------------------------------------------------------------- thresholds

function toThresholds(
  t: EvmThresholds,
  source: Thresholds['source'],
  portfolioId: string | null,
  version: number,
): Thresholds {
  return { ...t, source, portfolioId, version };
}

function assertThresholds(body: ThresholdsBody) {
  const issues = thresholdIssues(body);
  if (issues.length)
    throw validationError(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
}

/** The company's thresholds and every portfolio's override. */
export async function getThresholds(ctx: Ctx, actor: Actor): Promise<PortfolioThresholds> {
  requireRole(actor, 'finance.read');
  const rows = await listThresholdRows(ctx.db);
  const list = await ctx.db
    .select({ id: portfolios.id, code: portfolios.code, name: portfolios.name })
    .from(portfolios)
    .where(isNull(portfolios.archivedAt))
    .orderBy(asc(portfolios.code));
  const company = rows.find((r) => r.portfolioId === null);
  const byPortfolio = new Map(rows.filter((r) => r.portfolioId).map((r) => [r.portfolioId!, r]));
  return {
    company: company
      ? toThresholds(thresholdsOf(company), 'company', null, company.version)
      : toThresholds(DEFAULT_EVM_THRESHOLDS, 'default', null, 0),
    portfolios: list.map((p) => {
      const o = byPortfolio.get(p.id);
      return {
        ...p,
        override: o ? toThresholds(thresholdsOf(o), 'portfolio', p.id, o.version) : null,
      };
    }),
    can: { manage: roleGrants(actor.role, 'finance.manage') },
  };
}

/**
 * Sets the company's thresholds (portfolioId null) or a portfolio's override. If-Match: the
 * version read, 0 when none was stored yet.
 */
export async function putThresholds(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string | null,
  version: number,
  body: ThresholdsBody,
): Promise<Thresholds> {
  requireRole(actor, 'finance.manage');
  assertThresholds(body);
  return ctx.db.transaction(async (tx) => {
    let label = 'Entreprise';
    if (portfolioId) {
      const [p] = await tx
        .select({ code: portfolios.code, name: portfolios.name })
        .from(portfolios)
        .where(eq(portfolios.id, portfolioId));
      if (!p) throw new DomainError('PORTFOLIO_NOT_FOUND', `No portfolio ${portfolioId}`);
      label = `${p.code} — ${p.name}`;
    }
    const current = portfolioId
      ? await portfolioThresholdRow(tx, portfolioId)
      : await companyThresholdRow(tx);
    const source = portfolioId ? 'portfolio' : 'company';
    const currentOut = current
      ? toThresholds(thresholdsOf(current), source, portfolioId, current.version)
      : toThresholds(DEFAULT_EVM_THRESHOLDS, 'default', portfolioId, 0);
    if ((current?.version ?? 0) !== version) throw stale('set of thresholds', currentOut);
    let row;
    if (current) {
      [row] = await tx
        .update(evmThresholds)
        .set({ ...columnsOf(body), version: current.version + 1, updatedAt: new Date() })
        .where(and(eq(evmThresholds.id, current.id), eq(evmThresholds.version, version)))
        .returning();
      if (!row) throw stale('set of thresholds', currentOut);
    } else {
      try {
        [row] = await tx
          .insert(evmThresholds)
          .values({ portfolioId, ...columnsOf(body) })
          .returning();
      } catch (err) {
        if (isUniqueViolation(err)) throw stale('set of thresholds', currentOut);
        throw err;
      }
    }
    await recordAudit(tx, actor, {
      entityType: 'evm_thresholds',
      entityId: row!.id,
      entityLabel: `Seuils EVM — ${label}`,
      action: current ? 'update' : 'create',
      before: current ? { ...thresholdsOf(current) } : null,
      after: { ...body },
    });
    return toThresholds(thresholdsOf(row!), source, portfolioId, row!.version);
  });
}

/** Removes a portfolio's override: the company's thresholds apply again. */
export async function deletePortfolioThresholds(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  version: number,
) {
  requireRole(actor, 'finance.manage');
  await ctx.db.transaction(async (tx) => {
    const current = await portfolioThresholdRow(tx, portfolioId);
    if (!current) throw new DomainError('NOT_FOUND', `Portfolio ${portfolioId} has no override`);
    if (current.version !== version)
      throw stale(
        'set of thresholds',
        toThresholds(thresholdsOf(current), 'portfolio', portfolioId, current.version),
      );
    await tx.delete(evmThresholds).where(eq(evmThresholds.id, current.id));
    await recordAudit(tx, actor, {
      entityType: 'evm_thresholds',
      entityId: current.id,
      entityLabel: `Seuils EVM — portefeuille ${portfolioId}`,
      action: 'delete',
      before: { ...thresholdsOf(current) },
    });
  });
}

// ---------------------------------------------------------------- EV history and trend

/** A project's EV snapshots (month-end closes) with SPI/CPI, their statuses and direction. */
export async function getTrend(ctx: Ctx, actor: Actor, projectId: string): Promise<EvmTrend> {
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'finance.read');
  const closes = await financeRepo.listCloses(ctx.db, projectId);
  const t = (await thresholdResolver(ctx.db))(project.portfolioId);
  const rows = await listThresholdRows(ctx.db);
  const own = rows.find((r) => r.portfolioId === project.portfolioId);
  const company = rows.find((r) => r.portfolioId === null);
  const source = own ? 'portfolio' : company ? 'company' : 'default';
  const trend = evmTrend(
    closes.map((c) => ({ month: c.month.slice(0, 7), pv: c.pv, ev: c.ev, ac: c.ac })),
  );
  return {
    projectId,
    thresholds: toThresholds(
      t,
      source,
      own ? project.portfolioId : null,
      (own ?? company)?.version ?? 0,
    ),
    snapshots: closes.map((c, i) => {
      const p = trend.points[i]!;
      return {
        month: c.month.slice(0, 7),
        statusDate: c.statusDate,
        pv: c.pv,
        ev: c.ev,
        ac: c.ac,
        bac: c.bac,
        eac: c.eac,
        spi: p.spi,
        cpi: p.cpi,
        statuses: evmStatuses({ spi: p.spi, cpi: p.cpi, vac: c.bac - c.eac, bac: c.bac }, t),
        recordedBy: ref(c.recordedById, c.recordedByName),
      };
    }),
    spi: trend.spi,
    cpi: trend.cpi,
  };
}

const JOB_ACTOR: Actor = {
  userId: 'system',
  name: 'Jalon',
  email: 'system@jalon.invalid',
  role: 'finance',
  personId: null,
};

/**
 * The EV snapshot of a month's end for every project in flight with an approved baseline and no
 * close for that month yet (a close recorded by hand is kept). Run monthly by the job, or on
 * demand by finance. Set-wise: three reads for all the projects due, the figures computed by the
 * same pure functions as the project's EVM, then one insert and one batch of audit events, in
 * one transaction.
 */
export async function runSnapshots(
  ctx: Ctx,
  actor: Actor | null,
  month?: string,
): Promise<{ month: string; statusDate: string; recorded: number; skipped: number }> {
  if (actor) requireRole(actor, 'finance.manage');
  const { month: m, statusDate } = month ? monthEnd(month) : snapshotMonthFor(today());
  const runAs = actor ?? JOB_ACTOR;
  const recorded = await ctx.db.transaction(async (tx) => {
    const input = await snapshotInputs(tx, m, statusDate);
    const closes = snapshotCloses(input);
    if (closes.length === 0) return 0;
    const recordedAt = new Date();
    const rows = closes.map((c) => ({
      ...c.values,
      month: `${m}-01`,
      statusDate,
      comment: '',
      recordedById: userIdOf(runAs),
      recordedByName: runAs.name,
      recordedAt,
    }));
    let inserted: { projectId: string }[] = [];
    for (let i = 0; i < rows.length; i += 1000)
      inserted = inserted.concat(
        await tx
          .insert(financeCloses)
          .values(rows.slice(i, i + 1000))
          .onConflictDoNothing({ target: [financeCloses.projectId, financeCloses.month] })
          .returning({ projectId: financeCloses.projectId }),
      );
    const done = new Set(inserted.map((r) => r.projectId));
    await recordAudits(
      tx,
      runAs,
      closes
        .filter((c) => done.has(c.values.projectId))
        .map((c) => ({
          entityType: 'finance_close' as const,
          entityId: c.values.projectId,
          entityLabel: `${c.code} — clôture ${m}`,
          projectId: c.values.projectId,
          action: 'create' as const,
          after: {
            statusDate,
            bac: c.values.bac,
            pv: c.values.pv,
            ev: c.values.ev,
            ac: c.values.ac,
            eac: c.values.eac,
            comment: '',
          },
        })),
    );
    return done.size;
  });
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from finance_closes where month = ${`${m}-01`}`,
  );
  return { month: m, statusDate, recorded, skipped: n - recorded };
}

/**
 * The closes of the projects due, as `finance.recordClose` computes one project's: PV from the
 * baseline to the month's end, EV from each baseline line's budget × the progress of its WBS
 * task (else the plan's duration-weighted progress), AC to the month's end, EAC by the standard
 * rule (bottom-up when a line has an ETC).
 */
function snapshotCloses(input: Awaited<ReturnType<typeof snapshotInputs>>) {
  const linesOf = new Map<string, typeof input.lines>();
  for (const l of input.lines) {
    const list = linesOf.get(l.projectId) ?? [];
    list.push(l);
    linesOf.set(l.projectId, list);
  }
  const baseOf = new Map<string, typeof input.baseline>();
  for (const b of input.baseline) {
    const list = baseOf.get(b.projectId) ?? [];
    list.push(b);
    baseOf.set(b.projectId, list);
  }
  return input.projects.map((p) => {
    const lines = linesOf.get(p.projectId) ?? [];
    const taskPercent = new Map(lines.map((l) => [l.lineId, l.taskPercent]));
    const projectPercent = p.weight ? (p.doneWeight ?? 0) / p.weight : null;
    const base = baseOf.get(p.projectId) ?? [];
    const ev = earnedValue(
      base.map((b) => ({
        bac: b.bac,
        percentComplete: (b.lineId ? taskPercent.get(b.lineId) : null) ?? projectPercent ?? 0,
      })),
    );
    const closeLines = lines.map((l) => ({
      lineId: l.lineId,
      label: l.label,
      budget: l.budget,
      ac: l.ac,
      etc: l.etc,
      eac: l.ac + (l.etc ?? Math.max(0, l.budget - l.ac)),
    }));
    const ac = sum(lines.map((l) => l.ac)) + p.acUnassigned;
    const anyEtc = lines.some((l) => l.etc !== null);
    const etcBottomUp = anyEtc ? sum(closeLines.map((l) => l.eac - l.ac)) : null;
    const pv = sum(base.map((b) => b.pv));
    const r = evmIndicators({ bac: p.bac, pv, ev, ac, etcBottomUp });
    return {
      code: p.code,
      name: p.name,
      values: {
        projectId: p.projectId,
        bac: r.bac,
        pv: r.pv,
        ev: r.ev,
        ac: r.ac,
        committed: p.committed,
        etc: etcBottomUp,
        eac: r.eac,
        lines: closeLines,
      },
    };
  });
}

function monthEnd(month: string) {
  const y = Number(month.slice(0, 4));
  const mo = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { month, statusDate: `${month}-${String(last).padStart(2, '0')}` };
}

// ---------------------------------------------------------------- forecast cycle

type ForecastRow = typeof financeForecasts.$inferSelect;
type Entry = { month: string; amount: number; lineId?: string | null };

const entriesOf = (r: ForecastRow) => r.etcByMonth as Entry[];

/**
 * A forecast as the API shows it, compared with the previous approved one (null: none): the
 * change of EAC and AC, and what changed per budget line.
 */
function toForecast(
  r: ForecastRow,
  previous: ForecastRow | null,
  labels: ReadonlyMap<string, string> = new Map(),
  inForce = false,
): Forecast {
  const entries = entriesOf(r);
  const etcByMonth = etcByMonthTotal(entries);
  const f = forecastFigures({
    ac: r.ac,
    bac: r.bac,
    etcByMonth,
    previousEac: previous?.eac ?? null,
  });
  return {
    id: r.id,
    period: r.period.slice(0, 7),
    status: r.status as Forecast['status'],
    etcByMonth,
    etc: r.etc,
    ac: r.ac,
    bac: r.bac,
    eac: r.eac,
    variance: f.variance,
    variancePct: f.variancePct,
    changeSincePrevious: f.changeSincePrevious,
    previousPeriod: previous ? previous.period.slice(0, 7) : null,
    acSincePrevious: previous ? r.ac - previous.ac : null,
    lines: lineChanges(entries, previous ? entriesOf(previous) : null, [...labels.keys()]).map(
      (l) => ({ ...l, label: l.lineId ? (labels.get(l.lineId) ?? null) : null }),
    ),
    inForce,
    comment: r.comment,
    submittedBy: ref(r.submittedById, r.submittedByName),
    submittedAt: r.createdAt.toISOString(),
    decidedBy: ref(r.decidedById, r.decidedByName),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    version: r.version,
  };
}

/**
 * One project's forecasts oldest first, each compared with the approved one before it; returned
 * newest first. The latest approved one is in force.
 */
function withPrevious(
  rows: readonly ForecastRow[],
  labels: ReadonlyMap<string, string>,
): Forecast[] {
  const sorted = [...rows].sort(
    (a, b) => a.period.localeCompare(b.period) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const latest = sorted.filter((r) => r.status === 'approved').at(-1)?.id;
  let lastApproved: ForecastRow | null = null;
  const out: Forecast[] = [];
  for (const r of sorted) {
    out.push(toForecast(r, lastApproved, labels, r.id === latest));
    if (r.status === 'approved') lastApproved = r;
  }
  return out.reverse();
}

/** Budget line labels of projects, in grid order (position). */
async function lineLabels(db: Executor, projectIds: readonly string[]) {
  if (projectIds.length === 0) return new Map<string, Map<string, string>>();
  const rows = await db
    .select({ id: budgetLines.id, projectId: budgetLines.projectId, label: budgetLines.label })
    .from(budgetLines)
    .where(inArray(budgetLines.projectId, [...projectIds]))
    .orderBy(asc(budgetLines.position));
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const m = out.get(r.projectId) ?? new Map<string, string>();
    m.set(r.id, r.label);
    out.set(r.projectId, m);
  }
  return out;
}

async function projectForecasts(db: Executor, projectId: string) {
  const [rows, labels] = [
    await db.select().from(financeForecasts).where(eq(financeForecasts.projectId, projectId)),
    await lineLabels(db, [projectId]),
  ];
  return withPrevious(rows, labels.get(projectId) ?? new Map());
}

/** A project's forecast cycle: where a new forecast starts from (per line), and the history. */
export async function getForecasts(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<ForecastCycle> {
  const budget = await finance.getBudget(ctx, actor, projectId);
  const period = today().slice(0, 7);
  const [rows, labels] = [
    await ctx.db.select().from(financeForecasts).where(eq(financeForecasts.projectId, projectId)),
    await lineLabels(ctx.db, [projectId]),
  ];
  const items = withPrevious(rows, labels.get(projectId) ?? new Map());
  // The approved forecast in force: a new one starts from its months still to come.
  const inForce = rows.find((r) => r.id === items.find((f) => f.inForce)?.id);
  const remaining = new Map<string, number>();
  for (const l of budget.lines)
    for (const a of l.amounts)
      if (a.month >= period) remaining.set(a.month, (remaining.get(a.month) ?? 0) + a.amount);
  return {
    projectId,
    current: {
      period,
      ac: budget.totals.actual,
      bac: budget.totals.baseline,
      remainingBudget: [...remaining]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, amount]) => ({ month, amount })),
      lines: budget.lines.map((l) => ({
        lineId: l.id,
        label: l.label,
        ac: l.actual,
        etc: l.etc,
        remainingBudget: l.amounts
          .filter((a) => a.month >= period && a.amount !== 0)
          .sort((a, b) => a.month.localeCompare(b.month)),
      })),
      startFrom: inForce
        ? {
            period: inForce.period.slice(0, 7),
            ...forecastStart(
              entriesOf(inForce),
              period,
              budget.lines.map((l) => l.id),
            ),
          }
        : null,
    },
    items,
    can: { submit: budget.can.edit, decide: budget.can.approve },
  };
}

/**
 * The project manager submits the re-forecast of a period (one live forecast per period), by
 * budget line and month; an amount given for the project as a whole is spread over the lines.
 */
export async function submitForecast(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: SubmitForecastBody,
): Promise<Forecast> {
  await authorizeProject(ctx.db, actor, projectId, 'budget.edit');
  const issues = phasingIssues(body.period, body.etcByMonth);
  if (issues.length)
    throw validationError(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
  const budget = await finance.getBudget(ctx, actor, projectId);
  const known = new Set(budget.lines.map((l) => l.id));
  body.etcByMonth.forEach((e, i) => {
    if (e.lineId && !known.has(e.lineId))
      throw new DomainError('BUDGET_LINE_NOT_FOUND', `No budget line ${e.lineId} in this project`, {
        path: ['body', 'etcByMonth', String(i), 'lineId'],
      });
  });
  const etcByMonth = attributeToLines(
    body.etcByMonth,
    budget.lines.map((l) => ({ lineId: l.id, amounts: l.amounts })),
  );
  const etc = sum(etcByMonth.map((m) => m.amount));
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'budget.edit');
    const values = {
      projectId,
      period: `${body.period}-01`,
      status: 'submitted',
      etcByMonth,
      etc,
      ac: budget.totals.actual,
      bac: budget.totals.baseline,
      eac: budget.totals.actual + etc,
      comment: body.comment,
      submittedById: userIdOf(actor),
      submittedByName: actor.name,
    };
    let inserted: ForecastRow | undefined;
    try {
      [inserted] = await tx.insert(financeForecasts).values(values).returning();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'FORECAST_ALREADY_SUBMITTED',
          `A forecast for ${body.period} is already submitted or approved`,
          { field: 'period' },
        );
      throw err;
    }
    await recordAudit(tx, actor, {
      entityType: 'finance_forecast',
      entityId: inserted!.id,
      entityLabel: `${project.code} — prévision ${body.period}`,
      projectId,
      action: 'create',
      after: { period: body.period, etc, eac: values.eac, comment: body.comment },
    });
    return inserted!;
  });
  return (await projectForecasts(ctx.db, projectId)).find((f) => f.id === row.id)!;
}

/**
 * An approved forecast becomes the lines' estimate to complete: each line's ETC is its sum in
 * the forecast (0 for a line it leaves out), so the bottom-up EAC (AC + Σ ETC) of the project's
 * EVM and of the programme/portfolio roll-up follow it. Lines' versions are bumped (a grid open
 * on the old ETC gets 412). In the caller's transaction.
 */
async function applyToLines(tx: Executor, projectId: string, f: ForecastRow) {
  const perLine = etcByLine(entriesOf(f));
  const lines = await tx
    .select({ id: budgetLines.id, etc: budgetLines.etc, label: budgetLines.label })
    .from(budgetLines)
    .where(eq(budgetLines.projectId, projectId))
    .for('update');
  if (lines.length === 0) return [];
  const changes = lines.map((l) => ({
    lineId: l.id,
    label: l.label,
    before: l.etc,
    after: perLine.get(l.id) ?? 0,
  }));
  const payload = JSON.stringify(changes.map((c) => ({ id: c.lineId, etc: c.after })));
  await tx.execute(sql`
    update ${budgetLines} l set etc = x.etc, forecast_comment = ${f.comment},
      version = l.version + 1, updated_at = now()
    from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, etc int8)
    where l.id = x.id`);
  return changes;
}

/** Finance approves or rejects a submitted forecast, with a comment (If-Match). */
export async function decideForecast(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  forecastId: string,
  version: number,
  decision: 'approve' | 'reject',
  comment: string,
): Promise<Forecast> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'finance.manage');
    const [current] = await tx
      .select()
      .from(financeForecasts)
      .where(and(eq(financeForecasts.id, forecastId), eq(financeForecasts.projectId, projectId)))
      .for('update');
    if (!current) throw new DomainError('FORECAST_NOT_FOUND', `No forecast ${forecastId}`);
    if (current.version !== version) throw stale('forecast', toForecast(current, null));
    if (current.status !== 'submitted')
      throw new DomainError('FORECAST_NOT_PENDING', 'This forecast was already decided');
    if (decision === 'reject' && !comment.trim())
      throw validationError([
        { path: ['body', 'comment'], message: 'say why the forecast is rejected' },
      ]);
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await tx
      .update(financeForecasts)
      .set({
        status,
        decidedAt: new Date(),
        decidedById: userIdOf(actor),
        decidedByName: actor.name,
        decisionComment: comment,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(financeForecasts.id, forecastId));
    // An older period approved late does not replace a newer approved forecast.
    const [newer] = await tx
      .select({ id: financeForecasts.id })
      .from(financeForecasts)
      .where(
        and(
          eq(financeForecasts.projectId, projectId),
          eq(financeForecasts.status, 'approved'),
          sql`${financeForecasts.period} > ${current.period}`,
        ),
      )
      .limit(1);
    const applied =
      status === 'approved' && !newer ? await applyToLines(tx, projectId, current) : [];
    await recordAudit(tx, actor, {
      entityType: 'finance_forecast',
      entityId: forecastId,
      entityLabel: `${project.code} — prévision ${current.period.slice(0, 7)}`,
      projectId,
      action: 'update',
      before: {
        status: current.status,
        ...(applied.length && { lineEtc: applied.map((c) => ({ line: c.label, etc: c.before })) }),
      },
      after: {
        status,
        comment,
        ...(applied.length && { lineEtc: applied.map((c) => ({ line: c.label, etc: c.after })) }),
      },
    });
  });
  return (await projectForecasts(ctx.db, projectId)).find((f) => f.id === forecastId)!;
}

/** Forecasts waiting for a decision, across every project (finance's inbox). */
export async function pendingForecasts(ctx: Ctx, actor: Actor) {
  requireRole(actor, 'finance.read');
  const rows = await ctx.db
    .select({ f: financeForecasts, code: projects.code, name: projects.name })
    .from(financeForecasts)
    .innerJoin(projects, eq(projects.id, financeForecasts.projectId))
    .where(eq(financeForecasts.status, 'submitted'))
    .orderBy(asc(financeForecasts.createdAt));
  const ids = [...new Set(rows.map((r) => r.f.projectId))];
  // Every approved forecast of those projects, for what changed since last month.
  const approved = ids.length
    ? await ctx.db
        .select()
        .from(financeForecasts)
        .where(
          and(inArray(financeForecasts.projectId, ids), eq(financeForecasts.status, 'approved')),
        )
        .orderBy(desc(financeForecasts.period), desc(financeForecasts.createdAt))
    : [];
  const labels = await lineLabels(ctx.db, ids);
  return {
    items: rows.map((r) => {
      const prev =
        approved.find((a) => a.projectId === r.f.projectId && a.period <= r.f.period) ?? null;
      return {
        ...toForecast(r.f, prev, labels.get(r.f.projectId) ?? new Map()),
        project: { id: r.f.projectId, code: r.code, name: r.name },
      };
    }),
  };
}

// ---------------------------------------------------------------- discount-rate policy

type PolicyRow = typeof discountRatePolicies.$inferSelect;
const normRate = (r: string) => r.trim().replace(',', '.');

function toPolicy(r: PolicyRow): DiscountRatePolicy {
  return {
    id: r.id,
    effectiveFrom: r.effectiveFrom,
    rate: r.rate,
    note: r.note,
    createdBy: ref(r.createdById, r.createdByName),
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

/** The company's discount-rate policies and the one in force on a date (today by default). */
export async function getDiscountRates(
  ctx: Ctx,
  actor: Actor,
  date?: string,
): Promise<DiscountRates> {
  const rows = await ctx.db
    .select()
    .from(discountRatePolicies)
    .orderBy(desc(discountRatePolicies.effectiveFrom));
  const on = date ?? today();
  const inForce = policyInForce(rows, on);
  return {
    items: rows.map(toPolicy),
    inForce: inForce ? toPolicy(inForce) : null,
    date: on,
    can: { manage: roleGrants(actor.role, 'finance.manage') },
  };
}

export async function createDiscountRate(
  ctx: Ctx,
  actor: Actor,
  body: { effectiveFrom: string; rate: string; note: string },
): Promise<DiscountRatePolicy> {
  requireRole(actor, 'finance.manage');
  return ctx.db.transaction(async (tx) => {
    let row: PolicyRow | undefined;
    try {
      [row] = await tx
        .insert(discountRatePolicies)
        .values({
          effectiveFrom: body.effectiveFrom,
          rate: normRate(body.rate),
          note: body.note,
          createdById: userIdOf(actor),
          createdByName: actor.name,
        })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'DUPLICATE_CODE',
          `A rate is already effective from ${body.effectiveFrom}`,
          { field: 'effectiveFrom' },
        );
      throw err;
    }
    await recordAudit(tx, actor, {
      entityType: 'discount_rate_policy',
      entityId: row!.id,
      entityLabel: `Taux d'actualisation ${row!.rate} % au ${body.effectiveFrom}`,
      action: 'create',
      after: { effectiveFrom: row!.effectiveFrom, rate: row!.rate, note: row!.note },
    });
    return toPolicy(row!);
  });
}

export async function updateDiscountRate(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: { rate?: string; note?: string },
): Promise<DiscountRatePolicy> {
  requireRole(actor, 'finance.manage');
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(discountRatePolicies)
      .where(eq(discountRatePolicies.id, id))
      .for('update');
    if (!current) throw new DomainError('DISCOUNT_RATE_NOT_FOUND', `No policy ${id}`);
    if (current.version !== version) throw stale('discount rate', toPolicy(current));
    const [row] = await tx
      .update(discountRatePolicies)
      .set({
        rate: body.rate === undefined ? current.rate : normRate(body.rate),
        note: body.note ?? current.note,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(discountRatePolicies.id, id))
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'discount_rate_policy',
      entityId: id,
      entityLabel: `Taux d'actualisation au ${current.effectiveFrom}`,
      action: 'update',
      before: { rate: current.rate, note: current.note },
      after: { rate: row!.rate, note: row!.note },
    });
    return toPolicy(row!);
  });
}

export async function deleteDiscountRate(ctx: Ctx, actor: Actor, id: string, version: number) {
  requireRole(actor, 'finance.manage');
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(discountRatePolicies)
      .where(eq(discountRatePolicies.id, id))
      .for('update');
    if (!current) throw new DomainError('DISCOUNT_RATE_NOT_FOUND', `No policy ${id}`);
    if (current.version !== version) throw stale('discount rate', toPolicy(current));
    await tx.delete(discountRatePolicies).where(eq(discountRatePolicies.id, id));
    await recordAudit(tx, actor, {
      entityType: 'discount_rate_policy',
      entityId: id,
      entityLabel: `Taux d'actualisation au ${current.effectiveFrom}`,
      action: 'delete',
      before: { effectiveFrom: current.effectiveFrom, rate: current.rate, note: current.note },
    });
  });
}

// ---------------------------------------------------------------- benefits tracking

type RealisationRow = typeof benefitRealisations.$inferSelect;
interface CaseJson {
  periodicity: 'year' | 'month';
  firstPeriod: string;
  discountRate: string;
  lines: { kind: string; amounts: number[]; confidence?: number }[];
}
const isBenefit = (kind: string) => (BENEFIT_KINDS as readonly string[]).includes(kind);

function toRealisation(r: RealisationRow): Realisation {
  return {
    id: r.id,
    period: r.period,
    kind: r.kind as Realisation['kind'],
    amount: r.amount,
    comment: r.comment,
    recordedBy: ref(r.recordedById, r.recordedByName),
    version: r.version,
  };
}

async function caseOf(db: Executor, projectId: string) {
  const [row] = await db
    .select({
      id: projectRequests.id,
      number: projectRequests.number,
      bc: projectRequests.businessCase,
    })
    .from(projectRequests)
    .where(and(eq(projectRequests.projectId, projectId), isNotNull(projectRequests.businessCase)))
    .orderBy(desc(projectRequests.number))
    .limit(1);
  return row ? { ...row, bc: row.bc as CaseJson } : null;
}

const reference = (n: number) => `DEM-${String(n).padStart(4, '0')}`;

/** Planned (the business case's benefits) vs realised benefits of a project, by period. */
export async function getProjectBenefits(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<ProjectBenefits> {
  const { project, roles } = await authorizeProject(ctx.db, actor, projectId, 'finance.read');
  const bc = await caseOf(ctx.db, projectId);
  const realised = await ctx.db
    .select()
    .from(benefitRealisations)
    .where(eq(benefitRealisations.projectId, projectId))
    .orderBy(asc(benefitRealisations.period), asc(benefitRealisations.kind));
  const tracking = benefitsTracking({
    firstPeriod: bc?.bc.firstPeriod ?? null,
    planned: (bc?.bc.lines ?? []).filter((l) => isBenefit(l.kind)),
    realised: realised.map((r) => ({ period: r.period, amount: r.amount })),
    asOf: today().slice(0, 7),
  });
  return {
    projectId,
    projectStatus: project.status,
    businessCase: bc
      ? {
          requestId: bc.id,
          reference: reference(bc.number),
          periodicity: bc.bc.periodicity,
          firstPeriod: bc.bc.firstPeriod,
          discountRate: bc.bc.discountRate,
        }
      : null,
    ...tracking,
    realisations: realised.map(toRealisation),
    can: {
      record: project.status === 'closed' && projectGrants(actor.role, roles, 'budget.edit'),
    },
  };
}

async function assertPeriod(db: Executor, projectId: string, period: string) {
  const bc = await caseOf(db, projectId);
  if (!bc) return;
  const ok = bc.bc.periodicity === 'year' ? period.length === 4 : period.length === 7;
  if (!ok)
    throw validationError([
      {
        path: ['body', 'period'],
        message: bc.bc.periodicity === 'year' ? 'expected a year YYYY' : 'expected a month YYYY-MM',
      },
    ]);
}

export async function recordBenefit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: { period: string; kind: string; amount: number; comment: string },
): Promise<Realisation> {
  return ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'budget.edit');
    if (project.status !== 'closed')
      throw new DomainError(
        'PROJECT_NOT_CLOSED',
        'Realised benefits are recorded once the project is closed',
      );
    await assertPeriod(tx, projectId, body.period);
    let row: RealisationRow | undefined;
    try {
      [row] = await tx
        .insert(benefitRealisations)
        .values({
          projectId,
          period: body.period,
          kind: body.kind,
          amount: body.amount,
          comment: body.comment,
          recordedById: userIdOf(actor),
          recordedByName: actor.name,
        })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'DUPLICATE_CODE',
          `A ${body.kind} benefit is already recorded for ${body.period}: edit it`,
          { field: 'period' },
        );
      throw err;
    }
    await recordAudit(tx, actor, {
      entityType: 'benefit_realisation',
      entityId: row!.id,
      entityLabel: `${project.code} — bénéfice ${body.period}`,
      projectId,
      action: 'create',
      after: body,
    });
    return toRealisation(row!);
  });
}

async function lockedRealisation(tx: Executor, projectId: string, id: string, version: number) {
  const [current] = await tx
    .select()
    .from(benefitRealisations)
    .where(and(eq(benefitRealisations.id, id), eq(benefitRealisations.projectId, projectId)))
    .for('update');
  if (!current) throw new DomainError('BENEFIT_NOT_FOUND', `No realised benefit ${id}`);
  if (current.version !== version) throw stale('realised benefit', toRealisation(current));
  return current;
}

export async function updateBenefit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
  body: { period?: string; kind?: string; amount?: number; comment?: string },
): Promise<Realisation> {
  return ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'budget.edit');
    const current = await lockedRealisation(tx, projectId, id, version);
    if (body.period !== undefined) await assertPeriod(tx, projectId, body.period);
    let row: RealisationRow | undefined;
    try {
      [row] = await tx
        .update(benefitRealisations)
        .set({
          period: body.period ?? current.period,
          kind: body.kind ?? current.kind,
          amount: body.amount ?? current.amount,
          comment: body.comment ?? current.comment,
          version: current.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(benefitRealisations.id, id))
        .returning();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('DUPLICATE_CODE', 'Already recorded for that period and kind', {
          field: 'period',
        });
      throw err;
    }
    await recordAudit(tx, actor, {
      entityType: 'benefit_realisation',
      entityId: id,
      entityLabel: `${project.code} — bénéfice ${row!.period}`,
      projectId,
      action: 'update',
      before: toRealisation(current),
      after: toRealisation(row!),
    });
    return toRealisation(row!);
  });
}

export async function deleteBenefit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'budget.edit');
    const current = await lockedRealisation(tx, projectId, id, version);
    await tx.delete(benefitRealisations).where(eq(benefitRealisations.id, id));
    await recordAudit(tx, actor, {
      entityType: 'benefit_realisation',
      entityId: id,
      entityLabel: `${project.code} — bénéfice ${current.period}`,
      projectId,
      action: 'delete',
      before: toRealisation(current),
    });
  });
}

/**
 * Planned vs realised benefits across the portfolio: every project with a business case or a
 * realised benefit, in three set-wise reads; monthly periods add up into their year.
 */
export async function getPortfolioBenefits(
  ctx: Ctx,
  actor: Actor,
  portfolioId?: string,
): Promise<PortfolioBenefits> {
  requireRole(actor, 'finance.read');
  const cases = await ctx.db
    .select({
      projectId: projectRequests.projectId,
      number: projectRequests.number,
      bc: projectRequests.businessCase,
    })
    .from(projectRequests)
    .where(and(isNotNull(projectRequests.projectId), isNotNull(projectRequests.businessCase)))
    .orderBy(asc(projectRequests.number));
  const realised = await ctx.db
    .select({
      projectId: benefitRealisations.projectId,
      period: benefitRealisations.period,
      amount: benefitRealisations.amount,
    })
    .from(benefitRealisations);
  const ids = [
    ...new Set([...cases.map((c) => c.projectId!), ...realised.map((r) => r.projectId)]),
  ];
  const list = ids.length
    ? await ctx.db
        .select({
          id: projects.id,
          code: projects.code,
          name: projects.name,
          status: projects.status,
          portfolioId: projects.portfolioId,
          portfolio: portfolios.name,
        })
        .from(projects)
        .innerJoin(portfolios, eq(portfolios.id, projects.portfolioId))
        .where(
          and(
            inArray(projects.id, ids),
            portfolioId ? eq(projects.portfolioId, portfolioId) : undefined,
          ),
        )
        .orderBy(asc(projects.code))
    : [];
  const caseBy = new Map(cases.map((c) => [c.projectId!, c]));
  const realisedBy = new Map<string, { period: string; amount: number }[]>();
  for (const r of realised) {
    const l = realisedBy.get(r.projectId) ?? [];
    l.push(r);
    realisedBy.set(r.projectId, l);
  }
  const asOf = today().slice(0, 7);
  const years = new Map<string, { planned: number; expected: number; realised: number }>();
  const out = list.map((p) => {
    const c = caseBy.get(p.id);
    const bc = c?.bc as CaseJson | undefined;
    const t = benefitsTracking({
      firstPeriod: bc?.firstPeriod ?? null,
      planned: (bc?.lines ?? []).filter((l) => isBenefit(l.kind)),
      realised: realisedBy.get(p.id) ?? [],
      asOf,
    });
    for (const row of t.rows) {
      const y = row.period.slice(0, 4);
      const acc = years.get(y) ?? { planned: 0, expected: 0, realised: 0 };
      acc.planned += row.planned;
      acc.expected += row.expected;
      acc.realised += row.realised;
      years.set(y, acc);
    }
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      status: p.status,
      portfolio: p.portfolio,
      reference: c ? reference(c.number) : null,
      totals: t.totals,
      realisationRate: t.realisationRate,
    };
  });
  const byYear = [...years]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, r]) => ({ period, ...r, gap: r.realised - r.planned }));
  const total = (k: 'planned' | 'expected' | 'realised') => sum(byYear.map((r) => r[k]));
  const plannedToDate = sum(out.map((p) => p.totals.plannedToDate));
  return {
    projects: out,
    byYear,
    totals: {
      planned: total('planned'),
      expected: total('expected'),
      realised: total('realised'),
      gap: total('realised') - total('planned'),
      plannedToDate,
      gapToDate: total('realised') - plannedToDate,
    },
  };
}
