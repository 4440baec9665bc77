import { divRound, ratio, share, sum } from './money.ts';
import { type Month, daysInMonth, monthNumber, monthOfDate, monthOf } from './months.ts';

/**
 * Earned value management (PMBOK 7 / PMI Practice Standard for EVM) in integer minor units.
 * Money results are exact integers (rounded half away from zero once, at the end); indices are
 * ratios of the integer totals, null when their denominator is zero.
 */

export interface PhasedAmount {
  month: Month;
  amount: number;
}

export interface DatedAmount {
  date: string;
  amount: number;
}

/**
 * Planned value at a status date: the baseline's monthly amounts of the months before the status
 * month, plus the status month's amount pro rata of its elapsed days (the status day included).
 * @example plannedValueAt([{ month: '2026-01', amount: 3100 }], '2026-01-10') // 1000
 */
export function plannedValueAt(phased: readonly PhasedAmount[], statusDate: string): number {
  const status = monthNumber(monthOfDate(statusDate));
  const day = Number(statusDate.slice(8, 10));
  let pv = 0;
  for (const p of phased) {
    const n = monthNumber(p.month);
    if (n < status) pv += p.amount;
    else if (n === status) pv += share(p.amount, day, daysInMonth(p.month));
  }
  return pv;
}

/** Actual cost at a status date: the actuals dated on or before it. */
export function actualCostAt(actuals: readonly DatedAmount[], statusDate: string): number {
  let ac = 0;
  for (const a of actuals) if (a.date <= statusDate) ac += a.amount;
  return ac;
}

/**
 * Earned value: each line's budget at completion times the percent complete of the work it pays
 * for (0–100, as the plan reports it; kept to 1/100 of a percent), summed.
 * @example earnedValue([{ bac: 10000, percentComplete: 40 }]) // 4000
 */
export function earnedValue(lines: readonly { bac: number; percentComplete: number }[]): number {
  let ev = 0;
  for (const l of lines) {
    const bp = Math.round(Math.min(100, Math.max(0, l.percentComplete)) * 100);
    ev += share(l.bac, bp, 10000);
  }
  return ev;
}

export interface EvmInput {
  /** Budget at completion (the approved baseline's total). */
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  /** Bottom-up estimate to complete (the sum of the lines' forecasts), when there is one. */
  etcBottomUp?: number | null;
}

export interface EvmIndicators {
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  /** Schedule variance EV − PV. */
  sv: number;
  /** Cost variance EV − AC. */
  cv: number;
  /** Schedule performance index EV / PV. */
  spi: number | null;
  /** Cost performance index EV / AC. */
  cpi: number | null;
  /** The four standard estimates at completion. */
  eacs: {
    /** BAC / CPI: the cost efficiency so far continues. */
    cpi: number | null;
    /** AC + (BAC − EV): the remaining work is done at the budgeted rate. */
    budgetRate: number;
    /** AC + (BAC − EV) / (CPI × SPI): cost and schedule both weigh on what is left. */
    cpiSpi: number | null;
    /** AC + bottom-up ETC: the project's own re-estimate. */
    bottomUp: number | null;
  };
  /** The estimate at completion retained: bottom-up when given, else BAC / CPI, else at budget rate. */
  eac: number;
  /** Estimate to complete EAC − AC. */
  etc: number;
  /** Variance at completion BAC − EAC. */
  vac: number;
  /** To-complete performance index to finish on budget: (BAC − EV) / (BAC − AC). */
  tcpi: number | null;
  /** To-complete performance index to finish at the EAC: (BAC − EV) / (EAC − AC). */
  tcpiEac: number | null;
  /** EV / BAC. */
  percentComplete: number | null;
  /** AC / BAC. */
  percentSpent: number | null;
}

/**
 * Every EVM indicator from BAC, PV, EV, AC (and an optional bottom-up ETC).
 * @example evmIndicators({ bac: 100000, pv: 50000, ev: 40000, ac: 45000 }).eacs.cpi // 112500
 */
export function evmIndicators(input: EvmInput): EvmIndicators {
  const { bac, pv, ev, ac } = input;
  const B = BigInt(bac);
  const E = BigInt(ev);
  const A = BigInt(ac);
  const P = BigInt(pv);
  const eacCpi = ev === 0 || ac === 0 ? null : divRound(B * A, E);
  const budgetRate = ac + bac - ev;
  // (BAC − EV) / (CPI × SPI) = (BAC − EV) × AC × PV / EV², computed exactly.
  const eacCpiSpi = ev === 0 || ac === 0 || pv === 0 ? null : ac + divRound((B - E) * A * P, E * E);
  const bottomUp =
    input.etcBottomUp === undefined || input.etcBottomUp === null ? null : ac + input.etcBottomUp;
  const eac = bottomUp ?? eacCpi ?? budgetRate;
  return {
    bac,
    pv,
    ev,
    ac,
    sv: ev - pv,
    cv: ev - ac,
    spi: ratio(ev, pv),
    cpi: ratio(ev, ac),
    eacs: { cpi: eacCpi, budgetRate, cpiSpi: eacCpiSpi, bottomUp },
    eac,
    etc: eac - ac,
    vac: bac - eac,
    tcpi: ratio(bac - ev, bac - ac),
    tcpiEac: ratio(bac - ev, eac - ac),
    percentComplete: ratio(ev, bac),
    percentSpent: ratio(ac, bac),
  };
}

/**
 * Totals of several EVM inputs (lines → project → programme → portfolio): amounts add up, and
 * the indices of the total are computed from the totals (never averaged). A part without a
 * bottom-up ETC counts at budget rate (BAC − EV) in the total's bottom-up ETC, which is null
 * only when no part has one.
 */
export function rollUp(parts: readonly EvmInput[]): EvmInput {
  const anyBottomUp = parts.some((p) => p.etcBottomUp !== undefined && p.etcBottomUp !== null);
  return {
    bac: sum(parts.map((p) => p.bac)),
    pv: sum(parts.map((p) => p.pv)),
    ev: sum(parts.map((p) => p.ev)),
    ac: sum(parts.map((p) => p.ac)),
    etcBottomUp: anyBottomUp
      ? sum(parts.map((p) => p.etcBottomUp ?? Math.max(0, p.bac - p.ev)))
      : null,
  };
}

export type IndexStatus = 'good' | 'watch' | 'alert';

/** Thresholds of a performance index: at or above `watch` is good, below `alert` is an alert. */
export interface IndexThresholds {
  watch: number;
  alert: number;
}

export const DEFAULT_THRESHOLDS: IndexThresholds = { watch: 0.95, alert: 0.9 };

/** Whether an index (SPI, CPI) is good, to watch, or an alert; null when it cannot be computed. */
export function indexStatus(
  index: number | null,
  thresholds: IndexThresholds = DEFAULT_THRESHOLDS,
): IndexStatus | null {
  if (index === null) return null;
  if (index >= thresholds.watch) return 'good';
  return index >= thresholds.alert ? 'watch' : 'alert';
}

export interface SCurvePoint {
  month: Month;
  /** Cumulative planned value at the end of the month. */
  pv: number;
  /** Cumulative actual cost at the end of the month (null after the status month). */
  ac: number | null;
  /** Cumulative earned value recorded for the month (null when none was recorded). */
  ev: number | null;
}

/**
 * The S-curves of a project over `months`: cumulative PV from the baseline's phasing, cumulative
 * AC from the actuals' months (up to the status month), and the EV recorded at month ends.
 */
export function sCurve(input: {
  months: readonly Month[];
  pv: readonly PhasedAmount[];
  ac: readonly PhasedAmount[];
  ev: readonly PhasedAmount[];
  statusMonth: Month;
}): SCurvePoint[] {
  const byMonth = (items: readonly PhasedAmount[]) => {
    const m = new Map<number, number>();
    for (const i of items) {
      const n = monthNumber(i.month);
      m.set(n, (m.get(n) ?? 0) + i.amount);
    }
    return m;
  };
  const pvMap = byMonth(input.pv);
  const acMap = byMonth(input.ac);
  const evMap = new Map(input.ev.map((e) => [monthNumber(e.month), e.amount]));
  const first = input.months.length ? monthNumber(input.months[0]!) : 0;
  // Amounts before the first month shown still count in the cumulative totals.
  let pv = 0;
  let ac = 0;
  for (const [n, a] of pvMap) if (n < first) pv += a;
  for (const [n, a] of acMap) if (n < first) ac += a;
  const status = monthNumber(input.statusMonth);
  return input.months.map((month) => {
    const n = monthNumber(month);
    pv += pvMap.get(n) ?? 0;
    ac += acMap.get(n) ?? 0;
    return {
      month: monthOf(n),
      pv,
      ac: n <= status ? ac : null,
      ev: evMap.get(n) ?? null,
    };
  });
}
