import { sql, type SQL } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { pressureByDepartment, readPressure } from './dash.capacity.ts';
import type { MetricRow } from './reporting.metrics.ts';

/*
 * The dashboards' reads: one set-wise query for the portfolio dashboard's rows (projects with
 * their programme, department, manager, lifecycle phase, last two counted weathers and snapshot),
 * the KPI history of a portfolio, and the snapshot upsert. No per-project query anywhere.
 */

/** The registry metrics the portfolio dashboard reads from a snapshot. */
const DASH_METRICS = [
  'budget_eur',
  'actual_cost_eur',
  'committed_eur',
  'risk_exposure_eur',
  'risks_open',
  'risks_high',
  'milestones_late',
  'finish_slippage_days',
  'work_earned',
  'work_planned',
  'ev_eur',
  'ac_eur',
  'allocated_hours',
  'team_capacity_hours',
  'benefits_planned_cents',
  'benefits_due_cents',
  'benefits_realised_cents',
] as const;

/** One department's share of a project's 4-week load (see dash.tables.ts `capacity`). */
export interface CapacityShare {
  o: string | null;
  a: number;
  c: number;
}

export interface DashRow {
  id: string;
  code: string;
  name: string;
  status: string;
  planned_start: string | null;
  planned_end: string | null;
  plan_start: string | null;
  plan_finish: string | null;
  portfolio_id: string;
  portfolio_name: string;
  program_id: string | null;
  program_name: string | null;
  org_unit_id: string | null;
  org_unit_name: string | null;
  manager_id: string | null;
  manager_name: string | null;
  phase_key: string | null;
  phase_name: string | null;
  weather: string | null;
  previous_weather: string | null;
  metrics: MetricRow | null;
  alignment: number | null;
  capacity: CapacityShare[] | null;
  computed_at: string | Date | null;
  as_of: string | null;
  sees_money: boolean;
}

/** The columns of a dashboard row read live from `projects` and the snapshot at each request. */
type LiveRow = Pick<
  DashRow,
  | 'id'
  | 'code'
  | 'name'
  | 'status'
  | 'planned_start'
  | 'planned_end'
  | 'portfolio_id'
  | 'program_id'
  | 'org_unit_id'
  | 'manager_id'
  | 'sees_money'
  | 'alignment'
  | 'capacity'
  | 'computed_at'
  | 'as_of'
>;

/** The columns of a dashboard row that its snapshot card holds, as read at refresh. */
type CardRow = Pick<
  DashRow,
  | 'id'
  | 'portfolio_id'
  | 'portfolio_name'
  | 'program_id'
  | 'program_name'
  | 'org_unit_id'
  | 'org_unit_name'
  | 'manager_id'
  | 'manager_name'
  | 'phase_key'
  | 'phase_name'
  | 'weather'
  | 'previous_weather'
  | 'plan_start'
  | 'plan_finish'
>;

/**
 * What a snapshot stores for the dashboard's row of a project (`dash_project_snapshots.card`),
 * written at refresh so that the dashboard's read is one join of the visible projects with
 * their snapshots: the metrics the dashboard shows, the names of the project's portfolio,
 * programme, department and manager (by id: a project moved since the refresh is named live),
 * its lifecycle phase, its last two counted weathers and its schedule dates.
 */
export interface SnapshotCard {
  m: MetricRow;
  /** id → name of the portfolio, programme, org unit and manager at refresh. */
  n: Record<string, string>;
  ph: { key: string; name: string | null } | null;
  w: string | null;
  pw: string | null;
  ps: string | null;
  pf: string | null;
}

/**
 * The rows of the dashboard: every non-archived project the visibility condition lets through
 * (on `projects`, see portfolio.service visibleProjectsCondition) with its snapshot's card —
 * one join, no aggregate; the dashboard's filters apply in memory to these rows, which also
 * give the filters' options. Projects, their ids (portfolio, programme, department, manager)
 * and visibility are read live; names the cards do not hold (a project moved or created since
 * the refresh) are read in one more statement. `money` is whether the caller may read each
 * project's finance figures: `true` for everyone (finance.read globally), else the person whose
 * manager or sponsor roles grant it.
 */
export async function dashboardRows(
  db: Executor,
  visible: SQL | undefined,
  money: true | { personId: string | null },
) {
  const sees =
    money === true
      ? sql`true`
      : money.personId === null
        ? sql`false`
        : sql`(projects.manager_id = ${money.personId} or projects.sponsor_id = ${money.personId}
            or exists (select 1 from project_members pm where pm.project_id = projects.id
              and pm.person_id = ${money.personId} and pm.role in ('project_manager', 'sponsor')))`;
  const rows = await queryRows<LiveRow & { card: SnapshotCard | null }>(
    db,
    sql`select projects.id, projects.code, projects.name, projects.status,
               projects.planned_start::text as planned_start, projects.planned_end::text as planned_end,
               projects.portfolio_id, projects.program_id, projects.org_unit_id, projects.manager_id,
               ${sees} as sees_money, s.card, s.alignment, s.capacity, s.computed_at,
               s.as_of::text as as_of
        from projects left join dash_project_snapshots s on s.project_id = projects.id
        where projects.archived_at is null ${visible ? sql`and ${visible}` : sql``}
        order by projects.code`,
  );
  // Projects without a card yet (created since the refresh): their attributes read live.
  const uncarded = rows.filter((r) => !r.card).map((r) => r.id);
  const live: Awaited<ReturnType<typeof cardAttributes>> =
    uncarded.length > 0 ? await cardAttributes(db, uncarded) : new Map();
  const names = new Map<string, string>();
  for (const r of rows)
    for (const [id, n] of Object.entries((r.card ?? live.get(r.id))?.n ?? {})) names.set(id, n);
  const missing = new Set<string>();
  for (const r of rows)
    for (const id of [r.portfolio_id, r.program_id, r.org_unit_id, r.manager_id])
      if (id && !names.has(id)) missing.add(id);
  if (missing.size > 0) for (const [id, n] of await namesOf(db, [...missing])) names.set(id, n);
  const name = (id: string | null) => (id ? (names.get(id) ?? '') : null);
  return rows.map((r): DashRow => {
    const c = r.card ?? live.get(r.id);
    const metrics: MetricRow | null = r.card ? {} : null;
    if (metrics)
      for (const k of DASH_METRICS) {
        const v = r.card!.m[k];
        metrics[k] = v === null || v === undefined ? null : Number(v);
      }
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      status: r.status,
      planned_start: r.planned_start,
      planned_end: r.planned_end,
      plan_start: c?.ps ?? null,
      plan_finish: c?.pf ?? null,
      portfolio_id: r.portfolio_id,
      portfolio_name: name(r.portfolio_id) ?? '',
      program_id: r.program_id,
      program_name: name(r.program_id),
      org_unit_id: r.org_unit_id,
      org_unit_name: name(r.org_unit_id),
      manager_id: r.manager_id,
      manager_name: name(r.manager_id),
      phase_key: c?.ph?.key ?? null,
      phase_name: c?.ph?.name ?? null,
      weather: c?.w ?? null,
      previous_weather: c?.pw ?? null,
      metrics,
      alignment: r.alignment,
      capacity: r.capacity,
      // A snapshot written before cards existed counts as missing until the next refresh.
      computed_at: r.card ? r.computed_at : null,
      as_of: r.card ? r.as_of : null,
      sees_money: r.sees_money,
    };
  });
}

/** Names of portfolios, programmes, org units or people by id (ids are unique uuids). */
async function namesOf(db: Executor, ids: string[]) {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from portfolios where id in ${ids}
        union all select id, name from programs where id in ${ids}
        union all select id, name from org_units where id in ${ids}
        union all select id, first_name || ' ' || last_name from people where id in ${ids}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The cards of every non-archived project (see SnapshotCard) but their metrics: names, phase,
 * last two counted weathers and schedule dates, in one statement, at refresh (or of some
 * projects, those without a snapshot yet).
 */
export async function cardAttributes(
  db: Executor,
  ids?: readonly string[],
): Promise<Map<string, Omit<SnapshotCard, 'm'>>> {
  const only = ids ? sql`and project_id in ${ids}` : sql``;
  const rows = await queryRows<CardRow>(
    db,
    sql`with phases as (
          select distinct v.id as version_id, ph->>'key' as key, ph->>'name' as name
          from gov_methodology_versions v, jsonb_array_elements(v.content->'phases') ph
          where v.id in (select methodology_version_id from gov_project_lifecycles)
        ),
        reports as (
          select project_id, overall, row_number() over (partition by project_id order by period_start desc) as rn
          from status_reports where state in ('submitted', 'reviewed') ${only}
        )
        select p.id, p.portfolio_id, pf.name as portfolio_name, p.program_id, g.name as program_name,
               p.org_unit_id, o.name as org_unit_name, p.manager_id,
               m.first_name || ' ' || m.last_name as manager_name,
               lc.current_phase_key as phase_key,
               (select min(ph.name) from phases ph
                 where ph.version_id = lc.methodology_version_id and ph.key = lc.current_phase_key) as phase_name,
               r1.overall as weather, r2.overall as previous_weather,
               ps.project_start::text as plan_start, ps.project_finish::text as plan_finish
        from projects p
        join portfolios pf on pf.id = p.portfolio_id
        left join programs g on g.id = p.program_id
        left join org_units o on o.id = p.org_unit_id
        left join people m on m.id = p.manager_id
        left join plan_settings ps on ps.project_id = p.id
        left join gov_project_lifecycles lc on lc.project_id = p.id
        left join reports r1 on r1.project_id = p.id and r1.rn = 1
        left join reports r2 on r2.project_id = p.id and r2.rn = 2
        where p.archived_at is null ${ids ? sql`and p.id in ${ids}` : sql``}`,
  );
  return new Map(
    rows.map((r): [string, Omit<SnapshotCard, 'm'>] => {
      const n: Record<string, string> = { [r.portfolio_id]: r.portfolio_name };
      if (r.program_id) n[r.program_id] = r.program_name ?? '';
      if (r.org_unit_id) n[r.org_unit_id] = r.org_unit_name ?? '';
      if (r.manager_id) n[r.manager_id] = r.manager_name ?? '';
      return [
        r.id,
        {
          n,
          ph: r.phase_key ? { key: r.phase_key, name: r.phase_name } : null,
          w: r.weather,
          pw: r.previous_weather,
          ps: r.plan_start,
          pf: r.plan_finish,
        },
      ];
    }),
  );
}

/** The metrics of a card: those the dashboard reads (the snapshot's `metrics` holds them all). */
export function cardMetrics(m: MetricRow): MetricRow {
  const out: MetricRow = {};
  for (const k of DASH_METRICS) out[k] = m[k] ?? null;
  return out;
}

/** Portfolio-level KPI values of the last `limit` dates for each active KPI, oldest first. */
export async function portfolioKpiHistory(db: Executor, portfolioId: string, limit: number) {
  return queryRows<{
    id: string;
    code: string;
    name_fr: string;
    name_en: string;
    unit: string;
    direction: string;
    target: number | null;
    green: number | null;
    amber: number | null;
    as_of: string;
    value: number | null;
    status: string | null;
  }>(
    db,
    sql`select k.id, k.code, k.name_fr, k.name_en, k.unit, k.direction, k.target, k.green, k.amber,
               x.as_of::text as as_of, x.value, x.status
        from kpi_definitions k
        join lateral (
          select as_of, value, status from kpi_values v
          where v.kpi_id = k.id and v.scope_type = 'portfolio' and v.scope_id = ${portfolioId}
          order by as_of desc limit ${limit}
        ) x on true
        where k.archived_at is null and k.level = 'portfolio'
        order by k.code, x.as_of`,
  );
}

/** Ids of every non-archived project: what a refresh covers. */
export async function liveProjectIds(db: Executor) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from projects where archived_at is null order by id`,
  );
  return rows.map((r) => r.id);
}

/** The strategy tree and the projects' contributions, for alignment scores. */
export async function strategyOf(db: Executor) {
  const nodes = await queryRows<{
    id: string;
    kind: 'axis' | 'objective';
    parent_id: string | null;
    weight: number;
  }>(db, sql`select id, kind, parent_id, weight from strategy_objectives`);
  const contributions = await queryRows<{
    objective_id: string;
    project_id: string;
    level: number;
  }>(
    db,
    sql`select objective_id, project_id, level from strategy_contributions where project_id is not null`,
  );
  return { nodes, contributions };
}

/**
 * Replaces the snapshots by the given rows in one statement (a JSON array expanded server-side),
 * and drops those of projects no longer covered (archived).
 */
export async function saveSnapshots(
  tx: Executor,
  asOf: string,
  computedAt: Date,
  rows: { id: string; m: MetricRow; a: number | null; c: CapacityShare[]; k: SnapshotCard }[],
) {
  await tx.execute(
    sql`delete from dash_project_snapshots s where not exists (
          select 1 from projects p where p.id = s.project_id and p.archived_at is null)`,
  );
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5000));
    await tx.execute(
      sql`insert into dash_project_snapshots (project_id, as_of, computed_at, metrics, alignment, capacity, card)
          select (x->>'id')::uuid, ${asOf}::date, ${computedAt.toISOString()}::timestamptz, x->'m',
                 (x->>'a')::float8, x->'c', x->'k'
          from jsonb_array_elements(${chunk}::jsonb) x
          on conflict (project_id) do update set as_of = excluded.as_of,
            computed_at = excluded.computed_at, metrics = excluded.metrics,
            alignment = excluded.alignment, capacity = excluded.capacity, card = excluded.card`,
    );
  }
}

/**
 * Capacity pressure by the people's department over the four weeks from `asOf`, for every
 * project at once (dash.capacity.ts: each person's working week, public holidays, approved
 * absences), each person's capacity shared among their projects in proportion to their
 * allocated hours — so that summing the shares of any set of projects by department never
 * counts a person twice.
 */
export async function capacityByPeopleDepartment(db: Executor, asOf: string) {
  return pressureByDepartment(await readPressure(db, asOf, null)).map((r) => ({
    project_id: r.project,
    org_unit_id: r.group,
    a: r.allocated,
    c: r.capacity,
  }));
}

/** Names of org units by id. */
export async function orgUnitNames(db: Executor, ids: string[]) {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from org_units where id in ${ids}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest business case of each project (its benefit lines) and the realised benefits. */
export async function benefitsOf(db: Executor) {
  const cases = await queryRows<{ project_id: string; bc: unknown }>(
    db,
    sql`select distinct on (project_id) project_id, business_case as bc from strategy_project_requests
        where project_id is not null and business_case is not null
        order by project_id, number desc`,
  );
  const realised = await queryRows<{ project_id: string; period: string; amount: number }>(
    db,
    sql`select project_id, period, amount::float8 as amount from benefit_realisations`,
  );
  return { cases, realised };
}

// ---------------------------------------------------------------- project dashboard

export async function projectHeader(db: Executor, id: string) {
  const [row] = await queryRows<{
    id: string;
    code: string;
    name: string;
    status: string;
    start: string | null;
    finish: string | null;
    baseline_finish: string | null;
  }>(
    db,
    sql`select p.id, p.code, p.name, p.status,
               coalesce(ps.project_start, p.planned_start)::text as start,
               coalesce(ps.project_finish, p.planned_end)::text as finish,
               (select b.project_finish::text from plan_baselines b where b.project_id = p.id
                 order by b.created_at desc, b.id desc limit 1) as baseline_finish
        from projects p left join plan_settings ps on ps.project_id = p.id
        where p.id = ${id}`,
  );
  return row ?? null;
}

export async function weatherHistory(db: Executor, projectId: string, limit: number) {
  return queryRows<{
    period_start: string;
    overall: string;
    dimensions: Record<string, string> | null;
    state: string;
  }>(
    db,
    sql`select period_start::text as period_start, overall, dimensions, state from status_reports
        where project_id = ${projectId} and state in ('submitted', 'reviewed')
        order by period_start desc limit ${limit}`,
  );
}

/** The project's milestones (zero-duration leaf tasks) with their latest baseline date. */
export async function milestonesOf(db: Executor, projectId: string) {
  return queryRows<{
    id: string;
    name: string;
    date: string | null;
    baseline: string | null;
    done: boolean;
  }>(
    db,
    sql`with bl as (
          select id from plan_baselines where project_id = ${projectId}
          order by created_at desc, id desc limit 1
        )
        select t.id, t.name, t.start::text as date, b.start::text as baseline,
               (t.actual_finish is not null or t.percent_complete >= 100) as done
        from plan_tasks t
        left join plan_baseline_tasks b on b.task_id = t.id and b.baseline_id = (select id from bl)
        where t.project_id = ${projectId} and not t.is_summary and t.duration = 0
        order by t.start nulls last, t.name`,
  );
}

/** The project's open threats, highest score then exposure first. */
export async function topRisks(db: Executor, projectId: string, limit: number) {
  return queryRows<{
    id: string;
    number: number;
    title: string;
    score: number | null;
    emv_cents: number | string | null;
    status: string;
    owner: string | null;
  }>(
    db,
    sql`select r.id, r.number, r.title, r.score, r.emv_cents, r.status,
               pe.first_name || ' ' || pe.last_name as owner
        from risks r left join people pe on pe.id = r.owner_id
        where r.project_id = ${projectId} and r.kind = 'threat' and r.status in ('open', 'monitoring')
        order by r.score desc nulls last, r.emv_cents desc nulls last, r.number
        limit ${limit}`,
  );
}
