import type { Profile } from '../Joint.js';
import { requireInteger } from '../internal/validate.js';
import { stepCost } from './expectedKL.js';
import { requireProfile } from './profile.js';

/** The best K-step schedule and its expected KL. */
export interface OptimalSchedule {
  sizes: number[];
  expectedKL: number;
}

/**
 * The K-step schedule minimising the expected KL for this profile: a shortest path over block
 * boundaries 0 = w_0 < ... < w_K = n with cost(a, b) = (b - a) D(a) - (h(b) - h(a)) (Chen, Cong,
 * Li, arXiv 2511.04647). Dynamic programming, O(K n^2). Ties go to the earliest boundary.
 * @example schedules.optimal(models.markovChain(8, { flip: 0.1 }).profile(), 3).sizes // [2, 2, 4]
 */
export function optimal(profile: Profile, K: number): OptimalSchedule {
  const fn = 'schedules.optimal';
  const n = requireProfile(fn, profile);
  requireInteger(fn, 'K', K, 1, n);
  // best[k][b]: least cost of reaching b revealed in k steps; from[k][b]: the previous boundary.
  const best = Array.from({ length: K + 1 }, () => new Float64Array(n + 1).fill(Infinity));
  const from = Array.from({ length: K + 1 }, () => new Int32Array(n + 1));
  best[0][0] = 0;
  for (let k = 1; k <= K; k++) {
    for (let b = k; b <= n - (K - k); b++) {
      for (let a = k - 1; a < b; a++) {
        const cost = best[k - 1][a] + stepCost(profile, a, b - a);
        if (cost < best[k][b]) {
          best[k][b] = cost;
          from[k][b] = a;
        }
      }
    }
  }
  const sizes: number[] = [];
  for (let k = K, b = n; k > 0; k--) {
    const a = from[k][b];
    sizes.unshift(b - a);
    b = a;
  }
  return { sizes, expectedKL: best[K][n] };
}
