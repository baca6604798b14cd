// The unmasking sampler (DESIGN.md §6): draws rows from a joint the way a masked diffusion model
// with a perfect denoiser would, step by step, in WebAssembly.
import { ArgumentRangeError, ArgumentTypeError, MemoryLimitError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { withScratch } from '../internal/scratch.js';
import { requireInteger, requireNumber, requireOptions } from '../internal/validate.js';
import { requireSeed } from '../random/seed.js';
import { getRuntime } from '../wasm/runtime.js';
import { encodePlan, requirePlan, type SizeOptions } from './plan.js';
import { policyCode, requireTemperature, type UnmaskingPolicy } from './policy.js';

/** Rows per kernel call: bounds the wasm buffer for rows and paces onProgress. */
const BATCH_ROWS = 65536;

/** Slots of the memo of adaptive choices (3 MiB; when full, choices are recomputed). */
const MEMO_SLOTS = 65536;

/** Options of sample(). */
export interface SampleOptions extends SizeOptions {
  /** Number of rows to draw. */
  count: number;
  /** An integer in [0, 2^53) or a BigInt in [0, 2^64). */
  seed: number | bigint;
  /** As in samplerDistribution (default 'random'). */
  policy?: UnmaskingPolicy;
  /** The confidence threshold tau in [0, 1] of the 'threshold' policy. */
  threshold?: number;
  /** Draw from p(x_i | revealed)^(1/T), renormalised (default 1); policies score these too. */
  temperature?: number;
  /** 'samples' (default): the rows; 'counts': only the histogram over [q]^n; 'both'. */
  output?: 'samples' | 'counts' | 'both';
  /**
   * Where conditionals come from: 'lattice' (O(q) each, (q+1)^n cells of memory), 'table'
   * (sums the table over the completions of the revealed values: q^m (1 + m) operations per
   * step with m positions masked; no extra memory), or 'auto' (default: the lattice when it fits).
   */
  conditionals?: 'auto' | 'lattice' | 'table';
  /** Called after each batch of rows with (rows done, count). */
  onProgress?: (done: number, total: number) => void;
}

/** What sample() returns. */
export interface SampleResult {
  /** count x n symbols, row-major (Uint8Array when q <= 256); absent for output 'counts'. */
  samples?: Uint8Array | Uint16Array;
  /** counts[flat index of x] = how many rows equal x (q^n cells); for output 'counts' or 'both'. */
  counts?: Float64Array;
  /** Where the conditionals came from. */
  conditionals: 'lattice' | 'table';
}

/** The lattice of `joint`, or -1 when options say 'table' or 'auto' finds it does not fit. */
function conditionalSource(fn: string, joint: Joint, choice: unknown): number {
  if (choice === 'table') return -1;
  if (choice !== 'auto' && choice !== 'lattice') {
    throw new ArgumentRangeError({ fn, argument: 'options.conditionals', expected: '"auto", "lattice" or "table"', received: describe(choice) });
  }
  try {
    return joint.latticePointer(fn);
  } catch (error) {
    if (choice === 'auto' && error instanceof MemoryLimitError) return -1;
    throw error;
  }
}

/**
 * Runs the unmasking sampler `count` times: each step reveals s_k masked positions chosen by the
 * policy, each drawn independently from its exact conditional p(x_i | revealed) by inverse CDF
 * on a 53-bit uniform. The rows are distributed as samplerDistribution(joint, options); their
 * KL to p estimates kl(joint, samplerDistribution(...)). Seeded: row r is drawn with stream r
 * of the seed (Xoshiro256StarStar.fromSeed(seed, r)), so the same seed and options give the same
 * rows everywhere, however a run is split, and the first m rows of a longer run equal a run of m
 * (the table fallback gives the same rows as the lattice up to rounding). Work per row: O(n q) conditionals from the
 * lattice (adaptive policies: O(n q) per step), or the table sums of options.conditionals.
 * @example sample(p, { sizes: [4, 4, 4, 4], count: 1000, seed: 1 }).samples
 */
export function sample(joint: Joint, options: SampleOptions): SampleResult {
  const fn = 'sample';
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const o = requireOptions(fn, options);
  const { q, n } = joint;
  const count = requireInteger(fn, 'options.count', o.count, 1);
  const seed = requireSeed(fn, 'options.seed', o.seed);
  const policy = policyCode(fn, o.policy ?? 'random');
  const threshold = o.policy === 'threshold' ? requireNumber(fn, 'options.threshold', o.threshold, 0, 1) : 0;
  const temperature = requireTemperature(fn, o.temperature);
  const plan = requirePlan(fn, o, n, o.policy);
  const output = o.output ?? 'samples';
  if (output !== 'samples' && output !== 'counts' && output !== 'both') {
    throw new ArgumentRangeError({ fn, argument: 'options.output', expected: '"samples", "counts" or "both"', received: describe(output) });
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ArgumentTypeError({ fn, argument: 'options.onProgress', expected: 'a function or undefined', received: describe(o.onProgress) });
  }
  const symbolBytes = q <= 256 ? 1 : 2;
  const keepRows = output !== 'counts';
  if (keepRows && count * n * symbolBytes > 2 ** 32) {
    throw new ArgumentRangeError({ fn, argument: 'options.count', expected: `at most ${Math.floor(2 ** 32 / (n * symbolBytes))} rows kept in memory (use output: "counts" for more)`, received: describe(count) });
  }
  const lattice = conditionalSource(fn, joint, o.conditionals ?? 'auto');
  const samples = keepRows ? (symbolBytes === 1 ? new Uint8Array(count * n) : new Uint16Array(count * n)) : undefined;
  const planBytes = encodePlan(plan, n);
  const batchRows = Math.min(count, BATCH_ROWS);
  const { kernels } = getRuntime();
  const memoSlots = (o.policy ?? 'random') === 'random' ? 0 : MEMO_SLOTS;
  const cells = [
    Math.ceil(kernels.sampleWorkBytes(q) / 8),
    Math.ceil(kernels.sampleMemoBytes(memoSlots) / 8),
    planBytes.byteLength / 8,
    keepRows ? Math.ceil((batchRows * n * symbolBytes) / 8) : 0,
    output === 'samples' ? 0 : joint.size,
  ];
  const counts = withScratch(fn, cells, (_, [work, memo, planAt, rowsAt, countsAt]) => {
    new Uint8Array(kernels.memory.buffer, planAt, planBytes.byteLength).set(new Uint8Array(planBytes));
    if (output !== 'samples') new Float64Array(kernels.memory.buffer, countsAt, joint.size).fill(0);
    for (let done = 0; done < count; done += batchRows) {
      const rows = Math.min(batchRows, count - done);
      kernels.sampleRows(
        joint.pointer, Math.max(lattice, 0), q, n, policy, planAt, plan.length, threshold, temperature,
        seed, BigInt(done), rows, rowsAt, keepRows ? symbolBytes : 0, output === 'samples' ? 0 : countsAt, work, memo, memoSlots,
      );
      if (samples !== undefined) {
        const view = symbolBytes === 1 ? new Uint8Array(kernels.memory.buffer, rowsAt, rows * n) : new Uint16Array(kernels.memory.buffer, rowsAt, rows * n);
        samples.set(view, done * n);
      }
      o.onProgress?.(done + rows, count);
    }
    return output === 'samples' ? undefined : new Float64Array(kernels.memory.buffer, countsAt, joint.size).slice();
  });
  return { ...(samples && { samples }), ...(counts && { counts }), conditionals: lattice < 0 ? 'table' : 'lattice' };
}
