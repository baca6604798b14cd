import { Joint } from '../Joint.js';
import { requireOptions, requireSeed } from '../internal/validate.js';

/** Options of models.dirichlet. */
export interface DirichletOptions {
  /** Integer in [0, 2^53) or BigInt in [0, 2^64) (default 0). */
  seed?: number | bigint;
}

/**
 * A Dirichlet(1) random table with the portable generator of ref.py's `dirichlet1_portable`,
 * reproducible in any language: u_k = (splitmix64(seed + k * 0x9E3779B97F4A7C15) >> 11) * 2^-53
 * for k = 1..q^n, e_k = -log1p(-u_k), p = e / sum(e).
 * @example models.dirichlet(2, 6, { seed: 42 }).entropy() // 3.74157540426934...
 */
export function dirichlet(q: number, n: number, options?: DirichletOptions): Joint {
  const fn = 'models.dirichlet';
  const seed = requireSeed(fn, 'options.seed', requireOptions(fn, options).seed ?? 0);
  return Joint.build(fn, q, n, (runtime, pointer) => runtime.kernels.dirichlet1Portable(pointer, q ** n, BigInt.asIntN(64, seed)));
}
