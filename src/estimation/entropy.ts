// Entropy and total correlation estimated from samples.
import { fsum } from '../internal/fsum.js';
import { requireShape } from '../internal/shape.js';
import { type MeasureOptions, requireOptions, unitDivisor } from '../internal/validate.js';
import { withScratch } from '../internal/scratch.js';
import { type SampleInput, requireSampleCounts } from './counts.js';
import { ENTROPY_METHODS, type EntropyMethod, type EstimatorParameters, fillEstimate, requireEstimator } from './methods.js';
import { jointEntropyEstimate, marginalEntropyEstimates, workspaceAt, workspaceCells } from './workspace.js';

/** Options of estimateEntropy() and estimateTotalCorrelation(). */
export interface EntropyEstimateOptions extends MeasureOptions, Omit<EstimatorParameters, 'epsilon' | 'delta' | 'split'> {
  /** Alphabet size of each position. */
  q: number;
  /** Number of positions. */
  n: number;
  /** 'plugin', 'miller-madow', or the entropy of the 'laplace', 'kt', 'add' or 'good-turing' estimate. */
  method: EntropyMethod;
}

/** Both estimates (nats) from one histogram. */
function estimates(fn: string, samples: SampleInput, options: EntropyEstimateOptions): { joint: number; marginals: Float64Array; divisor: number } {
  const o = requireOptions(fn, options);
  requireShape(fn, o.q, o.n);
  const { q, n } = o as EntropyEstimateOptions;
  const divisor = unitDivisor(fn, o);
  const e = requireEstimator(fn, o.method, o, ENTROPY_METHODS);
  const { counts, m } = requireSampleCounts(fn, samples, q, n);
  return withScratch(fn, workspaceCells(q, n), (runtime, pointers) => {
    const w = workspaceAt(pointers);
    runtime.arena.f64(w.counts, counts.length).set(counts);
    fillEstimate(e, counts, m, runtime.arena.f64(w.estimate, counts.length));
    return { joint: jointEntropyEstimate(runtime, e, w, q, n, m), marginals: marginalEntropyEstimates(runtime, e, w, q, n, m), divisor };
  });
}

/**
 * An estimate of H(X) from m samples of a joint over [q]^n:
 * - 'plugin': H(p̂) of the empirical distribution (biased low: about -(S - 1) / (2m));
 * - 'miller-madow': H(p̂) + (S - 1) / (2m), S = the observed support (cells seen at least
 *   once), the first-order bias correction of Miller ("Note on the bias of information
 *   estimates", 1955; Madow 1948);
 * - 'laplace', 'kt', 'add', 'good-turing': H of that estimate of p (see estimate()).
 * Nats unless options.base. O(q^n).
 * @example estimateEntropy(new Uint8Array([0, 0, 1, 1]), { q: 2, n: 1, method: 'miller-madow' }) // log 2 + 1/8
 */
export function estimateEntropy(samples: SampleInput, options: EntropyEstimateOptions): number {
  const { joint, divisor } = estimates('estimateEntropy', samples, options);
  return joint / divisor;
}

/**
 * An estimate of the total correlation TC = sum_i H(X_i) - H(X) from the entropy estimates of
 * the marginals (each from its marginal counts, same method) and of the joint. Miller-Madow's
 * TC corrects each term: sum_i (S_i - 1) / (2m) - (S - 1) / (2m). Nats unless options.base.
 * O(n q^n).
 * @example estimateTotalCorrelation(new Uint8Array([0, 0, 1, 1]), { q: 2, n: 2, method: 'plugin' }) // log 2
 */
export function estimateTotalCorrelation(samples: SampleInput, options: EntropyEstimateOptions): number {
  const { joint, marginals, divisor } = estimates('estimateTotalCorrelation', samples, options);
  return (fsum([...marginals, -joint])) / divisor;
}
