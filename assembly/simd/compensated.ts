// Neumaier-compensated running sum of block partial sums (Kahan-Babuska).
// Kernels sum each block of at most BLOCK values in SIMD registers, then add the block's total
// here, so the rounding error stays ~ BLOCK * eps instead of growing with the table size
// (2^26 cells and more). The state lives in module globals: each wasm instance (one per worker
// thread) has its own, and no kernel nests two running sums.

/** Values summed in registers before a compensated add. */
// @ts-ignore: decorator
@inline export const BLOCK: i32 = 512;

let total: f64 = 0;
let compensation: f64 = 0;

/** Starts a new running sum at zero. */
// @ts-ignore: decorator
@inline export function sumReset(): void {
  total = 0;
  compensation = 0;
}

/** Adds x to the running sum (Neumaier's variant of Kahan summation). */
// @ts-ignore: decorator
@inline export function sumAdd(x: f64): void {
  const t = total + x;
  compensation += abs(total) >= abs(x) ? (total - t) + x : (x - t) + total;
  total = t;
}

/** The running sum, compensation included. */
// @ts-ignore: decorator
@inline export function sumTotal(): f64 {
  return total + compensation;
}
