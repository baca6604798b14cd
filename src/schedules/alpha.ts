// Schedules defined by a masked-fraction curve alpha(t), t from 1 (all masked) to 0, rounded to
// counts the way dllm does (see counts.ts). 1 - alpha(t) is the masked fraction at time t.
import { ArgumentTypeError, describe } from '../errors.js';
import { sizesFromAlpha } from './counts.js';
import { requireSteps } from './validate.js';

/** MDLM's small offset epsilon in its noise schedules (kuleshov-group/mdlm @c112c52). */
const MDLM_EPSILON = 1e-3;

/**
 * Sizes for any unmasking curve: `alpha(t)` is the expected revealed fraction at time t in
 * [0, 1], with alpha(1) < 1 (start masked) and alpha(0) = 1 (end revealed); step j goes from
 * t = 1 - (j-1)/K to 1 - j/K and reveals round_half_even(m (1 - (1 - alpha_s)/(1 - alpha_t))) of
 * its m masked positions (at least 1, leaving 1 for each later step).
 */
export function fromAlpha(n: number, K: number, alpha: (t: number) => number): number[] {
  requireSteps('schedules.fromAlpha', n, K);
  if (typeof alpha !== 'function') {
    throw new ArgumentTypeError({ fn: 'schedules.fromAlpha', argument: 'alpha', expected: 'a function of t in [0, 1]', received: describe(alpha) });
  }
  return sizesFromAlpha(n, K, alpha);
}

/**
 * Linear schedule alpha_t = 1 - t (LLaDA, dllm's Linear), rounded half-even.
 * @example schedules.linear(10, 4) // [2, 3, 2, 3]
 */
export function linear(n: number, K: number): number[] {
  requireSteps('schedules.linear', n, K);
  return sizesFromAlpha(n, K, (t) => 1 - t);
}

/**
 * Log-linear schedule of MDLM and SEDD, alpha_t = 1 - (1 - eps) t with eps = 1e-3. Its reveal
 * ratio (1 - alpha_s)/(1 - alpha_t) = s/t is the linear one, so the counts equal linear's.
 */
export function logLinear(n: number, K: number): number[] {
  requireSteps('schedules.logLinear', n, K);
  return sizesFromAlpha(n, K, (t) => 1 - (1 - MDLM_EPSILON) * t);
}

/**
 * Cosine schedule in MDLM's convention (`CosineNoise`): alpha_t = eps + (1 - eps) cos(pi t / 2),
 * eps = 1e-3: most positions are revealed early (front-loaded), the mirror image of MaskGIT's.
 * @example schedules.cosineFront(10, 4) // [4, 3, 2, 1]
 */
export function cosineFront(n: number, K: number): number[] {
  requireSteps('schedules.cosineFront', n, K);
  return sizesFromAlpha(n, K, (t) => MDLM_EPSILON + (1 - MDLM_EPSILON) * Math.cos((Math.PI * t) / 2));
}

/**
 * Cosine schedule in dllm's convention (also MD4's): alpha_t = 1 - cos(pi (1 - t) / 2), so the
 * masked fraction is cos(pi r / 2) at r = 1 - t (back-loaded), rounded half-even.
 * @example schedules.cosineBack(10, 4) // [1, 2, 3, 4]
 */
export function cosineBack(n: number, K: number): number[] {
  requireSteps('schedules.cosineBack', n, K);
  return sizesFromAlpha(n, K, (t) => 1 - Math.cos((Math.PI * (1 - t)) / 2));
}
