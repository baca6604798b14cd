// samplerDistribution in a pool (issue 6). Random policy: the level-compact pass of
// assembly/samplerRandom.ts, level after level; a level's child cells are independent given the
// level before (each sums its parents' terms, parents in increasing order), so each level is
// split into ranges of child blocks (or of parts of blocks, when a level has few) run at once by
// the pool's workers, each in its own lane work
// area, the shared blocks (block offsets, the two levels, the marginals) read by all. Adaptive
// policies: the forward pass over reachable states keeps one hash table whose sums depend on
// the order states are expanded in, so a run is one kernel call, in one worker (off the main
// thread); a law over size vectors runs its vectors one after another. Every value comes from
// the same kernel code in the same order as samplerDistribution on the main thread: bit-identical
// whatever the thread count.
import { binomial, masksOfSize } from '../internal/subsetMasks.js';
import { withScratchAsync } from '../internal/scratch.js';
import type { Runtime } from '../wasm/runtime.js';
import { runLanes } from './lanes.js';
import type { MemoryRange } from './port.js';
import { lazyCallMemory, partBounds, RangeList } from './ranges.js';
import type { PoolRun } from './runOptions.js';

/** A checked samplerDistribution request with its lattice and its plan in memory. */
export interface SamplerRun {
  readonly fn: string;
  readonly run: PoolRun;
  readonly runtime: Runtime;
  readonly lattice: number;
  readonly q: number;
  readonly n: number;
  readonly code: number;
  readonly tau: number;
  readonly temperature: number;
  /** Counts work done (in the request's units) and reports it. */
  readonly progress: (work: number) => void;
}

/** A step call does at least this many multiply-adds (bounds the messages' share)... */
const MIN_PIECE_WORK = 1 << 20;
/** ...and a level is at most this many calls per worker... */
const PIECES_PER_LANE = 4;
/** ...and each call repeats the parents' conditionals: their work over all calls stays below this share of the level's. */
const CONDITIONALS_SHARE = 0.1;

/** Multiply-adds of the random policy's step from w revealed to w + s: C(n, w + s) C(w + s, w) q^(w + s). */
function stepWork(q: number, n: number, w: number, s: number): number {
  return binomial(n, w + s) * binomial(w + s, w) * q ** (w + s);
}

/** Multiply-adds of the random policy's run over `sizes`. */
export function randomWork(q: number, n: number, sizes: readonly number[]): number {
  let work = 0;
  for (let k = 0, w = 0; k < sizes.length; w += sizes[k++]) work += stepWork(q, n, w, sizes[k]);
  return work;
}

/**
 * Byte offsets in the shared area of samplerRandom.ts's layoutShared (16-byte aligned blocks):
 * block offsets (2^n u32), the even and odd levels, the marginals of sizes w and w + 1.
 */
function sharedLayout(q: number, n: number, sizes: readonly number[]) {
  let even = 0;
  let odd = 0;
  let marginals = 0;
  let marginalsNext = 0;
  for (let k = 0, w = 0; k < sizes.length; w += sizes[k++]) {
    const cells = binomial(n, w) * q ** w;
    if (k & 1) odd = Math.max(odd, cells);
    else even = Math.max(even, cells);
    marginals = Math.max(marginals, cells);
    marginalsNext = Math.max(marginalsNext, binomial(n, w + 1) * q ** (w + 1));
  }
  let placed = 0;
  const place = (bytes: number) => {
    const at = placed;
    placed += Math.ceil(bytes / 16) * 16;
    return at;
  };
  return { offsets: place(2 ** n * 4), even: place(even * 8), odd: place(odd * 8), marginals: place(marginals * 8), marginalsNext: place(marginalsNext * 8), bytes: placed };
}

/**
 * The calls of samplerRandomLevel before the step from w: the marginals of sizes w (plusOne = 0)
 * and w + 1 (plusOne = 1), each split by position 0 (branch a < q: sets with x_0 = a, C(n-1,
 * size-1) q^(size-1) cells; branch q: sets without position 0, C(n-1, size) q^size cells),
 * largest first, empty parts left out.
 */
function marginalParts(q: number, n: number, w: number): { plusOne: number; branch: number }[] {
  const parts: { plusOne: number; branch: number; cells: number }[] = [];
  for (let plusOne = 0; plusOne <= 1; plusOne++) {
    const size = w + plusOne;
    for (let branch = 0; branch <= q; branch++) {
      const cells = branch < q ? (size > 0 ? binomial(n - 1, size - 1) * q ** (size - 1) : 0) : n > size ? binomial(n - 1, size) * q ** size : 0;
      if (cells > 0) parts.push({ plusOne, branch, cells });
    }
  }
  return parts.sort((a, b) => b.cells - a.cells);
}

/**
 * What samplerRandomLevel writes for sets of `size` positions and `branch` into marginals at
 * `at`: the block of each set V (offset: V's rank among the sets of its size, in increasing
 * order as bit masks, times q^size cells) without position 0 (branch q), or its part with first
 * digit `branch` (sets with position 0).
 */
function marginalRanges(q: number, n: number, size: number, branch: number, at: number): readonly MemoryRange[] {
  const ranges = new RangeList();
  const block = q ** size;
  for (const [rank, mask] of masksOfSize(n, size).entries()) {
    const cell = rank * block;
    if (branch === q && !(mask & 1)) ranges.add(at + cell * 8, block * 8);
    else if (branch < q && mask & 1) ranges.add(at + (cell + (branch * block) / q) * 8, (block / q) * 8);
  }
  return ranges.ranges;
}

/**
 * How the step from w revealed to w + s is split: into `pieces` calls over ranges of units, a
 * unit being the cells of a child block with their first `digits` digits fixed (C(n, w + s)
 * q^digits units; digits > 0 only when there are fewer blocks than pieces wanted, as for the
 * last level's single block).
 */
function stepSplit(threads: number, q: number, n: number, w: number, s: number): { digits: number; pieces: number } {
  const blocks = binomial(n, w + s);
  // Per call, every parent's (n - w) q conditionals per x_W against C(n - w, s) q^s products per x_W.
  const share = ((n - w) * q) / (binomial(n - w, s) * q ** s);
  const wanted = Math.max(threads, Math.min(threads * PIECES_PER_LANE, Math.floor(CONDITIONALS_SHARE / share)));
  const affordable = Math.max(1, Math.min(wanted, Math.floor(stepWork(q, n, w, s) / MIN_PIECE_WORK)));
  // Equal calls, as many for each worker: 7 calls on 2 workers would leave one idle for the last.
  const calls = affordable < threads ? affordable : affordable - (affordable % threads);
  let digits = 0;
  while (blocks * q ** digits < calls && digits < w + s - 1) digits++;
  return { digits, pieces: Math.min(calls, blocks * q ** digits) };
}

/**
 * out (q^n cells) = the random policy's output law for the size vector `sizes` (its levels at
 * `levels`, n i32), computed by the pool's workers: samplerRandomStart, then per level
 * samplerRandomLevel and samplerRandomSteps over ranges of child blocks.
 */
export async function randomInPool(r: SamplerRun, levels: number, sizes: readonly number[], out: number): Promise<void> {
  const { fn, run, runtime, lattice, q, n } = r;
  const { pool, signal } = run;
  const { kernels } = runtime;
  const layout = sharedLayout(q, n, sizes);
  if (layout.bytes !== kernels.samplerRandomSharedBytes(q, n, levels)) throw new Error(`${fn}: the shared layout differs from the kernel's (an internal error).`);
  const laneCells = Math.ceil(kernels.samplerRandomLaneBytes(q, n, levels) / 8);
  const invT = 1 / r.temperature;
  await withScratchAsync(fn, [Math.ceil(layout.bytes / 8), ...Array.from({ length: pool.threads }, () => laneCells)], async (_, [shared, ...lanes]) => {
    const range = (at: number, bytes: number): MemoryRange => ({ at, bytes });
    const plan = range(levels, n * 4);
    const offsets = range(shared + layout.offsets, 2 ** n * 4);
    const marginals = (w: number) => [range(shared + layout.marginals, binomial(n, w) * q ** w * 8), range(shared + layout.marginalsNext, binomial(n, w + 1) * q ** (w + 1) * 8)];
    await pool.call('samplerRandomStart', [q, n, levels, shared], { reads: [plan], writes: [offsets, range(shared + layout.even, 8)] }, signal);
    for (let k = 0, w = 0; k < sizes.length; w += sizes[k++]) {
      const s = sizes[k];
      const next = w + s;
      const parts = marginalParts(q, n, w);
      let part = 0;
      await runLanes(lanes.slice(0, Math.min(pool.threads, parts.length)), () => part < parts.length, async () => {
        const { plusOne, branch } = parts[part++];
        const target = shared + (plusOne ? layout.marginalsNext : layout.marginals);
        const memory = lazyCallMemory(() => ({ reads: [plan, offsets, range(lattice, (q + 1) ** n * 8)], writes: marginalRanges(q, n, w + plusOne, branch, target) }));
        await pool.call('samplerRandomLevel', [lattice, q, n, levels, shared, w, plusOne, branch], memory, signal);
      }, signal);
      const parents = range(shared + (k & 1 ? layout.odd : layout.even), binomial(n, w) * q ** w * 8);
      const children = next === n ? out : shared + (k & 1 ? layout.even : layout.odd);
      const { digits, pieces } = stepSplit(pool.threads, q, n, w, s);
      const units = binomial(n, next) * q ** digits;
      const unitCells = q ** (next - digits);
      const unitWork = binomial(next, w) * unitCells;
      let piece = 0;
      await runLanes(lanes.slice(0, Math.min(pool.threads, pieces)), () => piece < pieces, async (lane) => {
        const [first, end] = partBounds(units, pieces, piece++);
        const writes = [range(children + first * unitCells * 8, (end - first) * unitCells * 8)];
        await pool.call('samplerRandomSteps', [lattice, q, n, levels, invT, shared, lane, w, out, digits, first, end], { reads: [plan, offsets, parents, ...marginals(w)], writes }, signal);
        r.progress((end - first) * unitWork);
      }, signal);
    }
  });
}

/**
 * out (q^n cells) = an adaptive policy's output law for the size vector at `levels`, by one
 * samplerDistribution call in a worker; false when its work area of workBytes was too small.
 */
export async function adaptiveInPool(r: SamplerRun, levels: number, workBytes: number, out: number): Promise<boolean> {
  const { fn, run, lattice, q, n } = r;
  return withScratchAsync(fn, [Math.ceil(workBytes / 8)], async (_, [work]) => {
    const memory = { reads: [{ at: lattice, bytes: (q + 1) ** n * 8 }, { at: levels, bytes: n * 4 }], writes: [{ at: out, bytes: q ** n * 8 }] };
    const done = await run.pool.call('samplerDistribution', [lattice, q, n, r.code, levels, r.tau, r.temperature, work, workBytes, out], memory, run.signal);
    return done === 1;
  });
}
