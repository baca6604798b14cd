// Accurate sums of small arrays on the JS side (profiles, TC, DTC), Neumaier's compensation.

/** Sum of values with Neumaier (Kahan-Babuska) compensation. */
export function fsum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  // Past overflow the compensation is meaningless (Inf - Inf); the plain sum is the answer.
  return Number.isFinite(sum) ? sum + compensation : sum;
}
