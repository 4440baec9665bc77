import { sum } from './money.ts';
import { type Month, monthRange } from './months.ts';

/**
 * Splits an integer amount in proportion to non-negative integer weights so that the parts add
 * up to the amount exactly (largest-remainder method; ties go to the earliest part).
 * All-zero weights split evenly.
 * @example spreadByWeights(100, [1, 1, 1]) // [34, 33, 33]
 */
export function spreadByWeights(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) {
    if (amount !== 0) throw new RangeError('Cannot spread a non-zero amount over nothing');
    return [];
  }
  if (weights.some((w) => w < 0 || !Number.isInteger(w)))
    throw new RangeError('Weights must be non-negative integers');
  const total = sum(weights);
  const ws = total === 0 ? weights.map(() => 1) : weights;
  const wTotal = BigInt(total === 0 ? weights.length : total);
  const sign = amount < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(amount));
  const parts: bigint[] = [];
  const remainders: { i: number; r: bigint }[] = [];
  let given = 0n;
  ws.forEach((w, i) => {
    const exact = abs * BigInt(w);
    const q = exact / wTotal;
    parts.push(q);
    given += q;
    remainders.push({ i, r: exact % wTotal });
  });
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; given < abs; k++, given++) parts[remainders[k]!.i]! += 1n;
  return parts.map((p) => Number(p * sign));
}

/** Splits an amount evenly over the months from `from` to `to` (exact total). */
export function spreadOverMonths(
  amount: number,
  from: Month,
  to: Month,
): { month: Month; amount: number }[] {
  const months = monthRange(from, to);
  const parts = spreadByWeights(
    amount,
    months.map(() => 1),
  );
  return months.map((month, i) => ({ month, amount: parts[i]! }));
}
