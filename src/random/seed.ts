// The one rule for seeds: a non-negative integer below 2^53 (exact as a number) or a BigInt
// below 2^64 (every 64-bit seed of the reference generators).
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';

/** Checks `value` is a seed (an integer in [0, 2^53) or a BigInt in [0, 2^64)) and returns it as a BigInt. */
export function requireSeed(fn: string, argument: string, value: unknown): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n || value >= 1n << 64n) throw new ArgumentRangeError({ fn, argument, expected: 'a BigInt in [0, 2^64)', received: describe(value) });
    return value;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an integer in [0, 2^53) or a BigInt in [0, 2^64)', received: describe(value) });
  }
  if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new ArgumentRangeError({ fn, argument, expected: 'an integer in [0, 2^53) or a BigInt in [0, 2^64)', received: describe(value) });
  }
  return BigInt(value);
}
