// A joint probability table over [q]^n, resident in WebAssembly memory, with its information
// measures (DESIGN.md §3). Conventions (§2): nats unless { base } says otherwise; the table is
// row-major with position 0 most significant; subsets are bit masks (bit i <=> position i).
import { ArgumentRangeError, NormalizationError } from './errors.js';
import { type FromSamplesOptions, type SampleRows, fromSamples } from './fromSamples.js';
import { fsum } from './internal/fsum.js';
import { type Blocks as OwnedBlocks, JointBase, scaled } from './internal/JointBase.js';
import { requireShape } from './internal/shape.js';
import { type MeasureOptions, requireCallback, requireNumber, requireOptions, requireSignal, requireTable, unitDivisor } from './internal/validate.js';
import { withScratch } from './internal/scratch.js';
import type { Profile } from './internal/subsetMeasures.js';
import { requirePool } from './pool/createPool.js';
import type { Pool } from './pool/Pool.js';
import { buildLatticeInPool } from './pool/latticeInPool.js';
import { type PoolRun, type PoolRunOptions, requirePoolRun } from './pool/runOptions.js';
import { subsetEntropiesInPool, subsetScratchCells } from './pool/subsetEntropiesInPool.js';
import type { SparseJoint } from './SparseJoint.js';
import { type Runtime, getRuntime } from './wasm/runtime.js';

export type { Profile };

/** Options of subsetEntropies() and profile(). */
export interface SubsetEntropiesOptions extends MeasureOptions {
  /**
   * Checked before any work: if it has aborted, the call throws its reason. With a pool, also
   * watched during the run: the Promise rejects with the reason and no new branch starts.
   */
  signal?: AbortSignal;
}

/** Options of a measure run by a pool's workers: the measure then returns a Promise. */
export interface PooledMeasureOptions extends SubsetEntropiesOptions {
  /** Workers from createPool(). */
  pool: Pool;
  /** Called after each piece of work (a branch of the subsets, or H(X)) with (pieces done, pieces). */
  onProgress?: (done: number, total: number) => void;
}

/** Options of Joint.fromProbabilities. */
export interface FromProbabilitiesOptions {
  /** Largest accepted |sum - 1| (default 1e-9). The table is used as given, never renormalised. */
  tolerance?: number;
}

const DEFAULT_TOLERANCE = 1e-9;

/** The wasm blocks a joint owns: its table and, once built, its mask lattice (-1: none). */
type Blocks = OwnedBlocks & { table: number; lattice: number };

export class Joint extends JointBase<Blocks> {
  /** @internal */
  protected readonly kind = 'Joint';
  /** The lattice being built by a pool, if one is. */
  #building?: Promise<void>;

  private constructor(q: number, n: number, pointer: number) {
    super(q, n, { table: pointer, lattice: -1 });
  }

  /**
   * A joint from a table of probabilities: `values[x]` for x in [q]^n, row-major (flat index of
   * x = sum_i x_i q^(n-1-i)). Entries must be finite and >= 0 and sum to 1 within
   * `options.tolerance` (1e-9); the table is copied as given, not renormalised.
   * @throws ArgumentTypeError, ArgumentRangeError, NormalizationError, MemoryLimitError
   * @example Joint.fromProbabilities(2, 2, [0.5, 0, 0, 0.5]).entropy({ base: 2 }) // 1
   */
  static fromProbabilities(q: number, n: number, values: Float64Array | readonly number[], options?: FromProbabilitiesOptions): Joint {
    const fn = 'Joint.fromProbabilities';
    const size = requireShape(fn, q, n);
    const { tolerance = DEFAULT_TOLERANCE } = requireOptions(fn, options);
    requireNumber(fn, 'options.tolerance', tolerance, 0);
    const table = requireTable(fn, 'values', values, size);
    const sum = fsum(table);
    if (!(Math.abs(sum - 1) <= tolerance)) throw new NormalizationError(fn, 'values', sum, tolerance);
    return Joint.copyOf(fn, q, n, table);
  }

  /**
   * A joint from a table of non-negative counts (or weights), normalised: p(x) = c(x) / sum c.
   * @throws ArgumentTypeError, ArgumentRangeError (a negative or non-finite count, all zero)
   * @example Joint.fromCounts(2, 1, [3, 1]).probabilities() // Float64Array [0.75, 0.25]
   */
  static fromCounts(q: number, n: number, counts: Float64Array | readonly number[]): Joint {
    const fn = 'Joint.fromCounts';
    const size = requireShape(fn, q, n);
    const table = requireTable(fn, 'counts', counts, size);
    const total = fsum(table);
    if (!(total > 0 && total < Infinity)) {
      throw new ArgumentRangeError({ fn, argument: 'counts', expected: 'a table with a positive finite total', received: `total ${total}` });
    }
    const joint = Joint.copyOf(fn, q, n, table);
    const view = joint.#view();
    for (let i = 0; i < size; i++) view[i] /= total;
    return joint;
  }

  /**
   * The empirical distribution of samples, p(x) = (rows equal to x) / (rows): rows as a
   * Uint8Array or Uint16Array of count × n codes < q (options.q, options.n required), an array
   * of strings (each character a symbol) or an array of arrays of strings (each element a
   * symbol), mapped through options.alphabet (default: the distinct symbols seen, sorted; q its
   * length, n the first row's). Returns a dense Joint when q^n <= max(2^16, 16 × support), else
   * a SparseJoint (the support as sorted 64-bit keys: needs n ceil(log2 q) <= 64); options.
   * representation 'dense' or 'sparse' forces one. Both have the same measures. Rows are packed
   * into keys, radix-sorted and counted in wasm: O(count n) (1e6 rows of codes in 0.15-0.3 s).
   * @throws ArgumentTypeError, ArgumentRangeError (a symbol >= q or not in the alphabet, ragged
   * rows, no rows, n > 32, keys over 64 bits for 'sparse'), MemoryLimitError
   * @example Joint.fromSamples(['ab', 'ba', 'ab', 'bb']).entropy({ base: 2 }) // 1.5
   */
  static fromSamples(rows: SampleRows, options: FromSamplesOptions & { representation: 'sparse' }): SparseJoint;
  static fromSamples(rows: SampleRows, options: FromSamplesOptions & { representation: 'dense' }): Joint;
  static fromSamples(rows: SampleRows, options?: FromSamplesOptions): Joint | SparseJoint;
  static fromSamples(rows: SampleRows, options: FromSamplesOptions = {}): Joint | SparseJoint {
    return fromSamples(rows, options);
  }

  /** @internal A joint whose table `fill` writes into fresh wasm memory (no validation). */
  static build(fn: string, q: number, n: number, fill: (runtime: Runtime, pointer: number, table: () => Float64Array) => void): Joint {
    const size = requireShape(fn, q, n);
    const runtime = getRuntime();
    const pointer = runtime.arena.alloc(fn, `a table of ${size} cells`, size * 8);
    try {
      fill(runtime, pointer, () => runtime.arena.f64(pointer, size));
    } catch (error) {
      runtime.arena.release(pointer);
      throw error;
    }
    return new Joint(q, n, pointer);
  }

  /** @internal Joint.build for an asynchronous fill (kernel calls run by a pool). */
  static async buildAsync(fn: string, q: number, n: number, fill: (pointer: number, table: () => Float64Array) => Promise<void>): Promise<Joint> {
    const size = requireShape(fn, q, n);
    const runtime = getRuntime();
    const pointer = runtime.arena.alloc(fn, `a table of ${size} cells`, size * 8);
    try {
      await fill(pointer, () => runtime.arena.f64(pointer, size));
    } catch (error) {
      runtime.arena.release(pointer);
      throw error;
    }
    return new Joint(q, n, pointer);
  }

  private static copyOf(fn: string, q: number, n: number, table: Float64Array): Joint {
    return Joint.build(fn, q, n, (_runtime, _pointer, view) => view().set(table));
  }

  /** @internal Byte offset of the table in wasm memory. */
  get pointer(): number {
    if (this.blocks.table < 0) throw new Error('Joint: this joint has been disposed.');
    return this.blocks.table;
  }

  /**
   * @internal Byte offset of the mask lattice ((q+1)^n cells, DESIGN.md §5), built on first use
   * and kept until dispose(). Throws MemoryLimitError before building if it cannot fit.
   */
  latticePointer(fn: string): number {
    if (this.blocks.lattice < 0) {
      const { q, n } = this;
      const runtime = getRuntime();
      const lattice = this.#allocLattice(fn);
      runtime.kernels.latticeBuild(this.pointer, q, n, lattice);
      this.blocks.lattice = lattice;
    }
    return this.blocks.lattice;
  }

  /**
   * @internal latticePointer() with the lattice built by a pool's workers when it is missing (a
   * build already under way is awaited, and redone if it failed). Rejects with MemoryLimitError
   * before building if it cannot fit.
   */
  async latticePointerInPool(fn: string, run: PoolRun): Promise<number> {
    while (this.blocks.lattice < 0) {
      if (this.#building !== undefined) {
        await this.#building.catch(() => undefined);
        continue;
      }
      const table = this.pointer;
      const lattice = this.#allocLattice(fn);
      const building = buildLatticeInPool(run, table, this.q, this.n, lattice);
      this.#building = building;
      try {
        await building;
      } catch (error) {
        getRuntime().arena.release(lattice);
        throw error;
      } finally {
        this.#building = undefined;
      }
      // Built meanwhile on the main thread, or disposed: this one is not needed.
      if (this.blocks.lattice >= 0 || this.blocks.table < 0) getRuntime().arena.release(lattice);
      else this.blocks.lattice = lattice;
    }
    return this.blocks.lattice;
  }

  #allocLattice(fn: string): number {
    const { q, n } = this;
    const cells = (q + 1) ** n;
    return getRuntime().arena.alloc(fn, `the mask lattice of (q+1)^n = ${q + 1}^${n} = ${cells} cells`, cells * 8);
  }

  /**
   * buildLattice() by a pool's workers (options.pool, from createPool()): each pass split into
   * ranges of cells run at once, a pass starting when the one before has ended, every cell the
   * same sum in the same order as on the main thread, so the lattice is bit-identical whatever
   * the thread count. options.signal stops it (no new call; rejecting with signal.reason, no
   * lattice kept); options.onProgress(done, total) counts cells made, total (q+1)^n - q^n. Keep
   * the joint (do not dispose it) until the Promise settles.
   * @example await p.buildLattice({ pool }) // createPool({ threads: 2 })
   */
  buildLattice(options: PoolRunOptions): Promise<void>;
  /**
   * Builds the mask lattice ((q+1)^n cells, DESIGN.md §5) now, if it is not built yet, and keeps
   * it until dispose(); samplerDistribution() and sample() use it (and build it when needed),
   * and subset entropies are then read from it. Each pass i = n-1, ..., 0 sums position i out
   * of the cells whose earlier positions are revealed: (q+1)^n - q^n sums of q terms.
   * With options.pool, see the overload above: built by a pool's workers, in a Promise.
   * @throws MemoryLimitError (before any work)
   */
  buildLattice(): void;
  buildLattice(options?: PoolRunOptions): void | Promise<void> {
    const fn = 'Joint.buildLattice';
    if (options !== undefined) {
      return (async () => {
        await this.latticePointerInPool(fn, requirePoolRun(fn, requireOptions(fn, options)));
      })();
    }
    this.latticePointer(fn);
  }

  /** A copy of the table, row-major. */
  probabilities(): Float64Array {
    return this.#view().slice();
  }

  /**
   * subsetEntropies() run by a pool's workers (options.pool, from createPool()) on the shared
   * memory, one top-level branch of the depth-first marginalisation per call (branch k: the 2^k
   * masks whose highest missing position is k; largest first, taken by whichever worker is free),
   * plus H(X) as a call of its own. Every entry is made by the same kernel code as without a
   * pool, so the array is bit-identical to subsetEntropies() whatever the thread count. Extra
   * memory: one q^(n-1) + ... + 1 cell scratch per worker. The result is cached as without a
   * pool (a joint whose mask lattice is built answers from it on the calling thread). Keep the
   * joint (do not dispose it) until the Promise settles; errors reject it. options.signal aborts
   * (rejecting with its reason), options.onProgress(done, n + 1) follows each piece.
   * @example await p.subsetEntropies({ pool }) // createPool({ threads: 2 })
   */
  subsetEntropies(options: PooledMeasureOptions): Promise<Float64Array>;
  /**
   * H(X_A) for every subset A of positions, indexed by bit mask (bit i <=> position i in A),
   * H(X_∅) = 0. Depth-first marginalisation: (q+1)^n cell visits, O(q^n) extra memory.
   * With options.pool, see the overload above: the same array from a pool's workers, in a Promise.
   */
  subsetEntropies(options?: SubsetEntropiesOptions): Float64Array;
  subsetEntropies(options?: SubsetEntropiesOptions | PooledMeasureOptions): Float64Array | Promise<Float64Array> {
    const fn = 'Joint.subsetEntropies';
    if ((options as { pool?: unknown } | undefined)?.pool !== undefined) {
      return (async () => {
        const divisor = unitDivisor(fn, options);
        return scaled(await this.#subsetsInPool(fn, options as PooledMeasureOptions), divisor);
      })();
    }
    const divisor = unitDivisor(fn, options);
    requireSignal(fn, 'options.signal', options?.signal)?.throwIfAborted();
    return scaled(this.subsetsNats(fn), divisor);
  }

  /**
   * profile() with its subset entropies from a pool's workers (options.pool; see
   * subsetEntropies({ pool })): the same h and D, bit for bit, in a Promise.
   * @example const { h, D } = await p.profile({ pool, base: 2 })
   */
  profile(options: PooledMeasureOptions): Promise<Profile>;
  /**
   * Entropy profile h(j) = mean over |A| = j of H(X_A), j = 0..n, and D(j) = h(j+1) - h(j)
   * (non-increasing). TC = n D(0) - h(n), DTC = h(n) - n D(n-1). O((q+1)^n).
   * With options.pool, see the overload above: the subset entropies from a pool, in a Promise.
   */
  profile(options?: SubsetEntropiesOptions): Profile;
  profile(options?: SubsetEntropiesOptions | PooledMeasureOptions): Profile | Promise<Profile> {
    const fn = 'Joint.profile';
    const result = (divisor: number): Profile => {
      const { h, D } = this.profileNats(fn);
      return { h: scaled(h, divisor), D: scaled(D, divisor) };
    };
    if ((options as { pool?: unknown } | undefined)?.pool !== undefined) {
      return (async () => {
        const divisor = unitDivisor(fn, options);
        await this.#subsetsInPool(fn, options as PooledMeasureOptions);
        return result(divisor);
      })();
    }
    const divisor = unitDivisor(fn, options);
    requireSignal(fn, 'options.signal', options?.signal)?.throwIfAborted();
    return result(divisor);
  }

  #view(): Float64Array {
    return getRuntime().arena.f64(this.pointer, this.size);
  }

  /** @internal H(X), read off the subset entropies when they are cached. */
  protected computeEntropy(): number {
    return this.cache.subsets?.[2 ** this.n - 1] ?? -getRuntime().kernels.plogpSum(this.pointer, this.size);
  }

  /** @internal */
  protected computeMarginals(): Float64Array {
    const { q, n } = this;
    return withScratch('Joint.marginals', [n * q], (runtime, [out]) => {
      runtime.kernels.positionMarginals(this.pointer, q, n, out);
      return runtime.arena.f64(out, n * q).slice();
    });
  }

  /** @internal Read off the subset entropies when they are cached, else from the marginals. */
  protected computeMarginalEntropies(): Float64Array {
    const { q, n } = this;
    const subsets = this.cache.subsets;
    return subsets !== undefined
      ? Float64Array.from({ length: n }, (_, i) => subsets[2 ** i])
      : withScratch('Joint.marginalEntropies', [n * q], (runtime, [out]) => {
        // Compute the marginals before making the view: their own allocation may grow (detach) memory.
        const marginals = this.marginalsCached();
        runtime.arena.f64(out, n * q).set(marginals);
        return Float64Array.from({ length: n }, (_, i) => -runtime.kernels.plogpSum(out + i * q * 8, q));
      });
  }

  /** @internal */
  protected computeLeaveOneOut(): Float64Array {
    const full = 2 ** this.n - 1;
    return Float64Array.from({ length: this.n }, (_, i) => this.maskEntropy('Joint.leaveOneOutEntropies', full - 2 ** i));
  }

  /** @internal From the subset entropies when they are cached; scratch errors name Joint.subsetEntropy. */
  protected maskEntropy(_fn: string, mask: number): number {
    if (this.cache.subsets !== undefined) return this.cache.subsets[mask];
    if (mask === 2 ** this.n - 1) return this.entropyNats();
    if (mask === 0) return 0;
    const { q, n } = this;
    return withScratch('Joint.subsetEntropy', [this.size / q], (runtime, [scratch]) =>
      runtime.kernels.maskEntropy(this.pointer, q, n, mask, scratch));
  }

  /** @internal Scratch errors name Joint.subsetEntropies whichever measure asked. */
  protected computeSubsets(_fn: string): Float64Array {
    const { q, n } = this;
    const lattice = this.blocks.lattice;
    if (lattice >= 0) {
      // The lattice is already built: one pass over it, 2^n cells of scratch.
      return withScratch('Joint.subsetEntropies', [2 ** n, 2 ** n], (runtime, [out, scratch]) => {
        runtime.kernels.latticeSubsetEntropies(lattice, q, n, out, scratch);
        return runtime.arena.f64(out, 2 ** n).slice();
      });
    }
    // Depth-first marginalisation: O(q^n) extra memory instead of the lattice's (q+1)^n.
    return withScratch('Joint.subsetEntropies', [2 ** n, subsetScratchCells(q, n)], (runtime, [out, scratch]) => {
      runtime.kernels.subsetEntropies(this.pointer, q, n, out, scratch);
      return runtime.arena.f64(out, 2 ** n).slice();
    });
  }

  /**
   * subsetsNats() by a pool's workers when it is not cached and no lattice is built (otherwise on
   * this thread, as one piece of progress).
   */
  async #subsetsInPool(fn: string, options: PooledMeasureOptions): Promise<Float64Array> {
    const pool = requirePool(fn, 'options.pool', options.pool);
    const signal = requireSignal(fn, 'options.signal', options.signal);
    const onProgress = requireCallback<(done: number, total: number) => void>(fn, 'options.onProgress', options.onProgress);
    signal?.throwIfAborted();
    if (this.cache.subsets === undefined && this.blocks.lattice < 0) {
      const subsets = await subsetEntropiesInPool(fn, pool, this.pointer, this.q, this.n, { ...(signal && { signal }), ...(onProgress && { onProgress }) });
      this.cache.subsets ??= subsets;
      return this.subsetsNats(fn);
    }
    const subsets = this.subsetsNats(fn);
    onProgress?.(1, 1);
    return subsets;
  }
}
