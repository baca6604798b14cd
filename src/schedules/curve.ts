import type { Profile } from '../Joint.js';
import { ArgumentTypeError, describe } from '../errors.js';
import { expectedKL } from './expectedKL.js';
import { requireProfile } from './profile.js';

/** A schedule family: the sizes for n positions in K steps (schedules.constant, cosine...). */
export type ScheduleFamily = (n: number, K: number) => number[];

/** One point of an expected-KL curve. */
export interface CurvePoint {
  K: number;
  sizes: number[];
  expectedKL: number;
}

/**
 * Expected KL of a schedule family for every step count K = 1..n.
 * @example expectedKLCurve(joint.profile(), schedules.cosine).map((p) => p.expectedKL)
 */
export function expectedKLCurve(profile: Profile, family: ScheduleFamily): CurvePoint[] {
  const fn = 'expectedKLCurve';
  const n = requireProfile(fn, profile);
  if (typeof family !== 'function') {
    throw new ArgumentTypeError({ fn, argument: 'family', expected: 'a function (n, K) => sizes', received: describe(family) });
  }
  return Array.from({ length: n }, (_, i) => {
    const sizes = family(n, i + 1);
    return { K: i + 1, sizes, expectedKL: expectedKL(profile, sizes).total };
  });
}
