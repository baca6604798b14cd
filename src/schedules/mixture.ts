import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import type { Profile } from '../Joint.js';
import { requireNumber } from '../internal/validate.js';
import { expectedKL } from './expectedKL.js';
import { requireProfile } from './profile.js';

/** A finite law over size vectors: each entry has its probability (they sum to 1). */
export type SizeDistribution = readonly { probability: number; sizes: readonly number[] }[];

/** Checks a size distribution (probabilities >= 0 summing to 1 within 1e-9). */
export function requireSizeDistribution(fn: string, distribution: unknown, argument = 'distribution'): SizeDistribution {
  if (!Array.isArray(distribution) || distribution.length === 0) {
    throw new ArgumentTypeError({ fn, argument, expected: 'a non-empty array of { probability, sizes }', received: describe(distribution) });
  }
  const probabilities = distribution.map((entry, i) => requireNumber(fn, `${argument}[${i}].probability`, (entry as { probability?: unknown })?.probability, 0, 1));
  const total = fsum(probabilities);
  if (!(Math.abs(total - 1) <= 1e-9)) {
    throw new ArgumentRangeError({ fn, argument, expected: 'probabilities summing to 1 (within 1e-9)', received: `a sum of ${total}` });
  }
  return distribution as SizeDistribution;
}

/**
 * Expected KL when the size vector itself is random (drawn once per run, e.g. Zhao-Cai's
 * randomized schedules): sum_s P(s) EKL(s), exact for a finite law over size vectors.
 * @example expectedKLMixture(profile, [{ probability: 0.5, sizes: [2, 2] }, { probability: 0.5, sizes: [1, 3] }])
 */
export function expectedKLMixture(profile: Profile, distribution: SizeDistribution): number {
  const fn = 'expectedKLMixture';
  requireProfile(fn, profile);
  const law = requireSizeDistribution(fn, distribution);
  return fsum(law.map(({ probability, sizes }) => probability * expectedKL(profile, sizes).total));
}
