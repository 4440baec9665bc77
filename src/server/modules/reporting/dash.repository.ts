import { sql, type SQL } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
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

/**
 * The rows of the dashboard: every non-archived project the visibility condition lets through
 * (on `projects`, see portfolio.service visibleProjectsCondition); the dashboard's filters apply
 * in memory to these rows, which also give the filters' options. `money` is whether the caller
 * may read each project's finance figures: `true` for everyone (finance.read globally), else the
 * person whose manager or sponsor roles grant it.
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
  const rows = await queryRows<
    Omit<DashRow, 'metrics'> & { has_snapshot: boolean } & Record<string, unknown>
  >(
    db,
    sql`with scoped as (
          select projects.id, projects.code, projects.name, projects.status, projects.planned_start,
                 projects.planned_end, projects.portfolio_id, projects.program_id,
                 projects.org_unit_id, projects.manager_id, ${sees} as sees_money from projects
          where projects.archived_at is null ${visible ? sql`and ${visible}` : sql``}
        ),
        phases as (
          select distinct v.id as version_id, ph->>'key' as key, ph->>'name' as name
          from gov_methodology_versions v, jsonb_array_elements(v.content->'phases') ph
          where v.id in (select methodology_version_id from gov_project_lifecycles)
        ),
        reports as (
          select project_id, overall, row_number() over (partition by project_id order by period_start desc) as rn
          from status_reports
          where state in ('submitted', 'reviewed') and project_id in (select id from scoped)
        )
        select p.id, p.code, p.name, p.status, p.planned_start::text as planned_start,
               p.planned_end::text as planned_end,
               ps.project_start::text as plan_start, ps.project_finish::text as plan_finish,
               p.portfolio_id, pf.name as portfolio_name, p.program_id, g.name as program_name,
               p.org_unit_id, o.name as org_unit_name, p.manager_id,
               m.first_name || ' ' || m.last_name as manager_name,
               lc.current_phase_key as phase_key,
               (select min(ph.name) from phases ph
                 where ph.version_id = lc.methodology_version_id and ph.key = lc.current_phase_key) as phase_name,
               r1.overall as weather, r2.overall as previous_weather,
               ${sql.raw(DASH_METRICS.map((k) => `(s.metrics->>'${k}')::float8 as "m_${k}"`).join(', '))},
               s.project_id is not null as has_snapshot,
               s.alignment, s.capacity, s.computed_at, s.as_of::text as as_of, p.sees_money
        from scoped p
        join portfolios pf on pf.id = p.portfolio_id
        left join programs g on g.id = p.program_id
        left join org_units o on o.id = p.org_unit_id
        left join people m on m.id = p.manager_id
        left join plan_settings ps on ps.project_id = p.id
        left join gov_project_lifecycles lc on lc.project_id = p.id
        left join reports r1 on r1.project_id = p.id and r1.rn = 1
        left join reports r2 on r2.project_id = p.id and r2.rn = 2
        left join dash_project_snapshots s on s.project_id = p.id
        order by p.code`,
  );
  // Only the metrics the dashboard shows leave the database (the snapshot holds them all).
  return rows.map((r): DashRow => {
    const metrics: MetricRow | null = r.has_snapshot ? {} : null;
    if (metrics)
      for (const k of DASH_METRICS) {
        const v = r[`m_${k}`];
        metrics[k] = v === null || v === undefined ? null : Number(v);
      }
    return { ...r, metrics };
  });
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
  rows: { id: string; m: MetricRow; a: number | null; c: CapacityShare[] }[],
) {
  await tx.execute(
    sql`delete from dash_project_snapshots s where not exists (
          select 1 from projects p where p.id = s.project_id and p.archived_at is null)`,
  );
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5000));
    await tx.execute(
      sql`insert into dash_project_snapshots (project_id, as_of, computed_at, metrics, alignment, capacity)
          select (x->>'id')::uuid, ${asOf}::date, ${computedAt.toISOString()}::timestamptz, x->'m',
                 (x->>'a')::float8, x->'c'
          from jsonb_array_elements(${chunk}::jsonb) x
          on conflict (project_id) do update set as_of = excluded.as_of,
            computed_at = excluded.computed_at, metrics = excluded.metrics,
            alignment = excluded.alignment, capacity = excluded.capacity`,
    );
  }
}

/**
 * Capacity pressure by the people's department over the four weeks from `asOf`, for every
 * project at once: each allocation's hours in the window (as the resources metric counts them),
 * and each person's capacity net of their approved absences on working days (a half day counts
 * half), shared among their projects in proportion to their allocated hours — so that summing
 * the shares of any set of projects by department never counts a person twice. One statement.
 */
export async function capacityByPeopleDepartment(db: Executor, asOf: string) {
  return queryRows<{ project_id: string; org_unit_id: string | null; a: number; c: number }>(
    db,
    sql`with span as (select ${asOf}::date as s, (${asOf}::date + 27) as f),
        cap as (
          select p.person_id, coalesce((select sum(x::float8) from jsonb_array_elements_text(p.week_hours) x), 35) as week
          from resource_profiles p
        ),
        alloc as (
          select a.person_id, a.project_id,
            (least(a.finish, span.f) - greatest(a.start, span.s) + 1)::float8 / 7
              * case when a.unit = 'hours' then a.amount else a.amount / 100 * coalesce(cap.week, 35) end as hours
          from resource_allocations a cross join span
          left join cap on cap.person_id = a.person_id
          join projects pr on pr.id = a.project_id and pr.archived_at is null
          where a.start <= span.f and a.finish >= span.s
        ),
        off_days as (
          select x.person_id, sum(x.fraction)::float8 as days from (
            select ab.person_id, d::date as day, least(1, sum(ab.day_fraction)) as fraction
            from resource_absences ab cross join span
            cross join lateral generate_series(greatest(ab.start, span.s), least(ab.finish, span.f), interval '1 day') d
            where ab.status = 'approved' and ab.start <= span.f and ab.finish >= span.s
              and extract(isodow from d) < 6
              and ab.person_id in (select person_id from alloc)
            group by ab.person_id, d::date) x
          group by x.person_id
        ),
        person as (
          select alloc.person_id, sum(alloc.hours) as total,
                 greatest(0, coalesce(max(cap.week), 35) * 4
                   - coalesce(max(off_days.days), 0) * coalesce(max(cap.week), 35) / 5) as capacity
          from alloc left join cap on cap.person_id = alloc.person_id
          left join off_days on off_days.person_id = alloc.person_id
          group by alloc.person_id
        )
        select alloc.project_id, pe.org_unit_id, sum(alloc.hours)::float8 as a,
               sum(case when person.total > 0 then person.capacity * alloc.hours / person.total else 0 end)::float8 as c
        from alloc join person on person.person_id = alloc.person_id
        join people pe on pe.id = alloc.person_id
        group by alloc.project_id, pe.org_unit_id`,
  );
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
