import { type IndexStatus, type IndexThresholds, indexStatus } from '../finance/evm.ts';
import { ratio, sum } from '../finance/money.ts';

/**
 * EVM thresholds, trends, the monthly forecast cycle, the company discount-rate policy and
 * benefits tracking: pure functions over integer minor units (no I/O, no clock).
 */

/** Status bands of an EVM reading: SPI and CPI as indices, VAC as a fraction of BAC (−0.05 = −5 %). */
export interface EvmThresholds {
  spi: IndexThresholds;
  cpi: IndexThresholds;
  vac: IndexThresholds;
}

export const DEFAULT_EVM_THRESHOLDS: EvmThresholds = {
  spi: { watch: 0.95, alert: 0.9 },
  cpi: { watch: 0.95, alert: 0.9 },
  vac: { watch: -0.05, alert: -0.1 },
};

/** Thresholds are stored in ten-thousandths (9500 = 0.95) so they compare exactly. */
export const THRESHOLD_SCALE = 10_000;

export interface ThresholdIssue {
  path: string[];
  message: string;
}

/**
 * What is wrong with a set of thresholds: each band's watch level must be at or above its alert
 * level; indices lie in ]0, 10], VAC fractions in [−1, 1].
 */
export function thresholdIssues(t: EvmThresholds): ThresholdIssue[] {
  const issues: ThresholdIssue[] = [];
  for (const key of ['spi', 'cpi', 'vac'] as const) {
    const { watch, alert } = t[key];
    const [lo, hi] = key === 'vac' ? [-1, 1] : [0, 10];
    for (const [name, v] of [
      ['watch', watch],
      ['alert', alert],
    ] as const) {
      if (!Number.isFinite(v) || v < lo || v > hi || (key !== 'vac' && v === 0))
        issues.push({ path: [key, name], message: `must be within ${lo} and ${hi}` });
      else if (Math.round(v * THRESHOLD_SCALE) !== v * THRESHOLD_SCALE)
        issues.push({ path: [key, name], message: 'at most 4 decimals' });
    }
    if (watch < alert)
      issues.push({ path: [key, 'alert'], message: 'must not be above the watch level' });
  }
  return issues;
}

/** The thresholds in force: the portfolio's own when it has some, else the company's, else the defaults. */
export function thresholdsInForce(
  company: EvmThresholds | null,
  portfolio: EvmThresholds | null,
): EvmThresholds {
  return portfolio ?? company ?? DEFAULT_EVM_THRESHOLDS;
}

export interface EvmStatuses {
  spi: IndexStatus | null;
  cpi: IndexStatus | null;
  /** VAC / BAC against the VAC band; null without a BAC. */
  vac: IndexStatus | null;
}

/** The status of each indicator of a reading. */
export function evmStatuses(
  reading: { spi: number | null; cpi: number | null; vac: number; bac: number },
  t: EvmThresholds,
): EvmStatuses {
  return {
    spi: indexStatus(reading.spi, t.spi),
    cpi: indexStatus(reading.cpi, t.cpi),
    vac: indexStatus(ratio(reading.vac, reading.bac), t.vac),
  };
}

// ---------------------------------------------------------------- trend

export interface Snapshot {
  month: string;
  pv: number;
  ev: number;
  ac: number;
}

export interface TrendPoint {
  month: string;
  spi: number | null;
  cpi: number | null;
}

export type TrendDirection = 'improving' | 'stable' | 'worsening';

/**
 * SPI and CPI over the snapshots (sorted by month), and where each is heading: the last index
 * against the mean of up to three before it, "stable" within ±0.02 or with too few points.
 */
export function evmTrend(snapshots: readonly Snapshot[]): {
  points: TrendPoint[];
  spi: TrendDirection | null;
  cpi: TrendDirection | null;
} {
  const sorted = [...snapshots].sort((a, b) => a.month.localeCompare(b.month));
  const points = sorted.map((s) => ({
    month: s.month,
    spi: ratio(s.ev, s.pv),
    cpi: ratio(s.ev, s.ac),
  }));
  const direction = (key: 'spi' | 'cpi'): TrendDirection | null => {
    const values = points.map((p) => p[key]).filter((v): v is number => v !== null);
    if (values.length < 2) return null;
    const last = values[values.length - 1]!;
    const before = values.slice(Math.max(0, values.length - 4), values.length - 1);
    const mean = before.reduce((s, v) => s + v, 0) / before.length;
    if (last - mean > 0.02) return 'improving';
    if (mean - last > 0.02) return 'worsening';
    return 'stable';
  };
  return { points, spi: direction('spi'), cpi: direction('cpi') };
}

/** The month whose end a snapshot job records on `today`: the previous calendar month. */
export function snapshotMonthFor(today: string): { month: string; statusDate: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const month = `${py}-${String(pm).padStart(2, '0')}`;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { month, statusDate: `${month}-${String(last).padStart(2, '0')}` };
}

// ---------------------------------------------------------------- forecast cycle

export interface ForecastFigures {
  /** Sum of the estimate to complete by month. */
  etc: number;
  /** AC at submission + ETC. */
  eac: number;
  /** BAC − EAC (negative: overrun). */
  variance: number;
  /** Variance as a fraction of BAC; null without a BAC. */
  variancePct: number | null;
  /** EAC − the previous approved forecast's EAC; null when there is none. */
  changeSincePrevious: number | null;
}

/** The figures of a re-forecast against the budget and the previous approved forecast. */
export function forecastFigures(input: {
  ac: number;
  bac: number;
  etcByMonth: readonly { month: string; amount: number }[];
  previousEac: number | null;
}): ForecastFigures {
  const etc = sum(input.etcByMonth.map((m) => m.amount));
  const eac = input.ac + etc;
  const variance = input.bac - eac;
  return {
    etc,
    eac,
    variance,
    variancePct: ratio(variance, input.bac),
    changeSincePrevious: input.previousEac === null ? null : eac - input.previousEac,
  };
}

/**
 * Issues of an ETC phasing: each (line, month) once, from the forecast period on, amounts ≥ 0.
 * An entry without a line is the project's ETC not yet attributed to a line.
 */
export function phasingIssues(
  period: string,
  etcByMonth: readonly { month: string; amount: number; lineId?: string | null }[],
): ThresholdIssue[] {
  const issues: ThresholdIssue[] = [];
  const seen = new Set<string>();
  etcByMonth.forEach((m, i) => {
    const key = `${m.lineId ?? ''}|${m.month}`;
    if (seen.has(key))
      issues.push({ path: ['etcByMonth', String(i), 'month'], message: 'month given twice' });
    seen.add(key);
    if (m.month < period)
      issues.push({
        path: ['etcByMonth', String(i), 'month'],
        message: `before the forecast period ${period}`,
      });
    if (m.amount < 0)
      issues.push({ path: ['etcByMonth', String(i), 'amount'], message: 'must be 0 or more' });
  });
  return issues;
}

/**
 * Splits an amount over weights exactly (largest remainder, ties to the first): the parts sum
 * to the amount. Equal weights when every weight is 0; an empty list gets nothing.
 */
export function spreadByWeights(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  // BigInt: amount × weight can pass 2^53 for large budgets in cents.
  const w = weights.map((x) => BigInt(Math.max(0, x)));
  const total = w.reduce((a, b) => a + b, 0n);
  const base = total === 0n ? w.map(() => 1n) : w;
  const denom = total === 0n ? BigInt(base.length) : total;
  const a = BigInt(amount);
  const parts = base.map((x) => Number((a * x) / denom));
  let left = amount - sum(parts);
  const order = base
    .map((x, i) => ({ i, r: (a * x) % denom }))
    .sort((p, q) => (q.r > p.r ? 1 : q.r < p.r ? -1 : p.i - q.i));
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  return parts;
}

export interface EtcEntry {
  month: string;
  amount: number;
  lineId?: string | null;
}

/**
 * A re-forecast made bottom-up: every entry attributed to a budget line. An entry without a line
 * is spread over the lines in proportion to their working budget still to come from that month
 * (equally when none is left). Entries of the same line and month are merged; zeros dropped.
 * Without any line, the entries stay as they are.
 */
export function attributeToLines(
  entries: readonly EtcEntry[],
  lines: readonly { lineId: string; amounts: readonly { month: string; amount: number }[] }[],
): { month: string; amount: number; lineId: string | null }[] {
  const out = new Map<string, { month: string; amount: number; lineId: string | null }>();
  const add = (lineId: string | null, month: string, amount: number) => {
    if (amount === 0) return;
    const key = `${lineId ?? ''}|${month}`;
    const cur = out.get(key);
    if (cur) cur.amount += amount;
    else out.set(key, { month, amount, lineId });
  };
  for (const e of entries) {
    if (e.lineId || lines.length === 0) {
      add(e.lineId ?? null, e.month, e.amount);
      continue;
    }
    const weights = lines.map((l) =>
      sum(l.amounts.filter((a) => a.month >= e.month).map((a) => a.amount)),
    );
    spreadByWeights(e.amount, weights).forEach((part, i) => add(lines[i]!.lineId, e.month, part));
  }
  return [...out.values()].sort(
    (a, b) => (a.lineId ?? '').localeCompare(b.lineId ?? '') || a.month.localeCompare(b.month),
  );
}

/** Each line's ETC in a re-forecast: the sum of its months. */
export function etcByLine(entries: readonly EtcEntry[]): Map<string | null, number> {
  const m = new Map<string | null, number>();
  for (const e of entries) m.set(e.lineId ?? null, (m.get(e.lineId ?? null) ?? 0) + e.amount);
  return m;
}

/** The ETC by month of a re-forecast, lines merged, in month order. */
export function etcByMonthTotal(entries: readonly EtcEntry[]): { month: string; amount: number }[] {
  const m = new Map<string, number>();
  for (const e of entries) m.set(e.month, (m.get(e.month) ?? 0) + e.amount);
  return [...m]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, amount]) => ({ month, amount }));
}

export interface ForecastLineChange {
  lineId: string | null;
  etc: number;
  /** The line's ETC in the previous approved forecast; null without one. */
  previousEtc: number | null;
}

/**
 * What changed per line since the previous approved forecast: every line of either, the lines
 * of the current one first in `order`; a line missing from one side counts 0 there.
 */
export function lineChanges(
  current: readonly EtcEntry[],
  previous: readonly EtcEntry[] | null,
  order: readonly string[] = [],
): ForecastLineChange[] {
  const now = etcByLine(current);
  const before = previous ? etcByLine(previous) : null;
  const keys = new Set<string | null>([...now.keys(), ...(before?.keys() ?? [])]);
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...keys]
    .sort(
      (a, b) =>
        (a === null ? 1e9 : (rank.get(a) ?? 1e8)) - (b === null ? 1e9 : (rank.get(b) ?? 1e8)) ||
        (a ?? '').localeCompare(b ?? ''),
    )
    .map((lineId) => ({
      lineId,
      etc: now.get(lineId) ?? 0,
      previousEtc: before ? (before.get(lineId) ?? 0) : null,
    }));
}

/**
 * Where a new re-forecast starts from when there is an approved one: its cells from `period` on
 * (the months before are spent: they are in the actuals now), merged per line and month, for
 * the lines that still exist (`lineIds`; the project-level row `null` when there are none).
 * `covered` lists the lines the approved forecast speaks of: they start from it, even where it
 * left a month empty; the others start from their remaining budget.
 */
export function forecastStart(
  approved: readonly EtcEntry[],
  period: string,
  lineIds: readonly string[],
): {
  cells: { lineId: string | null; month: string; amount: number }[];
  covered: (string | null)[];
} {
  const known = new Set<string | null>(lineIds.length ? lineIds : [null]);
  const cells = new Map<string, { lineId: string | null; month: string; amount: number }>();
  const covered = new Set<string | null>();
  for (const e of approved) {
    const lineId = e.lineId ?? null;
    if (!known.has(lineId)) continue;
    covered.add(lineId);
    if (e.month < period || e.amount === 0) continue;
    const k = `${lineId}|${e.month}`;
    const c = cells.get(k);
    if (c) c.amount += e.amount;
    else cells.set(k, { lineId, month: e.month, amount: e.amount });
  }
  const rank = new Map<string | null, number>(
    (lineIds.length ? lineIds : [null]).map((id, i) => [id, i]),
  );
  return {
    cells: [...cells.values()].sort(
      (a, b) => rank.get(a.lineId)! - rank.get(b.lineId)! || a.month.localeCompare(b.month),
    ),
    covered: [...covered].sort((a, b) => rank.get(a)! - rank.get(b)!),
  };
}

// ---------------------------------------------------------------- discount-rate policy

export interface RatePolicy {
  effectiveFrom: string;
  rate: string;
}

/** The policy in force on a date: the latest effective on or before it; null when none yet. */
export function policyInForce<T extends RatePolicy>(
  policies: readonly T[],
  date: string,
): T | null {
  let best: T | null = null;
  for (const p of policies)
    if (p.effectiveFrom <= date && (!best || p.effectiveFrom > best.effectiveFrom)) best = p;
  return best;
}

// ---------------------------------------------------------------- benefits tracking

export interface PlannedBenefitLine {
  kind: string;
  /** One amount per period from `firstPeriod`. */
  amounts: readonly number[];
  /** Percent, default 100. */
  confidence?: number;
}

/** The `i`-th period after `first` (`YYYY` or `YYYY-MM`). */
export function periodAt(first: string, i: number): string {
  if (first.length === 4) return String(Number(first) + i);
  const n = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + i;
  const y = Math.floor(n / 12);
  return `${y}-${String(n - y * 12 + 1).padStart(2, '0')}`;
}

export interface BenefitPeriodRow {
  period: string;
  /** As in the business case (full amounts). */
  planned: number;
  /** Planned × confidence (the expected value the NPV used). */
  expected: number;
  realised: number;
  /** Realised − planned. */
  gap: number;
}

/**
 * Planned vs realised benefits by period: the case's benefit lines (periods from `firstPeriod`)
 * against the realised amounts recorded (a period outside the case still shows, with 0 planned).
 * Totals are the sums of the rows; `realisationRate` = realised / planned over the periods due
 * at `asOf` (null when nothing is due yet).
 */
export function benefitsTracking(input: {
  firstPeriod: string | null;
  planned: readonly PlannedBenefitLine[];
  realised: readonly { period: string; amount: number }[];
  /** Today's month `YYYY-MM`: periods up to it are due (a year is due from its January). */
  asOf?: string;
}): {
  rows: BenefitPeriodRow[];
  totals: BenefitTotals;
  realisationRate: number | null;
} {
  const byPeriod = new Map<string, { planned: number; expected: number; realised: number }>();
  const at = (p: string) => {
    let r = byPeriod.get(p);
    if (!r) {
      r = { planned: 0, expected: 0, realised: 0 };
      byPeriod.set(p, r);
    }
    return r;
  };
  if (input.firstPeriod)
    for (const line of input.planned)
      line.amounts.forEach((amount, i) => {
        const r = at(periodAt(input.firstPeriod!, i));
        r.planned += amount;
        r.expected += Math.round((amount * (line.confidence ?? 100)) / 100);
      });
  for (const x of input.realised) at(x.period).realised += x.amount;
  const rows = [...byPeriod]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, r]) => ({ period, ...r, gap: r.realised - r.planned }));
  const due = (period: string) => !input.asOf || isDue(period, input.asOf);
  const realisedTotal = sum(rows.map((r) => r.realised));
  const plannedTotal = sum(rows.map((r) => r.planned));
  const plannedToDate = sum(rows.filter((r) => due(r.period)).map((r) => r.planned));
  return {
    rows,
    totals: {
      planned: plannedTotal,
      expected: sum(rows.map((r) => r.expected)),
      realised: realisedTotal,
      gap: realisedTotal - plannedTotal,
      plannedToDate,
      gapToDate: realisedTotal - plannedToDate,
    },
    realisationRate: ratio(realisedTotal, plannedToDate),
  };
}

export interface BenefitTotals {
  planned: number;
  expected: number;
  realised: number;
  /** Realised − planned over the whole case. */
  gap: number;
  /** Planned over the periods due at `asOf`. */
  plannedToDate: number;
  /** Realised − planned to date. */
  gapToDate: number;
}

/** Whether a period (`YYYY` or `YYYY-MM`) is due in the month `asOf` (`YYYY-MM`). */
export function isDue(period: string, asOf: string): boolean {
  return period.length === 4 ? period <= asOf.slice(0, 4) : period <= asOf.slice(0, 7);
}
