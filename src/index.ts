// unmasking: exact information measures of joint distributions over [q]^n, in SIMD WebAssembly.
// The whole public surface, one concept a line.
export { ready } from './wasm/runtime.js';
export { Joint, type Profile, type FromProbabilitiesOptions } from './Joint.js';
export { kl, crossEntropy, jensenShannon } from './divergences.js';
export * as models from './models/index.js';
export type { MeasureOptions } from './internal/validate.js';
export {
  ArgumentTypeError,
  ArgumentRangeError,
  NormalizationError,
  ShapeMismatchError,
  MemoryLimitError,
  WasmUnsupportedError,
  type ArgumentProblem,
} from './errors.js';
