// Summing one axis out of a table, fused with sum p log p of the result while it is in cache.
import { BLOCK, sumReset, sumAdd, sumTotal } from './simd/compensated';
import { plogpBlock } from './simd/plogp';

/** dst[j] = sum_{k<q} src[k*stride + j] for j < len (one output row of a marginal), summed in
 *  the order k = 0, 1, ..., q-1; q = 2, 3, 4 unrolled. */
// @ts-ignore: decorator
@inline function sumSlices(dst: usize, src: usize, stride: usize, q: i32, len: usize): void {
  const s = stride << 3;
  let j: usize = 0;
  if (q == 2) {
    for (; j + 4 <= len; j += 4) {
      const o = j << 3;
      v128.store(dst + o, f64x2.add(v128.load(src + o), v128.load(src + s + o)));
      v128.store(dst + o, f64x2.add(v128.load(src + o, 16), v128.load(src + s + o, 16)), 16);
    }
  } else if (q == 3) {
    for (; j + 2 <= len; j += 2) {
      const o = j << 3;
      const t = f64x2.add(v128.load(src + o), v128.load(src + s + o));
      v128.store(dst + o, f64x2.add(t, v128.load(src + 2 * s + o)));
    }
  } else if (q == 4) {
    for (; j + 2 <= len; j += 2) {
      const o = j << 3;
      const t = f64x2.add(f64x2.add(v128.load(src + o), v128.load(src + s + o)), v128.load(src + 2 * s + o));
      v128.store(dst + o, f64x2.add(t, v128.load(src + 3 * s + o)));
    }
  }
  for (; j + 2 <= len; j += 2) {
    const o = j << 3;
    let acc = f64x2.add(v128.load(src + o), v128.load(src + s + o));
    for (let k = 2; k < q; k++) acc = f64x2.add(acc, v128.load(src + <usize>k * s + o));
    v128.store(dst + o, acc);
  }
  if (j < len) {
    const o = j << 3;
    let acc = load<f64>(src + o) + load<f64>(src + s + o);
    for (let k = 2; k < q; k++) acc += load<f64>(src + <usize>k * s + o);
    store<f64>(dst + o, acc);
  }
}

/** dst[i] = sum_{k<q} src[i*q + k] for i < count (summing the last axis), in the order
 *  k = 0, 1, ..., q-1; two rows per step for q = 2, 3, 4 (lanes regrouped by shuffles). */
// @ts-ignore: decorator
@inline function sumRows(dst: usize, src: usize, q: i32, count: usize): void {
  let i: usize = 0;
  if (q == 2) {
    for (; i + 2 <= count; i += 2) {
      const v0 = v128.load(src + (i << 4));
      const v1 = v128.load(src + (i << 4), 16);
      v128.store(dst + (i << 3), f64x2.add(v128.shuffle<f64>(v0, v1, 0, 2), v128.shuffle<f64>(v0, v1, 1, 3)));
    }
  } else if (q == 3) {
    for (; i + 2 <= count; i += 2) {
      const row = src + i * 24;
      const v0 = v128.load(row);
      const v1 = v128.load(row, 16);
      const v2 = v128.load(row, 32);
      const t = f64x2.add(v128.shuffle<f64>(v0, v1, 0, 3), v128.shuffle<f64>(v0, v2, 1, 2));
      v128.store(dst + (i << 3), f64x2.add(t, v128.shuffle<f64>(v1, v2, 0, 3)));
    }
  } else if (q == 4) {
    for (; i + 2 <= count; i += 2) {
      const row = src + (i << 5);
      const v0 = v128.load(row);
      const v1 = v128.load(row, 16);
      const v2 = v128.load(row, 32);
      const v3 = v128.load(row, 48);
      const t = f64x2.add(v128.shuffle<f64>(v0, v2, 0, 2), v128.shuffle<f64>(v0, v2, 1, 3));
      const u = f64x2.add(t, v128.shuffle<f64>(v1, v3, 0, 2));
      v128.store(dst + (i << 3), f64x2.add(u, v128.shuffle<f64>(v1, v3, 1, 3)));
    }
  }
  const rowBytes = <usize>q << 3;
  for (; i < count; i++) {
    const row = src + i * rowBytes;
    let acc = load<f64>(row);
    for (let k = 1; k < q; k++) acc += load<f64>(row + (<usize>k << 3));
    store<f64>(dst + (i << 3), acc);
  }
}

/** For q = 2 and b >= 2 a power of two below a block: dst[d] = src[d + (d & -b)] + src[d + (d & -b) + b]
 *  for d < count (count a multiple of b), i.e. sumSlices of count / b consecutive rows at once. */
// @ts-ignore: decorator
@inline function sumPairRows(dst: usize, src: usize, b: usize, count: usize): void {
  const high = ~(b - 1);
  const s = b << 3;
  for (let d: usize = 0; d < count; d += 2) {
    const from = src + ((d + (d & high)) << 3);
    v128.store(dst + (d << 3), f64x2.add(v128.load(from), v128.load(from + s)));
  }
}

/**
 * Marginalises the middle axis of src viewed as (a, q, b), row-major, into dst (a, b):
 * dst[i, j] = sum_k src[i, k, j]; returns sum dst log dst (= -H of the marginal), compensated
 * over blocks of BLOCK cells, each block's p log p taken while it is still in L1.
 * dst may equal src (in place): every output cell is written after the inputs it and all later
 * cells read.
 */
export function marginalizePlogp(src: usize, dst: usize, a: usize, q: i32, b: usize): f64 {
  sumReset();
  const block = <usize>BLOCK;
  if (b == 1) {
    for (let i: usize = 0; i < a; i += block) {
      const count = min<usize>(block, a - i);
      sumRows(dst + (i << 3), src + ((i * q) << 3), q, count);
      sumAdd(plogpBlock(dst + (i << 3), <i32>count));
    }
  } else if (b >= block) {
    for (let i: usize = 0; i < a; i++) {
      const row = src + ((i * q * b) << 3);
      const out = dst + ((i * b) << 3);
      for (let j: usize = 0; j < b; j += block) {
        const len = min<usize>(block, b - j);
        sumSlices(out + (j << 3), row + (j << 3), b, q, len);
        sumAdd(plogpBlock(out + (j << 3), <i32>len));
      }
    }
  } else {
    const rows = block / b;
    for (let i0: usize = 0; i0 < a; i0 += rows) {
      const i1 = min<usize>(a, i0 + rows);
      if (q == 2 && (b & (b - 1)) == 0) sumPairRows(dst + ((i0 * b) << 3), src + ((i0 * 2 * b) << 3), b, (i1 - i0) * b);
      else for (let i = i0; i < i1; i++) sumSlices(dst + ((i * b) << 3), src + ((i * q * b) << 3), b, q, b);
      sumAdd(plogpBlock(dst + ((i0 * b) << 3), <i32>((i1 - i0) * b)));
    }
  }
  return sumTotal();
}
