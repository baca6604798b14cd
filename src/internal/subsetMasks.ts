// Subsets of positions of one size, as bit masks (bit i <=> position i), in increasing order.

/** C(n, k), exact while it fits 53 bits (each partial product is itself a binomial). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Number of set bits of a 32-bit mask. */
export function popcount(mask: number): number {
  let count = 0;
  for (let m = mask >>> 0; m !== 0; m = (m & (m - 1)) >>> 0) count++;
  return count;
}

/**
 * The C(n, k) masks of k of the n positions (n <= 32), increasing: combinations c_0 < ... <
 * c_(k-1) in colexicographic order, each step moving up the lowest c_j that can move and
 * resetting c_0..c_(j-1) to 0..j-1.
 */
export function masksOfSize(n: number, k: number): Uint32Array {
  const masks = new Uint32Array(binomial(n, k));
  const c = Array.from({ length: k + 1 }, (_, j) => (j < k ? j : n));
  for (let m = 0; m < masks.length; m++) {
    let mask = 0;
    for (let j = 0; j < k; j++) mask |= 1 << c[j];
    masks[m] = mask >>> 0;
    let j = 0;
    while (j < k && c[j] + 1 === c[j + 1]) j++;
    if (j === k) break;
    c[j]++;
    for (let i = 0; i < j; i++) c[i] = i;
  }
  return masks;
}
