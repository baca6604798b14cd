// Temporary blocks of wasm memory for one kernel call (or one run of calls in a pool), checked
// to fit before any work.
import { type Runtime, getRuntime } from '../wasm/runtime.js';

/** Allocates blocks of the given cell counts, all or none; returns them and their release. */
function allocate(fn: string, cells: number[]): { runtime: Runtime; pointers: number[]; release(): void } {
  const runtime = getRuntime();
  const total = cells.reduce((sum, c) => sum + c * 8 + 64, 0);
  runtime.arena.checkFits(fn, `working memory of ${cells.join(' + ')} cells`, total);
  const pointers: number[] = [];
  const release = () => pointers.forEach((p) => runtime.arena.release(p));
  try {
    for (const c of cells) pointers.push(runtime.arena.alloc(fn, `${c} cells`, c * 8));
  } catch (error) {
    release();
    throw error;
  }
  return { runtime, pointers, release };
}

/** Runs `work` with freshly allocated blocks of the given cell counts, released afterwards. */
export function withScratch<T>(fn: string, cells: number[], work: (runtime: Runtime, pointers: number[]) => T): T {
  const { runtime, pointers, release } = allocate(fn, cells);
  try {
    return work(runtime, pointers);
  } finally {
    release();
  }
}

/** As withScratch, for asynchronous work (calls run by a pool): released once it settles. */
export async function withScratchAsync<T>(fn: string, cells: number[], work: (runtime: Runtime, pointers: number[]) => Promise<T>): Promise<T> {
  const { runtime, pointers, release } = allocate(fn, cells);
  try {
    return await work(runtime, pointers);
  } finally {
    release();
  }
}
