// sample()'s options, checked once into a request, and the layout both ways of running it share
// (on the main thread, or in a pool's workers): the kernel's arguments for a range of rows, the
// blocks one lane of calls works in, and how its rows and counts come back.
import { ArgumentRangeError, ArgumentTypeError, MemoryLimitError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { requireCallback, requireInteger, requireOptions, requireSignal } from '../internal/validate.js';
import type { CallMemory } from '../pool/port.js';
import { requireSeed } from '../random/seed.js';
import type { KernelExports } from '../wasm/exports.js';
import { encodePlan, requirePlan, type SizeOptions } from './plan.js';
import { type PolicyOptions, requirePolicy } from './policy.js';

/** Slots of the memo of adaptive choices (3 MiB; when full, choices are recomputed). */
const MEMO_SLOTS = 65536;

/** Options of sample(). */
export interface SampleOptions extends SizeOptions, PolicyOptions {
  /** Number of rows to draw. */
  count: number;
  /** An integer in [0, 2^53) or a BigInt in [0, 2^64). */
  seed: number | bigint;
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
  /**
   * Checked before any work: if it has aborted, sample() throws its reason. With a pool, also
   * watched during the run: the Promise rejects with the reason and no new chunk starts.
   */
  signal?: AbortSignal;
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

/** sample()'s options, checked, with the joint's lattice (or -1: sum the table) and the output rows. */
export interface SampleRequest {
  readonly joint: Joint;
  readonly count: number;
  readonly seed: bigint;
  readonly policy: number;
  readonly threshold: number;
  readonly temperature: number;
  readonly plan: ArrayBuffer;
  readonly plans: number;
  readonly memoSlots: number;
  readonly symbolBytes: 1 | 2;
  readonly keepRows: boolean;
  readonly keepCounts: boolean;
  readonly lattice: number;
  readonly samples?: Uint8Array | Uint16Array;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** The blocks one lane of sampleRows calls works in (byte offsets; rows and counts may be unused). */
export interface Lane {
  readonly work: number;
  readonly memo: number;
  readonly rows: number;
  readonly counts: number;
}

/** Table sums 'auto' falls back to without being asked: beyond this, it is an error instead. */
const AUTO_TABLE_OPERATIONS = 1e10;

/**
 * The lattice of `joint`, or -1 when options say 'table' or 'auto' finds it does not fit. 'auto'
 * falls back to table sums only when they cost at most AUTO_TABLE_OPERATIONS (count q^n (1 + n)
 * for the first steps alone); a longer run must ask for 'table' itself.
 */
function conditionalSource(fn: string, joint: Joint, choice: unknown, count: number): number {
  if (choice === 'table') return -1;
  if (choice !== 'auto' && choice !== 'lattice') {
    throw new ArgumentRangeError({ fn, argument: 'options.conditionals', expected: '"auto", "lattice" or "table"', received: describe(choice) });
  }
  try {
    return joint.latticePointer(fn);
  } catch (error) {
    if (!(choice === 'auto' && error instanceof MemoryLimitError)) throw error;
    const operations = count * joint.size * (1 + joint.n);
    if (operations <= AUTO_TABLE_OPERATIONS) return -1;
    throw new ArgumentRangeError({
      fn,
      argument: 'options.conditionals',
      expected: `"table" to sum the table instead of the mask lattice, which does not fit (${error.message.replace(/\.$/, '')}); that costs about ${operations.toPrecision(2)} operations for ${count} rows`,
      received: '"auto"',
    });
  }
}

/** Checks sample()'s arguments (building the joint's lattice when it is used) into a request. */
export function sampleRequest(fn: string, joint: unknown, options: SampleOptions): SampleRequest {
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const o = requireOptions(fn, options);
  const { q, n } = joint;
  const count = requireInteger(fn, 'options.count', o.count, 1);
  const seed = requireSeed(fn, 'options.seed', o.seed);
  const { code: policy, threshold, temperature } = requirePolicy(fn, o);
  const plan = requirePlan(fn, o, n, o.policy);
  const output = o.output ?? 'samples';
  if (output !== 'samples' && output !== 'counts' && output !== 'both') {
    throw new ArgumentRangeError({ fn, argument: 'options.output', expected: '"samples", "counts" or "both"', received: describe(output) });
  }
  const onProgress = requireCallback<(done: number, total: number) => void>(fn, 'options.onProgress', o.onProgress);
  const signal = requireSignal(fn, 'options.signal', o.signal);
  signal?.throwIfAborted();
  const symbolBytes = q <= 256 ? 1 : 2;
  const keepRows = output !== 'counts';
  if (keepRows && count * n * symbolBytes > 2 ** 32) {
    throw new ArgumentRangeError({ fn, argument: 'options.count', expected: `at most ${Math.floor(2 ** 32 / (n * symbolBytes))} rows kept in memory (use output: "counts" for more)`, received: describe(count) });
  }
  const lattice = conditionalSource(fn, joint, o.conditionals ?? 'auto', count);
  const samples = keepRows ? (symbolBytes === 1 ? new Uint8Array(count * n) : new Uint16Array(count * n)) : undefined;
  return {
    joint, count, seed, policy, threshold, temperature, plan: encodePlan(plan, n), plans: plan.length,
    memoSlots: (o.policy ?? 'random') === 'random' ? 0 : MEMO_SLOTS, symbolBytes, keepRows, keepCounts: output !== 'samples',
    lattice, ...(samples && { samples }), ...(onProgress && { onProgress }), ...(signal && { signal }),
  };
}

/** Cells of the plan block (the size plan, encoded for the kernel). */
export function planCells(r: SampleRequest): number {
  return r.plan.byteLength / 8;
}

/** Cells of a lane's blocks, in Lane order, for calls of at most `batchRows` rows. */
export function laneCells(r: SampleRequest, kernels: KernelExports, batchRows: number): number[] {
  const { q, n, size } = r.joint;
  return [
    Math.ceil(kernels.sampleWorkBytes(q) / 8),
    Math.ceil(kernels.sampleMemoBytes(r.memoSlots) / 8),
    r.keepRows ? Math.ceil((batchRows * n * r.symbolBytes) / 8) : 0,
    r.keepCounts ? size : 0,
  ];
}

/** The lane at `pointers` (in laneCells order). */
export function laneAt(pointers: number[]): Lane {
  const [work, memo, rows, counts] = pointers;
  return { work, memo, rows, counts };
}

/** Copies the plan to its block and zeroes the lanes' counts (views made now: memory may have grown). */
export function prepareBlocks(r: SampleRequest, memory: WebAssembly.Memory, planAt: number, lanes: Lane[]): void {
  new Uint8Array(memory.buffer, planAt, r.plan.byteLength).set(new Uint8Array(r.plan));
  if (r.keepCounts) for (const lane of lanes) new Float64Array(memory.buffer, lane.counts, r.joint.size).fill(0);
}

/** sampleRows' arguments for rows [first, first + rows) in `lane`. */
export function sampleRowsArgs(r: SampleRequest, planAt: number, lane: Lane, first: number, rows: number): Parameters<KernelExports['sampleRows']> {
  const { q, n } = r.joint;
  return [
    r.joint.pointer, Math.max(r.lattice, 0), q, n, r.policy, planAt, r.plans, r.threshold, r.temperature,
    r.seed, BigInt(first), rows, lane.rows, r.keepRows ? r.symbolBytes : 0, r.keepCounts ? lane.counts : 0, lane.work, lane.memo, r.memoSlots,
  ];
}

/**
 * What sampleRowsArgs' call reads (the lattice, or the table when summing it; the plan; the
 * lane's counts, added to) and writes (its rows, `rows` x n symbols; its counts). The work and
 * memo blocks are scratch: the kernel writes them before reading, and nothing needs them after.
 */
export function sampleRowsMemory(r: SampleRequest, planAt: number, lane: Lane, rows: number): CallMemory {
  const { q, n, size } = r.joint;
  const source = r.lattice < 0 ? { at: r.joint.pointer, bytes: size * 8 } : { at: r.lattice, bytes: (q + 1) ** n * 8 };
  const counts = { at: lane.counts, bytes: size * 8 };
  return {
    reads: [source, { at: planAt, bytes: r.plan.byteLength }, ...(r.keepCounts ? [counts] : [])],
    writes: [...(r.keepRows ? [{ at: lane.rows, bytes: rows * n * r.symbolBytes }] : []), ...(r.keepCounts ? [counts] : [])],
  };
}

/** Copies the `rows` rows a call left in `lane` to the output, as rows [first, first + rows). */
export function collectRows(r: SampleRequest, memory: WebAssembly.Memory, lane: Lane, first: number, rows: number): void {
  if (r.samples === undefined) return;
  const n = r.joint.n;
  const view = r.symbolBytes === 1 ? new Uint8Array(memory.buffer, lane.rows, rows * n) : new Uint16Array(memory.buffer, lane.rows, rows * n);
  r.samples.set(view, first * n);
}

/** The result: rows, and the lanes' counts summed in lane order (whole numbers: exact). */
export function sampleResult(r: SampleRequest, memory: WebAssembly.Memory, lanes: Lane[]): SampleResult {
  let counts: Float64Array | undefined;
  if (r.keepCounts) {
    counts = new Float64Array(memory.buffer, lanes[0].counts, r.joint.size).slice();
    for (const lane of lanes.slice(1)) {
      const more = new Float64Array(memory.buffer, lane.counts, counts.length);
      for (let i = 0; i < counts.length; i++) counts[i] += more[i];
    }
  }
  return { ...(r.samples && { samples: r.samples }), ...(counts && { counts }), conditionals: r.lattice < 0 ? 'table' : 'lattice' };
}
