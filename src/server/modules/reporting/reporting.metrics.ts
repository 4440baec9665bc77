import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { MODULE_SOURCES } from './dashboards.metrics.ts';

/*
 * The metric registry: named numbers Jalon knows about each project at a date, computed set-wise
 * (one query per source for any number of projects). KPI formulas and status-report snapshots
 * read them by code. Every metric is additive across projects (`sum`) or a worst case (`max`), so
 * a programme or portfolio value is the aggregate of its projects' values and a ratio KPI is a
 * formula over aggregates (SPI of a portfolio = Σ earned / Σ planned, not a mean of SPIs).
 *
 * A module that lands (finance, risks, time, resources) adds one `MetricSource` to `SOURCES`:
 * its metric definitions and one query returning their values per project. Nothing else changes.
 */

export interface MetricDefinition {
  code: string;
  source: string;
  unit: string;
  aggregate: 'sum' | 'max';
  description: { fr: string; en: string };
}

export type MetricRow = Record<string, number | null>;

export interface MetricSource {
  source: string;
  metrics: MetricDefinition[];
  /** Values of every metric of the source for each project (projects absent → all null). */
  compute(db: Executor, projectIds: string[], asOf: string): Promise<Map<string, MetricRow>>;
}

const def = (
  source: string,
  code: string,
  unit: string,
  aggregate: 'sum' | 'max',
  fr: string,
  en: string,
): MetricDefinition => ({ code, source, unit, aggregate, description: { fr, en } });

const portfolioSource: MetricSource = {
  source: 'portfolio',
  metrics: [
    def('portfolio', 'project_count', '', 'sum', 'Nombre de projets', 'Number of projects'),
  ],
  compute: async (_db, ids) => new Map(ids.map((id) => [id, { project_count: 1 }])),
};

/**
 * Planning metrics. Work is in working days (task spans) weighted by % complete; the planned
 * work at a date comes from the latest baseline, each task contributing linearly over its
 * baseline dates (calendar days: a close approximation of working days at month scale).
 */
const planningSource: MetricSource = {
  source: 'planning',
  metrics: [
    def(
      'planning',
      'work_total',
      'j',
      'sum',
      'Charge planifiée totale (jours ouvrés des tâches)',
      'Total planned work (task working days)',
    ),
    def(
      'planning',
      'work_earned',
      'j',
      'sum',
      'Travail réalisé (durée × % achevé)',
      'Earned work (duration × % complete)',
    ),
    def(
      'planning',
      'work_planned',
      'j',
      'sum',
      'Travail prévu à date par la référence',
      'Work planned to date by the baseline',
    ),
    def('planning', 'milestones_total', '', 'sum', 'Jalons', 'Milestones'),
    def('planning', 'milestones_done', '', 'sum', 'Jalons atteints', 'Milestones done'),
    def(
      'planning',
      'milestones_late',
      '',
      'sum',
      'Jalons en retard (date passée et non atteints)',
      'Late milestones (date passed and not done)',
    ),
    def(
      'planning',
      'milestones_due',
      '',
      'sum',
      'Jalons prévus à date par la référence',
      'Milestones due to date in the baseline',
    ),
    def(
      'planning',
      'milestones_on_time',
      '',
      'sum',
      'Jalons prévus à date atteints à temps',
      'Milestones due to date met on time',
    ),
    def(
      'planning',
      'critical_tasks_late',
      '',
      'sum',
      'Tâches critiques en retard',
      'Critical tasks late',
    ),
    def(
      'planning',
      'finish_slippage_days',
      'j',
      'max',
      'Glissement de la fin par rapport à la référence (jours calendaires)',
      'Finish slippage against the baseline (calendar days)',
    ),
  ],
  async compute(db, ids, asOf) {
    const out = new Map<string, MetricRow>();
    if (ids.length === 0) return out;
    const rows = await queryRows<{
      project_id: string;
      work_total: number | null;
      work_earned: number | null;
      work_planned: number | null;
      milestones_total: number;
      milestones_done: number;
      milestones_late: number;
      milestones_due: number | null;
      milestones_on_time: number | null;
      critical_tasks_late: number;
      finish_slippage_days: number | null;
    }>(
      db,
      sql`with bl as (
            select distinct on (project_id) id, project_id, project_finish from plan_baselines
            where project_id in ${ids} order by project_id, created_at desc, id desc
          ),
          bt as (
            select bl.project_id, b.task_id, b.start, b.finish, b.span
            from bl join plan_baseline_tasks b on b.baseline_id = bl.id
            where not b.is_summary
          ),
          leaves as (
            select t.project_id, t.id, t.span, t.duration, t.percent_complete, t.start, t.finish,
                   t.critical, (t.actual_finish is not null or t.percent_complete >= 100) as done,
                   coalesce(t.actual_finish, t.finish) as done_on, b.start as b_start, b.finish as b_finish
            from plan_tasks t left join bt b on b.task_id = t.id
            where t.project_id in ${ids} and not t.is_summary
          ),
          work as (
            select project_id,
              sum(span)::float8 as work_total,
              sum(span * percent_complete / 100.0)::float8 as work_earned,
              count(*) filter (where duration = 0)::int as milestones_total,
              count(*) filter (where duration = 0 and done)::int as milestones_done,
              count(*) filter (where duration = 0 and not done and start < ${asOf}::date)::int as milestones_late,
              count(*) filter (where duration = 0 and b_start <= ${asOf}::date)::int as milestones_due,
              count(*) filter (where duration = 0 and b_start <= ${asOf}::date and done
                and done_on <= b_start)::int as milestones_on_time,
              count(*) filter (where critical and duration > 0 and not done
                and (finish < ${asOf}::date or (b_finish is not null and finish > b_finish)))::int as critical_tasks_late
            from leaves group by project_id
          ),
          planned as (
            select project_id, sum(case
                when finish < ${asOf}::date then span
                when start > ${asOf}::date then 0
                else span * ((${asOf}::date - start + 1)::float8 / (finish - start + 1)) end)::float8 as work_planned
            from bt where span > 0 and start is not null and finish is not null group by project_id
          )
          select w.*, p.work_planned,
                 case when bl.id is null then null else w.milestones_due end as b_due,
                 (s.project_finish - bl.project_finish)::int as finish_slippage_days
          from work w
          left join planned p on p.project_id = w.project_id
          left join bl on bl.project_id = w.project_id
          left join plan_settings s on s.project_id = w.project_id`,
    );
    for (const r of rows as ((typeof rows)[number] & { b_due: number | null })[]) {
      const hasBaseline = r.b_due !== null;
      out.set(r.project_id, {
        work_total: r.work_total,
        work_earned: r.work_earned,
        work_planned: hasBaseline ? (r.work_planned ?? 0) : null,
        milestones_total: r.milestones_total,
        milestones_done: r.milestones_done,
        milestones_late: r.milestones_late,
        milestones_due: hasBaseline ? r.milestones_due : null,
        milestones_on_time: hasBaseline ? r.milestones_on_time : null,
        critical_tasks_late: r.critical_tasks_late,
        finish_slippage_days: r.finish_slippage_days,
      });
    }
    return out;
  },
};

/** Every source of metrics; later modules append theirs. */
export const SOURCES: readonly MetricSource[] = [
  portfolioSource,
  planningSource,
  ...MODULE_SOURCES,
];

export const METRICS: readonly MetricDefinition[] = SOURCES.flatMap((s) => s.metrics);
export const METRIC_CODES: ReadonlySet<string> = new Set(METRICS.map((m) => m.code));

/** Every metric of every project, computed set-wise (one query per source). */
export async function computeMetrics(
  db: Executor,
  projectIds: string[],
  asOf: string,
): Promise<Map<string, MetricRow>> {
  const out = new Map<string, MetricRow>(
    projectIds.map((id) => [id, Object.fromEntries(METRICS.map((m) => [m.code, null]))]),
  );
  // One source after the other: `db` may be a transaction or a single client (PGlite), on which
  // concurrent queries are serialised or deadlock.
  for (const source of SOURCES)
    for (const [id, row] of await source.compute(db, projectIds, asOf)) {
      const target = out.get(id);
      if (target) Object.assign(target, row);
    }
  return out;
}

/** The aggregate of several projects' metrics (sum or max per metric; all-null stays null). */
export function aggregateMetrics(rows: readonly MetricRow[]): MetricRow {
  const out: MetricRow = {};
  for (const m of METRICS) {
    let acc: number | null = null;
    for (const r of rows) {
      const v = r[m.code];
      if (v === null || v === undefined) continue;
      acc = acc === null ? v : m.aggregate === 'sum' ? acc + v : Math.max(acc, v);
    }
    out[m.code] = acc;
  }
  return out;
}
