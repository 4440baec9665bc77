import type { TFunction } from 'i18next';
import { formatDate } from '../../format.ts';
import { currentLocale } from '../../i18n.ts';

/** A reporting period as people say it: "octobre 2026", "semaine du 16/03/2026", "quinzaine du …". */
export function periodLabel(t: TFunction, start: string, frequency: string): string {
  if (frequency === 'monthly') {
    const d = new Date(`${start}T00:00:00Z`);
    const text = new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(d);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return t(`reporting.periodOf.${frequency}`, { date: formatDate(start) });
}

/** The headline figures of a metrics snapshot: SPI, progress, milestones, slippage, critical tasks. */
export function headline(m: Record<string, number | null> | null | undefined) {
  if (!m) return null;
  const get = (k: string) => m[k] ?? null;
  const earned = get('work_earned');
  const planned = get('work_planned');
  const total = get('work_total');
  return {
    spi: earned !== null && planned ? earned / planned : null,
    progress: earned !== null && total ? (earned / total) * 100 : null,
    milestonesDone: get('milestones_done'),
    milestonesTotal: get('milestones_total'),
    milestonesLate: get('milestones_late'),
    slippage: get('finish_slippage_days'),
    criticalLate: get('critical_tasks_late'),
    // Issue 8: cost performance, risk exposure and team load (registry metrics of the snapshot).
    cpi: get('ev_eur') !== null && get('ac_eur') ? get('ev_eur')! / get('ac_eur')! : null,
    exposureEur: get('risk_exposure_eur'),
    risksHigh: get('risks_high'),
    loadPct:
      get('allocated_hours') !== null && get('team_capacity_hours')
        ? (get('allocated_hours')! / get('team_capacity_hours')!) * 100
        : null,
  };
}
