import { sql } from 'drizzle-orm';
import type { BenefitFigures } from '../../../core/dash/portfolio.ts';
import { benefitsTracking } from '../../../core/evm/evm.ts';
import { BENEFIT_KINDS } from '../../../core/strategy/business-case.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { pressureByProject, readPressure } from './dash.capacity.ts';
import { benefitsOf } from './dash.repository.ts';
import type { MetricDefinition, MetricRow, MetricSource } from './reporting.metrics.ts';

/*
 * The other modules' metric sources (finance, risks, time, resources, governance), appended to
 * the registry in reporting.metrics.ts. Each is ONE read-only set-wise query over its module's
 * tables for any number of projects (documented in docs/ARCHITECTURE.md, "Dashboards and
 * metrics"): the registry reads thousands of projects at once, which the modules' per-project
 * services cannot do without N+1. Money is in euros (the `*_eur` columns / 100) so formulas read
 * naturally; every metric is additive (`sum`) so programme and portfolio values aggregate.
 */

const def = (
  source: string,
  code: string,
  unit: string,
  fr: string,
  en: string,
): MetricDefinition => ({ code, source, unit, aggregate: 'sum', description: { fr, en } });

/** Runs a query returning `project_id` and numeric columns, into a Map of metric rows. */
async function byProject(db: Executor, query: ReturnType<typeof sql>) {
  const rows = await queryRows<Record<string, unknown> & { project_id: string }>(db, query);
  const out = new Map<string, MetricRow>();
  for (const r of rows) {
    const row: MetricRow = {};
    for (const [k, v] of Object.entries(r))
      if (k !== 'project_id') row[k] = v === null || v === undefined ? null : Number(v);
    out.set(r.project_id, row);
  }
  return out;
}

/**
 * Finance: the working budget, actual costs and commitments at the date, and the earned-value
 * figures of the latest month-end close on or before it (the EVM history finance keeps).
 */
export const financeSource: MetricSource = {
  source: 'finance',
  metrics: [
    def(
      'finance',
      'budget_eur',
      '€',
      'Budget de travail (total des lignes)',
      'Working budget (total of the lines)',
    ),
    def(
      'finance',
      'baseline_budget_eur',
      '€',
      'Budget de référence (dernière révision approuvée)',
      'Baseline budget (latest approved revision)',
    ),
    def('finance', 'actual_cost_eur', '€', 'Coûts réels à date', 'Actual costs to date'),
    def(
      'finance',
      'committed_eur',
      '€',
      'Engagé à date (bons de commande)',
      'Committed to date (purchase orders)',
    ),
    def(
      'finance',
      'pv_eur',
      '€',
      'Valeur planifiée (PV) de la dernière clôture',
      'Planned value (PV) of the latest close',
    ),
    def(
      'finance',
      'ev_eur',
      '€',
      'Valeur acquise (EV) de la dernière clôture',
      'Earned value (EV) of the latest close',
    ),
    def(
      'finance',
      'ac_eur',
      '€',
      'Coût réel (AC) de la dernière clôture',
      'Actual cost (AC) of the latest close',
    ),
    def(
      'finance',
      'eac_eur',
      '€',
      'Estimation à terminaison (EAC) de la dernière clôture',
      'Estimate at completion (EAC) of the latest close',
    ),
  ],
  async compute(db, ids, asOf) {
    if (ids.length === 0) return new Map();
    return byProject(
      db,
      sql`with budget as (
            select project_id, sum(amount)::float8 / 100 as v from budget_amounts
            where project_id in ${ids} group by project_id
          ),
          baseline as (
            select distinct on (project_id) project_id, total::float8 / 100 as v from budget_revisions
            where project_id in ${ids} and status = 'approved' order by project_id, number desc
          ),
          actual as (
            select project_id, sum(amount_eur)::float8 / 100 as v from actual_costs
            where project_id in ${ids} and date <= ${asOf} group by project_id
          ),
          committed as (
            select project_id, sum(amount_eur)::float8 / 100 as v from purchase_orders
            where project_id in ${ids} and order_date <= ${asOf} group by project_id
          ),
          closes as (
            select distinct on (project_id) project_id, pv, ev, ac, eac from finance_closes
            where project_id in ${ids} and status_date <= ${asOf} order by project_id, month desc
          ),
          ids as (
            select project_id from budget union select project_id from actual
            union select project_id from committed union select project_id from closes
            union select project_id from baseline
          )
          select ids.project_id, budget.v as budget_eur, baseline.v as baseline_budget_eur,
                 coalesce(actual.v, 0) as actual_cost_eur, coalesce(committed.v, 0) as committed_eur,
                 closes.pv::float8 / 100 as pv_eur, closes.ev::float8 / 100 as ev_eur,
                 closes.ac::float8 / 100 as ac_eur, closes.eac::float8 / 100 as eac_eur
          from ids
          left join budget on budget.project_id = ids.project_id
          left join baseline on baseline.project_id = ids.project_id
          left join actual on actual.project_id = ids.project_id
          left join committed on committed.project_id = ids.project_id
          left join closes on closes.project_id = ids.project_id`,
    );
  },
};

/** Risks: open threats (open or monitored) of the project, their score and expected monetary value. */
export const risksSource: MetricSource = {
  source: 'risks',
  metrics: [
    def(
      'risks',
      'risks_open',
      '',
      'Menaces ouvertes (ouvertes ou sous surveillance)',
      'Open threats (open or monitored)',
    ),
    def(
      'risks',
      'risks_high',
      '',
      'Menaces ouvertes de criticité ≥ 12 (probabilité × impact)',
      'Open threats scoring 12 or more (probability × impact)',
    ),
    def(
      'risks',
      'risk_exposure_eur',
      '€',
      'Exposition au risque : Σ valeur monétaire attendue des menaces ouvertes',
      'Risk exposure: Σ expected monetary value of the open threats',
    ),
  ],
  async compute(db, ids) {
    if (ids.length === 0) return new Map();
    return byProject(
      db,
      sql`select project_id, count(*)::int as risks_open,
                 count(*) filter (where score >= 12)::int as risks_high,
                 sum(emv_cents)::float8 / 100 as risk_exposure_eur
          from risks
          where project_id in ${ids} and kind = 'threat' and status in ('open', 'monitoring')
          group by project_id`,
    );
  },
};

/**
 * Time: timesheet compliance over the four complete weeks before the date, for the project's
 * team (its manager and members): person-weeks expected and person-weeks submitted or approved.
 * A person on two projects counts in both (compliance is a ratio, so the share stays right).
 * Also the approved hours charged to the project up to the date.
 */
export const timeSource: MetricSource = {
  source: 'time',
  metrics: [
    def(
      'time',
      'timesheet_weeks_expected',
      '',
      'Semaines de saisie attendues de l’équipe (4 dernières semaines)',
      'Team timesheet weeks expected (last 4 weeks)',
    ),
    def(
      'time',
      'timesheet_weeks_submitted',
      '',
      'Semaines soumises ou validées de l’équipe (4 dernières semaines)',
      'Team timesheet weeks submitted or approved (last 4 weeks)',
    ),
    def(
      'time',
      'hours_approved',
      'h',
      'Heures validées imputées au projet à date',
      'Approved hours charged to the project to date',
    ),
  ],
  async compute(db, ids, asOf) {
    if (ids.length === 0) return new Map();
    return byProject(
      db,
      sql`with weeks as (
            select (date_trunc('week', ${asOf}::date) - (n * interval '7 days'))::date as week_start
            from generate_series(1, 4) n
          ),
          team as (
            select id as project_id, manager_id as person_id from projects
            where id in ${ids} and manager_id is not null
            union
            select project_id, person_id from project_members where project_id in ${ids}
          ),
          compliance as (
            select team.project_id, (count(*) * 4)::int as expected from team group by team.project_id
          ),
          sent as (
            select team.project_id, count(*)::int as submitted
            from team join timesheets s on s.person_id = team.person_id
            join weeks w on w.week_start = s.week_start
            where s.status in ('submitted', 'approved')
            group by team.project_id
          ),
          hours as (
            select l.project_id, sum(e.centi)::float8 / 100 as hours
            from timesheet_lines l join timesheet_entries e on e.line_id = l.id
            where l.project_id in ${ids} and l.approval = 'approved' and e.date <= ${asOf}
            group by l.project_id
          ),
          ids as (select project_id from compliance union select project_id from hours)
          select ids.project_id, coalesce(c.expected, 0) as timesheet_weeks_expected,
                 coalesce(s.submitted, 0) as timesheet_weeks_submitted,
                 coalesce(h.hours, 0) as hours_approved
          from ids left join compliance c on c.project_id = ids.project_id
          left join sent s on s.project_id = ids.project_id
          left join hours h on h.project_id = ids.project_id`,
    );
  },
};

/**
 * Resources: allocation over the four weeks from the date. `allocated_hours` are the hours
 * allocated to the project; `team_capacity_hours` the capacity of the people allocated,
 * each person's capacity shared among their projects in proportion to their allocations, so
 * that Σ allocated / Σ capacity is the utilisation of the people, at any level, counted once.
 * Both by the capacity heat map's rules (dash.capacity.ts): each person's working week, public
 * holidays and approved absences deducted; a percentage allocation is a share of what is left.
 */
export const resourcesSource: MetricSource = {
  source: 'resources',
  metrics: [
    def(
      'resources',
      'allocated_hours',
      'h',
      'Heures allouées au projet (4 prochaines semaines, hors fériés et absences)',
      'Hours allocated to the project (next 4 weeks, net of holidays and absences)',
    ),
    def(
      'resources',
      'team_capacity_hours',
      'h',
      'Capacité des personnes allouées selon leur semaine de travail, hors fériés et absences, au prorata de leurs allocations (4 prochaines semaines)',
      'Capacity of the people allocated by their working week, net of holidays and absences, shared by their allocations (next 4 weeks)',
    ),
  ],
  async compute(db, ids, asOf) {
    if (ids.length === 0) return new Map();
    const wanted = new Set(ids);
    const out = new Map<string, MetricRow>();
    for (const r of pressureByProject(await readPressure(db, asOf, ids)))
      if (wanted.has(r.project))
        out.set(r.project, {
          allocated_hours: round2(r.allocated),
          team_capacity_hours: round2(r.capacity),
        });
    return out;
  },
};

/**
 * Governance: gate decisions taken up to the date, those taken with the gate ready (every
 * criterion checked, every required deliverable approved), and the conditions still open past
 * their due date.
 */
export const governanceSource: MetricSource = {
  source: 'governance',
  metrics: [
    def(
      'governance',
      'gate_decisions',
      '',
      'Revues de phase (gates) décidées',
      'Phase gates decided',
    ),
    def(
      'governance',
      'gate_decisions_ready',
      '',
      'Revues de phase décidées avec un dossier complet',
      'Phase gates decided with a complete checklist',
    ),
    def(
      'governance',
      'gate_conditions_overdue',
      '',
      'Réserves de gate ouvertes et échues',
      'Gate conditions open past their due date',
    ),
  ],
  async compute(db, ids, asOf) {
    if (ids.length === 0) return new Map();
    return byProject(
      db,
      sql`with d as (
            select project_id, count(*)::int as gate_decisions,
              count(*) filter (where coalesce((readiness->>'done')::int, 0) >= coalesce((readiness->>'total')::int, 0))::int as gate_decisions_ready
            from gov_gate_decisions where project_id in ${ids} and decided_at::date <= ${asOf}::date
            group by project_id
          ),
          c as (
            select project_id, count(*)::int as overdue from gov_gate_conditions
            where project_id in ${ids} and status = 'open' and due_date < ${asOf}::date group by project_id
          ),
          ids as (select project_id from d union select project_id from c)
          select ids.project_id, coalesce(d.gate_decisions, 0) as gate_decisions,
                 coalesce(d.gate_decisions_ready, 0) as gate_decisions_ready,
                 coalesce(c.overdue, 0) as gate_conditions_overdue
          from ids left join d on d.project_id = ids.project_id left join c on c.project_id = ids.project_id`,
    );
  },
};

const round2 = (h: number) => Math.round(h * 100) / 100;

/**
 * Planned (the latest business case's benefit lines) vs realised benefits of every project with
 * a case or a realisation, at `asOf`'s month (core/evm benefitsTracking, as the Benefits tab).
 */
export async function benefitFigures(db: Executor, asOf: string) {
  const { cases, realised } = await benefitsOf(db);
  interface Case {
    firstPeriod?: string;
    lines?: { kind: string; amounts: number[]; confidence?: number }[];
  }
  const byProject = new Map<string, { period: string; amount: number }[]>();
  for (const r of realised) {
    const list = byProject.get(r.project_id) ?? [];
    list.push({ period: r.period, amount: Number(r.amount) });
    byProject.set(r.project_id, list);
  }
  const caseOf = new Map(cases.map((c) => [c.project_id, c.bc as Case]));
  const out = new Map<string, BenefitFigures>();
  for (const id of new Set([...caseOf.keys(), ...byProject.keys()])) {
    const bc = caseOf.get(id);
    const planned = (bc?.lines ?? []).filter((l) =>
      (BENEFIT_KINDS as readonly string[]).includes(l.kind),
    );
    if (planned.length === 0 && !byProject.has(id)) continue;
    const t = benefitsTracking({
      firstPeriod: bc?.firstPeriod ?? null,
      planned,
      realised: byProject.get(id) ?? [],
      asOf: asOf.slice(0, 7),
    });
    out.set(id, {
      plannedCents: t.totals.planned,
      plannedToDateCents: t.totals.plannedToDate,
      realisedCents: t.totals.realised,
    });
  }
  return out;
}

/**
 * Benefits: planned over the whole business case, planned up to the date's period and realised
 * (the strategy module's business cases and benefit realisations), in euros; a project without
 * a business case nor a realisation has none (null).
 */
export const benefitsSource: MetricSource = {
  source: 'benefits',
  metrics: [
    def(
      'benefits',
      'benefits_planned_eur',
      '€',
      'Bénéfices prévus par le dossier d’opportunité (total)',
      'Benefits planned by the business case (total)',
    ),
    def(
      'benefits',
      'benefits_due_eur',
      '€',
      'Bénéfices prévus jusqu’à la période de la date',
      'Benefits planned up to the date’s period',
    ),
    def(
      'benefits',
      'benefits_realised_eur',
      '€',
      'Bénéfices réalisés jusqu’à la date',
      'Benefits realised up to the date',
    ),
  ],
  async compute(db, ids, asOf) {
    if (ids.length === 0) return new Map();
    const wanted = new Set(ids);
    const out = new Map<string, MetricRow>();
    for (const [id, b] of await benefitFigures(db, asOf))
      if (wanted.has(id))
        out.set(id, {
          benefits_planned_eur: b.plannedCents / 100,
          benefits_due_eur: b.plannedToDateCents / 100,
          benefits_realised_eur: b.realisedCents / 100,
        });
    return out;
  },
};

export const MODULE_SOURCES: readonly MetricSource[] = [
  financeSource,
  risksSource,
  timeSource,
  resourcesSource,
  governanceSource,
  benefitsSource,
];
