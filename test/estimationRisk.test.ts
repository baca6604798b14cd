// Independent draws (drawCounts) rebuilt from the TypeScript generator and checked by a G-test;
// estimationRisk against exact expectations (every multinomial outcome enumerated), the
// classic (S - 1)/(2m) asymptote of the plug-in's KL risk, and its seed rules through the API.
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, ArgumentTypeError, Joint, Xoshiro256StarStar, drawCounts, estimate, estimationRisk, kl } from '../src/index.js';
import { chiSquareQuantile } from './support/chiSquare.js';

/** sample()'s inverse CDF rule written out: the first x with u T < p_0 + ... + p_x, T = sum p. */
function drawsByHand(p: number[], count: number, seed: number | bigint, stream: number): Float64Array {
  const rng = Xoshiro256StarStar.fromSeed(seed, stream);
  const total = p.reduce((s, v) => s + v, 0);
  const counts = new Float64Array(p.length);
  for (let k = 0; k < count; k++) {
    const t = rng.uniform() * total;
    let cumulative = 0;
    let x = -1;
    for (let i = 0; i < p.length && x < 0; i++) {
      cumulative += p[i];
      if (p[i] > 0 && t < cumulative) x = i;
    }
    if (x < 0) x = p.reduce((last, v, i) => (v > 0 ? i : last), -1);
    counts[x]++;
  }
  return counts;
}

describe('drawCounts', () => {
  it('draws by inverse CDF on the uniforms of stream `stream` of the seed', () => {
    const p = [0, 0.5, 0, 0.125, 0.25, 0, 0.125, 0];
    const joint = Joint.fromProbabilities(2, 3, p);
    expect(drawCounts(joint, { count: 500, seed: 9 })).toEqual(drawsByHand(p, 500, 9, 0));
    expect(drawCounts(joint, { count: 500, seed: 9, stream: 4 })).toEqual(drawsByHand(p, 500, 9, 4));
    const q = Array.from({ length: 27 }, (_, i) => (i + 1) / 378);
    expect(drawCounts(Joint.fromProbabilities(3, 3, q), { count: 2000, seed: 2n ** 63n + 5n })).toEqual(drawsByHand(q, 2000, 2n ** 63n + 5n, 0));
  });

  it('gives the same draws from 65536 cells up, where it draws in sorted batches (here two: 2^20 + 50000 draws)', () => {
    const size = 2 ** 16;
    const weights = Array.from({ length: size }, (_, x) => (x % 7 === 3 ? 0 : 1 + ((x * 2654435761) % 1000)));
    const total = weights.reduce((s, v) => s + v, 0);
    const p = weights.map((w) => w / total);
    // The inverse CDF by binary search over the same running sums: the first x with t < cdf[x].
    const cdf = new Float64Array(size);
    let sum = 0;
    p.forEach((v, x) => (cdf[x] = sum += v));
    const count = 2 ** 20 + 50_000;
    const rng = Xoshiro256StarStar.fromSeed(21, 3);
    const expected = new Float64Array(size);
    for (let k = 0; k < count; k++) {
      const t = rng.uniform() * sum;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t < cdf[mid]) hi = mid;
        else lo = mid + 1;
      }
      expected[lo]++;
    }
    expect(drawCounts(Joint.fromProbabilities(2, 16, p), { count, seed: 21, stream: 3 })).toEqual(expected);
  });

  it('matches p by a G-test (false alarm 1e-4)', () => {
    const p = Array.from({ length: 27 }, (_, i) => ((i * 7) % 11) + 1);
    const total = p.reduce((s, v) => s + v, 0);
    const probabilities = p.map((v) => v / total);
    const N = 200_000;
    const counts = drawCounts(Joint.fromProbabilities(3, 3, probabilities), { count: N, seed: 3 });
    let G = 0;
    counts.forEach((c, x) => {
      if (c > 0) G += 2 * c * Math.log(c / (N * probabilities[x]));
    });
    expect(G).toBeLessThan(chiSquareQuantile(1e-4, 26));
  });
});

// Exact expectations for q = 2, n = 2, p = [0.4, 0.3, 0.2, 0.1] and m = 30 samples, summing over
// all C(33, 3) = 5456 histograms with their multinomial probabilities.
const P = [0.4, 0.3, 0.2, 0.1];
const M = 30;

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

function* histograms(m: number): Generator<[number[], number]> {
  for (let a = 0; a <= m; a++) {
    for (let b = 0; a + b <= m; b++) {
      for (let c = 0; a + b + c <= m; c++) {
        const counts = [a, b, c, m - a - b - c];
        let logProbability = logFactorial(m);
        counts.forEach((k, x) => (logProbability += k * Math.log(P[x]) - logFactorial(k)));
        yield [counts, Math.exp(logProbability)];
      }
    }
  }
}

const entropyOf = (values: number[]) => -values.reduce((s, v) => (v > 0 ? s + v * Math.log(v) : s), 0);
const trueH = entropyOf(P);
const trueTC = entropyOf([P[0] + P[1], P[2] + P[3]]) + entropyOf([P[0] + P[2], P[1] + P[3]]) - trueH;

/** E f, and E (f - about)^2 and E (f - about)^4, over the histograms of m = 30 samples. */
function exact(f: (counts: number[]) => number, about = 0): { mean: number; second: number; fourth: number } {
  let mean = 0;
  let second = 0;
  let fourth = 0;
  for (const [counts, probability] of histograms(M)) {
    const v = f(counts);
    mean += probability * v;
    second += probability * (v - about) ** 2;
    fourth += probability * (v - about) ** 4;
  }
  return { mean, second, fourth };
}

const support = (counts: number[]) => counts.filter((c) => c > 0).length;
const plugInH = (counts: number[]) => entropyOf(counts.map((c) => c / M));
const millerMadowH = (counts: number[]) => plugInH(counts) + (support(counts) - 1) / (2 * M);
const margins = (c: number[]) => [[c[0] + c[1], c[2] + c[3]], [c[0] + c[2], c[1] + c[3]]];
const millerMadowTC = (c: number[]) => margins(c).reduce((s, m) => s + millerMadowH(m), 0) - millerMadowH(c);
const addKL = (alpha: number) => (counts: number[]) => P.reduce((s, p, x) => s + p * Math.log(p / ((counts[x] + alpha) / (M + 4 * alpha))), 0);

/** |estimate - exact| within z standard errors of the mean (z = 4.5: two-sided 6.8e-6 per check, about 1e-4 for the file). */
const Z = 4.5;

describe('estimationRisk against exact expectations (m = 30, every histogram enumerated)', () => {
  const p = Joint.fromProbabilities(2, 2, P);
  const trials = 4000;

  it('KL(p || p̂) of laplace and kt', () => {
    for (const [method, alpha] of [['laplace', 1], ['kt', 0.5]] as const) {
      const risk = estimationRisk(p, method, M, { trials, seed: 11 });
      const expected = exact(addKL(alpha)).mean;
      expect(risk.kl!.infiniteTrials).toBe(0);
      expect(Math.abs(risk.kl!.mean - expected), `${method}: ${risk.kl!.mean} vs ${expected}`).toBeLessThan(Z * risk.kl!.standardError);
    }
  });

  it('entropy and TC bias and RMSE of plugin and Miller-Madow', () => {
    const cases = [
      ['plugin', plugInH, (c: number[]) => margins(c).reduce((s, m) => s + plugInH(m), 0) - plugInH(c)],
      ['miller-madow', millerMadowH, millerMadowTC],
    ] as const;
    for (const [method, H, TC] of cases) {
      const risk = estimationRisk(p, method, M, { trials, seed: 12 });
      for (const [name, summary, f, truth] of [['entropy', risk.entropy, H, trueH], ['TC', risk.totalCorrelation, TC, trueTC]] as const) {
        const moments = exact(f, truth);
        expect(summary.truth).toBeCloseTo(truth, 14);
        const exactBias = moments.mean - truth;
        expect(Math.abs(summary.bias - exactBias), `${method} ${name} bias ${summary.bias} vs ${exactBias}`).toBeLessThan(Z * summary.standardError);
        // RMSE^2 is the mean of (f - truth)^2 over the trials: exact mean E (f - truth)^2, exact
        // standard error sqrt((E (f - truth)^4 - (E (f - truth)^2)^2) / trials).
        const mseError = Math.sqrt((moments.fourth - moments.second ** 2) / trials);
        expect(Math.abs(summary.rmse ** 2 - moments.second), `${method} ${name} MSE ${summary.rmse ** 2} vs ${moments.second}`).toBeLessThan(Z * mseError);
      }
    }
  });

  it('the plug-in entropy is biased low by about (S - 1) / (2m); Miller-Madow removes most of it', () => {
    const plugin = exact(plugInH).mean - trueH;
    const mm = exact(millerMadowH).mean - trueH;
    expect(plugin).toBeLessThan(0);
    expect(plugin).toBeCloseTo(-3 / (2 * M), 2);
    expect(Math.abs(mm)).toBeLessThan(Math.abs(plugin) / 5);
    expect(estimationRisk(p, 'miller-madow', M, { trials: 10, seed: 1 }).kl).toBeUndefined();
  });
});

describe('estimationRisk', () => {
  it('KL risk of plugin with full support is about (S - 1) / (2m) for large m', () => {
    // E KL(p || p̂) = sum_x Var(p̂_x) / (2 p_x) + O(1/m^2) = (S - 1) / (2m) + O(sum_x 1/p_x / m^2);
    // here S = 8, m = 10^4: 3.5e-4, the next term about 5e-7. min_x m p_x = 200, so no cell is empty.
    const p = Joint.fromProbabilities(2, 3, [0.3, 0.2, 0.15, 0.1, 0.1, 0.08, 0.05, 0.02]);
    const m = 10_000;
    const risk = estimationRisk(p, 'plugin', m, { trials: 1000, seed: 5 });
    expect(Math.abs(risk.kl!.mean - 7 / (2 * m))).toBeLessThan(Z * risk.kl!.standardError + 1e-6);
  });

  it('laplace and kt have finite risk where plugin misses a rare cell (infinite KL)', () => {
    const p = Joint.fromProbabilities(2, 2, [0.6, 0.3, 0.0999, 0.0001]);
    const plugin = estimationRisk(p, 'plugin', 100, { trials: 50, seed: 1 });
    expect(plugin.kl!.mean).toBe(Infinity);
    expect(plugin.kl!.standardError).toBeNaN();
    expect(plugin.kl!.infiniteTrials).toBeGreaterThan(40);
    for (const method of ['laplace', 'kt'] as const) {
      const risk = estimationRisk(p, method, 100, { trials: 50, seed: 1 });
      expect(risk.kl!.infiniteTrials).toBe(0);
      expect(Number.isFinite(risk.kl!.mean) && risk.kl!.mean > 0).toBe(true);
    }
  });

  it('trial t is drawCounts(stream 2t) and, for dp, estimate(stream 2t + 1): reproducible through the API', () => {
    const p = Joint.fromProbabilities(2, 2, [0.1, 0.2, 0.3, 0.4]);
    const counts = drawCounts(p, { count: 40, seed: 77 });
    const one = estimationRisk(p, 'kt', 40, { trials: 1, seed: 77 });
    expect(one.kl!.mean).toBe(kl(p, estimate(counts, { q: 2, n: 2, method: 'kt' })));
    expect(one.kl!.standardError).toBeNaN();
    const dp = estimationRisk(p, 'dp', 40, { trials: 1, seed: 77, epsilon: 2 });
    expect(dp.kl!.mean).toBe(kl(p, estimate(counts, { q: 2, n: 2, method: 'dp', epsilon: 2, seed: 77, stream: 1 })));
    const second = drawCounts(p, { count: 40, seed: 77, stream: 2 });
    const two = estimationRisk(p, 'good-turing', 40, { trials: 2, seed: 77 });
    const expected = (kl(p, estimate(counts, { q: 2, n: 2, method: 'good-turing' })) + kl(p, estimate(second, { q: 2, n: 2, method: 'good-turing' }))) / 2;
    expect(two.kl!.mean).toBeCloseTo(expected, 15);
    // held-out: ceil(41/2) = 21 training draws from stream 0, 20 held-out from stream 1.
    const heldOutRisk = estimationRisk(p, 'held-out', 41, { trials: 1, seed: 77 });
    const training = drawCounts(p, { count: 21, seed: 77 });
    const heldOut = drawCounts(p, { count: 20, seed: 77, stream: 1 });
    const estimateHeld = estimate(training, { q: 2, n: 2, method: 'held-out', heldOut });
    expect(heldOutRisk.kl!.mean).toBe(kl(p, estimateHeld));
    expect(heldOutRisk.entropy.mean).toBeCloseTo(estimateHeld.entropy(), 14);
    expect(heldOutRisk.totalCorrelation.mean).toBeCloseTo(estimateHeld.totalCorrelation(), 14);
    expect(estimationRisk(p, 'dp', 40, { trials: 20, seed: 3, epsilon: 1 })).toEqual(estimationRisk(p, 'dp', 40, { trials: 20, seed: 3, epsilon: 1 }));
  });

  it('reports in bits with base 2 and calls onProgress after each trial', () => {
    const p = Joint.fromProbabilities(2, 2, [0.1, 0.2, 0.3, 0.4]);
    const calls: [number, number][] = [];
    const nats = estimationRisk(p, 'laplace', 50, { trials: 5, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    const bits = estimationRisk(p, 'laplace', 50, { trials: 5, seed: 1, base: 2 });
    expect(calls).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(bits.kl!.mean).toBeCloseTo(nats.kl!.mean / Math.LN2, 15);
    expect(bits.entropy.truth).toBeCloseTo(p.entropy({ base: 2 }), 15);
    expect(bits.totalCorrelation.rmse).toBeCloseTo(nats.totalCorrelation.rmse / Math.LN2, 15);
  });

  it('rejects bad arguments, naming them', () => {
    const p = Joint.fromProbabilities(2, 1, [0.5, 0.5]);
    const cases: [() => unknown, typeof ArgumentRangeError | typeof ArgumentTypeError, string][] = [
      [() => estimationRisk(p, 'plugin', 0, { trials: 1, seed: 1 }), ArgumentRangeError, 'estimationRisk: m must be an integer >= 1; received 0.'],
      [() => estimationRisk(p, 'plugin', 10, { trials: 0, seed: 1 }), ArgumentRangeError, 'estimationRisk: options.trials must be an integer >= 1; received 0.'],
      [() => estimationRisk(p, 'mle' as never, 10, { trials: 1, seed: 1 }), ArgumentRangeError, 'estimationRisk: method must be one of "plugin", "laplace", "kt", "add", "good-turing", "held-out", "dp", "sampling-twice", "dp-sampling-twice", "dp-sampling-twice-gaussian", "miller-madow"; received "mle".'],
      [() => estimationRisk(p, 'dp', 10, { trials: 1, seed: 1, epsilon: -0.5 }), ArgumentRangeError, 'estimationRisk: options.epsilon must be a finite number > 0; received -0.5.'],
      [() => estimationRisk(p, 'plugin', 10, { trials: 1 } as never), ArgumentTypeError, 'estimationRisk: options.seed must be an integer in [0, 2^53) or a BigInt in [0, 2^64); received undefined.'],
      [() => estimationRisk([0.5, 0.5] as never, 'plugin', 10, { trials: 1, seed: 1 }), ArgumentTypeError, 'estimationRisk: p must be a Joint; received an array of length 2.'],
      [() => estimationRisk(p, 'held-out', 1, { trials: 1, seed: 1 }), ArgumentRangeError, 'estimationRisk: m must be an integer from 2 to 2^32 - 1 for method "held-out" (it splits the samples in two); received 1.'],
      [() => drawCounts(p, { count: 0, seed: 1 }), ArgumentRangeError, 'drawCounts: options.count must be an integer >= 1; received 0.'],
      [() => drawCounts(p, { count: 5, seed: -1 }), ArgumentRangeError, 'drawCounts: options.seed must be an integer in [0, 2^53) or a BigInt in [0, 2^64); received -1.'],
    ];
    for (const [call, type, message] of cases) {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    }
  });
});
