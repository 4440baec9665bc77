import { and, desc, eq, sql } from 'drizzle-orm';
import type {
  ActualCost,
  Budget,
  BudgetLine,
  BudgetRevision,
  CostLedger,
  CreateBudgetLineBody,
  EvmFigures,
  ExchangeRate,
  FinanceClose,
  PortfolioFinance,
  ProjectEvm,
  PurchaseOrder,
  Rollup,
  RollupRow,
  UpdateBudgetLineBody,
} from '../../../contracts/finance.ts';
import type { Plan } from '../../../contracts/planning.ts';
import { DomainError } from '../../../core/errors.ts';
import {
  type EvmInput,
  earnedValue,
  evmIndicators,
  plannedValueAt,
  rollUp,
  sCurve,
} from '../../../core/finance/evm.ts';
import { convertAmount, ratio, sum } from '../../../core/finance/money.ts';
import { type Month, addMonths, monthOfDate, monthRange } from '../../../core/finance/months.ts';
import { spreadOverMonths } from '../../../core/finance/phasing.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { projectGrants, roleGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { getPlan, today } from '../planning/planning.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { evmStatuses, type EvmThresholds } from '../../../core/evm/evm.ts';
import { thresholdResolver } from '../evm/evm.repository.ts';
import { financeForecasts } from '../evm/evm.tables.ts';
import * as repo from './finance.repository.ts';
import {
  actualCosts,
  budgetLines,
  budgetRevisions,
  exchangeRates,
  financeCloses,
  purchaseOrders,
} from './finance.tables.ts';

const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;
const label = (p: { code: string }, what: string) => `${p.code} — ${what}`;
const month = (d: string) => d.slice(0, 7);

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

function lineNotFound(id: string) {
  return new DomainError('BUDGET_LINE_NOT_FOUND', `No budget line ${id}`);
}

/** What the actor may do on the project's finance. */
async function access(
  db: Executor,
  actor: Actor,
  projectId: string,
  permission: 'finance.read' | 'budget.edit' | 'finance.manage',
) {
  const { project, roles } = await authorizeProject(db, actor, projectId, permission);
  const can = {
    edit: projectGrants(actor.role, roles, 'budget.edit'),
    approve: roleGrants(actor.role, 'finance.manage'),
    manage: roleGrants(actor.role, 'finance.manage'),
  };
  return { project, can };
}

/** The plan's tasks by id and the duration-weighted progress of the whole plan, read through the planning service. */
async function planProgress(ctx: Ctx, actor: Actor, projectId: string) {
  let plan: Plan;
  try {
    plan = await getPlan(ctx, actor, projectId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'PROJECT_NOT_FOUND') return null;
    throw err;
  }
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  let weight = 0;
  let done = 0;
  for (const t of plan.tasks) {
    if (t.kind === 'summary') continue;
    weight += t.duration;
    done += t.duration * t.percentComplete;
  }
  return {
    plan,
    tasks,
    percent: weight > 0 ? done / weight : null,
  };
}

// ---------------------------------------------------------------- budget

function toRevision(r: repo.RevisionRow): BudgetRevision {
  return {
    id: r.id,
    number: r.number,
    status: r.status as BudgetRevision['status'],
    reason: r.reason,
    total: r.total,
    submittedBy: ref(r.submittedById, r.submittedByName),
    submittedAt: r.createdAt.toISOString(),
    decidedBy: ref(r.decidedById, r.decidedByName),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    version: r.version,
  };
}

const lineFields = (l: repo.LineRow) => ({
  label: l.label,
  category: l.category,
  nature: l.nature,
  costCentre: l.costCentre,
  taskId: l.taskId,
  etc: l.etc,
  forecastComment: l.forecastComment,
});

/** A project's working budget with its baseline, commitments, actuals and forecasts per line. */
export async function getBudget(ctx: Ctx, actor: Actor, projectId: string): Promise<Budget> {
  return (await budgetAndProgress(ctx, actor, projectId)).budget;
}

/** The budget and the plan's progress it read (EV uses both: the plan is read once). */
async function budgetAndProgress(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<{ budget: Budget; progress: Awaited<ReturnType<typeof planProgress>> }> {
  const { can } = await access(ctx.db, actor, projectId, 'finance.read');
  // One read at a time: ctx.db may be a single connection (PGlite, a transaction).
  const lines = await repo.listLines(ctx.db, projectId);
  const amounts = await repo.listAmounts(ctx.db, projectId);
  const revisions = await repo.listRevisions(ctx.db, projectId);
  const costs = await repo.costsByLine(ctx.db, projectId);
  const progress = await planProgress(ctx, actor, projectId);
  const baselineRow = revisions.find((r) => r.status === 'approved') ?? null;
  const baseAmounts = baselineRow ? await repo.baselineAmounts(ctx.db, baselineRow.id) : [];
  const baseByLine = new Map<string, number>();
  for (const a of baseAmounts) baseByLine.set(a.lineId, (baseByLine.get(a.lineId) ?? 0) + a.amount);
  const amountsByLine = new Map<string, { month: string; amount: number }[]>();
  const byMonth = new Map<string, number>();
  for (const a of amounts) {
    const m = month(a.month);
    const list = amountsByLine.get(a.lineId) ?? [];
    list.push({ month: m, amount: a.amount });
    amountsByLine.set(a.lineId, list);
    byMonth.set(m, (byMonth.get(m) ?? 0) + a.amount);
  }
  const costByLine = new Map(costs.map((c) => [c.lineId, c]));
  const out: BudgetLine[] = lines.map((l) => {
    const list = amountsByLine.get(l.id) ?? [];
    const total = sum(list.map((a) => a.amount));
    const c = costByLine.get(l.id);
    const actual = c?.actual ?? 0;
    const eac = actual + (l.etc ?? Math.max(0, total - actual));
    const task = l.taskId ? progress?.tasks.get(l.taskId) : undefined;
    return {
      id: l.id,
      position: l.position,
      label: l.label,
      category: l.category as BudgetLine['category'],
      nature: l.nature as BudgetLine['nature'],
      costCentre: l.costCentre,
      task: task ? { id: task.id, wbs: task.wbs, name: task.name } : null,
      amounts: list,
      total,
      baseline: baseByLine.get(l.id) ?? 0,
      committed: c?.committed ?? 0,
      actual,
      etc: l.etc,
      eac,
      variance: total - eac,
      forecastComment: l.forecastComment,
      version: l.version,
    };
  });
  const unassigned = costByLine.get(null);
  const total = sum(out.map((l) => l.total));
  const eac = sum(out.map((l) => l.eac)) + (unassigned?.actual ?? 0);
  // The grid shows every month from the first amount (or the plan's start) to the last.
  const planStart = progress?.plan.projectStart ?? null;
  const planFinish = progress?.plan.projectFinish ?? null;
  const known = [
    ...byMonth.keys(),
    ...(planStart ? [month(planStart)] : []),
    ...(planFinish ? [month(planFinish)] : []),
  ].sort();
  const first = known[0] ?? month(today());
  const last = known[known.length - 1] ?? addMonths(first, 11);
  const months = monthRange(first, last < addMonths(first, 11) ? addMonths(first, 11) : last);
  const baselineSet = new Map<string, number>();
  for (const a of baseAmounts) baselineSet.set(`${a.lineId}|${month(a.month)}`, a.amount);
  const workingSet = new Map<string, number>();
  for (const a of amounts) workingSet.set(`${a.lineId}|${month(a.month)}`, a.amount);
  const pendingChange =
    baselineSet.size !== workingSet.size ||
    [...workingSet].some(([k, v]) => baselineSet.get(k) !== v);
  const budget: Budget = {
    projectId,
    currency: 'EUR',
    months,
    lines: out,
    totals: {
      byMonth: months.map((m) => ({ month: m, amount: byMonth.get(m) ?? 0 })),
      total,
      baseline: baselineRow?.total ?? 0,
      committed: sum(out.map((l) => l.committed)) + (unassigned?.committed ?? 0),
      actual: sum(out.map((l) => l.actual)) + (unassigned?.actual ?? 0),
      eac,
      variance: total - eac,
      capex: sum(out.filter((l) => l.nature === 'capex').map((l) => l.total)),
      opex: sum(out.filter((l) => l.nature === 'opex').map((l) => l.total)),
    },
    baseline: baselineRow ? toRevision(baselineRow) : null,
    revisions: revisions.map(toRevision),
    pendingChange,
    can,
  };
  return { budget, progress };
}

async function assertTask(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  taskId: string | null | undefined,
) {
  if (!taskId) return;
  const progress = await planProgress(ctx, actor, projectId);
  if (!progress?.tasks.has(taskId))
    throw new DomainError('TASK_NOT_FOUND', `No task ${taskId} in this project's plan`, {
      issues: [{ path: ['body', 'taskId'], message: 'Not a task of this plan' }],
    });
}

export async function createLine(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: CreateBudgetLineBody,
) {
  await assertTask(ctx, actor, projectId, input.taskId);
  if (input.spread && input.spread.to < input.spread.from)
    throw new DomainError('VALIDATION_FAILED', 'The spread ends before it starts', {
      issues: [{ path: ['body', 'spread', 'to'], message: 'Before from' }],
    });
  const amounts = input.spread
    ? spreadOverMonths(input.spread.amount, input.spread.from, input.spread.to)
    : input.amounts;
  const id = await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'budget.edit');
    const [row] = await tx
      .insert(budgetLines)
      .values({
        projectId,
        position: await repo.nextLinePosition(tx, projectId),
        label: input.label,
        category: input.category,
        nature: input.nature,
        costCentre: input.costCentre,
        taskId: input.taskId,
      })
      .returning();
    await repo.setAmounts(tx, projectId, row!.id, amounts);
    await repo.refreshAggregates(tx, [projectId]);
    await recordAudit(tx, actor, {
      entityType: 'budget_line',
      entityId: row!.id,
      entityLabel: label(project, input.label),
      projectId,
      action: 'create',
      after: { ...lineFields(row!), total: sum(amounts.map((a) => a.amount)) },
    });
    return row!.id;
  });
  return lineOf(ctx, actor, projectId, id);
}

/**
 * Runs a line's write transaction; a stale version is reported with the line as it is now,
 * read after the transaction (the embedded database has a single connection).
 */
async function withCurrentLine(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  lineId: string,
  write: (tx: Executor) => Promise<void>,
) {
  try {
    await ctx.db.transaction(write);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'VERSION_MISMATCH')
      throw stale('budget line', await lineOf(ctx, actor, projectId, lineId));
    throw err;
  }
}

async function lineOf(ctx: Ctx, actor: Actor, projectId: string, lineId: string) {
  const budget = await getBudget(ctx, actor, projectId);
  const line = budget.lines.find((l) => l.id === lineId);
  if (!line) throw lineNotFound(lineId);
  return line;
}

export async function updateLine(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  lineId: string,
  expected: number,
  input: UpdateBudgetLineBody,
) {
  await assertTask(ctx, actor, projectId, input.taskId);
  await withCurrentLine(ctx, actor, projectId, lineId, async (tx) => {
    const { project } = await access(tx, actor, projectId, 'budget.edit');
    const before = await repo.findLine(tx, projectId, lineId);
    if (!before) throw lineNotFound(lineId);
    const { amounts, ...fields } = input;
    const [after] = await tx
      .update(budgetLines)
      .set({ ...fields, version: sql`${budgetLines.version} + 1`, updatedAt: new Date() })
      .where(and(eq(budgetLines.id, lineId), eq(budgetLines.version, expected)))
      .returning();
    if (!after) throw stale('budget line', null);
    const changes: Record<string, unknown> = {};
    if (amounts?.length) {
      const old = new Map(
        (await repo.listAmounts(tx, projectId))
          .filter((a) => a.lineId === lineId)
          .map((a) => [month(a.month), a.amount]),
      );
      await repo.setAmounts(tx, projectId, lineId, amounts);
      await repo.refreshAggregates(tx, [projectId]);
      for (const a of amounts) changes[`amount ${a.month}`] = old.get(a.month) ?? 0;
    }
    await recordAudit(tx, actor, {
      entityType: 'budget_line',
      entityId: lineId,
      entityLabel: label(project, after.label),
      projectId,
      action: 'update',
      before: { ...lineFields(before), ...changes },
      after: {
        ...lineFields(after),
        ...Object.fromEntries((amounts ?? []).map((a) => [`amount ${a.month}`, a.amount])),
      },
    });
  });
  return lineOf(ctx, actor, projectId, lineId);
}

export async function deleteLine(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  lineId: string,
  expected: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'budget.edit');
    const before = await repo.findLine(tx, projectId, lineId);
    if (!before) throw lineNotFound(lineId);
    const [gone] = await tx
      .delete(budgetLines)
      .where(and(eq(budgetLines.id, lineId), eq(budgetLines.version, expected)))
      .returning({ id: budgetLines.id });
    if (!gone) throw stale('budget line', null);
    await repo.refreshAggregates(tx, [projectId]);
    await recordAudit(tx, actor, {
      entityType: 'budget_line',
      entityId: lineId,
      entityLabel: label(project, before.label),
      projectId,
      action: 'delete',
      before: lineFields(before),
    });
  });
}

/** Submits the working budget as a revision to approve, with the reason for the change. */
export async function submitRevision(ctx: Ctx, actor: Actor, projectId: string, reason: string) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'budget.edit');
    const existing = await repo.listRevisions(tx, projectId);
    const pending = existing.find((r) => r.status === 'submitted');
    if (pending)
      throw new DomainError('CONFLICT', 'A revision is already waiting for approval', {
        current: toRevision(pending),
      });
    const total = sum((await repo.listAmounts(tx, projectId)).map((a) => a.amount));
    const [rev] = await tx
      .insert(budgetRevisions)
      .values({
        projectId,
        number: (existing[0]?.number ?? 0) + 1,
        status: 'submitted',
        reason,
        total,
        submittedById: userIdOf(actor),
        submittedByName: actor.name,
      })
      .returning();
    await repo.snapshotWorkingBudget(tx, projectId, rev!.id);
    await recordAudit(tx, actor, {
      entityType: 'budget_revision',
      entityId: rev!.id,
      entityLabel: label(project, `révision ${rev!.number}`),
      projectId,
      action: 'create',
      after: { number: rev!.number, status: 'submitted', reason, total },
    });
    return rev!;
  });
  return toRevision(row);
}

/** Approves (the revision becomes the baseline) or rejects a submitted revision: finance or PMO only. */
export async function decideRevision(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  revisionId: string,
  expected: number,
  decision: 'approve' | 'reject',
  comment: string,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'finance.manage');
    const before = await repo.findRevision(tx, projectId, revisionId);
    if (!before) throw new DomainError('BUDGET_REVISION_NOT_FOUND', `No revision ${revisionId}`);
    if (before.status !== 'submitted')
      throw new DomainError('REVISION_NOT_PENDING', 'This revision was already decided', {
        current: toRevision(before),
      });
    const [after] = await tx
      .update(budgetRevisions)
      .set({
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedAt: new Date(),
        decidedById: userIdOf(actor),
        decidedByName: actor.name,
        decisionComment: comment,
        version: sql`${budgetRevisions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(budgetRevisions.id, revisionId), eq(budgetRevisions.version, expected)))
      .returning();
    if (!after) throw stale('revision', toRevision(before));
    await recordAudit(tx, actor, {
      entityType: 'budget_revision',
      entityId: revisionId,
      entityLabel: label(project, `révision ${after.number}`),
      projectId,
      action: 'update',
      before: { status: before.status, decisionComment: before.decisionComment },
      after: {
        status: after.status,
        decisionComment: comment,
        reason: after.reason,
        total: after.total,
      },
    });
    return after;
  });
  return toRevision(row);
}

// ---------------------------------------------------------------- commitments and actuals

function toOrder(o: repo.PurchaseOrderRow): PurchaseOrder {
  return {
    id: o.id,
    lineId: o.lineId,
    supplier: o.supplier,
    reference: o.reference,
    description: o.description,
    orderDate: o.orderDate,
    amount: o.amount,
    currency: o.currency,
    amountEur: o.amountEur,
    version: o.version,
  };
}

function toActual(a: repo.ActualRow): ActualCost {
  return {
    id: a.id,
    lineId: a.lineId,
    source: a.source as ActualCost['source'],
    date: a.date,
    supplier: a.supplier,
    reference: a.reference,
    description: a.description,
    amount: a.amount,
    currency: a.currency,
    amountEur: a.amountEur,
    version: a.version,
  };
}

/** The project's purchase orders and its latest 500 actual costs. */
export async function getLedger(ctx: Ctx, actor: Actor, projectId: string): Promise<CostLedger> {
  const { can } = await access(ctx.db, actor, projectId, 'finance.read');
  // One read at a time: ctx.db may be a single connection (PGlite, a transaction).
  const orders = await repo.listPurchaseOrders(ctx.db, projectId);
  const actuals = await repo.listActuals(ctx.db, projectId, 500);
  const labourSyncedAt = await repo.labourSyncedAt(ctx.db);
  return {
    purchaseOrders: orders.map(toOrder),
    actuals: actuals.map(toActual),
    labourSyncedAt,
    can: { manage: can.manage },
  };
}

async function toEur(db: Executor, amount: number, currency: string, date: string, path: string[]) {
  if (currency === 'EUR') return amount;
  const rate = await repo.rateOn(db, currency, date);
  if (rate === undefined)
    throw new DomainError('NO_EXCHANGE_RATE', `No ${currency} rate on ${date}`, {
      issues: [{ path, message: `No ${currency} rate valid on ${date}` }],
    });
  return convertAmount(amount, String(rate));
}

async function assertLine(db: Executor, projectId: string, lineId: string | null) {
  if (lineId && !(await repo.findLine(db, projectId, lineId)))
    throw new DomainError('BUDGET_LINE_NOT_FOUND', `No budget line ${lineId}`, {
      issues: [{ path: ['body', 'lineId'], message: 'Not a line of this budget' }],
    });
}

/** An order's or an actual's amount in EUR at the rate of its date, once its line is known to be this budget's. */
async function eurAmountOnLine(
  db: Executor,
  projectId: string,
  cost: { lineId: string | null; amount: number; currency: string },
  date: string,
) {
  await assertLine(db, projectId, cost.lineId);
  return toEur(db, cost.amount, cost.currency, date, ['body', 'currency']);
}

type OrderInput = {
  lineId: string | null;
  supplier: string;
  reference: string;
  description: string;
  orderDate: string;
  amount: number;
  currency: string;
};

async function orderOf(db: Executor, projectId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.id, orderId), eq(purchaseOrders.projectId, projectId)));
  if (!order) throw new DomainError('PURCHASE_ORDER_NOT_FOUND', `No order ${orderId}`);
  return order;
}

/** The error to throw when an order's reference is already another order's; any other error as it is. */
function duplicateReference(err: unknown, reference: string) {
  return isUniqueViolation(err, 'purchase_orders_reference_key')
    ? new DomainError('DUPLICATE_CODE', `Order ${reference} already exists`, {
        issues: [{ path: ['body', 'reference'], message: 'Already used' }],
      })
    : err;
}

export async function createPurchaseOrder(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: OrderInput,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const { project } = await access(tx, actor, projectId, 'finance.manage');
      const amountEur = await eurAmountOnLine(tx, projectId, input, input.orderDate);
      const [o] = await tx
        .insert(purchaseOrders)
        .values({ ...input, projectId, amountEur })
        .returning();
      await recordAudit(tx, actor, {
        entityType: 'purchase_order',
        entityId: o!.id,
        entityLabel: label(project, `${input.reference} ${input.supplier}`),
        projectId,
        action: 'create',
        after: { ...input, amountEur },
      });
      return o!;
    });
    return toOrder(row);
  } catch (err) {
    throw duplicateReference(err, input.reference);
  }
}

/** Changes a purchase order (If-Match); the EUR amount is converted again at the rate of its date. */
export async function updatePurchaseOrder(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  orderId: string,
  expected: number,
  input: OrderInput,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const { project } = await access(tx, actor, projectId, 'finance.manage');
      const before = await orderOf(tx, projectId, orderId);
      if (before.version !== expected) throw stale('purchase order', toOrder(before));
      const amountEur = await eurAmountOnLine(tx, projectId, input, input.orderDate);
      const [after] = await tx
        .update(purchaseOrders)
        .set({
          ...input,
          amountEur,
          version: sql`${purchaseOrders.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(purchaseOrders.id, orderId), eq(purchaseOrders.version, expected)))
        .returning();
      if (!after) throw stale('purchase order', toOrder(before));
      await recordAudit(tx, actor, {
        entityType: 'purchase_order',
        entityId: orderId,
        entityLabel: label(project, `${after.reference} ${after.supplier}`),
        projectId,
        action: 'update',
        before: toOrder(before),
        after: toOrder(after),
      });
      return after;
    });
    return toOrder(row);
  } catch (err) {
    throw duplicateReference(err, input.reference);
  }
}

export async function deletePurchaseOrder(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  orderId: string,
  expected: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'finance.manage');
    const before = await orderOf(tx, projectId, orderId);
    const [gone] = await tx
      .delete(purchaseOrders)
      .where(and(eq(purchaseOrders.id, orderId), eq(purchaseOrders.version, expected)))
      .returning({ id: purchaseOrders.id });
    if (!gone) throw stale('purchase order', toOrder(before));
    await recordAudit(tx, actor, {
      entityType: 'purchase_order',
      entityId: orderId,
      entityLabel: label(project, `${before.reference} ${before.supplier}`),
      projectId,
      action: 'delete',
      before: toOrder(before),
    });
  });
}

type ActualInput = {
  lineId: string | null;
  source: 'invoice' | 'other';
  date: string;
  supplier: string;
  reference: string;
  description: string;
  amount: number;
  currency: string;
};

/** An invoice or other cost of the project; labour ones follow the timesheets and cannot be changed by hand. */
async function manualActualOf(db: Executor, projectId: string, actualId: string) {
  const [actual] = await db
    .select()
    .from(actualCosts)
    .where(and(eq(actualCosts.id, actualId), eq(actualCosts.projectId, projectId)));
  if (!actual) throw new DomainError('ACTUAL_NOT_FOUND', `No actual cost ${actualId}`);
  if (actual.source === 'labour')
    throw new DomainError('FORBIDDEN', 'Labour actuals follow the approved timesheets');
  return actual;
}

export async function createActual(ctx: Ctx, actor: Actor, projectId: string, input: ActualInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'finance.manage');
    const amountEur = await eurAmountOnLine(tx, projectId, input, input.date);
    const [a] = await tx
      .insert(actualCosts)
      .values({ ...input, projectId, amountEur })
      .returning();
    await repo.refreshAggregates(tx, [projectId]);
    await recordAudit(tx, actor, {
      entityType: 'actual_cost',
      entityId: a!.id,
      entityLabel: label(project, `${input.reference || input.description || input.date}`),
      projectId,
      action: 'create',
      after: { ...input, amountEur },
    });
    return a!;
  });
  return toActual(row);
}

/** Changes an invoice or other cost (If-Match); labour actuals follow the timesheets and are refused. */
export async function updateActual(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  actualId: string,
  expected: number,
  input: ActualInput,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'finance.manage');
    const before = await manualActualOf(tx, projectId, actualId);
    if (before.version !== expected) throw stale('actual cost', toActual(before));
    const amountEur = await eurAmountOnLine(tx, projectId, input, input.date);
    const [after] = await tx
      .update(actualCosts)
      .set({
        ...input,
        amountEur,
        version: sql`${actualCosts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(actualCosts.id, actualId), eq(actualCosts.version, expected)))
      .returning();
    if (!after) throw stale('actual cost', toActual(before));
    await repo.refreshAggregates(tx, [projectId]);
    await recordAudit(tx, actor, {
      entityType: 'actual_cost',
      entityId: actualId,
      entityLabel: label(project, after.reference || after.description || after.date),
      projectId,
      action: 'update',
      before: toActual(before),
      after: toActual(after),
    });
    return after;
  });
  return toActual(row);
}

export async function deleteActual(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  actualId: string,
  expected: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'finance.manage');
    const before = await manualActualOf(tx, projectId, actualId);
    const [gone] = await tx
      .delete(actualCosts)
      .where(and(eq(actualCosts.id, actualId), eq(actualCosts.version, expected)))
      .returning({ id: actualCosts.id });
    if (!gone) throw stale('actual cost', toActual(before));
    await repo.refreshAggregates(tx, [projectId]);
    await recordAudit(tx, actor, {
      entityType: 'actual_cost',
      entityId: actualId,
      entityLabel: label(project, before.reference || before.description || before.date),
      projectId,
      action: 'delete',
      before: toActual(before),
    });
  });
}

// ---------------------------------------------------------------- exchange rates

export async function listRates(
  ctx: Ctx,
  actor: Actor,
): Promise<{ items: (ExchangeRate & { version: number })[] }> {
  if (!roleGrants(actor.role, 'finance.read')) throw new DomainError('FORBIDDEN', 'finance.read');
  const rows = await repo.listRates(ctx.db);
  return {
    items: rows.map((r) => ({
      currency: r.currency,
      validFrom: r.validFrom,
      rate: formatRate(r.rate),
      version: r.version,
    })),
  };
}

function formatRate(rate: unknown): string {
  const s = typeof rate === 'number' ? rate.toFixed(8) : String(rate);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Sets the rate of a currency from a date (replacing the one of that date). */
export async function setRate(ctx: Ctx, actor: Actor, input: ExchangeRate) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(exchangeRates)
      .values(input)
      .onConflictDoUpdate({
        target: [exchangeRates.currency, exchangeRates.validFrom],
        set: { rate: input.rate, version: sql`${exchangeRates.version} + 1` },
      });
    await recordAudit(tx, actor, {
      entityType: 'exchange_rate',
      entityId: '00000000-0000-4000-8000-000000000000',
      entityLabel: `${input.currency} ${input.validFrom}`,
      action: 'create',
      after: input,
    });
  });
  return listRates(ctx, actor);
}

/**
 * Deletes the rate of a currency from a date (If-Match: its version). Amounts already converted
 * keep their EUR value; later entries use the rate then in force.
 */
export async function deleteRate(
  ctx: Ctx,
  actor: Actor,
  currency: string,
  validFrom: string,
  version: number,
) {
  if (!roleGrants(actor.role, 'finance.manage'))
    throw new DomainError('FORBIDDEN', 'finance.manage', { permission: 'finance.manage' });
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(exchangeRates)
      .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.validFrom, validFrom)))
      .for('update');
    if (!row)
      throw new DomainError('EXCHANGE_RATE_NOT_FOUND', `No ${currency} rate from ${validFrom}`);
    const current = { currency, validFrom, rate: formatRate(row.rate), version: row.version };
    if (row.version !== version) throw stale('exchange rate', current);
    await tx
      .delete(exchangeRates)
      .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.validFrom, validFrom)));
    await recordAudit(tx, actor, {
      entityType: 'exchange_rate',
      entityId: '00000000-0000-4000-8000-000000000000',
      entityLabel: `${currency} ${validFrom}`,
      action: 'delete',
      before: current,
    });
  });
  return listRates(ctx, actor);
}

// ---------------------------------------------------------------- earned value

function figures(input: EvmInput, thresholds: EvmThresholds): EvmFigures {
  const r = evmIndicators(input);
  const s = evmStatuses(r, thresholds);
  return { ...r, spiStatus: s.spi, cpiStatus: s.cpi, vacStatus: s.vac };
}

interface EvmState {
  statusDate: string;
  progressSource: 'plan' | 'none';
  input: EvmInput;
  committed: number;
  baselinePhased: { month: Month; amount: number }[];
  lines: {
    lineId: string;
    label: string;
    budget: number;
    ac: number;
    etc: number | null;
    eac: number;
  }[];
}

async function evmState(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  date: string | undefined,
): Promise<EvmState> {
  // The plan's progress read once, for the budget's task links and for EV.
  const { budget, progress } = await budgetAndProgress(ctx, actor, projectId);
  const statusDate = date ?? progress?.plan.settings.statusDate ?? today();
  const baseAmounts = budget.baseline ? await repo.baselineAmounts(ctx.db, budget.baseline.id) : [];
  const costs = await repo.costsByLine(ctx.db, projectId, statusDate);
  const byMonth = new Map<string, number>();
  const bacByLine = new Map<string, number>();
  for (const a of baseAmounts) {
    const m = month(a.month);
    byMonth.set(m, (byMonth.get(m) ?? 0) + a.amount);
    bacByLine.set(a.lineId, (bacByLine.get(a.lineId) ?? 0) + a.amount);
  }
  const lineTask = new Map(budget.lines.map((l) => [l.id, l.task?.id ?? null]));
  const projectPercent = progress?.percent ?? null;
  const ev = earnedValue(
    [...bacByLine].map(([lineId, bac]) => {
      const taskId = lineTask.get(lineId);
      const task = taskId ? progress?.tasks.get(taskId) : undefined;
      return { bac, percentComplete: task ? task.percentComplete : (projectPercent ?? 0) };
    }),
  );
  const baselinePhased = [...byMonth].map(([m, amount]) => ({ month: m, amount }));
  const acByLine = new Map(costs.map((c) => [c.lineId, c]));
  const lines = budget.lines.map((l) => {
    const ac = acByLine.get(l.id)?.actual ?? 0;
    return {
      lineId: l.id,
      label: l.label,
      budget: l.total,
      ac,
      etc: l.etc,
      eac: ac + (l.etc ?? Math.max(0, l.total - ac)),
    };
  });
  const ac = sum(costs.map((c) => c.actual));
  const anyEtc = budget.lines.some((l) => l.etc !== null);
  return {
    statusDate,
    progressSource: projectPercent === null ? 'none' : 'plan',
    input: {
      bac: budget.totals.baseline,
      pv: plannedValueAt(baselinePhased, statusDate),
      ev,
      ac,
      etcBottomUp: anyEtc ? sum(lines.map((l) => l.eac - l.ac)) : null,
    },
    committed: sum(costs.map((c) => c.committed)),
    baselinePhased,
    lines,
  };
}

function toClose(c: repo.CloseRow): FinanceClose {
  return {
    month: month(c.month),
    statusDate: c.statusDate,
    bac: c.bac,
    pv: c.pv,
    ev: c.ev,
    ac: c.ac,
    committed: c.committed,
    etc: c.etc,
    eac: c.eac,
    spi: ratio(c.ev, c.pv),
    cpi: ratio(c.ev, c.ac),
    comment: c.comment,
    recordedBy: ref(c.recordedById, c.recordedByName),
    recordedAt: c.recordedAt.toISOString(),
  };
}

/** Earned value of a project at a status date, its S-curves, month-end history and forecast changes. */
export async function getEvm(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  date?: string,
): Promise<ProjectEvm> {
  const { can, project } = await access(ctx.db, actor, projectId, 'finance.read');
  const state = await evmState(ctx, actor, projectId, date);
  const thresholds = (await thresholdResolver(ctx.db))(project.portfolioId);
  const statusMonth = monthOfDate(state.statusDate);
  const closes = await repo.listCloses(ctx.db, projectId);
  const actualMonths = await repo.actualsByMonth(ctx.db, projectId);
  const previous = await repo.closeBefore(ctx.db, projectId, `${statusMonth}-01`);
  const [forecast] = await ctx.db
    .select({ id: financeForecasts.id, period: financeForecasts.period })
    .from(financeForecasts)
    .where(and(eq(financeForecasts.projectId, projectId), eq(financeForecasts.status, 'approved')))
    .orderBy(desc(financeForecasts.period))
    .limit(1);
  const known = [
    ...state.baselinePhased.map((p) => p.month),
    ...actualMonths.map((a) => a.month),
    ...closes.map((c) => month(c.month)),
    statusMonth,
  ].sort();
  const evPoints = closes
    .filter((c) => month(c.month) !== statusMonth)
    .map((c) => ({ month: month(c.month), amount: c.ev }));
  evPoints.push({ month: statusMonth, amount: state.input.ev });
  const prevLines = new Map(
    ((previous?.lines ?? []) as EvmState['lines']).map((l) => [l.lineId, l]),
  );
  return {
    projectId,
    statusDate: state.statusDate,
    progressSource: state.progressSource,
    figures: figures(state.input, thresholds),
    committed: state.committed,
    sCurve: sCurve({
      months: monthRange(known[0]!, known[known.length - 1]!),
      pv: state.baselinePhased,
      ac: actualMonths.filter((a) => a.month <= statusMonth),
      ev: evPoints,
      statusMonth,
    }),
    history: closes.map(toClose),
    lastClose: previous ? toClose(previous) : null,
    changes: state.lines
      .map((l) => {
        const p = prevLines.get(l.lineId);
        return {
          lineId: l.lineId,
          label: l.label,
          eacBefore: p?.eac ?? null,
          eacNow: l.eac,
          acBefore: p?.ac ?? null,
          acNow: l.ac,
        };
      })
      .filter((c) => c.eacBefore !== c.eacNow || c.acBefore !== c.acNow),
    forecast: forecast ? { id: forecast.id, period: month(forecast.period) } : null,
    can: { close: can.edit },
  };
}

/** Records the month-end close at a status date (replacing that month's close). */
export async function closeMonth(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  statusDate: string,
  comment: string,
) {
  await recordClose(ctx, actor, projectId, statusDate, comment);
  return getEvm(ctx, actor, projectId, statusDate);
}

/**
 * Records a month-end close (an EV snapshot: PV, EV, AC, EAC and each line's forecast) without
 * reading the EVM view back: the manual close and the monthly snapshot job both use it.
 */
export async function recordClose(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  statusDate: string,
  comment: string,
) {
  const state = await evmState(ctx, actor, projectId, statusDate);
  const r = evmIndicators(state.input);
  await ctx.db.transaction(async (tx) => {
    const { project } = await access(tx, actor, projectId, 'budget.edit');
    const values = {
      projectId,
      month: `${monthOfDate(statusDate)}-01`,
      statusDate,
      bac: r.bac,
      pv: r.pv,
      ev: r.ev,
      ac: r.ac,
      committed: state.committed,
      etc: state.input.etcBottomUp ?? null,
      eac: r.eac,
      lines: state.lines,
      comment,
      recordedById: userIdOf(actor),
      recordedByName: actor.name,
      recordedAt: new Date(),
    };
    await tx
      .insert(financeCloses)
      .values(values)
      .onConflictDoUpdate({
        target: [financeCloses.projectId, financeCloses.month],
        set: { ...values },
      });
    await recordAudit(tx, actor, {
      entityType: 'finance_close',
      entityId: projectId,
      entityLabel: label(project, `clôture ${monthOfDate(statusDate)}`),
      projectId,
      action: 'create',
      after: { statusDate, bac: r.bac, pv: r.pv, ev: r.ev, ac: r.ac, eac: r.eac, comment },
    });
  });
}

// ---------------------------------------------------------------- roll-up

function assertPortfolioReader(actor: Actor) {
  if (!roleGrants(actor.role, 'finance.read'))
    throw new DomainError('FORBIDDEN', 'The portfolio finance view needs finance.read', {
      permission: 'finance.read',
    });
}

type Totals = Omit<RollupRow, 'level' | 'id' | 'code' | 'name' | 'parentId'>;

function totalsOf(rows: readonly repo.RollupProjectRow[], thresholds: EvmThresholds): Totals {
  const evm = rollUp(rows.map((r) => ({ bac: r.baseline, pv: r.pv, ev: r.ev, ac: r.closeAc })));
  const actual = sum(rows.map((r) => r.actual));
  const eac = actual + sum(rows.map((r) => r.etc));
  const baseline = evm.bac;
  const spi = ratio(evm.ev, evm.pv);
  const cpi = ratio(evm.ev, evm.ac);
  const statuses = evmStatuses({ spi, cpi, vac: baseline - eac, bac: baseline }, thresholds);
  return {
    spiStatus: statuses.spi,
    cpiStatus: statuses.cpi,
    vacStatus: statuses.vac,
    budget: sum(rows.map((r) => r.budget)),
    baseline,
    committed: sum(rows.map((r) => r.committed)),
    actual,
    eac,
    pv: evm.pv,
    ev: evm.ev,
    spi,
    cpi,
    vac: baseline - eac,
    projectCount: rows.length,
    forecastCount: rows.filter((r) => r.forecastPeriod !== null).length,
    forecastPeriod:
      rows.length === 1 && rows[0]!.forecastPeriod ? month(rows[0]!.forecastPeriod) : null,
  };
}

/**
 * Portfolio → programme → project finance at a date: one set-wise query for every project,
 * then totals computed from the projects' integer figures (indices from the summed PV, EV, AC
 * of the latest month-end closes).
 */
export async function getRollup(
  ctx: Ctx,
  actor: Actor,
  query: { date?: string; portfolioId?: string },
): Promise<Rollup> {
  assertPortfolioReader(actor);
  const statusDate = query.date ?? today();
  // JIT compilation costs more than the query saves (its plan estimates run high): off here.
  const rows = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return repo.rollupByProject(tx, statusDate, query.portfolioId);
  });
  const thresholdsOf = await thresholdResolver(ctx.db);
  const out: RollupRow[] = [];
  const byPortfolio = new Map<string, repo.RollupProjectRow[]>();
  for (const r of rows) {
    const list = byPortfolio.get(r.portfolioId) ?? [];
    list.push(r);
    byPortfolio.set(r.portfolioId, list);
  }
  for (const [portfolioId, list] of byPortfolio) {
    const first = list[0]!;
    out.push({
      level: 'portfolio',
      id: portfolioId,
      code: first.portfolioCode,
      name: first.portfolioName,
      parentId: null,
      ...totalsOf(list, thresholdsOf(portfolioId)),
      forecastPeriod: null,
    });
    const byProgram = new Map<string | null, repo.RollupProjectRow[]>();
    for (const r of list) {
      const l = byProgram.get(r.programId) ?? [];
      l.push(r);
      byProgram.set(r.programId, l);
    }
    for (const [programId, plist] of byProgram) {
      const p0 = plist[0]!;
      if (programId)
        out.push({
          level: 'program',
          id: programId,
          code: p0.programCode ?? '',
          name: p0.programName ?? '',
          parentId: portfolioId,
          ...totalsOf(plist, thresholdsOf(portfolioId)),
          forecastPeriod: null,
        });
      for (const r of plist)
        out.push({
          level: 'project',
          id: r.projectId,
          code: r.code,
          name: r.name,
          parentId: programId ?? portfolioId,
          ...totalsOf([r], thresholdsOf(portfolioId)),
        });
    }
  }
  return {
    statusDate,
    rows: out,
    total: { ...totalsOf(rows, thresholdsOf(query.portfolioId ?? null)), forecastPeriod: null },
  };
}

export async function getPortfolioFinance(
  ctx: Ctx,
  actor: Actor,
  query: { year: number; portfolioId?: string },
): Promise<PortfolioFinance> {
  assertPortfolioReader(actor);
  const { cells, months } = await repo.portfolioYear(ctx.db, query.year, query.portfolioId);
  return {
    year: query.year,
    cells: cells as PortfolioFinance['cells'],
    byMonth: months,
  };
}
