import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/*
 * Read-only, set-wise queries behind "Mon accueil". They read other modules' tables where a
 * service call per row would be N+1 (see docs/ARCHITECTURE.md, "Dashboards"); every write
 * stays in its own module.
 */

export interface MyProjectRow {
  id: string;
  code: string;
  name: string;
  status: string;
  plannedEnd: string | null;
  portfolioId: string;
  portfolioName: string;
  isManager: boolean;
  isSponsor: boolean;
  memberRole: string | null;
  overall: string | null;
  periodStart: string | null;
  previousOverall: string | null;
}

/** Projects I manage, sponsor or am a member of (not archived), with their latest sent weather. */
export function myProjects(db: Executor, personId: string) {
  return queryRows<MyProjectRow>(
    db,
    sql`with mine as (
          select p.id, p.code, p.name, p.status, p.planned_end, p.portfolio_id,
                 p.manager_id = ${personId} as is_manager, coalesce(p.sponsor_id = ${personId}, false) as is_sponsor,
                 m.role as member_role
          from projects p
          left join project_members m on m.project_id = p.id and m.person_id = ${personId}
          where p.archived_at is null
            and (p.manager_id = ${personId} or p.sponsor_id = ${personId} or m.person_id is not null)
        ),
        sent as (
          select r.project_id, r.overall, r.period_start,
                 row_number() over (partition by r.project_id order by r.period_start desc) as n
          from status_reports r join mine on mine.id = r.project_id
          where r.state in ('submitted', 'reviewed')
        )
        select mine.id, mine.code, mine.name, mine.status, mine.planned_end::text as "plannedEnd",
               mine.portfolio_id as "portfolioId", pf.name as "portfolioName",
               coalesce(mine.is_manager, false) as "isManager", mine.is_sponsor as "isSponsor",
               mine.member_role as "memberRole",
               s1.overall, s1.period_start::text as "periodStart", s2.overall as "previousOverall"
        from mine
        join portfolios pf on pf.id = mine.portfolio_id
        left join sent s1 on s1.project_id = mine.id and s1.n = 1
        left join sent s2 on s2.project_id = mine.id and s2.n = 2
        order by (mine.status = 'active') desc, mine.code`,
  );
}

export interface RiskActionRow {
  id: string;
  number: number;
  title: string;
  response: string;
  strategy: string | null;
  status: string;
  score: number;
  proximity: string | null;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  programId: string | null;
  programName: string | null;
}

/**
 * The risks I own that are still open or monitored: their response is my action. Project risks
 * only on projects I may see (`visible`, the portfolio's rule); programme risks as programmes.
 */
export function myRiskActions(db: Executor, personId: string, visible: SQL | undefined) {
  return queryRows<RiskActionRow>(
    db,
    sql`select r.id, r.number, r.title, r.response, r.strategy, r.status, r.score::int as score,
               r.proximity::text as proximity,
               ${projects.id} as "projectId", ${projects.code} as "projectCode", ${projects.name} as "projectName",
               g.id as "programId", g.name as "programName"
        from risks r
        left join ${projects} on ${projects.id} = r.project_id
        left join programs g on g.id = r.program_id
        where r.owner_id = ${personId} and r.status in ('open', 'monitoring')
          and (r.project_id is null or (${projects.archivedAt} is null ${visible ? sql`and ${visible}` : sql``}))
        order by r.proximity nulls last, r.score desc
        limit 200`,
  );
}

export interface RevisionRow {
  id: string;
  number: number;
  total: number;
  reason: string;
  submittedByName: string | null;
  createdAt: Date | string;
  projectId: string;
  projectCode: string;
  projectName: string;
}

/** Budget revisions waiting for a decision on the projects in `visible`. */
export function pendingRevisions(db: Executor, visible: SQL | undefined) {
  return queryRows<RevisionRow>(
    db,
    sql`select r.id, r.number, r.total::int8 as total, r.reason, r.submitted_by_name as "submittedByName",
               r.created_at as "createdAt",
               ${projects.id} as "projectId", ${projects.code} as "projectCode", ${projects.name} as "projectName"
        from budget_revisions r join ${projects} on ${projects.id} = r.project_id
        where r.status = 'submitted' and ${projects.archivedAt} is null ${visible ? sql`and ${visible}` : sql``}
        order by r.created_at
        limit 200`,
  );
}

export interface LifecycleRow {
  projectId: string;
  code: string;
  name: string;
  currentPhaseKey: string;
  content: unknown;
  isSponsor: boolean;
}

/** Active lifecycles of active projects in `visible`, with the method content, for gate readiness. */
export function activeLifecycles(db: Executor, visible: SQL | undefined, personId: string | null) {
  return queryRows<LifecycleRow>(
    db,
    sql`select ${projects.id} as "projectId", ${projects.code} as code, ${projects.name} as name,
               l.current_phase_key as "currentPhaseKey", v.content,
               coalesce(${projects.sponsorId} = ${personId}, false)
                 or exists (select 1 from project_members m where m.project_id = ${projects.id}
                            and m.person_id = ${personId} and m.role = 'sponsor') as "isSponsor"
        from gov_project_lifecycles l
        join ${projects} on ${projects.id} = l.project_id
        join gov_methodology_versions v on v.id = l.methodology_version_id
        where l.status = 'active' and ${projects.archivedAt} is null and ${projects.status} = 'active'
          ${visible ? sql`and ${visible}` : sql``}
        order by ${projects.code}`,
  );
}

/** Deliverables and gate checks of a set of projects' current phases. */
export async function gateStates(db: Executor, projectIds: string[]) {
  if (projectIds.length === 0) return { deliverables: [], checks: [] };
  const deliverables = await queryRows<{
    projectId: string;
    phaseKey: string;
    key: string;
    name: string;
    required: boolean;
    status: string;
  }>(
    db,
    sql`select project_id as "projectId", phase_key as "phaseKey", key, name, required, status
        from gov_deliverables where project_id in ${projectIds}`,
  );
  const checks = await queryRows<{ projectId: string; phaseKey: string; criterionKey: string }>(
    db,
    sql`select project_id as "projectId", phase_key as "phaseKey", criterion_key as "criterionKey"
        from gov_gate_checks where project_id in ${projectIds}`,
  );
  return { deliverables, checks };
}

/** A person's weekly hours (resource profile) and approved absences over a date range. */
export async function workingTime(db: Executor, personId: string, from: string, to: string) {
  const profile = await queryRows<{ weekHours: unknown }>(
    db,
    sql`select week_hours as "weekHours" from resource_profiles where person_id = ${personId}`,
  );
  const absences = await queryRows<{ start: string; finish: string; fraction: number }>(
    db,
    sql`select start::text, finish::text, day_fraction::float8 as fraction from resource_absences
        where person_id = ${personId} and status = 'approved' and start <= ${to} and finish >= ${from}`,
  );
  return { weekHours: profile[0]?.weekHours ?? null, absences };
}
