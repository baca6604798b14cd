// What the dense Joint and the SparseJoint share (DESIGN.md §3): the wasm blocks they own and
// their release, the cache of results in nats, the unit handling, and every measure derived from
// a few primitives (H(X), the single-position marginals and their entropies, the leave-one-out
// entropies, H(X_A) of one mask, all 2^n subset entropies) that each representation computes
// its own way.
import { ArgumentRangeError, describe } from '../errors.js';
import { getRuntime } from '../wasm/runtime.js';
import { fsum } from './fsum.js';
import { positionMask } from './shape.js';
import { type Profile, coinformationFromSubsets, profileFromSubsets, tseFromProfile } from './subsetMeasures.js';
import { type MeasureOptions, unitDivisor } from './validate.js';

/** Byte offsets of the wasm blocks a joint owns, by name (-1: none, or freed). */
export type Blocks = Record<string, number>;

/** @internal Releases every block still held, in key order, and marks it freed. */
export function releaseBlocks(blocks: Blocks): void {
  const { arena } = getRuntime();
  for (const name of Object.keys(blocks)) {
    if (blocks[name] >= 0) arena.release(blocks[name]);
    blocks[name] = -1;
  }
}

const registry = new FinalizationRegistry<Blocks>(releaseBlocks);

/** @internal Cached results, all in nats. */
export interface Cache {
  entropy?: number;
  marginals?: Float64Array;
  marginalEntropies?: Float64Array;
  leaveOneOut?: Float64Array;
  subsets?: Float64Array;
  profile?: Profile;
}

/** @internal Values in nats divided by a unit's divisor, always a fresh array. */
export function scaled(values: Float64Array, divisor: number): Float64Array {
  return divisor === 1 ? values.slice() : values.map((v) => v / divisor);
}

/**
 * The measures a joint over [q]^n has whatever its storage: Joint (the dense table) and
 * SparseJoint (the support) implement the primitives, this class the rest, in nats unless
 * { base } says otherwise.
 */
export abstract class JointBase<B extends Blocks> {
  /** Alphabet size: each position takes values 0..q-1. */
  readonly q: number;
  /** Number of positions. */
  readonly n: number;
  /** Number of cells of the dense table, q^n (a float when beyond 2^53 for a SparseJoint). */
  readonly size: number;
  /** @internal The wasm blocks this joint owns. */
  protected readonly blocks: B;
  /** @internal Results computed so far, in nats. */
  protected readonly cache: Cache = {};
  /** @internal Class name heading the `fn` of errors: 'Joint' or 'SparseJoint'. */
  protected abstract readonly kind: string;

  protected constructor(q: number, n: number, blocks: B) {
    this.q = q;
    this.n = n;
    this.size = q ** n;
    this.blocks = blocks;
    registry.register(this, blocks, this);
  }

  /** Frees this joint's wasm memory now (a Joint's table and lattice, a SparseJoint's keys and probabilities); otherwise freed on garbage collection. */
  dispose(): void {
    registry.unregister(this);
    releaseBlocks(this.blocks);
  }

  /**
   * Shannon entropy H(X) = -sum_x p(x) log p(x), 0 log 0 = 0. O(q^n) dense, O(support) sparse.
   * @example models.uniform(2, 3).entropy({ base: 2 }) // 3
   */
  entropy(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.entropy`, options);
    return this.entropyNats() / divisor;
  }

  /** Marginal entropies [H(X_0), ..., H(X_{n-1})]. O(n q^n) dense, O(n support) sparse. */
  marginalEntropies(options?: MeasureOptions): Float64Array {
    const divisor = unitDivisor(`${this.kind}.marginalEntropies`, options);
    return scaled(this.marginalEntropiesNats(), divisor);
  }

  /** Single-position marginals: out[i * q + a] = p(X_i = a). O(n q^n) dense, O(n support) sparse. */
  marginals(): Float64Array {
    return this.marginalsCached().slice();
  }

  /**
   * Leave-one-out entropies [H(X_{-0}), ..., H(X_{-(n-1)})], X_{-i} = all positions but i.
   * O(n q^n) dense, O(n support (1 + radix passes)) sparse.
   */
  leaveOneOutEntropies(options?: MeasureOptions): Float64Array {
    const divisor = unitDivisor(`${this.kind}.leaveOneOutEntropies`, options);
    return scaled(this.leaveOneOutNats(), divisor);
  }

  /**
   * Total correlation TC = sum_i H(X_i) - H(X) (Watanabe 1960); KL from p to the product of its
   * marginals. @example models.parity(2, 3).totalCorrelation({ base: 2 }) // 1
   */
  totalCorrelation(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.totalCorrelation`, options);
    return this.#totalCorrelationNats() / divisor;
  }

  /**
   * Dual total correlation DTC = sum_i H(X_{-i}) - (n-1) H(X) (Han 1978), the binding information.
   * @example models.parity(2, 3).dualTotalCorrelation({ base: 2 }) // 2
   */
  dualTotalCorrelation(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.dualTotalCorrelation`, options);
    return this.#dualTotalCorrelationNats() / divisor;
  }

  /** O-information TC - DTC (Rosas et al. 2019): > 0 redundancy-, < 0 synergy-dominated. */
  oInformation(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.oInformation`, options);
    return (this.#totalCorrelationNats() - this.#dualTotalCorrelationNats()) / divisor;
  }

  /** S-information TC + DTC (Rosas et al. 2019). */
  sInformation(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.sInformation`, options);
    return (this.#totalCorrelationNats() + this.#dualTotalCorrelationNats()) / divisor;
  }

  /**
   * Co-information -sum_{A nonempty} (-1)^|A| H(X_A) (Bell 2003); I(X;Y) for n = 2.
   * Needs all subset entropies: O((q+1)^n) dense; sparse: see subsetEntropies() (cost and limit).
   */
  coinformation(options?: MeasureOptions): number {
    const fn = `${this.kind}.coinformation`;
    const divisor = unitDivisor(fn, options);
    return coinformationFromSubsets(this.subsetsNats(fn)) / divisor;
  }

  /** Residual entropy H(X) - DTC = sum_i H(X_i | X_{-i}) (the erasure entropy). */
  residualEntropy(options?: MeasureOptions): number {
    const divisor = unitDivisor(`${this.kind}.residualEntropy`, options);
    return (this.entropyNats() - this.#dualTotalCorrelationNats()) / divisor;
  }

  /**
   * TSE complexity sum_{k=1}^{n-1} [h(k) - (k/n) H(X)] (Tononi, Sporns, Edelman 1994), from the
   * entropy profile h. O((q+1)^n) dense; sparse: see subsetEntropies() (cost and limit).
   */
  tseComplexity(options?: MeasureOptions): number {
    const fn = `${this.kind}.tseComplexity`;
    const divisor = unitDivisor(fn, options);
    return tseFromProfile(this.profileNats(fn).h, this.n) / divisor;
  }

  /**
   * Conditional mutual information I(X_A; X_B | X_C) = H(A∪C) + H(B∪C) - H(A∪B∪C) - H(C), four
   * marginals; I(X_A; X_B) when `given` is empty. A, B, given: arrays of positions in [0, n); A
   * and B non-empty.
   * @example models.copies(2, 2).mutualInformation([0], [1], [], { base: 2 }) // 1
   */
  mutualInformation(a: readonly number[], b: readonly number[], given: readonly number[] = [], options?: MeasureOptions): number {
    const fn = `${this.kind}.mutualInformation`;
    const divisor = unitDivisor(fn, options);
    const maskA = positionMask(fn, 'A', a, this.n);
    const maskB = positionMask(fn, 'B', b, this.n);
    const maskC = positionMask(fn, 'given', given, this.n);
    if (maskA === 0) throw new ArgumentRangeError({ fn, argument: 'A', expected: 'a non-empty array of positions', received: describe(a) });
    if (maskB === 0) throw new ArgumentRangeError({ fn, argument: 'B', expected: 'a non-empty array of positions', received: describe(b) });
    const H = (mask: number) => this.maskEntropy(fn, mask >>> 0);
    return (H(maskA | maskC) + H(maskB | maskC) - H(maskA | maskB | maskC) - H(maskC)) / divisor;
  }

  /** @internal H(X) in nats, computed (no cache). */
  protected abstract computeEntropy(): number;
  /** @internal Single-position marginals, computed (no cache). */
  protected abstract computeMarginals(): Float64Array;
  /** @internal [H(X_0), ..., H(X_{n-1})] in nats, computed (no cache). */
  protected abstract computeMarginalEntropies(): Float64Array;
  /** @internal [H(X_{-0}), ..., H(X_{-(n-1)})] in nats, computed (no cache). */
  protected abstract computeLeaveOneOut(): Float64Array;
  /** @internal All 2^n subset entropies in nats, by mask, computed (no cache) for `fn`. */
  protected abstract computeSubsets(fn: string): Float64Array;
  /** @internal H(X_A) in nats of one mask, for `fn`. */
  protected abstract maskEntropy(fn: string, mask: number): number;

  /** @internal H(X) in nats, cached. */
  protected entropyNats(): number {
    this.cache.entropy ??= this.computeEntropy();
    return this.cache.entropy;
  }

  /** @internal The single-position marginals, cached (not a copy). */
  protected marginalsCached(): Float64Array {
    this.cache.marginals ??= this.computeMarginals();
    return this.cache.marginals;
  }

  /** @internal Marginal entropies in nats, cached. */
  protected marginalEntropiesNats(): Float64Array {
    this.cache.marginalEntropies ??= this.computeMarginalEntropies();
    return this.cache.marginalEntropies;
  }

  /** @internal Leave-one-out entropies in nats, cached. */
  protected leaveOneOutNats(): Float64Array {
    this.cache.leaveOneOut ??= this.computeLeaveOneOut();
    return this.cache.leaveOneOut;
  }

  /** @internal Subset entropies in nats, cached. */
  protected subsetsNats(fn: string): Float64Array {
    this.cache.subsets ??= this.computeSubsets(fn);
    return this.cache.subsets;
  }

  /** @internal Entropy profile in nats, cached. */
  protected profileNats(fn: string): Profile {
    this.cache.profile ??= profileFromSubsets(this.subsetsNats(fn), this.n);
    return this.cache.profile;
  }

  #totalCorrelationNats(): number {
    return fsum(this.marginalEntropiesNats()) - this.entropyNats();
  }

  #dualTotalCorrelationNats(): number {
    return fsum(this.leaveOneOutNats()) - (this.n - 1) * this.entropyNats();
  }
}
