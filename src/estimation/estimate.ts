// estimate(): a joint from samples of it, by a named estimator.
import { ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireShape } from '../internal/shape.js';
import { requireOptions } from '../internal/validate.js';
import { requireSeed } from '../random/seed.js';
import { type SampleInput, requireSampleCounts } from './counts.js';
import { ESTIMATOR_METHODS, type EstimatorMethod, type EstimatorParameters, fillEstimate, requireEstimator, writeNoise } from './methods.js';

/** Options of estimate(). */
export interface EstimateOptions extends EstimatorParameters {
  /** Alphabet size of each position. */
  q: number;
  /** Number of positions. */
  n: number;
  /** The estimator: 'plugin', 'laplace', 'kt', 'add', 'good-turing', 'held-out' or 'dp'. */
  method: EstimatorMethod;
  /** 'dp': seed of the noise, an integer in [0, 2^53) or a BigInt in [0, 2^64) (required). */
  seed?: number | bigint;
  /** 'dp': the noise is stream `stream` of the seed (default 0), as Xoshiro256StarStar.fromSeed(seed, stream). */
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
 *   seed gives the same estimate everywhere.
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
  const seed = e.method === 'dp' ? requireSeed(fn, 'options.seed', o.seed) : undefined;
  const stream = e.method === 'dp' ? requireSeed(fn, 'options.stream', o.stream ?? 0) : undefined;
  for (const key of ['seed', 'stream'] as const) {
    if (e.method !== 'dp' && o[key] !== undefined) {
      throw new ArgumentTypeError({ fn, argument: `options.${key}`, expected: `undefined for method "${e.method}" (only "dp" draws noise)`, received: describe(o[key]) });
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
  return Joint.build(fn, q, n, (runtime, pointer, table) => {
    if (seed !== undefined && stream !== undefined) writeNoise(runtime, e, seed, stream, pointer, size);
    fillEstimate(e, counts, m, table(), heldOut);
  });
}
