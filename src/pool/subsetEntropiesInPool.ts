// All subset entropies in a pool (issue 6): the depth-first marginalisation of
// assembly/subsets.ts split into its top-level branches (branch k: the 2^k masks whose highest
// missing position is k) plus the whole table's entropy, run as separate kernel calls by the
// pool's workers. Each lane (one per worker) has its own scratch; all write disjoint masks of one
// `out` block of the shared memory. Every value comes from the same kernel code, operation for
// operation, as the one-thread subsetEntropies, so the array is bit-identical whatever the
// thread count or which worker ran which branch. A signal stops the run between tasks (see
// Pool.call for the tasks running when it aborts).
import { withScratchAsync } from '../internal/scratch.js';
import { runLanes } from './lanes.js';
import type { Pool } from './Pool.js';
import type { CallMemory } from './port.js';

/** One kernel call of the split: a branch k (>= 0) or the whole table's entropy (-1). */
export interface Task {
  readonly k: number;
  /** Estimated cost, for largest-first order. */
  readonly cost: number;
}

/** A (SIMD) log costs about this many cell reads: timing each task alone on the release build,
 *  the whole table's entropy is ~29% of the work at q = 26, n = 5 (model: 34%). */
const LOG_COST = 2;

/** Cells of scratch one lane needs for any branch: q^(n-1) + ... + q + 1. */
export function subsetScratchCells(q: number, n: number): number {
  let cells = 0;
  for (let d = 1; d <= n; d++) cells += q ** (n - d);
  return cells;
}

/**
 * The tasks, largest first. Branch k reads q^(n-k) (q+1)^k cells and takes q^(n-1-k) (q+1)^k
 * logs (the cells of the marginals it makes); the whole table's entropy reads q^n cells and takes
 * q^n logs. For q = 2, n = 20 branch n-1 is about a third of the work and the rest shrinks by
 * 2/3 per branch; for q = 26, n = 5 the five branches are nearly equal (each dominated by
 * summing one axis out of the whole table) and the whole table's logs weigh about two of them.
 */
export function subsetTasks(q: number, n: number): Task[] {
  const tasks: Task[] = [{ k: -1, cost: q ** n * (1 + LOG_COST) }];
  for (let k = 0; k < n; k++) tasks.push({ k, cost: q ** (n - 1 - k) * (q + 1) ** k * (q + LOG_COST) });
  return tasks.sort((a, b) => b.cost - a.cost || b.k - a.k);
}

/** How a pooled run reports: `signal` stops it, `onProgress(done, total)` follows each task. */
export interface RunControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * What a task's call reads (the table) and writes: branch k the 2^k contiguous masks from
 * 2^n - 2^(k+1) (positions above k present, k absent); plogpSum nothing. The lane's scratch is
 * written before it is read.
 */
export function subsetTaskMemory(task: Task, table: number, q: number, n: number, out: number): CallMemory {
  const reads = [{ at: table, bytes: q ** n * 8 }];
  if (task.k < 0) return { reads, writes: [] };
  return { reads, writes: [{ at: out + (2 ** n - 2 ** (task.k + 1)) * 8, bytes: 2 ** task.k * 8 }] };
}

/**
 * out[mask] = H(X_A) in nats for every subset A, from the table at `table` (q^n cells), computed
 * by the pool's workers; bit-identical to the kernel subsetEntropies. The table must stay
 * allocated until the Promise settles. onProgress(done, n + 1) after each of the n + 1 tasks.
 */
export async function subsetEntropiesInPool(fn: string, pool: Pool, table: number, q: number, n: number, control: RunControl = {}): Promise<Float64Array> {
  const masks = 2 ** n;
  const full = masks - 1;
  const tasks = subsetTasks(q, n);
  const lanes = Math.min(pool.threads, tasks.length);
  const scratchCells = subsetScratchCells(q, n);
  return withScratchAsync(fn, [masks, ...Array.from({ length: lanes }, () => scratchCells)], async (runtime, [out, ...scratch]) => {
    const { signal, onProgress } = control;
    let next = 0;
    let done = 0;
    let whole = 0;
    await runLanes(scratch, () => next < tasks.length, async (lane) => {
      const task = tasks[next++];
      const memory = subsetTaskMemory(task, table, q, n, out);
      if (task.k < 0) whole = (await pool.call('plogpSum', [table, q ** n], memory, signal)) as number;
      else await pool.call('subsetEntropiesBranch', [table, q, n, task.k, out, lane], memory, signal);
      onProgress?.(++done, tasks.length);
    }, signal);
    // As subsetEntropies: out[full] first, then out[0] (the same cell when n = 0).
    const view = runtime.arena.f64(out, masks);
    view[full] = -whole;
    view[0] = 0;
    return view.slice();
  });
}
