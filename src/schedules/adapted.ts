// Step rules adapted to TC or DTC (Chen, Cong, Li, "Optimal Inference Schedules for Masked
// Diffusion Models", arXiv 2511.04647). The papers' exact rules could not be read; these are the
// rules of ../shared/SCHEDULES.md §1, which reach K = O((1 + log n)/eps) steps and, through the
// weight form EKL = sum_m r(m) dF(m), guarantee the bounds stated on each.
import { ArgumentRangeError, describe } from '../errors.js';
import { requireInteger, requireNumber } from '../internal/validate.js';

/** Slack against rounding in eps * m (e.g. 0.29 * 100 = 28.999999999999996). */
const SLACK = 1e-9;

function requireEps(fn: string, n: number, eps: number): void {
  requireInteger(fn, 'n', n, 1);
  if (!(requireNumber(fn, 'eps', eps) > 0)) throw new ArgumentRangeError({ fn, argument: 'eps', expected: 'a finite number > 0', received: describe(eps) });
}

/**
 * DTC-adapted schedule, growing steps: a step that starts with a positions revealed has size
 * s = 1 + floor(eps (a + 1)) (capped by what is left). Guarantees EKL <= eps DTC.
 * @example schedules.dtcAdapted(8, 0.5) // [1, 2, 3, 2]
 */
export function dtcAdapted(n: number, eps: number): number[] {
  requireEps('schedules.dtcAdapted', n, eps);
  const sizes: number[] = [];
  for (let a = 0; a < n; a += sizes[sizes.length - 1]) sizes.push(Math.min(n - a, 1 + Math.floor(eps * (a + 1) + SLACK)));
  return sizes;
}

/**
 * TC-adapted schedule, shrinking steps, built from the end: a step that ends with b positions
 * revealed has size s = 1 + floor(eps (n - b + 1)). Guarantees EKL <= eps TC.
 * @example schedules.tcAdapted(8, 0.5) // [2, 3, 2, 1]
 */
export function tcAdapted(n: number, eps: number): number[] {
  requireEps('schedules.tcAdapted', n, eps);
  const reversed: number[] = [];
  for (let b = n; b > 0; b -= reversed[reversed.length - 1]) reversed.push(Math.min(b, 1 + Math.floor(eps * (n - b + 1) + SLACK)));
  return reversed.reverse();
}

/**
 * Two-sided schedule: each step, starting at a revealed and ending at b = a + s, takes the
 * largest s with s - 1 <= eps (a + 1) and s - 1 <= eps (n - b + 1). Guarantees
 * EKL <= eps sum_m min(m, n - m) dF(m) <= eps min(TC, DTC).
 */
export function twoSided(n: number, eps: number): number[] {
  requireEps('schedules.twoSided', n, eps);
  const sizes: number[] = [];
  for (let a = 0; a < n; a += sizes[sizes.length - 1]) {
    const growing = 1 + Math.floor(eps * (a + 1) + SLACK);
    // s - 1 <= eps (n - a - s + 1)  <=>  s <= (1 + eps (n - a + 1)) / (1 + eps)
    const shrinking = Math.floor((1 + eps * (n - a + 1)) / (1 + eps) + SLACK);
    sizes.push(Math.max(1, Math.min(n - a, growing, shrinking)));
  }
  return sizes;
}
