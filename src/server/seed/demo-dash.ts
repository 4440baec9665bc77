import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { findUserByEmail } from '../modules/platform/users.service.ts';
import { refreshSnapshots } from '../modules/reporting/dash.service.ts';
import { computeMetrics } from '../modules/reporting/reporting.metrics.ts';
import { computeKpis, today } from '../modules/reporting/reporting.service.ts';
import { declareContributions } from '../modules/strategy/objectives.service.ts';

/** The last day of each of the `n` months before the one of `date` (oldest first). */
export function previousMonthEnds(date: string, n: number): string[] {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n; i >= 1; i--) out.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10));
  return out;
}

/**
 * Strategic contributions of the demo projects the strategy seed leaves without any (the
 * sub-projects and two projects), so that every bubble of the value × risk chart sits at its
 * project's real alignment rather than piling up at 0. A sub-project serves its parent's
 * objectives for its own part; project code → [objective, level 1–3].
 */
const CONTRIBUTIONS: Record<string, [string, number][]> = {
  // Reprise des données clients (Refonte du CRM).
  'PRJ-2026-001-A': [
    ['OS2.2', 2],
    ['OS2.1', 1],
  ],
  // Intégration centre d’appels (Refonte du CRM).
  'PRJ-2026-001-B': [['OS2.1', 2]],
  // Socle technique data (Plateforme de données).
  'PRJ-2026-004-A': [['OS2.2', 2]],
  // Gouvernance des données (Plateforme de données).
  'PRJ-2026-004-B': [
    ['OS2.2', 3],
    ['OS3.2', 1],
  ],
  // Migration des postes de travail (clos).
  'PRJ-2026-007': [
    ['OS3.1', 1],
    ['OS1.1', 1],
  ],
  // Registre des prestataires TIC (Conformité DORA).
  'PRJ-2026-008-A': [['OS3.1', 3]],
  // Tests de résilience (Conformité DORA).
  'PRJ-2026-008-B': [
    ['OS3.1', 2],
    ['OS3.2', 2],
  ],
  // Site pilote de Lyon (Déploiement Lean dans les entrepôts).
  'PRJ-2026-015-A': [['OS1.3', 2]],
  // Généralisation aux autres sites (Déploiement Lean dans les entrepôts).
  'PRJ-2026-015-B': [
    ['OS1.3', 3],
    ['OS3.3', 1],
  ],
  // Flex office au siège.
  'PRJ-2027-020': [
    ['OS3.3', 2],
    ['OS1.1', 1],
  ],
};

/**
 * Declares the contributions above through the strategy service (as the PMO, audited), for
 * the projects that have none yet; returns how many were declared.
 */
export async function seedDemoContributions(ctx: Ctx): Promise<number> {
  const user = await findUserByEmail(ctx, 'claire.martin@exemple.fr');
  if (!user) return 0;
  const pmo = {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    personId: user.personId,
  };
  const bare = await queryRows<{ id: string; code: string }>(
    ctx.db,
    sql`select p.id, p.code from projects p
        where p.code in ${Object.keys(CONTRIBUTIONS)}
          and not exists (select 1 from strategy_contributions c where c.project_id = p.id)`,
  );
  const rows = bare.flatMap((p) =>
    CONTRIBUTIONS[p.code]!.map(([objectiveCode, level]) => ({
      objectiveCode,
      projectId: p.id,
      level,
    })),
  );
  return rows.length ? declareContributions(ctx, pmo, rows) : 0;
}

/**
 * The indicators frozen in the demo's submitted status reports, taken again now that every
 * module has its data. The reports are seeded early (the plans exist, finance, risks and
 * resources not yet), so their snapshots had no CPI, exposure or team load, and the September
 * report showed « — » for them. Each report gets what a submission would have frozen at its
 * date (`computeMetrics` at `metrics_as_of`, the registry the submission itself reads: the
 * month-end EV close on or before it, the open threats, the allocations of the four weeks
 * after it); one computation per date for every project, one update per date.
 */
export async function refreezeReportMetrics(ctx: Ctx) {
  const dates = await queryRows<{ asOf: string; ids: string[] }>(
    ctx.db,
    sql`select to_char(metrics_as_of, 'YYYY-MM-DD') as "asOf", array_agg(distinct project_id) as ids
        from status_reports where metrics_as_of is not null group by metrics_as_of order by 1`,
  );
  let updated = 0;
  for (const { asOf, ids } of dates) {
    const metrics = await computeMetrics(ctx.db, ids, asOf);
    const values = JSON.stringify([...metrics].map(([projectId, m]) => ({ projectId, m })));
    const rows = await queryRows<{ n: number }>(
      ctx.db,
      sql`with v as (
            select (e->>'projectId')::uuid as project_id, e->'m' as metrics
            from jsonb_array_elements(${values}::jsonb) e
          ), u as (
            update status_reports r set metrics = v.metrics
            from v where r.project_id = v.project_id and r.metrics_as_of = ${asOf}::date
            returning 1
          )
          select count(*)::int as n from u`,
    );
    updated += rows[0]?.n ?? 0;
  }
  return updated;
}

/**
 * Dashboards of the demo: once every module has its data, the contributions of the projects
 * without any, the KPI history of the last six month-ends and today (so the portfolio
 * dashboard's trends have points with finance, risks and resources in them), then the
 * dashboard snapshots of every project.
 */
export async function seedDemoDash(ctx: Ctx) {
  await seedDemoContributions(ctx);
  await refreezeReportMetrics(ctx);
  const now = today();
  for (const asOf of [...previousMonthEnds(now, 6), now]) await computeKpis(ctx, asOf);
  return refreshSnapshots(ctx, now);
}
