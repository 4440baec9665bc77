/**
 * The strategic alignment criterion (docs/scenarios.md): a scoring criterion whose level is not
 * given by evaluators but read from the strategy map — how strongly the candidate (a request or
 * a project) contributes to the objectives. Pure.
 */

/** Contribution levels of the strategy map: 1 weak, 2 medium, 3 strong. */
export const MAX_CONTRIBUTION = 3;

/**
 * The level of an alignment criterion for the strongest contribution of a candidate (0 = it
 * contributes to no objective): the scale is read from its lowest to its highest value in
 * proportion (none → the lowest, strong → the highest), snapped to the nearest level of the
 * scale (the higher one on a tie). A lower-is-better scale is read the other way, so that a
 * strong contribution always scores well.
 */
export function alignmentLevel(
  levels: readonly { value: number }[],
  direction: 'higher_better' | 'lower_better',
  strongest: number,
): number {
  const values = levels.map((l) => l.value).sort((a, b) => a - b);
  const lo = values[0]!;
  const hi = values.at(-1)!;
  const share = Math.min(1, Math.max(0, strongest / MAX_CONTRIBUTION));
  const target = direction === 'higher_better' ? lo + share * (hi - lo) : hi - share * (hi - lo);
  let best = values[0]!;
  for (const v of values) {
    const d = Math.abs(v - target);
    const bd = Math.abs(best - target);
    if (d < bd - 1e-9 || (Math.abs(d - bd) <= 1e-9 && v > best)) best = v;
  }
  return best;
}
