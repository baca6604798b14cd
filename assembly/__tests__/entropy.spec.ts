// plogpSum(p, len) = sum_x p(x) log p(x) = -H, with 0 log 0 = 0 (assembly/entropy.ts), and the
// block kernel plogpBlock it is built on (assembly/simd/plogp.ts).
import { plogpSum } from '../entropy';
import { plogpBlock } from '../simd/plogp';
import {
  allocCells, bruteXlogx, close, get, randomPmf, randomCells, sameBits, seedRandom, set,
} from './support';

/** Lengths straddling the SIMD width (2), the unroll (4), the block size (512) and several blocks. */
const LENGTHS: i32[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255, 256, 257,
  509, 510, 511, 512, 513, 514, 515, 516, 517, 1023, 1024, 1025, 1026, 1027, 1535, 1536, 1537, 2047, 2049, 4099, 10007,
];

describe('plogpSum', () => {
  it('is 0 for an empty table', () => {
    const p = allocCells(4);
    set(p, 0, 0.5); // must not be read
    expect(plogpSum(p, 0)).toBe(0.0);
  });

  it('treats 0 log 0 as 0: all-zero tables give exactly 0 at every length', () => {
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      expect(plogpSum(p, len)).toBe(0.0, 'len ' + len.toString());
    }
  });

  it('gives exactly 0 for a point mass, wherever the 1 sits (lanes, unroll slots, tail, later blocks)', () => {
    const lens: i32[] = [1, 2, 3, 5, 8, 9, 513, 1027];
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k];
      const p = allocCells(len);
      let wrong = 0;
      for (let at = 0; at < len; at++) {
        set(p, at, 1.0);
        if (plogpSum(p, len) != 0.0) wrong++;
        set(p, at, 0.0);
      }
      expect(wrong).toBe(0, 'len ' + len.toString() + ': positions where the point mass gives a nonzero sum');
    }
  });

  it('ignores zero cells at every position mod 4 (the SIMD lanes and unrolled pairs)', () => {
    seedRandom(7);
    for (let len = 1; len <= 40; len++) {
      for (let zeroAt = 0; zeroAt < len; zeroAt++) {
        const p = allocCells(len);
        randomCells(p, len, 0);
        set(p, zeroAt, 0);
        const want = bruteXlogx(p, len);
        const got = plogpSum(p, len);
        if (!close(got, want, 1e-16, 1e-14)) expect(got).toBe(want, 'len ' + len.toString() + ' zero at ' + zeroAt.toString());
      }
    }
  });

  it('matches a scalar sum of p log p (scalar Math.log) at lengths straddling 2, 4, 512 and several blocks', () => {
    seedRandom(11);
    for (let k = 0; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      randomPmf(p, len, 0.2);
      const want = bruteXlogx(p, len);
      const got = plogpSum(p, len);
      expect(close(got, want, 1e-15, 1e-13)).toBe(true, 'len ' + len.toString() + ': ' + got.toString() + ' vs ' + want.toString());
    }
  });

  it('reads only len cells: a positive value just past the end never shows up (odd lengths included)', () => {
    seedRandom(12);
    for (let k = 1; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      randomPmf(p, len, 0.1);
      const want = bruteXlogx(p, len);
      set(p, len, 0.25);
      const got = plogpSum(p, len);
      if (!close(got, want, 1e-15, 1e-13)) expect(got).toBe(want, 'len ' + len.toString());
    }
  });

  it('gives -log(len) for the uniform table of every length', () => {
    for (let k = 1; k < LENGTHS.length; k++) {
      const len = LENGTHS[k];
      const p = allocCells(len);
      for (let i = 0; i < len; i++) set(p, i, 1.0 / <f64>len);
      const want = -Math.log(<f64>len);
      const got = plogpSum(p, len);
      expect(close(got, want, 1e-15, 1e-14)).toBe(true, 'len ' + len.toString() + ': ' + got.toString() + ' vs ' + want.toString());
    }
  });

  it('stays accurate on 2^20 cells: uniform gives -20 log 2 within 1e-13', () => {
    const len = 1 << 20;
    const p = allocCells(len);
    const v = 1.0 / <f64>len;
    for (let i = 0; i < len; i++) set(p, i, v);
    const got = plogpSum(p, len);
    expect(abs(got + 20 * Math.LN2)).toBeLessThanOrEqual(1e-13);
  });

  it('gives p log p + (1-p) log(1-p) for two cells, in either order', () => {
    const p = allocCells(2);
    const values: f64[] = [0.5, 0.25, 0.1, 1e-10, 0.999999, 5e-324, 2.2250738585072014e-308];
    for (let k = 0; k < values.length; k++) {
      const a = values[k];
      const b = 1 - a;
      const want = a * Math.log(a) + b * Math.log(b);
      set(p, 0, a);
      set(p, 1, b);
      expect(close(plogpSum(p, 2), want, 1e-17, 4e-16)).toBe(true, 'p = ' + a.toString());
      set(p, 0, b);
      set(p, 1, a);
      expect(close(plogpSum(p, 2), want, 1e-17, 4e-16)).toBe(true, 'p = ' + a.toString() + ' (swapped)');
    }
  });

  it('does not modify the table', () => {
    seedRandom(13);
    const len = 1029;
    const p = allocCells(len);
    const copy = allocCells(len);
    randomPmf(p, len, 0.2);
    for (let i = 0; i < len; i++) set(copy, i, get(p, i));
    plogpSum(p, len);
    expect(sameBits(p, copy, len)).toBe(true);
  });
});

describe('plogpBlock', () => {
  it('matches a scalar sum of x log x for every length 0..600, zero cells ignored, nothing read past len', () => {
    seedRandom(21);
    for (let len = 0; len <= 600; len++) {
      const p = allocCells(len);
      randomCells(p, len, 0.25);
      const want = bruteXlogx(p, len);
      set(p, len, 0.25); // past the end: must not be read
      const got = plogpBlock(p, len);
      if (!close(got, want, 1e-15, 1e-13)) expect(got).toBe(want, 'len ' + len.toString());
    }
  });

  it('gives 0 for zeros and ones only', () => {
    const p = allocCells(9);
    for (let i = 0; i < 9; i += 2) set(p, i, 1.0);
    for (let len = 0; len <= 9; len++) expect(plogpBlock(p, len)).toBe(0.0);
  });
});
