// estimationRisk(): what an estimator reaches from m samples of a known p, over seeded repeated
// draws, all in WebAssembly memory (no table leaves it inside the loop).
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import { Joint } from '../Joint.js';
import { type MeasureOptions, requireInteger, requireOptions, unitDivisor } from '../internal/validate.js';
import { withScratch } from '../internal/scratch.js';
import { requireSeed } from '../random/seed.js';
import { buildCategorical, categoricalCells, drawInto } from './drawCounts.js';
import {
  ESTIMATOR_METHODS, type EstimatorMethod, type EstimatorParameters, SPLITTING_METHODS, TWICE_METHODS, fillEstimate, requireEstimator, splitCells, writeNoise, writeSplit,
} from './methods.js';
import { jointEntropyEstimate, marginalEntropyEstimates, workspaceAt, workspaceCells } from './workspace.js';

/** Options of estimationRisk(). */
export interface EstimationRiskOptions extends EstimatorParameters, MeasureOptions {
  /** Number of independent trials (>= 1; >= 2 for standard errors). */
  trials: number;
  /** An integer in [0, 2^53) or a BigInt in [0, 2^64). */
  seed: number | bigint;
  /** Called after each trial with (trials done, trials). */
  onProgress?: (done: number, total: number) => void;
}

/** Mean of a quantity over the trials and its standard error s / sqrt(trials). */
export interface KLRisk {
  mean: number;
  standardError: number;
  /** Trials whose estimate is 0 where p > 0 (KL = +Infinity; then mean is +Infinity, standardError NaN). */
  infiniteTrials: number;
}

/** An estimate of a known value over the trials. */
export interface EstimateError {
  /** The exact value for p. */
  truth: number;
  /** Mean estimate, its bias (mean - truth), root mean squared error and the mean's standard error. */
  mean: number;
  bias: number;
  rmse: number;
  standardError: number;
}

/** What estimationRisk() returns (nats unless options.base). */
export interface EstimationRisk {
  method: EstimatorMethod | 'miller-madow';
  m: number;
  trials: number;
  /** KL(p || p̂) over the trials; absent for 'miller-madow' (an entropy estimator only). */
  kl?: KLRisk;
  /** The entropy estimate (estimateEntropy's; for the methods estimateEntropy does not take, the entropy of the estimate p̂). */
  entropy: EstimateError;
  /** The total correlation estimate (estimateTotalCorrelation's; for those methods, TC of p̂). */
  totalCorrelation: EstimateError;
}

function meanAndError(values: Float64Array): { mean: number; standardError: number } {
  const T = values.length;
  const mean = fsum(values) / T;
  const squares = values.map((v) => (v - mean) ** 2);
  return { mean, standardError: T > 1 ? Math.sqrt(fsum(squares) / (T - 1) / T) : NaN };
}

function estimateError(values: Float64Array, truth: number): EstimateError {
  const { mean, standardError } = meanAndError(values);
  const rmse = Math.sqrt(fsum(values.map((v) => (v - truth) ** 2)) / values.length);
  return { truth, mean, bias: mean - truth, rmse, standardError };
}

/**
 * The risk of an estimator at sample size m on a known joint p: over `trials` independent
 * trials, draw m samples of p (trial t: drawCounts(p, { count: m, seed, stream: 2t })), estimate
 * (for 'dp' and the sampling-twice methods, their split and noise from stream 2t + 1:
 * estimate(counts, { ..., seed, stream: 2t + 1 }); for 'held-out', the m samples are ceil(m/2)
 * from stream 2t and the held-out floor(m/2) from stream 2t + 1), and
 * record KL(p || p̂), the entropy estimate and the TC estimate. Returns the mean KL and its
 * standard error, and for entropy and TC the bias and RMSE against p's exact values. The same
 * seed gives the same numbers everywhere, and gives every method (but 'held-out', which splits
 * them) the same draws: compare methods at one seed and their differences carry less noise. `method`: an estimate() method, or 'miller-madow'
 * (entropy and TC only). Work per trial O(m + n q^n); wasm memory 3.5 q^n cells (4.5 for 'held-out'),
 * plus 16 MiB of batch buffers from q^n = 65536 cells up
 * (plus 1 q^n for 'sampling-twice', 3 q^n for the private sampling-twice methods).
 * @example estimationRisk(models.dirichlet(2, 4, { seed: 1 }), 'kt', 1000, { trials: 200, seed: 1 }).kl.mean
 */
export function estimationRisk(p: Joint, method: EstimatorMethod | 'miller-madow', m: number, options: EstimationRiskOptions): EstimationRisk {
  const fn = 'estimationRisk';
  if (!(p instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'p', expected: 'a Joint', received: describe(p) });
  const o = requireOptions(fn, options);
  const e = requireEstimator(fn, method, o, [...ESTIMATOR_METHODS, 'miller-madow'], 'method');
  requireInteger(fn, 'm', m, 1);
  if (SPLITTING_METHODS.includes(e.method) && !(m >= 2 && m < 2 ** 32)) {
    throw new ArgumentRangeError({ fn, argument: 'm', expected: `an integer from 2 to 2^32 - 1 for method "${e.method}" (it splits the samples in two)`, received: describe(m) });
  }
  const trials = requireInteger(fn, 'options.trials', o.trials, 1);
  const seed = requireSeed(fn, 'options.seed', o.seed);
  const divisor = unitDivisor(fn, o);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ArgumentTypeError({ fn, argument: 'options.onProgress', expected: 'a function or undefined', received: describe(o.onProgress) });
  }
  const { q, n, size } = p;
  const H = p.entropy();
  const TC = p.totalCorrelation();
  const kl = new Float64Array(trials);
  const entropy = new Float64Array(trials);
  const tc = new Float64Array(trials);
  const split = e.method === 'held-out';
  const mTrain = split ? Math.ceil(m / 2) : m;
  const mHeldOut = m - mTrain;
  const twice = TWICE_METHODS.includes(e.method);
  const blocks = categoricalCells(size, mTrain);
  const parts = twice ? splitCells(e, size) : [0, 0];
  withScratch(fn, [...blocks, split ? size : 0, ...parts, ...workspaceCells(q, n)], (runtime, pointers) => {
    const table = buildCategorical(runtime, p, mTrain, pointers);
    const [held, first, noise, ...rest] = pointers.slice(blocks.length);
    const w = workspaceAt(rest);
    const { arena, kernels } = runtime;
    for (let t = 0; t < trials; t++) {
      arena.f64(w.counts, size).fill(0);
      drawInto(runtime, table, size, seed, BigInt(2 * t), mTrain, w.counts);
      if (e.method === 'dp') writeNoise(runtime, e, seed, BigInt(2 * t + 1), w.estimate, size);
      if (split) {
        arena.f64(held, size).fill(0);
        drawInto(runtime, table, size, seed, BigInt(2 * t + 1), mHeldOut, held);
      }
      const heldOut = split ? { counts: arena.f64(held, size), m: mHeldOut } : undefined;
      const parted = twice ? writeSplit(runtime, e, seed, BigInt(2 * t + 1), w.counts, size, m, [first, noise]) : undefined;
      fillEstimate(e, arena.f64(w.counts, size), mTrain, arena.f64(w.estimate, size), { heldOut, split: parted });
      kl[t] = kernels.klDivergence(p.pointer, w.estimate, size) / divisor;
      const joint = jointEntropyEstimate(runtime, e, w, q, n, mTrain);
      const marginals = marginalEntropyEstimates(runtime, e, w, q, n, mTrain);
      entropy[t] = joint / divisor;
      tc[t] = fsum([...marginals, -joint]) / divisor;
      o.onProgress?.(t + 1, trials);
    }
  });
  const infiniteTrials = kl.filter((v) => v === Infinity).length;
  const klRisk = infiniteTrials > 0 ? { mean: Infinity, standardError: NaN, infiniteTrials } : { ...meanAndError(kl), infiniteTrials };
  return {
    method: e.method, m, trials,
    ...(e.method !== 'miller-madow' && { kl: klRisk }),
    entropy: estimateError(entropy, H / divisor),
    totalCorrelation: estimateError(tc, TC / divisor),
  };
}
