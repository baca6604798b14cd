// unmasking: exact information measures of joint distributions over [q]^n, in SIMD WebAssembly.
// The whole public surface, one concept a line.
export { ready } from './wasm/runtime.js';
export { Joint, type Profile, type FromProbabilitiesOptions, type SubsetEntropiesOptions, type PooledMeasureOptions } from './Joint.js';
export { SparseJoint, SPARSE_SUBSET_WORK_LIMIT, type AnyJoint } from './SparseJoint.js';
export { type FromSamplesOptions, type SampleRows, DENSE_ALWAYS_CELLS, DENSE_CELLS_PER_SUPPORT } from './fromSamples.js';
export { kl, crossEntropy, jensenShannon } from './divergences.js';
export * as models from './models/index.js';
export * as datasets from './datasets/index.js';
export type { Dataset } from './datasets/Dataset.js';
export type { MeasureOptions } from './internal/validate.js';
export {
  ArgumentTypeError,
  ArgumentRangeError,
  NormalizationError,
  ShapeMismatchError,
  MemoryLimitError,
  WasmUnsupportedError,
  WorkerUnsupportedError,
  type ArgumentProblem,
} from './errors.js';
export * as schedules from './schedules/index.js';
export { expectedKL, type ExpectedKL } from './schedules/expectedKL.js';
export { expectedKLCurve, type ScheduleFamily, type CurvePoint } from './schedules/curve.js';
export { bounds, type ScheduleBounds, type BoundsOptions } from './schedules/bounds.js';
export { expectedKLMixture, type SizeDistribution } from './schedules/mixture.js';
export { bernoulliExpectedKL, type BernoulliExpectedKL } from './schedules/bernoulli.js';
export {
  leftToRightExpectedKL,
  semiAutoregressiveExpectedKL,
  revealLawExpectedKL,
  type SemiAutoregressiveOptions,
  type RevealLaw,
} from './schedules/ordered.js';
export { samplerDistribution, type SamplerOptions } from './samplerDistribution.js';
export type { UnmaskingPolicy } from './sampling/policy.js';
export { plotProfile, plotKLvsSteps, type PlotOptions, type KLvsStepsOptions } from './plots/index.js';
export { Xoshiro256StarStar } from './random/xoshiro.js';
export { sample, type SampleOptions, type PooledSampleOptions, type SampleResult } from './sampling/sample.js';
export { createPool, type PoolOptions } from './pool/createPool.js';
export type { Pool, PoolSharing } from './pool/Pool.js';
export type { PoolRunOptions } from './pool/runOptions.js';
export { empiricalKL, sampleCounts, type Samples } from './sampling/empirical.js';
export { maxEntProjection, type ProjectionOptions, type Projection, type Convergence } from './decomposition/maxEntProjection.js';
export { decompose, type DecomposeOptions, type Decomposition, type OrderTerm } from './decomposition/decompose.js';
export { logLinearParameters, type LogLinearParameters } from './decomposition/logLinearParameters.js';
export { selectModes, type ModeSelection, type SelectModesOptions } from './decomposition/selectModes.js';
export { estimate, type EstimateOptions } from './estimation/estimate.js';
export { estimateEntropy, estimateTotalCorrelation, type EntropyEstimateOptions } from './estimation/entropy.js';
export type { SampleInput } from './estimation/counts.js';
export type { EstimatorMethod, EntropyMethod, EstimatorParameters } from './estimation/methods.js';
export { drawCounts, type DrawCountsOptions } from './estimation/drawCounts.js';
export { estimationRisk, type EstimationRisk, type EstimationRiskOptions, type KLRisk, type EstimateError } from './estimation/risk.js';
