import { asc, eq, isNull, sql } from 'drizzle-orm';
import {
  DEFAULT_EVM_THRESHOLDS,
  type EvmThresholds,
  THRESHOLD_SCALE,
  thresholdsInForce,
} from '../../../core/evm/evm.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { seriesToDate } from '../finance/finance.repository.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { evmThresholds } from './evm.tables.ts';

export type ThresholdRow = typeof evmThresholds.$inferSelect;

const f = (n: number) => n / THRESHOLD_SCALE;
export const toInt = (n: number) => Math.round(n * THRESHOLD_SCALE);

export function thresholdsOf(row: ThresholdRow): EvmThresholds {
  return {
    spi: { watch: f(row.spiWatch), alert: f(row.spiAlert) },
    cpi: { watch: f(row.cpiWatch), alert: f(row.cpiAlert) },
    vac: { watch: f(row.vacWatch), alert: f(row.vacAlert) },
  };
}

export function columnsOf(t: EvmThresholds) {
  return {
    spiWatch: toInt(t.spi.watch),
    spiAlert: toInt(t.spi.alert),
    cpiWatch: toInt(t.cpi.watch),
    cpiAlert: toInt(t.cpi.alert),
    vacWatch: toInt(t.vac.watch),
    vacAlert: toInt(t.vac.alert),
  };
}

export function listThresholdRows(db: Executor) {
  return db.select().from(evmThresholds).orderBy(asc(evmThresholds.createdAt));
}

export async function companyThresholdRow(db: Executor) {
  const [row] = await db.select().from(evmThresholds).where(isNull(evmThresholds.portfolioId));
  return row;
}

export async function portfolioThresholdRow(db: Executor, portfolioId: string) {
  const [row] = await db
    .select()
    .from(evmThresholds)
    .where(eq(evmThresholds.portfolioId, portfolioId));
  return row;
}

/**
 * Every stored threshold set at once (a handful of rows): a function giving the thresholds in
 * force for a portfolio (its override, else the company's, else the defaults).
 */
export async function thresholdResolver(db: Executor) {
  const rows = await listThresholdRows(db);
  const company = rows.find((r) => r.portfolioId === null);
  const byPortfolio = new Map(
    rows.filter((r) => r.portfolioId !== null).map((r) => [r.portfolioId!, thresholdsOf(r)]),
  );
  const companyT = company ? thresholdsOf(company) : null;
  return (portfolioId: string | null | undefined): EvmThresholds =>
    thresholdsInForce(companyT, portfolioId ? (byPortfolio.get(portfolioId) ?? null) : null);
}

export { DEFAULT_EVM_THRESHOLDS };

export interface SnapshotProject {
  projectId: string;
  code: string;
  name: string;
  bac: number;
  committed: number;
  /** Actual cost on no budget line through the month's end. */
  acUnassigned: number;
  /** Σ duration × percent complete and Σ duration of the plan's non-summary tasks. */
  doneWeight: number | null;
  weight: number | null;
}

export interface SnapshotLine {
  projectId: string;
  lineId: string;
  label: string;
  position: number;
  /** Working budget total. */
  budget: number;
  ac: number;
  etc: number | null;
  /** Percent complete of the WBS task the line pays for; null without one. */
  taskPercent: number | null;
}

export interface SnapshotBaselineLine {
  projectId: string;
  lineId: string | null;
  bac: number;
  /** The line's baseline through the month's end (its planned value there). */
  pv: number;
}

/**
 * Everything the month-end EV snapshot of every project due needs, in three set-wise reads (no
 * query per project): the projects in flight with an approved baseline and no close for the
 * month, their commitments and plan progress; their baseline and PV per line (one pass over the
 * baseline amounts); their working lines
 * with the actual cost to the month's end (one subscript of each line's `finance_line_series`
 * running totals, joined in one pass, as the roll-up reads it) and ETC.
 */
export async function snapshotInputs(db: Executor, month: string, statusDate: string) {
  const monthStart = `${month}-01`;
  const due = sql`
    due as (
      select p.id, p.code, p.name from ${projects} p
      where p.status in ('active', 'on_hold') and p.archived_at is null
        and not exists (select 1 from finance_closes c
          where c.project_id = p.id and c.month = ${monthStart})
    ),
    rev as (
      select distinct on (r.project_id) r.project_id, r.id, r.total
      from budget_revisions r join due on due.id = r.project_id
      where r.status = 'approved'
      order by r.project_id, r.number desc
    )`;
  const list = await queryRows<SnapshotProject>(
    db,
    sql`with ${due},
    committed as (
      select o.project_id, sum(o.amount_eur) as amount from purchase_orders o
      join rev on rev.project_id = o.project_id where o.order_date <= ${statusDate} group by 1
    ),
    progress as (
      select t.project_id, sum(t.duration * t.percent_complete) as done, sum(t.duration) as weight
      from plan_tasks t join rev on rev.project_id = t.project_id
      where not t.is_summary group by 1
    )
    select due.id as "projectId", due.code, due.name, rev.total::int8 as bac,
      coalesce(committed.amount, 0)::int8 as committed,
      (${seriesToDate('s', monthStart)})::int8 as "acUnassigned",
      progress.done::float8 as "doneWeight", progress.weight::float8 as weight
    from due join rev on rev.project_id = due.id
    left join committed on committed.project_id = due.id
    left join progress on progress.project_id = due.id
    left join finance_line_series s on s.line_key = due.id
    order by due.code`,
  );
  if (list.length === 0) return { projects: list, lines: [], baseline: [] };
  const baseline = await queryRows<SnapshotBaselineLine>(
    db,
    sql`with ${due}
    select a.project_id as "projectId", a.line_id as "lineId", sum(a.amount)::int8 as bac,
      coalesce(sum(a.amount) filter (where a.month <= ${monthStart}), 0)::int8 as pv
    from budget_revision_amounts a join rev on rev.id = a.revision_id
    group by a.project_id, a.line_id`,
  );
  const lines = await queryRows<SnapshotLine>(
    db,
    sql`with ${due}
    select l.project_id as "projectId", l.id as "lineId", l.label, l.position,
      coalesce(b.budget, 0)::int8 as budget, l.etc::int8 as etc,
      (${seriesToDate('s', monthStart)})::int8 as ac,
      t.percent_complete::float8 as "taskPercent"
    from budget_lines l join rev on rev.project_id = l.project_id
    left join finance_line_budgets b on b.line_id = l.id
    left join plan_tasks t on t.id = l.task_id and t.project_id = l.project_id
    left join finance_line_series s on s.line_key = l.id
    order by l.project_id, l.position`,
  );
  return { projects: list, lines, baseline };
}
