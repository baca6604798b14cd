// subsetEntropies(p, q, n, out, scratch), maskEntropy(p, q, n, mask, scratch) and ipow
// (assembly/subsets.ts). Expected values: each mask's marginal built by explicit enumeration of
// the table's cells (support.ts bruteMarginal) and its entropy with scalar Math.log, or closed
// forms (independent positions, copies).
import { ipow, maskEntropy, subsetEntropies, subsetEntropiesBranch } from '../subsets';
import { plogpSum } from '../entropy';
import {
  allocCells, bruteEntropy, bruteMarginal, close, copyCells, digit, ensure, get, pow, randomPmf, sameBits, seedRandom, sentinelIntact, set,
} from './support';

/** Cells of scratch the kernels need: q^(n-1) + ... + q + 1. */
function scratchCells(q: i32, n: i32): i32 {
  let s = 0;
  for (let k = 0; k < n; k++) s += pow(q, k);
  return s;
}

/** Runs subsetEntropies on p and checks every entry against the brute force; returns out. */
function checkAllSubsets(p: usize, q: i32, n: i32, label: string): usize {
  const cells = pow(q, n);
  const masks = 1 << n;
  const out = allocCells(masks);
  const scratch = allocCells(scratchCells(q, n));
  const original = allocCells(cells);
  copyCells(original, p, cells);
  for (let m = 0; m < masks; m++) set(out, m, NaN); // every entry must be written
  subsetEntropies(p, q, n, out, scratch);

  const work = allocCells(cells);
  for (let mask: u32 = 0; mask < <u32>masks; mask++) {
    const want = bruteEntropy(p, q, n, mask, work);
    const got = get(out, mask);
    if (!close(got, want, 1e-14, 1e-13)) expect(got).toBe(want, label + ': H of mask ' + mask.toString());
  }
  expect(get(out, 0)).toBe(0.0, label + ': H(empty set)');
  ensure(sameBits(p, original, cells), label + ': the table changed');
  ensure(sentinelIntact(out, masks), label + ': wrote past out[2^n - 1]');
  ensure(sentinelIntact(scratch, scratchCells(q, n)), label + ': wrote past the scratch buffer');
  return out;
}

describe('brute-force marginal (test helper)', () => {
  it('agrees with decoding each cell digit by digit (q=3 n=4, every mask)', () => {
    seedRandom(40);
    const p = allocCells(81);
    randomPmf(p, 81, 0.2);
    const fast = allocCells(81);
    const slow = allocCells(81);
    for (let mask: u32 = 0; mask < 16; mask++) {
      const cells = bruteMarginal(p, 3, 4, mask, fast);
      for (let j = 0; j < cells; j++) set(slow, j, 0);
      for (let x = 0; x < 81; x++) {
        let j = 0;
        for (let i = 0; i < 4; i++) if ((mask >> i) & 1) j = j * 3 + digit(x, i, 3, 4);
        set(slow, j, get(slow, j) + get(p, x));
      }
      ensure(sameBits(fast, slow, cells), 'mask ' + mask.toString());
    }
  });
});

describe('ipow', () => {
  it('is q^k, with q^0 = 1', () => {
    expect(ipow(3, 4)).toBe(81);
    expect(ipow(7, 0)).toBe(1);
    expect(ipow(2, 26)).toBe(1 << 26);
    expect(ipow(26, 5)).toBe(11881376);
    expect(ipow(1, 30)).toBe(1);
  });
});

describe('subsetEntropies', () => {
  it('equals the brute-force H(X_A) of every mask on random tables with zero cells (q=2 n=5, q=3 n=4)', () => {
    seedRandom(41);
    for (let rep = 0; rep < 5; rep++) {
      const p2 = allocCells(32);
      randomPmf(p2, 32, 0.25);
      checkAllSubsets(p2, 2, 5, 'q=2 n=5 #' + rep.toString());
      const p3 = allocCells(81);
      randomPmf(p3, 81, 0.25);
      checkAllSubsets(p3, 3, 4, 'q=3 n=4 #' + rep.toString());
    }
  });

  it('equals the brute force on other shapes: n = 1, 2, q = 4, 5, 7 and tables past the 512-cell block', () => {
    seedRandom(42);
    const qs: i32[] = [2, 3, 5, 2, 4, 5, 7, 2, 3, 2, 3, 4];
    const ns: i32[] = [1, 1, 1, 2, 3, 3, 2, 10, 7, 11, 8, 5];
    for (let c = 0; c < qs.length; c++) {
      const q = qs[c];
      const n = ns[c];
      const cells = pow(q, n);
      const p = allocCells(cells);
      randomPmf(p, cells, 0.15);
      checkAllSubsets(p, q, n, 'q=' + q.toString() + ' n=' + n.toString());
    }
  });

  it('gives |A| log q for the uniform table and sum of marginal entropies for a product table', () => {
    // uniform q=3 n=6
    const cells = pow(3, 6);
    const u = allocCells(cells);
    for (let x = 0; x < cells; x++) set(u, x, 1.0 / <f64>cells);
    const outU = allocCells(64);
    subsetEntropies(u, 3, 6, outU, allocCells(scratchCells(3, 6)));
    for (let mask: u32 = 0; mask < 64; mask++) {
      const want = <f64>popcnt(mask) * Math.log(3);
      ensure(abs(get(outU, mask) - want) <= 1e-13, 'uniform: mask ' + mask.toString());
    }
    // product of q=2 marginals (a_i, 1 - a_i), n = 5: H(X_A) = sum_{i in A} h(a_i)
    const a: f64[] = [0.5, 0.1, 0.9, 0.3, 0.01];
    const p = allocCells(32);
    for (let x = 0; x < 32; x++) {
      let v = 1.0;
      for (let i = 0; i < 5; i++) v *= ((x >> (4 - i)) & 1) ? a[i] : 1 - a[i];
      set(p, x, v);
    }
    const out = allocCells(32);
    subsetEntropies(p, 2, 5, out, allocCells(scratchCells(2, 5)));
    for (let mask: u32 = 0; mask < 32; mask++) {
      let want = 0.0;
      for (let i = 0; i < 5; i++) {
        if ((mask >> i) & 1) want -= a[i] * Math.log(a[i]) + (1 - a[i]) * Math.log(1 - a[i]);
      }
      ensure(abs(get(out, mask) - want) <= 1e-14, 'product: mask ' + mask.toString());
    }
  });

  it('gives log q for every nonempty subset of copies (all positions equal, uniform symbol)', () => {
    const q = 4;
    const n = 5;
    const p = allocCells(pow(q, n));
    for (let v = 0; v < q; v++) {
      let x = 0;
      for (let i = 0; i < n; i++) x = x * q + v;
      set(p, x, 0.25);
    }
    const out = allocCells(1 << n);
    subsetEntropies(p, q, n, out, allocCells(scratchCells(q, n)));
    expect(get(out, 0)).toBe(0.0);
    for (let mask = 1; mask < 1 << n; mask++) {
      ensure(abs(get(out, mask) - Math.log(4)) <= 1e-15, 'copies: mask ' + mask.toString());
    }
  });

  it('uses bit i for position i, position 0 being the most significant digit', () => {
    // p(x0, x1, x2) over q=2: x0 a fair bit, x1 = x2 = 0. Only position 0 carries entropy.
    const p = allocCells(8);
    set(p, 0b000, 0.5);
    set(p, 0b100, 0.5);
    const out = allocCells(8);
    subsetEntropies(p, 2, 3, out, allocCells(scratchCells(2, 3)));
    for (let mask = 0; mask < 8; mask++) {
      const want = (mask & 1) ? Math.LN2 : 0.0;
      ensure(abs(get(out, mask) - want) <= 1e-16, 'mask ' + mask.toString() + ' got ' + get(out, mask).toString());
    }
  });
});

describe('subsetEntropiesBranch', () => {
  it('branches n-1..0 in any order, each with its own scratch, rebuild subsetEntropies bit for bit; branch k writes exactly the 2^k masks whose highest missing position is k', () => {
    seedRandom(43);
    const shapes: i32[][] = [[2, 7], [3, 5], [5, 3], [1, 4], [4, 1]];
    for (let s = 0; s < shapes.length; s++) {
      const q = shapes[s][0];
      const n = shapes[s][1];
      const cells = pow(q, n);
      const masks = 1 << n;
      const full = masks - 1;
      const p = allocCells(cells);
      randomPmf(p, cells, 0.2);
      const label = 'q=' + q.toString() + ' n=' + n.toString();
      const whole = allocCells(masks);
      subsetEntropies(p, q, n, whole, allocCells(scratchCells(q, n)));
      const parts = allocCells(masks);
      for (let m = 0; m < masks; m++) set(parts, m, NaN);
      set(parts, full, -plogpSum(p, cells));
      // Odd branches first, then even ones: the order must not matter.
      for (let pass = 1; pass >= 0; pass--) {
        for (let k = 0; k < n; k++) {
          if ((k & 1) != pass) continue;
          const before = allocCells(masks);
          copyCells(before, parts, masks);
          let need = 0;
          for (let d = 1; d <= k + 1; d++) need += pow(q, n - d);
          const scratch = allocCells(need);
          subsetEntropiesBranch(p, q, n, k, parts, scratch);
          ensure(sentinelIntact(scratch, need), label + ' branch ' + k.toString() + ': wrote past its scratch');
          for (let m = 0; m < masks; m++) {
            const owned = m != full && 31 - clz(<u32>(~m & full)) == k;
            const changed = !sameBits(parts + (<usize>m << 3), before + (<usize>m << 3), 1);
            if (changed != owned) ensure(false, label + ' branch ' + k.toString() + ' mask ' + m.toString() + (owned ? ' not written' : ' written'));
          }
        }
      }
      ensure(sameBits(parts, whole, masks), label + ': not bit-identical to subsetEntropies');
    }
  });
});

describe('maskEntropy', () => {
  it('equals subsetEntropies[mask] and the brute force for every mask (q=2 n=5, q=3 n=4, q=2 n=10, q=5 n=4)', () => {
    seedRandom(43);
    const qs: i32[] = [2, 3, 2, 5];
    const ns: i32[] = [5, 4, 10, 4];
    for (let c = 0; c < qs.length; c++) {
      const q = qs[c];
      const n = ns[c];
      const cells = pow(q, n);
      const label = 'q=' + q.toString() + ' n=' + n.toString();
      const p = allocCells(cells);
      randomPmf(p, cells, 0.2);
      const original = allocCells(cells);
      copyCells(original, p, cells);
      const out = allocCells(1 << n);
      subsetEntropies(p, q, n, out, allocCells(scratchCells(q, n)));
      const scratch = allocCells(pow(q, n - 1));
      const work = allocCells(cells);
      for (let mask: u32 = 0; mask < <u32>(1 << n); mask++) {
        const got = maskEntropy(p, q, n, mask, scratch);
        const fromAll = get(out, mask);
        const want = bruteEntropy(p, q, n, mask, work);
        if (!close(got, fromAll, 1e-14, 1e-13)) expect(got).toBe(fromAll, label + ' mask ' + mask.toString() + ' vs subsetEntropies');
        if (!close(got, want, 1e-14, 1e-13)) expect(got).toBe(want, label + ' mask ' + mask.toString() + ' vs brute force');
      }
      ensure(sameBits(p, original, cells), label + ': the table changed');
      ensure(sentinelIntact(scratch, pow(q, n - 1)), label + ': wrote past scratch (q^(n-1) cells)');
    }
  });

  it('is 0 for the empty mask and H(X) for the full mask', () => {
    seedRandom(44);
    const p = allocCells(81);
    randomPmf(p, 81, 0.1);
    const scratch = allocCells(27);
    expect(maskEntropy(p, 3, 4, 0, scratch)).toBe(0.0);
    const work = allocCells(81);
    const h = bruteEntropy(p, 3, 4, 15, work);
    expect(close(maskEntropy(p, 3, 4, 15, scratch), h, 1e-15, 1e-14)).toBe(true);
  });
});
