// klDivergence, crossEntropy and jensenShannon of two tables of len cells
// (assembly/divergence.ts). Conventions (DESIGN.md §2): nats; p = 0 cells contribute 0;
// KL(p || r) and the cross-entropy are +Infinity when p(x) > 0 = r(x).
import { crossEntropy, jensenShannon, klDivergence } from '../divergence';
import {
  allocCells, bruteXlogx, close, ensure, get, randomPmf, seedRandom, set,
} from './support';

const LENGTHS: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 511, 512, 513, 1023, 1025, 2048, 4099];

/** sum_{p > 0} p log(p / r), scalar, with log p - log r (no overflow of p / r). */
function bruteKL(p: usize, r: usize, len: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < len; i++) {
    const a = get(p, i);
    if (a == 0) continue;
    const b = get(r, i);
    if (b == 0) return Infinity;
    s += a * (Math.log(a) - Math.log(b));
  }
  return s;
}

/** -sum_{p > 0} p log r, scalar. */
function bruteCross(p: usize, r: usize, len: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < len; i++) {
    const a = get(p, i);
    if (a == 0) continue;
    const b = get(r, i);
    if (b == 0) return Infinity;
    s -= a * Math.log(b);
  }
  return s;
}

/** KL(p || m)/2 + KL(r || m)/2 with m = (p + r)/2, scalar. */
function bruteJS(p: usize, r: usize, len: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < len; i++) {
    const a = get(p, i);
    const b = get(r, i);
    const m = 0.5 * (a + b);
    if (a > 0) s += 0.5 * a * (Math.log(a) - Math.log(m));
    if (b > 0) s += 0.5 * b * (Math.log(b) - Math.log(m));
  }
  return s;
}

describe('klDivergence', () => {
  it('is exactly 0 for KL(p || p), zeros included, at every length', () => {
    seedRandom(61);
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      randomPmf(p, len, 0.2);
      expect(klDivergence(p, p, len)).toBe(0.0, 'len ' + len.toString());
    }
  });

  it('matches a scalar sum of p (log p - log r) on random pmfs at lengths around 2, 4 and 512', () => {
    seedRandom(62);
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0.2);
      randomPmf(r, len, 0);
      // a cell past the end that would make KL infinite if it were read
      set(p, len, 0.5);
      set(r, len, 0);
      const got = klDivergence(p, r, len);
      const want = bruteKL(p, r, len);
      if (!close(got, want, 1e-14, 1e-12)) expect(got).toBe(want, 'len ' + len.toString());
      ensure(got >= 0, 'KL >= 0');
    }
  });

  it('is +Infinity when r(x) = 0 < p(x), wherever that cell is (lane 0/1, odd tail, second block)', () => {
    seedRandom(63);
    const lens: i32[] = [1, 2, 3, 5, 8, 513, 1027];
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0);
      randomPmf(r, len, 0);
      let finite = 0;
      for (let at = 0; at < len; at++) {
        const keep = get(r, at);
        set(r, at, 0);
        if (klDivergence(p, r, len) != Infinity) finite++;
        set(r, at, keep);
      }
      expect(finite).toBe(0, 'len ' + len.toString() + ': cells with r = 0 < p that left KL finite');
    }
  });

  it('ignores cells with p = 0, whatever r is there (0 included): equals KL restricted to the support', () => {
    seedRandom(64);
    const lens: i32[] = [2, 3, 5, 9, 514, 1031];
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0.4);
      randomPmf(r, len, 0);
      // r = 0 on half of p's zeros; must neither give Infinity nor NaN
      for (let i = 0; i < len; i += 2) if (get(p, i) == 0) set(r, i, 0);
      const got = klDivergence(p, r, len);
      const want = bruteKL(p, r, len);
      if (!close(got, want, 1e-14, 1e-12)) expect(got).toBe(want, 'len ' + len.toString());
    }
    // closed form: p = (1/2, 1/2, 0, 0), r = (1/4, 1/4, 1/2, 0): KL = log 2
    const p = allocCells(4);
    const r = allocCells(4);
    set(p, 0, 0.5);
    set(p, 1, 0.5);
    set(r, 0, 0.25);
    set(r, 1, 0.25);
    set(r, 2, 0.5);
    expect(klDivergence(p, r, 4)).toBeCloseTo(Math.LN2, 15);
  });

  // r much smaller than p: p / r stays finite for 1e-300 and 2^-1022, and overflows to
  // +Infinity for subnormal r (1e-310, 2^-1074), where the kernel must use log p - log r.
  it('handles r much smaller than p, including subnormal r where p / r overflows', () => {
    const p = allocCells(2);
    const r = allocCells(2);
    const rs: f64[] = [1e-300, 2.2250738585072014e-308, 1e-310, 4.9406564584124654e-324];
    for (let k = 0; k < rs.length; k++) {
      set(p, 0, 0.5);
      set(p, 1, 0.5);
      set(r, 0, rs[k]);
      set(r, 1, 1 - rs[k]);
      const want = bruteKL(p, r, 2);
      const got = klDivergence(p, r, 2);
      if (!close(got, want, 1e-15, 1e-14)) expect(got).toBe(want, 'r_0 = ' + rs[k].toString());
    }
  });
});

describe('crossEntropy', () => {
  it('equals H(p) + KL(p || r), both computed by brute force, at lengths around 2, 4 and 512', () => {
    seedRandom(71);
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0.2);
      randomPmf(r, len, 0);
      for (let i = 0; i < len; i += 3) if (get(p, i) == 0) set(r, i, 0); // r = 0 where p = 0: ignored
      set(p, len, 0.5); // past the end: would make it infinite if read
      set(r, len, 0);
      const got = crossEntropy(p, r, len);
      const h = -bruteXlogx(p, len);
      const want = h + bruteKL(p, r, len);
      if (!close(got, want, 1e-13, 1e-12)) expect(got).toBe(want, 'len ' + len.toString() + ': H + KL');
      const direct = bruteCross(p, r, len);
      if (!close(got, direct, 1e-13, 1e-12)) expect(got).toBe(direct, 'len ' + len.toString() + ': -sum p log r');
    }
  });

  it('equals H(p) for r = p and log len for uniform r', () => {
    seedRandom(72);
    const len = 1029;
    const p = allocCells(len);
    randomPmf(p, len, 0.3);
    const h = -bruteXlogx(p, len);
    expect(close(crossEntropy(p, p, len), h, 1e-14, 1e-13)).toBe(true);
    const u = allocCells(len);
    for (let i = 0; i < len; i++) set(u, i, 1.0 / <f64>len);
    expect(close(crossEntropy(p, u, len), Math.log(<f64>len), 1e-14, 1e-13)).toBe(true);
  });

  it('is +Infinity when r(x) = 0 < p(x), wherever that cell is', () => {
    seedRandom(73);
    const lens: i32[] = [1, 2, 3, 5, 8, 513, 1027];
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0);
      randomPmf(r, len, 0);
      let finite = 0;
      for (let at = 0; at < len; at++) {
        const keep = get(r, at);
        set(r, at, 0);
        if (crossEntropy(p, r, len) != Infinity) finite++;
        set(r, at, keep);
      }
      expect(finite).toBe(0, 'len ' + len.toString() + ': cells with r = 0 < p that left H(p, r) finite');
    }
  });
});

describe('jensenShannon', () => {
  it('matches the brute force, is symmetric and lies in [0, log 2] on random pmfs with zeros', () => {
    seedRandom(81);
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      const r = allocCells(len);
      randomPmf(p, len, 0.3);
      randomPmf(r, len, 0.3);
      set(p, len, 0.5); // past the end: would add to JS if read
      set(r, len, 0);
      const pr = jensenShannon(p, r, len);
      const rp = jensenShannon(r, p, len);
      const want = bruteJS(p, r, len);
      const label = 'len ' + len.toString();
      if (!close(pr, want, 1e-14, 1e-12)) expect(pr).toBe(want, label + ': vs brute force');
      if (!(abs(pr - rp) <= 1e-15)) expect(rp).toBe(pr, label + ': JS(r, p) vs JS(p, r)');
      ensure(pr >= 0 && pr <= Math.LN2, label + ': JS outside [0, log 2]: ' + pr.toString());
    }
  });

  it('is 0 for JS(p, p) and log 2 (within 1e-14) for disjoint supports', () => {
    seedRandom(82);
    const lens: i32[] = [1, 2, 3, 6, 7, 513, 1030];
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      randomPmf(p, len, 0.3);
      expect(jensenShannon(p, p, len)).toBe(0.0, 'JS(p, p), len ' + len.toString());
    }
    for (let k = 1; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      const r = allocCells(len);
      // p on even cells, r on odd cells (and a disjoint split of a single block)
      let sp = 0.0;
      let sr = 0.0;
      for (let i = 0; i < len; i++) {
        const w = 1.0 + <f64>(i % 5);
        if (i % 2 == 0) { set(p, i, w); sp += w; } else { set(r, i, w); sr += w; }
      }
      for (let i = 0; i < len; i++) {
        set(p, i, get(p, i) / sp);
        set(r, i, get(r, i) / sr);
      }
      const js = jensenShannon(p, r, len);
      ensure(abs(js - Math.LN2) <= 1e-14, 'disjoint, len ' + len.toString() + ': ' + js.toString());
    }
  });

  it('gives the closed form for two Bernoulli laws', () => {
    // p = (a, 1-a), r = (b, 1-b): JS = H(m) - (H(p) + H(r))/2
    const as: f64[] = [0.5, 0.1, 0.9, 1e-12, 0.3];
    const bs: f64[] = [0.5, 0.7, 0.2, 0.5, 0.0];
    const p = allocCells(2);
    const r = allocCells(2);
    for (let k = 0; k < as.length; k++) {
      const a = as[k];
      const b = bs[k];
      set(p, 0, a);
      set(p, 1, 1 - a);
      set(r, 0, b);
      set(r, 1, 1 - b);
      const m = 0.5 * (a + b);
      const want = h2(m) - 0.5 * (h2(a) + h2(b));
      const got = jensenShannon(p, r, 2);
      ensure(abs(got - want) <= 1e-15, 'a=' + a.toString() + ' b=' + b.toString() + ': ' + got.toString() + ' vs ' + want.toString());
    }
  });
});

/** Binary entropy, 0 log 0 = 0. */
function h2(a: f64): f64 {
  let s = 0.0;
  if (a > 0) s -= a * Math.log(a);
  if (a < 1) s -= (1 - a) * Math.log(1 - a);
  return s;
}
