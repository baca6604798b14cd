// The unmasking sampler (DESIGN.md §6): draws rows from a joint the way a masked diffusion model
// with a perfect denoiser would, step by step, in WebAssembly, on the main thread or in a pool.
import type { Joint } from '../Joint.js';
import { withScratch } from '../internal/scratch.js';
import type { Pool } from '../pool/Pool.js';
import { getRuntime } from '../wasm/runtime.js';
import { collectRows, laneAt, laneCells, planCells, prepareBlocks, sampleRequest, sampleResult, sampleRowsArgs, type SampleOptions, type SampleResult } from './sampleRequest.js';
import { sampleInPool } from './sampleInPool.js';

export type { SampleOptions, SampleResult } from './sampleRequest.js';

/** Rows per kernel call: bounds the wasm buffer for rows and paces onProgress. */
const BATCH_ROWS = 65536;

/** Options of sample() run by a pool's workers. */
export interface PooledSampleOptions extends SampleOptions {
  /** Workers from createPool(): the rows are split among them; sample() then returns a Promise. */
  pool: Pool;
}

/**
 * sample() run by a pool's workers (options.pool, from createPool()) on the shared memory, in
 * chunks of rows: the same rows and counts as on the main thread, bit for bit, whatever the
 * thread count, in a Promise (which also carries any error). Keep the joint (do not dispose it)
 * until the Promise settles. options.signal aborts the run (the Promise rejects with its reason;
 * see createPool for the chunks already running); options.onProgress follows each chunk.
 * @example await sample(p, { sizes: [4, 4, 4, 4], count: 1e6, seed: 1, pool })
 */
export function sample(joint: Joint, options: PooledSampleOptions): Promise<SampleResult>;
/**
 * Runs the unmasking sampler `count` times: each step reveals s_k masked positions chosen by the
 * policy, each drawn independently from its exact conditional p(x_i | revealed) by inverse CDF
 * on a 53-bit uniform. The rows are distributed as samplerDistribution(joint, options); their
 * KL to p estimates kl(joint, samplerDistribution(...)). Seeded: row r is drawn with stream r
 * of the seed (Xoshiro256StarStar.fromSeed(seed, r)), so the same seed and options give the same
 * rows everywhere, however a run is split, and the first m rows of a longer run equal a run of m
 * (the table fallback gives the same rows as the lattice up to rounding). Work per row: O(n q)
 * conditionals from the lattice (adaptive policies: O(n q) per step, once per state reached),
 * or the table sums of options.conditionals.
 * With options.pool, see the overload above: the same rows from a pool's workers, in a Promise.
 * @example sample(p, { sizes: [4, 4, 4, 4], count: 1000, seed: 1 }).samples
 */
export function sample(joint: Joint, options: SampleOptions): SampleResult;
export function sample(joint: Joint, options: SampleOptions | PooledSampleOptions): SampleResult | Promise<SampleResult> {
  const fn = 'sample';
  if ((options as { pool?: unknown } | undefined)?.pool !== undefined) return sampleInPool(fn, joint, options as PooledSampleOptions);
  const r = sampleRequest(fn, joint, options);
  const batchRows = Math.min(r.count, BATCH_ROWS);
  const { kernels } = getRuntime();
  return withScratch(fn, [planCells(r), ...laneCells(r, kernels, batchRows)], ({ memory }, [planAt, ...pointers]) => {
    const lane = laneAt(pointers);
    prepareBlocks(r, memory, planAt, [lane]);
    for (let done = 0; done < r.count; done += batchRows) {
      const rows = Math.min(batchRows, r.count - done);
      kernels.sampleRows(...sampleRowsArgs(r, planAt, lane, done, rows));
      collectRows(r, memory, lane, done, rows);
      r.onProgress?.(done + rows, r.count);
    }
    return sampleResult(r, memory, [lane]);
  });
}
