// m independent draws from a joint, as a histogram: the samples every risk trial starts from.
import { ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireInteger, requireOptions } from '../internal/validate.js';
import { withScratch } from '../internal/scratch.js';
import { requireSeed } from '../random/seed.js';
import type { Runtime } from '../wasm/runtime.js';

/** Options of drawCounts(). */
export interface DrawCountsOptions {
  /** Number of draws m >= 1. */
  count: number;
  /** An integer in [0, 2^53) or a BigInt in [0, 2^64). */
  seed: number | bigint;
  /** Stream of the seed to draw from (default 0), as Xoshiro256StarStar.fromSeed(seed, stream). */
  stream?: number | bigint;
}

/** Tables from this many cells up draw in sorted batches (assembly/categorical.ts); smaller ones stay in cache. */
const SORTED_MIN_CELLS = 1 << 16;
/** Uniforms per sorted batch (two 8 MiB blocks). */
const SORT_CHUNK = 1 << 20;
/** u32 bucket starts of the batch sort (assembly/categorical.ts SORT_BUCKETS). */
const SORT_BUCKETS = 1 << 14;

/** A joint's inverse-CDF table in wasm memory (cumulative sums, guide, last cell of positive mass) and its batch blocks (keys 0: none). */
export interface CategoricalTable {
  readonly cdf: number;
  readonly guide: number;
  readonly last: number;
  readonly keys: number;
  readonly sorted: number;
  readonly starts: number;
  readonly chunk: number;
}

/** Batch size of m draws from `size` cells: 0 when they are drawn one by one. */
function chunkOf(size: number, m: number): number {
  return size >= SORTED_MIN_CELLS ? Math.min(m, SORT_CHUNK) : 0;
}

/** Cells of the blocks of a table over `size` cells for m draws at a time: cdf (f64), guide (i32), keys, sorted, starts (u32). */
export function categoricalCells(size: number, m: number): number[] {
  const chunk = chunkOf(size, m);
  return [size, Math.ceil(size / 2), chunk, chunk, chunk > 0 ? SORT_BUCKETS / 2 : 0];
}

/** Builds the table of `joint` for m draws at a time in the blocks at `pointers` (categoricalCells order). */
export function buildCategorical(runtime: Runtime, joint: Joint, m: number, [cdf, guide, keys, sorted, starts]: number[]): CategoricalTable {
  const chunk = chunkOf(joint.size, m);
  const last = runtime.kernels.categoricalTable(joint.pointer, joint.size, cdf, guide);
  return chunk > 0 ? { cdf, guide, last, keys, sorted, starts, chunk } : { cdf, guide, last, keys: 0, sorted: 0, starts: 0, chunk: 0 };
}

/** Adds m draws (stream `stream` of `seed`) to the histogram at `counts` (not zeroed here). */
export function drawInto(runtime: Runtime, t: CategoricalTable, size: number, seed: bigint, stream: bigint, m: number, counts: number): void {
  runtime.kernels.categoricalCounts(t.cdf, t.guide, size, t.last, BigInt.asIntN(64, seed), BigInt.asIntN(64, stream), m, counts, t.keys, t.sorted, t.starts, t.chunk);
}

/**
 * The histogram of m = options.count independent draws from `joint`: counts[x] = how many
 * draws equal x. Draw k uses uniform k of stream options.stream of options.seed
 * (Xoshiro256StarStar.fromSeed(seed, stream).uniform(), 53 bits) and the inverse CDF, x = the
 * first cell with u T < p(0) + ... + p(x) (sums left to right, T the full sum; past the end by
 * rounding, the last cell of positive mass), the rule of sample(); a guide table makes each draw
 * O(1) on average, and tables of 65536 cells or more draw in sorted batches (the same counts, in
 * cache-friendly order). Same seed, same counts everywhere.
 * O(q^n + m).
 * @example drawCounts(models.uniform(2, 3), { count: 1000, seed: 1 })
 */
export function drawCounts(joint: Joint, options: DrawCountsOptions): Float64Array {
  const fn = 'drawCounts';
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const o = requireOptions(fn, options);
  const m = requireInteger(fn, 'options.count', o.count, 1);
  const seed = requireSeed(fn, 'options.seed', o.seed);
  const stream = requireSeed(fn, 'options.stream', o.stream ?? 0);
  const size = joint.size;
  const blocks = categoricalCells(size, m);
  return withScratch(fn, [...blocks, size], (runtime, pointers) => {
    const table = buildCategorical(runtime, joint, m, pointers);
    const counts = pointers[blocks.length];
    runtime.arena.f64(counts, size).fill(0);
    drawInto(runtime, table, size, seed, stream, m, counts);
    return runtime.arena.f64(counts, size).slice();
  });
}
