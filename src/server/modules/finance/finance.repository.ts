import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { portfolios, programs, projects } from '../portfolio/portfolio.tables.ts';
import {
  actualCosts,
  budgetAmounts,
  budgetLines,
  budgetRevisionAmounts,
  budgetRevisions,
  exchangeRates,
  financeCloses,
  purchaseOrders,
} from './finance.tables.ts';

export type LineRow = typeof budgetLines.$inferSelect;
export type RevisionRow = typeof budgetRevisions.$inferSelect;
export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
export type ActualRow = typeof actualCosts.$inferSelect;
export type CloseRow = typeof financeCloses.$inferSelect;

// ---------------------------------------------------------------- budget lines

export function listLines(db: Executor, projectId: string) {
  return db
    .select()
    .from(budgetLines)
    .where(eq(budgetLines.projectId, projectId))
    .orderBy(asc(budgetLines.position), asc(budgetLines.createdAt));
}

export async function findLine(db: Executor, projectId: string, lineId: string) {
  const [row] = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.id, lineId), eq(budgetLines.projectId, projectId)));
  return row;
}

export function listAmounts(db: Executor, projectId: string) {
  return db
    .select({
      lineId: budgetAmounts.lineId,
      month: budgetAmounts.month,
      amount: budgetAmounts.amount,
    })
    .from(budgetAmounts)
    .where(eq(budgetAmounts.projectId, projectId))
    .orderBy(asc(budgetAmounts.month));
}

export async function nextLinePosition(db: Executor, projectId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(position) + 1, 0)::int as n from budget_lines where project_id = ${projectId}`,
  );
  return row?.n ?? 0;
}

/** Sets the given months of a line (an amount of 0 removes the month). */
export async function setAmounts(
  db: Executor,
  projectId: string,
  lineId: string,
  amounts: readonly { month: string; amount: number }[],
) {
  const zero = amounts.filter((a) => a.amount === 0).map((a) => `${a.month}-01`);
  const set = amounts.filter((a) => a.amount !== 0);
  if (zero.length)
    await db
      .delete(budgetAmounts)
      .where(and(eq(budgetAmounts.lineId, lineId), inArray(budgetAmounts.month, zero)));
  if (set.length)
    await db
      .insert(budgetAmounts)
      .values(set.map((a) => ({ lineId, projectId, month: `${a.month}-01`, amount: a.amount })))
      .onConflictDoUpdate({
        target: [budgetAmounts.lineId, budgetAmounts.month],
        set: { amount: sql`excluded.amount` },
      });
}

/** Committed (purchase orders) and actual cost per line of a project; the null line holds the unassigned. */
export function costsByLine(db: Executor, projectId: string, upTo?: string) {
  return queryRows<{ lineId: string | null; committed: number; actual: number }>(
    db,
    sql`select line_id as "lineId", sum(committed)::int8 as committed, sum(actual)::int8 as actual from (
          select line_id, amount_eur as committed, 0 as actual from purchase_orders
            where project_id = ${projectId} ${upTo ? sql`and order_date <= ${upTo}` : sql``}
          union all
          select line_id, 0, amount_eur from actual_costs
            where project_id = ${projectId} ${upTo ? sql`and date <= ${upTo}` : sql``}
        ) c group by line_id`,
  );
}

/** Actual cost per month of a project (EUR). */
export function actualsByMonth(db: Executor, projectId: string) {
  return queryRows<{ month: string; amount: number }>(
    db,
    sql`select to_char(date, 'YYYY-MM') as month, sum(amount_eur)::int8 as amount
        from actual_costs where project_id = ${projectId} group by 1 order by 1`,
  );
}

// ---------------------------------------------------------------- revisions

export function listRevisions(db: Executor, projectId: string) {
  return db
    .select()
    .from(budgetRevisions)
    .where(eq(budgetRevisions.projectId, projectId))
    .orderBy(desc(budgetRevisions.number));
}

export async function findRevision(db: Executor, projectId: string, revisionId: string) {
  const [row] = await db
    .select()
    .from(budgetRevisions)
    .where(and(eq(budgetRevisions.id, revisionId), eq(budgetRevisions.projectId, projectId)));
  return row;
}

/** The baseline's amounts (the latest approved revision), per line and month. */
export function baselineAmounts(db: Executor, revisionId: string) {
  return db
    .select({
      lineId: budgetRevisionAmounts.lineId,
      month: budgetRevisionAmounts.month,
      amount: budgetRevisionAmounts.amount,
    })
    .from(budgetRevisionAmounts)
    .where(eq(budgetRevisionAmounts.revisionId, revisionId));
}

/** Copies the working budget into a revision's amounts, in one statement. */
export async function snapshotWorkingBudget(db: Executor, projectId: string, revisionId: string) {
  await db.execute(sql`
    insert into budget_revision_amounts (revision_id, project_id, line_id, label, category, nature, month, amount)
    select ${revisionId}, a.project_id, a.line_id, l.label, l.category, l.nature, a.month, a.amount
    from budget_amounts a join budget_lines l on l.id = a.line_id
    where a.project_id = ${projectId}`);
}

// ---------------------------------------------------------------- commitments and actuals

export function listPurchaseOrders(db: Executor, projectId: string) {
  return db
    .select()
    .from(purchaseOrders)
    .where(eq(purchaseOrders.projectId, projectId))
    .orderBy(desc(purchaseOrders.orderDate), asc(purchaseOrders.reference));
}

export function listActuals(db: Executor, projectId: string, limit: number) {
  return db
    .select()
    .from(actualCosts)
    .where(eq(actualCosts.projectId, projectId))
    .orderBy(desc(actualCosts.date), desc(actualCosts.createdAt))
    .limit(limit);
}

export function listRates(db: Executor) {
  return db
    .select()
    .from(exchangeRates)
    .orderBy(asc(exchangeRates.currency), asc(exchangeRates.validFrom));
}

/** The rate of a currency valid on a date (the latest one from on or before it). */
export async function rateOn(db: Executor, currency: string, date: string) {
  const [row] = await db
    .select({ rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), sql`${exchangeRates.validFrom} <= ${date}`))
    .orderBy(desc(exchangeRates.validFrom))
    .limit(1);
  return row?.rate;
}

/** Projects by code, for imports (id and code only). */
export function projectsByCode(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(inArray(projects.code, [...codes]));
}

export function linesOfProjects(db: Executor, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: budgetLines.id, projectId: budgetLines.projectId, label: budgetLines.label })
    .from(budgetLines)
    .where(inArray(budgetLines.projectId, [...projectIds]));
}

// ---------------------------------------------------------------- month-end closes

export function listCloses(db: Executor, projectId: string) {
  return db
    .select()
    .from(financeCloses)
    .where(eq(financeCloses.projectId, projectId))
    .orderBy(asc(financeCloses.month));
}

export async function closeBefore(db: Executor, projectId: string, month: string) {
  const [row] = await db
    .select()
    .from(financeCloses)
    .where(and(eq(financeCloses.projectId, projectId), lt(financeCloses.month, month)))
    .orderBy(desc(financeCloses.month))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- roll-up

export interface RollupProjectRow {
  projectId: string;
  code: string;
  name: string;
  portfolioId: string;
  portfolioCode: string;
  portfolioName: string;
  programId: string | null;
  programCode: string | null;
  programName: string | null;
  budget: number;
  baseline: number;
  committed: number;
  actual: number;
  etc: number;
  pv: number;
  ev: number;
  closeAc: number;
}

/**
 * Every project's finance at a date, in one query: working budget, approved baseline,
 * committed and actual cost up to the date, the bottom-up ETC (a line without a forecast
 * counts what is left of its budget), and PV/EV/AC of the latest month-end close on or before
 * the date. Reads the portfolio tables (names, hierarchy) read-only.
 */
export function rollupByProject(db: Executor, date: string, portfolioId?: string) {
  return queryRows<RollupProjectRow>(
    db,
    sql`
    with p as (
      select pr.id, pr.code, pr.name, pr.portfolio_id, pr.program_id
      from ${projects} pr
      where pr.archived_at is null ${portfolioId ? sql`and pr.portfolio_id = ${portfolioId}` : sql``}
    ),
    budget as (
      select a.line_id, sum(a.amount) as amount from budget_amounts a
      join p on p.id = a.project_id group by a.line_id
    ),
    spent as (
      select c.line_id, c.project_id, sum(c.amount_eur) as amount from actual_costs c
      join p on p.id = c.project_id where c.date <= ${date} group by c.line_id, c.project_id
    ),
    lines as (
      select l.project_id,
        sum(coalesce(b.amount, 0)) as budget,
        sum(coalesce(l.etc, greatest(coalesce(b.amount, 0) - coalesce(s.amount, 0), 0))) as etc
      from budget_lines l join p on p.id = l.project_id
      left join budget b on b.line_id = l.id
      left join spent s on s.line_id = l.id
      group by l.project_id
    ),
    actual as (select project_id, sum(amount) as amount from spent group by project_id),
    committed as (
      select o.project_id, sum(o.amount_eur) as amount from purchase_orders o
      join p on p.id = o.project_id where o.order_date <= ${date} group by o.project_id
    ),
    baseline as (
      select distinct on (r.project_id) r.project_id, r.total from budget_revisions r
      join p on p.id = r.project_id where r.status = 'approved'
      order by r.project_id, r.number desc
    ),
    closes as (
      select distinct on (f.project_id) f.project_id, f.pv, f.ev, f.ac from finance_closes f
      join p on p.id = f.project_id where f.status_date <= ${date}
      order by f.project_id, f.month desc
    )
    select p.id as "projectId", p.code, p.name,
      p.portfolio_id as "portfolioId", pf.code as "portfolioCode", pf.name as "portfolioName",
      p.program_id as "programId", pg.code as "programCode", pg.name as "programName",
      coalesce(lines.budget, 0)::int8 as budget,
      coalesce(baseline.total, 0)::int8 as baseline,
      coalesce(committed.amount, 0)::int8 as committed,
      coalesce(actual.amount, 0)::int8 as actual,
      coalesce(lines.etc, 0)::int8 as etc,
      coalesce(closes.pv, 0)::int8 as pv,
      coalesce(closes.ev, 0)::int8 as ev,
      coalesce(closes.ac, 0)::int8 as "closeAc"
    from p
    join ${portfolios} pf on pf.id = p.portfolio_id
    left join ${programs} pg on pg.id = p.program_id
    left join lines on lines.project_id = p.id
    left join actual on actual.project_id = p.id
    left join committed on committed.project_id = p.id
    left join baseline on baseline.project_id = p.id
    left join closes on closes.project_id = p.id
    order by pf.code, pg.code nulls first, p.code`,
  );
}

/** Budget, actual and committed of a year by nature and category, and budget/actual per month. */
export async function portfolioYear(db: Executor, year: number, portfolioId?: string) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const scope = portfolioId
    ? sql`and project_id in (select id from ${projects} where portfolio_id = ${portfolioId} and archived_at is null)`
    : sql`and project_id in (select id from ${projects} where archived_at is null)`;
  const cells = await queryRows<{
    nature: string;
    category: string;
    budget: number;
    actual: number;
    committed: number;
  }>(
    db,
    sql`
    with lines as (select id, nature, category from budget_lines where true ${scope}),
    b as (
      select l.nature, l.category, sum(a.amount) as v from budget_amounts a join lines l on l.id = a.line_id
      where a.month between ${from} and ${to} group by 1, 2
    ),
    c as (
      select coalesce(l.nature, 'opex') as nature, coalesce(l.category, 'other') as category, sum(x.amount_eur) as v
      from actual_costs x left join lines l on l.id = x.line_id
      where x.date between ${from} and ${to} ${scope} group by 1, 2
    ),
    o as (
      select coalesce(l.nature, 'opex') as nature, coalesce(l.category, 'other') as category, sum(x.amount_eur) as v
      from purchase_orders x left join lines l on l.id = x.line_id
      where x.order_date between ${from} and ${to} ${scope} group by 1, 2
    ),
    k as (select nature, category from b union select nature, category from c union select nature, category from o)
    select k.nature, k.category, coalesce(b.v, 0)::int8 as budget, coalesce(c.v, 0)::int8 as actual,
      coalesce(o.v, 0)::int8 as committed
    from k left join b using (nature, category) left join c using (nature, category) left join o using (nature, category)
    order by k.nature, k.category`,
  );
  const months = await queryRows<{ month: string; budget: number; actual: number }>(
    db,
    sql`
    with b as (
      select to_char(month, 'YYYY-MM') as m, sum(amount) as v from budget_amounts
      where month between ${from} and ${to} ${scope} group by 1
    ),
    c as (
      select to_char(date, 'YYYY-MM') as m, sum(amount_eur) as v from actual_costs
      where date between ${from} and ${to} ${scope} group by 1
    )
    select coalesce(b.m, c.m) as month, coalesce(b.v, 0)::int8 as budget, coalesce(c.v, 0)::int8 as actual
    from b full join c on c.m = b.m order by 1`,
  );
  return { cells, months };
}
