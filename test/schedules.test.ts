// Schedules and their exact expected KL: count vectors of real samplers, the numpy reference,
// closed forms (../shared/SCHEDULES.md §8) and the published bounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, Joint, bounds, expectedKL, expectedKLCurve, models, schedules, type Profile } from '../src/index.js';
import { referenceCases } from './support/reference.js';

const LN2 = Math.log(2);
const RUNS = { numRuns: 100, seed: 4242 };

/** The profile h(j) = f(j) given in closed form. */
function profileOf(n: number, f: (j: number) => number): Profile {
  const h = Float64Array.from({ length: n + 1 }, (_, j) => f(j));
  return { h, D: Float64Array.from({ length: n }, (_, j) => h[j + 1] - h[j]) };
}

function expectClose(got: number, want: number, tolerance = 1e-12): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

describe('count vectors of real samplers (SCHEDULES.md §8.7)', () => {
  it.each([
    ['constant (LLaDA)', schedules.constant, 10, 4, [3, 3, 2, 2]],
    ['dream', schedules.dream, 10, 4, [2, 2, 2, 4]],
    ['dream', schedules.dream, 16, 4, [3, 4, 4, 5]],
    ['linear (dllm, half-even)', schedules.linear, 10, 4, [2, 3, 2, 3]],
    ['logLinear (= linear counts)', schedules.logLinear, 10, 4, [2, 3, 2, 3]],
    ['cosineBack (dllm)', schedules.cosineBack, 10, 4, [1, 2, 3, 4]],
    ['cosineBack (dllm)', schedules.cosineBack, 32, 8, [1, 2, 3, 4, 5, 5, 6, 6]],
    ['cosineBack (dllm)', schedules.cosineBack, 128, 8, [2, 7, 12, 16, 20, 22, 24, 25]],
    ['cosine (MaskGIT)', schedules.cosine, 10, 4, [1, 2, 4, 3]],
    ['cosine (MaskGIT)', schedules.cosine, 32, 8, [1, 2, 3, 4, 5, 5, 6, 6]],
    ['cosine (MaskGIT)', schedules.cosine, 128, 8, [3, 7, 12, 16, 19, 23, 24, 24]],
  ] as const)('%s(%i, %i) = %j', (_, family, n, K, want) => {
    expect(family(n, K)).toEqual(want);
  });

  it('cosineFront (MDLM) reveals most positions early', () => {
    const sizes = schedules.cosineFront(10, 4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(sizes[0]).toBeGreaterThan(sizes[3]);
  });

  it('every family gives K non-empty steps summing to n, for every 1 <= K <= n', () => {
    const families = [schedules.constant, schedules.linear, schedules.logLinear, schedules.cosine, schedules.cosineFront, schedules.cosineBack, schedules.dream];
    for (const family of families) {
      for (let n = 1; n <= 40; n++) {
        for (let K = 1; K <= n; K++) {
          const sizes = family(n, K);
          expect(sizes.length).toBe(K);
          expect(sizes.every((s) => Number.isInteger(s) && s >= 1)).toBe(true);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        }
      }
    }
  });
});

describe('expectedKL against the numpy reference', () => {
  it.each(referenceCases)('$name: every schedule, total and per-step terms, 1e-12', (c) => {
    const profile = { h: Float64Array.from(c.profile_h), D: Float64Array.from(c.profile_D) };
    for (const schedule of c.schedules) {
      const { total, terms } = expectedKL(profile, schedule.sizes);
      expectClose(total, schedule.expected_kl);
      schedule.expected_kl_terms.forEach((t, k) => expectClose(terms[k], t));
    }
  });
});

describe('closed forms (SCHEDULES.md §8)', () => {
  it('copies of a fair bit, n = 8: EKL = (s_1 - 1) ln 2', () => {
    const profile = models.copies(2, 8).profile();
    for (const [sizes, want] of [[[8], 4.85203026391962], [[2, 2, 2, 2], 0.693147180559945], [[4, 4], 2.07944154167984], [[1, 1, 2, 4], 0]] as const) {
      expectClose(expectedKL(profile, sizes).total, want, 1e-13);
    }
  });

  it('even parity, n = 8: EKL = ln 2 [s_K >= 2]', () => {
    const profile = models.parity(2, 8).profile();
    expectClose(expectedKL(profile, [4, 2, 1, 1]).total, 0);
    expectClose(expectedKL(profile, [2, 2, 2, 2]).total, LN2);
  });

  it('MDS [8, 3] code over GF(11), h(j) = min(j, 3) ln 11: EKL = (b - k) ln q when k is inside a block', () => {
    const profile = profileOf(8, (j) => Math.min(j, 3) * Math.log(11));
    for (const [sizes, want] of [[[8], 11.9894763639919], [[2, 3, 3], 4.79579054559674], [[4, 4], 2.39789527279837], [[3, 3, 2], 0]] as const) {
      expectClose(expectedKL(profile, sizes).total, want, 1e-13);
    }
  });

  it('binary symmetric Markov chain, flip 0.1, n = 8: fixed, optimal and adapted schedules', () => {
    const joint = models.markovChain(8, { flip: 0.1 });
    const profile = joint.profile();
    expectClose(joint.totalCorrelation(), 2.57644945017948, 1e-13);
    expectClose(joint.dualTotalCorrelation(), 1.24592728768037, 1e-13);
    expectClose(expectedKL(profile, [2, 2, 2, 2]).total, 0.306360712489876, 1e-13);
    expectClose(expectedKL(profile, [4, 4]).total, 0.997341494912855, 1e-13);
    for (const [K, sizes, want] of [[2, [3, 5], 0.833014338534731], [3, [2, 2, 4], 0.429336185758195], [4, [1, 2, 2, 3], 0.219878606349956]] as const) {
      const best = schedules.optimal(profile, K);
      expect(best.sizes).toEqual(sizes);
      expectClose(best.expectedKL, want, 1e-13);
    }
    expect(schedules.dtcAdapted(8, 0.5)).toEqual([1, 2, 3, 2]);
    expectClose(expectedKL(profile, [1, 2, 3, 2]).total, 0.246726729994767, 1e-13);
    expect(schedules.tcAdapted(8, 0.5)).toEqual([2, 3, 2, 1]);
    expectClose(expectedKL(profile, [2, 3, 2, 1]).total, 0.387934662964747, 1e-13);
  });

  it('K = 1 gives TC, all ones give 0, two blocks give a D(0) + (n-a) D(a) - h(n)', () => {
    const joint = models.ising2d(2, 3, { J: 0.4, h: 0.1 });
    const profile = joint.profile();
    expectClose(expectedKL(profile, [6]).total, joint.totalCorrelation());
    expectClose(expectedKL(profile, [1, 1, 1, 1, 1, 1]).total, 0);
    const { h, D } = profile;
    expectClose(expectedKL(profile, [2, 4]).total, 2 * D[0] + 4 * D[2] - h[6]);
  });

  it('expectedKLCurve runs K = 1..n and ends at 0', () => {
    const curve = expectedKLCurve(models.markovChain(6, { flip: 0.2 }).profile(), schedules.constant);
    expect(curve.map((p) => p.K)).toEqual([1, 2, 3, 4, 5, 6]);
    expectClose(curve[5].expectedKL, 0);
    expectClose(curve[0].expectedKL, models.markovChain(6, { flip: 0.2 }).totalCorrelation());
  });
});

/** A random table with its profile (q in 2..3, n in 2..6). */
const randomProfile = fc
  .record({ q: fc.integer({ min: 2, max: 3 }), n: fc.integer({ min: 2, max: 6 }), seed: fc.nat() })
  .filter(({ q, n }) => q ** n <= 729)
  .map(({ q, n, seed }) => {
    const joint = models.dirichlet(q, n, { seed });
    return { n, profile: joint.profile(), TC: joint.totalCorrelation(), DTC: joint.dualTotalCorrelation() };
  });

/** A random composition of n into K parts. */
function composition(n: number, K: number) {
  return fc.shuffledSubarray(Array.from({ length: n - 1 }, (_, i) => i + 1), { minLength: K - 1, maxLength: K - 1 }).map((cuts) => {
    const w = [0, ...cuts.sort((a, b) => a - b), n];
    return w.slice(1).map((b, k) => b - w[k]);
  });
}

describe('properties on random tables', () => {
  it('optimal(profile, K) is never worse than any other K-step schedule', () => {
    const input = randomProfile.chain((r) => fc.integer({ min: 1, max: r.n }).chain((K) => fc.record({ r: fc.constant(r), K: fc.constant(K), sizes: composition(r.n, K) })));
    fc.assert(fc.property(input, ({ r, K, sizes }) => {
      const best = schedules.optimal(r.profile, K);
      expect(best.sizes.length).toBe(K);
      expectClose(expectedKL(r.profile, best.sizes).total, best.expectedKL, 1e-12);
      expect(best.expectedKL).toBeLessThanOrEqual(expectedKL(r.profile, sizes).total + 1e-12);
    }), RUNS);
  });

  it('adapted schedules meet their eps guarantees, and EKL <= dimension-free <= Li-Cai bound', () => {
    const input = randomProfile.chain((r) => fc.record({ r: fc.constant(r), eps: fc.double({ min: 0.05, max: 2, noNaN: true }) }));
    fc.assert(fc.property(input, ({ r: { n, profile, TC, DTC }, eps }) => {
      expect(expectedKL(profile, schedules.dtcAdapted(n, eps)).total).toBeLessThanOrEqual(eps * DTC + 1e-12);
      expect(expectedKL(profile, schedules.tcAdapted(n, eps)).total).toBeLessThanOrEqual(eps * TC + 1e-12);
      const two = bounds(profile, schedules.twoSided(n, eps), { eps });
      expect(two.exact).toBeLessThanOrEqual(two.epsMin! + 1e-12);
      for (const sizes of [schedules.constant(n, 2), schedules.cosine(n, Math.max(1, n - 1)), [n]]) {
        const b = bounds(profile, sizes);
        expect(b.exact).toBeLessThanOrEqual(b.dimensionFree + 1e-12);
        expect(b.dimensionFree).toBeLessThanOrEqual(b.mutualInformation + 1e-12);
      }
    }), RUNS);
  });
});

describe('bad input', () => {
  it('names the argument', () => {
    expect(() => schedules.constant(4, 5)).toThrow('schedules.constant: K must be an integer in [1, 4]; received 5.');
    expect(() => schedules.cosine(0, 1)).toThrow('schedules.cosine: n must be an integer >= 1; received 0.');
    expect(() => schedules.dtcAdapted(8, 0)).toThrow('schedules.dtcAdapted: eps must be a finite number > 0; received 0.');
    const profile = models.uniform(2, 3).profile();
    expect(() => expectedKL(profile, [1, 1])).toThrow(ArgumentRangeError);
    expect(() => expectedKL(profile, [1, 1])).toThrow('expectedKL: sizes must be step sizes summing to n = 3; received [1, 1] (sum 2).');
    expect(() => expectedKL(profile, [0, 3])).toThrow('expectedKL: sizes[0] must be an integer >= 1; received 0.');
    expect(() => expectedKL({ h: [0, 1] } as unknown as Profile, [1])).toThrow('expectedKL: profile must be an entropy profile { h, D } (joint.profile()); received Object.');
    expect(() => schedules.optimal(profile, 4)).toThrow('schedules.optimal: K must be an integer in [1, 3]; received 4.');
    expect(() => bounds(profile, [3], { eps: -1 })).toThrow('bounds: options.eps must be a finite number > 0; received -1.');
  });
});

it('a Joint profile plugs straight into the schedule functions', () => {
  const joint = Joint.fromProbabilities(2, 2, [0.5, 0, 0, 0.5]);
  expectClose(expectedKL(joint.profile(), [2]).total, LN2);
});
