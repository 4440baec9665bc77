/**
 * Round axis graduations for an amount chart: a step of 1, 2, 2.5 or 5 × 10^k (minor units
 * rounded to whole euros) so that about `count` steps cover `max`, and the axis top at the
 * first graduation at or above `max`. `max` ≤ 0 gives one step of one euro.
 */
export function niceTicks(max: number, count = 4): { top: number; ticks: number[] } {
  const MINOR = 100;
  if (!(max > 0)) return { top: MINOR, ticks: [0, MINOR] };
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    MINOR,
    [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw,
  );
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => i * step);
  return { top: n * step, ticks };
}
