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

/** A joint's inverse-CDF table in wasm memory: cumulative sums, guide, last cell of positive mass. */
export interface CategoricalTable {
  readonly cdf: number;
  readonly guide: number;
  readonly last: number;
}

/** Cells of the blocks of a categorical table over `size` cells: cdf (f64), guide (i32). */
export function categoricalCells(size: number): number[] {
  return [size, Math.ceil(size / 2)];
}

/** Builds the table of `joint` in the blocks at `pointers` (categoricalCells order). */
export function buildCategorical(runtime: Runtime, joint: Joint, [cdf, guide]: number[]): CategoricalTable {
  return { cdf, guide, last: runtime.kernels.categoricalTable(joint.pointer, joint.size, cdf, guide) };
}

/** Adds m draws (stream `stream` of `seed`) to the histogram at `counts` (not zeroed here). */
export function drawInto(runtime: Runtime, t: CategoricalTable, size: number, seed: bigint, stream: bigint, m: number, counts: number): void {
  runtime.kernels.categoricalCounts(t.cdf, t.guide, size, t.last, BigInt.asIntN(64, seed), BigInt.asIntN(64, stream), m, counts);
}

/**
 * The histogram of m = options.count independent draws from `joint`: counts[x] = how many
 * draws equal x. Draw k uses uniform k of stream options.stream of options.seed
 * (Xoshiro256StarStar.fromSeed(seed, stream).uniform(), 53 bits) and the inverse CDF, x = the
 * first cell with u T < p(0) + ... + p(x) (sums left to right, T the full sum; past the end by
 * rounding, the last cell of positive mass), the rule of sample(); a guide table makes each draw O(1) on average. Same seed, same counts everywhere.
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
  return withScratch(fn, [...categoricalCells(size), size], (runtime, [cdf, guide, counts]) => {
    const table = buildCategorical(runtime, joint, [cdf, guide]);
    runtime.arena.f64(counts, size).fill(0);
    drawInto(runtime, table, size, seed, stream, m, counts);
    return runtime.arena.f64(counts, size).slice();
  });
}
