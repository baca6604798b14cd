// sample() in a pool: lanes of sampleRows calls, one per worker, each in its own blocks (kernel
// scratch, rows, counts) of the shared memory, pulling fixed chunks of rows in turn. Row r is
// drawn from stream r of the seed, so the rows do not depend on which lane drew them; each lane
// adds to its own counts, summed at the end (whole numbers: exact). options.signal stops the
// run: no new chunk starts, and the Promise rejects with its reason once the running calls have
// stopped (their blocks are freed only then). A lattice the rows need is built by the pool
// first (Joint.buildLattice({ pool })).
import { MemoryLimitError } from '../errors.js';
import { Joint } from '../Joint.js';
import { withScratchAsync } from '../internal/scratch.js';
import { requireSignal } from '../internal/validate.js';
import { requirePool } from '../pool/createPool.js';
import { getRuntime } from '../wasm/runtime.js';
import { runLanes } from '../pool/lanes.js';
import type { Pool } from '../pool/Pool.js';
import { collectRows, laneAt, laneCells, planCells, prepareBlocks, sampleRequest, sampleResult, sampleRowsArgs, sampleRowsMemory, type SampleOptions, type SampleResult } from './sampleRequest.js';

/** Rows per call, at most (bounds each lane's rows block) and at least (bounds message overhead). */
const MAX_CHUNK_ROWS = 65536;
const MIN_CHUNK_ROWS = 1024;
/** Chunks per lane when rows are plenty, so lanes finish close together. */
const CHUNKS_PER_LANE = 16;

/** sample(joint, { ...options, pool }): the rows drawn by the pool's workers. */
export async function sampleInPool(fn: string, joint: Joint, options: SampleOptions & { pool: Pool }): Promise<SampleResult> {
  const pool = requirePool(fn, 'options.pool', options.pool);
  await latticeInPool(fn, joint, options.conditionals, pool, requireSignal(fn, 'options.signal', options.signal));
  const r = sampleRequest(fn, joint, options);
  const chunk = Math.min(r.count, MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, Math.ceil(r.count / (pool.threads * CHUNKS_PER_LANE))));
  const lanes = Math.min(pool.threads, Math.ceil(r.count / chunk));
  const cells = laneCells(r, getRuntime().kernels, chunk);
  const all = Array.from({ length: lanes }, () => cells).flat();
  return withScratchAsync(fn, [planCells(r), ...all], async ({ memory }, [planAt, ...pointers]) => {
    const blocks = Array.from({ length: lanes }, (_, i) => laneAt(pointers.slice(i * cells.length, (i + 1) * cells.length)));
    prepareBlocks(r, memory, planAt, blocks);
    let next = 0;
    let done = 0;
    await runLanes(blocks, () => next < r.count, async (lane) => {
      const first = next;
      const rows = Math.min(chunk, r.count - first);
      next += rows;
      await pool.call('sampleRows', sampleRowsArgs(r, planAt, lane, first, rows), sampleRowsMemory(r, planAt, lane, rows), r.signal);
      collectRows(r, memory, lane, first, rows);
      done += rows;
      r.onProgress?.(done, r.count);
    }, r.signal);
    return sampleResult(r, memory, blocks);
  });
}

/**
 * Builds the joint's lattice in the pool when the rows may use it ('auto' or 'lattice'), so that
 * sampleRequest finds it built; a lattice that does not fit is left to sampleRequest, which
 * falls back to table sums or names the error as on the main thread.
 */
async function latticeInPool(fn: string, joint: unknown, choice: unknown, pool: Pool, signal: AbortSignal | undefined): Promise<void> {
  if (!(joint instanceof Joint) || (choice !== undefined && choice !== 'auto' && choice !== 'lattice')) return;
  try {
    await joint.latticePointerInPool(fn, { pool, signal });
  } catch (error) {
    if (!(error instanceof MemoryLimitError)) throw error;
  }
}
