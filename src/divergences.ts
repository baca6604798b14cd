// Divergences between two joints of the same shape, nats unless { base } says otherwise.
// Convention (scipy's rel_entr): cells with p = 0 contribute 0; p > 0 = r gives +Infinity.
import { ArgumentTypeError, ShapeMismatchError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { withScratch } from './internal/scratch.js';
import { type MeasureOptions, unitDivisor } from './internal/validate.js';
import { SparseJoint } from './SparseJoint.js';
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
 * A divergence over the support of p of two sparse joints (KL, cross-entropy: cells with p = 0
 * add nothing): r gathered on the support of p, then the dense kernel on the two aligned arrays.
 */
function sparsePairMeasure(fn: string, kernel: 'klDivergence' | 'crossEntropy', p: SparseJoint, r: SparseJoint, options: MeasureOptions | undefined): number {
  if (!(r instanceof SparseJoint)) throw new ArgumentTypeError({ fn, argument: 'r', expected: 'a SparseJoint, as p is (see toJoint() and SparseJoint.fromJoint())', received: describe(r) });
  if (p.q !== r.q || p.n !== r.n) {
    throw new ShapeMismatchError(fn, 'r', `a SparseJoint of the same shape as p (q = ${p.q}, n = ${p.n})`, `q = ${r.q}, n = ${r.n}`);
  }
  const divisor = unitDivisor(fn, options);
  const cells = Math.max(1, p.support);
  return withScratch(fn, [cells], ({ kernels }, [aligned]) => {
    const { keys, values } = p.pointers;
    const other = r.pointers;
    kernels.sparseAlign(keys, p.support, other.keys, other.values, r.support, aligned);
    return kernels[kernel](values, aligned, p.support) / divisor;
  });
}

/**
 * Kullback-Leibler divergence KL(p || r) = sum_x p(x) log(p(x) / r(x)); +Infinity when
 * r(x) = 0 < p(x) somewhere. O(q^n) for two Joints; for two SparseJoints, O(support of p +
 * support of r) over the support of p.
 * @throws ArgumentTypeError (not Joints, or a Joint with a SparseJoint), ShapeMismatchError (different q or n)
 */
export function kl(p: Joint, r: Joint, options?: MeasureOptions): number;
export function kl(p: SparseJoint, r: SparseJoint, options?: MeasureOptions): number;
export function kl(p: Joint | SparseJoint, r: Joint | SparseJoint, options?: MeasureOptions): number {
  if (p instanceof SparseJoint) return sparsePairMeasure('kl', 'klDivergence', p, r as SparseJoint, options);
  return pairMeasure('kl', 'klDivergence', p, r as Joint, options);
}

/**
 * Cross-entropy H(p, r) = -sum_x p(x) log r(x) = H(p) + KL(p || r); +Infinity when
 * r(x) = 0 < p(x) somewhere. O(q^n) for two Joints; for two SparseJoints, O(support of p +
 * support of r).
 */
export function crossEntropy(p: Joint, r: Joint, options?: MeasureOptions): number;
export function crossEntropy(p: SparseJoint, r: SparseJoint, options?: MeasureOptions): number;
export function crossEntropy(p: Joint | SparseJoint, r: Joint | SparseJoint, options?: MeasureOptions): number {
  if (p instanceof SparseJoint) return sparsePairMeasure('crossEntropy', 'crossEntropy', p, r as SparseJoint, options);
  return pairMeasure('crossEntropy', 'crossEntropy', p, r as Joint, options);
}

/**
 * Jensen-Shannon divergence JS(p, r) = KL(p || m)/2 + KL(r || m)/2 with m = (p + r)/2;
 * symmetric, always finite, at most log 2. O(q^n).
 */
export function jensenShannon(p: Joint, r: Joint, options?: MeasureOptions): number {
  return pairMeasure('jensenShannon', 'jensenShannon', p, r, options);
}
