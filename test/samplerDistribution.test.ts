// The sampler's exact output distribution: the reference mixtures q_mix (numpy enumeration of
// every ordered partition) and adaptive policies against a brute force written here.
import { describe, expect, it } from 'vitest';
import { Joint, expectedKL, expectedKLMixture, kl, models, samplerDistribution, schedules, type SizeDistribution, type UnmaskingPolicy } from '../src/index.js';
import { withScratch } from '../src/internal/scratch.js';
import { getRuntime } from '../src/wasm/runtime.js';
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
 * explicitly summed marginals; uniform in a zero-probability context). Only the cells listed
 * in `cells` (default: all) are filled in.
 */
function adaptiveBruteForce(p: Float64Array, q: number, n: number, policy: UnmaskingPolicy, sizes: number[], tau = 0, temperature = 1, cells?: number[]): Float64Array {
  const digitsOf = (idx: number) => Array.from({ length: n }, (_, i) => Math.floor(idx / q ** (n - 1 - i)) % q);
  // p(x_positions): the sum of p over every completion of the free positions (memoized).
  const masses = new Map<string, number>();
  const mass = (x: number[], positions: number[]) => {
    const key = Array.from({ length: n }, (_, i) => (positions.includes(i) ? x[i] : '*')).join(',');
    let total = masses.get(key);
    if (total === undefined) {
      const free = Array.from({ length: n }, (_, i) => i).filter((i) => !positions.includes(i));
      const base = positions.reduce((b, i) => b + x[i] * q ** (n - 1 - i), 0);
      const sum = (f: number, idx: number): number => {
        if (f === free.length) return p[idx];
        let t = 0;
        for (let a = 0; a < q; a++) t += sum(f + 1, idx + a * q ** (n - 1 - free[f]));
        return t;
      };
      masses.set(key, (total = sum(0, base)));
    }
    return total;
  };
  const out = new Float64Array(p.length);
  for (const idx of cells ?? Array.from({ length: p.length }, (_, i) => i)) {
    const x = digitsOf(idx);
    let revealed: number[] = [];
    let probability = 1;
    for (let step = 0; revealed.length < n; step++) {
      const context = mass(x, revealed);
      const masked = Array.from({ length: n }, (_, i) => i).filter((i) => !revealed.includes(i));
      const raw = (i: number, a: number) => (context > 0 ? mass([...x.slice(0, i), a, ...x.slice(i + 1)], [...revealed, i]) / context : 1 / q);
      const cond = (i: number, a: number) => {
        if (temperature === 1) return raw(i, a);
        const row = Array.from({ length: q }, (_, b) => raw(i, b));
        const top = Math.max(...row);
        const powered = row.map((c) => (c / top) ** (1 / temperature));
        return powered[a] / powered.reduce((t, c) => t + c, 0);
      };
      const scoreOf = (i: number) => {
        const c = Array.from({ length: q }, (_, a) => cond(i, a)).sort((u, v) => v - u);
        if (policy === 'margin') return c[0] - c[1];
        if (policy === 'entropy') return c.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
        return c[0];
      };
      const scores = new Map(masked.map((i) => [i, scoreOf(i)]));
      const score = (i: number) => scores.get(i) as number;
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

describe('adaptive policies over the states they reach', () => {
  const worst = (got: Float64Array, want: Float64Array, cells: number[]) => cells.reduce((w, i) => Math.max(w, Math.abs(got[i] - want[i])), 0);
  const all = (size: number) => Array.from({ length: size }, (_, i) => i);

  it('q=2 n=10: every policy equals the per-x brute force on every cell', () => {
    const joint = models.dirichlet(2, 10, { seed: 21 });
    const p = joint.probabilities();
    const cases: [UnmaskingPolicy, number[]][] = [['confidence', [2, 3, 1, 4]], ['margin', [5, 5]], ['entropy', [1, 2, 3, 4]]];
    for (const [policy, sizes] of cases) {
      const got = samplerDistribution(joint, { sizes, policy }).probabilities();
      expect(worst(got, adaptiveBruteForce(p, 2, 10, policy, sizes), all(p.length)), `${policy} ${sizes}`).toBeLessThanOrEqual(TOLERANCE);
    }
    for (const tau of [0.55, 0.7]) {
      const got = samplerDistribution(joint, { policy: 'threshold', threshold: tau }).probabilities();
      expect(worst(got, adaptiveBruteForce(p, 2, 10, 'threshold', [], tau), all(p.length)), `threshold ${tau}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('q=2 n=14 (a (q+1)^n scratch would be 38 MB): mass 1, and the brute force on a few cells', () => {
    const joint = models.dirichlet(2, 14, { seed: 22 });
    const p = joint.probabilities();
    const { kernels } = getRuntime();
    const byProbability = all(p.length).sort((a, b) => p[b] - p[a]);
    const cells = [...byProbability.slice(0, 3), 0, 5000, 12345, p.length - 1];
    for (const [policy, sizes, tau] of [['confidence', [4, 4, 3, 3], 0], ['entropy', [1, 2, 3, 8], 0], ['threshold', [], 0.6]] as [UnmaskingPolicy, number[], number][]) {
      const got = samplerDistribution(joint, policy === 'threshold' ? { policy, threshold: tau } : { sizes, policy }).probabilities();
      expect(Math.abs(got.reduce((t, v) => t + v, 0) - 1), `${policy}: total mass`).toBeLessThanOrEqual(TOLERANCE);
      expect(got.every((v) => v >= 0)).toBe(true);
      expect(worst(got, adaptiveBruteForce(p, 2, 14, policy, sizes, tau, 1, cells), cells), `${policy}: cells ${cells}`).toBeLessThanOrEqual(TOLERANCE);
    }
    // The work area of fixed sizes is bounded by the reachable states (1 + 16 + 256 + 2048 here).
    const levels = withScratch('test', [1], (_, [at]) => {
      new Int32Array(kernels.memory.buffer, at, 14).set([4, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 3, 0, 0]);
      return kernels.samplerWorkBytes(2, 14, 1, at);
    });
    expect(levels).toBeLessThan(100_000);
  });

  it('the kernel asks for a larger work area rather than overflow, then gives the same law', () => {
    const joint = models.dirichlet(2, 12, { seed: 23 });
    const { q, n } = joint;
    const want = samplerDistribution(joint, { policy: 'threshold', threshold: 0.6 }).probabilities();
    const { kernels, arena } = getRuntime();
    const lattice = joint.latticePointer('test');
    const run = (bytes: number) => withScratch('test', [n, bytes / 8, q ** n], (_, [levels, work, out]) => {
      new Int32Array(kernels.memory.buffer, levels, n).fill(0);
      const done = kernels.samplerDistribution(lattice, q, n, 4, levels, 0.6, 1, work, bytes, out);
      return { done, table: arena.f64(out, q ** n).slice() };
    });
    expect(run(4096).done).toBe(0);
    const bound = withScratch('test', [n], (_, [levels]) => kernels.samplerWorkBytes(q, n, 4, levels));
    let bytes = 4096;
    while (run(bytes).done === 0) bytes *= 2;
    expect(bytes).toBeLessThan(bound / 8);
    expect(run(bytes).table).toEqual(want);
  });
});

/**
 * Conditionals from explicitly summed marginals: marginal(mask)[x] = p(x_mask), over full x.
 * cond(mask, x, i) = p_T(x_i = a | x_mask) for a = 0..q-1 (uniform in a context of
 * probability 0; tempered: p^(1/T) renormalised).
 */
function conditionalsOf(p: Float64Array, q: number, n: number, temperature = 1) {
  const size = p.length;
  const digit = (idx: number, i: number) => Math.floor(idx / q ** (n - 1 - i)) % q;
  const marginals = new Map<number, Float64Array>();
  const marginal = (mask: number) => {
    let m = marginals.get(mask);
    if (m === undefined) {
      const key = (idx: number) => Array.from({ length: n }, (_, i) => ((mask >> i) & 1 ? digit(idx, i) : 0)).reduce((k, d) => k * q + d, 0);
      const sums = new Map<number, number>();
      for (let idx = 0; idx < size; idx++) sums.set(key(idx), (sums.get(key(idx)) ?? 0) + p[idx]);
      m = Float64Array.from({ length: size }, (_, idx) => sums.get(key(idx)) as number);
      marginals.set(mask, m);
    }
    return m;
  };
  const rows = new Map<number, number[]>();
  const row = (mask: number, x: number, i: number): number[] => {
    const context = marginal(mask)[x];
    if (!(context > 0)) return Array.from({ length: q }, () => 1 / q);
    const stride = q ** (n - 1 - i);
    const base = x - digit(x, i) * stride;
    const raw = Array.from({ length: q }, (_, a) => marginal(mask | (1 << i))[base + a * stride] / context);
    if (temperature === 1) return raw;
    const top = Math.max(...raw);
    const powered = raw.map((c) => (c / top) ** (1 / temperature));
    const total = powered.reduce((t, c) => t + c, 0);
    return powered.map((c) => c / total);
  };
  return (mask: number, x: number, i: number): number[] => {
    const key = (mask * size + x) * n + i;
    let r = rows.get(key);
    if (r === undefined) rows.set(key, (r = row(mask, x, i)));
    return r;
  };
}

/** Every ordered partition of the positions 0..n-1 into sets of the given sizes. */
function orderedPartitions(n: number, sizes: number[]): number[][] {
  const out: number[][] = [];
  const extend = (remaining: number[], step: number, sets: number[]) => {
    if (step === sizes.length) {
      out.push(sets);
      return;
    }
    const pick = (from: number, chosen: number[]) => {
      if (chosen.length === sizes[step]) {
        const mask = chosen.reduce((m, i) => m | (1 << i), 0);
        extend(remaining.filter((i) => !chosen.includes(i)), step + 1, [...sets, mask]);
        return;
      }
      for (let j = from; j < remaining.length; j++) pick(j + 1, [...chosen, remaining[j]]);
    };
    pick(0, []);
  };
  extend(Array.from({ length: n }, (_, i) => i), 0, []);
  return out;
}

/**
 * Brute force of the random policy: the mean over every ordered partition S_1..S_K of
 * q_S(x) = prod_k prod_{i in S_k} p_T(x_i | x_{W_{k-1}}).
 */
function randomBruteForce(p: Float64Array, q: number, n: number, sizes: number[], temperature = 1): Float64Array {
  const cond = conditionalsOf(p, q, n, temperature);
  const digit = (idx: number, i: number) => Math.floor(idx / q ** (n - 1 - i)) % q;
  const partitions = orderedPartitions(n, sizes);
  const out = new Float64Array(p.length);
  for (const sets of partitions) {
    for (let x = 0; x < p.length; x++) {
      let probability = 1;
      let revealed = 0;
      for (const set of sets) {
        for (let i = 0; i < n; i++) if ((set >> i) & 1) probability *= cond(revealed, x, i)[digit(x, i)];
        revealed |= set;
      }
      out[x] += probability / partitions.length;
    }
  }
  return out;
}

describe('random policy against a brute force over every ordered partition', () => {
  const cases: [string, Joint, number[]][] = [
    ['dirichlet q=3 n=4, sizes [1, 2, 1]', models.dirichlet(3, 4, { seed: 5 }), [1, 2, 1]],
    ['dirichlet q=2 n=6, sizes [2, 3, 1]', models.dirichlet(2, 6, { seed: 6 }), [2, 3, 1]],
    ['dirichlet q=2 n=5, sizes [1, 3, 1]', models.dirichlet(2, 5, { seed: 7 }), [1, 3, 1]],
    ['zero cells q=2 n=4, sizes [2, 1, 1]', Joint.fromCounts(2, 4, [5, 0, 0, 1, 2, 0, 3, 0, 0, 0, 1, 4, 0, 2, 0, 1]), [2, 1, 1]],
    ['dirichlet q=2 n=9, sizes [4, 5] (C(9, 4) = 126 first steps)', models.dirichlet(2, 9, { seed: 8 }), [4, 5]],
    ['dirichlet q=2 n=8, sizes [2, 4, 2] (C(6, 4) = 15 second steps from each state)', models.dirichlet(2, 8, { seed: 9 }), [2, 4, 2]],
  ];
  it.each(cases)('%s', (_, joint, sizes) => {
    const got = samplerDistribution(joint, { sizes }).probabilities();
    const want = randomBruteForce(joint.probabilities(), joint.q, joint.n, sizes);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst, 'max |Δ q_mix|').toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('temperature', () => {
  const tables: [string, Joint][] = [
    ['dirichlet q=3 n=3', models.dirichlet(3, 3, { seed: 11 })],
    ['with zero cells', Joint.fromCounts(2, 4, [5, 0, 0, 1, 2, 0, 3, 0, 0, 0, 1, 4, 0, 2, 0, 1])],
  ];
  const worst = (got: Float64Array, want: Float64Array) => got.reduce((w, g, i) => Math.max(w, Math.abs(g - want[i])), 0);

  it.each(tables)('%s: T = 0.5 and 2 against the brute forces (ordered partitions; per-x paths)', (_, joint) => {
    const { q, n } = joint;
    const p = joint.probabilities();
    const sizes = n === 4 ? [2, 1, 1] : [1, 2];
    for (const temperature of [0.5, 2]) {
      const random = samplerDistribution(joint, { sizes, temperature }).probabilities();
      expect(worst(random, randomBruteForce(p, q, n, sizes, temperature)), `random T=${temperature}`).toBeLessThanOrEqual(TOLERANCE);
      for (const policy of ['confidence', 'margin', 'entropy'] as const) {
        const got = samplerDistribution(joint, { sizes, policy, temperature }).probabilities();
        expect(worst(got, adaptiveBruteForce(p, q, n, policy, sizes, 0, temperature)), `${policy} T=${temperature}`).toBeLessThanOrEqual(TOLERANCE);
      }
      const got = samplerDistribution(joint, { policy: 'threshold', threshold: 0.6, temperature }).probabilities();
      expect(worst(got, adaptiveBruteForce(p, q, n, 'threshold', [], 0.6, temperature)), `threshold T=${temperature}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('T = 1 is bit-identical to no temperature, for every policy', () => {
    const joint = models.dirichlet(2, 5, { seed: 12 });
    for (const policy of ['random', 'confidence', 'margin', 'entropy'] as const) {
      const plain = samplerDistribution(joint, { sizes: [2, 3], policy }).probabilities();
      expect(samplerDistribution(joint, { sizes: [2, 3], policy, temperature: 1 }).probabilities()).toEqual(plain);
    }
  });

  it('a low temperature sharpens the conditionals: T -> 0 puts more mass on the modes', () => {
    const joint = models.dirichlet(2, 4, { seed: 13 });
    const top = (t: number) => Math.max(...samplerDistribution(joint, { sizes: [2, 2], temperature: t }).probabilities());
    expect(top(0.25)).toBeGreaterThan(top(1));
    expect(top(1)).toBeGreaterThan(top(4));
  });
});

describe('sizes as a size distribution', () => {
  it('is the weighted sum of the per-vector results, and kl(p, q) <= expectedKLMixture', () => {
    const joint = models.dirichlet(2, 6, { seed: 14 });
    const law: SizeDistribution = schedules.randomizedGeometric(6, 3, { offsets: 4 });
    expect(law.length).toBeGreaterThan(1);
    for (const policy of ['random', 'confidence'] as const) {
      const mix = samplerDistribution(joint, { sizes: law, policy });
      const want = new Float64Array(joint.q ** joint.n);
      for (const { probability, sizes } of law) {
        samplerDistribution(joint, { sizes, policy }).probabilities().forEach((v, i) => { want[i] += probability * v; });
      }
      const got = mix.probabilities();
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `${policy} cell ${i}`).toBeLessThanOrEqual(1e-15);
      if (policy === 'random') expect(kl(joint, mix)).toBeLessThanOrEqual(expectedKLMixture(joint.profile(), law) + TOLERANCE);
    }
  });

  it('a one-vector law equals the plain sizes', () => {
    const joint = models.dirichlet(3, 3, { seed: 15 });
    const law: SizeDistribution = [{ probability: 1, sizes: [1, 2] }];
    expect(samplerDistribution(joint, { sizes: law }).probabilities()).toEqual(samplerDistribution(joint, { sizes: [1, 2] }).probabilities());
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
    expect(() => samplerDistribution(joint, { sizes: [3], temperature: 0 })).toThrow('samplerDistribution: options.temperature must be a finite number > 0; received 0.');
    expect(() => samplerDistribution(joint, { sizes: [3], temperature: Infinity })).toThrow('samplerDistribution: options.temperature must be a finite number; received Infinity.');
    expect(() => samplerDistribution(joint, { sizes: [3], temperature: '2' as unknown as number })).toThrow('samplerDistribution: options.temperature must be a number; received "2".');
    expect(() => samplerDistribution(joint, { sizes: [3], policy: 'threshold', threshold: 0.5 })).toThrow('samplerDistribution: options.sizes must be undefined for the threshold policy (it picks its own step sizes); received an array of length 1.');
    expect(() => samplerDistribution(joint, { sizes: [{ probability: 0.5, sizes: [3] }] })).toThrow('samplerDistribution: options.sizes must be probabilities summing to 1 (within 1e-9); received a sum of 0.5.');
    expect(() => samplerDistribution(joint, { sizes: [{ probability: 1, sizes: [2] }] })).toThrow('samplerDistribution: options.sizes[0].sizes must be step sizes summing to n = 3; received [2] (sum 2).');
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
