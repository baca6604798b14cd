// Randomised sizes (Zhao-Cai style) and the weight form of the expected KL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedKL, expectedKLMixture, models, schedules } from '../src/index.js';

const RUNS = { numRuns: 60, seed: 77 };

/** sum_{m=1}^{n-1} r(m) (D(m-1) - D(m)): the weight form of SCHEDULES.md §0. */
function weightForm(r: Float64Array, D: Float64Array): number {
  let total = 0;
  for (let m = 1; m < D.length; m++) total += r[m] * (D[m - 1] - D[m]);
  return total;
}

const randomJoint = fc.record({ n: fc.integer({ min: 2, max: 9 }), seed: fc.nat() }).map(({ n, seed }) => models.dirichlet(2, n, { seed }));

describe('reveal weights', () => {
  it('the weight form equals expectedKL for any sizes', () => {
    const input = randomJoint.chain((joint) => fc.record({ joint: fc.constant(joint), cuts: fc.uniqueArray(fc.integer({ min: 1, max: joint.n - 1 }), { maxLength: joint.n - 1 }) }));
    fc.assert(fc.property(input, ({ joint, cuts }) => {
      const w = [0, ...cuts.sort((a, b) => a - b), joint.n];
      const sizes = w.slice(1).map((b, k) => b - w[k]);
      const profile = joint.profile();
      expect(Math.abs(weightForm(schedules.revealWeights(joint.n, sizes), profile.D) - expectedKL(profile, sizes).total)).toBeLessThanOrEqual(1e-12);
    }), RUNS);
  });

  it('are b - m inside a block and 0 at block starts', () => {
    expect(Array.from(schedules.revealWeights(8, [3, 5]))).toEqual([0, 2, 1, 0, 4, 3, 2, 1, 0]);
  });
});

describe('randomizedGeometric', () => {
  it('is a law over size vectors of at most K steps summing to n', () => {
    for (const weight of ['dtc', 'tc'] as const) {
      for (const [n, K] of [[16, 4], [64, 6], [5, 5], [7, 1]]) {
        const law = schedules.randomizedGeometric(n, K, { weight, offsets: 32 });
        expect(law.reduce((s, e) => s + e.probability, 0)).toBeCloseTo(1, 12);
        for (const { sizes } of law) {
          expect(sizes.length).toBeLessThanOrEqual(K);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
          expect(sizes.every((s) => s >= 1)).toBe(true);
        }
      }
    }
  });

  it('its exact expected KL is the weight form of E r(m), and within (rho^2 - 1) DTC or TC', () => {
    const input = randomJoint.chain((joint) => fc.record({ joint: fc.constant(joint), K: fc.integer({ min: 1, max: joint.n }) }));
    fc.assert(fc.property(input, ({ joint, K }) => {
      const profile = joint.profile();
      const factor = Math.max(1, joint.n ** (2 / K) - 1);
      for (const [weight, scale] of [['dtc', joint.dualTotalCorrelation()], ['tc', joint.totalCorrelation()]] as const) {
        const law = schedules.randomizedGeometric(joint.n, K, { weight, offsets: 16 });
        const exact = expectedKLMixture(profile, law);
        expect(Math.abs(exact - weightForm(schedules.revealWeights(joint.n, law), profile.D))).toBeLessThanOrEqual(1e-12);
        expect(exact).toBeLessThanOrEqual(factor * scale + 1e-12);
      }
    }), RUNS);
  });

  it('growing steps for dtc, shrinking steps for tc', () => {
    const [dtc] = schedules.randomizedGeometric(64, 4, { weight: 'dtc', offsets: 1 });
    const [tc] = schedules.randomizedGeometric(64, 4, { weight: 'tc', offsets: 1 });
    expect(dtc.sizes).toEqual([2, 6, 14, 42]);
    expect(tc.sizes).toEqual([42, 14, 6, 2]);
    expect(() => schedules.randomizedGeometric(8, 2, { weight: 'both' as 'tc' })).toThrow('schedules.randomizedGeometric: options.weight must be "dtc" or "tc"; received "both".');
  });
});
