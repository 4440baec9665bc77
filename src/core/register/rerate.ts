// Re-rating a register when the PMO changes its scales, escalation targets and the risk trend.
// Pure functions on plain data: no I/O, no clock.

import {
  criticalityOf,
  CRITICALITIES,
  type Criticality,
  type RiskSettings,
} from '../risks/register.ts';

/**
 * The level on a scale of `to` levels that matches level `level` of a scale of `from` levels:
 * the same relative position, so the bottom stays the bottom and the top the top
 * (5 → 4 levels: 1→1, 2→2, 3→3, 4→3, 5→4; 4 → 5: 1→1, 2→2, 3→4, 4→5). Never decreasing in
 * `level`. Level 0 (not assessed) stays 0.
 */
export function mapLevel(level: number, from: number, to: number): number {
  if (level <= 0) return 0;
  if (from === to) return Math.min(level, to);
  if (from <= 1) return 1;
  const mapped = Math.round(((Math.min(level, from) - 1) * (to - 1)) / (from - 1)) + 1;
  return Math.max(1, Math.min(to, mapped));
}

/** The whole map old level → new level (index 0 = level 0, not assessed). */
export function levelMap(from: number, to: number): number[] {
  const map: number[] = [];
  for (let l = 0; l <= from; l++) map.push(mapLevel(l, from, to));
  return map;
}

/** What changes for the register when settings go from `before` to `after`. */
export interface RerateSummary {
  probabilityMap: number[] | null;
  impactMap: number[] | null;
  /** True when the EMV of risks changes (percentages or probability levels moved). */
  emvChanges: boolean;
}

export function rerateSummary(before: RiskSettings, after: RiskSettings): RerateSummary {
  const p = before.probability.length !== after.probability.length;
  const i = before.impact.length !== after.impact.length;
  const percents = (s: RiskSettings) => s.probability.map((l) => l.percent).join(',');
  return {
    probabilityMap: p ? levelMap(before.probability.length, after.probability.length) : null,
    impactMap: i ? levelMap(before.impact.length, after.impact.length) : null,
    emvChanges: p || percents(before) !== percents(after),
  };
}

/** How many cells of the matrix are at each criticality. */
export function matrixMix(settings: RiskSettings): Record<Criticality, number> {
  const mix = { low: 0, moderate: 0, high: 0, critical: 0 };
  for (const row of settings.matrix) for (const c of row) mix[c]++;
  return mix;
}

/**
 * Problems of a matrix a PMO would not mean: criticality must not drop when probability or
 * impact rises. Returns the first offending cell (1-based), or undefined.
 */
export function matrixNotMonotone(
  settings: RiskSettings,
): { probability: number; impact: number } | undefined {
  const rank = (c: Criticality) => CRITICALITIES.indexOf(c);
  const m = settings.matrix;
  for (let p = 0; p < m.length; p++) {
    for (let i = 0; i < m[p]!.length; i++) {
      const here = rank(m[p]![i]!);
      if (p > 0 && here < rank(m[p - 1]![i]!)) return { probability: p + 1, impact: i + 1 };
      if (i > 0 && here < rank(m[p]![i - 1]!)) return { probability: p + 1, impact: i + 1 };
    }
  }
  return undefined;
}

/** One dated state of a risk, as the assessment history records it. */
export interface TrendPoint {
  period: string;
  probability: number;
  impact: number;
  /** Σ EMV of the risks this point stands for (cents). */
  emvCents: number;
  kind: 'threat' | 'opportunity';
  /** How many risks share this period, cell and kind (1 when absent). */
  count?: number;
}

export interface TrendRow {
  period: string;
  counts: Record<Criticality, number>;
  total: number;
  /** Σ EMV of the threats (cents). */
  exposureCents: number;
}

/**
 * The register's trend: for each period, the open risks at that date (their latest assessment)
 * counted by criticality from today's matrix, and the exposure (Σ EMV of threats).
 * `periods` are sorted; a period with no point gives zeros.
 */
export function riskTrend(
  settings: RiskSettings,
  periods: readonly string[],
  points: readonly TrendPoint[],
): TrendRow[] {
  const rows = new Map<string, TrendRow>();
  for (const period of periods) {
    rows.set(period, {
      period,
      counts: { low: 0, moderate: 0, high: 0, critical: 0 },
      total: 0,
      exposureCents: 0,
    });
  }
  for (const pt of points) {
    const row = rows.get(pt.period);
    if (!row) continue;
    const n = pt.count ?? 1;
    row.counts[criticalityOf(settings, pt.probability, pt.impact)] += n;
    row.total += n;
    if (pt.kind === 'threat') row.exposureCents += pt.emvCents;
  }
  return [...rows.values()];
}

/**
 * A change of the open register in a month: `count` risks (negative: leaving) in one cell and
 * kind, with their Σ EMV, from the end of `month` (YYYY-MM) on. An assessment open from
 * month m0 until one made in month m1 enters at m0 and leaves at m1 (none when m1 = m0).
 */
export interface TrendChange {
  month: string;
  probability: number;
  impact: number;
  kind: 'threat' | 'opportunity';
  count: number;
  emvCents: number;
}

/**
 * The register at each period (month ends, sorted) from its monthly changes: running sums per
 * cell and kind, changes of a month before the first period included. Gives what `riskTrend`
 * counts, grouped (at most periods × cells × 2 points).
 */
export function trendPoints(
  periods: readonly string[],
  changes: readonly TrendChange[],
): TrendPoint[] {
  const sorted = [...changes].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const live = new Map<string, Omit<TrendPoint, 'period'> & { count: number }>();
  const out: TrendPoint[] = [];
  let k = 0;
  for (const period of periods) {
    const month = period.slice(0, 7);
    for (; k < sorted.length && sorted[k]!.month <= month; k++) {
      const c = sorted[k]!;
      const key = `${c.probability}|${c.impact}|${c.kind}`;
      const v = live.get(key);
      if (v) {
        v.count += c.count;
        v.emvCents += c.emvCents;
      } else {
        live.set(key, {
          probability: c.probability,
          impact: c.impact,
          kind: c.kind,
          count: c.count,
          emvCents: c.emvCents,
        });
      }
    }
    for (const v of live.values()) if (v.count !== 0) out.push({ period, ...v });
  }
  return out;
}

/** Month ends from the month of `from` to the month of `to` (YYYY-MM-DD), at most 36. */
export function monthEnds(from: string, to: string): string[] {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  const out: string[] = [];
  while ((y < endY || (y === endY && m <= endM)) && out.length < 36) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push(`${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
