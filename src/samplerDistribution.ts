// The exact output distribution of the parallel unmasking sampler, random or adaptive
// (DESIGN.md §4-§5), from the mask lattice.
import { ArgumentTypeError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { withScratch } from './internal/scratch.js';
import { requireNumber, requireOptions } from './internal/validate.js';
import { type SizePlan, encodePlan, requirePlan } from './sampling/plan.js';
import { policyCode, requireTemperature, type UnmaskingPolicy } from './sampling/policy.js';
import type { SizeDistribution } from './schedules/mixture.js';
import { getRuntime } from './wasm/runtime.js';


/** Options of samplerDistribution. */
export interface SamplerOptions {
  /**
   * Step sizes s_1..s_K summing to n (every policy but 'threshold'), or a law over such vectors
   * (a SizeDistribution, e.g. schedules.randomizedGeometric(n, K)), drawn once per run: the
   * result is then sum_s P(s) q(s).
   */
  sizes?: readonly number[] | SizeDistribution;
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
  /**
   * Temperature T > 0 (default 1): every conditional p(x_i = a | revealed) becomes
   * p^(1/T) renormalised over a, computed as (M_a / max_b M_b)^(1/T) so nothing underflows.
   * The policies score these tempered conditionals, the ones the sampler draws from.
   */
  temperature?: number;
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
 * cells; work, one chosen set per reachable state. With a temperature T every conditional is
 * p^(1/T) renormalised (policies score those); with a law over size vectors, one run per vector.
 * @throws ArgumentTypeError, ArgumentRangeError (bad sizes, law, policy, threshold, temperature)
 * @example kl(p, samplerDistribution(p, { sizes: [2, 2], policy: 'confidence' }))
 */
export function samplerDistribution(joint: Joint, options: SamplerOptions): Joint {
  const fn = 'samplerDistribution';
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const { sizes, policy = 'random', threshold, temperature = 1 } = requireOptions(fn, options);
  const code = policyCode(fn, policy);
  requireTemperature(fn, temperature);
  const { q, n } = joint;
  const tau = policy === 'threshold' ? requireNumber(fn, 'options.threshold', threshold, 0, 1) : 0;
  const plan: SizePlan = policy === 'threshold' ? [{ probability: 1, sizes: [n] }] : requirePlan(fn, { sizes }, n);
  const lattice = joint.latticePointer(fn);
  const { kernels } = getRuntime();
  const planBytes = encodePlan(plan, n);
  return withScratch(fn, [planBytes.byteLength / 8], (_, [planAt]) => {
    new Uint8Array(kernels.memory.buffer, planAt, planBytes.byteLength).set(new Uint8Array(planBytes));
    const levelsOf = (v: number) => planAt + plan.length * 8 + v * n * 4;
    const workCells = Math.max(...plan.map((_v, v) => Math.ceil(kernels.samplerWorkBytes(q, n, code, levelsOf(v)) / 8)));
    const run = (v: number, work: number, out: number) => kernels.samplerDistribution(lattice, q, n, code, levelsOf(v), tau, temperature, work, out);
    if (plan.length === 1) return withScratch(fn, [workCells], (__, [work]) => Joint.build(fn, q, n, (___, out) => run(0, work, out)));
    // A law over size vectors: sum_s P(s) q(s), one kernel run per vector.
    return withScratch(fn, [workCells, q ** n], (runtime, [work, single]) => Joint.build(fn, q, n, (___, _out, view) => {
      view().fill(0);
      plan.forEach(({ probability }, v) => {
        run(v, work, single);
        const mix = view();
        const term = runtime.arena.f64(single, q ** n);
        for (let i = 0; i < mix.length; i++) mix[i] += probability * term[i];
      });
    }));
  });
}
