// marginalizePlogp(src, dst, a, q, b) (assembly/marginalize.ts): sums the middle axis of src,
// viewed as (a, q, b) row-major, into dst (a, b), and returns sum dst log dst; dst may equal src.
// Expected values come from a scalar triple loop and a scalar sum of x log x.
import { marginalizePlogp } from '../marginalize';
import {
  allocCells, bruteXlogx, close, copyCells, ensure, get, randomCells, sameBits, seedRandom, sentinelIntact, set,
} from './support';

/** dst[i*b + j] = sum_k src[(i*q + k)*b + j], plain scalar loops. */
function bruteMarginalize(src: usize, dst: usize, a: i32, q: i32, b: i32): void {
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) {
      let s = 0.0;
      for (let k = 0; k < q; k++) s += get(src, (i * q + k) * b + j);
      set(dst, i * b + j, s);
    }
  }
}

/** Shapes (a, b) per q: b = 1 (summing the last axis), b small (many rows per block), b near
 *  and above the 512-cell block, a = 1 (summing the first axis), and a*b crossing blocks. */
const A: i32[] = [1, 2, 3, 7, 1, 4, 5, 1, 3, 2, 1, 600, 1025, 100, 171, 40, 2, 1];
const B: i32[] = [1, 1, 1, 1, 2, 3, 7, 5, 2, 511, 512, 1, 1, 9, 3, 27, 513, 1283];
const Q: i32[] = [2, 3, 5];

/** Checks one shape against the brute force; `inPlace` uses dst = src. */
function checkShape(a: i32, q: i32, b: i32, inPlace: bool, zeroFraction: f64): void {
  const label = 'a=' + a.toString() + ' q=' + q.toString() + ' b=' + b.toString() + (inPlace ? ' in place' : '');
  const cells = a * q * b;
  const src = allocCells(cells);
  randomCells(src, cells, zeroFraction);
  // Make some output cells exactly 0 (all q inputs zero): 0 log 0 = 0 there.
  for (let i = 0; i < a; i += 3) for (let k = 0; k < q; k++) set(src, (i * q + k) * b, 0);
  const original = allocCells(cells);
  copyCells(original, src, cells);
  const want = allocCells(a * b);
  bruteMarginalize(original, want, a, q, b);
  const wantPlogp = bruteXlogx(want, a * b);

  const dst = inPlace ? src : allocCells(a * b);
  const got = marginalizePlogp(src, dst, a, q, b);

  let worst = 0.0;
  for (let c = 0; c < a * b; c++) {
    const x = get(dst, c);
    const y = get(want, c);
    const err = abs(x - y) / max(y, 1e-300);
    if (!(err <= worst)) worst = isNaN(err) ? Infinity : err; // NaN counts as a failure
  }
  if (!(worst <= <f64>q * 2.3e-16)) expect(worst).toBeLessThanOrEqual(<f64>q * 2.3e-16, label + ': worst relative error of a marginal cell');
  if (!close(got, wantPlogp, 1e-15, 1e-13)) expect(got).toBe(wantPlogp, label + ': sum m log m');
  if (inPlace) {
    // cells past the a*b outputs may be overwritten freely; nothing past the table may be
    ensure(sentinelIntact(src, cells), label + ': wrote past the table');
  } else {
    ensure(sameBits(src, original, cells), label + ': src changed');
    ensure(sentinelIntact(dst, a * b), label + ': wrote past dst');
  }
}

describe('marginalizePlogp', () => {
  it('equals the scalar marginal and its sum m log m, out of place, for q = 2, 3, 5 and b = 1, small, 511..1283', () => {
    seedRandom(31);
    for (let s = 0; s < A.length; s++) for (let t = 0; t < Q.length; t++) checkShape(A[s], Q[t], B[s], false, 0.1);
  });

  it('equals the scalar marginal in place (dst == src) for the same shapes', () => {
    seedRandom(32);
    for (let s = 0; s < A.length; s++) for (let t = 0; t < Q.length; t++) checkShape(A[s], Q[t], B[s], true, 0.1);
  });

  it('handles every (a, b) with a, b <= 12 for q = 2, 3, 5, in and out of place', () => {
    seedRandom(33);
    for (let a = 1; a <= 12; a++) {
      for (let b = 1; b <= 12; b++) {
        for (let t = 0; t < Q.length; t++) {
          checkShape(a, Q[t], b, false, 0.2);
          checkShape(a, Q[t], b, true, 0.2);
        }
      }
    }
  });

  it('gives 0 and an all-zero marginal for an all-zero table (0 log 0 = 0)', () => {
    const src = allocCells(3 * 5 * 600);
    const dst = allocCells(3 * 600);
    expect(marginalizePlogp(src, dst, 3, 5, 600)).toBe(0.0);
    let nonzero = 0;
    for (let c = 0; c < 3 * 600; c++) if (get(dst, c) != 0) nonzero++;
    expect(nonzero).toBe(0);
    expect(marginalizePlogp(src, dst, 600, 5, 1)).toBe(0.0);
  });

  it('returns -H of the marginal: summing one fair bit out of a uniform q=2 table of 2^12 cells gives -11 log 2', () => {
    const cells = 1 << 12;
    const src = allocCells(cells);
    for (let c = 0; c < cells; c++) set(src, c, 1.0 / <f64>cells);
    for (let i = 0; i < 12; i++) {
      const a = 1 << i;
      const b = cells / (2 * a);
      const dst = allocCells(cells / 2);
      const got = marginalizePlogp(src, dst, a, 2, b);
      expect(abs(got + 11 * Math.LN2)).toBeLessThanOrEqual(1e-13, 'axis ' + i.toString());
      let wrong = 0;
      for (let c = 0; c < cells / 2; c++) if (get(dst, c) != 2.0 / <f64>cells) wrong++;
      expect(wrong).toBe(0, 'axis ' + i.toString() + ': cells != 2^-11');
    }
  });

  it('sums out a copied symbol: the marginal of (X, X) over one axis is the distribution of X', () => {
    // p(x, y) = w_x [x == y] over q = 5: summing either axis gives w back, exactly.
    const q = 5;
    const w: f64[] = [0.5, 0.25, 0.125, 0.0625, 0.0625];
    const src = allocCells(q * q);
    for (let x = 0; x < q; x++) set(src, x * q + x, w[x]);
    let want = 0.0;
    for (let x = 0; x < q; x++) want += w[x] * Math.log(w[x]);
    const first = allocCells(q);
    const last = allocCells(q);
    expect(close(marginalizePlogp(src, first, 1, q, q), want, 1e-16, 1e-15)).toBe(true);
    expect(close(marginalizePlogp(src, last, q, q, 1), want, 1e-16, 1e-15)).toBe(true);
    for (let x = 0; x < q; x++) {
      expect(get(first, x)).toBe(w[x]);
      expect(get(last, x)).toBe(w[x]);
    }
  });
});
