// The kernels the facade calls (src/wasm/kernels.ts). Pointers are byte offsets into linear
// memory, laid out by the facade; sizes are cell counts of float64 values.
export { heapBase } from './memory';
export { logArray } from './logArray';
export { plogpSum } from './entropy';
export { marginalizePlogp } from './marginalize';
export { subsetEntropies, subsetEntropiesBranch, maskEntropy } from './subsets';
export { positionMarginals } from './marginals';
export { klDivergence, crossEntropy, jensenShannon } from './divergence';
export { dirichlet1Portable } from './dirichlet';
export { latticeBuild, latticePass, latticePassCells, latticeGather, latticeSubsetEntropies } from './lattice';
export { samplerDistribution, samplerWorkBytes } from './samplerDistribution';
export { samplerRandomSharedBytes, samplerRandomLaneBytes, samplerRandomStart, samplerRandomLevel, samplerRandomSteps } from './samplerRandom';
export { randomStream } from './random';
export { sampleRows, sampleWorkBytes, sampleMemoBytes } from './sampler';
export { subsetMarginal, scaleBySubset, ipfSweep, ipfMismatch } from './ipf';
export { mobiusTransform, zetaTransform, upperZetaTransform } from './mobius';
export {
  sparseWorkBytes, sparsePackRows, sparseMarginal, sparseSubsetEntropies, sparseToDense, sparseGather, denseSupportSize, denseToSparse, sparseAlign,
} from './sparse';
export { categoricalTable, categoricalCounts } from './categorical';
export { laplaceNoise } from './laplace';
export { splitSample } from './sampleSplit';
