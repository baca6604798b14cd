import { requireSizeDistribution, type SizeDistribution } from './mixture.js';
import { requireSizes } from './validate.js';
import { ArgumentTypeError, describe } from '../errors.js';
import { requireInteger } from '../internal/validate.js';

/**
 * The reveal weights of the weight form EKL = sum_{m=1}^{n-1} r(m) dF(m), dF(m) = D(m-1) - D(m)
 * (SCHEDULES.md §0): r(m) = b - m when m lies strictly inside a block [a, b), 0 at a block
 * start. For a law over size vectors, the expectation E r(m). out[m] for m = 0..n (r(0) = r(n) = 0).
 * TC = sum (n - m) dF(m), DTC = sum m dF(m): compare r(m) with eps (n - m) or eps m.
 */
export function revealWeights(n: number, schedule: readonly number[] | SizeDistribution): Float64Array {
  const fn = 'schedules.revealWeights';
  requireInteger(fn, 'n', n, 1);
  if (!Array.isArray(schedule)) throw new ArgumentTypeError({ fn, argument: 'schedule', expected: 'sizes or a size distribution', received: describe(schedule) });
  const law: SizeDistribution = typeof schedule[0] === 'number'
    ? [{ probability: 1, sizes: requireSizes(fn, schedule, n, 'schedule') }]
    : requireSizeDistribution(fn, schedule);
  const r = new Float64Array(n + 1);
  for (const { probability, sizes } of law) {
    let a = 0;
    for (const s of requireSizes(fn, sizes, n, 'schedule[].sizes')) {
      for (let m = a + 1; m < a + s; m++) r[m] += probability * (a + s - m);
      a += s;
    }
  }
  return r;
}
