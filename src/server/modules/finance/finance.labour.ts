import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudits } from '../platform/audit.service.ts';
import { costRatesAt } from '../resources/resources.service.ts';
import { approvedHours } from '../time/time.service.ts';
import { aggregatesMissing, refreshAggregates } from './finance.repository.ts';
import { actualCosts, budgetLines } from './finance.tables.ts';

/**
 * Labour actuals: the approved hours of the timesheets (time module) × each person's cost rate
 * valid on the day worked (resources module), one actual cost per project, person and month
 * (`source = 'labour'`), booked on the project's first internal-labour budget line when it has
 * one. The feed replaces the labour actuals of the projects it covers in one transaction, so it
 * can run again at any time (a job every 15 minutes, after the demo, or on demand) and always
 * gives the same rows for the same approved hours. Hours with no known rate are counted and
 * reported, never priced at zero silently.
 */
export interface LabourSyncResult {
  projects: number;
  rows: number;
  hours: number;
  amountEur: number;
  /** Approved hours of people with no cost rate (nor a role rate) on the day worked. */
  unpricedHours: number;
}

export async function syncLabourActuals(
  ctx: Ctx,
  actor: Actor | null,
  filter: { projectIds?: readonly string[] } = {},
): Promise<LabourSyncResult> {
  return ctx.db.transaction(async (tx) => {
    // A database filled before the roll-up pre-aggregates existed gets them on the first run.
    if (await aggregatesMissing(tx)) await refreshAggregates(tx, 'all');
    return syncLabourActualsInTx(tx, actor, filter);
  });
}

export async function syncLabourActualsInTx(
  tx: Executor,
  actor: Actor | null,
  filter: { projectIds?: readonly string[] } = {},
): Promise<LabourSyncResult> {
  const hours = await approvedHours(tx, filter.projectIds ? { projectIds: filter.projectIds } : {});
  const rates = await costRatesAt(
    tx,
    hours.map((h) => ({ personId: h.personId, date: h.date })),
  );

  // Sum per project × person × month, exactly: centi-hours × rate in minor units.
  const groups = new Map<
    string,
    {
      projectId: string;
      personId: string;
      month: string;
      last: string;
      exact: number;
      centi: number;
    }
  >();
  let unpricedCenti = 0;
  let pricedCenti = 0;
  hours.forEach((h, i) => {
    const centi = Math.round(h.hours * 100);
    const rate = rates[i];
    if (!rate || rate.currency !== 'EUR') {
      unpricedCenti += centi;
      return;
    }
    pricedCenti += centi;
    const month = h.date.slice(0, 7);
    const key = `${h.projectId}|${h.personId}|${month}`;
    const g = groups.get(key) ?? {
      projectId: h.projectId,
      personId: h.personId,
      month,
      last: h.date,
      exact: 0,
      centi: 0,
    };
    g.exact += centi * rate.rateMinor;
    g.centi += centi;
    if (h.date > g.last) g.last = h.date;
    groups.set(key, g);
  });

  const projectIds = filter.projectIds ?? [...new Set(hours.map((h) => h.projectId))];
  const lines =
    projectIds.length === 0
      ? []
      : await tx
          .select({ id: budgetLines.id, projectId: budgetLines.projectId })
          .from(budgetLines)
          .where(
            and(
              inArray(budgetLines.projectId, [...projectIds]),
              eq(budgetLines.category, 'internal_labour'),
            ),
          )
          .orderBy(budgetLines.projectId, budgetLines.position);
  const lineOf = new Map<string, string>();
  for (const l of lines) if (!lineOf.has(l.projectId)) lineOf.set(l.projectId, l.id);

  // What each project had before, to audit only the projects whose labour cost changed.
  const labourOnly = filter.projectIds
    ? and(eq(actualCosts.source, 'labour'), inArray(actualCosts.projectId, [...projectIds]))
    : eq(actualCosts.source, 'labour');
  const previous = await tx
    .select({
      projectId: actualCosts.projectId,
      total: sql<number>`coalesce(sum(${actualCosts.amountEur}), 0)::float8`,
    })
    .from(actualCosts)
    .where(labourOnly)
    .groupBy(actualCosts.projectId);

  // Replace: the labour actuals of these projects (all of them when no filter) are derived data.
  await tx.delete(actualCosts).where(labourOnly);
  const values = [...groups.values()].map((g) => {
    const amount = Math.round(g.exact / 100);
    return {
      projectId: g.projectId,
      lineId: lineOf.get(g.projectId) ?? null,
      source: 'labour' as const,
      date: g.last,
      supplier: '',
      reference: `CRA ${g.month}`,
      description: `${g.centi / 100} h`,
      amount,
      currency: 'EUR',
      amountEur: amount,
    };
  });
  for (let i = 0; i < values.length; i += 2000) {
    await tx.insert(actualCosts).values(values.slice(i, i + 2000));
  }
  const amountEur = values.reduce((s, v) => s + v.amountEur, 0);
  const result: LabourSyncResult = {
    projects: new Set(values.map((v) => v.projectId)).size,
    rows: values.length,
    hours: pricedCenti / 100,
    amountEur,
    unpricedHours: unpricedCenti / 100,
  };
  const before = new Map(previous.map((p) => [p.projectId, Number(p.total)]));
  const after = new Map<string, number>();
  for (const v of values) after.set(v.projectId, (after.get(v.projectId) ?? 0) + v.amountEur);
  await refreshAggregates(tx, [...new Set([...before.keys(), ...after.keys()])]);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (id) => (before.get(id) ?? 0) !== (after.get(id) ?? 0),
  );
  await recordAudits(
    tx,
    actor,
    changed.map((projectId) => ({
      entityType: 'actual_cost' as const,
      entityId: projectId,
      entityLabel: 'CRA',
      projectId,
      action: 'update' as const,
      before: { labourCostEur: before.get(projectId) ?? 0 },
      after: { labourCostEur: after.get(projectId) ?? 0 },
    })),
  );
  return result;
}
