/** A dated hourly cost rate: valid from `validFrom` (inclusive) until the next rate. */
export interface DatedRate {
  validFrom: string;
  rateMinor: number;
  currency: string;
}

/**
 * The rate valid on `date` among rates sorted by `validFrom` ascending, or undefined before the
 * first one. Dates are `YYYY-MM-DD`, so string order is date order.
 * @example rateOn([{validFrom:'2026-01-01',…6500}, {validFrom:'2026-07-01',…7000}], '2026-06-30') → 6500
 */
export function rateOn<R extends DatedRate>(sorted: readonly R[], date: string): R | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.validFrom <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : sorted[lo - 1];
}
