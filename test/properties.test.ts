// Identities and inequalities that must hold for every table (fast-check, fixed seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Joint, kl, jensenShannon, crossEntropy, models } from '../src/index.js';
import { conditionalEntropy, permutePositions } from './support/bruteForce.js';

const TOLERANCE = 1e-12;
const RUNS = { numRuns: 150, seed: 20261127 };

/** A random table: q in 2..4, n in 1..5 (q^n <= 256), about one cell in four zero. */
const table = fc
  .record({ q: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 1, max: 5 }) })
  .filter(({ q, n }) => q ** n <= 256)
  .chain(({ q, n }) =>
    fc.record({
      q: fc.constant(q),
      n: fc.constant(n),
      counts: fc
        .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: q ** n, maxLength: q ** n })
        .filter((c) => c.some((v) => v > 0)),
    }),
  );

/** A permutation of 0..n-1. */
function permutation(n: number) {
  return fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) =>
    Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b),
  );
}

describe('information inequalities', () => {
  it('TC, DTC and KL are >= 0, JS in [0, log 2], cross-entropy = H + KL', () => {
    fc.assert(
      fc.property(table, table, ({ q, n, counts }, other) => {
        const p = Joint.fromCounts(q, n, counts);
        expect(p.totalCorrelation()).toBeGreaterThanOrEqual(-TOLERANCE);
        expect(p.dualTotalCorrelation()).toBeGreaterThanOrEqual(-TOLERANCE);
        if (other.q === q && other.n === n) {
          const r = Joint.fromCounts(q, n, other.counts);
          const divergence = kl(p, r);
          expect(divergence).toBeGreaterThanOrEqual(-TOLERANCE);
          const js = jensenShannon(p, r);
          expect(js).toBeGreaterThanOrEqual(-TOLERANCE);
          expect(js).toBeLessThanOrEqual(Math.log(2) + TOLERANCE);
          expect(Math.abs(jensenShannon(r, p) - js)).toBeLessThanOrEqual(TOLERANCE);
          if (Number.isFinite(divergence)) expect(Math.abs(crossEntropy(p, r) - p.entropy() - divergence)).toBeLessThanOrEqual(1e-11);
          else expect(crossEntropy(p, r)).toBe(Infinity);
        }
        expect(kl(p, p)).toBe(0);
      }),
      RUNS,
    );
  });

  it('the profile is non-decreasing with non-increasing steps D(j), and TC, DTC follow from it', () => {
    fc.assert(
      fc.property(table, ({ q, n, counts }) => {
        const p = Joint.fromCounts(q, n, counts);
        const { h, D } = p.profile();
        for (let j = 0; j < n; j++) expect(D[j]).toBeGreaterThanOrEqual(-TOLERANCE);
        for (let j = 0; j + 1 < n; j++) expect(D[j + 1]).toBeLessThanOrEqual(D[j] + TOLERANCE);
        expect(Math.abs(p.totalCorrelation() - (n * D[0] - h[n]))).toBeLessThanOrEqual(1e-11);
        expect(Math.abs(p.dualTotalCorrelation() - (h[n] - n * D[n - 1]))).toBeLessThanOrEqual(1e-11);
      }),
      RUNS,
    );
  });
});

describe('symmetries and identities', () => {
  it('every measure is invariant under permuting positions, and subset entropies permute with them', () => {
    const withPermutation = table.chain((t) => fc.record({ t: fc.constant(t), perm: permutation(t.n) }));
    fc.assert(
      fc.property(withPermutation, ({ t: { q, n, counts }, perm }) => {
        const p = Joint.fromCounts(q, n, counts);
        const permuted = Joint.fromCounts(q, n, permutePositions(p.probabilities(), q, n, perm));
        for (const measure of ['entropy', 'totalCorrelation', 'dualTotalCorrelation', 'coinformation', 'tseComplexity'] as const) {
          expect(Math.abs(permuted[measure]() - p[measure]())).toBeLessThanOrEqual(1e-11);
        }
        const original = p.subsetEntropies();
        const moved = permuted.subsetEntropies();
        // Position i of `permuted` is position perm[i] of p.
        for (let mask = 0; mask < original.length; mask++) {
          let image = 0;
          for (let i = 0; i < n; i++) if ((mask >> i) & 1) image |= 1 << perm[i];
          expect(Math.abs(moved[mask] - original[image])).toBeLessThanOrEqual(TOLERANCE);
        }
      }),
      RUNS,
    );
  });

  it('TC = DTC = 0 for product tables', () => {
    const marginals = fc.record({ q: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 1, max: 5 }) }).chain(({ q, n }) =>
      fc.array(fc.array(fc.double({ min: 1e-3, max: 1, noNaN: true }), { minLength: q, maxLength: q }), { minLength: n, maxLength: n }),
    );
    fc.assert(
      fc.property(marginals, (weights) => {
        const p = models.product(weights.map((w) => { const s = w.reduce((a, b) => a + b, 0); return w.map((v) => v / s); }));
        expect(Math.abs(p.totalCorrelation())).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs(p.dualTotalCorrelation())).toBeLessThanOrEqual(TOLERANCE);
      }),
      RUNS,
    );
  });

  it('chain rule: H(X_{A∪B}) = H(X_A) + H(X_B | X_A), the conditional computed by brute force', () => {
    const withSets = table.chain((t) =>
      fc.record({ t: fc.constant(t), a: fc.nat({ max: 2 ** t.n - 1 }), b: fc.nat({ max: 2 ** t.n - 1 }) }),
    );
    fc.assert(
      fc.property(withSets, ({ t: { q, n, counts }, a, b }) => {
        const p = Joint.fromCounts(q, n, counts);
        const subsets = p.subsetEntropies();
        const positions = (mask: number) => Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1);
        const conditional = conditionalEntropy(p.probabilities(), q, n, positions(b & ~a), positions(a));
        expect(Math.abs(subsets[a | b] - (subsets[a] + conditional))).toBeLessThanOrEqual(TOLERANCE);
      }),
      RUNS,
    );
  });

  it('mutual information matches its entropy formula and is symmetric', () => {
    const withSets = table.filter((t) => t.n >= 2).chain((t) =>
      fc.record({ t: fc.constant(t), a: fc.integer({ min: 1, max: 2 ** t.n - 1 }), b: fc.integer({ min: 1, max: 2 ** t.n - 1 }), c: fc.nat({ max: 2 ** t.n - 1 }) }),
    );
    fc.assert(
      fc.property(withSets, ({ t: { q, n, counts }, a, b, c }) => {
        const p = Joint.fromCounts(q, n, counts);
        const positions = (mask: number) => Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1);
        const fresh = Joint.fromCounts(q, n, counts); // no cached subset entropies: the per-mask kernel path
        const mi = fresh.mutualInformation(positions(a), positions(b), positions(c));
        const H = p.subsetEntropies();
        const want = H[a | c] + H[b | c] - H[a | b | c] - H[c];
        expect(Math.abs(mi - want)).toBeLessThanOrEqual(1e-11);
        expect(Math.abs(p.mutualInformation(positions(b), positions(a), positions(c)) - mi)).toBeLessThanOrEqual(1e-11);
        expect(mi).toBeGreaterThanOrEqual(-1e-11);
      }),
      RUNS,
    );
  });
});
