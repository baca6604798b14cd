import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import type { Profile } from '../Joint.js';
import { requireInteger } from '../internal/validate.js';
import { stepCost } from './expectedKL.js';
import { requireProfile } from './profile.js';

/** Expected KL of a random-count reveal law, with the law of its number of non-empty steps. */
export interface BernoulliExpectedKL {
  /** E KL(p || q_S) over the random counts and the random sets, nats. */
  total: number;
  /** Expected share of each of the T steps. */
  terms: Float64Array;
  /** Expected number of steps that reveal at least one token (network evaluations). */
  expectedSteps: number;
}

/** log of the binomial coefficient C(m, k). */
function logChoose(m: number, k: number): number {
  let r = 0;
  for (let i = 1; i <= k; i++) r += Math.log((m - k + i) / i);
  return r;
}

/**
 * Ancestral (per-token Bernoulli) reveal of MDLM, MD4 and Dream's `origin`: over T steps with
 * t_j = 1 - j/T, each still-masked token is revealed at step j independently with probability
 * (alpha(t_j) - alpha(t_{j-1})) / (1 - alpha(t_{j-1})), alpha(t) the revealed fraction
 * (alpha(1) = 0 all masked, alpha(0) = 1 all revealed, so the last step reveals the rest).
 * Given the counts the revealed sets are uniformly random, so the KL is the profile cost of
 * the count path; the law of the counts is a Markov chain on the number revealed with
 * binomial steps, summed exactly by dynamic programming: O(T n^2).
 * @example bernoulliExpectedKL(profile, (t) => 1 - t, 8)   // MDLM log-linear/linear, 8 steps
 */
export function bernoulliExpectedKL(profile: Profile, alpha: (t: number) => number, T: number): BernoulliExpectedKL {
  const fn = 'bernoulliExpectedKL';
  const n = requireProfile(fn, profile);
  requireInteger(fn, 'T', T, 1);
  if (typeof alpha !== 'function') {
    throw new ArgumentTypeError({ fn, argument: 'alpha', expected: 'a function of t in [0, 1]', received: describe(alpha) });
  }
  // mass[w]: probability that w tokens are revealed before the current step.
  let mass = new Float64Array(n + 1);
  mass[0] = 1;
  const terms = new Float64Array(T);
  let expectedSteps = 0;
  for (let j = 1; j <= T; j++) {
    const before = alpha(1 - (j - 1) / T);
    const after = j === T ? 1 : alpha(1 - j / T);
    const rate = before >= 1 ? 1 : (after - before) / (1 - before);
    if (!(rate >= 0 && rate <= 1)) {
      throw new ArgumentRangeError({ fn, argument: 'alpha', expected: 'a non-decreasing revealed fraction in [0, 1] as t goes from 1 to 0', received: `reveal probability ${rate} at step ${j}` });
    }
    const next = new Float64Array(n + 1);
    const costs: number[] = [];
    for (let w = 0; w <= n; w++) {
      if (mass[w] === 0) continue;
      const m = n - w;
      for (let s = 0; s <= m; s++) {
        const p = binomialProbability(m, s, rate);
        if (p === 0) continue;
        const weight = mass[w] * p;
        next[w + s] += weight;
        if (s > 0) {
          costs.push(weight * stepCost(profile, w, s));
          expectedSteps += weight;
        }
      }
    }
    terms[j - 1] = fsum(costs);
    mass = next;
  }
  return { total: fsum(terms), terms, expectedSteps };
}

/** P(Binomial(m, rate) = s), exact at rate 0 and 1. */
function binomialProbability(m: number, s: number, rate: number): number {
  if (rate === 0) return s === 0 ? 1 : 0;
  if (rate === 1) return s === m ? 1 : 0;
  return Math.exp(logChoose(m, s) + s * Math.log(rate) + (m - s) * Math.log1p(-rate));
}
