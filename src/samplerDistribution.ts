// The exact output distribution of the parallel unmasking sampler, random or adaptive
// (DESIGN.md §4-§5), from the mask lattice.
import { ArgumentTypeError, describe } from './errors.js';
import { Joint } from './Joint.js';
import { withScratch, withScratchAsync } from './internal/scratch.js';
import { requireOptions } from './internal/validate.js';
import { runLanes } from './pool/lanes.js';
import { type PoolRunOptions, requirePoolRun } from './pool/runOptions.js';
import { type SamplerRun, adaptiveInPool, randomInPool, randomWork } from './pool/samplerInPool.js';
import { type SizePlan, encodePlan, requirePlan } from './sampling/plan.js';
import { type PolicyOptions, requirePolicy } from './sampling/policy.js';
import type { SizeDistribution } from './schedules/mixture.js';
import { getRuntime } from './wasm/runtime.js';

/** Options of samplerDistribution. */
export interface SamplerOptions extends PolicyOptions {
  /**
   * Step sizes s_1..s_K summing to n (every policy but 'threshold'), or a law over such vectors
   * (a SizeDistribution, e.g. schedules.randomizedGeometric(n, K)), drawn once per run: the
   * result is then sum_s P(s) q(s).
   */
  sizes?: readonly number[] | SizeDistribution;
}

/** The threshold policy's first work area in bytes, at least (it starts at 32 q^n). */
const THRESHOLD_START_BYTES = 1 << 20;

/**
 * samplerDistribution run by a pool's workers (options.pool, from createPool()), in a Promise:
 * the same table, bit for bit, whatever the thread count. The lattice, when missing, is built
 * by the pool (Joint.buildLattice({ pool })). 'random': each level's child blocks (or parts of
 * them, the cells with given first digits, when a level has fewer blocks than workers) split
 * into ranges run at once (every child cell summed over its parents in the same order as on the
 * main thread; each range recomputes its parents' conditionals, a few percent more work in all);
 * memory, besides the above, one lane work area per worker (conditionals, prefixes and products
 * of one parent). Adaptive policies: each run is one kernel call in one worker (their state
 * table's sums depend on the order states are expanded in), so the main thread stays free but
 * a single run gains no speed; a law over size vectors runs one vector per worker at a time
 * (memory: a q^n table per worker), mixed in the law's order.
 * options.signal stops the run (no new call; rejecting with signal.reason, see createPool);
 * options.onProgress(done, total) counts multiply-adds for 'random' and runs (one per size
 * vector) for adaptive policies. Keep the joint until the Promise settles.
 * @example const q = await samplerDistribution(p, { sizes: [4, 4, 4, 4], pool }) // createPool({ threads: 2 })
 */
export function samplerDistribution(joint: Joint, options: SamplerOptions & PoolRunOptions): Promise<Joint>;
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
 * [4, 4, 4, 4]: 4e9). Adaptive policies choose one set S per state, so they reach few states;
 * they go over those only, by number of revealed positions, fully revealed ones straight into
 * the output. Fixed sizes reach N_k <= min(q^(w_k), C(n, w_k) q^(w_k)) states with w_k
 * revealed: memory, besides the lattice and the output, 20 bytes a slot of a hash table of the
 * power of two >= 4/3 sum_{k<K} N_k slots (q=2, n=16, [4, 4, 4, 4]: 4369 states, 165 kB);
 * work, per state with m masked, m q conditionals read from the lattice and scored, then
 * q^|S| products: at most sum_{k<K} N_k ((n - w_k) q + q^(s_(k+1))). 'threshold' reveals any
 * number, and its a-priori bound (sum_{w<n} N_w, N_w <= min(sum_{w'<w} N_{w'} q^(w-w'),
 * C(n, w) q^w)) is near the lattice's size, so its table starts at 32 q^n bytes (about
 * 1.2 q^n states) and doubles, rerunning, until the states it reaches fit (q=2, n=16,
 * tau=0.6, a Dirichlet table: 2 MB). With a temperature T every conditional is p^(1/T)
 * renormalised (policies score those); with a law over size vectors, one run per vector.
 * @throws ArgumentTypeError, ArgumentRangeError (bad sizes, law, policy, threshold, temperature),
 * MemoryLimitError (before any work; for 'threshold', before the run that needs more)
 * @example kl(p, samplerDistribution(p, { sizes: [2, 2], policy: 'confidence' }))
 */
export function samplerDistribution(joint: Joint, options: SamplerOptions): Joint;
export function samplerDistribution(joint: Joint, options: SamplerOptions | (SamplerOptions & PoolRunOptions)): Joint | Promise<Joint> {
  const fn = 'samplerDistribution';
  if ((options as { pool?: unknown } | undefined)?.pool !== undefined) return samplerDistributionInPool(fn, joint, options as SamplerOptions & PoolRunOptions);
  const { q, n, code, tau, temperature, plan, policy } = samplerRequest(fn, joint, options);
  const lattice = joint.latticePointer(fn);
  const { kernels } = getRuntime();
  const planBytes = encodePlan(plan, n);
  return withScratch(fn, [planBytes.byteLength / 8], (_, [planAt]) => {
    new Uint8Array(kernels.memory.buffer, planAt, planBytes.byteLength).set(new Uint8Array(planBytes));
    const levelsOf = (v: number) => planAt + plan.length * 8 + v * n * 4;
    // Work bytes that always suffice (kernels.samplerWorkBytes); the kernel returns 0 (nothing
    // usable in out) when an adaptive run outgrows a smaller area.
    const bound = Math.max(...plan.map((_v, v) => kernels.samplerWorkBytes(q, n, code, levelsOf(v))));
    const run = (v: number, work: number, workBytes: number, out: number) => kernels.samplerDistribution(lattice, q, n, code, levelsOf(v), tau, temperature, work, workBytes, out) === 1;
    const overflow = () => new Error(`${fn}: the adaptive state table outgrew its bound (an internal error).`);
    if (policy === 'threshold') {
      // The threshold policy's bound is loose (up to a few times the lattice's 8 (q+1)^n bytes):
      // start at four output tables' size and double, from scratch, until the states fit.
      return Joint.build(fn, q, n, (__, out) => {
        for (let bytes = Math.min(bound, Math.max(THRESHOLD_START_BYTES, 32 * q ** n)); ; bytes = Math.min(bound, 2 * bytes)) {
          if (withScratch(fn, [Math.ceil(bytes / 8)], (___, [work]) => run(0, work, bytes, out))) return;
          if (bytes >= bound) throw overflow();
        }
      });
    }
    const workCells = Math.ceil(bound / 8);
    const runOnce = (v: number, work: number, out: number) => {
      if (!run(v, work, workCells * 8, out)) throw overflow();
    };
    if (plan.length === 1) return withScratch(fn, [workCells], (__, [work]) => Joint.build(fn, q, n, (___, out) => runOnce(0, work, out)));
    // A law over size vectors: sum_s P(s) q(s), one kernel run per vector.
    return withScratch(fn, [workCells, q ** n], (runtime, [work, single]) => Joint.build(fn, q, n, (___, _out, view) => {
      view().fill(0);
      plan.forEach(({ probability }, v) => {
        runOnce(v, work, single);
        mixIn(view(), probability, runtime.arena.f64(single, q ** n));
      });
    }));
  });
}

/** samplerDistribution's options, checked. */
function samplerRequest(fn: string, joint: unknown, options: SamplerOptions) {
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const o = requireOptions(fn, options);
  const { code, threshold: tau, temperature } = requirePolicy(fn, o);
  const { q, n } = joint;
  const plan: SizePlan = requirePlan(fn, { sizes: o.sizes }, n, o.policy);
  return { joint, q, n, code, tau, temperature, plan, policy: o.policy ?? 'random' };
}

/** mix[i] += probability * term[i], the terms of a law over size vectors added in its order. */
function mixIn(mix: Float64Array, probability: number, term: Float64Array): void {
  for (let i = 0; i < mix.length; i++) mix[i] += probability * term[i];
}

/** samplerDistribution(joint, { ..., pool }): the same runs, by the pool's workers. */
async function samplerDistributionInPool(fn: string, joint: Joint, options: SamplerOptions & PoolRunOptions): Promise<Joint> {
  const { q, n, code, tau, temperature, plan, policy } = samplerRequest(fn, joint, options);
  const run = requirePoolRun(fn, options);
  const lattice = await joint.latticePointerInPool(fn, { pool: run.pool, signal: run.signal });
  const planBytes = encodePlan(plan, n);
  const random = policy === 'random';
  const total = random ? plan.reduce((sum, { sizes }) => sum + randomWork(q, n, sizes), 0) : plan.length;
  let done = 0;
  return withScratchAsync(fn, [planBytes.byteLength / 8], async (runtime, [planAt]) => {
    const { kernels } = runtime;
    new Uint8Array(kernels.memory.buffer, planAt, planBytes.byteLength).set(new Uint8Array(planBytes));
    const levelsOf = (v: number) => planAt + plan.length * 8 + v * n * 4;
    const r: SamplerRun = {
      fn, run, runtime, lattice, q, n, code, tau, temperature,
      progress: (work) => run.onProgress?.((done += work), total),
    };
    const bound = Math.max(...plan.map((_v, v) => kernels.samplerWorkBytes(q, n, code, levelsOf(v))));
    const overflow = () => new Error(`${fn}: the adaptive state table outgrew its bound (an internal error).`);
    const runOnce = async (v: number, out: number) => {
      if (random) return randomInPool(r, levelsOf(v), plan[v].sizes, out);
      if (policy === 'threshold') {
        // As on the main thread: from four output tables' size, doubling until the states fit.
        for (let bytes = Math.min(bound, Math.max(THRESHOLD_START_BYTES, 32 * q ** n)); !(await adaptiveInPool(r, levelsOf(v), bytes, out)); bytes = Math.min(bound, 2 * bytes)) {
          if (bytes >= bound) throw overflow();
        }
      } else if (!(await adaptiveInPool(r, levelsOf(v), bound, out))) throw overflow();
      r.progress(1);
    };
    if (plan.length === 1) return Joint.buildAsync(fn, q, n, (out) => runOnce(0, out));
    // A law over size vectors: sum_v P(v) q(v), added in v's order. A random run is split over
    // the workers already; adaptive runs (one call each) go a wave of one per worker at a time,
    // each into its own table, mixed in order once the wave has ended.
    const wave = random ? 1 : Math.min(run.pool.threads, plan.length);
    return withScratchAsync(fn, Array.from({ length: wave }, () => q ** n), async (_, singles) => Joint.buildAsync(fn, q, n, async (_out, view) => {
      view().fill(0);
      for (let start = 0; start < plan.length; start += wave) {
        const count = Math.min(wave, plan.length - start);
        let next = start;
        const termOf: number[] = [];
        await runLanes(singles.slice(0, count), () => next < start + count, async (single) => {
          const v = next++;
          termOf[v - start] = single;
          await runOnce(v, single);
        }, run.signal);
        for (let i = 0; i < count; i++) mixIn(view(), plan[start + i].probability, runtime.arena.f64(termOf[i], q ** n));
      }
    }));
  });
}
