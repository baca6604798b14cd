// Estimators of p and of entropy from samples, on cases computed by hand from their formulas
// (the arithmetic is in the comments), Good-Turing on a textbook example, and the private
// estimator's noise rebuilt from outside with the TypeScript generator.
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, ArgumentTypeError, Xoshiro256StarStar, estimate, estimateEntropy, estimateTotalCorrelation } from '../src/index.js';
import { adjustedCount, countsOfCounts } from '../src/estimation/goodTuring.js';

const LN2 = Math.log(2);

/** Rows of q = 3, n = 2: (0,1) twice, (2,2), (1,0): cells 0*3+1 = 1 (count 2), 2*3+2 = 8 (1), 1*3+0 = 3 (1); m = 4. */
const rows = new Uint8Array([0, 1, 0, 1, 2, 2, 1, 0]);
const shape = { q: 3, n: 2 };

function expectTable(actual: Float64Array, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i], `cell ${i}`).toBeCloseTo(v, 15));
}

describe('estimate: plug-in and add-constant', () => {
  it("'plugin' is c_x / m: 2/4 at cell 1, 1/4 at cells 3 and 8", () => {
    expectTable(estimate(rows, { ...shape, method: 'plugin' }).probabilities(), [0, 0.5, 0, 0.25, 0, 0, 0, 0, 0.25]);
  });

  it("'laplace' is (c_x + 1) / (m + 9) = (c_x + 1) / 13", () => {
    const p = estimate(rows, { ...shape, method: 'laplace' }).probabilities();
    expectTable(p, [1, 3, 1, 2, 1, 1, 1, 1, 2].map((c) => c / 13));
  });

  it("'kt' is (c_x + 1/2) / (m + 9/2) = (2 c_x + 1) / 17", () => {
    const p = estimate(rows, { ...shape, method: 'kt' }).probabilities();
    expectTable(p, [1, 5, 1, 3, 1, 1, 1, 1, 3].map((c) => c / 17));
  });

  it("'add' with alpha = 2 is (c_x + 2) / (4 + 18) = (c_x + 2) / 22", () => {
    const p = estimate(rows, { ...shape, method: 'add', alpha: 2 }).probabilities();
    expectTable(p, [2, 4, 2, 3, 2, 2, 2, 2, 3].map((c) => c / 22));
  });

  it('reads a histogram, { samples } and { counts } alike', () => {
    const counts = new Float64Array([0, 2, 0, 1, 0, 0, 0, 0, 1]);
    const expected = estimate(rows, { ...shape, method: 'kt' }).probabilities();
    expect(estimate(counts, { ...shape, method: 'kt' }).probabilities()).toEqual(expected);
    expect(estimate({ counts }, { ...shape, method: 'kt' }).probabilities()).toEqual(expected);
    expect(estimate({ samples: rows }, { ...shape, method: 'kt' }).probabilities()).toEqual(expected);
    expect(estimate(new Uint16Array(rows), { ...shape, method: 'kt' }).probabilities()).toEqual(expected);
  });
});

// Jurafsky and Martin, Speech and Language Processing (2nd ed., 2009), §4.5 "Good-Turing
// discounting" (the example is Joshua Goodman's): 18 fish, 10 carp, 3 perch, 2 whitefish and
// 1 each of trout, salmon and eel; catfish and bass unseen. The book's numbers:
// P_GT(unseen) = N_1 / N = 3/18, c*(trout) = 2 N_2 / N_1 = 2/3, P_GT(trout) = (2/3)/18 = 1/27.
const fish = new Float64Array([10, 3, 2, 1, 1, 1, 0, 0]); // carp, perch, whitefish, trout, salmon, eel, catfish, bass

describe("estimate: 'good-turing'", () => {
  it("reproduces the textbook's counts of counts, c*(trout) = 2/3 and missing mass 3/18", () => {
    const N = countsOfCounts(fish);
    expect([N[0], N[1], N[2], N[3], N[10], N[11]]).toEqual([2, 3, 1, 1, 1, 0]);
    expect(adjustedCount(N, 1, Infinity)).toBeCloseTo(2 / 3, 15);
    expect(adjustedCount(N, 1, Infinity) / 18).toBeCloseTo(1 / 27, 15);
    // Unseen cells share N_1 / m = 3/18 = 1/6: 1/12 each (catfish, bass).
    const p = estimate(fish, { q: 8, n: 1, method: 'good-turing' }).probabilities();
    expect(p[6] + p[7]).toBeCloseTo(3 / 18, 15);
  });

  it('renormalises the seen cells to 1 - N_1/m in proportion to r*', () => {
    // r* = 2 N_2/N_1 = 2/3 (r = 1); 3 N_3/N_2 = 3 (r = 2); N_4 = 0 so 3 stays 3; N_11 = 0 so 10 stays 10.
    // Seen total 10 + 3 + 3 + 3 (2/3) = 18; seen mass 1 - 3/18 = 5/6.
    // carp (5/6)(10/18) = 25/54, perch and whitefish (5/6)(3/18) = 5/36, trout, salmon, eel (5/6)(2/3)/18 = 5/162,
    // catfish and bass (1/6)/2 = 1/12. Check: (150 + 2 * 45 + 3 * 10 + 2 * 27) / 324 = 1.
    const p = estimate(fish, { q: 8, n: 1, method: 'good-turing' }).probabilities();
    expectTable(p, [25 / 54, 5 / 36, 5 / 36, 5 / 162, 5 / 162, 5 / 162, 1 / 12, 1 / 12]);
  });

  it('keeps counts above the threshold: threshold 1 adjusts only the singletons', () => {
    // r* = 2/3 for r = 1; 2, 3, 10 stay. Seen total 10 + 3 + 2 + 3 (2/3) = 17, seen mass 5/6:
    // carp (5/6)(10/17) = 25/51, perch (5/6)(3/17) = 5/34, whitefish (5/6)(2/17) = 5/51, singles (5/6)(2/3)/17 = 5/153.
    const p = estimate(fish, { q: 8, n: 1, method: 'good-turing', threshold: 1 }).probabilities();
    expectTable(p, [25 / 51, 5 / 34, 5 / 51, 5 / 153, 5 / 153, 5 / 153, 1 / 12, 1 / 12]);
    // threshold 0: the seen cells keep their counts, (5/6) c / 18; unseen still 1/12 each.
    const p0 = estimate(fish, { q: 8, n: 1, method: 'good-turing', threshold: 0 }).probabilities();
    expectTable(p0, [...[10, 3, 2, 1, 1, 1].map((c) => (5 / 6) * (c / 18)), 1 / 12, 1 / 12]);
  });

  it('keeps counts above 5 by default (Katz); threshold Infinity adjusts every count', () => {
    // counts [6, 7, 1, 0], m = 14: N_1 = N_6 = N_7 = 1, N_0 = 1, missing mass N_1/m = 1/14.
    // Default: 6 and 7 are above 5 and stay; r = 1: N_2 = 0, stays 1. Seen total 14: (13/14) [6, 7, 1] / 14.
    // Infinity: 6 -> 7 N_7 / N_6 = 7; 7 -> N_8 = 0, stays 7; 1 stays. Seen total 15: (13/14) [7, 7, 1] / 15.
    const counts = new Float64Array([6, 7, 1, 0]);
    const seen = (values: number[], total: number) => values.map((v) => ((13 / 14) * v) / total);
    expectTable(estimate(counts, { q: 2, n: 2, method: 'good-turing' }).probabilities(), [...seen([6, 7, 1], 14), 1 / 14]);
    expectTable(estimate(counts, { q: 2, n: 2, method: 'good-turing', threshold: 5 }).probabilities(), [...seen([6, 7, 1], 14), 1 / 14]);
    expectTable(estimate(counts, { q: 2, n: 2, method: 'good-turing', threshold: Infinity }).probabilities(), [...seen([7, 7, 1], 15), 1 / 14]);
  });

  it('gives no missing mass when every cell is seen', () => {
    // counts 1, 1, 2, 3: N_1 = 2, N_2 = 1, N_3 = 1, N_0 = 0. r*: 1 -> 2 N_2/N_1 = 1, 2 -> 3 N_3/N_2 = 3, 3 -> 3.
    // Seen total 1 + 1 + 3 + 3 = 8: p = [1, 1, 3, 3] / 8.
    expectTable(estimate(new Float64Array([1, 1, 2, 3]), { q: 2, n: 2, method: 'good-turing' }).probabilities(), [1 / 8, 1 / 8, 3 / 8, 3 / 8]);
  });
});

describe("estimate: 'held-out'", () => {
  it('gives the cells seen r times their held-out share T_r / (N_r m\')', () => {
    // Training c = [2, 0, 1, 1, 0, 0, 1, 0], held-out h = [3, 1, 0, 2, 0, 1, 1, 0] (m' = 8).
    // r = 0: cells 1, 4, 5, 7, T_0 = 1 + 0 + 1 + 0 = 2: 2 / (4 * 8) = 1/16 each;
    // r = 1: cells 2, 3, 6, T_1 = 0 + 2 + 1 = 3: 3 / (3 * 8) = 1/8 each; r = 2: cell 0, T_2 = 3: 3/8.
    // Check: 4/16 + 3/8 + 3/8 = 1.
    const training = new Float64Array([2, 0, 1, 1, 0, 0, 1, 0]);
    const heldOut = new Float64Array([3, 1, 0, 2, 0, 1, 1, 0]);
    const p = estimate(training, { q: 2, n: 3, method: 'held-out', heldOut }).probabilities();
    expectTable(p, [3 / 8, 1 / 16, 1 / 8, 1 / 8, 1 / 16, 1 / 16, 1 / 8, 1 / 16]);
    // The held-out sample as rows: (0,0,0) x3, (0,0,1), (0,1,1) x2, (1,0,1), (1,1,0).
    const rowsHeld = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]);
    expect(estimate(training, { q: 2, n: 3, method: 'held-out', heldOut: rowsHeld }).probabilities()).toEqual(p);
  });
});

/** The estimate of 'dp' rebuilt outside the kernels: noise from the TypeScript generator. */
function privateByHand(counts: number[], epsilon: number, alpha: number, seed: number, stream: number): number[] {
  const rng = Xoshiro256StarStar.fromSeed(seed, stream);
  const noisy = counts.map((c) => {
    const w = rng.next();
    const u = Number((w & ((1n << 53n) - 1n)) + 1n) * 2 ** -53;
    const magnitude = (2 / epsilon) * -Math.log(u);
    return Math.max(c + (w >> 63n ? -magnitude : magnitude), 0) + alpha;
  });
  const total = noisy.reduce((s, v) => s + v, 0);
  return noisy.map((v) => v / total);
}

describe("estimate: 'dp'", () => {
  const counts = [5, 0, 1, 2, 0, 0, 7, 1];
  const histogram = new Float64Array(counts);

  it('is c + Laplace(2/epsilon) noise from the seed, truncated at 0, plus alpha, normalised', () => {
    for (const [epsilon, alpha, seed, stream] of [[1, 0.5, 7, 0], [0.3, 1, 8, 5], [4, 0.1, 123456789, 2]]) {
      const p = estimate(histogram, { q: 2, n: 3, method: 'dp', epsilon, alpha, seed, stream }).probabilities();
      const expected = privateByHand(counts, epsilon, alpha, seed, stream);
      expected.forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
    }
  });

  it('is a distribution, the same for the same seed and stream, different for another', () => {
    const run = (seed: number, stream?: number) => estimate(histogram, { q: 2, n: 3, method: 'dp', epsilon: 0.5, seed, ...(stream !== undefined && { stream }) }).probabilities();
    const p = run(1);
    expect(p.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(run(1)).toEqual(p);
    expect(run(1, 0)).toEqual(p);
    expect(run(2)).not.toEqual(p);
    expect(run(1, 1)).not.toEqual(p);
  });

  it('averages to the add-alpha estimate when counts dwarf the noise (false alarm < 1e-4)', () => {
    // With counts >= 100 and noise scale 2, truncation never acts (P < e^-50), so each noisy cell
    // has mean c_x + alpha; the random normaliser adds a relative bias of about Var(sum Z) / S^2
    // = (4 * 8) / 1002^2 = 3e-5 of each cell, below 0.01 standard errors. Each of the 4 cells is
    // checked at 4.5 standard errors (two-sided normal tail 6.8e-6 each).
    const big = new Float64Array([400, 300, 200, 100]);
    const alpha = 0.5;
    const seeds = 2000;
    const sum = new Float64Array(4);
    const squares = new Float64Array(4);
    for (let seed = 0; seed < seeds; seed++) {
      const p = estimate(big, { q: 4, n: 1, method: 'dp', epsilon: 1, alpha, seed }).probabilities();
      p.forEach((v, i) => {
        sum[i] += v;
        squares[i] += v * v;
      });
    }
    const target = [400, 300, 200, 100].map((c) => (c + alpha) / (1000 + 4 * alpha));
    target.forEach((t, i) => {
      const mean = sum[i] / seeds;
      const se = Math.sqrt((squares[i] / seeds - mean * mean) / (seeds - 1));
      expect(Math.abs(mean - t), `cell ${i}: mean ${mean}, target ${t}, se ${se}`).toBeLessThan(4.5 * se);
    });
  });
});

describe('estimateEntropy and estimateTotalCorrelation', () => {
  // q = 2, n = 2, rows (0,0), (0,0), (0,1), (1,1): cells 0, 0, 1, 3, counts [2, 1, 0, 1], m = 4, S = 3.
  // H_plugin = -(1/2 log 1/2 + 2 (1/4) log 1/4) = (1/2) log 2 + log 2 = 1.5 log 2.
  // Marginals: X_0 counts [3, 1], H = -(3/4 log 3/4 + 1/4 log 1/4); X_1 counts [2, 2], H = log 2.
  const pairs = new Uint8Array([0, 0, 0, 0, 0, 1, 1, 1]);
  const H0 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));

  it('plug-in entropy and TC', () => {
    expect(estimateEntropy(pairs, { q: 2, n: 2, method: 'plugin' })).toBeCloseTo(1.5 * LN2, 15);
    expect(estimateEntropy(pairs, { q: 2, n: 2, method: 'plugin', base: 2 })).toBeCloseTo(1.5, 15);
    expect(estimateTotalCorrelation(pairs, { q: 2, n: 2, method: 'plugin' })).toBeCloseTo(H0 + LN2 - 1.5 * LN2, 15);
  });

  it('Miller-Madow adds (S - 1) / (2m) to each entropy', () => {
    // Joint: 1.5 log 2 + (3 - 1) / 8 = 1.5 log 2 + 1/4. Marginals: S_0 = S_1 = 2, + 1/8 each.
    // TC: (H0 + 1/8) + (log 2 + 1/8) - (1.5 log 2 + 1/4) = H0 - 0.5 log 2: the corrections cancel here.
    expect(estimateEntropy(pairs, { q: 2, n: 2, method: 'miller-madow' })).toBeCloseTo(1.5 * LN2 + 0.25, 15);
    expect(estimateTotalCorrelation(pairs, { q: 2, n: 2, method: 'miller-madow' })).toBeCloseTo(H0 - 0.5 * LN2, 15);
    // One position, counts [2, 2]: log 2 + (2 - 1) / 8.
    expect(estimateEntropy(new Uint8Array([0, 0, 1, 1]), { q: 2, n: 1, method: 'miller-madow' })).toBeCloseTo(LN2 + 1 / 8, 15);
  });

  it('the entropy of an estimate of p: laplace on the joint and on each marginal', () => {
    // Joint (c + 1) / 8 = [3, 2, 1, 2] / 8. Marginal X_0 [3, 1] -> [4, 2] / 6; X_1 [2, 2] -> [1/2, 1/2].
    const h = (values: number[]) => -values.reduce((s, v) => s + v * Math.log(v), 0);
    const joint = h([3 / 8, 2 / 8, 1 / 8, 2 / 8]);
    expect(estimateEntropy(pairs, { q: 2, n: 2, method: 'laplace' })).toBeCloseTo(joint, 15);
    expect(estimateTotalCorrelation(pairs, { q: 2, n: 2, method: 'laplace' })).toBeCloseTo(h([4 / 6, 2 / 6]) + LN2 - joint, 15);
  });

  it('TC of one position is 0', () => {
    expect(estimateTotalCorrelation(new Uint8Array([0, 1, 1, 2]), { q: 3, n: 1, method: 'miller-madow' })).toBe(0);
  });
});

describe('bad input', () => {
  const cases: [string, () => unknown, typeof ArgumentRangeError | typeof ArgumentTypeError, string][] = [
    ['a symbol >= q', () => estimate(new Uint8Array([0, 3]), { q: 3, n: 2, method: 'plugin' }), ArgumentRangeError, 'estimate: samples[1] must be a symbol < q = 3; received 3.'],
    ['ragged rows', () => estimate(new Uint8Array([0, 1, 2]), { q: 3, n: 2, method: 'plugin' }), ArgumentRangeError, 'estimate: samples must be a positive multiple of n = 2 symbols; received length 3.'],
    ['no rows (m = 0)', () => estimate(new Uint8Array(0), { q: 3, n: 2, method: 'plugin' }), ArgumentRangeError, 'estimate: samples must be a positive multiple of n = 2 symbols; received length 0.'],
    ['an empty histogram (m = 0)', () => estimate(new Float64Array(4), { q: 2, n: 2, method: 'kt' }), ArgumentRangeError, 'estimate: samples must be a histogram of at least one sample (m >= 1); received all counts 0.'],
    ['a fractional count', () => estimate(new Float64Array([1, 0.5, 0, 0]), { q: 2, n: 2, method: 'kt' }), ArgumentRangeError, 'estimate: samples[1] must be a whole number >= 0 (a count of samples); received 0.5.'],
    ['a histogram of the wrong length', () => estimate({ counts: new Float64Array(3) }, { q: 2, n: 2, method: 'kt' }), ArgumentRangeError, 'estimate: samples.counts must be a histogram of q^n = 4 counts; received length 3.'],
    ['ragged { samples }', () => estimate({ samples: new Uint8Array(3) }, { q: 2, n: 2, method: 'kt' }), ArgumentRangeError, 'estimate: samples.samples must be a positive multiple of n = 2 symbols; received length 3.'],
    ['an array', () => estimate([0, 1] as never, { q: 2, n: 1, method: 'kt' }), ArgumentTypeError, 'estimate: samples must be rows (Uint8Array or Uint16Array), a histogram (Float64Array of q^n counts), { samples } or { counts }; received an array of length 2.'],
    ['an unknown method', () => estimate(rows, { ...shape, method: 'mle' as never }), ArgumentRangeError, 'estimate: options.method must be one of "plugin", "laplace", "kt", "add", "good-turing", "held-out", "dp", "sampling-twice", "dp-sampling-twice", "dp-sampling-twice-gaussian"; received "mle".'],
    ['miller-madow as an estimate of p', () => estimate(rows, { ...shape, method: 'miller-madow' as never }), ArgumentRangeError, 'estimate: options.method must be one of'],
    ['epsilon = 0', () => estimate(rows, { ...shape, method: 'dp', epsilon: 0, seed: 1 }), ArgumentRangeError, 'estimate: options.epsilon must be a finite number > 0; received 0.'],
    ['epsilon < 0', () => estimate(rows, { ...shape, method: 'dp', epsilon: -1, seed: 1 }), ArgumentRangeError, 'estimate: options.epsilon must be a finite number > 0; received -1.'],
    ['no epsilon', () => estimate(rows, { ...shape, method: 'dp', seed: 1 }), ArgumentTypeError, 'estimate: options.epsilon must be a number; received undefined.'],
    ['no seed for dp', () => estimate(rows, { ...shape, method: 'dp', epsilon: 1 }), ArgumentTypeError, 'estimate: options.seed must be an integer in [0, 2^53) or a BigInt in [0, 2^64); received undefined.'],
    ['a seed for a method without noise', () => estimate(rows, { ...shape, method: 'kt', seed: 1 }), ArgumentTypeError, 'estimate: options.seed must be undefined for method "kt" (only "dp", "sampling-twice", "dp-sampling-twice", "dp-sampling-twice-gaussian" draw random numbers); received 1.'],
    ['alpha for plugin', () => estimate(rows, { ...shape, method: 'plugin', alpha: 1 }), ArgumentTypeError, 'estimate: options.alpha must be undefined for method "plugin"; received 1.'],
    ['alpha = 0 for add', () => estimate(rows, { ...shape, method: 'add', alpha: 0 }), ArgumentRangeError, 'estimate: options.alpha must be a finite number > 0; received 0.'],
    ['a fractional threshold', () => estimate(rows, { ...shape, method: 'good-turing', threshold: 1.5 }), ArgumentRangeError, 'estimate: options.threshold must be an integer >= 0 or Infinity; received 1.5.'],
    ['held-out without options.heldOut', () => estimate(rows, { ...shape, method: 'held-out' }), ArgumentTypeError, 'estimate: options.heldOut must be a second sample for method "held-out"; received undefined.'],
    ['options.heldOut for another method', () => estimate(rows, { ...shape, method: 'kt', heldOut: rows }), ArgumentTypeError, 'estimate: options.heldOut must be undefined for method "kt"; received Uint8Array(8).'],
    ['a held-out symbol >= q', () => estimate(rows, { ...shape, method: 'held-out', heldOut: new Uint8Array([0, 4]) }), ArgumentRangeError, 'estimate: options.heldOut[1] must be a symbol < q = 3; received 4.'],
    ['q = 1', () => estimate(rows, { q: 1, n: 2, method: 'plugin' }), ArgumentRangeError, 'estimate: q must be an integer >= 2; received 1.'],
    ['dp for entropy', () => estimateEntropy(rows, { ...shape, method: 'dp' as never }), ArgumentRangeError, 'estimateEntropy: options.method must be one of "plugin", "miller-madow", "laplace", "kt", "add", "good-turing"; received "dp".'],
    ['a symbol >= q for TC', () => estimateTotalCorrelation(new Uint8Array([0, 5]), { q: 2, n: 2, method: 'plugin' }), ArgumentRangeError, 'estimateTotalCorrelation: samples[1] must be a symbol < q = 2; received 5.'],
  ];
  it.each(cases)('rejects %s, naming the argument', (_, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});
