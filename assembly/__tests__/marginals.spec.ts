// positionMarginals(p, q, n, out) (assembly/marginals.ts): out[i*q + a] = p(X_i = a).
import { positionMarginals } from '../marginals';
import { allocCells, copyCells, digit, ensure, get, pow, randomPmf, sameBits, seedRandom, sentinelIntact, set } from './support';

/** out[i*q + a] by visiting every cell and adding it to the marginal of each of its digits. */
function bruteMarginals(p: usize, q: i32, n: i32, out: usize): void {
  for (let c = 0; c < n * q; c++) set(out, c, 0);
  const cells = pow(q, n);
  for (let x = 0; x < cells; x++) {
    for (let i = 0; i < n; i++) {
      const c = i * q + digit(x, i, q, n);
      set(out, c, get(out, c) + get(p, x));
    }
  }
}

function check(q: i32, n: i32, zeroFraction: f64): void {
  const label = 'q=' + q.toString() + ' n=' + n.toString();
  const cells = pow(q, n);
  const p = allocCells(cells);
  randomPmf(p, cells, zeroFraction);
  const original = allocCells(cells);
  copyCells(original, p, cells);
  const out = allocCells(n * q);
  for (let c = 0; c < n * q; c++) set(out, c, NaN); // every entry must be written
  positionMarginals(p, q, n, out);
  const want = allocCells(n * q);
  bruteMarginals(p, q, n, want);
  for (let i = 0; i < n; i++) {
    let total = 0.0;
    for (let a = 0; a < q; a++) {
      const got = get(out, i * q + a);
      const w = get(want, i * q + a);
      if (!(abs(got - w) <= 1e-15 + 1e-13 * w)) expect(got).toBe(w, label + ': p(X_' + i.toString() + ' = ' + a.toString() + ')');
      ensure(got >= 0, label + ': negative marginal');
      total += got;
    }
    if (!(abs(total - 1) <= 1e-13)) expect(total).toBe(1.0, label + ': marginal of position ' + i.toString() + ' sums to');
  }
  ensure(sameBits(p, original, cells), label + ': the table changed');
  ensure(sentinelIntact(out, n * q), label + ': wrote past out[n*q - 1]');
}

describe('positionMarginals', () => {
  it('sums to 1 at every position and matches the brute force on small tables (q=2 n=5, q=3 n=4, n=1)', () => {
    seedRandom(51);
    for (let rep = 0; rep < 5; rep++) {
      check(2, 5, 0.25);
      check(3, 4, 0.25);
    }
    check(2, 1, 0);
    check(7, 1, 0.3);
    check(5, 2, 0.1);
  });

  it('matches the brute force on tables past the 512-cell block (q=2 n=10..13, q=3 n=7, q=4 n=6, q=26 n=2)', () => {
    seedRandom(52);
    check(2, 10, 0.1);
    check(2, 11, 0.1);
    check(2, 13, 0.1);
    check(3, 7, 0.1);
    check(4, 6, 0.1);
    check(26, 2, 0.1);
  });

  it('puts position 0 on the most significant digit', () => {
    // q=3 n=2: p(x0, x1) = 1 at (x0, x1) = (2, 0)
    const p = allocCells(9);
    set(p, 2 * 3 + 0, 1.0);
    const out = allocCells(6);
    positionMarginals(p, 3, 2, out);
    const want: f64[] = [0, 0, 1, 1, 0, 0];
    for (let c = 0; c < 6; c++) expect(get(out, c)).toBe(want[c]);
  });

  it('gives 1/q everywhere (within 1e-14) for the uniform table (q=3 n=9)', () => {
    const cells = pow(3, 9);
    const p = allocCells(cells);
    for (let x = 0; x < cells; x++) set(p, x, 1.0 / <f64>cells);
    const out = allocCells(27);
    positionMarginals(p, 3, 9, out);
    for (let c = 0; c < 27; c++) ensure(abs(get(out, c) - 1.0 / 3) <= 1e-14, 'cell ' + c.toString() + ': ' + get(out, c).toString());
  });
});
