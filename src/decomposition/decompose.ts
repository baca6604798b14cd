// The KL decomposition of a joint by interaction order (DESIGN.md §8; Amari 2001, Schneidman et
// al. 2003 "connected information", Enouen & Sugiyama, seeds/000).
import { kl } from '../divergences.js';
import type { Joint } from '../Joint.js';
import { fsum } from '../internal/fsum.js';
import { type MeasureOptions, unitDivisor } from '../internal/validate.js';
import { type Convergence, type ProjectionOptions, fitProjection, requireStoppingRule } from './maxEntProjection.js';

/** Options of decompose: the IPF stopping rule and the unit of the results. */
export interface DecomposeOptions extends ProjectionOptions, MeasureOptions {}

/** What order k adds: p^(k), the maximum-entropy table with p's k-position marginals. */
export interface OrderTerm extends Convergence {
  k: number;
  /** KL(p || p^(k)) = sum_x p(x) log(p(x) / p^(k)(x)), summed directly. */
  kl: number;
  /** H(p^(k)). */
  entropy: number;
  /** Connected information I^(k) = H(p^(k-1)) - H(p^(k)) for k >= 2; null for k = 1. */
  connectedInformation: number | null;
  /**
   * KL(p || p^(k)) - (H(p^(k)) - H(p)) = E_(p^(k)) log p^(k) - E_p log p^(k): 0 when p^(k)
   * matches p's k-marginals (log p^(k) is a sum of functions of k positions); otherwise of the
   * order of the mismatch times the size of log p^(k) over the cells (tables with tiny cells
   * need a smaller tolerance for the same residual).
   */
  identityResidual: number;
}

/** KL(p || p^(k)) for k = 1..n, the connected informations and their checks. */
export interface Decomposition {
  q: number;
  n: number;
  /** H(p). */
  entropy: number;
  /** TC(p) = sum_i H(X_i) - H(p). */
  totalCorrelation: number;
  /** orders[k - 1] for k = 1..n; KL(p || p^(1)) = TC, KL(p || p^(n)) = 0. */
  orders: OrderTerm[];
  /** TC - sum_(k>=2) I^(k): 0 up to rounding (the sum telescopes to H(p^(1)) - H(p)). */
  tcResidual: number;
  /** Every order converged. */
  converged: boolean;
}

/**
 * Decomposes the total correlation by interaction order: for k = 1..n the maximum-entropy
 * projection p^(k) (see maxEntProjection), KL(p || p^(k)) = H(p^(k)) - H(p), and the connected
 * information I^(k) = H(p^(k-1)) - H(p^(k)) >= 0 of order k, with sum_(k>=2) I^(k) = TC and
 * KL(p || p^(k)) = sum_(j>k) I^(j). Both identities are checked in the result (tcResidual,
 * identityResidual per order), with each order's IPF report. Each order's IPF starts from
 * p^(k-1) (p^(1) from uniform): the same limit as from uniform, in fewer sweeps. Values in nats
 * unless options.base.
 * Cost: O(sum_k iterations_k C(n,k) q^n).
 * @throws ArgumentTypeError, ArgumentRangeError (bad options), MemoryLimitError
 * @example decompose(models.parity(2, 3), { base: 2 }).orders.map((o) => o.connectedInformation) // [null, 0, 1]
 */
export function decompose(p: Joint, options?: DecomposeOptions): Decomposition {
  const fn = 'decompose';
  const rule = requireStoppingRule(fn, p, options);
  const divisor = unitDivisor(fn, options);
  const H = p.entropy();
  const TC = p.totalCorrelation();
  const orders: OrderTerm[] = [];
  let previous: Joint | undefined;
  try {
    for (let k = 1; k <= p.n; k++) {
      // Each order starts from the previous projection, which already has p's (k-1)-marginals:
      // uniform and p^(k-1) both lie in the log-linear family of order k, whose one member with
      // p's k-marginals is p^(k), so IPF reaches the same table from either.
      const { joint, iterations, mismatch, converged } = fitProjection(fn, p, k, rule, previous);
      const entropy = joint.entropy();
      const divergence = kl(p, joint);
      orders.push({
        k,
        kl: divergence / divisor,
        entropy: entropy / divisor,
        connectedInformation: previous === undefined ? null : (previous.entropy() - entropy) / divisor,
        identityResidual: (divergence - (entropy - H)) / divisor,
        iterations,
        mismatch,
        converged,
      });
      previous?.dispose();
      previous = joint;
    }
  } finally {
    previous?.dispose();
  }
  const connected = orders.slice(1).map((o) => o.connectedInformation as number);
  return {
    q: p.q,
    n: p.n,
    entropy: H / divisor,
    totalCorrelation: TC / divisor,
    orders,
    tcResidual: TC / divisor - fsum(connected),
    converged: orders.every((o) => o.converged),
  };
}
