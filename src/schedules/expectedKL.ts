// The exact expected KL of the parallel sampler over uniformly random reveal orders
// (Chen, Cong, Li, arXiv 2511.04647; DESIGN.md §4).
import { fsum } from '../internal/fsum.js';
import type { Profile } from '../Joint.js';
import { requireProfile } from './profile.js';
import { requireSizes } from './validate.js';

/** Expected KL of a schedule: the total and each step's share, nats. */
export interface ExpectedKL {
  total: number;
  terms: Float64Array;
}

/** Cost of one step revealing positions w..w+s-1: E TC(X_S | X_W) = s D(w) - (h(w+s) - h(w)). */
export function stepCost(profile: Profile, w: number, s: number): number {
  return s * profile.D[w] - (profile.h[w + s] - profile.h[w]);
}

/**
 * E_S KL(p || q_S) = sum_k [s_k D(w_{k-1}) - (h(w_k) - h(w_{k-1}))] for sizes s_1..s_K summing
 * to n, where each step reveals a uniformly random set of s_k masked positions and samples them
 * independently from the true conditionals. K = 1 gives TC; all ones give 0.
 * @example expectedKL(models.copies(2, 8).profile(), [4, 4]).total // 3 ln 2
 */
export function expectedKL(profile: Profile, sizes: readonly number[]): ExpectedKL {
  const fn = 'expectedKL';
  const n = requireProfile(fn, profile);
  const steps = requireSizes(fn, sizes, n);
  const terms = new Float64Array(steps.length);
  let w = 0;
  steps.forEach((s, k) => {
    terms[k] = stepCost(profile, w, s);
    w += s;
  });
  return { total: fsum(terms), terms };
}
