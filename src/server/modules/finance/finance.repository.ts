import { type SQL, and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { financeForecasts } from '../evm/evm.tables.ts';
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

/**
 * When the labour feed last wrote: it replaces every labour actual at each run, so their
 * creation time is the time of the last run that found approved hours.
 */
export async function labourSyncedAt(db: Executor): Promise<string | null> {
  const [row] = await queryRows<{ at: string | null }>(
    db,
    sql`select to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
        from actual_costs where source = 'labour'`,
  );
  return row?.at ?? null;
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

/** A set of ids as one SQL parameter (a JSON array), the same on both drivers. */
function idSet(ids: readonly string[]) {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}

/**
 * Recomputes the roll-up pre-aggregates (line budget totals; actual cost per line and month,
 * with its running total) of some projects, or of all, from `budget_amounts` and
 * `actual_costs`: set-wise, called in the transaction of every write that changes them.
 */
export async function refreshAggregates(db: Executor, projectIds: readonly string[] | 'all') {
  if (projectIds !== 'all' && projectIds.length === 0) return;
  const scope = (column: SQL) =>
    projectIds === 'all' ? sql`true` : sql`${column} in ${idSet(projectIds)}`;
  await db.execute(sql`delete from finance_line_budgets where ${scope(sql.raw('project_id'))}`);
  await db.execute(sql`
    insert into finance_line_budgets (line_id, project_id, budget)
    select l.id, l.project_id, coalesce(sum(a.amount), 0)::int8
    from budget_lines l left join budget_amounts a on a.line_id = l.id
    where ${scope(sql.raw('l.project_id'))}
    group by l.id, l.project_id`);
  await db.execute(sql`delete from finance_line_months where ${scope(sql.raw('project_id'))}`);
  await db.execute(sql`
    insert into finance_line_months (line_key, project_id, month, actual, actual_to_date)
    select line_key, project_id, month, actual,
      (sum(actual) over (partition by line_key order by month))::int8
    from (
      select coalesce(line_id, project_id) as line_key, project_id,
        date_trunc('month', date)::date as month, sum(amount_eur)::int8 as actual
      from actual_costs where ${scope(sql.raw('project_id'))}
      group by 1, 2, 3
    ) m`);
  await db.execute(sql`delete from finance_line_series where ${scope(sql.raw('project_id'))}`);
  await insertSeries(db, scope(sql.raw('project_id')));
}

/**
 * (Re)builds `finance_line_series` for the line keys `where` selects in `finance_line_months`
 * (their old rows deleted first): every month from the first to the last with a cost, the
 * running total carried over the months without one.
 */
async function insertSeries(db: Executor, where: SQL) {
  await db.execute(sql`
    with k as (
      select line_key, project_id, min(month) as first_month, max(month) as last_month
      from finance_line_months where ${where} group by line_key, project_id
    ),
    run as (
      select k.line_key, k.project_id, k.first_month, g.month,
        sum(coalesce(m.actual, 0)) over (partition by k.line_key order by g.month) as to_date
      from k
      cross join lateral (
        select generate_series(k.first_month, k.last_month, interval '1 month')::date as month
      ) g
      left join finance_line_months m on m.line_key = k.line_key and m.month = g.month
    )
    insert into finance_line_series (line_key, project_id, first_month, to_date)
    select line_key, project_id, first_month, array_agg(to_date::int8 order by month)
    from run group by line_key, project_id, first_month`);
}

/**
 * Adds newly inserted actual costs to the monthly pre-aggregates without reading `actual_costs`:
 * each (line or project, month) gets its delta, then the running totals of the keys touched are
 * recomputed from the aggregate rows themselves (a few dozen months per key). Exact, and far
 * cheaper than `refreshAggregates` for an import into projects that already have many costs.
 */
export async function addActualsToAggregates(
  db: Executor,
  rows: readonly { projectId: string; lineId: string | null; date: string; amountEur: number }[],
) {
  if (rows.length === 0) return;
  const deltas = new Map<
    string,
    { line_key: string; project_id: string; month: string; amount: number }
  >();
  for (const r of rows) {
    const key = r.lineId ?? r.projectId;
    const month = `${r.date.slice(0, 7)}-01`;
    const k = `${key}|${month}`;
    const d = deltas.get(k);
    if (d) d.amount += r.amountEur;
    else deltas.set(k, { line_key: key, project_id: r.projectId, month, amount: r.amountEur });
  }
  const payload = JSON.stringify([...deltas.values()]);
  await db.execute(sql`
    insert into finance_line_months as m (line_key, project_id, month, actual, actual_to_date)
    select x.line_key, x.project_id, x.month, x.amount, 0
    from jsonb_to_recordset(${payload}::jsonb) as x(line_key uuid, project_id uuid, month date, amount int8)
    on conflict (line_key, month) do update set actual = m.actual + excluded.actual`);
  await db.execute(sql`
    update finance_line_months m set actual_to_date = r.running
    from (
      select line_key, month, (sum(actual) over (partition by line_key order by month))::int8 as running
      from finance_line_months
      where line_key in (select distinct (e->>'line_key')::uuid from jsonb_array_elements(${payload}::jsonb) e)
    ) r
    where m.line_key = r.line_key and m.month = r.month and m.actual_to_date <> r.running`);
  const keys = sql`line_key in (select distinct (e->>'line_key')::uuid from jsonb_array_elements(${payload}::jsonb) e)`;
  await db.execute(sql`delete from finance_line_series where ${keys}`);
  await insertSeries(db, keys);
}

/**
 * SQL for a line's actual cost from the start through the end of `month` (a first day), read
 * from its `finance_line_series` row joined as `alias` (left join: 0 without one): one
 * subscript, the last running total carried past the last month with a cost.
 */
export function seriesToDate(alias: string, month: string): SQL {
  const s = sql.raw(alias);
  return sql`case
          when ${s}.line_key is null or ${s}.first_month > ${month}::date then 0
          else ${s}.to_date[least(
            ((extract(year from ${month}::date) - extract(year from ${s}.first_month)) * 12
              + extract(month from ${month}::date) - extract(month from ${s}.first_month))::int + 1,
            cardinality(${s}.to_date))]
        end`;
}

/** Whether the pre-aggregates are missing while there are amounts (a database seeded before them). */
export async function aggregatesMissing(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ missing: boolean }>(
    db,
    sql`select (not exists (select 1 from finance_line_budgets)
                and exists (select 1 from budget_lines))
            or (not exists (select 1 from finance_line_months)
                and exists (select 1 from actual_costs))
            or (not exists (select 1 from finance_line_series)
                and exists (select 1 from finance_line_months)) as missing`,
  );
  return row?.missing ?? false;
}

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
  /** First day of the month of the approved forecast in force; null without one. */
  forecastPeriod: string | null;
}

/**
 * Every project's finance at a date, in one query: working budget, approved baseline,
 * committed and actual cost up to the date, the bottom-up ETC (a line without a forecast
 * counts what is left of its budget), and PV/EV/AC of the latest month-end close on or before
 * the date. Reads the portfolio tables (names, hierarchy) read-only.
 */
export function rollupByProject(db: Executor, date: string, portfolioId?: string) {
  const monthStart = `${date.slice(0, 7)}-01`;
  // At a month's last day (month-end reporting) the whole month is in the running totals: no
  // raw rows to read. Otherwise the totals up to the month before, plus that month's raw rows.
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
  // The last month counted whole from the running totals, as a date (its first day).
  const cutMonth = monthEnd
    ? monthStart
    : new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  return queryRows<RollupProjectRow>(
    db,
    sql`
    with p as (
      select pr.id, pr.code, pr.name, pr.portfolio_id, pr.program_id
      from ${projects} pr
      where pr.archived_at is null ${portfolioId ? sql`and pr.portfolio_id = ${portfolioId}` : sql``}
    ),
    keys as (
      select l.id as line_key, l.project_id, l.etc, coalesce(b.budget, 0) as budget, true as is_line
      from budget_lines l join p on p.id = l.project_id
      left join finance_line_budgets b on b.line_id = l.id
      union all
      select p.id, p.id, null, 0, false from p
    ),
    -- Actual cost through the end of the cut month (the status date's at a month end, else
    -- the one before), from each line's series of running totals (one subscript, one hash
    -- join), plus the status date's month up to the date from the raw rows (none at a month end).
    before as (
      select k.line_key, k.project_id, k.etc, k.budget, k.is_line,
        ${seriesToDate('s', cutMonth)} as spent
      from keys k left join finance_line_series s on s.line_key = k.line_key
    ),
    partial as (
      select coalesce(c.line_id, c.project_id) as line_key, sum(c.amount_eur) as amount
      from actual_costs c
      where ${monthEnd ? sql`false` : sql`c.date >= ${monthStart} and c.date <= ${date}`}
      group by 1
    ),
    spent as (
      select b.project_id, b.is_line, b.etc, b.budget, b.spent + coalesce(x.amount, 0) as spent
      from before b left join partial x on x.line_key = b.line_key
    ),
    totals as (
      select project_id,
        sum(budget) as budget,
        sum(spent) as actual,
        sum(case when is_line then coalesce(etc, greatest(budget - spent, 0)) else 0 end) as etc
      from spent group by project_id
    ),
    committed as (
      select o.project_id, sum(o.amount_eur) as amount from purchase_orders o
      join p on p.id = o.project_id where o.order_date <= ${date} group by o.project_id
    ),
    baseline as (
      select distinct on (r.project_id) r.project_id, r.total from budget_revisions r
      join p on p.id = r.project_id where r.status = 'approved'
      order by r.project_id, r.number desc
    ),
    -- The latest close on or before the date: one backward index probe per project.
    closes as (
      select p.id as project_id, f.pv, f.ev, f.ac from p cross join lateral (
        select f.pv, f.ev, f.ac from finance_closes f
        where f.project_id = p.id and f.status_date <= ${date}
        order by f.month desc limit 1) f
    ),
    forecast as (
      select distinct on (f.project_id) f.project_id, f.period from ${financeForecasts} f
      join p on p.id = f.project_id where f.status = 'approved'
      order by f.project_id, f.period desc
    )
    select p.id as "projectId", p.code, p.name,
      p.portfolio_id as "portfolioId", pf.code as "portfolioCode", pf.name as "portfolioName",
      p.program_id as "programId", pg.code as "programCode", pg.name as "programName",
      coalesce(totals.budget, 0)::int8 as budget,
      coalesce(baseline.total, 0)::int8 as baseline,
      coalesce(committed.amount, 0)::int8 as committed,
      coalesce(totals.actual, 0)::int8 as actual,
      coalesce(totals.etc, 0)::int8 as etc,
      coalesce(closes.pv, 0)::int8 as pv,
      coalesce(closes.ev, 0)::int8 as ev,
      coalesce(closes.ac, 0)::int8 as "closeAc",
      forecast.period::text as "forecastPeriod"
    from p
    join ${portfolios} pf on pf.id = p.portfolio_id
    left join ${programs} pg on pg.id = p.program_id
    left join totals on totals.project_id = p.id
    left join committed on committed.project_id = p.id
    left join baseline on baseline.project_id = p.id
    left join closes on closes.project_id = p.id
    left join forecast on forecast.project_id = p.id
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

/** The purchase-order references of projects (the import refuses a reference already used). */
export function orderReferences(db: Executor, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select({ projectId: purchaseOrders.projectId, reference: purchaseOrders.reference })
    .from(purchaseOrders)
    .where(inArray(purchaseOrders.projectId, [...projectIds]));
}
