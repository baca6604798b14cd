// Log-linear (Möbius) parameters of a positive joint, indicator features with baseline symbol 0
// (Amari 2001; Enouen & Sugiyama, seeds/000): log p(x) = sum over z <= x of theta[z], where
// z <= x means z is x with some non-zero digits set to 0. Kernels in assembly/mobius.ts.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { Joint } from '../Joint.js';
import { withScratch } from '../internal/scratch.js';
import { type MeasureOptions, unitDivisor } from '../internal/validate.js';

/** The parameters, one per cell: q^n in all, (q-1)^|A| for each mode set A. */
export interface LogLinearParameters {
  q: number;
  n: number;
  /**
   * theta[x] = θ_A(x_A) for the cell x whose non-zero digits are x_A, A = {i : x_i != 0} its
   * mode set; theta[0] = θ_∅ = log p(0...0), the normaliser -ψ. Row-major like the table.
   */
  theta: Float64Array;
  /** modes[x] = A as a bit mask (bit i <=> x_i != 0): for q = 2, θ_A is theta[x] at modes[x] = A. */
  modes: Uint32Array;
}

/** modes[x] = bit mask of the non-zero digits of cell x (position 0 most significant). */
export function modeMasks(q: number, n: number): Uint32Array {
  const modes = new Uint32Array(q ** n);
  // Cell x = d q^(n-1-i) + rest: modes of the block of digit d != 0 at position i are those of
  // the first block, plus bit i; positions are filled from the last (least significant) one.
  let filled = 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let d = 1; d < q; d++) {
      for (let x = 0; x < filled; x++) modes[d * filled + x] = (modes[x] | (1 << i)) >>> 0;
    }
    filled *= q;
  }
  return modes;
}

/** Checks p is a Joint with every cell > 0; returns it. */
export function requirePositive(fn: string, p: unknown): Joint {
  if (!(p instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'p', expected: 'a Joint', received: describe(p) });
  const table = p.probabilities();
  const zero = table.findIndex((v) => !(v > 0));
  if (zero >= 0) {
    throw new ArgumentRangeError({
      fn,
      argument: 'p',
      expected: 'a joint with p(x) > 0 for every x (log p, hence every θ_A containing that cell, is -Infinity where p = 0; mix p with a little of the uniform table first)',
      received: `p[${zero}] = ${table[zero]}`,
    });
  }
  return p;
}

/**
 * The log-linear parameters of p > 0: theta[x] = sum over z <= x of (-1)^(|A(x)| - |A(z)|)
 * log p(z) (Möbius inversion), so that log p(x) = sum over z <= x of theta[z] exactly up to
 * rounding. For q = 2, theta at the cell 1_A is θ_A = sum_(B ⊆ A) (-1)^|A∖B| log p(1_B 0_rest),
 * the fast Möbius transform over 2^n; for q > 2 each mode set A has one parameter per
 * x_A in {1..q-1}^A (indicator features, baseline symbol 0). Nats unless options.base.
 * Zeros are an error: a cell with p = 0 has log p = -Infinity, and with it the parameters of
 * every cell above it are undefined. O(n q^n).
 * @throws ArgumentTypeError (p not a Joint), ArgumentRangeError (a cell of p is 0, bad base)
 * @example logLinearParameters(Joint.fromProbabilities(2, 1, [0.25, 0.75])).theta // [log 0.25, log 3]
 */
export function logLinearParameters(p: Joint, options?: MeasureOptions): LogLinearParameters {
  const fn = 'logLinearParameters';
  requirePositive(fn, p);
  const divisor = unitDivisor(fn, options);
  const { q, n, size } = p;
  const theta = withScratch(fn, [size], (runtime, [x]) => {
    runtime.kernels.logArray(p.pointer, x, size);
    runtime.kernels.mobiusTransform(x, q, n);
    return runtime.arena.f64(x, size).slice();
  });
  if (divisor !== 1) for (let i = 0; i < size; i++) theta[i] /= divisor;
  return { q, n, theta, modes: modeMasks(q, n) };
}
