// The maximum-entropy projection p^(k) of a joint: the table of largest entropy with the same
// k-position marginals as p (DESIGN.md §8), by iterative proportional fitting (IPF; Deming &
// Stephan 1940, Csiszár 1975) from the uniform table, kernels in assembly/ipf.ts.
import { ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { binomial, masksOfSize } from '../internal/subsetMasks.js';
import { withScratch } from '../internal/scratch.js';
import { requireInteger, requireNumber, requireOptions } from '../internal/validate.js';

/** Stopping rule of IPF. */
export interface ProjectionOptions {
  /** Largest accepted |p^(k)_A(y) - p_A(y)| over every k-subset A and cell y (default 1e-10). */
  tolerance?: number;
  /** Most IPF sweeps, each fitting every k-subset once (default 10000). */
  maxIterations?: number;
}

/** How IPF ended. */
export interface Convergence {
  /** Sweeps made. */
  iterations: number;
  /** max over k-subsets A and cells y of |p^(k)_A(y) - p_A(y)| for the table returned. */
  mismatch: number;
  /** mismatch <= tolerance. */
  converged: boolean;
}

/** p^(k) and how IPF reached it. */
export interface Projection extends Convergence {
  k: number;
  /** The fitted table p^(k) (dispose() it when done with it, or leave it to the garbage collector). */
  joint: Joint;
}

export const DEFAULT_TOLERANCE = 1e-10;
export const DEFAULT_MAX_ITERATIONS = 10000;

/** Checked IPF options. */
export interface StoppingRule {
  tolerance: number;
  maxIterations: number;
}

/**
 * Sweeps until converged or maxIterations sweeps. sweep() returns the gaps it met before each of
 * its updates; once they are all <= tolerance, the table it leaves is measured on its own
 * (measure()), and that measure decides. The mismatch reported is always the final table's.
 */
export function sweepToTolerance(sweep: () => number, measure: () => number, { tolerance, maxIterations }: StoppingRule): Convergence {
  let iterations = 0;
  let mismatch = Infinity;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    const gap = sweep();
    iterations++;
    if (gap <= tolerance) converged = (mismatch = measure()) <= tolerance;
  }
  if (!converged) mismatch = measure();
  return { iterations, mismatch, converged };
}

/** Checks p is a Joint and options.tolerance > 0, options.maxIterations >= 1. */
export function requireStoppingRule(fn: string, p: unknown, options: ProjectionOptions | undefined): StoppingRule {
  if (!(p instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'p', expected: 'a Joint', received: describe(p) });
  const { tolerance = DEFAULT_TOLERANCE, maxIterations = DEFAULT_MAX_ITERATIONS } = requireOptions(fn, options);
  requireNumber(fn, 'options.tolerance', tolerance, Number.MIN_VALUE);
  requireInteger(fn, 'options.maxIterations', maxIterations, 1);
  return { tolerance, maxIterations };
}

/**
 * IPF for p^(k) (arguments checked), from the uniform table or from `start`, a table of the
 * log-linear family of order <= k (such as p^(k-1)): IPF converges to the table of that family
 * with p's k-marginals (the I-projection of the start; Csiszár 1975), which is p^(k) either
 * way. Memory: q^n cells for p^(k) and C(n,k) q^k cells for the targets p_A, checked before
 * any work.
 */
export function fitProjection(fn: string, p: Joint, k: number, rule: StoppingRule, start?: Joint): Projection {
  const { q, n } = p;
  const count = binomial(n, k);
  const marginalCells = q ** k;
  const halves = (ints: number) => Math.ceil(ints / 2);
  const cells = [count * marginalCells, halves(count), marginalCells, halves(marginalCells), halves(q ** (n - k))];
  return withScratch(fn, cells, (runtime, [targets, masks, marginal, kept, summed]) => {
    const maskList = masksOfSize(n, k);
    new Uint32Array(runtime.memory.buffer, masks, count).set(maskList);
    for (let a = 0; a < count; a++) {
      runtime.kernels.subsetMarginal(p.pointer, q, n, maskList[a], targets + a * marginalCells * 8, kept, summed);
    }
    const from = start?.probabilities();
    const joint = Joint.build(fn, q, n, (_runtime, _pointer, view) => (from === undefined ? view().fill(q ** -n) : view().set(from)));
    const r = joint.pointer;
    const sweep = () => runtime.kernels.ipfSweep(r, q, n, masks, count, targets, marginal, kept, summed);
    const measure = () => runtime.kernels.ipfMismatch(r, q, n, masks, count, targets, marginal, kept, summed);
    return { k, joint, ...sweepToTolerance(sweep, measure, rule) };
  });
}

/**
 * The maximum-entropy projection p^(k): the table r of largest entropy H(r) whose marginal on
 * every set A of k positions equals p's, r_A = p_A (so also on every smaller set). p^(1) is the
 * product of p's marginals, p^(n) = p. Found by iterative proportional fitting from the uniform
 * table: each sweep sets r(x) <- r(x) p_A(x_A) / r_A(x_A) for every k-set A in turn, until
 * max_A max_y |r_A(y) - p_A(y)| <= options.tolerance (checked on the final table) or after
 * options.maxIterations sweeps; the result says which (`converged`, `mismatch`, `iterations`).
 *
 * Zeros: a cell x with p_A(x_A) = 0 for some k-set A is 0 in p^(k) from the first sweep on.
 * When p^(k) must also vanish on cells whose k-marginals are all positive (the projection lies
 * on the boundary of the log-linear family, e.g. n = 3, k = 2, p uniform on the six cells other
 * than 000 and 111, where p^(2) = p), IPF approaches it only in the limit, with a mismatch
 * decaying like 1/iterations: expect `converged: false` and a table close to, not equal to,
 * p^(k). Cost: O(iterations C(n,k) q^n); memory q^n + C(n,k) q^k cells.
 * @throws ArgumentTypeError, ArgumentRangeError (k not in [1, n], bad options), MemoryLimitError
 * @example maxEntProjection(models.parity(2, 3), 2).joint.entropy({ base: 2 }) // 3: uniform
 */
export function maxEntProjection(p: Joint, k: number, options?: ProjectionOptions): Projection {
  const fn = 'maxEntProjection';
  const rule = requireStoppingRule(fn, p, options);
  requireInteger(fn, 'k', k, 1, p.n);
  return fitProjection(fn, p, k, rule);
}
