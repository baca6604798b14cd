// The unmasking sampler against the exact distribution of its output (samplerDistribution): a
// G-test per policy at a stated false-alarm rate, the plug-in KL within its chi-square bias, and
// the seed rules checked from outside with the TypeScript generator.
import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError, ArgumentTypeError, Joint, Xoshiro256StarStar, empiricalKL, models, sample, sampleCounts,
  samplerDistribution, schedules, type SamplerOptions, type UnmaskingPolicy,
} from '../src/index.js';
import * as api from '../src/index.js';
import { checkSampleStreams, formatFailure } from './browser/checks.js';
import { chiSquareQuantile } from './support/chiSquare.js';

/** False-alarm rate of each goodness-of-fit check (about 15 checks: 1.5e-3 for the file). */
const ALPHA = 1e-4;
const N = 200_000;

/** G = 2 sum c log(c / (N q)) over observed cells, its degrees of freedom, and cells seen where q = 0. */
function gTest(counts: Float64Array, q: Float64Array) {
  const total = counts.reduce((s, c) => s + c, 0);
  let G = 0;
  let impossible = 0;
  for (let x = 0; x < q.length; x++) {
    if (counts[x] === 0) continue;
    if (q[x] === 0) impossible += counts[x];
    else G += 2 * counts[x] * Math.log(counts[x] / (total * q[x]));
  }
  const df = q.filter((v) => v > 0).length - 1;
  return { G, df, impossible, total };
}

const cases: { name: string; p: () => Joint; options: SamplerOptions }[] = [];
for (const policy of ['random', 'confidence', 'margin', 'entropy'] as UnmaskingPolicy[]) {
  cases.push({ name: `${policy}, q=2 n=5 [2,2,1]`, p: () => models.dirichlet(2, 5, { seed: 11 }), options: { sizes: [2, 2, 1], policy } });
  cases.push({ name: `${policy}, q=3 n=3 [2,1]`, p: () => models.dirichlet(3, 3, { seed: 12 }), options: { sizes: [2, 1], policy } });
}
cases.push({ name: 'threshold 0.6, q=2 n=5', p: () => models.dirichlet(2, 5, { seed: 13 }), options: { policy: 'threshold', threshold: 0.6 } });
cases.push({ name: 'random, Ising chain n=6 [3,3]', p: () => models.isingChain(6, { J: 0.8 }), options: { sizes: [3, 3] } });
cases.push({ name: 'random at T = 0.5, q=3 n=3 [2,1]', p: () => models.dirichlet(3, 3, { seed: 18 }), options: { sizes: [2, 1], temperature: 0.5 } });
cases.push({ name: 'confidence at T = 2, q=2 n=5 [2,2,1]', p: () => models.dirichlet(2, 5, { seed: 19 }), options: { sizes: [2, 2, 1], policy: 'confidence', temperature: 2 } });
cases.push({ name: 'threshold 0.5 at T = 0.7, q=3 n=3', p: () => models.dirichlet(3, 3, { seed: 20 }), options: { policy: 'threshold', threshold: 0.5, temperature: 0.7 } });

describe('samples follow samplerDistribution (G-test, false-alarm rate 1e-4 each)', () => {
  it.each(cases)('$name', ({ p: make, options }) => {
    const p = make();
    const exact = samplerDistribution(p, options);
    const { counts } = sample(p, { ...options, count: N, seed: 2024, output: 'counts' });
    const { G, df, impossible, total } = gTest(counts!, exact.probabilities());
    expect(total).toBe(N);
    expect(impossible, 'samples where the exact distribution is 0').toBe(0);
    expect(G, `G with ${df} degrees of freedom`).toBeLessThan(chiSquareQuantile(ALPHA, df));
    // The plug-in KL is G / 2N: about (df / 2N) with standard deviation sqrt(2 df) / 2N.
    const kl = empiricalKL(exact, { counts });
    expect(Math.abs(kl - df / (2 * N))).toBeLessThan((5 * Math.sqrt(2 * df)) / (2 * N));
  });

  it('a law over size vectors (randomized schedule): the mixture of the exact distributions', () => {
    const p = models.dirichlet(2, 6, { seed: 14 });
    const law = schedules.randomizedGeometric(6, 3, { offsets: 4 });
    expect(law.length).toBeGreaterThan(1);
    const mixture = new Float64Array(p.size);
    for (const { probability, sizes } of law) {
      samplerDistribution(p, { sizes }).probabilities().forEach((v, x) => (mixture[x] += probability * v));
    }
    const { counts } = sample(p, { sizes: law, count: N, seed: 5, output: 'counts' });
    const { G, df, impossible } = gTest(counts!, mixture);
    expect(impossible).toBe(0);
    expect(G).toBeLessThan(chiSquareQuantile(ALPHA, df));
  });

  it('a schedule family and a step count give the same rows as its sizes', () => {
    const p = models.dirichlet(2, 8, { seed: 15 });
    const bySchedule = sample(p, { schedule: schedules.cosine, steps: 3, count: 500, seed: 9 });
    const bySizes = sample(p, { sizes: schedules.cosine(8, 3), count: 500, seed: 9 });
    expect(bySchedule.samples).toEqual(bySizes.samples);
  });
});

describe('seeds and streams', () => {
  it('row r is drawn with stream r of the seed (the check the browser runs too)', () => {
    const result = checkSampleStreams(api);
    expect(result.failures.map(formatFailure)).toEqual([]);
    expect(result.passed).toBe(1);
  });

  it('the same seed gives the same rows; a longer run starts with the shorter one (across batches)', () => {
    const p = models.dirichlet(2, 6, { seed: 16 });
    for (const policy of ['random', 'confidence'] as UnmaskingPolicy[]) {
      const short = sample(p, { sizes: [3, 2, 1], policy, count: 1000, seed: 3n });
      const long = sample(p, { sizes: [3, 2, 1], policy, count: 70_000, seed: 3, output: 'both' });
      expect(long.samples!.subarray(0, 6000)).toEqual(short.samples);
      expect(long.counts).toEqual(sampleCounts(2, 6, long.samples!));
      expect(sample(p, { sizes: [3, 2, 1], policy, count: 1000, seed: 4 }).samples).not.toEqual(short.samples);
    }
  });

  it('summing the table instead of reading the lattice gives the same rows', () => {
    const p = models.dirichlet(3, 4, { seed: 17 });
    for (const policy of ['random', 'entropy'] as UnmaskingPolicy[]) {
      const lattice = sample(p, { sizes: [2, 1, 1], policy, count: 20_000, seed: 8, conditionals: 'lattice' });
      const table = sample(p, { sizes: [2, 1, 1], policy, count: 20_000, seed: 8, conditionals: 'table' });
      expect(lattice.conditionals).toBe('lattice');
      expect(table.conditionals).toBe('table');
      expect(table.samples).toEqual(lattice.samples);
    }
  });

  it('draws on 53-bit uniforms: an outcome of probability 1e-9 is reachable (a float32 sampler never draws it)', () => {
    // Seed 1040195554 (found by a search over seeds in C): the uniform of row 0 is 1 - 4.3e-10,
    // above 1 - 1e-9, where the cumulative (1 - 1e-9) in float32 would already be 1.
    const p = Joint.fromProbabilities(2, 1, [1 - 1e-9, 1e-9]);
    const g = Xoshiro256StarStar.fromSeed(1040195554);
    g.below(1);
    expect(g.uniform()).toBeGreaterThan(1 - 1e-9);
    expect(Array.from(sample(p, { sizes: [1], count: 1, seed: 1040195554 }).samples!)).toEqual([1]);
    expect(Math.fround(1 - 1e-9)).toBe(1);
  });

  it('stores rows as Uint16Array when q > 256', () => {
    const p = models.uniform(300, 1);
    const { samples } = sample(p, { sizes: [1], count: 50, seed: 1 });
    expect(samples).toBeInstanceOf(Uint16Array);
    expect(Math.max(...samples!)).toBeLessThan(300);
  });
});

describe('bad input', () => {
  const p = models.dirichlet(2, 3, { seed: 1 });
  const ok = { sizes: [2, 1], count: 10, seed: 1 };
  it.each([
    [{ ...ok, seed: -1 }, ArgumentRangeError, /sample: options.seed must be an integer in \[0, 2\^53\) or a BigInt/],
    [{ ...ok, seed: 2 ** 53 }, ArgumentRangeError, /options.seed/],
    [{ ...ok, seed: 1.5 }, ArgumentTypeError, /options.seed/],
    [{ ...ok, seed: 2n ** 64n }, ArgumentRangeError, /options.seed/],
    [{ ...ok, count: 0 }, ArgumentRangeError, /options.count must be an integer >= 1; received 0/],
    [{ ...ok, sizes: [2, 2] }, ArgumentRangeError, /options.sizes must be step sizes summing to n = 3/],
    [{ ...ok, policy: 'greedy' }, ArgumentRangeError, /options.policy must be one of random, confidence/],
    [{ ...ok, temperature: 0 }, ArgumentRangeError, /options.temperature/],
    [{ ...ok, output: 'rows' }, ArgumentRangeError, /options.output/],
    [{ ...ok, conditionals: 'gpu' }, ArgumentRangeError, /options.conditionals/],
    [{ ...ok, policy: 'threshold', threshold: 2 }, ArgumentRangeError, /options.threshold/],
    [{ count: 10, seed: 1, schedule: schedules.cosine }, ArgumentTypeError, /options.steps must be an integer/],
    [{ ...ok, onProgress: 3 }, ArgumentTypeError, /options.onProgress/],
    [{ ...ok, policy: 'threshold', threshold: 0.5 }, ArgumentTypeError, /options.sizes must be undefined for the threshold policy/],
  ])('%o', (options, type, message) => {
    expect(() => sample(p, options as never)).toThrow(type);
    expect(() => sample(p, options as never)).toThrow(message);
  });

  it('falls back to table sums by itself only for short runs when the lattice does not fit', () => {
    const big = models.uniform(2, 20); // lattice 3^20 cells: 26 GiB
    expect(sample(big, { sizes: [10, 10], count: 5, seed: 1 }).conditionals).toBe('table');
    expect(() => sample(big, { sizes: [10, 10], count: 1e6, seed: 1, output: 'counts' })).toThrow(
      /options.conditionals must be "table" to sum the table instead of the mask lattice, which does not fit \(.*26.0 GiB.*\); that costs about 2.2e\+13 operations for 1000000 rows; received "auto"/,
    );
    big.dispose();
  });

  it('reports progress after each batch, ending at count', () => {
    const seen: number[] = [];
    sample(p, { ...ok, count: 140_000, output: 'counts', onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBe(3);
  });

  it('empiricalKL checks its input', () => {
    expect(() => empiricalKL(p, new Uint8Array([0, 1]))).toThrow(/a positive multiple of n = 3/);
    expect(() => empiricalKL(p, new Uint8Array([0, 1, 2]))).toThrow(/rows\[2\] must be a symbol < q = 2/);
    expect(() => empiricalKL(p, { counts: new Float64Array(3) })).toThrow(/q\^n = 8 cells/);
    expect(empiricalKL(p, { counts: p.probabilities() })).toBe(0);
  });
});
