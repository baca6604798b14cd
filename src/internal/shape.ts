// Table shapes: q symbols at each of n positions, q^n cells of float64.
import { ArgumentTypeError, MemoryLimitError, describe } from '../errors.js';
import { MAX_MEMORY_BYTES } from '../wasm/arena.js';
import { requireInteger } from './validate.js';

/** Largest n: subsets are 32-bit masks. */
export const MAX_POSITIONS = 32;

/** Checks q >= 2 and 1 <= n <= 32 are integers and that a q^n table fits in memory; returns q^n. */
export function requireShape(fn: string, q: unknown, n: unknown): number {
  requireInteger(fn, 'q', q, 2);
  requireInteger(fn, 'n', n, 1, MAX_POSITIONS);
  const cells = (q as number) ** (n as number);
  const bytes = cells * 8;
  if (bytes > MAX_MEMORY_BYTES) {
    throw new MemoryLimitError(fn, `a table of q^n = ${q}^${n} = ${cells} cells`, bytes, MAX_MEMORY_BYTES);
  }
  return cells;
}

/** Bit mask of a list of positions, each an integer in [0, n). */
export function positionMask(fn: string, argument: string, positions: unknown, n: number): number {
  if (!Array.isArray(positions)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'an array of positions', received: describe(positions) });
  }
  let mask = 0;
  positions.forEach((position, i) => {
    requireInteger(fn, `${argument}[${i}]`, position, 0, n - 1);
    mask |= 1 << position;
  });
  return mask >>> 0;
}
