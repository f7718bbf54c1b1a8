import { InvalidArgumentError } from './errors.js';

/**
 * Splits the integer `total` over `weights` in proportion (Hamilton's largest-remainder method): everyone gets the
 * floor of their quota `total × w / Σw`, and the seats left go to the largest fractional parts (ties: larger
 * weight first, then lower index). The result always sums to exactly `total`, and no share exceeds ⌈quota⌉.
 * @throws {InvalidArgumentError} for a negative or non-integer total, a negative or non-finite weight, or a
 *   positive total with all weights zero.
 */
export function largestRemainder(weights: readonly number[], total: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new InvalidArgumentError('total', 'expected a non-negative integer');
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new InvalidArgumentError('weights', 'expected finite non-negative numbers');
    sum += w;
  }
  if (total === 0) return weights.map(() => 0);
  if (sum === 0) throw new InvalidArgumentError('weights', `cannot split ${total} over weights that are all zero`);
  const quotas = weights.map((w) => (total * w) / sum);
  const shares = quotas.map((q) => Math.floor(q));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q), w: weights[i] ?? 0 }))
    .filter((x) => x.w > 0)
    .sort((x, y) => y.frac - x.frac || y.w - x.w || x.i - y.i);
  // Floating-point rounding can leave `left` one off its exact value; walk the order both ways to absorb it.
  for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) shares[order[k]!.i]! += 1;
  for (let step = 0; left < 0; step += 1) {
    const i = order[order.length - 1 - (step % order.length)]!.i;
    if (shares[i]! > 0) {
      shares[i]! -= 1;
      left += 1;
    }
  }
  return shares;
}
