// Comparing samples with a distribution: their histogram and the plug-in KL divergence.
import { ArgumentRangeError, ArgumentTypeError, ShapeMismatchError, describe } from '../errors.js';
import { fsum } from '../internal/fsum.js';
import { Joint } from '../Joint.js';
import { type MeasureOptions, unitDivisor } from '../internal/validate.js';

/** Samples as sample() returns them: rows (count x n symbols) and/or their histogram. */
export interface Samples {
  samples?: Uint8Array | Uint16Array;
  counts?: Float64Array;
}

/**
 * counts[flat index of x] = how many of the rows (count x n symbols in [0, q)) equal x.
 * `fn` and `argument` name the caller and its argument in errors.
 */
export function sampleCounts(q: number, n: number, rows: Uint8Array | Uint16Array, fn = 'sampleCounts', argument = 'rows'): Float64Array {
  if (!(rows instanceof Uint8Array || rows instanceof Uint16Array)) {
    throw new ArgumentTypeError({ fn, argument, expected: 'a Uint8Array or Uint16Array of rows', received: describe(rows) });
  }
  if (rows.length % n !== 0 || rows.length === 0) {
    throw new ArgumentRangeError({ fn, argument, expected: `a positive multiple of n = ${n} symbols`, received: `length ${rows.length}` });
  }
  const counts = new Float64Array(q ** n);
  for (let r = 0; r < rows.length; r += n) {
    let cell = 0;
    for (let i = 0; i < n; i++) {
      const v = rows[r + i];
      if (v >= q) throw new ArgumentRangeError({ fn, argument: `${argument}[${r + i}]`, expected: `a symbol < q = ${q}`, received: describe(v) });
      cell = cell * q + v;
    }
    counts[cell]++;
  }
  return counts;
}

/**
 * The plug-in KL divergence KL(p̂ || p) = sum_x p̂(x) log(p̂(x) / p(x)) of the samples' empirical
 * distribution p̂ from `joint` (+Infinity if a sample has p(x) = 0). When the samples are N
 * draws from p, 2 N KL(p̂ || p) is the G statistic, about chi-square with (support - 1) degrees
 * of freedom: its mean is about (support - 1) / (2N), not 0.
 * @example empiricalKL(p, sample(p, { sizes: [2, 2], count: 10000, seed: 1 }))
 */
export function empiricalKL(joint: Joint, samples: Samples | Uint8Array | Uint16Array, options?: MeasureOptions): number {
  const fn = 'empiricalKL';
  if (!(joint instanceof Joint)) throw new ArgumentTypeError({ fn, argument: 'joint', expected: 'a Joint', received: describe(joint) });
  const divisor = unitDivisor(fn, options);
  const { q, n } = joint;
  const given = samples instanceof Uint8Array || samples instanceof Uint16Array ? { samples } : samples;
  if (given === null || typeof given !== 'object') {
    throw new ArgumentTypeError({ fn, argument: 'samples', expected: 'rows (Uint8Array or Uint16Array) or { samples } or { counts }', received: describe(samples) });
  }
  const counts = given.counts ?? (given.samples !== undefined ? sampleCounts(q, n, given.samples, fn) : undefined);
  if (!(counts instanceof Float64Array)) {
    throw new ArgumentTypeError({ fn, argument: 'samples', expected: 'rows (Uint8Array or Uint16Array) or { samples } or { counts }', received: describe(samples) });
  }
  if (counts.length !== joint.size) throw new ShapeMismatchError(fn, 'samples.counts', `q^n = ${joint.size} cells`, `${counts.length}`);
  const p = joint.probabilities();
  const total = fsum(counts);
  const terms: number[] = [];
  for (let x = 0; x < counts.length; x++) {
    if (counts[x] > 0) terms.push((counts[x] / total) * Math.log(counts[x] / total / p[x]));
  }
  return fsum(terms) / divisor;
}
