// Properties every estimate must have, on random histograms (fast-check, fixed seed): a
// distribution (entries >= 0 summing to 1), positive wherever the method adds mass, and, for the
// estimators that treat cells alike, equivariant under any relabelling of the cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EstimateOptions, estimate, estimateEntropy } from '../src/index.js';

const RUNS = { numRuns: 120, seed: 20261128 };

/** A random histogram: q in 2..4, n in 1..4 (q^n <= 256), counts 0..12 (many zeros), m >= 1. */
const histogram = fc
  .record({ q: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 1, max: 4 }) })
  .filter(({ q, n }) => q ** n <= 256)
  .chain(({ q, n }) =>
    fc.record({
      q: fc.constant(q),
      n: fc.constant(n),
      counts: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })), { minLength: q ** n, maxLength: q ** n }).filter((c) => c.some((v) => v > 0)),
      heldOut: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })), { minLength: q ** n, maxLength: q ** n }).filter((c) => c.some((v) => v > 0)),
      permutationKeys: fc.array(fc.nat(), { minLength: q ** n, maxLength: q ** n }),
    }),
  );

type Method = { method: EstimateOptions['method']; extra?: Partial<EstimateOptions>; positive: boolean; symmetric: boolean };
const METHODS: Method[] = [
  { method: 'plugin', positive: false, symmetric: true },
  { method: 'laplace', positive: true, symmetric: true },
  { method: 'kt', positive: true, symmetric: true },
  { method: 'add', extra: { alpha: 0.01 }, positive: true, symmetric: true },
  { method: 'good-turing', positive: false, symmetric: true },
  { method: 'good-turing', extra: { threshold: 2 }, positive: false, symmetric: true },
  { method: 'held-out', positive: false, symmetric: true },
  { method: 'dp', extra: { epsilon: 0.7, seed: 5 }, positive: true, symmetric: false },
  { method: 'sampling-twice', extra: { seed: 5 }, positive: true, symmetric: false },
  { method: 'dp-sampling-twice', extra: { epsilon: 0.7, seed: 5, split: 0.5 }, positive: true, symmetric: false },
  { method: 'dp-sampling-twice-gaussian', extra: { epsilon: 0.7, delta: 1e-6, seed: 5 }, positive: true, symmetric: false },
];

describe('estimates on random histograms', () => {
  it.each(METHODS.map((m) => [`${m.method}${m.extra ? ' ' + JSON.stringify(m.extra) : ''}`, m] as const))('%s: a distribution; equivariant under relabelling when cells are treated alike', (_, m) => {
    fc.assert(
      fc.property(histogram, ({ q, n, counts, heldOut, permutationKeys }) => {
        if (m.method.includes('sampling-twice') && counts.reduce((s, c) => s + c, 0) < 2) return;
        const held = new Float64Array(heldOut);
        const options = { q, n, method: m.method, ...m.extra, ...(m.method === 'held-out' && { heldOut: held }) } as EstimateOptions;
        const p = estimate(new Float64Array(counts), options).probabilities();
        expect(p.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
        expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
        if (m.positive) expect(p.every((v) => v > 0)).toBe(true);
        if (m.symmetric) {
          const order = counts.map((_, i) => i).sort((a, b) => permutationKeys[a] - permutationKeys[b] || a - b);
          const permuted = estimate(new Float64Array(order.map((i) => counts[i])), {
            ...options, ...(m.method === 'held-out' && { heldOut: new Float64Array(order.map((i) => heldOut[i])) }),
          }).probabilities();
          order.forEach((i, k) => expect(permuted[k]).toBeCloseTo(p[i], 15));
        }
      }),
      RUNS,
    );
  });

  it('Miller-Madow is the plug-in entropy plus (S - 1) / (2m)', () => {
    fc.assert(
      fc.property(histogram, ({ q, n, counts }) => {
        const histogramCounts = new Float64Array(counts);
        const m = counts.reduce((s, c) => s + c, 0);
        const S = counts.filter((c) => c > 0).length;
        const plugin = estimateEntropy(histogramCounts, { q, n, method: 'plugin' });
        expect(estimateEntropy(histogramCounts, { q, n, method: 'miller-madow' })).toBeCloseTo(plugin + (S - 1) / (2 * m), 13);
      }),
      RUNS,
    );
  });
});
