// Argument checks shared by the facade. Kernels assume valid input; everything is checked here.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';

/** Options common to every measure. */
export interface MeasureOptions {
  /** Logarithm base of the result: e (nats, the default), 2 for bits, 10 for hartleys. */
  base?: number;
}

/** Checks `value` is an integer in [min, max] and returns it. */
export function requireInteger(fn: string, argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an integer', received: describe(value) });
  }
  if (value < min || value > max) {
    const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new ArgumentRangeError({ fn, argument, expected, received: describe(value) });
  }
  return value;
}

/** Checks `value` is a finite number in [min, max] (inclusive) and returns it. */
export function requireNumber(fn: string, argument: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number') {
    throw new ArgumentTypeError({ fn, argument, expected: 'a number', received: describe(value) });
  }
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : `a finite number in [${min}, ${max}]`;
    throw new ArgumentRangeError({ fn, argument, expected: range, received: describe(value) });
  }
  return value;
}

/** Checks `value` is undefined or a plain object, and returns it as an object. */
export function requireOptions<T extends object>(fn: string, value: T | undefined, argument = 'options'): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an options object or undefined', received: describe(value) });
  }
  return value;
}

/** The divisor that turns nats into the requested base: 1 for nats, log(base) otherwise. */
export function unitDivisor(fn: string, options: MeasureOptions | undefined): number {
  const { base } = requireOptions(fn, options);
  if (base === undefined) return 1;
  if (typeof base !== 'number') {
    throw new ArgumentTypeError({ fn, argument: 'options.base', expected: 'a number', received: describe(base) });
  }
  if (!(Number.isFinite(base) && base > 0 && base !== 1)) {
    throw new ArgumentRangeError({ fn, argument: 'options.base', expected: 'a finite number > 0 other than 1', received: describe(base) });
  }
  return Math.log(base);
}

/**
 * Checks `values` is a Float64Array or array of `length` finite numbers >= 0 (a table of
 * probabilities or counts) and returns it as a Float64Array (the same object when it already is).
 */
export function requireTable(fn: string, argument: string, values: unknown, length: number): Float64Array {
  const isArray = Array.isArray(values);
  if (!(values instanceof Float64Array) && !isArray) {
    throw new ArgumentTypeError({ fn, argument, expected: 'a Float64Array or an array of numbers', received: describe(values) });
  }
  const table = values as ArrayLike<unknown>;
  if (table.length !== length) {
    throw new ArgumentRangeError({ fn, argument, expected: `of length q^n = ${length}`, received: `length ${table.length}` });
  }
  for (let i = 0; i < length; i++) {
    const v = table[i];
    if (typeof v !== 'number') {
      throw new ArgumentTypeError({ fn, argument: `${argument}[${i}]`, expected: 'a number', received: describe(v) });
    }
    if (!(v >= 0 && v < Infinity)) {
      throw new ArgumentRangeError({ fn, argument: `${argument}[${i}]`, expected: 'a finite number >= 0', received: describe(v) });
    }
  }
  return isArray ? Float64Array.from(table as number[]) : (values as Float64Array);
}

/** Checks a seed: an integer in [0, 2^53) or a BigInt in [0, 2^64); returns it as a BigInt. */
export function requireSeed(fn: string, argument: string, seed: unknown): bigint {
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed >= 1n << 64n) {
      throw new ArgumentRangeError({ fn, argument, expected: 'a BigInt in [0, 2^64)', received: describe(seed) });
    }
    return seed;
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an integer in [0, 2^53) or a BigInt in [0, 2^64)', received: describe(seed) });
  }
  if (seed < 0 || seed >= 2 ** 53) {
    throw new ArgumentRangeError({ fn, argument, expected: 'an integer in [0, 2^53) or a BigInt in [0, 2^64)', received: describe(seed) });
  }
  return BigInt(seed);
}

/** Checks `values` is an array of q finite numbers >= 0 summing to 1 (within 1e-9). */
export function requireDistribution(fn: string, argument: string, values: unknown, q: number): Float64Array {
  const table = requireTable(fn, argument, values, q);
  let sum = 0;
  for (const v of table) sum += v;
  if (!(Math.abs(sum - 1) <= 1e-9)) {
    throw new ArgumentRangeError({ fn, argument, expected: 'a distribution summing to 1 (within 1e-9)', received: `a sum of ${sum}` });
  }
  return table;
}

/**
 * Checks `value` is undefined or an AbortSignal (anything with a boolean `aborted`, a `reason`
 * and addEventListener, so signals of other realms pass) and returns it.
 */
export function requireSignal(fn: string, argument: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const signal = value as Partial<AbortSignal> | null;
  if (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw new ArgumentTypeError({ fn, argument, expected: 'an AbortSignal or undefined', received: describe(value) });
  }
  return value as AbortSignal;
}

/** Checks `value` is undefined or a function and returns it. */
export function requireCallback<F extends (...args: never[]) => unknown>(fn: string, argument: string, value: unknown): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new ArgumentTypeError({ fn, argument, expected: 'a function or undefined', received: describe(value) });
  }
  return value as F | undefined;
}
