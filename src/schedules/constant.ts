import { requireSteps } from './validate.js';

/**
 * Balanced sizes, LLaDA's rule (`get_num_transfer_tokens`, ML-GSAI/LLaDA @b7e6c35): every step
 * reveals floor(n/K), the first n mod K steps one more.
 * @example schedules.constant(10, 4) // [3, 3, 2, 2]
 */
export function constant(n: number, K: number): number[] {
  requireSteps('schedules.constant', n, K);
  const base = Math.floor(n / K);
  return Array.from({ length: K }, (_, k) => base + (k < n % K ? 1 : 0));
}
