// Temporary blocks of wasm memory for one kernel call, checked to fit before any work.
import { type Runtime, getRuntime } from '../wasm/runtime.js';

/** Runs `work` with freshly allocated blocks of the given cell counts, released afterwards. */
export function withScratch<T>(fn: string, cells: number[], work: (runtime: Runtime, pointers: number[]) => T): T {
  const runtime = getRuntime();
  const total = cells.reduce((sum, c) => sum + c * 8 + 64, 0);
  runtime.arena.checkFits(fn, `working memory of ${cells.join(' + ')} cells`, total);
  const pointers: number[] = [];
  try {
    for (const c of cells) pointers.push(runtime.arena.alloc(fn, `${c} cells`, c * 8));
    return work(runtime, pointers);
  } finally {
    for (const p of pointers) runtime.arena.release(p);
  }
}
