/**
 * Money arithmetic in integer minor units (cents): sums, shares and ratios stay exact; a ratio
 * is computed once, at the end, from the integer totals.
 */

/** Sum of integer amounts (minor units). */
export function sum(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}

/**
 * `numerator / denominator` rounded to the nearest integer, halves away from zero, computed in
 * BigInt so products of large amounts (cents × cents) stay exact.
 * @example divRound(7n, 2n) // 4
 */
export function divRound(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return Number(negative ? -q : q);
}

/** `amount × numerator / denominator` in minor units, rounded half away from zero. */
export function share(amount: number, numerator: number, denominator: number): number {
  return divRound(BigInt(amount) * BigInt(numerator), BigInt(denominator));
}

/** A ratio of two amounts, or null when the denominator is zero (an index cannot be computed). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

const RATE = /^(\d{1,10})(?:\.(\d{1,8}))?$/;

/**
 * An amount converted at a decimal rate given as text (`"1.0852"`: EUR for one unit), exactly,
 * rounded half away from zero to minor units. Both currencies are assumed to have 2 decimals.
 * @example convertAmount(10000, '1.0852') // 10852
 */
export function convertAmount(amount: number, rate: string): number {
  const m = RATE.exec(rate);
  if (!m) throw new RangeError(`Not a rate: ${rate}`);
  const scaled = BigInt(m[1]! + (m[2] ?? '').padEnd(8, '0'));
  return divRound(BigInt(amount) * scaled, 100_000_000n);
}
