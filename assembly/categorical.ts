// Independent draws from one categorical distribution over K cells (DESIGN.md §6: 53-bit
// uniforms and an inverse CDF), for repeated samples of a whole table: the cumulative sums once,
// a guide table (Chen and Asau, "On generating random variates from an empirical distribution",
// AIIE Transactions 1974) so that each draw starts its search next to its answer, then the same
// rule as the sampler's drawFrom: the first cell x with u T < cdf[x], T = cdf[K-1]; past the end
// (rounding), the last cell of positive weight. The guide only speeds the search up: every draw
// equals the one a linear scan would give.
import { randomSeedStream, randomUniform } from './random';

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

/** One draw: the first x with t < cdf[x], searched from the guide's start (backwards if it overshot). */
// @ts-ignore: decorator
@inline function drawCell(cdf: usize, guide: usize, K: i32, last: i32, total: f64): i32 {
  const u = randomUniform();
  const t = u * total;
  let x = load<i32>(guide + (<usize>min<i32>(<i32>(u * <f64>K), K - 1) << 2));
  while (x > 0 && t < load<f64>(cdf + (<usize>(x - 1) << 3))) x--;
  while (x < K && !(t < load<f64>(cdf + (<usize>x << 3)))) x++;
  return x < K ? x : last;
}

/**
 * counts[x] += the number of the `m` draws (uniforms of stream `stream` of `seed`, in order)
 * that land in cell x, with the table of categoricalTable (last: its return value).
 */
export function categoricalCounts(cdf: usize, guide: usize, K: i32, last: i32, seed: u64, stream: u64, m: f64, counts: usize): void {
  randomSeedStream(seed, stream);
  const total = load<f64>(cdf + (<usize>(K - 1) << 3));
  for (let i = 0.0; i < m; i++) {
    const at = counts + (<usize>drawCell(cdf, guide, K, last, total) << 3);
    store<f64>(at, load<f64>(at) + 1);
  }
}
