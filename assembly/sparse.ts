// Sparse joints (src/SparseJoint.ts): the support of p as sorted u64 keys with the probability
// of each. A key packs the symbols of a row, `bits` = ceil(log2 q) bits per position, position 0
// most significant, so sorted keys follow the row-major order of the dense table. The marginal
// on a set A of positions clears the bits of the other positions, sorts the (key, value) pairs
// by LSD radix sort (8-bit digits, stable; only the bytes where A has bits) and sums each run of
// equal keys with Neumaier compensation.
//
// `work` is a scratch block of sparseWorkBytes() bytes: a 256-bucket histogram.

import { plogpSum } from './entropy';

// @ts-ignore: decorator
@inline const RADIX_BITS: i32 = 8;
// @ts-ignore: decorator
@inline const BUCKETS: i32 = 1 << RADIX_BITS;
/** Bytes of the histogram at the start of `work`. */
// @ts-ignore: decorator
@inline const HISTOGRAM_BYTES: usize = <usize>BUCKETS << 2;

/** Bytes of the `work` block every kernel here takes. */
export function sparseWorkBytes(): i32 {
  return <i32>HISTOGRAM_BYTES;
}

/** keys[r] = the symbols of row r (n of them, row-major in `rows`, 1 or 2 bytes each) packed
 *  `bits` bits per position, position 0 most significant. */
export function sparsePackRows(rows: usize, symbolBytes: i32, count: usize, n: i32, bits: i32, keys: usize): void {
  for (let r: usize = 0; r < count; r++) {
    let key: u64 = 0;
    const row = rows + r * <usize>(n * symbolBytes);
    if (symbolBytes == 1) {
      for (let i = 0; i < n; i++) key = (key << <u64>bits) | <u64>load<u8>(row + <usize>i);
    } else {
      for (let i = 0; i < n; i++) key = (key << <u64>bits) | <u64>load<u16>(row + (<usize>i << 1));
    }
    store<u64>(keys + (r << 3), key);
  }
}

/** The key bits of the positions in `mask` (bit i <=> position i), keys packed `bits` bits per
 *  position over n positions, position 0 most significant. */
function keyMask(n: i32, bits: i32, mask: u32): u64 {
  const symbol: u64 = (<u64>1 << <u64>bits) - 1;
  let m: u64 = 0;
  for (let i = 0; i < n; i++) {
    if ((mask >> <u32>i) & 1) m |= symbol << <u64>(bits * (n - 1 - i));
  }
  return m;
}

/** out[r] = keys[r] & keep. Returns whether out is non-decreasing (then it needs no sort). */
function maskKeys(keys: usize, count: usize, keep: u64, out: usize): bool {
  let sorted = true;
  let previous: u64 = 0;
  for (let r: usize = 0; r < count; r++) {
    const c = load<u64>(keys + (r << 3)) & keep;
    store<u64>(out + (r << 3), c);
    if (c < previous) sorted = false;
    previous = c;
  }
  return sorted;
}

/** Stable LSD radix sort of `count` (key, value) pairs by key, 8 bits a pass, ping-ponging
 *  between (keys, values) and (tmpKeys, tmpValues); `keep` has every bit a key may have set, and
 *  a pass whose digit is zero in `keep` or the same for every key is skipped. Returns whether
 *  the sorted pairs ended in the tmp buffers. */
function radixSort(keys: usize, values: usize, tmpKeys: usize, tmpValues: usize, count: usize, keep: u64, work: usize): bool {
  let srcKeys = keys;
  let srcValues = values;
  let dstKeys = tmpKeys;
  let dstValues = tmpValues;
  let swapped = false;
  const digitMask: u64 = <u64>(BUCKETS - 1);
  for (let shift = 0; shift < 64; shift += RADIX_BITS) {
    if (((keep >> <u64>shift) & digitMask) == 0) continue;
    memory.fill(work, 0, HISTOGRAM_BYTES);
    for (let r: usize = 0; r < count; r++) {
      const slot = work + (<usize>((load<u64>(srcKeys + (r << 3)) >> <u64>shift) & digitMask) << 2);
      store<u32>(slot, load<u32>(slot) + 1);
    }
    const first = <usize>((load<u64>(srcKeys) >> <u64>shift) & digitMask);
    if (<usize>load<u32>(work + (first << 2)) == count) continue;
    let offset: u32 = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const slot = work + (<usize>b << 2);
      const c = load<u32>(slot);
      store<u32>(slot, offset);
      offset += c;
    }
    for (let r: usize = 0; r < count; r++) {
      const key = load<u64>(srcKeys + (r << 3));
      const slot = work + (<usize>((key >> <u64>shift) & digitMask) << 2);
      const to = <usize>load<u32>(slot);
      store<u32>(slot, <u32>to + 1);
      store<u64>(dstKeys + (to << 3), key);
      store<f64>(dstValues + (to << 3), load<f64>(srcValues + (r << 3)));
    }
    const k = srcKeys;
    srcKeys = dstKeys;
    dstKeys = k;
    const v = srcValues;
    srcValues = dstValues;
    dstValues = v;
    swapped = !swapped;
  }
  return swapped;
}

/** Writes each run of equal keys in (keys, values) as one key and its Neumaier-compensated sum
 *  (summed in stored order) to (outKeys, outValues), which may be the same buffers. Returns the
 *  number of runs. */
function sumRuns(keys: usize, values: usize, count: usize, outKeys: usize, outValues: usize): usize {
  let w: usize = 0;
  let r: usize = 0;
  while (r < count) {
    const key = load<u64>(keys + (r << 3));
    let sum = load<f64>(values + (r << 3));
    let compensation = 0.0;
    r++;
    while (r < count && load<u64>(keys + (r << 3)) == key) {
      const x = load<f64>(values + (r << 3));
      const t = sum + x;
      compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
      r++;
    }
    store<u64>(outKeys + (w << 3), key);
    store<f64>(outValues + (w << 3), sum + compensation);
    w++;
  }
  return w;
}

/**
 * The marginal of the positions in `mask` (bit i <=> position i) of the pairs (keys, values),
 * count of them, keys packed `bits` bits per position over n positions: writes its sorted
 * distinct keys (each key with the other positions' bits cleared) and their summed values to
 * (outKeys, outValues) and returns how many. tmpKeys, tmpValues: count cells each. Work: count
 * for the keys, count per radix pass (one per byte of the kept positions' bits; none when the
 * masked keys are already sorted, e.g. when A is all of the positions or only drops the last
 * ones), count for the sums.
 */
export function sparseMarginal(
  keys: usize, values: usize, count: usize, n: i32, bits: i32, mask: u32,
  outKeys: usize, outValues: usize, tmpKeys: usize, tmpValues: usize, work: usize,
): usize {
  if (count == 0) return 0;
  const keep = keyMask(n, bits, mask);
  const sorted = maskKeys(keys, count, keep, outKeys);
  memory.copy(outValues, values, count << 3);
  if (!sorted && radixSort(outKeys, outValues, tmpKeys, tmpValues, count, keep, work)) {
    return sumRuns(tmpKeys, tmpValues, count, outKeys, outValues);
  }
  return sumRuns(outKeys, outValues, count, outKeys, outValues);
}

/** The flat row-major index of the row a key packs (`bits` bits per position over n positions). */
// @ts-ignore: decorator
@inline function flatIndex(key: u64, q: i32, n: i32, bits: i32): usize {
  const symbol: u64 = (<u64>1 << <u64>bits) - 1;
  let index: usize = 0;
  for (let i = 0; i < n; i++) index = index * <usize>q + <usize>((key >> <u64>(bits * (n - 1 - i))) & symbol);
  return index;
}

/** table[x] = the value whose key is the row x (flat row-major index, q^n = cells), zero
 *  elsewhere; keys distinct. */
export function sparseToDense(keys: usize, values: usize, count: usize, q: i32, n: i32, bits: i32, table: usize, cells: usize): void {
  memory.fill(table, 0, cells << 3);
  for (let r: usize = 0; r < count; r++) {
    store<f64>(table + (flatIndex(load<u64>(keys + (r << 3)), q, n, bits) << 3), load<f64>(values + (r << 3)));
  }
}

/** out[r] = table[the row keys[r] packs]: a dense table read on a support. */
export function sparseGather(keys: usize, count: usize, q: i32, n: i32, bits: i32, table: usize, out: usize): void {
  for (let r: usize = 0; r < count; r++) {
    store<f64>(out + (r << 3), load<f64>(table + (flatIndex(load<u64>(keys + (r << 3)), q, n, bits) << 3)));
  }
}

/** Number of cells of the table (cells of them) with p > 0. */
export function denseSupportSize(table: usize, cells: usize): usize {
  let count: usize = 0;
  for (let x: usize = 0; x < cells; x++) if (load<f64>(table + (x << 3)) > 0) count++;
  return count;
}

/** The cells of the table with p > 0 as sorted keys (packed `bits` bits per position) and
 *  their probabilities; keys and values hold denseSupportSize(table, q^n) cells. */
export function denseToSparse(table: usize, q: i32, n: i32, bits: i32, keys: usize, values: usize): void {
  let cells: usize = 1;
  for (let i = 0; i < n; i++) cells *= <usize>q;
  let w: usize = 0;
  for (let x: usize = 0; x < cells; x++) {
    const p = load<f64>(table + (x << 3));
    if (!(p > 0)) continue;
    let key: u64 = 0;
    let rest = x;
    for (let i = 0; i < n; i++) {
      key |= <u64>(rest % <usize>q) << <u64>(bits * i);
      rest /= <usize>q;
    }
    store<u64>(keys + (w << 3), key);
    store<f64>(values + (w << 3), p);
    w++;
  }
}

/** out[j] = the value of keysP[j] in (keysR, valuesR), 0 where keysR lacks it (both sorted,
 *  distinct): r aligned on the support of p, for the dense divergence kernels. */
export function sparseAlign(keysP: usize, countP: usize, keysR: usize, valuesR: usize, countR: usize, out: usize): void {
  let j: usize = 0;
  for (let i: usize = 0; i < countP; i++) {
    const key = load<u64>(keysP + (i << 3));
    while (j < countR && load<u64>(keysR + (j << 3)) < key) j++;
    store<f64>(out + (i << 3), j < countR && load<u64>(keysR + (j << 3)) == key ? load<f64>(valuesR + (j << 3)) : 0);
  }
}

/** Records H of every child of a node (the marginal on `mask`: sorted keys and values, count of
 *  them) that drops one of the positions 0..kEnd-1, then recurses into it; children are built at
 *  `level` (keys, then values, `cells` each), their own children one level further. */
function visitSparse(
  keys: usize, values: usize, count: usize, mask: u32, kEnd: i32, n: i32, bits: i32, out: usize,
  level: usize, cells: usize, tmpKeys: usize, tmpValues: usize, work: usize,
): void {
  const childKeys = level;
  const childValues = level + (cells << 3);
  for (let k = kEnd - 1; k >= 0; k--) {
    const childMask = mask & ~(<u32>1 << <u32>k);
    const childCount = sparseMarginal(keys, values, count, n, bits, childMask, childKeys, childValues, tmpKeys, tmpValues, work);
    store<f64>(out + (<usize>childMask << 3), childMask == 0 ? 0 : -plogpSum(childValues, childCount));
    if (k > 0) visitSparse(childKeys, childValues, childCount, childMask, k, n, bits, out, level + (cells << 4), cells, tmpKeys, tmpValues, work);
  }
}

/**
 * out[mask] = H(X_A) in nats for every subset A of the n positions (bit i of mask <=> i in A) of
 * the sparse joint (keys, values), count of them: the depth-first marginalisation of
 * subsets.ts on the support. A is reached from A ∪ {the least position not in A}, so every
 * marginal is summed from its parent's (whose support is at most the joint's, and often much
 * less), never from the whole support. scratch: 2 n count cells (a level of keys and values per
 * depth); tmpKeys, tmpValues: count cells each. Work: at most 2^n count key visits.
 */
export function sparseSubsetEntropies(
  keys: usize, values: usize, count: usize, n: i32, bits: i32, out: usize,
  scratch: usize, tmpKeys: usize, tmpValues: usize, work: usize,
): void {
  const full: u32 = n == 32 ? 0xffffffff : (<u32>1 << <u32>n) - 1;
  store<f64>(out + (<usize>full << 3), -plogpSum(values, count));
  store<f64>(out, 0);
  visitSparse(keys, values, count, full, n, n, bits, out, scratch, count, tmpKeys, tmpValues, work);
}
