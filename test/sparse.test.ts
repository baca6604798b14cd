// Joint.fromSamples and SparseJoint: hand-computed cases, dense against sparse on the same data
// (random rows, rows sampled from models, model tables), n = 32 against a brute force over the
// rows, kl between sparse joints, and the limits.
import { describe, expect, it } from 'vitest';
import { type AnyJoint, ArgumentRangeError, Joint, SparseJoint, crossEntropy, jensenShannon, kl, models, sample } from '../src/index.js';
import { rowsCorrelations, rowsEntropy, splitRows } from './support/rowsBruteForce.js';

/** mulberry32: a small seeded generator for test data. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** count rows of n symbols < q, each a noisy copy of one of `prototypes` random rows (a small support). */
function noisyRows(q: number, n: number, count: number, prototypes: number, noise: number, seed: number): Uint8Array {
  const random = generator(seed);
  const bases = Array.from({ length: prototypes }, () => Array.from({ length: n }, () => Math.floor(random() * q)));
  const rows = new Uint8Array(count * n);
  for (let r = 0; r < count; r++) {
    const base = bases[Math.floor(random() * prototypes)];
    for (let i = 0; i < n; i++) rows[r * n + i] = random() < noise ? Math.floor(random() * q) : base[i];
  }
  return rows;
}


/** Every measure of a joint, in nats, as one flat record of arrays. */
function allMeasures(p: AnyJoint): Record<string, number[]> {
  const { h, D } = p.profile();
  const last = p.n - 1;
  const mi = [...(p.n >= 2 ? [p.mutualInformation([0], [last])] : []), ...(p.n >= 4 ? [p.mutualInformation([0, 1], [last], [2])] : [])];
  return {
    entropy: [p.entropy()],
    marginals: Array.from(p.marginals()),
    marginalEntropies: Array.from(p.marginalEntropies()),
    leaveOneOutEntropies: Array.from(p.leaveOneOutEntropies()),
    totalCorrelation: [p.totalCorrelation()],
    dualTotalCorrelation: [p.dualTotalCorrelation()],
    oInformation: [p.oInformation()],
    sInformation: [p.sInformation()],
    coinformation: [p.coinformation()],
    residualEntropy: [p.residualEntropy()],
    tseComplexity: [p.tseComplexity()],
    mutualInformation: mi,
    subsetEntropies: Array.from(p.subsetEntropies()),
    h: Array.from(h),
    D: Array.from(D),
  };
}

/**
 * Dense and sparse agree on every measure to 1e-12 of the measure's scale: max(1, n H(X)) for
 * the measures that add or subtract entropies (co-information sums 2^n of them: 2^n H).
 */
function expectSameMeasures(dense: Joint, sparse: SparseJoint): void {
  expect(sparse.q).toBe(dense.q);
  expect(sparse.n).toBe(dense.n);
  const a = allMeasures(dense);
  const b = allMeasures(sparse);
  const H = dense.entropy();
  for (const name of Object.keys(a)) {
    const scale = name === 'coinformation' ? 2 ** dense.n * Math.max(1, H) : Math.max(1, dense.n * H);
    expect(b[name].length, name).toBe(a[name].length);
    a[name].forEach((value, i) => {
      const delta = Math.abs(b[name][i] - value);
      if (!(delta <= 1e-12 * scale)) expect.fail(`${name}[${i}]: dense ${value}, sparse ${b[name][i]}, |Δ| ${delta}, scale ${scale}`);
    });
  }
}

describe('Joint.fromSamples: hand-computed cases', () => {
  it("['ab', 'ba', 'ab', 'bb'] has p(ab) = 1/2, p(ba) = p(bb) = 1/4: H = 1.5 bits, TC = DTC = I(X0; X1) = 1 + h(1/4) - 1.5 bits", () => {
    const rows = ['ab', 'ba', 'ab', 'bb'];
    const h14 = -(0.25 * Math.log2(0.25) + 0.75 * Math.log2(0.75));
    for (const representation of ['dense', 'sparse'] as const) {
      const p = Joint.fromSamples(rows, { representation });
      expect(p.q).toBe(2);
      expect(p.n).toBe(2);
      expect(p.entropy({ base: 2 })).toBeCloseTo(1.5, 14);
      expect(Array.from(p.marginals())).toEqual([0.5, 0.5, 0.25, 0.75]);
      expect(p.totalCorrelation({ base: 2 })).toBeCloseTo(1 + h14 - 1.5, 14);
      expect(p.dualTotalCorrelation({ base: 2 })).toBeCloseTo(1 + h14 - 1.5, 14);
      expect(p.mutualInformation([0], [1], [], { base: 2 })).toBeCloseTo(1 + h14 - 1.5, 14);
    }
    expect(Array.from(Joint.fromSamples(rows, { representation: 'dense' }).probabilities())).toEqual([0, 0.5, 0.25, 0.25]);
    // The overloads type a forced representation (npm run typecheck checks these annotations).
    const sparse: SparseJoint = Joint.fromSamples(rows, { representation: 'sparse' });
    const dense: Joint = Joint.fromSamples(rows, { representation: 'dense' });
    const either: AnyJoint = Joint.fromSamples(rows);
    expect(sparse).toBeInstanceOf(SparseJoint);
    expect(dense).toBeInstanceOf(Joint);
    expect(either).toBeInstanceOf(Joint);
    expect(sparse.support).toBe(3);
    expect(Array.from(sparse.keys())).toEqual([1n, 2n, 3n]);
    expect(Array.from(sparse.probabilities())).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(sparse.rows())).toEqual([0, 1, 1, 0, 1, 1]);
  });

  it('takes typed arrays of codes, strings through an alphabet, and arrays of tokens, to the same law', () => {
    const codes = Joint.fromSamples(new Uint8Array([0, 2, 1, 0, 0, 2]), { q: 3, n: 2, representation: 'sparse' });
    const text = Joint.fromSamples(['xz', 'yx', 'xz'], { alphabet: 'xyz', representation: 'sparse' });
    const tokens = Joint.fromSamples([['K', 'T'], ['AE', 'K'], ['K', 'T']], { alphabet: ['K', 'AE', 'T'], representation: 'sparse' });
    const wide = Joint.fromSamples(new Uint16Array([0, 2, 1, 0, 0, 2]), { q: 3, n: 2, representation: 'sparse' });
    for (const p of [text, tokens, wide]) {
      expect(Array.from(p.keys())).toEqual(Array.from(codes.keys()));
      expect(Array.from(p.probabilities())).toEqual([2 / 3, 1 / 3]);
    }
    // Keys: 2 bits per position (q = 3): [0, 2] -> 0b0010, [1, 0] -> 0b0100.
    expect(Array.from(codes.keys())).toEqual([2n, 4n]);
  });

  it('infers the alphabet as the sorted distinct symbols, and q as its length unless given', () => {
    const p = Joint.fromSamples(['ca', 'ac'], { representation: 'dense' });
    expect(p.q).toBe(2);
    expect(Array.from(p.probabilities())).toEqual([0, 0.5, 0.5, 0]);
    const wider = Joint.fromSamples(['ca', 'ac'], { q: 4, representation: 'dense' });
    expect(wider.q).toBe(4);
    expect(wider.entropy()).toBeCloseTo(Math.log(2), 15);
  });

  it("'auto' is dense for q^n <= max(2^16, 16 × support) and sparse beyond", () => {
    expect(Joint.fromSamples(noisyRows(2, 16, 100, 3, 0.1, 1), { q: 2, n: 16 })).toBeInstanceOf(Joint);
    expect(Joint.fromSamples(noisyRows(2, 17, 100, 3, 0.1, 1), { q: 2, n: 17 })).toBeInstanceOf(SparseJoint);
    // 5^7 = 78125 cells: dense with 4883 or more distinct rows, sparse with fewer.
    expect(Joint.fromSamples(noisyRows(5, 7, 50, 2, 0, 1), { q: 5, n: 7 })).toBeInstanceOf(SparseJoint);
    expect(Joint.fromSamples(noisyRows(5, 7, 20000, 2, 1, 2), { q: 5, n: 7 })).toBeInstanceOf(Joint);
  });
});

describe('dense and sparse joints agree on every measure', () => {
  it('on random rows, q in 2..5, n in 1..8', () => {
    const random = generator(7);
    for (let trial = 0; trial < 24; trial++) {
      const q = 2 + Math.floor(random() * 4);
      const n = 1 + Math.floor(random() * 8);
      const rows = noisyRows(q, n, 50 + Math.floor(random() * 3000), 1 + Math.floor(random() * 20), random() * 0.5, trial);
      expectSameMeasures(Joint.fromSamples(rows, { q, n, representation: 'dense' }), Joint.fromSamples(rows, { q, n, representation: 'sparse' }));
    }
  });

  it('on rows sampled from an Ising grid and a Markov chain', () => {
    const ising = models.ising2d(3, 4, { J: 0.4, h: 0.1 });
    const chain = models.markovChain(7, { q: 3, flip: 0.2 });
    for (const p of [ising, chain]) {
      const { samples } = sample(p, { sizes: Array(p.n).fill(1), count: 20000, seed: 3 });
      const options = { q: p.q, n: p.n };
      expectSameMeasures(
        Joint.fromSamples(samples as Uint8Array, { ...options, representation: 'dense' }),
        Joint.fromSamples(samples as Uint8Array, { ...options, representation: 'sparse' }),
      );
    }
  });

  it('on model tables: SparseJoint.fromJoint keeps every measure, toJoint() gives the table back', () => {
    for (const p of [models.ising2d(3, 3, { J: 0.3, h: 0.05 }), models.parity(3, 4), models.copies(4, 3), models.dirichlet(3, 5, { seed: 2 })]) {
      const sparse = SparseJoint.fromJoint(p);
      expectSameMeasures(p, sparse);
      expect(Array.from(sparse.toJoint().probabilities())).toEqual(Array.from(p.probabilities()));
    }
  });

  it('fromSamples gives the same probabilities, bit for bit, in both representations', () => {
    const rows = noisyRows(3, 6, 5000, 8, 0.3, 11);
    const dense = Joint.fromSamples(rows, { q: 3, n: 6, representation: 'dense' });
    const sparse = Joint.fromSamples(rows, { q: 3, n: 6, representation: 'sparse' });
    expect(Array.from(sparse.toJoint().probabilities())).toEqual(Array.from(dense.probabilities()));
  });
});

describe('sparse joints with many positions', () => {
  it('n = 32 binary with a small support: H, TC, DTC and I(X_A; X_B | X_C) match a brute force over the rows', () => {
    const rows = noisyRows(2, 32, 4000, 12, 0.05, 5);
    const p = Joint.fromSamples(rows, { q: 2, n: 32 });
    expect(p).toBeInstanceOf(SparseJoint);
    const split = splitRows(rows, 32);
    const all = Array.from({ length: 32 }, (_, i) => i);
    const { tc, dtc } = rowsCorrelations(split, 32);
    expect(p.entropy()).toBeCloseTo(rowsEntropy(split, all), 12);
    expect(p.totalCorrelation()).toBeCloseTo(tc, 11);
    expect(p.dualTotalCorrelation()).toBeCloseTo(dtc, 11);
    const mi = rowsEntropy(split, [0, 31]) + rowsEntropy(split, [5, 31]) - rowsEntropy(split, [0, 5, 31]) - rowsEntropy(split, [31]);
    expect(p.mutualInformation([0], [5], [31])).toBeCloseTo(mi, 12);
  });

  it('q = 3, n = 32 uses all 64 key bits; q = 5, n = 28 (84 bits) cannot be sparse', () => {
    const rows = noisyRows(3, 32, 3000, 6, 0.1, 9);
    const p = Joint.fromSamples(rows, { q: 3, n: 32 });
    expect(p).toBeInstanceOf(SparseJoint);
    const split = splitRows(rows, 32);
    const { tc, dtc } = rowsCorrelations(split, 32);
    expect(p.totalCorrelation()).toBeCloseTo(tc, 11);
    expect(p.dualTotalCorrelation()).toBeCloseTo(dtc, 11);
    expect(() => Joint.fromSamples(noisyRows(5, 28, 10, 2, 0, 1), { q: 5, n: 28, representation: 'sparse' })).toThrow(
      'Joint.fromSamples: rows must be of a shape whose rows pack into a 64-bit key, n × ceil(log2 q) <= 64; received q = 5, n = 28: 28 × 3 = 84 bits.',
    );
  });

  it('the profile of a large sparse joint is refused before any work, naming the cost', () => {
    const p = Joint.fromSamples(noisyRows(2, 32, 4000, 12, 0.05, 5), { q: 2, n: 32 }) as SparseJoint;
    let error: unknown;
    try {
      p.profile();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgumentRangeError);
    expect((error as Error).message).toMatch(/^SparseJoint\.profile: this joint must be a sparse joint with 2\^n × support <= 1e9 .*received n = 32 and support \d+: 2\^32 × \d+ = [\d.]+e\d+/);
    expect(() => p.coinformation()).toThrow(ArgumentRangeError);
    expect(() => p.subsetEntropies()).toThrow(ArgumentRangeError);
  });

  it('subsetEntropies and profile throw the reason of an aborted signal before any work, as a dense joint does', () => {
    const p = Joint.fromSamples(['ab', 'ba'], { representation: 'sparse' });
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    expect(() => p.subsetEntropies({ signal: controller.signal })).toThrow('stopped');
    expect(() => p.profile({ signal: controller.signal })).toThrow('stopped');
    expect(Array.from(p.profile({ signal: new AbortController().signal }).h)).toEqual([0, Math.log(2), Math.log(2)]);
  });

  it('counts a million rows (support near a million) as a brute force does', () => {
    const random = generator(13);
    const n = 24;
    const rows = new Uint8Array(1_000_000 * n);
    for (let k = 0; k < rows.length; k++) rows[k] = random() < 0.5 ? 1 : 0;
    const p = Joint.fromSamples(rows, { q: 2, n, representation: 'sparse' });
    const counts = new Map<number, number>();
    for (let r = 0; r < 1_000_000; r++) {
      let key = 0;
      for (let i = 0; i < n; i++) key = key * 2 + rows[r * n + i];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(p.support).toBe(counts.size);
    // H = log N - (1/N) sum_k m_k k log k, m_k = how many rows occur k times (a few terms).
    const multiplicity = new Map<number, number>();
    for (const c of counts.values()) multiplicity.set(c, (multiplicity.get(c) ?? 0) + 1);
    let sum = 0;
    for (const [k, m] of multiplicity) sum += m * k * Math.log(k);
    expect(p.entropy()).toBeCloseTo(Math.log(1e6) - sum / 1e6, 12);
  });
});

describe('kl, crossEntropy and jensenShannon with sparse joints', () => {
  it('equal the dense ones on the same data, sparse or mixed (H(p, r) = H(p) + KL), and KL is +Infinity where r misses the support of p', () => {
    const a = noisyRows(3, 5, 4000, 6, 0.4, 1);
    // r: the rows of p and as many changed ones, so its support covers p's (KL(p || r) finite) and not the reverse.
    const b = new Uint8Array([...a, ...a.map((v, k) => (k % 7 === 0 ? (v + 1) % 3 : v))]);
    const options = { q: 3, n: 5 };
    const pd = Joint.fromSamples(a, { ...options, representation: 'dense' });
    const rd = Joint.fromSamples(b, { ...options, representation: 'dense' });
    const ps = Joint.fromSamples(a, { ...options, representation: 'sparse' });
    const rs = Joint.fromSamples(b, { ...options, representation: 'sparse' });
    const dense = kl(pd, rd);
    const sparse = kl(ps, rs);
    expect(Number.isFinite(dense)).toBe(true);
    expect(Math.abs(sparse - dense)).toBeLessThanOrEqual(1e-12 * Math.max(1, dense));
    expect(Math.abs(crossEntropy(ps, rs) - crossEntropy(pd, rd))).toBeLessThanOrEqual(1e-12 * pd.entropy());
    expect(Math.abs(crossEntropy(ps, rs) - ps.entropy() - sparse)).toBeLessThanOrEqual(1e-12 * pd.entropy());
    expect(kl(rd, pd)).toBe(Infinity);
    expect(kl(rs, ps)).toBe(Infinity);
    // Mixed: a sparse p reads a dense r on its support; a dense p expands a sparse r.
    expect(Math.abs(kl(ps, rd) - dense)).toBeLessThanOrEqual(1e-12 * Math.max(1, dense));
    expect(kl(pd, rs)).toBe(dense);
    expect(kl(rs, pd)).toBe(Infinity);
    expect(Math.abs(crossEntropy(ps, rd) - crossEntropy(pd, rd))).toBeLessThanOrEqual(1e-12 * pd.entropy());
    expect(jensenShannon(ps, rs)).toBe(jensenShannon(pd, rd));
    expect(jensenShannon(pd, rs)).toBe(jensenShannon(pd, rd));
    const mixed = Joint.fromSamples(new Uint8Array([0, 0, 0, 0, 1, 1, 1, 1]), { q: 2, n: 4, representation: 'sparse' });
    const half = Joint.fromSamples(new Uint8Array([0, 0, 0, 0]), { q: 2, n: 4, representation: 'sparse' });
    expect(kl(half, mixed)).toBeCloseTo(Math.log(2), 15);
    expect(kl(mixed, half)).toBe(Infinity);
    expect(crossEntropy(mixed, half)).toBe(Infinity);

    expect(kl(mixed, mixed)).toBe(0);
    expect(kl(mixed, half, { base: 2 })).toBe(Infinity);
    expect(kl(half, mixed, { base: 2 })).toBeCloseTo(1, 15);
  });
});

describe('Joint.fromSamples rejects bad input', () => {
  const fn = 'Joint.fromSamples';
  it('a symbol >= q, or not in the alphabet', () => {
    expect(() => Joint.fromSamples(new Uint8Array([0, 1, 2, 1]), { q: 2, n: 2 })).toThrow(
      `${fn}: rows[2] (row 1, position 0) must be a symbol < q = 2; received 2.`,
    );
    expect(() => Joint.fromSamples(['ab', 'ac'], { alphabet: 'ab' })).toThrow(`${fn}: rows[1] must be a row of symbols of the alphabet; received "c" at position 1.`);
    expect(() => Joint.fromSamples(['ab'], { alphabet: 'aba' })).toThrow(`${fn}: options.alphabet[2] must be a symbol not listed before; received "a".`);
  });

  it('ragged rows', () => {
    expect(() => Joint.fromSamples(['ab', 'abc'])).toThrow(`${fn}: rows[1] must be a row of n = 2 symbols; received 3 symbols.`);
    expect(() => Joint.fromSamples(new Uint8Array(5), { q: 2, n: 2 })).toThrow(`${fn}: rows must be count × n symbols with n = 2; received 5 symbols, 1 past the last whole row.`);
    expect(() => Joint.fromSamples(['ab', ['a', 'b']] as string[])).toThrow(`${fn}: rows[1] must be a string, as rows[0] is; received an array of length 2.`);
  });

  it('no rows, n > 32, missing q or n for codes, a bad representation', () => {
    expect(() => Joint.fromSamples([])).toThrow(`${fn}: rows must be at least one row; received an array of length 0.`);
    expect(() => Joint.fromSamples(new Uint8Array(0), { q: 2, n: 2 })).toThrow(`${fn}: rows must be at least one row; received Uint8Array(0).`);
    expect(() => Joint.fromSamples(['a'.repeat(33), 'b'.repeat(33)])).toThrow(`${fn}: rows[0] must be a row of 1 to 32 symbols; received 33 symbols.`);
    expect(() => Joint.fromSamples(new Uint8Array(66), { q: 2, n: 33 })).toThrow(`${fn}: options.n must be an integer in [1, 32]; received 33.`);
    expect(() => Joint.fromSamples(new Uint8Array(4), { n: 2 })).toThrow(`${fn}: options.q must be an integer >= 2 for rows of symbol codes; received undefined.`);
    expect(() => Joint.fromSamples(['ab', 'ba'], { representation: 'table' as 'dense' })).toThrow(
      `${fn}: options.representation must be 'auto', 'dense' or 'sparse'; received "table".`,
    );
    expect(() => Joint.fromSamples(['aa', 'aa'])).toThrow(`${fn}: rows must be at least 2 distinct symbols when neither options.alphabet nor options.q is given; received only "a".`);
    expect(() => Joint.fromSamples('ab' as unknown as string[])).toThrow(TypeError);
  });

  it('a dense table too large for memory', () => {
    expect(() => Joint.fromSamples(new Uint8Array(32), { q: 4, n: 16, representation: 'dense' })).toThrow(/^Joint\.fromSamples: a table of q\^n = 4\^16/);
  });
});
