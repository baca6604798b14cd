// The estimators by name, the options each one takes, and one entry point that fills a table.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { requireNumber } from '../internal/validate.js';
import { addConstantEstimate, pluginEstimate } from './addConstant.js';
import { goodTuringEstimate } from './goodTuring.js';
import { heldOutEstimate } from './heldOut.js';
import { HISTOGRAM_SENSITIVITY, privateEstimate } from './privateHistogram.js';
import type { Runtime } from '../wasm/runtime.js';

/** Estimators of p from samples (see estimate()). */
export const ESTIMATOR_METHODS = ['plugin', 'laplace', 'kt', 'add', 'good-turing', 'held-out', 'dp'] as const;
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
  /** 'dp': the privacy parameter epsilon > 0 (required). */
  epsilon?: number;
}

/** A method with its parameters checked. */
export interface Estimator {
  readonly method: EstimatorMethod | 'miller-madow';
  readonly alpha: number;
  readonly threshold: number;
  readonly epsilon: number;
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
};

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
  for (const key of ['alpha', 'threshold', 'epsilon'] as const) {
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
  const epsilon = name === 'dp' ? positive('epsilon', options.epsilon) : Infinity;
  return { method: name, alpha, threshold: threshold as number, epsilon };
}

/** Writes the Laplace(2 / epsilon) noise of 'dp' for `cells` cells at `pointer` (stream `stream` of `seed`). */
export function writeNoise(runtime: Runtime, e: Estimator, seed: bigint, stream: bigint, pointer: number, cells: number): void {
  runtime.kernels.laplaceNoise(BigInt.asIntN(64, seed), BigInt.asIntN(64, stream), pointer, cells, HISTOGRAM_SENSITIVITY / e.epsilon);
}

/** The second sample of 'held-out': its histogram and its size m'. */
export interface HeldOutCounts {
  readonly counts: Float64Array;
  readonly m: number;
}

/**
 * out = the estimate of p from `counts` (m samples). For 'dp', `out` holds the noise on entry
 * (writeNoise); 'held-out' reads `heldOut`; 'miller-madow' is an entropy correction and fills
 * the plug-in estimate.
 */
export function fillEstimate(e: Estimator, counts: Float64Array, m: number, out: Float64Array, heldOut?: HeldOutCounts): void {
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
  }
}
