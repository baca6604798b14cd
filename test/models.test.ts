// Model builders against closed forms and the numpy reference tables.
import { describe, expect, it } from 'vitest';
import { Joint, models } from '../src/index.js';
import { digits } from './support/bruteForce.js';
import { referenceCases } from './support/reference.js';

const LN2 = Math.log(2);
/** Binary entropy in nats. */
const hb = (f: number) => -(f * Math.log(f) + (1 - f) * Math.log(1 - f));

function expectClose(got: number, want: number, tolerance = 1e-12): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

function referencePmf(name: string): number[] {
  const found = referenceCases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no reference case ${name}`);
  return found.pmf;
}

describe('closed forms', () => {
  it('uniform(q, n): H = n log q, TC = DTC = 0', () => {
    for (const [q, n] of [[2, 5], [3, 4], [26, 2]]) {
      const u = models.uniform(q, n);
      expectClose(u.entropy(), n * Math.log(q));
      expectClose(u.totalCorrelation(), 0);
      expectClose(u.dualTotalCorrelation(), 0);
    }
  });

  it('copies(q, n): H = log q, TC = (n-1) log q, DTC = log q', () => {
    for (const [q, n] of [[2, 4], [3, 5], [5, 3]]) {
      const c = models.copies(q, n);
      expectClose(c.entropy(), Math.log(q));
      expectClose(c.totalCorrelation(), (n - 1) * Math.log(q));
      expectClose(c.dualTotalCorrelation(), Math.log(q));
    }
    expectClose(models.copies(2, 4).totalCorrelation({ base: 2 }), 3);
  });

  it('parity(q, n): H = (n-1) log q, TC = log q, DTC = (n-1) log q, co-information (-1)^n log 2 for q = 2', () => {
    for (const [q, n] of [[2, 3], [2, 6], [3, 4], [4, 3]]) {
      const p = models.parity(q, n);
      expectClose(p.entropy(), (n - 1) * Math.log(q));
      expectClose(p.totalCorrelation(), Math.log(q));
      expectClose(p.dualTotalCorrelation(), (n - 1) * Math.log(q));
    }
    for (const n of [3, 4, 6]) {
      expectClose(models.parity(2, n).coinformation(), (-1) ** n * LN2);
      expectClose(models.parity(2, n).oInformation(), (2 - n) * LN2);
    }
    expectClose(models.parity(2, 3).totalCorrelation({ base: 2 }), 1);
  });

  it('markovChain(n, { flip }): H = log 2 + (n-1) h(f), TC = (n-1)(log 2 - h(f))', () => {
    for (const [n, f] of [[6, 0.1], [8, 0.3], [3, 0.5]]) {
      const m = models.markovChain(n, { flip: f });
      expectClose(m.entropy(), LN2 + (n - 1) * hb(f));
      expectClose(m.totalCorrelation(), (n - 1) * (LN2 - hb(f)));
    }
  });

  it('markovChain with a transition matrix is pi(x_0) prod T(x_i, x_{i+1})', () => {
    const T = [[0.7, 0.2, 0.1], [0.3, 0.3, 0.4], [0, 0.5, 0.5]];
    const pi = [0.2, 0.5, 0.3];
    const table = models.markovChain(4, { transition: T, initial: pi }).probabilities();
    for (let idx = 0; idx < table.length; idx++) {
      const x = digits(idx, 3, 4);
      let want = pi[x[0]];
      for (let i = 0; i < 3; i++) want *= T[x[i]][x[i + 1]];
      expectClose(table[idx], want, 1e-16);
    }
  });

  it('isingChain with h = 0 is the Markov chain with flip 1 / (1 + e^{2J})', () => {
    for (const [n, J] of [[8, 0.5], [5, -0.7]]) {
      const f = 1 / (1 + Math.exp(2 * J));
      const ising = models.isingChain(n, { J });
      expectClose(ising.entropy(), LN2 + (n - 1) * hb(f));
      expectClose(ising.totalCorrelation(), (n - 1) * (LN2 - hb(f)));
    }
  });

  it('product(marginals): H = sum of the marginal entropies', () => {
    const marginals = [[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]];
    const p = models.product(marginals);
    expectClose(p.entropy(), marginals.reduce((s, m) => s - m.reduce((t, v) => t + v * Math.log(v), 0), 0));
    expectClose(p.totalCorrelation(), 0);
  });
});

describe('builders reproduce the numpy reference tables', () => {
  it.each([
    ['dir1portable_q2_n6_s42', () => models.dirichlet(2, 6, { seed: 42 })],
    ['ising_chain_n8_J0.5_h0.1', () => models.isingChain(8, { J: 0.5, h: 0.1 })],
    ['ising2d_3x3_J0.4', () => models.ising2d(3, 3, { J: 0.4 })],
    ['markov_q2_n8_f0.3', () => models.markovChain(8, { flip: 0.3 })],
    ['parity_q2_n6', () => models.parity(2, 6)],
    ['copies_q2_n4', () => models.copies(2, 4)],
    ['uniform_q2_n5', () => models.uniform(2, 5)],
  ] as const)('%s', (name, build) => {
    const want = referencePmf(name);
    const got = build().probabilities();
    expect(got.length).toBe(want.length);
    // Same formulas, other summation orders: agreement to a few ulps of each cell.
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `cell ${i}`).toBeLessThanOrEqual(1e-14 * want[i]);
  });

  it('dirichlet accepts BigInt seeds up to 2^64 - 1 and gives different tables for different seeds', () => {
    const a = models.dirichlet(2, 4, { seed: 0xffffffffffffffffn }).probabilities();
    const b = models.dirichlet(2, 4, { seed: 1 }).probabilities();
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(Array.from(models.dirichlet(2, 4, { seed: 1n }).probabilities())).toEqual(Array.from(b));
  });

  it('ising2d periodic adds the wrap-around bonds on sides longer than 2', () => {
    // A 1 x 3 periodic grid is a 3-ring: every configuration's energy counts 3 bonds.
    const ring = models.ising2d(1, 3, { J: 0.8, periodic: true }).probabilities();
    const chain = models.isingChain(3, { J: 0.8, periodic: true }).probabilities();
    for (let i = 0; i < 8; i++) expectClose(ring[i], chain[i], 1e-16);
    const weight = (x: number[]) => Math.exp(0.8 * ((2 * x[0] - 1) * (2 * x[1] - 1) + (2 * x[1] - 1) * (2 * x[2] - 1) + (2 * x[2] - 1) * (2 * x[0] - 1)));
    const Z = Array.from({ length: 8 }, (_, i) => weight(digits(i, 2, 3))).reduce((s, v) => s + v, 0);
    for (let i = 0; i < 8; i++) expectClose(ring[i], weight(digits(i, 2, 3)) / Z, 1e-15);
  });
});

it('Joint.fromCounts equals fromProbabilities of the normalised counts', () => {
  const counts = [3, 0, 1, 4];
  const p = Joint.fromCounts(2, 2, counts).probabilities();
  expect(Array.from(p)).toEqual(counts.map((c) => c / 8));
});
