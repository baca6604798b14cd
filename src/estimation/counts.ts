// Samples as the estimators read them: the histogram of m draws over [q]^n.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import { type Samples, sampleCounts } from '../sampling/empirical.js';

/** Samples for an estimator: rows (count x n symbols), a histogram (q^n counts), or sample()'s { samples } / { counts } (counts when both are given). */
export type SampleInput = Uint8Array | Uint16Array | Float64Array | Samples;

/** A histogram of m >= 1 samples: counts[flat index of x] = how many samples equal x. */
export interface SampleCounts {
  readonly counts: Float64Array;
  readonly m: number;
}

const EXPECTED = 'rows (Uint8Array or Uint16Array), a histogram (Float64Array of q^n counts), { samples } or { counts }';

/** Checks a histogram: q^n whole numbers >= 0 with a positive total. */
function requireHistogram(fn: string, argument: string, counts: Float64Array, size: number): SampleCounts {
  if (counts.length !== size) {
    throw new ArgumentRangeError({ fn, argument, expected: `a histogram of q^n = ${size} counts`, received: `length ${counts.length}` });
  }
  for (let x = 0; x < size; x++) {
    const c = counts[x];
    if (!(Number.isInteger(c) && c >= 0)) {
      throw new ArgumentRangeError({ fn, argument: `${argument}[${x}]`, expected: 'a whole number >= 0 (a count of samples)', received: describe(c) });
    }
  }
  const m = fsum(counts);
  if (m === 0) throw new ArgumentRangeError({ fn, argument, expected: 'a histogram of at least one sample (m >= 1)', received: 'all counts 0' });
  return { counts, m };
}

/** The histogram of `samples` over [q]^n (rows are counted; a histogram is checked, not copied). */
export function requireSampleCounts(fn: string, samples: unknown, q: number, n: number, argument = 'samples'): SampleCounts {
  const size = q ** n;
  if (samples instanceof Uint8Array || samples instanceof Uint16Array) return { counts: sampleCounts(q, n, samples, fn, argument), m: samples.length / n };
  if (samples instanceof Float64Array) return requireHistogram(fn, argument, samples, size);
  if (samples !== null && typeof samples === 'object' && !ArrayBuffer.isView(samples) && !Array.isArray(samples)) {
    const given = samples as Samples;
    if (given.counts !== undefined) {
      if (!(given.counts instanceof Float64Array)) {
        throw new ArgumentTypeError({ fn, argument: `${argument}.counts`, expected: 'a Float64Array of q^n counts', received: describe(given.counts) });
      }
      return requireHistogram(fn, `${argument}.counts`, given.counts, size);
    }
    if (given.samples !== undefined) return { counts: sampleCounts(q, n, given.samples, fn, `${argument}.samples`), m: given.samples.length / n };
  }
  throw new ArgumentTypeError({ fn, argument, expected: EXPECTED, received: describe(samples) });
}
