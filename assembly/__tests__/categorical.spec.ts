// categoricalTable / categoricalCounts (assembly/categorical.ts) and laplaceNoise
// (assembly/laplace.ts). Every expected draw is recomputed here with a plain linear scan over
// the same uniforms (the sampler's inverse-CDF rule), so neither the guide table nor the sorted
// batches may change a count.
import { SORT_BUCKETS, categoricalCounts, categoricalTable } from '../categorical';
import { laplaceNoise } from '../laplace';
import { randomNext, randomSeedStream, randomUniform } from '../random';
import { allocCells, get, sentinelIntact, set } from './support';

/** The first x with u T < p_0 + ... + p_x over cells of positive weight; past the end, the last such cell. */
function linearScan(p: usize, K: i32, u: f64): i32 {
  let total = 0.0;
  for (let x = 0; x < K; x++) if (get(p, x) > 0) total += get(p, x);
  const t = u * total;
  let cumulative = 0.0;
  let last = -1;
  for (let x = 0; x < K; x++) {
    const w = get(p, x);
    if (w <= 0) continue;
    cumulative += w;
    if (t < cumulative) return x;
    last = x;
  }
  return last;
}

/** Histogram of `m` draws from `p` with the kernels, compared with the linear scan on the same stream. */
function checkDraws(p: usize, K: i32, seed: u64, stream: u64, m: i32): void {
  const cdf = allocCells(K);
  const guide = allocCells((K + 1) >> 1);
  const counts = allocCells(K);
  const expected = allocCells(K);
  const last = categoricalTable(p, K, cdf, guide);
  categoricalCounts(cdf, guide, K, last, seed, stream, <f64>m, counts, 0, 0, 0, 0);
  // The same draws in sorted batches of 700 (several batches, the last one partial).
  const keys = allocCells(700);
  const sorted = allocCells(700);
  const starts = allocCells(SORT_BUCKETS >> 1);
  const batched = allocCells(K);
  categoricalCounts(cdf, guide, K, last, seed, stream, <f64>m, batched, keys, sorted, starts, 700);
  randomSeedStream(seed, stream);
  for (let i = 0; i < m; i++) {
    const x = linearScan(p, K, randomUniform());
    set(expected, x, get(expected, x) + 1);
  }
  for (let x = 0; x < K; x++) expect(get(counts, x)).toBe(get(expected, x));
  for (let x = 0; x < K; x++) expect(get(batched, x)).toBe(get(expected, x));
  expect(sentinelIntact(sorted, 700)).toBe(true);
  expect(sentinelIntact(batched, K)).toBe(true);
  expect(sentinelIntact(cdf, K)).toBe(true);
  expect(sentinelIntact(counts, K)).toBe(true);
}

describe('categoricalTable', () => {
  it('writes running sums and returns the last cell of positive weight', () => {
    const p = allocCells(5);
    set(p, 0, 0.25);
    set(p, 2, 0.5);
    set(p, 3, 0.25);
    const cdf = allocCells(5);
    const guide = allocCells(3);
    expect(categoricalTable(p, 5, cdf, guide)).toBe(3);
    expect(get(cdf, 0)).toBe(0.25);
    expect(get(cdf, 1)).toBe(0.25);
    expect(get(cdf, 2)).toBe(0.75);
    expect(get(cdf, 4)).toBe(1.0);
    // guide[g] = first x with cdf[x] > g / 5: g = 0 -> 0, 1 (0.2) -> 0, 2 (0.4) -> 2, 3 (0.6) -> 2, 4 (0.8) -> 3.
    const expected: i32[] = [0, 0, 2, 2, 3];
    for (let g = 0; g < 5; g++) expect(load<i32>(guide + (<usize>g << 2))).toBe(expected[g]);
  });
});

describe('categoricalCounts', () => {
  it('gives the draws of a linear scan: skewed, sparse and uniform tables', () => {
    const K = 300;
    const skewed = allocCells(K);
    let total = 0.0;
    for (let x = 0; x < K; x++) total += 1.0 / <f64>(x + 1);
    for (let x = 0; x < K; x++) set(skewed, x, 1.0 / <f64>(x + 1) / total);
    checkDraws(skewed, K, 42, 0, 5000);
    checkDraws(skewed, K, 42, 7, 5000);
    const sparse = allocCells(K);
    set(sparse, 0, 0.5);
    set(sparse, 150, 0.125);
    set(sparse, 299, 0.375);
    checkDraws(sparse, K, 1, 3, 5000);
    const uniform = allocCells(7);
    for (let x = 0; x < 7; x++) set(uniform, x, 1.0 / 7.0);
    checkDraws(uniform, 7, 0xFFFFFFFFFFFFFFFF, 0, 5000);
  });
});

describe('laplaceNoise', () => {
  it('draws sign from the top bit and magnitude -scale log(((w mod 2^53) + 1) 2^-53)', () => {
    const out = allocCells(64);
    laplaceNoise(99, 2, out, 64, 0.5);
    randomSeedStream(99, 2);
    for (let i = 0; i < 64; i++) {
      const w = randomNext();
      const u = <f64>((w & 0x1FFFFFFFFFFFFF) + 1) / 9007199254740992.0;
      const magnitude = -0.5 * Math.log(u);
      expect(get(out, i)).toBe(w >> 63 != 0 ? -magnitude : magnitude);
    }
    expect(sentinelIntact(out, 64)).toBe(true);
  });
});
