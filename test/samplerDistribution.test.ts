// The sampler's exact output distribution: the reference mixtures q_mix (numpy enumeration of
// every ordered partition) and adaptive policies against a brute force written here.
import { describe, expect, it } from 'vitest';
import { Joint, expectedKL, kl, models, samplerDistribution, type UnmaskingPolicy } from '../src/index.js';
import { referenceCases } from './support/reference.js';

const TOLERANCE = 1e-12;

describe('random policy against the reference mixtures', () => {
  const cases = referenceCases.filter((c) => c.schedules.some((s) => s.bruteforce !== undefined));
  it.each(cases)('$name: q_mixture and kl_mixture of every schedule', (c) => {
    const p = Joint.fromProbabilities(c.q, c.n, c.pmf);
    for (const schedule of c.schedules) {
      if (schedule.bruteforce === undefined) continue;
      const mix = samplerDistribution(p, { sizes: schedule.sizes });
      const got = mix.probabilities();
      const want = schedule.bruteforce.q_mixture;
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      expect(worst, `${schedule.name}: max |Δ q_mix|`).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(kl(p, mix) - schedule.bruteforce.kl_mixture), `${schedule.name}: kl`).toBeLessThanOrEqual(TOLERANCE);
      expect(kl(p, mix)).toBeLessThanOrEqual(expectedKL(p.profile(), schedule.sizes).total + TOLERANCE);
      mix.dispose();
    }
  });
});

/**
 * Brute force: a deterministic policy's output probability of x is the product of the
 * conditionals along x's own path, S_1 = S(∅), S_2 = S(x_{S_1}), ... (conditionals from
 * explicitly summed marginals; uniform in a zero-probability context).
 */
function adaptiveBruteForce(p: Float64Array, q: number, n: number, policy: UnmaskingPolicy, sizes: number[], tau = 0): Float64Array {
  const digitsOf = (idx: number) => Array.from({ length: n }, (_, i) => Math.floor(idx / q ** (n - 1 - i)) % q);
  const xs = Array.from({ length: p.length }, (_, idx) => digitsOf(idx));
  const mass = (x: number[], positions: number[]) => {
    let total = 0;
    for (let idx = 0; idx < p.length; idx++) if (positions.every((i) => xs[idx][i] === x[i])) total += p[idx];
    return total;
  };
  const out = new Float64Array(p.length);
  for (let idx = 0; idx < p.length; idx++) {
    const x = xs[idx];
    let revealed: number[] = [];
    let probability = 1;
    for (let step = 0; revealed.length < n; step++) {
      const context = mass(x, revealed);
      const masked = Array.from({ length: n }, (_, i) => i).filter((i) => !revealed.includes(i));
      const cond = (i: number, a: number) => (context > 0 ? mass([...x.slice(0, i), a, ...x.slice(i + 1)], [...revealed, i]) / context : 1 / q);
      const score = (i: number) => {
        const c = Array.from({ length: q }, (_, a) => cond(i, a)).sort((u, v) => v - u);
        if (policy === 'margin') return c[0] - c[1];
        if (policy === 'entropy') return c.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
        return c[0];
      };
      // Greedy picks, highest score first; scores within 1e-12 are ties, won by the lower position.
      const pick = (count: number) => {
        const picked: number[] = [];
        for (let t = 0; t < count; t++) {
          let best = -1;
          for (const i of masked) if (!picked.includes(i) && (best < 0 || score(i) > score(best) + 1e-12)) best = i;
          picked.push(best);
        }
        return picked.sort((a, b) => a - b);
      };
      let chosen: number[];
      if (policy === 'threshold') {
        chosen = masked.filter((i) => score(i) >= tau - 1e-12);
        if (chosen.length === 0) chosen = pick(1);
      } else chosen = pick(sizes[step]);
      for (const i of chosen) probability *= cond(i, x[i]);
      revealed = [...revealed, ...chosen];
    }
    out[idx] = probability;
  }
  return out;
}

describe('adaptive policies against a brute force along every x', () => {
  const tables: [string, Joint][] = [
    ['dirichlet q=2 n=4', models.dirichlet(2, 4, { seed: 3 })],
    ['dirichlet q=3 n=3', models.dirichlet(3, 3, { seed: 8 })],
    ['ising 2x2', models.ising2d(2, 2, { J: 0.7, h: 0.2 })],
    ['with zero cells', Joint.fromCounts(2, 4, [5, 0, 0, 1, 2, 0, 3, 0, 0, 0, 1, 4, 0, 2, 0, 1])],
    ['parity (all ties)', models.parity(2, 4)],
  ];
  it.each(tables)('%s: confidence, margin, entropy with fixed sizes; threshold', (_, joint) => {
    const { q, n } = joint;
    const p = joint.probabilities();
    const sizesList = n === 4 ? [[2, 2], [1, 3], [3, 1], [1, 1, 2]] : [[2, 1], [1, 2], [3]];
    for (const policy of ['confidence', 'margin', 'entropy'] as const) {
      for (const sizes of sizesList) {
        const got = samplerDistribution(joint, { sizes, policy }).probabilities();
        const want = adaptiveBruteForce(p, q, n, policy, sizes);
        for (let i = 0; i < p.length; i++) expect(Math.abs(got[i] - want[i]), `${policy} ${sizes} cell ${i}`).toBeLessThanOrEqual(TOLERANCE);
      }
    }
    for (const tau of [0, 0.5, 0.7, 0.9, 1]) {
      const got = samplerDistribution(joint, { policy: 'threshold', threshold: tau }).probabilities();
      const want = adaptiveBruteForce(p, q, n, 'threshold', [], tau);
      for (let i = 0; i < p.length; i++) expect(Math.abs(got[i] - want[i]), `threshold ${tau} cell ${i}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('one token per step is exact for every policy; all at once gives the product of marginals', () => {
    const joint = models.dirichlet(3, 3, { seed: 2 });
    for (const policy of ['random', 'confidence', 'margin', 'entropy'] as const) {
      expect(kl(joint, samplerDistribution(joint, { sizes: [1, 1, 1], policy }))).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(kl(joint, samplerDistribution(joint, { sizes: [3], policy })) - joint.totalCorrelation())).toBeLessThanOrEqual(TOLERANCE);
    }
    expect(kl(joint, samplerDistribution(joint, { policy: 'threshold', threshold: 1 }))).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('samplerDistribution input', () => {
  const joint = models.uniform(2, 3);
  it('names the bad argument', () => {
    expect(() => samplerDistribution(joint, { sizes: [2, 2] })).toThrow('samplerDistribution: options.sizes must be step sizes summing to n = 3; received [2, 2] (sum 4).');
    expect(() => samplerDistribution(joint, { sizes: [3], policy: 'greedy' as UnmaskingPolicy })).toThrow('samplerDistribution: options.policy must be one of random, confidence, margin, entropy, threshold; received "greedy".');
    expect(() => samplerDistribution(joint, { policy: 'threshold' })).toThrow('samplerDistribution: options.threshold must be a number; received undefined.');
    expect(() => samplerDistribution(joint, { policy: 'threshold', threshold: 1.5 })).toThrow('samplerDistribution: options.threshold must be a finite number in [0, 1]; received 1.5.');
    expect(() => samplerDistribution({} as Joint, { sizes: [3] })).toThrow('samplerDistribution: joint must be a Joint; received Object.');
  });

  it('the lattice path gives the same subset entropies as the depth-first one', () => {
    const p = models.dirichlet(3, 5, { seed: 4 });
    const depthFirst = p.subsetEntropies();
    const fresh = Joint.fromProbabilities(3, 5, p.probabilities());
    samplerDistribution(fresh, { sizes: [5] }); // builds and keeps the lattice
    const fromLattice = fresh.subsetEntropies();
    for (let mask = 0; mask < depthFirst.length; mask++) expect(Math.abs(fromLattice[mask] - depthFirst[mask])).toBeLessThanOrEqual(TOLERANCE);
  });
});
