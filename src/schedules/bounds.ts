import type { Profile } from '../Joint.js';
import { ArgumentRangeError, describe } from '../errors.js';
import { requireNumber, requireOptions } from '../internal/validate.js';
import { expectedKL } from './expectedKL.js';
import { requireProfile } from './profile.js';
import { requireSizes } from './validate.js';

/** The exact expected KL of a schedule beside the published upper bounds on it, nats. */
export interface ScheduleBounds {
  /** E_S KL(p || q_S), exact. */
  exact: number;
  /** Dimension-free (Lavenant, Zanella, arXiv 2510.25544): (s_max - 1)(D(0) - D(n-1)). */
  dimensionFree: number;
  /** Li, Cai (arXiv 2505.21400, Thm 1): (2^ceil(log2 s_max) - 1)/n * sum_i I(X_i; X_-i). */
  mutualInformation: number;
  /** eps TC, the guarantee of schedules.tcAdapted(n, eps) (with options.eps). */
  epsTC?: number;
  /** eps DTC, the guarantee of schedules.dtcAdapted(n, eps) (with options.eps). */
  epsDTC?: number;
  /** eps min(TC, DTC), the guarantee of schedules.twoSided(n, eps) (with options.eps). */
  epsMin?: number;
}

/** Options of bounds(). */
export interface BoundsOptions {
  /** The eps an adapted schedule was built with: adds the eps TC / DTC / min guarantees. */
  eps?: number;
}

/**
 * The exact expected KL of `sizes` next to the bounds the papers prove for it, so their
 * tightness can be read off; sum_i I(X_i; X_-i) = TC + DTC = n (D(0) - D(n-1)).
 * @example bounds(profile, schedules.dtcAdapted(n, 0.5), { eps: 0.5 }).epsDTC
 */
export function bounds(profile: Profile, sizes: readonly number[], options?: BoundsOptions): ScheduleBounds {
  const fn = 'bounds';
  const n = requireProfile(fn, profile);
  const steps = requireSizes(fn, sizes, n);
  const { eps } = requireOptions(fn, options);
  const { h, D } = profile;
  const sMax = Math.max(...steps);
  const spread = D[0] - D[n - 1];
  const result: ScheduleBounds = {
    exact: expectedKL(profile, steps).total,
    dimensionFree: (sMax - 1) * spread,
    mutualInformation: (2 ** Math.ceil(Math.log2(sMax)) - 1) * spread,
  };
  if (eps !== undefined) {
    if (!(requireNumber(fn, 'options.eps', eps) > 0)) {
      throw new ArgumentRangeError({ fn, argument: 'options.eps', expected: 'a finite number > 0', received: describe(eps) });
    }
    const TC = n * D[0] - h[n];
    const DTC = h[n] - n * D[n - 1];
    Object.assign(result, { epsTC: eps * TC, epsDTC: eps * DTC, epsMin: eps * Math.min(TC, DTC) });
  }
  return result;
}
