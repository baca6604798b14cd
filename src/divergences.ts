// Divergences between two joints of the same shape, dense (Joint) or sparse (SparseJoint) in any
// mix, nats unless { base } says otherwise.
// Convention (scipy's rel_entr): cells with p = 0 contribute 0; p > 0 = r gives +Infinity.
import { ArgumentTypeError, ShapeMismatchError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { withScratch } from './internal/scratch.js';
import { type MeasureOptions, unitDivisor } from './internal/validate.js';
import { type AnyJoint, SparseJoint } from './SparseJoint.js';
import { getRuntime } from './wasm/runtime.js';

type PairKernel = 'klDivergence' | 'crossEntropy' | 'jensenShannon';

/** Checks that p and r are joints (dense or sparse) of the same shape. */
function requirePair(fn: string, p: unknown, r: unknown): asserts p is AnyJoint {
  for (const [argument, joint] of [['p', p], ['r', r]] as const) {
    if (!(joint instanceof Joint || joint instanceof SparseJoint)) {
      throw new ArgumentTypeError({ fn, argument, expected: 'a Joint or a SparseJoint', received: describe(joint) });
    }
  }
  const [a, b] = [p as AnyJoint, r as AnyJoint];
  if (a.q !== b.q || a.n !== b.n) {
    throw new ShapeMismatchError(fn, 'r', `a joint of the same shape as p (q = ${a.q}, n = ${a.n})`, `q = ${b.q}, n = ${b.n}`);
  }
}

/** `kernel` on the dense tables of p and r; a sparse one is expanded for the call (it fits: q^n is a table's size). */
function denseMeasure(kernel: PairKernel, p: AnyJoint, r: AnyJoint): number {
  const expanded: Joint[] = [];
  const table = (joint: AnyJoint): Joint => {
    if (joint instanceof Joint) return joint;
    expanded.push(joint.toJoint());
    return expanded[expanded.length - 1];
  };
  try {
    const [a, b] = [table(p), table(r)];
    return getRuntime().kernels[kernel](a.pointer, b.pointer, a.size);
  } finally {
    expanded.forEach((joint) => joint.dispose());
  }
}

/**
 * KL or cross-entropy (cells with p = 0 add nothing): over the support of a sparse p, with r
 * gathered there (merged from a sparse r, read from a dense one); else on the dense tables.
 */
function supportMeasure(fn: string, kernel: 'klDivergence' | 'crossEntropy', p: AnyJoint, r: AnyJoint, options: MeasureOptions | undefined): number {
  requirePair(fn, p, r);
  const divisor = unitDivisor(fn, options);
  if (!(p instanceof SparseJoint)) return denseMeasure(kernel, p, r) / divisor;
  return withScratch(fn, [Math.max(1, p.support)], ({ kernels }, [aligned]) => {
    const { keys, values } = p.pointers;
    if (r instanceof SparseJoint) kernels.sparseAlign(keys, p.support, r.pointers.keys, r.pointers.values, r.support, aligned);
    else kernels.sparseGather(keys, p.support, p.q, p.n, p.bitsPerSymbol, r.pointer, aligned);
    return kernels[kernel](values, aligned, p.support) / divisor;
  });
}

/**
 * Kullback-Leibler divergence KL(p || r) = sum_x p(x) log(p(x) / r(x)); +Infinity when
 * r(x) = 0 < p(x) somewhere. O(q^n) for a dense p; for a SparseJoint p, over its support
 * (O(support of p + support of r), or O(n support of p) when r is dense).
 * @throws ArgumentTypeError (not joints), ShapeMismatchError (different q or n)
 * @example kl(Joint.fromSamples(rows), model) // the empirical law's KL to a model, over the rows seen
 */
export function kl(p: AnyJoint, r: AnyJoint, options?: MeasureOptions): number {
  return supportMeasure('kl', 'klDivergence', p, r, options);
}

/**
 * Cross-entropy H(p, r) = -sum_x p(x) log r(x) = H(p) + KL(p || r); +Infinity when
 * r(x) = 0 < p(x) somewhere. Costs as kl.
 */
export function crossEntropy(p: AnyJoint, r: AnyJoint, options?: MeasureOptions): number {
  return supportMeasure('crossEntropy', 'crossEntropy', p, r, options);
}

/**
 * Jensen-Shannon divergence JS(p, r) = KL(p || m)/2 + KL(r || m)/2 with m = (p + r)/2;
 * symmetric, always finite, at most log 2. O(q^n): a SparseJoint is expanded to its table.
 */
export function jensenShannon(p: AnyJoint, r: AnyJoint, options?: MeasureOptions): number {
  const fn = 'jensenShannon';
  requirePair(fn, p, r);
  return denseMeasure('jensenShannon', p, r) / unitDivisor(fn, options);
}
