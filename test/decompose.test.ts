// The decomposition by interaction order (issue 7 item 4): maximum-entropy projections by IPF,
// connected information, log-linear (Möbius) parameters and mode selection, against closed
// forms, an independent plain IPF, brute-force inclusion–exclusion and the identities that
// characterise them.
import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  ArgumentTypeError,
  Joint,
  decompose,
  kl,
  logLinearParameters,
  maxEntProjection,
  models,
  selectModes,
} from '../src/index.js';
import { checkDecomposition, formatFailure } from './browser/checks.js';
import { refitModes } from '../src/decomposition/refitModes.js';
import { digits, entropyOf, marginal } from './support/bruteForce.js';

const LN2 = Math.log(2);

function expectClose(got: number, want: number, tolerance = 1e-12, label = ''): void {
  expect(Math.abs(got - want), `${label} got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

/** Every k-subset of 0..n-1, as arrays of positions. */
function subsetsOfSize(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsetsOfSize(n - 1, k), ...subsetsOfSize(n - 1, k - 1).map((s) => [...s, n - 1])];
}

/** A strictly positive random table (Dirichlet(1) mixed with a little uniform). */
function positive(q: number, n: number, seed: number): Joint {
  const p = models.dirichlet(q, n, { seed }).probabilities();
  return Joint.fromProbabilities(q, n, p.map((v) => 0.9 * v + 0.1 / p.length));
}

/**
 * A plain IPF, written independently of the kernels: every sweep visits each k-subset, sums
 * both marginals cell by cell through the digits of each index, and rescales.
 */
function plainIpf(p: Float64Array, q: number, n: number, k: number, sweeps: number): Float64Array {
  const r = new Float64Array(p.length).fill(1 / p.length);
  const subsets = subsetsOfSize(n, k);
  const keys = Array.from({ length: p.length }, (_, idx) => digits(idx, q, n));
  for (let s = 0; s < sweeps; s++) {
    for (const A of subsets) {
      const target = marginal(p, q, n, A);
      const current = marginal(r, q, n, A);
      for (let idx = 0; idx < r.length; idx++) {
        const key = A.map((i) => keys[idx][i]).join(',');
        const m = current.get(key)!;
        r[idx] *= m > 0 ? target.get(key)! / m : 0;
      }
    }
  }
  return r;
}

/** θ by inclusion–exclusion over every z <= x (z: x with some non-zero digits zeroed). */
function bruteTheta(p: Float64Array, q: number, n: number): Float64Array {
  const theta = new Float64Array(p.length);
  for (let idx = 0; idx < p.length; idx++) {
    const x = digits(idx, q, n);
    const support = x.flatMap((v, i) => (v !== 0 ? [i] : []));
    for (let sub = 0; sub < 2 ** support.length; sub++) {
      let z = 0;
      let dropped = 0;
      for (let i = 0; i < n; i++) {
        const j = support.indexOf(i);
        const keep = j < 0 || ((sub >> j) & 1) === 1;
        if (j >= 0 && !keep) dropped++;
        z = z * q + (keep ? x[i] : 0);
      }
      theta[idx] += (dropped % 2 === 0 ? 1 : -1) * Math.log(p[z]);
    }
  }
  return theta;
}

/** sum over z <= x of theta[z], for every x (the inverse of bruteTheta). */
function bruteZeta(theta: Float64Array, q: number, n: number): Float64Array {
  const out = new Float64Array(theta.length);
  for (let idx = 0; idx < theta.length; idx++) {
    const x = digits(idx, q, n);
    for (let z = 0; z < theta.length; z++) {
      const y = digits(z, q, n);
      if (y.every((v, i) => v === 0 || v === x[i])) out[idx] += theta[z];
    }
  }
  return out;
}

describe('maxEntProjection(p, k)', () => {
  it.each([
    [2, 3, 2, 11],
    [3, 3, 2, 12],
    [2, 4, 2, 13],
    [2, 4, 3, 14],
  ])('q = %i, n = %i, k = %i: the same table as a plain IPF written here (seed %i)', (q, n, k, seed) => {
    const p = positive(q, n, seed);
    const want = plainIpf(p.probabilities(), q, n, k, 400);
    const got = maxEntProjection(p, k, { tolerance: 1e-14 });
    expect(got.converged).toBe(true);
    expect(got.mismatch).toBeLessThanOrEqual(1e-14);
    got.joint.probabilities().forEach((v, i) => expectClose(v, want[i], 1e-13, `cell ${i}`));
  });

  it.each([
    [2, 5],
    [3, 4],
    [4, 3],
  ])('q = %i, n = %i: every k-marginal of p^(k) equals the brute-force marginal of p, for every k', (q, n) => {
    const p = models.dirichlet(q, n, { seed: 3 });
    const table = p.probabilities();
    for (let k = 1; k <= n; k++) {
      const projection = maxEntProjection(p, k);
      expect(projection.converged, `k = ${k}`).toBe(true);
      const fitted = projection.joint.probabilities();
      let gap = 0;
      for (const A of subsetsOfSize(n, k)) {
        const want = marginal(table, q, n, A);
        for (const [key, value] of marginal(fitted, q, n, A)) gap = Math.max(gap, Math.abs(value - want.get(key)!));
      }
      expect(gap, `k = ${k}`).toBeLessThanOrEqual(1e-10);
      expectClose(gap, projection.mismatch, 1e-14, `k = ${k}: the reported mismatch`);
    }
  });

  it('p^(1) is the product of the marginals and p^(n) is p', () => {
    const p = models.dirichlet(3, 4, { seed: 5 });
    const table = p.probabilities();
    const marginals = p.marginals();
    const first = maxEntProjection(p, 1).joint.probabilities();
    first.forEach((v, idx) => {
      const want = digits(idx, 3, 4).reduce((prod, a, i) => prod * marginals[i * 3 + a], 1);
      expectClose(v, want, 1e-15);
    });
    maxEntProjection(p, 4).joint.probabilities().forEach((v, i) => expectClose(v, table[i], 1e-16));
  });

  it('p^(k) of a positive table has no log-linear parameter of order above k (the max-ent characterisation)', () => {
    for (const [q, n] of [[2, 5], [3, 3]]) {
      const p = positive(q, n, 21);
      for (let k = 1; k < n; k++) {
        const { theta, modes } = logLinearParameters(maxEntProjection(p, k, { tolerance: 1e-13 }).joint);
        let largest = 0;
        theta.forEach((t, x) => {
          if (popcount(modes[x]) > k) largest = Math.max(largest, Math.abs(t));
        });
        expect(largest, `q = ${q}, n = ${n}, k = ${k}`).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('a cell with a zero k-marginal is exactly 0: copies of a bit are their own 2nd-order projection', () => {
    const p = models.copies(2, 4);
    const projection = maxEntProjection(p, 2);
    expect(projection.converged).toBe(true);
    expect(Array.from(projection.joint.probabilities())).toEqual(Array.from(p.probabilities()));
  });

  it('converges only in the limit when p^(k) lies on the boundary: mismatch ~ 1/iterations, converged false', () => {
    // n = 3 bits, uniform on the six cells other than 000 and 111: every pair marginal is
    // positive, yet the only table with these pair marginals is p itself (p^(2) = p), which
    // has zeros that no finite log-linear parameters give.
    const p = Joint.fromProbabilities(2, 3, [0, 1, 1, 1, 1, 1, 1, 0].map((v) => v / 6));
    const short = maxEntProjection(p, 2, { maxIterations: 100 });
    const long = maxEntProjection(p, 2, { maxIterations: 1000 });
    for (const run of [short, long]) expect(run.converged).toBe(false);
    expect(short.iterations).toBe(100);
    expect(long.iterations).toBe(1000);
    expect(long.mismatch).toBeLessThan(short.mismatch / 5);
    expect(long.mismatch).toBeGreaterThan(short.mismatch / 20);
    expect(long.joint.probabilities()[0]).toBeLessThan(1e-3);
    expect(kl(p, long.joint)).toBeLessThan(kl(p, short.joint));
  });
});

describe('decompose(p)', () => {
  it('a pairwise Ising model is its own 2nd-order projection: KL(p‖p^(2)) ≈ 0, I^(k) ≈ 0 for k >= 3, I^(2) = TC', () => {
    for (const p of [models.isingChain(7, { J: 0.6, h: 0.2 }), models.ising2d(3, 3, { J: 0.4, h: -0.1 })]) {
      const d = decompose(p);
      expect(d.converged).toBe(true);
      expectClose(d.orders[1].kl, 0, 1e-10);
      for (const o of d.orders.slice(2)) expectClose(o.connectedInformation!, 0, 1e-10, `I^(${o.k})`);
      expectClose(d.orders[1].connectedInformation!, p.totalCorrelation(), 1e-10);
    }
  });

  it.each([
    [2, 3],
    [2, 5],
    [2, 7],
    [3, 4],
  ])('parity q = %i, n = %i: I^(n) = TC = ln q, I^(k) = 0 below, KL(p‖p^(k)) = ln q for k < n', (q, n) => {
    const d = decompose(models.parity(q, n));
    expect(d.converged).toBe(true);
    expectClose(d.totalCorrelation, Math.log(q));
    for (const o of d.orders) {
      if (o.k >= 2) expectClose(o.connectedInformation!, o.k === n ? Math.log(q) : 0, 1e-12, `I^(${o.k})`);
      expectClose(o.kl, o.k < n ? Math.log(q) : 0, 1e-12, `KL(p‖p^(${o.k}))`);
      expectClose(o.entropy, o.k < n ? n * Math.log(q) : (n - 1) * Math.log(q), 1e-12, `H(p^(${o.k}))`);
    }
  });

  it('parity in bits: the connected information of order n is 1 bit', () => {
    const d = decompose(models.parity(2, 4), { base: 2 });
    expect(d.orders.map((o) => o.connectedInformation)).toEqual([null, expect.any(Number), expect.any(Number), expect.any(Number)]);
    expectClose(d.orders[3].connectedInformation!, 1);
    expectClose(d.totalCorrelation, 1);
  });

  it('product distributions: TC = 0 and every I^(k>=2) = KL(p‖p^(k)) = 0', () => {
    const p = models.product([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3], [0.25, 0.25, 0.5], [0.9, 0.05, 0.05]]);
    const d = decompose(p);
    expectClose(d.totalCorrelation, 0);
    for (const o of d.orders) {
      expectClose(o.kl, 0, 1e-14);
      if (o.k >= 2) expectClose(o.connectedInformation!, 0, 1e-14);
    }
  });

  it('copies of a bit: all dependence is pairwise, I^(2) = TC = (n-1) ln 2', () => {
    const d = decompose(models.copies(2, 5));
    expectClose(d.orders[1].connectedInformation!, 4 * LN2);
    for (const o of d.orders.slice(2)) expectClose(o.connectedInformation!, 0);
  });

  it.each([
    [2, 6, 1],
    [2, 7, 2],
    [3, 4, 3],
    [4, 3, 4],
  ])('random Dirichlet q = %i, n = %i (seed %i): sum I^(k) = TC, KL(p‖p^(k)) = H(p^(k)) - H = sum_(j>k) I^(j), all >= 0', (q, n, seed) => {
    const p = models.dirichlet(q, n, { seed });
    // Dirichlet(1) tables have cells near 1e-6, whose large |log p| multiplies the marginal
    // mismatch in the identity residual: fit to 1e-12 so that it stays below 1e-9.
    const d = decompose(p, { tolerance: 1e-12 });
    expect(d.converged).toBe(true);
    expectClose(d.totalCorrelation, p.totalCorrelation());
    expectClose(d.entropy, p.entropy());
    const connected = d.orders.slice(1).map((o) => o.connectedInformation!);
    expectClose(connected.reduce((s, v) => s + v, 0), d.totalCorrelation, 1e-12);
    expectClose(d.tcResidual, 0, 1e-12);
    expectClose(d.orders[0].kl, d.totalCorrelation, 1e-12);
    expectClose(d.orders[n - 1].kl, 0, 1e-14);
    for (const o of d.orders) {
      expectClose(o.identityResidual, 0, 1e-9, `k = ${o.k}`);
      expectClose(o.kl, o.entropy - d.entropy, 1e-9, `k = ${o.k}`);
      expectClose(o.kl, connected.slice(o.k - 1).reduce((s, v) => s + v, 0), 1e-9, `k = ${o.k}`);
      expect(o.kl).toBeGreaterThanOrEqual(-1e-12);
      if (o.k >= 2) expect(o.connectedInformation!).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it('reports an order that did not converge, and its identity residual', () => {
    const p = Joint.fromProbabilities(2, 3, [0, 1, 1, 1, 1, 1, 1, 0].map((v) => v / 6));
    const d = decompose(p, { maxIterations: 50 });
    expect(d.converged).toBe(false);
    expect(d.orders.map((o) => o.converged)).toEqual([true, false, true]);
    expect(d.orders[1].iterations).toBe(50);
    expect(d.orders[1].mismatch).toBeGreaterThan(1e-10);
    expectClose(d.tcResidual, 0, 1e-12);
  });

  it('starts each order from p^(k-1), reaching the projection IPF from uniform reaches: the same H(p^(k)) (brute force)', () => {
    const p = models.dirichlet(2, 5, { seed: 9 });
    const d = decompose(p, { tolerance: 1e-13 });
    for (const o of d.orders) {
      const cold = maxEntProjection(p, o.k, { tolerance: 1e-13 });
      expectClose(o.entropy, entropyOf(cold.joint.probabilities()), 1e-11, `k = ${o.k}`);
    }
  });

  it('a pairwise model needs one sweep per order above 2 (p^(2) already has every marginal of p)', () => {
    const d = decompose(models.isingChain(8, { J: 0.4, h: 0.1 }));
    expect(d.orders.slice(2).map((o) => o.iterations)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('logLinearParameters(p)', () => {
  it.each([
    [2, 6, 31],
    [3, 4, 32],
    [4, 3, 33],
    [5, 2, 34],
  ])('q = %i, n = %i: the parameters reproduce log p (sum over z <= x of theta[z]), seed %i', (q, n, seed) => {
    const p = positive(q, n, seed);
    const { theta } = logLinearParameters(p);
    const logs = bruteZeta(theta, q, n);
    p.probabilities().forEach((v, i) => expectClose(logs[i], Math.log(v), 1e-12, `cell ${i}`));
  });

  it.each([
    [2, 4],
    [3, 3],
    [2, 1],
  ])('q = %i, n = %i: theta equals brute-force inclusion–exclusion', (q, n) => {
    const p = positive(q, n, 40 + n);
    const want = bruteTheta(p.probabilities(), q, n);
    logLinearParameters(p).theta.forEach((t, i) => expectClose(t, want[i], 1e-12, `cell ${i}`));
  });

  it('binary: theta at the cell 1_A is θ_A = sum_(B ⊆ A) (-1)^|A∖B| log p(1_B 0_rest), modes[x] = A', () => {
    const n = 4;
    const p = positive(2, n, 50);
    const table = p.probabilities();
    const cellOf = (mask: number) => Array.from({ length: n }, (_, i) => (mask >> i) & 1).reduce((idx, bit) => idx * 2 + bit, 0);
    const { theta, modes } = logLinearParameters(p);
    for (let A = 0; A < 2 ** n; A++) {
      let want = 0;
      for (let B = A; ; B = (B - 1) & A) {
        want += (popcount(A & ~B) % 2 === 0 ? 1 : -1) * Math.log(table[cellOf(B)]);
        if (B === 0) break;
      }
      expect(modes[cellOf(A)]).toBe(A);
      expectClose(theta[cellOf(A)], want, 1e-12, `A = ${A}`);
    }
  });

  it('Ising chain: θ_(i,i+1) = 4J on bonds, θ_i = 2h - 2J deg(i), 0 above order 2 (spins s = 2x - 1)', () => {
    const [n, J, h] = [6, 0.7, 0.3];
    const { theta, modes } = logLinearParameters(models.isingChain(n, { J, h }));
    theta.forEach((t, x) => {
      const A = modes[x];
      const positions = Array.from({ length: n }, (_, i) => i).filter((i) => ((A >> i) & 1) === 1);
      let want = 0;
      if (positions.length === 1) want = 2 * h - 2 * J * (positions[0] === 0 || positions[0] === n - 1 ? 1 : 2);
      if (positions.length === 2 && positions[1] === positions[0] + 1) want = 4 * J;
      if (positions.length > 0) expectClose(t, want, 1e-12, `A = ${positions}`);
    });
  });

  it('options.base divides by log(base); theta[0] is log p(0...0)', () => {
    const p = positive(2, 3, 60);
    const nats = logLinearParameters(p).theta;
    const bits = logLinearParameters(p, { base: 2 }).theta;
    bits.forEach((t, i) => expectClose(t, nats[i] / LN2, 1e-14));
    expectClose(nats[0], Math.log(p.probabilities()[0]), 1e-15);
  });
});

describe('selectModes(p, count)', () => {
  it('an Ising chain of 6 spins is its 5 bonds and 6 fields: 11 modes give KL ≈ 0', () => {
    const selection = selectModes(models.isingChain(6, { J: 0.5, h: 0.05 }), 11);
    expectClose(selection.kl, 0, 1e-12);
    const sets = Array.from(selection.modes).sort((a, b) => a - b);
    expect(sets).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48]);
  });

  it('count = 0 is the uniform table (KL = n log q - H), count = q^n - 1 gives p back', () => {
    const p = positive(3, 3, 70);
    expectClose(selectModes(p, 0).kl, 3 * Math.log(3) - p.entropy(), 1e-12);
    const all = selectModes(p, 26);
    expectClose(all.kl, 0, 1e-12);
    all.joint.probabilities().forEach((v, i) => expectClose(v, p.probabilities()[i], 1e-14));
  });

  it('options.base divides the kept values and the KL by log(base), keeping the same modes', () => {
    const p = positive(2, 4, 90);
    const nats = selectModes(p, 5);
    const bits = selectModes(p, 5, { base: 2 });
    expect(Array.from(bits.kept)).toEqual(Array.from(nats.kept));
    expectClose(bits.kl, nats.kl / LN2, 1e-15);
    bits.values.forEach((v, j) => expectClose(v, nats.values[j] / LN2, 1e-15));
  });

  it('keeps the largest |θ| (by decreasing |θ|) and its model equals a brute-force p_m ∝ exp(sum of kept θ)', () => {
    const [q, n, count] = [3, 3, 7];
    const p = positive(q, n, 80);
    const { theta } = logLinearParameters(p);
    const selection = selectModes(p, count);
    const magnitudes = Array.from(selection.values, Math.abs);
    for (let j = 1; j < count; j++) expect(magnitudes[j]).toBeLessThanOrEqual(magnitudes[j - 1]);
    const smallestKept = magnitudes[count - 1];
    const dropped = Array.from(theta).filter((_, x) => x !== 0 && !selection.kept.includes(x));
    for (const t of dropped) expect(Math.abs(t)).toBeLessThanOrEqual(smallestKept);
    selection.kept.forEach((x, j) => expect(selection.values[j]).toBe(theta[x]));
    const sparse = new Float64Array(theta.length);
    for (const x of selection.kept) sparse[x] = theta[x];
    const logs = bruteZeta(sparse, q, n);
    const weights = logs.map(Math.exp);
    const Z = weights.reduce((s, w) => s + w, 0);
    const model = weights.map((w) => w / Z);
    selection.joint.probabilities().forEach((v, i) => expectClose(v, model[i], 1e-14));
    const table = p.probabilities();
    expectClose(selection.kl, table.reduce((s, v, i) => s + v * Math.log(v / model[i]), 0), 1e-12);
  });
});

describe('selectModes(p, count, { refit: true })', () => {
  it('an Ising chain: the 11 kept modes refitted from uniform give KL ≈ 0 and θ = 4J on bonds, 2h - 2J deg on fields', () => {
    const [J, h] = [0.5, 0.05];
    const selection = selectModes(models.isingChain(6, { J, h }), 11, { refit: true });
    expect(selection.refit?.converged).toBe(true);
    expectClose(selection.kl, 0, 1e-9);
    selection.modes.forEach((A, j) => {
      const positions = Array.from({ length: 6 }, (_, i) => i).filter((i) => ((A >> i) & 1) === 1);
      const want = positions.length === 2 ? 4 * J : 2 * h - 2 * J * (positions[0] === 0 || positions[0] === 5 ? 1 : 2);
      expectClose(selection.values[j], want, 1e-8, `A = ${positions}`);
    });
  });

  it.each([
    [2, 4, 5, 101],
    [3, 3, 6, 102],
  ])('q = %i, n = %i, %i modes: p_m matches p on every kept feature (brute force), KL = H(p_m) - H(p), below the raw KL', (q, n, count, seed) => {
    const p = positive(q, n, seed);
    const raw = selectModes(p, count);
    const fit = selectModes(p, count, { refit: true, tolerance: 1e-12 });
    expect(fit.refit?.converged).toBe(true);
    expect(Array.from(fit.kept)).toEqual(Array.from(raw.kept));
    expect(fit.kl).toBeLessThanOrEqual(raw.kl + 1e-12);
    expectClose(fit.kl, fit.joint.entropy() - p.entropy(), 1e-10);
    const table = p.probabilities();
    const model = fit.joint.probabilities();
    for (const z of fit.kept) {
      // The feature of cell z: x agrees with z wherever z is not 0.
      const zd = digits(z, q, n);
      const agrees = (idx: number) => digits(idx, q, n).every((v, i) => zd[i] === 0 || v === zd[i]);
      let [pz, rz] = [0, 0];
      for (let idx = 0; idx < table.length; idx++) {
        if (agrees(idx)) {
          pz += table[idx];
          rz += model[idx];
        }
      }
      expectClose(rz, pz, 1e-11, `feature of cell ${z}`);
    }
  });

  it('iterative scaling (used past 1024 modes) reaches the table Newton reaches, each within its tolerance', () => {
    for (const [q, n, count] of [[2, 4, 5], [3, 3, 6]]) {
      const p = positive(q, n, 104);
      const { kept, modes } = selectModes(p, count);
      const allModes = logLinearParameters(p).modes;
      expect(Array.from(modes)).toEqual(Array.from(kept, (x) => allModes[x]));
      const fits = (['newton', 'scaling'] as const).map((method) => {
        const r = models.uniform(q, n);
        const convergence = refitModes('test', p, r, kept, allModes, { tolerance: 1e-12, maxIterations: 100000 }, method);
        expect(convergence.converged, method).toBe(true);
        return r.probabilities();
      });
      fits[0].forEach((v, i) => expectClose(v, fits[1][i], 1e-10, `q = ${q}, cell ${i}`));
    }
  });

  it('the refitted KL never grows with count (nested families), and count = 0 is uniform', () => {
    const p = positive(2, 4, 103);
    const kls = Array.from({ length: 16 }, (_, m) => selectModes(p, m, { refit: true, tolerance: 1e-12 }));
    expectClose(kls[0].kl, 4 * LN2 - p.entropy(), 1e-12);
    expect(kls[0].refit).toEqual({ iterations: 0, mismatch: 0, converged: true });
    for (let m = 1; m < 16; m++) expect(kls[m].kl, `m = ${m}`).toBeLessThanOrEqual(kls[m - 1].kl + 1e-10);
    expectClose(kls[15].kl, 0, 1e-10);
    expect(selectModes(p, 3).refit).toBeNull();
  });
});

describe('bad input', () => {
  const p = models.dirichlet(2, 3, { seed: 1 });
  it.each([
    ['p not a Joint', () => decompose('x' as unknown as Joint), ArgumentTypeError, 'decompose: p must be a Joint; received "x".'],
    ['tolerance 0', () => decompose(p, { tolerance: 0 }), ArgumentRangeError, 'decompose: options.tolerance must be a finite number in [5e-324, Infinity]; received 0.'],
    ['tolerance NaN', () => decompose(p, { tolerance: NaN }), ArgumentRangeError, 'decompose: options.tolerance must be'],
    ['maxIterations 0', () => decompose(p, { maxIterations: 0 }), ArgumentRangeError, 'decompose: options.maxIterations must be an integer >= 1; received 0.'],
    ['maxIterations 1.5', () => decompose(p, { maxIterations: 1.5 }), ArgumentTypeError, 'decompose: options.maxIterations must be an integer; received 1.5.'],
    ['base 1', () => decompose(p, { base: 1 }), ArgumentRangeError, 'decompose: options.base must be a finite number > 0 other than 1; received 1.'],
    ['k = 0', () => maxEntProjection(p, 0), ArgumentRangeError, 'maxEntProjection: k must be an integer in [1, 3]; received 0.'],
    ['k = n + 1', () => maxEntProjection(p, 4), ArgumentRangeError, 'maxEntProjection: k must be an integer in [1, 3]; received 4.'],
    ['k not an integer', () => maxEntProjection(p, 1.5), ArgumentTypeError, 'maxEntProjection: k must be an integer; received 1.5.'],
    ['options not an object', () => maxEntProjection(p, 1, 3 as never), ArgumentTypeError, 'maxEntProjection: options must be an options object or undefined; received 3.'],
    ['a zero cell', () => logLinearParameters(models.copies(2, 2)), ArgumentRangeError, 'logLinearParameters: p must be a joint with p(x) > 0 for every x'],
    ['a zero cell (selectModes)', () => selectModes(models.parity(2, 3), 1), ArgumentRangeError, 'selectModes: p must be a joint with p(x) > 0 for every x (log p, hence every θ_A containing that cell, is -Infinity where p = 0; mix p with a little of the uniform table first); received p[1] = 0.'],
    ['count too large', () => selectModes(p, 8), ArgumentRangeError, 'selectModes: count must be an integer in [0, 7]; received 8.'],
    ['count negative', () => selectModes(p, -1), ArgumentRangeError, 'selectModes: count must be an integer in [0, 7]; received -1.'],
    ['refit not a boolean', () => selectModes(p, 2, { refit: 'yes' as unknown as boolean }), ArgumentTypeError, 'selectModes: options.refit must be a boolean; received "yes".'],
    ['refit with maxIterations 0', () => selectModes(p, 2, { refit: true, maxIterations: 0 }), ArgumentRangeError, 'selectModes: options.maxIterations must be an integer >= 1; received 0.'],
    ['logLinearParameters of a number', () => logLinearParameters(3 as unknown as Joint), ArgumentTypeError, 'logLinearParameters: p must be a Joint; received 3.'],
  ])('%s', (_, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

describe('the browser checks (test/browser/checks.js), here in Node', () => {
  it('checkDecomposition passes on the source', async () => {
    const api = await import('../src/index.js');
    const result = checkDecomposition(api);
    expect(result.failures.map(formatFailure)).toEqual([]);
    expect(result.passed).toBe(5);
  });
});
