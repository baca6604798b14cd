// A joint over [q]^n stored by its support: sorted 64-bit keys (the symbols of a row, packed
// ceil(log2 q) bits per position, position 0 most significant, so key order is the dense table's
// row-major order) and the probability of each, in WebAssembly memory. The same measures as a
// dense Joint, exact, with work proportional to the support instead of q^n: the marginal on a
// set of positions clears the other positions' key bits, radix-sorts the keys and sums equal runs
// (assembly/sparse.ts).
import { ArgumentRangeError, ArgumentTypeError, describe } from './errors.js';
import { type Blocks as OwnedBlocks, JointBase, releaseBlocks, scaled } from './internal/JointBase.js';
import { withScratch } from './internal/scratch.js';
import type { Profile } from './internal/subsetMeasures.js';
import { requireSignal, unitDivisor } from './internal/validate.js';
import { Joint, type SubsetEntropiesOptions } from './Joint.js';
import { type Runtime, getRuntime } from './wasm/runtime.js';

/** Most key bits: n ceil(log2 q) <= 64. */
export const MAX_KEY_BITS = 64;

/**
 * Most work accepted by subsetEntropies(), profile(), coinformation() and tseComplexity() of a
 * sparse joint: 2^n subsets times the support, the most key visits their depth-first
 * marginalisation can make (each marginal is summed from its parent's, whose support is often
 * much smaller; 15-60 ns per key visit on a loaded 2-core machine, so 1e9 is a minute at worst).
 * Beyond it they throw ArgumentRangeError naming the cost, while H, TC, DTC and
 * mutualInformation (n + 1 marginals, or four) stay available.
 */
export const SPARSE_SUBSET_WORK_LIMIT = 1e9;

/** Bits per position of a key: ceil(log2 q). */
export function bitsPerSymbol(q: number): number {
  return 32 - Math.clz32(q - 1);
}

/** The wasm blocks a sparse joint owns (-1 once freed). */
type Blocks = OwnedBlocks & { keys: number; values: number };

/** @internal Cells of the sparse kernels' work block (assembly/sparse.ts sparseWorkBytes: 1 KiB). */
export const SPARSE_WORK_CELLS = 128;

export class SparseJoint extends JointBase<Blocks> {
  /** Number of rows x with p(x) > 0, each stored as a key and its probability. */
  readonly support: number;
  /** Bits per position in a key: ceil(log2 q). */
  readonly bitsPerSymbol: number;
  /** @internal */
  protected readonly kind = 'SparseJoint';

  private constructor(q: number, n: number, support: number, blocks: Blocks) {
    super(q, n, blocks);
    this.support = support;
    this.bitsPerSymbol = bitsPerSymbol(q);
  }

  /**
   * @internal A sparse joint of `support` keys whose keys and probabilities `fill` writes into
   * fresh wasm memory (no validation: keys sorted, distinct, packed as described above).
   */
  static build(fn: string, q: number, n: number, support: number, fill: (runtime: Runtime, keys: number, values: number) => void): SparseJoint {
    const runtime = getRuntime();
    const cells = Math.max(1, support);
    runtime.arena.checkFits(fn, `a sparse joint of ${support} keys`, cells * 16 + 128);
    const keys = runtime.arena.alloc(fn, `${support} keys`, cells * 8);
    const blocks = { keys, values: -1 };
    try {
      blocks.values = runtime.arena.alloc(fn, `${support} probabilities`, cells * 8);
      fill(runtime, blocks.keys, blocks.values);
    } catch (error) {
      releaseBlocks(blocks);
      throw error;
    }
    return new SparseJoint(q, n, support, blocks);
  }

  /**
   * The support of a dense joint as a sparse joint: its cells with p(x) > 0, same
   * probabilities. O(q^n). (Its keys always fit: n ceil(log2 q) > 64 would mean q^n > 2^32
   * cells, more than a dense table holds.)
   * @throws ArgumentTypeError (not a Joint)
   * @example SparseJoint.fromJoint(models.parity(2, 3)).support // 4
   */
  static fromJoint(joint: Joint): SparseJoint {
    const fn = 'SparseJoint.fromJoint';
    if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
    const { q, n } = joint;
    const { kernels } = getRuntime();
    const support = kernels.denseSupportSize(joint.pointer, joint.size);
    return SparseJoint.build(fn, q, n, support, (runtime, keys, values) =>
      runtime.kernels.denseToSparse(joint.pointer, q, n, bitsPerSymbol(q), keys, values));
  }

  /** @internal Byte offsets of the keys and the probabilities in wasm memory. */
  get pointers(): { keys: number; values: number } {
    if (this.blocks.keys < 0) throw new Error('SparseJoint: this joint has been disposed.');
    return { keys: this.blocks.keys, values: this.blocks.values };
  }

  /** A copy of the sorted keys: key of x = sum_i x_i 2^(b (n-1-i)), b = bitsPerSymbol. */
  keys(): BigUint64Array {
    const { memory } = getRuntime();
    return new BigUint64Array(memory.buffer, this.pointers.keys, this.support).slice();
  }

  /** A copy of the probabilities of the support, in key order (toJoint().probabilities() has all q^n cells). */
  probabilities(): Float64Array {
    return this.#values().slice();
  }

  /** The rows of the support, count = support, n symbols each, in key order (1 byte each, or 2 when q > 256). */
  rows(): Uint8Array | Uint16Array {
    const { q, n, support } = this;
    const rows = q <= 256 ? new Uint8Array(support * n) : new Uint16Array(support * n);
    const keys = this.keys();
    const b = BigInt(this.bitsPerSymbol);
    const symbol = (1n << b) - 1n;
    for (let r = 0; r < support; r++) {
      let key = keys[r];
      for (let i = n - 1; i >= 0; i--) {
        rows[r * n + i] = Number(key & symbol);
        key >>= b;
      }
    }
    return rows;
  }

  /**
   * The dense Joint of the same distribution (q^n cells, zero off the support).
   * @throws MemoryLimitError when q^n cells do not fit
   */
  toJoint(): Joint {
    const { q, n, support } = this;
    const { keys, values } = this.pointers;
    return Joint.build('SparseJoint.toJoint', q, n, (runtime, table) =>
      runtime.kernels.sparseToDense(keys, values, support, q, n, this.bitsPerSymbol, table, q ** n));
  }

  /**
   * H(X_A) for every subset A of positions, indexed by bit mask (bit i <=> position i in A),
   * H(X_∅) = 0: each marginal summed from a parent's (depth-first), at most 2^n × support key
   * visits and radix passes; scratch 2 n × support cells.
   * @throws ArgumentRangeError when 2^n support > SPARSE_SUBSET_WORK_LIMIT (the error names the cost)
   */
  subsetEntropies(options?: SubsetEntropiesOptions): Float64Array {
    const fn = 'SparseJoint.subsetEntropies';
    const divisor = unitDivisor(fn, options);
    requireSignal(fn, 'options.signal', options?.signal)?.throwIfAborted();
    return scaled(this.subsetsNats(fn), divisor);
  }

  /**
   * Entropy profile h(j) = mean over |A| = j of H(X_A), j = 0..n, and D(j) = h(j+1) - h(j), from
   * subsetEntropies() (same cost and limit).
   */
  profile(options?: SubsetEntropiesOptions): Profile {
    const fn = 'SparseJoint.profile';
    const divisor = unitDivisor(fn, options);
    requireSignal(fn, 'options.signal', options?.signal)?.throwIfAborted();
    const { h, D } = this.profileNats(fn);
    return { h: scaled(h, divisor), D: scaled(D, divisor) };
  }

  #values(): Float64Array {
    return getRuntime().arena.f64(this.pointers.values, this.support);
  }

  /** @internal */
  protected computeEntropy(): number {
    return -getRuntime().kernels.plogpSum(this.pointers.values, this.support);
  }

  /** @internal */
  protected maskEntropy(fn: string, mask: number): number {
    return this.#maskEntropies(fn, [mask])[0];
  }

  /**
   * H(X_A) for each mask (nats), each marginal built in one scratch: `visit(mask, keys, values,
   * count)` also sees each marginal's sorted keys (other positions' bits cleared) and values
   * (pointers valid during the call).
   */
  #maskEntropies(fn: string, masks: ArrayLike<number>, visit?: (mask: number, keys: number, values: number, count: number) => void): Float64Array {
    const { n, support, bitsPerSymbol: bits } = this;
    const full = (2 ** n - 1) >>> 0;
    const out = new Float64Array(masks.length);
    if (visit === undefined && Array.prototype.every.call(masks, (m: number) => m === 0 || m === full)) {
      for (let k = 0; k < masks.length; k++) out[k] = masks[k] === 0 ? 0 : this.entropyNats();
      return out;
    }
    const cells = Math.max(1, support);
    withScratch(fn, [cells, cells, cells, cells, SPARSE_WORK_CELLS], (runtime, [outKeys, outValues, tmpKeys, tmpValues, work]) => {
      const { keys, values } = this.pointers;
      for (let k = 0; k < masks.length; k++) {
        const mask = masks[k] >>> 0;
        const count = runtime.kernels.sparseMarginal(keys, values, support, n, bits, mask, outKeys, outValues, tmpKeys, tmpValues, work);
        out[k] = mask === 0 ? 0 : -runtime.kernels.plogpSum(outValues, count);
        visit?.(mask, outKeys, outValues, count);
      }
    });
    return out;
  }

  /** @internal Also caches the marginal entropies, made on the way. */
  protected computeMarginals(): Float64Array {
    const { q, n } = this;
    const marginals = new Float64Array(n * q);
    const masks = Array.from({ length: n }, (_, i) => 2 ** i);
    this.cache.marginalEntropies = this.#maskEntropies('SparseJoint.marginals', masks, (mask, keys, values, count) => {
      // The keys keep position i's bits only: its symbol shifted up by the positions after it.
      const i = 31 - Math.clz32(mask);
      const shift = BigInt(this.bitsPerSymbol * (n - 1 - i));
      const { memory } = getRuntime();
      const masked = new BigUint64Array(memory.buffer, keys, count);
      const probabilities = new Float64Array(memory.buffer, values, count);
      for (let k = 0; k < count; k++) marginals[i * q + Number(masked[k] >> shift)] = probabilities[k];
    });
    return marginals;
  }

  /** @internal */
  protected computeMarginalEntropies(): Float64Array {
    this.marginalsCached();
    return this.cache.marginalEntropies as Float64Array;
  }

  /** @internal */
  protected computeLeaveOneOut(): Float64Array {
    const full = 2 ** this.n - 1;
    const masks = Array.from({ length: this.n }, (_, i) => full - 2 ** i);
    return this.#maskEntropies('SparseJoint.leaveOneOutEntropies', masks);
  }

  /** @internal */
  protected computeSubsets(fn: string): Float64Array {
    const { n, support } = this;
    const work = 2 ** n * support;
    if (work > SPARSE_SUBSET_WORK_LIMIT) {
      throw new ArgumentRangeError({
        fn,
        argument: 'this joint',
        expected: `a sparse joint with 2^n × support <= ${SPARSE_SUBSET_WORK_LIMIT.toExponential(0).replace('e+', 'e')} (all 2^n subset entropies, each a pass over the support)`,
        received: `n = ${n} and support ${support}: 2^${n} × ${support} = ${work.toExponential(2).replace('e+', 'e')}; H, TC, DTC and mutualInformation need only a few marginals`,
      });
    }
    const cells = Math.max(1, support);
    return withScratch(fn, [2 ** n, 2 * n * cells, cells, cells, SPARSE_WORK_CELLS], (runtime, [out, scratch, tmpKeys, tmpValues, work]) => {
      const { keys, values } = this.pointers;
      runtime.kernels.sparseSubsetEntropies(keys, values, support, n, this.bitsPerSymbol, out, scratch, tmpKeys, tmpValues, work);
      return runtime.arena.f64(out, 2 ** n).slice();
    });
  }
}

/** A joint in either representation: the dense table or the support; both have the same measures. */
export type AnyJoint = Joint | SparseJoint;

/** Checks that rows of n symbols < q pack into a 64-bit key: n ceil(log2 q) <= 64. */
export function requireKeyBits(fn: string, argument: string, q: number, n: number): void {
  const bits = n * bitsPerSymbol(q);
  if (bits > MAX_KEY_BITS) {
    throw new ArgumentRangeError({
      fn,
      argument,
      expected: `of a shape whose rows pack into a 64-bit key, n × ceil(log2 q) <= ${MAX_KEY_BITS}`,
      received: `q = ${q}, n = ${n}: ${n} × ${bitsPerSymbol(q)} = ${bits} bits`,
    });
  }
}
