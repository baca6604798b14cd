// Randomised step sizes in the spirit of Zhao and Cai, "Adaptation to Intrinsic Dependence in
// Diffusion Language Models" (arXiv 2602.20126): sizes drawn once per run so that, in the weight
// form EKL = sum_m r(m) dF(m) (SCHEDULES.md §0), the expected weight E r(m) tracks m/K (growing
// steps, a DTC-type guarantee) or (n - m)/K (shrinking steps, TC-type) at every m at once,
// which no fixed schedule can do. The paper's exact size law could not be read; this family is
// a geometric grid with a uniformly random offset, and its expectation is exact.
import { ArgumentRangeError, describe } from '../errors.js';
import { requireInteger, requireOptions } from '../internal/validate.js';
import type { SizeDistribution } from './mixture.js';
import { requireSteps } from './validate.js';

/** Options of schedules.randomizedGeometric. */
export interface RandomizedOptions {
  /** 'dtc': steps grow (E r(m) ~ m ln n / 2K); 'tc': steps shrink (E r(m) ~ (n - m) ln n / 2K). */
  weight?: 'dtc' | 'tc';
  /** Number of equally likely offsets u = 0, 1/U, ..., (U-1)/U (default 64). */
  offsets?: number;
}

/**
 * A finite law over size vectors of at most K steps: block boundaries floor(rho^(j + u)) for
 * j = 1..K-1 with rho = n^(1/K) and u uniform over `offsets` values (mirrored, n - boundary, for
 * 'tc'), duplicates merged. Feed it to expectedKLMixture; schedules.revealWeights gives E r(m).
 * @example expectedKLMixture(profile, schedules.randomizedGeometric(64, 8, { weight: 'dtc' }))
 */
export function randomizedGeometric(n: number, K: number, options?: RandomizedOptions): SizeDistribution {
  const fn = 'schedules.randomizedGeometric';
  requireSteps(fn, n, K);
  const { weight = 'dtc', offsets = 64 } = requireOptions(fn, options);
  if (weight !== 'dtc' && weight !== 'tc') {
    throw new ArgumentRangeError({ fn, argument: 'options.weight', expected: '"dtc" or "tc"', received: describe(weight) });
  }
  const U = requireInteger(fn, 'options.offsets', offsets, 1, 1 << 20);
  const rho = n ** (1 / K);
  const law = new Map<string, { probability: number; sizes: number[] }>();
  for (let t = 0; t < U; t++) {
    const u = t / U;
    const cuts = new Set<number>([0, n]);
    for (let j = 1; j < K; j++) {
      const b = Math.floor(rho ** (j + u) + 1e-9); // slack: 64^(1/4) squared is 7.999999999999998
      if (b > 0 && b < n) cuts.add(weight === 'dtc' ? b : n - b);
    }
    const w = [...cuts].sort((a, b) => a - b);
    const sizes = w.slice(1).map((b, k) => b - w[k]);
    const key = sizes.join(',');
    const entry = law.get(key);
    if (entry === undefined) law.set(key, { probability: 1 / U, sizes });
    else entry.probability += 1 / U;
  }
  return [...law.values()];
}
