// Checks shared by the schedule functions: n positions, K steps, sizes s_1..s_K >= 1 summing to n.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { requireInteger } from '../internal/validate.js';

/** Checks 1 <= K <= n (integers). */
export function requireSteps(fn: string, n: unknown, K: unknown): void {
  requireInteger(fn, 'n', n, 1);
  requireInteger(fn, 'K', K, 1, n as number);
}

/** Checks sizes is an array of integers >= 1 summing to n; returns a copy. */
export function requireSizes(fn: string, sizes: unknown, n: number, argument = 'sizes'): number[] {
  if (!Array.isArray(sizes)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an array of step sizes', received: describe(sizes) });
  }
  sizes.forEach((s, k) => requireInteger(fn, `${argument}[${k}]`, s, 1));
  const total = sizes.reduce((sum: number, s: number) => sum + s, 0);
  if (sizes.length === 0 || total !== n) {
    throw new ArgumentRangeError({ fn, argument, expected: `step sizes summing to n = ${n}`, received: `[${sizes.join(', ')}] (sum ${total})` });
  }
  return sizes.slice();
}

/** Cumulative sizes w_0 = 0, w_k = s_1 + ... + s_k. */
export function cumulative(sizes: readonly number[]): number[] {
  const w = [0];
  for (const s of sizes) w.push(w[w.length - 1] + s);
  return w;
}
