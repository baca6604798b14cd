// A joint probability table over [q]^n, resident in WebAssembly memory, with its information
// measures (DESIGN.md §3). Conventions (§2): nats unless { base } says otherwise; the table is
// row-major with position 0 most significant; subsets are bit masks (bit i <=> position i).
import { ArgumentRangeError, NormalizationError, describe } from './errors.js';
import { type FromSamplesOptions, type SampleRows, fromSamples } from './fromSamples.js';
import { fsum } from './internal/fsum.js';
import { positionMask, requireShape } from './internal/shape.js';
import { type MeasureOptions, requireCallback, requireNumber, requireOptions, requireSignal, requireTable, unitDivisor } from './internal/validate.js';
import { withScratch } from './internal/scratch.js';
import { type Profile, coinformationFromSubsets, profileFromSubsets, tseFromProfile } from './internal/subsetMeasures.js';
import { requirePool } from './pool/createPool.js';
import type { Pool } from './pool/Pool.js';
import { buildLatticeInPool } from './pool/latticeInPool.js';
import { type PoolRun, type PoolRunOptions, requirePoolRun } from './pool/runOptions.js';
import { subsetEntropiesInPool } from './pool/subsetEntropiesInPool.js';
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
interface Blocks {
  table: number;
  lattice: number;
}

function release(blocks: Blocks): void {
  const { arena } = getRuntime();
  if (blocks.table >= 0) arena.release(blocks.table);
  if (blocks.lattice >= 0) arena.release(blocks.lattice);
  blocks.table = blocks.lattice = -1;
}

const registry = new FinalizationRegistry<Blocks>(release);

/** Cached results, all in nats. */
interface Cache {
  entropy?: number;
  marginals?: Float64Array;
  marginalEntropies?: Float64Array;
  leaveOneOut?: Float64Array;
  subsets?: Float64Array;
  profile?: Profile;
}

function scaled(values: Float64Array, divisor: number): Float64Array {
  return divisor === 1 ? values.slice() : values.map((v) => v / divisor);
}

export class Joint {
  /** Alphabet size: each position takes values 0..q-1. */
  readonly q: number;
  /** Number of positions. */
  readonly n: number;
  /** Number of cells, q^n. */
  readonly size: number;
  readonly #blocks: Blocks;
  readonly #cache: Cache = {};
  /** The lattice being built by a pool, if one is. */
  #building?: Promise<void>;

  private constructor(q: number, n: number, pointer: number) {
    this.q = q;
    this.n = n;
    this.size = q ** n;
    this.#blocks = { table: pointer, lattice: -1 };
    registry.register(this, this.#blocks, this);
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
    if (this.#blocks.table < 0) throw new Error('Joint: this joint has been disposed.');
    return this.#blocks.table;
  }

  /**
   * @internal Byte offset of the mask lattice ((q+1)^n cells, DESIGN.md §5), built on first use
   * and kept until dispose(). Throws MemoryLimitError before building if it cannot fit.
   */
  latticePointer(fn: string): number {
    if (this.#blocks.lattice < 0) {
      const { q, n } = this;
      const runtime = getRuntime();
      const lattice = this.#allocLattice(fn);
      runtime.kernels.latticeBuild(this.pointer, q, n, lattice);
      this.#blocks.lattice = lattice;
    }
    return this.#blocks.lattice;
  }

  /**
   * @internal latticePointer() with the lattice built by a pool's workers when it is missing (a
   * build already under way is awaited, and redone if it failed). Rejects with MemoryLimitError
   * before building if it cannot fit.
   */
  async latticePointerInPool(fn: string, run: PoolRun): Promise<number> {
    while (this.#blocks.lattice < 0) {
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
      if (this.#blocks.lattice >= 0 || this.#blocks.table < 0) getRuntime().arena.release(lattice);
      else this.#blocks.lattice = lattice;
    }
    return this.#blocks.lattice;
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

  /** Frees the table's (and its lattice's) wasm memory now; otherwise freed on garbage collection. */
  dispose(): void {
    registry.unregister(this);
    release(this.#blocks);
  }

  /**
   * Shannon entropy H(X) = -sum_x p(x) log p(x), 0 log 0 = 0. O(q^n).
   * @example models.uniform(2, 3).entropy({ base: 2 }) // 3
   */
  entropy(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.entropy', options);
    return this.#entropy() / divisor;
  }

  /** Marginal entropies [H(X_0), ..., H(X_{n-1})]. O(n q^n). */
  marginalEntropies(options?: MeasureOptions): Float64Array {
    return scaled(this.#marginalEntropies(), unitDivisor('Joint.marginalEntropies', options));
  }

  /** Single-position marginals: out[i * q + a] = p(X_i = a). O(n q^n). */
  marginals(): Float64Array {
    return this.#marginals().slice();
  }

  /** Leave-one-out entropies [H(X_{-0}), ..., H(X_{-(n-1)})], X_{-i} = all positions but i. O(n q^n). */
  leaveOneOutEntropies(options?: MeasureOptions): Float64Array {
    return scaled(this.#leaveOneOut(), unitDivisor('Joint.leaveOneOutEntropies', options));
  }

  /**
   * Total correlation TC = sum_i H(X_i) - H(X) (Watanabe 1960); KL from p to the product of its
   * marginals. @example models.parity(2, 3).totalCorrelation({ base: 2 }) // 1
   */
  totalCorrelation(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.totalCorrelation', options);
    return this.#totalCorrelation() / divisor;
  }

  /**
   * Dual total correlation DTC = sum_i H(X_{-i}) - (n-1) H(X) (Han 1978), the binding information.
   * @example models.parity(2, 3).dualTotalCorrelation({ base: 2 }) // 2
   */
  dualTotalCorrelation(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.dualTotalCorrelation', options);
    return this.#dualTotalCorrelation() / divisor;
  }

  /** O-information TC - DTC (Rosas et al. 2019): > 0 redundancy-, < 0 synergy-dominated. */
  oInformation(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.oInformation', options);
    return (this.#totalCorrelation() - this.#dualTotalCorrelation()) / divisor;
  }

  /** S-information TC + DTC (Rosas et al. 2019). */
  sInformation(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.sInformation', options);
    return (this.#totalCorrelation() + this.#dualTotalCorrelation()) / divisor;
  }

  /**
   * Co-information -sum_{A nonempty} (-1)^|A| H(X_A) (Bell 2003); I(X;Y) for n = 2.
   * Needs all subset entropies: O((q+1)^n).
   */
  coinformation(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.coinformation', options);
    return coinformationFromSubsets(this.#subsets()) / divisor;
  }

  /** Residual entropy H(X) - DTC = sum_i H(X_i | X_{-i}) (the erasure entropy). */
  residualEntropy(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.residualEntropy', options);
    return (this.#entropy() - this.#dualTotalCorrelation()) / divisor;
  }

  /**
   * TSE complexity sum_{k=1}^{n-1} [h(k) - (k/n) H(X)] (Tononi, Sporns, Edelman 1994), from the
   * entropy profile h. O((q+1)^n).
   */
  tseComplexity(options?: MeasureOptions): number {
    const divisor = unitDivisor('Joint.tseComplexity', options);
    return tseFromProfile(this.#profile().h, this.n) / divisor;
  }

  /**
   * Conditional mutual information I(X_A; X_B | X_C) = H(A∪C) + H(B∪C) - H(A∪B∪C) - H(C);
   * I(X_A; X_B) when `given` is empty. A, B, given: arrays of positions in [0, n); A and B non-empty.
   * @example models.copies(2, 2).mutualInformation([0], [1], [], { base: 2 }) // 1
   */
  mutualInformation(a: readonly number[], b: readonly number[], given: readonly number[] = [], options?: MeasureOptions): number {
    const fn = 'Joint.mutualInformation';
    const divisor = unitDivisor(fn, options);
    const maskA = positionMask(fn, 'A', a, this.n);
    const maskB = positionMask(fn, 'B', b, this.n);
    const maskC = positionMask(fn, 'given', given, this.n);
    if (maskA === 0) throw new ArgumentRangeError({ fn, argument: 'A', expected: 'a non-empty array of positions', received: describe(a) });
    if (maskB === 0) throw new ArgumentRangeError({ fn, argument: 'B', expected: 'a non-empty array of positions', received: describe(b) });
    const H = (mask: number) => this.#maskEntropy(mask >>> 0);
    return (H(maskA | maskC) + H(maskB | maskC) - H(maskA | maskB | maskC) - H(maskC)) / divisor;
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
    return scaled(this.#subsets(), divisor);
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
      const { h, D } = this.#profile();
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

  #entropy(): number {
    this.#cache.entropy ??= this.#cache.subsets?.[2 ** this.n - 1] ?? -getRuntime().kernels.plogpSum(this.pointer, this.size);
    return this.#cache.entropy;
  }

  #marginals(): Float64Array {
    if (this.#cache.marginals === undefined) {
      const { q, n } = this;
      this.#cache.marginals = withScratch('Joint.marginals', [n * q], (runtime, [out]) => {
        runtime.kernels.positionMarginals(this.pointer, q, n, out);
        return runtime.arena.f64(out, n * q).slice();
      });
    }
    return this.#cache.marginals;
  }

  #marginalEntropies(): Float64Array {
    if (this.#cache.marginalEntropies === undefined) {
      const { q, n } = this;
      const subsets = this.#cache.subsets;
      this.#cache.marginalEntropies = subsets !== undefined
        ? Float64Array.from({ length: n }, (_, i) => subsets[2 ** i])
        : withScratch('Joint.marginalEntropies', [n * q], (runtime, [out]) => {
          // Compute the marginals before making the view: their own allocation may grow (detach) memory.
          const marginals = this.#marginals();
          runtime.arena.f64(out, n * q).set(marginals);
          return Float64Array.from({ length: n }, (_, i) => -runtime.kernels.plogpSum(out + i * q * 8, q));
        });
    }
    return this.#cache.marginalEntropies;
  }

  #leaveOneOut(): Float64Array {
    if (this.#cache.leaveOneOut === undefined) {
      const full = 2 ** this.n - 1;
      this.#cache.leaveOneOut = Float64Array.from({ length: this.n }, (_, i) => this.#maskEntropy(full - 2 ** i));
    }
    return this.#cache.leaveOneOut;
  }

  #totalCorrelation(): number {
    return fsum(this.#marginalEntropies()) - this.#entropy();
  }

  #dualTotalCorrelation(): number {
    return fsum(this.#leaveOneOut()) - (this.n - 1) * this.#entropy();
  }

  #maskEntropy(mask: number): number {
    if (this.#cache.subsets !== undefined) return this.#cache.subsets[mask];
    if (mask === 2 ** this.n - 1) return this.#entropy();
    if (mask === 0) return 0;
    const { q, n } = this;
    return withScratch('Joint.subsetEntropy', [this.size / q], (runtime, [scratch]) =>
      runtime.kernels.maskEntropy(this.pointer, q, n, mask, scratch));
  }

  #subsets(): Float64Array {
    if (this.#cache.subsets === undefined) {
      const { q, n } = this;
      const lattice = this.#blocks.lattice;
      if (lattice >= 0) {
        // The lattice is already built: one pass over it, 2^n cells of scratch.
        this.#cache.subsets = withScratch('Joint.subsetEntropies', [2 ** n, 2 ** n], (runtime, [out, scratch]) => {
          runtime.kernels.latticeSubsetEntropies(lattice, q, n, out, scratch);
          return runtime.arena.f64(out, 2 ** n).slice();
        });
      } else {
        // Depth-first marginalisation: O(q^n) extra memory instead of the lattice's (q+1)^n.
        let scratchCells = 0;
        for (let d = 1; d <= n; d++) scratchCells += q ** (n - d);
        this.#cache.subsets = withScratch('Joint.subsetEntropies', [2 ** n, scratchCells], (runtime, [out, scratch]) => {
          runtime.kernels.subsetEntropies(this.pointer, q, n, out, scratch);
          return runtime.arena.f64(out, 2 ** n).slice();
        });
      }
    }
    return this.#cache.subsets;
  }

  /**
   * #subsets() by a pool's workers when it is not cached and no lattice is built (otherwise on
   * this thread, as one piece of progress).
   */
  async #subsetsInPool(fn: string, options: PooledMeasureOptions): Promise<Float64Array> {
    const pool = requirePool(fn, 'options.pool', options.pool);
    const signal = requireSignal(fn, 'options.signal', options.signal);
    const onProgress = requireCallback<(done: number, total: number) => void>(fn, 'options.onProgress', options.onProgress);
    signal?.throwIfAborted();
    if (this.#cache.subsets === undefined && this.#blocks.lattice < 0) {
      const subsets = await subsetEntropiesInPool(fn, pool, this.pointer, this.q, this.n, { ...(signal && { signal }), ...(onProgress && { onProgress }) });
      this.#cache.subsets ??= subsets;
      return this.#subsets();
    }
    const subsets = this.#subsets();
    onProgress?.(1, 1);
    return subsets;
  }

  #profile(): Profile {
    this.#cache.profile ??= profileFromSubsets(this.#subsets(), this.n);
    return this.#cache.profile;
  }
}
