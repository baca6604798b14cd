// The wasm blocks one run of estimates works in, and the entropy estimates made from them:
// the joint's from its table, each position's from its marginal counts, all with the same
// kernel (plogpSum) so that equal tables give equal numbers.
import { ENTROPY_METHODS, type Estimator, fillEstimate } from './methods.js';
import type { Runtime } from '../wasm/runtime.js';

/** Byte offsets of the blocks: counts and estimate (q^n cells), marginals (n q), one marginal estimate (q). */
export interface Workspace {
  readonly counts: number;
  readonly estimate: number;
  readonly marginals: number;
  readonly marginal: number;
}

/** Cells of the blocks, in Workspace order. */
export function workspaceCells(q: number, n: number): number[] {
  return [q ** n, q ** n, n * q, q];
}

/** The workspace at `pointers` (in workspaceCells order). */
export function workspaceAt([counts, estimate, marginals, marginal]: number[]): Workspace {
  return { counts, estimate, marginals, marginal };
}

/** Number of cells with a positive count. */
function observedSupport(counts: Float64Array): number {
  let S = 0;
  for (let x = 0; x < counts.length; x++) if (counts[x] > 0) S++;
  return S;
}

/**
 * The entropy estimate (nats) of `cells` cells whose estimate is at `pointer`, for counts
 * `counts` of m samples: H(p̂) = -sum p̂ log p̂, plus (S - 1) / (2m) for Miller-Madow (S: cells
 * with c > 0).
 */
function entropyOf(runtime: Runtime, e: Estimator, pointer: number, cells: number, counts: Float64Array, m: number): number {
  const H = -runtime.kernels.plogpSum(pointer, cells);
  return e.method === 'miller-madow' ? H + (observedSupport(counts) - 1) / (2 * m) : H;
}

/** The joint's entropy estimate, with its estimate (fillEstimate) already in the workspace. */
export function jointEntropyEstimate(runtime: Runtime, e: Estimator, w: Workspace, q: number, n: number, m: number): number {
  const size = q ** n;
  return entropyOf(runtime, e, w.estimate, size, runtime.arena.f64(w.counts, size), m);
}

/**
 * Each position's entropy estimate: by the same method from its marginal counts, or, for the
 * methods estimateEntropy does not take ('dp', 'held-out'), the entropy of the estimate's
 * marginal (for 'dp', post-processing of the released estimate: no further privacy cost).
 */
export function marginalEntropyEstimates(runtime: Runtime, e: Estimator, w: Workspace, q: number, n: number, m: number): Float64Array {
  const { arena, kernels } = runtime;
  const released = !(ENTROPY_METHODS as readonly string[]).includes(e.method);
  kernels.positionMarginals(released ? w.estimate : w.counts, q, n, w.marginals);
  const marginals = arena.f64(w.marginals, n * q);
  const out = arena.f64(w.marginal, q);
  const H = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const counts = marginals.subarray(i * q, (i + 1) * q);
    if (released) out.set(counts);
    else fillEstimate(e, counts, m, out);
    H[i] = entropyOf(runtime, e, w.marginal, q, counts, m);
  }
  return H;
}
