// Sparse joints (src/SparseJoint.ts): the support of p as sorted u64 keys with the probability
// of each. A key packs the symbols of a row, `bits` = ceil(log2 q) bits per position, position 0
// most significant, so sorted keys follow the row-major order of the dense table. The marginal
// on a set A of positions keeps the bits of A's positions (compacted, in the same order), sorts
// the (key, value) pairs by LSD radix sort (8-bit digits, stable) and sums each run of equal
// keys with Neumaier compensation.
//
// `work` is a scratch block of WORK_BYTES (2 KiB): a 256-bucket histogram, then the shift of
// each kept position.

// @ts-ignore: decorator
@inline const RADIX_BITS: i32 = 8;
// @ts-ignore: decorator
@inline const BUCKETS: i32 = 1 << RADIX_BITS;
/** Byte offset of the kept positions' shifts in `work`. */
// @ts-ignore: decorator
@inline const SHIFTS: usize = <usize>BUCKETS << 2;

/** Bytes of the `work` block every kernel here takes. */
export function sparseWorkBytes(): i32 {
  return 2048;
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

/** out[r] = the bits of the positions in `mask` of keys[r], compacted in position order.
 *  Returns whether out is non-decreasing (then it needs no sort). */
function compactKeys(keys: usize, count: usize, n: i32, bits: i32, mask: u32, out: usize, work: usize): bool {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (((mask >> <u32>i) & 1) == 0) continue;
    store<i32>(work + SHIFTS + (<usize>kept << 2), bits * (n - 1 - i));
    kept++;
  }
  const symbol: u64 = (<u64>1 << <u64>bits) - 1;
  let sorted = true;
  let previous: u64 = 0;
  for (let r: usize = 0; r < count; r++) {
    const key = load<u64>(keys + (r << 3));
    let c: u64 = 0;
    for (let k = 0; k < kept; k++) c = (c << <u64>bits) | ((key >> <u64>load<i32>(work + SHIFTS + (<usize>k << 2))) & symbol);
    store<u64>(out + (r << 3), c);
    if (c < previous) sorted = false;
    previous = c;
  }
  return sorted;
}

/** Stable LSD radix sort of `count` (key, value) pairs on the low `keyBits` bits of the keys,
 *  ping-ponging between (keys, values) and (tmpKeys, tmpValues). Returns whether the sorted
 *  pairs ended in the tmp buffers. A pass whose digit is the same for every key is skipped. */
function radixSort(keys: usize, values: usize, tmpKeys: usize, tmpValues: usize, count: usize, keyBits: i32, work: usize): bool {
  let srcKeys = keys;
  let srcValues = values;
  let dstKeys = tmpKeys;
  let dstValues = tmpValues;
  let swapped = false;
  const digitMask: u64 = <u64>(BUCKETS - 1);
  for (let shift = 0; shift < keyBits; shift += RADIX_BITS) {
    memory.fill(work, 0, SHIFTS);
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
 * distinct compacted keys (the kept positions' symbols, `bits` each, in position order) and
 * their summed values to (outKeys, outValues) and returns how many. tmpKeys, tmpValues: count
 * cells each. Work: count (n + 1) for the keys, count per radix pass (ceil(|A| bits / 8) at
 * most; none when the compacted keys are already sorted, e.g. when A is all of the positions
 * or only drops the last ones).
 */
export function sparseMarginal(
  keys: usize, values: usize, count: usize, n: i32, bits: i32, mask: u32,
  outKeys: usize, outValues: usize, tmpKeys: usize, tmpValues: usize, work: usize,
): usize {
  if (count == 0) return 0;
  const sorted = compactKeys(keys, count, n, bits, mask, outKeys, work);
  memory.copy(outValues, values, count << 3);
  const keyBits = <i32>popcnt(mask) * bits;
  if (!sorted && radixSort(outKeys, outValues, tmpKeys, tmpValues, count, keyBits, work)) {
    return sumRuns(tmpKeys, tmpValues, count, outKeys, outValues);
  }
  return sumRuns(outKeys, outValues, count, outKeys, outValues);
}

/** table[x] = sum of the values whose key is the row x (flat row-major index, q^n = cells),
 *  zero elsewhere; keys sorted and distinct. */
export function sparseToDense(keys: usize, values: usize, count: usize, q: i32, n: i32, bits: i32, table: usize, cells: usize): void {
  memory.fill(table, 0, cells << 3);
  const symbol: u64 = (<u64>1 << <u64>bits) - 1;
  for (let r: usize = 0; r < count; r++) {
    const key = load<u64>(keys + (r << 3));
    let index: usize = 0;
    for (let i = 0; i < n; i++) index = index * <usize>q + <usize>((key >> <u64>(bits * (n - 1 - i))) & symbol);
    store<f64>(table + (index << 3), load<f64>(values + (r << 3)));
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
