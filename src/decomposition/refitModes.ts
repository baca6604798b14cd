// Maximum-likelihood parameters for a chosen set of log-linear modes (Enouen & Sugiyama fit the
// parameters of the modes they select): the table r ∝ exp(sum over kept z <= x of θ'(z)) closest
// to p in KL, found by matching p's expectation of each kept feature, by Newton's method or, for
// many modes, iterative scaling.
import type { Joint } from '../Joint.js';
import { withScratch } from '../internal/scratch.js';
import { popcount } from '../internal/subsetMasks.js';
import { sweepToTolerance, type Convergence, type StoppingRule } from './maxEntProjection.js';

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
 * Iterative scaling: fits, in place, the table `r` (q^n cells, in the family of the kept modes,
 * e.g. uniform) to p's feature expectations: feature φ_z(x) = [x agrees with z on A = modes of z], and
 * η_z(r) = r_A(z_A). Each step is exact for its own feature (iterative scaling of the two cells
 * {φ_z = 1}, {φ_z = 0}): r(x) *= η_z(p)/η_z(r) where φ_z(x) = 1, (1 - η_z(p))/(1 - η_z(r))
 * elsewhere; sweeps over the kept modes until max_z |η_z(r) - η_z(p)| <= tolerance (measured on
 * the final table) or maxIterations sweeps. The limit is the m-projection of p on the family,
 * so KL(p || r) = H(r) - H(p) and it never grows when a mode is added. Convergence is linear,
 * and slow when many kept features overlap (tens of modes of a 6-position table can take
 * thousands of sweeps): the result says how it ended. p > 0 (checked by the caller) keeps
 * every η in (0, 1).
 */
function scalingRefit(fn: string, p: Joint, r: Joint, kept: Uint32Array, modes: Uint32Array, rule: StoppingRule): Convergence {
  const { q, n } = p;
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
    return sweepToTolerance(sweep, measure, rule);
  });
}

/** Most kept modes fitted by Newton's method (an m × m system per step); more use iterative scaling. */
export const NEWTON_LIMIT = 1024;

/** Solves (H + μI) x = b in place of b for a symmetric positive semi-definite H (m × m, row-major), raising μ until Cholesky succeeds. */
function solveDamped(H: Float64Array, b: Float64Array, m: number): Float64Array {
  let scale = 0;
  for (let a = 0; a < m; a++) scale = Math.max(scale, H[a * m + a]);
  for (let mu = 1e-12 * scale || 1e-300; ; mu *= 10) {
    const L = new Float64Array(m * m);
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = H[i * m + j] + (i === j ? mu : 0);
        for (let k = 0; k < j; k++) sum -= L[i * m + k] * L[j * m + k];
        if (i === j) {
          if (!(sum > 0)) ok = false;
          else L[i * m + i] = Math.sqrt(sum);
        } else L[i * m + j] = sum / L[j * m + j];
      }
    }
    if (!ok) continue;
    const x = Float64Array.from(b);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < i; k++) x[i] -= L[i * m + k] * x[k];
      x[i] /= L[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      for (let k = i + 1; k < m; k++) x[i] -= L[k * m + i] * x[k];
      x[i] /= L[i * m + i];
    }
    return x;
  }
}

/** The cell whose non-zero digits are those of y and z together; -1 when they differ at a position where both are non-zero. */
function joinCells(y: number, z: number, q: number, n: number): number {
  let cell = 0;
  let place = 1;
  for (let i = 0; i < n; i++, y = Math.floor(y / q), z = Math.floor(z / q), place *= q) {
    const a = y % q;
    const b = z % q;
    if (a !== 0 && b !== 0 && a !== b) return -1;
    cell += (a !== 0 ? a : b) * place;
  }
  return cell;
}

/**
 * Newton's method on the convex dual log Z(θ) - θ·η(p) (its gradient η(r) - η(p), its Hessian
 * the covariance of the kept features under r), with a backtracking line search: quadratic
 * convergence where iterative scaling crawls. Every η of r comes from one upper zeta transform
 * of r (E[φ_y φ_z] = η at the join of y and z). Writes r; an iteration is one Newton step.
 */
function newtonRefit(fn: string, p: Joint, r: Joint, kept: Uint32Array, { tolerance, maxIterations }: StoppingRule): Convergence {
  const { q, n, size } = p;
  const m = kept.length;
  return withScratch(fn, [size, size], (runtime, [work, upper]) => {
    const { kernels, arena } = runtime;
    const upperOf = (table: Float64Array) => {
      arena.f64(upper, size).set(table);
      kernels.upperZetaTransform(upper, q, n);
      return arena.f64(upper, size);
    };
    const upperP = upperOf(p.probabilities());
    const etaP = Float64Array.from(kept, (z) => upperP[z]);
    const join = new Int32Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) join[a * m + b] = joinCells(kept[a], kept[b], q, n);
    /** Sets r ∝ exp(sum over kept z <= x of θ) and returns log Z(θ) - θ·η(p). */
    const evaluate = (theta: Float64Array) => {
      const logs = arena.f64(work, size).fill(0);
      kept.forEach((z, a) => (logs[z] = theta[a]));
      kernels.zetaTransform(work, q, n);
      const weights = arena.f64(work, size);
      let top = -Infinity;
      for (let x = 0; x < size; x++) top = Math.max(top, weights[x]);
      let total = 0;
      for (let x = 0; x < size; x++) total += Math.exp(weights[x] - top);
      const logZ = top + Math.log(total);
      const table = arena.f64(r.pointer, size);
      for (let x = 0; x < size; x++) table[x] = Math.exp(weights[x] - logZ);
      return logZ - theta.reduce((s, t, a) => s + t * etaP[a], 0);
    };
    let theta = new Float64Array(m);
    let objective = evaluate(theta);
    let iterations = 0;
    let mismatch = Infinity;
    let converged = false;
    for (;;) {
      const E = upperOf(arena.f64(r.pointer, size));
      const etaR = Float64Array.from(kept, (z) => E[z]);
      const gradient = etaR.map((e, a) => e - etaP[a]);
      mismatch = gradient.reduce((g, v) => Math.max(g, Math.abs(v)), 0);
      if (mismatch <= tolerance) {
        converged = true;
        break;
      }
      if (iterations >= maxIterations) break;
      const H = new Float64Array(m * m);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) H[a * m + b] = (join[a * m + b] < 0 ? 0 : E[join[a * m + b]]) - etaR[a] * etaR[b];
      }
      const step = solveDamped(H, gradient.map((g) => -g), m);
      const slope = step.reduce((s, d, a) => s + d * gradient[a], 0);
      // Armijo backtracking, with room for rounding in the objective near the optimum.
      let accepted = false;
      for (let t = 1; t > 1e-12; t /= 2) {
        const candidate = theta.map((v, a) => v + t * step[a]);
        const value = evaluate(candidate);
        if (value <= objective + 1e-4 * t * slope + 1e-15 * Math.max(1, Math.abs(objective))) {
          theta = candidate;
          objective = value;
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        evaluate(theta);
        break;
      }
      iterations++;
    }
    return { iterations, mismatch, converged };
  });
}

/**
 * Fits, in place, the table `r` to p's expectations of the kept features (φ_z(x) = [x agrees
 * with z wherever z is not 0]): the m-projection of p on the family r ∝ exp(sum over kept z <= x
 * of θ_z), so KL(p || r) = H(r) - H(p) and it never grows when a mode is added. Up to
 * NEWTON_LIMIT modes by Newton's method (iterations are Newton steps), more by iterative
 * scaling (iterations are sweeps; linear convergence), unless `method` says which. mismatch: max_z |η_z(r) - η_z(p)|. p > 0 (checked by the
 * caller) keeps the optimum finite.
 */
export function refitModes(
  fn: string, p: Joint, r: Joint, kept: Uint32Array, modes: Uint32Array, rule: StoppingRule,
  method: 'newton' | 'scaling' = kept.length <= NEWTON_LIMIT ? 'newton' : 'scaling',
): Convergence {
  if (kept.length === 0) return { iterations: 0, mismatch: 0, converged: true };
  return method === 'newton' ? newtonRefit(fn, p, r, kept, rule) : scalingRefit(fn, p, r, kept, modes, rule);
}
