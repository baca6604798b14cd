// Independent draws from one categorical distribution over K cells (DESIGN.md §6: 53-bit
// uniforms and an inverse CDF), for repeated samples of a whole table: the cumulative sums once,
// a guide table (Chen and Asau, "On generating random variates from an empirical distribution",
// AIIE Transactions 1974) so that each draw starts its search next to its answer, then the same
// rule as the sampler's drawFrom: the first cell x with u T < cdf[x], T = cdf[K-1]; past the end
// (rounding), the last cell of positive weight. The guide only speeds the search up: every draw
// equals the one a linear scan would give.
import { randomNext, randomSeedStream, randomUniform } from './random';

/**
 * cdf[x] = p[0] + ... + p[x] (added left to right), guide[g] (i32) = the first x with
 * cdf[x] > g T / K for g < K; returns the last cell of positive weight (-1 if none).
 */
export function categoricalTable(p: usize, K: i32, cdf: usize, guide: usize): i32 {
  let total = 0.0;
  let last = -1;
  for (let x = 0; x < K; x++) {
    const w = load<f64>(p + (<usize>x << 3));
    if (w > 0) {
      total += w;
      last = x;
    }
    store<f64>(cdf + (<usize>x << 3), total);
  }
  let x = 0;
  for (let g = 0; g < K; g++) {
    const threshold = (<f64>g * total) / <f64>K;
    while (x < K - 1 && load<f64>(cdf + (<usize>x << 3)) <= threshold) x++;
    store<i32>(guide + (<usize>g << 2), x);
  }
  return last;
}

/** The draw of uniform u: the first x with u T < cdf[x], searched from the guide's start (backwards if it overshot). */
// @ts-ignore: decorator
@inline function drawCell(cdf: usize, guide: usize, K: i32, last: i32, total: f64, u: f64): i32 {
  const t = u * total;
  let x = load<i32>(guide + (<usize>min<i32>(<i32>(u * <f64>K), K - 1) << 2));
  while (x > 0 && t < load<f64>(cdf + (<usize>(x - 1) << 3))) x--;
  while (x < K && !(t < load<f64>(cdf + (<usize>x << 3)))) x++;
  return x < K ? x : last;
}

/** Bits of a uniform's top that order a batch (2^14 buckets: each covers K / 16384 cells). */
const SORT_BITS: u64 = 14;
/** Buckets of the counting sort; `starts` holds one u32 each. */
export const SORT_BUCKETS: i32 = 1 << <i32>SORT_BITS;

/**
 * counts[x] += the number of the `m` draws (uniforms of stream `stream` of `seed`, in order)
 * that land in cell x, with the table of categoricalTable (last: its return value).
 * With keys = 0, each uniform is drawn as it comes. Otherwise (large tables, where each draw
 * would miss the cache three times) uniforms are taken `chunk` at a time (their 53-bit integers
 * in `keys`), counting-sorted by their top 14 bits into `sorted` (`starts`: 2^14 u32) and drawn
 * in that order, so the draws sweep the table instead of jumping around it. A histogram does
 * not depend on the order of its draws: the counts are the same either way.
 */
export function categoricalCounts(
  cdf: usize, guide: usize, K: i32, last: i32, seed: u64, stream: u64, m: f64, counts: usize,
  keys: usize, sorted: usize, starts: usize, chunk: i32,
): void {
  randomSeedStream(seed, stream);
  const total = load<f64>(cdf + (<usize>(K - 1) << 3));
  const scale = reinterpret<f64>(0x3CA0000000000000); // 2^-53
  if (keys == 0) {
    for (let i = 0.0; i < m; i++) {
      const at = counts + (<usize>drawCell(cdf, guide, K, last, total, randomUniform()) << 3);
      store<f64>(at, load<f64>(at) + 1);
    }
    return;
  }
  const shift: u64 = 53 - SORT_BITS;
  for (let done = 0.0; done < m; done += <f64>chunk) {
    const c = <i32>min<f64>(<f64>chunk, m - done);
    memory.fill(starts, 0, <usize>SORT_BUCKETS << 2);
    for (let i = 0; i < c; i++) {
      const key = randomNext() >> 11;
      store<u64>(keys + (<usize>i << 3), key);
      const at = starts + (<usize>(key >> shift) << 2);
      store<u32>(at, load<u32>(at) + 1);
    }
    let sum: u32 = 0;
    for (let b = 0; b < SORT_BUCKETS; b++) {
      const at = starts + (<usize>b << 2);
      const size = load<u32>(at);
      store<u32>(at, sum);
      sum += size;
    }
    for (let i = 0; i < c; i++) {
      const key = load<u64>(keys + (<usize>i << 3));
      const at = starts + (<usize>(key >> shift) << 2);
      const position = load<u32>(at);
      store<u32>(at, position + 1);
      store<u64>(sorted + (<usize>position << 3), key);
    }
    for (let i = 0; i < c; i++) {
      const u = <f64>load<u64>(sorted + (<usize>i << 3)) * scale;
      const at = counts + (<usize>drawCell(cdf, guide, K, last, total, u) << 3);
      store<f64>(at, load<f64>(at) + 1);
    }
  }
}
