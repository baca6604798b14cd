import { requireSteps } from './validate.js';

/**
 * MaskGIT's cosine schedule (google-research/maskgit @1db2359, `mask_schedule.py`,
 * `parallel_decode.py`): after step k (k = 1..K) floor(n cos(pi k / (2K))) positions stay
 * masked, clamped to [1, masked - 1]; the last step reveals the rest. Back-loaded.
 * @example schedules.cosine(10, 4) // [1, 2, 4, 3]
 */
export function cosine(n: number, K: number): number[] {
  requireSteps('schedules.cosine', n, K);
  const sizes: number[] = [];
  let masked = n;
  for (let k = 1; k < K; k++) {
    const target = Math.floor(n * Math.cos((Math.PI * k) / (2 * K)));
    const stay = Math.max(1, Math.min(masked - 1, target));
    sizes.push(masked - stay);
    masked = stay;
  }
  sizes.push(masked);
  return sizes;
}
