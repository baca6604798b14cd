// The estimators by name, the options each one takes, and one entry point that fills a table.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { requireNumber } from '../internal/validate.js';
import { addConstantEstimate, pluginEstimate } from './addConstant.js';
import { goodTuringEstimate } from './goodTuring.js';
import { heldOutEstimate } from './heldOut.js';
import { HISTOGRAM_SENSITIVITY, privateEstimate } from './privateHistogram.js';
import {
  DP_SAMPLING_TWICE_SPLIT, SAMPLING_TWICE_SPLIT, SPLIT_SENSITIVITY, type SampleParts, firstPartSize, gaussianCuts, gaussianSigma, laplaceCuts,
  privateSamplingTwiceEstimate, samplingTwiceEstimate,
} from './samplingTwice.js';
import type { Runtime } from '../wasm/runtime.js';

/** Estimators of p from samples (see estimate()). */
export const ESTIMATOR_METHODS = [
  'plugin', 'laplace', 'kt', 'add', 'good-turing', 'held-out', 'dp', 'sampling-twice', 'dp-sampling-twice', 'dp-sampling-twice-gaussian',
] as const;
/** The name of an estimator of p. */
export type EstimatorMethod = (typeof ESTIMATOR_METHODS)[number];

/** Estimators of entropy: Miller-Madow, or the entropy of a (non-random) estimate of p. */
export const ENTROPY_METHODS = ['plugin', 'miller-madow', 'laplace', 'kt', 'add', 'good-turing'] as const;
/** The name of an estimator of entropy. */
export type EntropyMethod = (typeof ENTROPY_METHODS)[number];

/** The parameters of the estimators that take one. */
export interface EstimatorParameters {
  /** 'add': the pseudo-count alpha > 0 (required); 'dp': the pseudo-count after truncation (default 1/2). */
  alpha?: number;
  /** 'good-turing': counts r <= threshold get Good-Turing's r*, larger counts keep r (default 5, Katz's; Infinity: r* for all). */
  threshold?: number;
  /** 'dp', 'dp-sampling-twice', 'dp-sampling-twice-gaussian': the privacy parameter epsilon > 0 (required). */
  epsilon?: number;
  /** 'dp-sampling-twice-gaussian': the privacy parameter delta in (0, 1) (required). */
  delta?: number;
  /** 'sampling-twice' (default 0.5), 'dp-sampling-twice' and 'dp-sampling-twice-gaussian' (default 0.9): the fraction alpha in (0, 1) of the samples in the first part. */
  split?: number;
}

/** A method with its parameters checked. */
export interface Estimator {
  readonly method: EstimatorMethod | 'miller-madow';
  readonly alpha: number;
  readonly threshold: number;
  readonly epsilon: number;
  readonly delta: number;
  readonly split: number;
}

const PARAMETERS: Record<EstimatorMethod | 'miller-madow', readonly (keyof EstimatorParameters)[]> = {
  plugin: [],
  'miller-madow': [],
  laplace: [],
  kt: [],
  add: ['alpha'],
  'good-turing': ['threshold'],
  'held-out': [],
  dp: ['epsilon', 'alpha'],
  'sampling-twice': ['split'],
  'dp-sampling-twice': ['epsilon', 'split'],
  'dp-sampling-twice-gaussian': ['epsilon', 'delta', 'split'],
};

/** The methods that draw random numbers (from options.seed and options.stream). */
export const RANDOMIZED_METHODS: readonly string[] = ['dp', 'sampling-twice', 'dp-sampling-twice', 'dp-sampling-twice-gaussian'];
/** The sampling-twice methods (Ye, Feldman, Talwar): they split the sample at random (m >= 2). */
export const TWICE_METHODS: readonly string[] = ['sampling-twice', 'dp-sampling-twice', 'dp-sampling-twice-gaussian'];
/** The methods that split the sample in two (m >= 2). */
export const SPLITTING_METHODS: readonly string[] = ['held-out', ...TWICE_METHODS];
/** The sampling-twice methods that add noise. */
const NOISY_TWICE_METHODS: readonly string[] = ['dp-sampling-twice', 'dp-sampling-twice-gaussian'];

/** Default threshold of 'good-turing' (Katz 1987): counts above it keep their value. */
const GOOD_TURING_THRESHOLD = 5;

/** Default pseudo-count of 'dp' after truncation (the Krichevsky-Trofimov constant). */
const DP_ALPHA = 0.5;

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/** Checks `method` is one of `methods` and its parameters in `options`; others must be absent. */
export function requireEstimator(fn: string, method: unknown, options: EstimatorParameters, methods: readonly string[], argument = 'options.method'): Estimator {
  if (typeof method !== 'string' || !methods.includes(method)) {
    throw new ArgumentRangeError({ fn, argument, expected: `one of ${quoted(methods)}`, received: describe(method) });
  }
  const name = method as Estimator['method'];
  const takes = PARAMETERS[name];
  for (const key of ['alpha', 'threshold', 'epsilon', 'delta', 'split'] as const) {
    if (options[key] !== undefined && !takes.includes(key)) {
      throw new ArgumentTypeError({ fn, argument: `options.${key}`, expected: `undefined for method "${name}"`, received: describe(options[key]) });
    }
  }
  const positive = (key: 'alpha' | 'epsilon', value: unknown): number => {
    const v = requireNumber(fn, `options.${key}`, value);
    if (!(v > 0)) throw new ArgumentRangeError({ fn, argument: `options.${key}`, expected: 'a finite number > 0', received: describe(v) });
    return v;
  };
  let alpha = name === 'laplace' ? 1 : name === 'kt' ? 0.5 : 0;
  if (name === 'add') alpha = positive('alpha', options.alpha);
  if (name === 'dp') alpha = positive('alpha', options.alpha ?? DP_ALPHA);
  const threshold: unknown = name === 'good-turing' ? (options.threshold ?? GOOD_TURING_THRESHOLD) : Infinity;
  if (threshold !== Infinity && !(typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 0)) {
    throw new ArgumentRangeError({ fn, argument: 'options.threshold', expected: 'an integer >= 0 or Infinity', received: describe(threshold) });
  }
  const epsilon = takes.includes('epsilon') ? positive('epsilon', options.epsilon) : Infinity;
  let delta = 0;
  if (takes.includes('delta')) {
    delta = requireNumber(fn, 'options.delta', options.delta);
    if (!(delta > 0 && delta < 1)) throw new ArgumentRangeError({ fn, argument: 'options.delta', expected: 'a number in (0, 1)', received: describe(delta) });
  }
  let split = NaN;
  if (TWICE_METHODS.includes(name)) {
    split = requireNumber(fn, 'options.split', options.split ?? (name === 'sampling-twice' ? SAMPLING_TWICE_SPLIT : DP_SAMPLING_TWICE_SPLIT));
    if (!(split > 0 && split < 1)) throw new ArgumentRangeError({ fn, argument: 'options.split', expected: 'a number in (0, 1)', received: describe(split) });
  }
  return { method: name, alpha, threshold: threshold as number, epsilon, delta, split };
}

/** Writes the Laplace(2 / epsilon) noise of 'dp' for `cells` cells at `pointer` (stream `stream` of `seed`). */
export function writeNoise(runtime: Runtime, e: Estimator, seed: bigint, stream: bigint, pointer: number, cells: number): void {
  runtime.kernels.laplaceNoise(BigInt.asIntN(64, seed), BigInt.asIntN(64, stream), pointer, cells, HISTOGRAM_SENSITIVITY / e.epsilon);
}

/** Blocks (cells) the random split of the sampling-twice methods writes: the first part (K) and the noise (2K + 1; 0 without noise). */
export function splitCells(e: Estimator, K: number): number[] {
  return [K, NOISY_TWICE_METHODS.includes(e.method) ? 2 * K + 1 : 0];
}

/** Noise scale of the private sampling-twice methods: Laplace b = 2 / epsilon, or Gaussian sigma (gaussianSigma). */
function noiseScale(e: Estimator): number {
  return e.method === 'dp-sampling-twice-gaussian' ? gaussianSigma(e.epsilon, e.delta) : SPLIT_SENSITIVITY / e.epsilon;
}

/**
 * Draws the randomness of a sampling-twice method from stream `stream` of `seed`: the first part
 * of the m samples counted at `counts` (K cells) into `first`, then for the private ones 2K + 1
 * Laplace(2 / epsilon) or N(0, sigma^2) draws into `noise` (assembly/sampleSplit.ts).
 */
export function writeSplit(runtime: Runtime, e: Estimator, seed: bigint, stream: bigint, counts: number, K: number, m: number, [first, noise]: number[]): SampleParts & { noise: Float64Array } {
  const m1 = firstPartSize(m, e.split);
  const [, noiseCount] = splitCells(e, K);
  const gaussian = e.method === 'dp-sampling-twice-gaussian' ? 1 : 0;
  runtime.kernels.splitSample(BigInt.asIntN(64, seed), BigInt.asIntN(64, stream), counts, K, m, m1, first, noise, noiseCount, noiseCount > 0 ? noiseScale(e) : 0, gaussian);
  return { first: runtime.arena.f64(first, K), m1, noise: runtime.arena.f64(noise, noiseCount) };
}

/** The second sample of 'held-out': its histogram and its size m'. */
export interface HeldOutCounts {
  readonly counts: Float64Array;
  readonly m: number;
}

/** What the estimators that take more than counts read: 'held-out' its second sample, the sampling-twice methods their split (writeSplit). */
export interface EstimatorInputs {
  heldOut?: HeldOutCounts;
  split?: SampleParts & { noise: Float64Array };
}

/**
 * out = the estimate of p from `counts` (m samples). For 'dp', `out` holds the noise on entry
 * (writeNoise); 'held-out' reads `inputs.heldOut`, the sampling-twice methods `inputs.split`;
 * 'miller-madow' is an entropy correction and fills the plug-in estimate.
 */
export function fillEstimate(e: Estimator, counts: Float64Array, m: number, out: Float64Array, { heldOut, split }: EstimatorInputs = {}): void {
  switch (e.method) {
    case 'plugin':
    case 'miller-madow':
      return pluginEstimate(counts, m, out);
    case 'laplace':
    case 'kt':
    case 'add':
      return addConstantEstimate(counts, m, e.alpha, out);
    case 'good-turing':
      return goodTuringEstimate(counts, m, e.threshold, out);
    case 'held-out':
      return heldOutEstimate(counts, heldOut!.counts, heldOut!.m, out);
    case 'dp':
      return privateEstimate(counts, e.alpha, out);
    case 'sampling-twice':
      return samplingTwiceEstimate(counts, split!, out);
    case 'dp-sampling-twice':
      return privateSamplingTwiceEstimate(counts, m, split!, split!.noise, laplaceCuts(counts.length, noiseScale(e)), out);
    case 'dp-sampling-twice-gaussian':
      return privateSamplingTwiceEstimate(counts, m, split!, split!.noise, gaussianCuts(counts.length, noiseScale(e)), out);
  }
}
