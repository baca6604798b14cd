// Divergences between two joints of the same shape, nats unless { base } says otherwise.
// Convention (scipy's rel_entr): cells with p = 0 contribute 0; p > 0 = r gives +Infinity.
import { ArgumentTypeError, ShapeMismatchError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { type MeasureOptions, unitDivisor } from './internal/validate.js';
import { getRuntime } from './wasm/runtime.js';
import type { KernelExports } from './wasm/exports.js';

type PairKernel = 'klDivergence' | 'crossEntropy' | 'jensenShannon';

function pairMeasure(fn: string, kernel: PairKernel, p: Joint, r: Joint, options: MeasureOptions | undefined): number {
  if (!(p instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'p', expected: 'a Joint', received: describe(p) });
  if (!(r instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'r', expected: 'a Joint', received: describe(r) });
  if (p.q !== r.q || p.n !== r.n) {
    throw new ShapeMismatchError(fn, 'r', `a Joint of the same shape as p (q = ${p.q}, n = ${p.n})`, `q = ${r.q}, n = ${r.n}`);
  }
  const divisor = unitDivisor(fn, options);
  const kernels: KernelExports = getRuntime().kernels;
  return kernels[kernel](p.pointer, r.pointer, p.size) / divisor;
}

/**
 * Kullback-Leibler divergence KL(p || r) = sum_x p(x) log(p(x) / r(x)); +Infinity when
 * r(x) = 0 < p(x) somewhere. O(q^n).
 * @throws ArgumentTypeError (not Joints), ShapeMismatchError (different q or n)
 */
export function kl(p: Joint, r: Joint, options?: MeasureOptions): number {
  return pairMeasure('kl', 'klDivergence', p, r, options);
}

/**
 * Cross-entropy H(p, r) = -sum_x p(x) log r(x) = H(p) + KL(p || r); +Infinity when
 * r(x) = 0 < p(x) somewhere. O(q^n).
 */
export function crossEntropy(p: Joint, r: Joint, options?: MeasureOptions): number {
  return pairMeasure('crossEntropy', 'crossEntropy', p, r, options);
}

/**
 * Jensen-Shannon divergence JS(p, r) = KL(p || m)/2 + KL(r || m)/2 with m = (p + r)/2;
 * symmetric, always finite, at most log 2. O(q^n).
 */
export function jensenShannon(p: Joint, r: Joint, options?: MeasureOptions): number {
  return pairMeasure('jensenShannon', 'jensenShannon', p, r, options);
}
