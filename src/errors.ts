// Every error this package throws, and its message grammar:
//   `<function>: <argument> must be <expected>; received <value>.`
// Error text is API: tests assert it (test/errors.test.ts).

/** Fields shared by every argument error: which call, which argument, what was expected. */
export interface ArgumentProblem {
  /** The public function or method, e.g. `Joint.fromProbabilities`. */
  readonly fn: string;
  /** The argument, e.g. `values[3]` or `options.base`. */
  readonly argument: string;
  /** What the argument must be. */
  readonly expected: string;
  /** A short rendering of what was received. */
  readonly received: string;
}

function message(p: ArgumentProblem): string {
  return `${p.fn}: ${p.argument} must be ${p.expected}; received ${p.received}.`;
}

/** An argument of the wrong kind (not a number, not an array, not an integer...). */
export class ArgumentTypeError extends TypeError implements ArgumentProblem {
  readonly fn: string;
  readonly argument: string;
  readonly expected: string;
  readonly received: string;
  constructor(problem: ArgumentProblem) {
    super(message(problem));
    this.name = 'ArgumentTypeError';
    ({ fn: this.fn, argument: this.argument, expected: this.expected, received: this.received } = problem);
  }
}

/** An argument of the right kind with a bad value (negative, NaN, out of range, wrong length...). */
export class ArgumentRangeError extends RangeError implements ArgumentProblem {
  readonly fn: string;
  readonly argument: string;
  readonly expected: string;
  readonly received: string;
  constructor(problem: ArgumentProblem) {
    super(message(problem));
    this.name = 'ArgumentRangeError';
    ({ fn: this.fn, argument: this.argument, expected: this.expected, received: this.received } = problem);
  }
}

/** Probabilities that do not sum to 1 within the tolerance. */
export class NormalizationError extends ArgumentRangeError {
  /** The sum that was found. */
  readonly sum: number;
  constructor(fn: string, argument: string, sum: number, tolerance: number) {
    super({ fn, argument, expected: `a table summing to 1 (within ${tolerance})`, received: `a table summing to ${sum}` });
    this.name = 'NormalizationError';
    this.sum = sum;
  }
}

/** Two tables that should have the same shape (q, n) but do not. */
export class ShapeMismatchError extends ArgumentRangeError {
  constructor(fn: string, argument: string, expected: string, received: string) {
    super({ fn, argument, expected, received });
    this.name = 'ShapeMismatchError';
  }
}

/** A request that cannot fit in WebAssembly memory; raised before any work starts. */
export class MemoryLimitError extends RangeError {
  /** The function that asked. */
  readonly fn: string;
  /** Bytes the request needs in linear memory. */
  readonly bytesNeeded: number;
  /** Bytes still free in linear memory (at most 4 GiB in all) when the request was made. */
  readonly bytesAvailable: number;
  constructor(fn: string, what: string, bytesNeeded: number, bytesAvailable: number) {
    super(
      `${fn}: ${what} needs ${bytesNeeded} bytes (${formatBytes(bytesNeeded)}) of WebAssembly memory; ` +
        `${bytesAvailable} bytes (${formatBytes(bytesAvailable)}) are available (4 GiB at most in all).`,
    );
    this.name = 'MemoryLimitError';
    this.fn = fn;
    this.bytesNeeded = bytesNeeded;
    this.bytesAvailable = bytesAvailable;
  }
}

/** WebAssembly, or its SIMD or threads extension, is missing from this engine. */
export class WasmUnsupportedError extends Error {
  constructor(detail: string) {
    super(
      `unmasking needs WebAssembly with 128-bit SIMD and threads (Node >= 16.4, Chrome >= 91, Firefox >= 89, Safari >= 16.4): ${detail}`,
    );
    this.name = 'WasmUnsupportedError';
  }
}

/** No way to start worker threads here: neither Node's worker_threads nor browser Web Workers. */
export class WorkerUnsupportedError extends Error {
  /** The function that asked. */
  readonly fn: string;
  constructor(fn: string, detail: string) {
    super(`${fn}: worker pools need Node >= 20.16 (worker_threads) or a browser with Web Workers and Blob URLs: ${detail}`);
    this.name = 'WorkerUnsupportedError';
    this.fn = fn;
  }
}

/** 1.5 GiB, 12 MiB, 640 B. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toPrecision(3)} ${units[unit]}`;
}

/** A short rendering of any received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${value.constructor.name}(${length ?? value.byteLength})`;
  }
  if (typeof value === 'function') return 'a function';
  return `${(value as object).constructor?.name ?? 'an object'}`;
}
