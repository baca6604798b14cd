// The exact output distribution of the parallel unmasking sampler, random or adaptive
// (DESIGN.md §4-§5), by a forward pass over the states of the mask lattice.
import { ArgumentRangeError, ArgumentTypeError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { withScratch } from './internal/scratch.js';
import { requireNumber, requireOptions } from './internal/validate.js';
import { requireSizes } from './schedules/validate.js';
import { getRuntime } from './wasm/runtime.js';

/** How the sampler picks the positions revealed at each step. */
export type UnmaskingPolicy = 'random' | 'confidence' | 'margin' | 'entropy' | 'threshold';

/** Kernel codes (assembly/samplerDistribution.ts). */
const POLICY_CODES: Record<UnmaskingPolicy, number> = { random: 0, confidence: 1, margin: 2, entropy: 3, threshold: 4 };

/** Options of samplerDistribution. */
export interface SamplerOptions {
  /** Step sizes s_1..s_K summing to n (every policy but 'threshold'). */
  sizes?: readonly number[];
  /**
   * 'random' (default): a uniformly random set of s_k masked positions; 'confidence': the s_k
   * with the highest max_a p(x_i = a | revealed); 'margin': highest top-1 minus top-2;
   * 'entropy': lowest conditional entropy; 'threshold': every masked position with confidence
   * >= threshold, or the single most confident if none. Ties go to the lowest position; scores
   * within 1e-12 of each other are ties, so float rounding of equal scores never decides.
   */
  policy?: UnmaskingPolicy;
  /** The confidence threshold tau in [0, 1] of the 'threshold' policy. */
  threshold?: number;
}

/**
 * The distribution q of the sampler's output x when it unmasks p's positions step by step,
 * drawing the positions revealed together independently from their exact conditionals
 * p(x_i | revealed) (a perfect denoiser: all error comes from parallelism). For 'random' this
 * is the mixture q_mix = E_S q_S over ordered partitions and kl(p, q) <= expectedKL(p.profile(),
 * sizes).total. Contexts of probability 0 get uniform conditionals (they never affect
 * kl(p, q)). Every policy builds the mask lattice ((q+1)^n cells, kept on the joint).
 * 'random' goes level by level over the schedule's levels w_0 = 0 < w_1 < ... < w_K = n, a
 * block of q^w cells per revealed set: memory, besides the lattice, the two largest levels
 * C(n, w_k) q^(w_k) (one of each parity of k) and the marginals of sizes w_k and w_k + 1;
 * work, sum_k C(n, w_(k+1)) C(w_(k+1), s_(k+1)) q^(w_(k+1)) multiply-adds (q=2, n=16, sizes
 * [4, 4, 4, 4]: 4e9). Adaptive policies push over all lattice states: memory (q+1)^n more
 * cells; work, one chosen set per reachable state.
 * @example kl(p, samplerDistribution(p, { sizes: [2, 2], policy: 'confidence' }))
 */
export function samplerDistribution(joint: Joint, options: SamplerOptions): Joint {
  const fn = 'samplerDistribution';
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const { sizes, policy = 'random', threshold } = requireOptions(fn, options);
  if (!Object.hasOwn(POLICY_CODES, policy)) {
    throw new ArgumentRangeError({ fn, argument: 'options.policy', expected: `one of ${Object.keys(POLICY_CODES).join(', ')}`, received: describe(policy) });
  }
  const { q, n } = joint;
  const sizeAtLevel = new Int32Array(n);
  let tau = 0;
  if (policy === 'threshold') {
    tau = requireNumber(fn, 'options.threshold', threshold, 0, 1);
  } else {
    let w = 0;
    for (const s of requireSizes(fn, sizes, n, 'options.sizes')) {
      sizeAtLevel[w] = s;
      w += s;
    }
  }
  const lattice = joint.latticePointer(fn);
  const { kernels } = getRuntime();
  return withScratch(fn, [Math.ceil(n / 2)], (_, [levels]) => {
    new Int32Array(kernels.memory.buffer, levels, n).set(sizeAtLevel);
    const code = POLICY_CODES[policy];
    const workCells = Math.ceil(kernels.samplerWorkBytes(q, n, code, levels) / 8);
    return withScratch(fn, [workCells], (__, [work]) => (
      Joint.build(fn, q, n, (___, out) => kernels.samplerDistribution(lattice, q, n, code, levels, tau, 1, work, out))
    ));
  });
}
