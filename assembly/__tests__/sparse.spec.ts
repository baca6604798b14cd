// The sparse kernels (assembly/sparse.ts) against enumeration: a random table's support
// (denseToSparse) and every marginal of it (sparseMarginal) against bruteMarginal's nonzero
// cells, in order; packing rows, the dense round trip and the alignment of two supports.
import { denseSupportSize, denseToSparse, sparseAlign, sparseMarginal, sparsePackRows, sparseGather, sparseSubsetEntropies, sparseToDense, sparseWorkBytes } from '../sparse';
import { allocCells, bruteEntropy, bruteMarginal, close, ensure, get, pow, randomPmf, sameBits, seedRandom, sentinelIntact, set } from './support';

/** ceil(log2 q). */
function bitsOf(q: i32): i32 {
  return 32 - <i32>clz(q - 1);
}

/** The support of a random q^n table (about `zeroFraction` zeros) as keys and values; returns its size. */
function randomSupport(q: i32, n: i32, zeroFraction: f64, table: usize, keys: usize, values: usize): i32 {
  const cells = pow(q, n);
  randomPmf(table, cells, zeroFraction);
  const count = <i32>denseSupportSize(table, cells);
  denseToSparse(table, q, n, bitsOf(q), keys, values);
  return count;
}

/** Every marginal of a random table's support against the brute-force marginal of the table. */
function checkMarginals(q: i32, n: i32, zeroFraction: f64): void {
  const label = 'q=' + q.toString() + ' n=' + n.toString();
  const cells = pow(q, n);
  const table = allocCells(cells);
  const keys = allocCells(cells);
  const values = allocCells(cells);
  const count = randomSupport(q, n, zeroFraction, table, keys, values);
  const original = allocCells(count);
  for (let r = 0; r < count; r++) set(original, r, get(values, r));
  const outKeys = allocCells(count);
  const outValues = allocCells(count);
  const tmpKeys = allocCells(count);
  const tmpValues = allocCells(count);
  const work = allocCells(sparseWorkBytes() >> 3);
  const want = allocCells(cells);
  const bits = bitsOf(q);
  for (let mask: u32 = 0; mask < (<u32>1 << <u32>n); mask++) {
    const distinct = <i32>sparseMarginal(keys, values, count, n, bits, mask, outKeys, outValues, tmpKeys, tmpValues, work);
    const wantCells = bruteMarginal(table, q, n, mask, want);
    let j = 0;
    for (let c = 0; c < wantCells; c++) {
      if (!(get(want, c) > 0)) continue;
      ensure(j < distinct, label + ' mask ' + mask.toString() + ': too few keys');
      const got = get(outValues, j);
      if (!close(got, get(want, c), 1e-16, 1e-13)) expect(got).toBe(get(want, c), label + ' mask ' + mask.toString());
      if (j > 0) ensure(load<u64>(outKeys + (<usize>j << 3)) > load<u64>(outKeys + (<usize>(j - 1) << 3)), label + ': keys not increasing');
      j++;
    }
    ensure(j == distinct, label + ' mask ' + mask.toString() + ': ' + distinct.toString() + ' keys, want ' + j.toString());
  }
  ensure(sameBits(values, original, count), label + ': the values changed');
  ensure(sentinelIntact(outValues, count) && sentinelIntact(tmpValues, count), label + ': wrote past the buffers');
}

describe('sparseMarginal', () => {
  it('gives every marginal of a random support: sorted distinct keys, sums as the brute force (q=2 n=1..9, q=3 n=5, q=5 n=4, q=26 n=2)', () => {
    seedRandom(71);
    for (let n = 1; n <= 9; n++) checkMarginals(2, n, 0.5);
    checkMarginals(3, 5, 0.7);
    checkMarginals(5, 4, 0.9);
    checkMarginals(26, 2, 0.3);
  });

  it('sorts past one radix bucket and one byte: q=4 n=6 (12 key bits) with 4096 cells, few zeros', () => {
    seedRandom(72);
    checkMarginals(4, 6, 0.05);
  });
});

/** Every subset entropy of a random table's support against the brute-force entropy of the table's marginal. */
function checkSubsets(q: i32, n: i32, zeroFraction: f64): void {
  const label = 'q=' + q.toString() + ' n=' + n.toString();
  const cells = pow(q, n);
  const table = allocCells(cells);
  const keys = allocCells(cells);
  const values = allocCells(cells);
  const count = randomSupport(q, n, zeroFraction, table, keys, values);
  const subsets = 1 << n;
  const out = allocCells(subsets);
  for (let m = 0; m < subsets; m++) set(out, m, NaN); // every entry must be written
  const scratch = allocCells(2 * n * count);
  const tmpKeys = allocCells(count);
  const tmpValues = allocCells(count);
  const work = allocCells(sparseWorkBytes() >> 3);
  sparseSubsetEntropies(keys, values, count, n, bitsOf(q), out, scratch, tmpKeys, tmpValues, work);
  const marginal = allocCells(cells);
  for (let m = 0; m < subsets; m++) {
    const want = bruteEntropy(table, q, n, <u32>m, marginal);
    if (!close(get(out, m), want, 1e-15, 1e-13)) expect(get(out, m)).toBe(want, label + ' H of mask ' + m.toString());
  }
  ensure(sentinelIntact(out, subsets) && sentinelIntact(scratch, 2 * n * count), label + ': wrote past the buffers');
}

describe('sparseSubsetEntropies', () => {
  it('gives every subset entropy of a random support, depth first (q=2 n=1..9, q=3 n=5, q=5 n=4, q=26 n=2)', () => {
    seedRandom(75);
    for (let n = 1; n <= 9; n++) checkSubsets(2, n, 0.5);
    checkSubsets(3, 5, 0.7);
    checkSubsets(5, 4, 0.9);
    checkSubsets(26, 2, 0.3);
  });
});

describe('sparsePackRows, sparseToDense, sparseGather, sparseAlign', () => {
  it('packs rows of 1- and 2-byte symbols with ceil(log2 q) bits a position, position 0 first', () => {
    const rows = allocCells(4);
    // Two rows of n = 3 over q = 5 (3 bits): [4, 0, 3] and [1, 2, 0].
    const symbols: i32[] = [4, 0, 3, 1, 2, 0];
    for (let k = 0; k < 6; k++) store<u8>(rows + <usize>k, <u8>symbols[k]);
    const keys = allocCells(2);
    sparsePackRows(rows, 1, 2, 3, 3, keys);
    expect(load<u64>(keys)).toBe(<u64>((4 << 6) | 3));
    expect(load<u64>(keys + 8)).toBe(<u64>((1 << 6) | (2 << 3)));
    for (let k = 0; k < 6; k++) store<u16>(rows + (<usize>k << 1), <u16>symbols[k]);
    sparsePackRows(rows, 2, 2, 3, 3, keys);
    expect(load<u64>(keys)).toBe(<u64>((4 << 6) | 3));
    expect(load<u64>(keys + 8)).toBe(<u64>((1 << 6) | (2 << 3)));
  });

  it('sparseToDense(denseToSparse(p)) is p, and sparseGather of p on its support its values, bit for bit', () => {
    seedRandom(73);
    const q = 3;
    const n = 5;
    const cells = pow(q, n);
    const table = allocCells(cells);
    const keys = allocCells(cells);
    const values = allocCells(cells);
    const count = randomSupport(q, n, 0.6, table, keys, values);
    const back = allocCells(cells);
    for (let x = 0; x < cells; x++) set(back, x, NaN);
    sparseToDense(keys, values, count, q, n, bitsOf(q), back, cells);
    ensure(sameBits(back, table, cells), 'the round trip changed the table');
    ensure(sentinelIntact(back, cells), 'wrote past the table');
    const gathered = allocCells(count);
    sparseGather(keys, count, q, n, bitsOf(q), table, gathered);
    ensure(sameBits(gathered, values, count), 'gathering the table on its support did not give its values');
    ensure(sentinelIntact(gathered, count), 'wrote past the gathered values');
  });

  it('aligns r on the support of p: r where it has the key, 0 where it does not', () => {
    const p = allocCells(50);
    const r = allocCells(50);
    const rValues = allocCells(50);
    const out = allocCells(50);
    // p: keys 0, 3, 6, ...; r: keys 0, 2, 4, ... with values 1000 + key.
    for (let i = 0; i < 50; i++) {
      store<u64>(p + (<usize>i << 3), <u64>(3 * i));
      store<u64>(r + (<usize>i << 3), <u64>(2 * i));
      set(rValues, i, 1000 + 2 * i);
    }
    sparseAlign(p, 50, r, rValues, 50, out);
    for (let i = 0; i < 50; i++) {
      const key = 3 * i;
      const want: f64 = key % 2 == 0 && key < 100 ? 1000 + key : 0;
      expect(get(out, i)).toBe(want, 'key ' + key.toString());
    }
    ensure(sentinelIntact(out, 50), 'wrote past out');
  });
});
