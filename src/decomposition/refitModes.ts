// Maximum-likelihood parameters for a chosen set of log-linear modes (Enouen & Sugiyama fit the
// parameters of the modes they select): the table r ∝ exp(sum over kept z <= x of θ'(z)) closest
// to p in KL, found by matching p's expectation of each kept feature.
import type { Joint } from '../Joint.js';
import { withScratch } from '../internal/scratch.js';
import type { Convergence, StoppingRule } from './maxEntProjection.js';

/** Index of cell z's digits on the positions of mask in the row-major marginal over them. */
function marginalIndex(z: number, mask: number, q: number, n: number): number {
  let index = 0;
  let rest = z;
  let place = 1;
  for (let i = n - 1; i >= 0; i--, rest = Math.floor(rest / q)) {
    if (((mask >>> i) & 1) === 0) continue;
    index += (rest % q) * place;
    place *= q;
  }
  return index;
}

/**
 * Fits, in place, the table `r` (q^n cells, in the family of the kept modes, e.g. uniform) to
 * p's feature expectations: feature φ_z(x) = [x agrees with z on A = modes of z], and
 * η_z(r) = r_A(z_A). Each step is exact for its own feature (iterative scaling of the two cells
 * {φ_z = 1}, {φ_z = 0}): r(x) *= η_z(p)/η_z(r) where φ_z(x) = 1, (1 - η_z(p))/(1 - η_z(r))
 * elsewhere; sweeps over the kept modes until max_z |η_z(r) - η_z(p)| <= tolerance (measured on
 * the final table) or maxIterations sweeps. The limit is the m-projection of p on the family,
 * so KL(p || r) = H(r) - H(p) and it never grows when a mode is added. Convergence is linear,
 * and slow when many kept features overlap (tens of modes of a 6-position table can take
 * thousands of sweeps): the result says how it ended. p > 0 (checked by the caller) keeps
 * every η in (0, 1).
 */
export function refitModes(fn: string, p: Joint, r: Joint, kept: Uint32Array, modes: Uint32Array, { tolerance, maxIterations }: StoppingRule): Convergence {
  const { q, n } = p;
  if (kept.length === 0) return { iterations: 0, mismatch: 0, converged: true };
  const sizes = Array.from(kept, (z) => popcount(modes[z]));
  const largest = q ** Math.max(...sizes);
  const halves = (ints: number) => Math.ceil(ints / 2);
  const cells = [largest, halves(largest), halves(q ** (n - Math.min(...sizes)))];
  return withScratch(fn, cells, (runtime, [marginal, keptList, summedList]) => {
    const { kernels, arena } = runtime;
    const at = Array.from(kept, (z) => marginalIndex(z, modes[z], q, n));
    const eta = (table: Joint, j: number) => {
      kernels.subsetMarginal(table.pointer, q, n, modes[kept[j]], marginal, keptList, summedList);
      return arena.f64(marginal, q ** sizes[j])[at[j]];
    };
    const target = Float64Array.from(kept, (_, j) => eta(p, j));
    const measure = () => kept.reduce((gap, _, j) => Math.max(gap, Math.abs(eta(r, j) - target[j])), 0);
    const sweep = () => {
      let gap = 0;
      for (let j = 0; j < kept.length; j++) {
        const mask = modes[kept[j]];
        const now = eta(r, j);
        gap = Math.max(gap, Math.abs(now - target[j]));
        const factors = arena.f64(marginal, q ** sizes[j]);
        factors.fill((1 - target[j]) / (1 - now));
        factors[at[j]] = target[j] / now;
        kernels.scaleBySubset(r.pointer, q, n, mask, marginal, keptList, summedList);
      }
      return gap;
    };
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
  });
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}
