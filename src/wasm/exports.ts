// The kernels' exports (assembly/index.ts) as seen from JS. Pointers are byte offsets into
// `memory`; sizes are cell counts of float64 values.

export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  logArray(x: number, out: number, len: number): void;
  plogpSum(p: number, len: number): number;
  marginalizePlogp(src: number, dst: number, a: number, q: number, b: number): number;
  subsetEntropies(p: number, q: number, n: number, out: number, scratch: number): void;
  subsetEntropiesBranch(p: number, q: number, n: number, k: number, out: number, scratch: number): void;
  maskEntropy(p: number, q: number, n: number, mask: number, scratch: number): number;
  positionMarginals(p: number, q: number, n: number, out: number): void;
  klDivergence(p: number, r: number, len: number): number;
  crossEntropy(p: number, r: number, len: number): number;
  jensenShannon(p: number, r: number, len: number): number;
  dirichlet1Portable(out: number, count: number, seed: bigint): void;
  latticeBuild(p: number, q: number, n: number, lattice: number): void;
  latticePass(p: number, q: number, n: number, i: number, lattice: number, first: number, count: number): void;
  latticePassCells(q: number, n: number, i: number): number;
  latticeGather(lattice: number, q: number, n: number, out: number): void;
  latticeSubsetEntropies(lattice: number, q: number, n: number, out: number, scratch: number): void;
  randomStream(seed: bigint, stream: bigint, out: number, count: number): void;
  sampleWorkBytes(q: number): number;
  sampleMemoBytes(slots: number): number;
  sampleRows(
    p: number, lattice: number, q: number, n: number, policy: number, plan: number, plans: number, threshold: number,
    temperature: number, seed: bigint, firstRow: bigint, rows: number, out: number, outBytes: number, counts: number, work: number,
    memo: number, memoSlots: number,
  ): void;
  samplerWorkBytes(q: number, n: number, policy: number, sizeAtLevel: number): number;
  samplerRandomSharedBytes(q: number, n: number, sizeAtLevel: number): number;
  samplerRandomLaneBytes(q: number, n: number, sizeAtLevel: number): number;
  samplerRandomStart(q: number, n: number, sizeAtLevel: number, shared: number): void;
  samplerRandomLevel(lattice: number, q: number, n: number, sizeAtLevel: number, shared: number, w: number, next: number, branch: number): void;
  samplerRandomSteps(
    lattice: number, q: number, n: number, sizeAtLevel: number, invT: number, shared: number, lane: number, w: number,
    out: number, digits: number, first: number, end: number,
  ): void;
  samplerDistribution(
    lattice: number, q: number, n: number, policy: number, sizeAtLevel: number, threshold: number,
    temperature: number, work: number, workBytes: number, out: number,
  ): number;
  subsetMarginal(p: number, q: number, n: number, mask: number, out: number, kept: number, summed: number): void;
  scaleBySubset(p: number, q: number, n: number, mask: number, factors: number, kept: number, summed: number): void;
  ipfSweep(r: number, q: number, n: number, masks: number, count: number, targets: number, marginal: number, kept: number, summed: number): number;
  ipfMismatch(r: number, q: number, n: number, masks: number, count: number, targets: number, marginal: number, kept: number, summed: number): number;
  mobiusTransform(x: number, q: number, n: number): void;
  zetaTransform(x: number, q: number, n: number): void;
  upperZetaTransform(x: number, q: number, n: number): void;
  sparseWorkBytes(): number;
  sparsePackRows(rows: number, symbolBytes: number, count: number, n: number, bits: number, keys: number): void;
  sparseMarginal(
    keys: number, values: number, count: number, n: number, bits: number, mask: number,
    outKeys: number, outValues: number, tmpKeys: number, tmpValues: number, work: number,
  ): number;
  sparseSubsetEntropies(
    keys: number, values: number, count: number, n: number, bits: number, out: number,
    scratch: number, tmpKeys: number, tmpValues: number, work: number,
  ): void;
  sparseToDense(keys: number, values: number, count: number, q: number, n: number, bits: number, table: number, cells: number): void;
  sparseGather(keys: number, count: number, q: number, n: number, bits: number, table: number, out: number): void;
  denseSupportSize(table: number, cells: number): number;
  denseToSparse(table: number, q: number, n: number, bits: number, keys: number, values: number): void;
  sparseAlign(keysP: number, countP: number, keysR: number, valuesR: number, countR: number, out: number): void;
  categoricalTable(p: number, K: number, cdf: number, guide: number): number;
  categoricalCounts(
    cdf: number, guide: number, K: number, last: number, seed: bigint, stream: bigint, m: number, counts: number,
    keys: number, sorted: number, starts: number, chunk: number,
  ): void;
  laplaceNoise(seed: bigint, stream: bigint, out: number, count: number, scale: number): void;
  splitSample(
    seed: bigint, stream: bigint, counts: number, K: number, m: number, m1: number, first: number, noise: number, noiseCount: number, scale: number, gaussian: number,
  ): void;
}
