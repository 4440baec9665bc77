import type { Ctx } from '../context.ts';
import { refreshSnapshots } from '../modules/reporting/dash.service.ts';
import { computeKpis, today } from '../modules/reporting/reporting.service.ts';

/** The last day of each of the `n` months before the one of `date` (oldest first). */
export function previousMonthEnds(date: string, n: number): string[] {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n; i >= 1; i--) out.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10));
  return out;
}

/**
 * Dashboards of the demo: once every module has its data, the KPI history of the last six
 * month-ends and today (so the portfolio dashboard's trends have points with finance, risks and
 * resources in them), then the dashboard snapshots of every project.
 */
export async function seedDemoDash(ctx: Ctx) {
  const now = today();
  for (const asOf of [...previousMonthEnds(now, 6), now]) await computeKpis(ctx, asOf);
  return refreshSnapshots(ctx, now);
}
