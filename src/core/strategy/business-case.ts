/**
 * Business case arithmetic: cash flows by period (year or month), NPV, IRR, ROI, payback and
 * the sensitivity cases. Money is integer minor units (cents); the NPV is computed exactly
 * with rationals (bigint) and rounded once, half away from zero, to the cent.
 *
 * Conventions (docs/strategy.md):
 * - period 0 is the first period of the case and is not discounted: NPV = CF0 + CF1/(1+r) + …
 *   (Excel: `=CF0 + NPV(r; CF1:CFn)`); monthly cases use the nominal monthly rate r/12;
 * - benefits count at their confidence (expected value: amount × confidence %);
 * - ROI = (benefits − costs) / costs, undiscounted, over the whole case;
 * - payback = periods until the cumulative net flow turns non-negative for good, interpolated
 *   linearly inside the period it happens.
 */

export const COST_KINDS = ['investment', 'run'] as const;
export const BENEFIT_KINDS = ['saving', 'revenue', 'avoided'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export type FlowKind = CostKind | BenefitKind;

export interface CashFlowLine {
  kind: FlowKind;
  label: string;
  /** Amounts in minor units, one per period from period 0, all ≥ 0 (the kind gives the sign). */
  amounts: readonly number[];
  /** For benefits: confidence in percent (0–100), default 100. Ignored for costs. */
  confidence?: number;
}

export interface BusinessCaseInput {
  periodicity: 'year' | 'month';
  /** Annual discount rate as a decimal string in percent, e.g. "8" or "7.25". */
  discountRate: string;
  lines: readonly CashFlowLine[];
}

export type IrrResult =
  | { status: 'ok'; rate: number }
  /** All flows of one sign (or none): no rate makes the NPV zero. */
  | { status: 'none' }
  /** The net flow changes sign more than once: there may be several rates; none is guessed. */
  | { status: 'multiple'; signChanges: number };

export interface Indicators {
  /** Net expected flow per period (benefits × confidence − costs), in minor units (rounded). */
  net: number[];
  totalCosts: number;
  totalBenefits: number;
  npv: number;
  irr: IrrResult;
  /** (benefits − costs) / costs; null without costs. */
  roi: number | null;
  /** In periods (years or months); null if the cumulative flow never turns non-negative. */
  payback: number | null;
}

export type SensitivityCase = 'base' | 'costsUp20' | 'benefitsDown20' | 'delay1Year';
export const SENSITIVITY_CASES: readonly SensitivityCase[] = [
  'base',
  'costsUp20',
  'benefitsDown20',
  'delay1Year',
];

export class BusinessCaseError extends Error {
  readonly code = 'BUSINESS_CASE_INVALID';
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'BusinessCaseError';
    this.path = path;
  }
}

const isCost = (k: FlowKind): boolean => k === 'investment' || k === 'run';

/** Parses a percentage like "8", "7.25", "-1.5" into an exact fraction num/den of 1. */
const rateCache = new Map<string, { num: bigint; den: bigint }>();

export function parseRate(rate: string): { num: bigint; den: bigint } {
  let cached = rateCache.get(rate);
  if (!cached) {
    cached = parseRateUncached(rate);
    if (rateCache.size > 1000) rateCache.clear();
    rateCache.set(rate, cached);
  }
  return cached;
}

function parseRateUncached(rate: string): { num: bigint; den: bigint } {
  const m = /^(-?)(\d{1,3})(?:[.,](\d{1,6}))?$/.exec(rate.trim());
  if (!m)
    throw new BusinessCaseError('discountRate', `"${rate}" is not a percentage like 8 or 7.25`);
  const frac = m[3] ?? '';
  const den = 100n * 10n ** BigInt(frac.length);
  const num = BigInt(`${m[1]}${m[2]}${frac}`);
  if (num * 100n <= -den * 100n)
    throw new BusinessCaseError('discountRate', 'must be above -100 %');
  return { num, den };
}

/** num / den rounded half away from zero. */
function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  if (2n * (r < 0n ? -r : r) >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

export function validateCase(input: BusinessCaseInput): void {
  parseRate(input.discountRate);
  input.lines.forEach((line, i) => {
    if (![...COST_KINDS, ...BENEFIT_KINDS].includes(line.kind))
      throw new BusinessCaseError(`lines[${i}].kind`, `unknown kind "${String(line.kind)}"`);
    line.amounts.forEach((a, t) => {
      if (!Number.isSafeInteger(a) || a < 0)
        throw new BusinessCaseError(
          `lines[${i}].amounts[${t}]`,
          'must be a non-negative whole number of cents',
        );
    });
    const c = line.confidence;
    if (c !== undefined && (!Number.isInteger(c) || c < 0 || c > 100))
      throw new BusinessCaseError(
        `lines[${i}].confidence`,
        'must be a whole percent from 0 to 100',
      );
  });
}

/**
 * Net flows per period as exact numerators over 10 000 (confidence % × scenario factor %),
 * after applying a sensitivity case.
 */
function netNumerators(input: BusinessCaseInput, scenario: SensitivityCase): number[] | bigint[] {
  const shift = scenario === 'delay1Year' ? (input.periodicity === 'month' ? 12 : 1) : 0;
  let len = 0;
  for (const line of input.lines) {
    const l = line.amounts.length + (isCost(line.kind) ? 0 : shift);
    if (l > len) len = l;
  }
  // Whole numbers below 2^53 are exact in doubles: sum there when the bound allows it.
  let bound = 0;
  for (const line of input.lines) for (const a of line.amounts) bound += a * 12_000;
  if (bound < Number.MAX_SAFE_INTEGER) {
    const fast = new Array<number>(len).fill(0);
    for (const line of input.lines) {
      const cost = isCost(line.kind);
      const factor = cost
        ? scenario === 'costsUp20'
          ? 120
          : 100
        : scenario === 'benefitsDown20'
          ? 80
          : 100;
      const weight = factor * (cost ? 100 : (line.confidence ?? 100));
      const offset = cost ? 0 : shift;
      const amounts = line.amounts;
      for (let t = 0; t < amounts.length; t++)
        fast[t + offset]! += (cost ? -1 : 1) * amounts[t]! * weight;
    }
    return fast;
  }
  const net = new Array<bigint>(len).fill(0n);
  for (const line of input.lines) {
    const cost = isCost(line.kind);
    const factor = cost
      ? scenario === 'costsUp20'
        ? 120
        : 100
      : scenario === 'benefitsDown20'
        ? 80
        : 100;
    const weight = BigInt(factor * (cost ? 100 : (line.confidence ?? 100)));
    const offset = cost ? 0 : shift;
    const amounts = line.amounts;
    for (let t = 0; t < amounts.length; t++) {
      const a = amounts[t]!;
      if (a === 0) continue;
      const v = BigInt(a) * weight;
      net[t + offset]! += cost ? -v : v;
    }
  }
  return net;
}

const SCALE = 10_000n;

const powCache = new Map<string, { num: bigint[]; den: bigint }>();

/**
 * Exact NPV in minor units of net numerators (over SCALE) at rate num/den per period:
 * Σ N_t q^t a^(T−t) / (SCALE · a^T) with a = den + num, q = den. The weights q^t a^(T−t) are
 * cached per (rate, length): business cases of a company share a few rates and horizons.
 */
function exactNpv(nets: readonly number[] | readonly bigint[], num: bigint, den: bigint): number {
  const T = nets.length - 1;
  if (T < 0) return 0;
  if (typeof nets[0] === 'number') {
    const fast = floatNpvIfSafe(nets as readonly number[], Number(num) / Number(den));
    if (fast !== null) return fast;
  }
  const net = nets.map((n) => BigInt(n));
  const key = `${num}/${den}/${T}`;
  let w = powCache.get(key);
  if (!w) {
    const a = den + num;
    const aPow: bigint[] = [1n];
    for (let k = 1; k <= T; k++) aPow.push(aPow[k - 1]! * a);
    const weights: bigint[] = [];
    let qPow = 1n;
    for (let t = 0; t <= T; t++) {
      weights.push(qPow * aPow[T - t]!);
      qPow *= den;
    }
    w = { num: weights, den: SCALE * aPow[T]! };
    if (powCache.size > 1000) powCache.clear();
    powCache.set(key, w);
  }
  let total = 0n;
  for (let t = 0; t <= T; t++) {
    const n = net[t]!;
    if (n !== 0n) total += n * w.num[t]!;
  }
  return Number(roundDiv(total, w.den));
}

/**
 * The NPV computed in doubles, returned only when its rounding to the unit is certainly the
 * exact one: the float sum is at least a generous error bound away from a half. Otherwise
 * null, and the caller computes it with rationals. Whole-number numerators below 2^53.
 */
function floatNpvIfSafe(net: readonly number[], rate: number): number | null {
  const d = 1 / (1 + rate);
  let f = 1;
  let sum = 0;
  let abs = 0;
  for (let t = 0; t < net.length; t++) {
    const term = net[t]! * f;
    sum += term;
    abs += Math.abs(term);
    f *= d;
  }
  const x = sum / 10_000;
  const err = (4 * (net.length + 5) * Number.EPSILON * abs) / 10_000;
  const ax = Math.abs(x);
  const frac = ax - Math.floor(ax);
  if (!(Math.abs(frac - 0.5) > err + 1e-9)) return null;
  const rounded = Math.round(ax);
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** NPV of plain cash flows in minor units (period 0 undiscounted), exact then rounded to the unit. */
export function npv(flows: readonly number[], rate: string): number {
  const { num, den } = parseRate(rate);
  const safe = flows.every((f) => Number.isSafeInteger(f * 10_000));
  return exactNpv(
    safe ? flows.map((f) => f * 10_000) : flows.map((f) => BigInt(f) * SCALE),
    num,
    den,
  );
}

/**
 * IRR of plain cash flows: the rate r > −100 % with Σ CF_t / (1+r)^t = 0, to 1e-9. Reported
 * only when the (non-zero) flows change sign exactly once, when that root is unique.
 */
export function irr(flows: readonly number[]): IrrResult {
  let first = 0;
  let signChanges = 0;
  let lastSign = 0;
  for (const f of flows) {
    const s = Math.sign(f);
    if (s === 0) continue;
    if (first === 0) first = s;
    if (lastSign !== 0 && s !== lastSign) signChanges++;
    lastSign = s;
  }
  if (signChanges === 0) return { status: 'none' };
  if (signChanges > 1) return { status: 'multiple', signChanges };
  const f = (r: number): number => {
    const x = 1 / (1 + r);
    let v = 0;
    for (let t = flows.length - 1; t >= 0; t--) v = v * x + flows[t]!;
    return v;
  };
  // With one sign change: f(r) has the sign of the last flow as r → −1 and of the first as
  // r → ∞. Bracket, then bisect.
  let lo = -0.9;
  while (Math.sign(f(lo)) === first && lo > -1 + 1e-12) lo = -1 + (lo + 1) / 10;
  let hi = 1;
  while (Math.sign(f(hi)) !== first && hi < 1e12) hi *= 4;
  if (f(lo) === 0) return { status: 'ok', rate: lo };
  if (f(hi) === 0) return { status: 'ok', rate: hi };
  const fLo = Math.sign(f(lo));
  if (fLo === first || Math.sign(f(hi)) !== first) return { status: 'none' };
  for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); k++) {
    const mid = (lo + hi) / 2;
    const v = f(mid);
    if (v === 0) return { status: 'ok', rate: mid };
    if (Math.sign(v) === fLo) lo = mid;
    else hi = mid;
  }
  return { status: 'ok', rate: (lo + hi) / 2 };
}

/** The indicators of a business case under one sensitivity case. */
export function computeIndicators(
  input: BusinessCaseInput,
  scenario: SensitivityCase = 'base',
): Indicators {
  const { num, den } = parseRate(input.discountRate);
  const periodDen = input.periodicity === 'month' ? den * 12n : den;
  const numerators = netNumerators(input, scenario);
  const net =
    typeof numerators[0] === 'number'
      ? (numerators as number[]).map((n) => {
          const r = Math.round(Math.abs(n) / 10_000);
          return n < 0 && r !== 0 ? -r : r;
        })
      : (numerators as bigint[]).map((n) => Number(roundDiv(n, SCALE)));
  // Totals are over lines (a period can hold both costs and benefits).
  // Weighted totals (over SCALE); whole numbers, exact in doubles while below 2^53.
  let costsN = 0;
  let benefitsN = 0;
  let bigCosts = 0n;
  let bigBenefits = 0n;
  for (const line of input.lines) {
    const cost = isCost(line.kind);
    const factor = cost
      ? scenario === 'costsUp20'
        ? 120
        : 100
      : scenario === 'benefitsDown20'
        ? 80
        : 100;
    const weight = factor * (cost ? 100 : (line.confidence ?? 100));
    let plain = 0;
    for (const a of line.amounts) plain += a;
    if (Number.isSafeInteger(plain * weight)) {
      if (cost) costsN += plain * weight;
      else benefitsN += plain * weight;
    } else {
      const big = line.amounts.reduce((acc, a) => acc + BigInt(a), 0n) * BigInt(weight);
      if (cost) bigCosts += big;
      else bigBenefits += big;
    }
  }
  const exactSum = (n: number, big: bigint): bigint =>
    big === 0n && Number.isSafeInteger(n) ? BigInt(n) : BigInt(n) + big;
  const costs = bigCosts === 0n && Number.isSafeInteger(costsN) ? null : exactSum(costsN, bigCosts);
  const benefits =
    bigBenefits === 0n && Number.isSafeInteger(benefitsN) ? null : exactSum(benefitsN, bigBenefits);
  const costsTotal = costs === null ? Math.round(costsN / 10_000) : Number(roundDiv(costs, SCALE));
  const benefitsTotal =
    benefits === null ? Math.round(benefitsN / 10_000) : Number(roundDiv(benefits, SCALE));
  const npvValue = exactNpv(numerators, num, periodDen);
  const floatNet = (numerators as readonly (number | bigint)[]).map((n) => Number(n) / 10_000);
  let irrResult = irr(floatNet);
  if (irrResult.status === 'ok' && input.periodicity === 'month') {
    // A monthly IRR is reported as its nominal annual rate (× 12), like the discount rate.
    irrResult = { status: 'ok', rate: irrResult.rate * 12 };
  }
  return {
    net,
    totalCosts: costsTotal,
    totalBenefits: benefitsTotal,
    npv: npvValue,
    irr: irrResult,
    roi:
      costsN === 0 && bigCosts === 0n
        ? null
        : (benefitsN - costsN + Number(bigBenefits - bigCosts)) / (costsN + Number(bigCosts)),
    payback: payback(floatNet),
  };
}

/** Periods until the cumulative flow becomes non-negative and stays so; interpolated. */
export function payback(net: readonly number[]): number | null {
  let cum = 0;
  let lastNegative = -1;
  const cumulative: number[] = [];
  for (let t = 0; t < net.length; t++) {
    cum += net[t]!;
    cumulative.push(cum);
    if (cum < 0) lastNegative = t;
  }
  if (net.length === 0 || cum < 0) return null;
  if (lastNegative < 0) return 0;
  // The cumulative flow is negative after period lastNegative and non-negative from the next.
  const before = cumulative[lastNegative]!;
  return lastNegative + -before / net[lastNegative + 1]!;
}

/** The indicators under every sensitivity case. */
export function sensitivity(input: BusinessCaseInput): Record<SensitivityCase, Indicators> {
  return {
    base: computeIndicators(input, 'base'),
    costsUp20: computeIndicators(input, 'costsUp20'),
    benefitsDown20: computeIndicators(input, 'benefitsDown20'),
    delay1Year: computeIndicators(input, 'delay1Year'),
  };
}
