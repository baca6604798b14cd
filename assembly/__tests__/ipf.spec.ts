// subsetMarginal, ipfSweep, ipfMismatch (assembly/ipf.ts) and mobiusTransform, zetaTransform
// and upperZetaTransform (assembly/mobius.ts) against brute-force enumeration, for every subset of small tables: every
// block shape (kept runs, summed runs, the q = 2 pairs) is met.
import { ipfMismatch, ipfSweep, subsetMarginal } from '../ipf';
import { mobiusTransform, upperZetaTransform, zetaTransform } from '../mobius';
import { allocCells, bruteMarginal, close, copyCells, digit, ensure, get, pow, randomPmf, sameBits, seedRandom, sentinelIntact, set } from './support';

/** Offset lists for subsetMarginal / ipfSweep: q^n i32 each (more than any layout needs). */
function offsets(q: i32, n: i32): usize {
  return heap.alloc(<usize>pow(q, n) << 2);
}

function checkMarginals(q: i32, n: i32): void {
  const cells = pow(q, n);
  const p = allocCells(cells);
  randomPmf(p, cells, 0.2);
  const original = allocCells(cells);
  copyCells(original, p, cells);
  const got = allocCells(cells);
  const want = allocCells(cells);
  const kept = offsets(q, n);
  const summed = offsets(q, n);
  for (let mask: u32 = 0; mask < (<u32>1 << n); mask++) {
    const label = 'q=' + q.toString() + ' n=' + n.toString() + ' mask=' + mask.toString();
    const m = pow(q, <i32>popcnt(mask));
    set(got, m, NaN);
    subsetMarginal(p, q, n, mask, got, kept, summed);
    bruteMarginal(p, q, n, mask, want);
    for (let c = 0; c < m; c++) ensure(close(get(got, c), get(want, c), 1e-16, 1e-14), label + ': cell ' + c.toString());
    ensure(sentinelIntact(got, m), label + ': wrote past the marginal');
  }
  ensure(sameBits(p, original, cells), 'the table changed');
}

/** One sweep over the single subset `mask` from the uniform table, checked cell by cell. */
function checkSweep(q: i32, n: i32, mask: u32, p: usize, r: usize, work: usize, want: usize): void {
  const label = 'q=' + q.toString() + ' n=' + n.toString() + ' mask=' + mask.toString();
  const cells = pow(q, n);
  const m = pow(q, <i32>popcnt(mask));
  for (let x = 0; x < cells; x++) set(r, x, 1.0 / <f64>cells);
  const target = allocCells(m);
  bruteMarginal(p, q, n, mask, target);
  const masks = heap.alloc(4);
  store<u32>(masks, mask);
  const kept = offsets(q, n);
  const summed = offsets(q, n);
  let gap = 0.0;
  for (let c = 0; c < m; c++) gap = max(gap, abs(get(target, c) - 1.0 / <f64>m));
  const reported = ipfSweep(r, q, n, masks, 1, target, work, kept, summed);
  ensure(close(reported, gap, 1e-16, 1e-12), label + ': the gap before the update');
  // r(x) = q^-n * p_A(x_A) / q^-|A|: x_A read from the digits of x.
  for (let x = 0; x < cells; x++) {
    let j = 0;
    for (let i = 0; i < n; i++) if ((mask >> i) & 1) j = j * q + digit(x, i, q, n);
    ensure(close(get(r, x), get(target, j) * <f64>m / <f64>cells, 1e-18, 1e-14), label + ': cell ' + x.toString());
  }
  bruteMarginal(r, q, n, mask, want);
  for (let c = 0; c < m; c++) ensure(close(get(want, c), get(target, c), 1e-17, 1e-14), label + ': marginal cell ' + c.toString());
  const before = allocCells(cells);
  copyCells(before, r, cells);
  ensure(ipfMismatch(r, q, n, masks, 1, target, work, kept, summed) <= 1e-15, label + ': mismatch after the update');
  ensure(sameBits(r, before, cells), label + ': ipfMismatch changed r');
}

describe('subsetMarginal', () => {
  it('equals the brute-force marginal for every subset (q=2 n=1..7, q=3 n=4, q=5 n=3)', () => {
    seedRandom(71);
    for (let n = 1; n <= 7; n++) checkMarginals(2, n);
    checkMarginals(3, 4);
    checkMarginals(5, 3);
  });
});

describe('ipfSweep and ipfMismatch', () => {
  it('fit one subset exactly from the uniform table, report the gap before, and measure without changing r', () => {
    seedRandom(72);
    const shapes: i32[] = [2, 6, 3, 4, 4, 3];
    for (let s = 0; s < shapes.length; s += 2) {
      const q = shapes[s];
      const n = shapes[s + 1];
      const cells = pow(q, n);
      const p = allocCells(cells);
      randomPmf(p, cells, 0.15);
      const r = allocCells(cells);
      const work = allocCells(cells);
      const want = allocCells(cells);
      for (let mask: u32 = 1; mask < (<u32>1 << n); mask++) checkSweep(q, n, mask, p, r, work, want);
    }
  });
});

describe('mobiusTransform and zetaTransform', () => {
  it('mobius equals inclusion–exclusion over the zeroed digits, and zeta inverts it (q=2 n=5, q=3 n=3, q=4 n=2)', () => {
    seedRandom(73);
    const shapes: i32[] = [2, 5, 3, 3, 4, 2];
    for (let s = 0; s < shapes.length; s += 2) {
      const q = shapes[s];
      const n = shapes[s + 1];
      const cells = pow(q, n);
      const x = allocCells(cells);
      for (let c = 0; c < cells; c++) set(x, c, Math.log(<f64>(c % 7) + 0.5 + <f64>c * 0.01));
      const original = allocCells(cells);
      copyCells(original, x, cells);
      mobiusTransform(x, q, n);
      for (let c = 0; c < cells; c++) {
        // sum over z <= c (some non-zero digits of c set to 0) of (-1)^(zeroed) x(z)
        let want = 0.0;
        for (let z = 0; z < cells; z++) {
          let below = true;
          let zeroed = 0;
          for (let i = 0; i < n; i++) {
            const dc = digit(c, i, q, n);
            const dz = digit(z, i, q, n);
            if (dz != dc && dz != 0) below = false;
            if (dz != dc) zeroed++;
          }
          if (below) want += (zeroed % 2 == 0 ? 1.0 : -1.0) * get(original, z);
        }
        ensure(close(get(x, c), want, 1e-13, 1e-12), 'mobius q=' + q.toString() + ' cell ' + c.toString());
      }
      zetaTransform(x, q, n);
      for (let c = 0; c < cells; c++) ensure(close(get(x, c), get(original, c), 1e-13, 1e-12), 'zeta q=' + q.toString() + ' cell ' + c.toString());
      ensure(sentinelIntact(x, cells), 'wrote past the table');
    }
  });
});

describe('upperZetaTransform', () => {
  it('cell z becomes the sum over the cells agreeing with z wherever z is not 0 (q=2 n=5, q=3 n=3, q=5 n=2)', () => {
    seedRandom(74);
    const shapes: i32[] = [2, 5, 3, 3, 5, 2];
    for (let s = 0; s < shapes.length; s += 2) {
      const q = shapes[s];
      const n = shapes[s + 1];
      const cells = pow(q, n);
      const x = allocCells(cells);
      randomPmf(x, cells, 0.2);
      const original = allocCells(cells);
      copyCells(original, x, cells);
      upperZetaTransform(x, q, n);
      for (let z = 0; z < cells; z++) {
        let want = 0.0;
        for (let y = 0; y < cells; y++) {
          let agrees = true;
          for (let i = 0; i < n; i++) {
            const dz = digit(z, i, q, n);
            if (dz != 0 && digit(y, i, q, n) != dz) agrees = false;
          }
          if (agrees) want += get(original, y);
        }
        ensure(close(get(x, z), want, 1e-16, 1e-13), 'upper zeta q=' + q.toString() + ' cell ' + z.toString());
      }
      ensure(close(get(x, 0), 1.0, 1e-15, 0), 'cell 0 holds the total');
      ensure(sentinelIntact(x, cells), 'wrote past the table');
    }
  });
});
