// estimate(): a joint from samples of it, by a named estimator.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireShape } from '../internal/shape.js';
import { requireOptions } from '../internal/validate.js';
import { withScratch } from '../internal/scratch.js';
import { requireSeed } from '../random/seed.js';
import { type SampleInput, requireSampleCounts } from './counts.js';
import {
  ESTIMATOR_METHODS, type EstimatorMethod, type EstimatorParameters, RANDOMIZED_METHODS, TWICE_METHODS, fillEstimate, requireEstimator, splitCells, writeNoise, writeSplit,
} from './methods.js';

/** Options of estimate(). */
export interface EstimateOptions extends EstimatorParameters {
  /** Alphabet size of each position. */
  q: number;
  /** Number of positions. */
  n: number;
  /** The estimator: 'plugin', 'laplace', 'kt', 'add', 'good-turing', 'held-out', 'dp', 'sampling-twice', 'dp-sampling-twice' or 'dp-sampling-twice-gaussian'. */
  method: EstimatorMethod;
  /** 'dp' and the sampling-twice methods: seed of the noise and of the split, an integer in [0, 2^53) or a BigInt in [0, 2^64) (required). */
  seed?: number | bigint;
  /** Those methods draw from stream `stream` of the seed (default 0), as Xoshiro256StarStar.fromSeed(seed, stream). */
  stream?: number | bigint;
  /** 'held-out': a second sample of p, independent of `samples` (required), in any form `samples` takes. */
  heldOut?: SampleInput;
}

/**
 * The estimate p̂ of a joint over [q]^n from m samples, c_x = how many samples equal x:
 * - 'plugin': c_x / m (empirical; 0 on unseen cells, so KL(p || p̂) = +Infinity when p has mass there);
 * - 'add': (c_x + alpha) / (m + q^n alpha), 'laplace': alpha = 1, 'kt' (Krichevsky-Trofimov): alpha = 1/2;
 * - 'good-turing': Good-Turing adjusted counts r* = (r + 1) N_{r+1} / N_r (r* = r when
 *   N_{r+1} = 0 or r > options.threshold, default 5), unseen cells share N_1 / m equally, seen cells share
 *   1 - N_1 / m in proportion to r* (formulas and references in src/estimation/goodTuring.ts);
 * - 'held-out': held-out estimation, Good-Turing with a second sample: cells seen r times in
 *   `samples` share equally the fraction of options.heldOut that falls on them (src/estimation/heldOut.ts);
 * - 'dp': epsilon-differentially private (one sample replaced): c_x + Laplace(2 / epsilon)
 *   noise, truncated at 0, plus alpha (default 1/2), normalised (src/estimation/privateHistogram.ts);
 *   the noise is drawn in WebAssembly from stream options.stream of options.seed, so the same
 *   seed gives the same estimate everywhere;
 * - 'sampling-twice': Algorithm 1 of Ye, Feldman and Talwar (2025), Good-Turing with a fresh
 *   sample: the m >= 2 samples are split at random (options.seed, options.stream) into a first
 *   part of round(alpha m) (alpha = options.split, default 0.5) and a second part; the cells the
 *   first part never saw share equally their second-part count c (at least 1), every other cell
 *   gets its second-part count (at least 1), normalised (src/estimation/samplingTwice.ts);
 * - 'dp-sampling-twice': their Algorithm 2, epsilon-differentially private (one sample
 *   replaced): cells whose first-part count plus Laplace(2 / epsilon) noise is <= (2 / epsilon) ln q^n
 *   share a noisy second-part count, the others get both parts' noisy counts, each truncated at
 *   max(2 / epsilon, 1) (split alpha default 0.9; the output step and the privacy proof are in
 *   src/estimation/samplingTwice.ts);
 * - 'dp-sampling-twice-gaussian': the same with N(0, sigma^2) noise, (epsilon, delta)-DP for any
 *   epsilon > 0 and delta in (0, 1): 1 / sigma = sqrt(ln(1/delta) + epsilon) - sqrt(ln(1/delta)),
 *   threshold sigma sqrt(2 ln q^n), floor max(sigma, 1) (the paper's Appendix G.5, calibrated here through zCDP).
 * O(q^n) work after counting.
 * @throws ArgumentTypeError, ArgumentRangeError (symbols >= q, rows not a multiple of n, no samples, bad options)
 * @example estimate(new Uint8Array([0, 1, 1, 1]), { q: 2, n: 1, method: 'laplace' }).probabilities() // [1/3, 2/3]
 */
export function estimate(samples: SampleInput, options: EstimateOptions): Joint {
  const fn = 'estimate';
  const o = requireOptions(fn, options);
  const size = requireShape(fn, o.q, o.n);
  const { q, n } = o as EstimateOptions;
  const e = requireEstimator(fn, o.method, o, ESTIMATOR_METHODS);
  const randomized = RANDOMIZED_METHODS.includes(e.method);
  const seed = randomized ? requireSeed(fn, 'options.seed', o.seed) : 0n;
  const stream = randomized ? requireSeed(fn, 'options.stream', o.stream ?? 0) : 0n;
  for (const key of ['seed', 'stream'] as const) {
    if (!randomized && o[key] !== undefined) {
      const which = RANDOMIZED_METHODS.map((name) => `"${name}"`).join(', ');
      throw new ArgumentTypeError({ fn, argument: `options.${key}`, expected: `undefined for method "${e.method}" (only ${which} draw random numbers)`, received: describe(o[key]) });
    }
  }
  if (e.method === 'held-out' && o.heldOut === undefined) {
    throw new ArgumentTypeError({ fn, argument: 'options.heldOut', expected: 'a second sample for method "held-out"', received: 'undefined' });
  }
  if (e.method !== 'held-out' && o.heldOut !== undefined) {
    throw new ArgumentTypeError({ fn, argument: 'options.heldOut', expected: `undefined for method "${e.method}"`, received: describe(o.heldOut) });
  }
  const { counts, m } = requireSampleCounts(fn, samples, q, n);
  const heldOut = e.method === 'held-out' ? requireSampleCounts(fn, o.heldOut, q, n, 'options.heldOut') : undefined;
  if (TWICE_METHODS.includes(e.method)) {
    if (!(m >= 2 && m < 2 ** 32)) {
      throw new ArgumentRangeError({ fn, argument: 'samples', expected: `from 2 to 2^32 - 1 samples for method "${e.method}" (it splits them in two)`, received: `${m} samples` });
    }
    return Joint.build(fn, q, n, (runtime, pointer, table) => {
      withScratch(fn, splitCells(e, size), (_, blocks) => {
        table().set(counts);
        const split = writeSplit(runtime, e, seed, stream, pointer, size, m, blocks);
        fillEstimate(e, counts, m, table(), { split });
      });
    });
  }
  return Joint.build(fn, q, n, (runtime, pointer, table) => {
    if (e.method === 'dp') writeNoise(runtime, e, seed, stream, pointer, size);
    fillEstimate(e, counts, m, table(), { heldOut });
  });
}
