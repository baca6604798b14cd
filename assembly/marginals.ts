// Single-position marginals p(X_i = a) of a table.
import { BLOCK, sumReset, sumAdd, sumTotal } from './simd/compensated';
import { ipow } from './subsets';

/** Plain SIMD sum of len contiguous cells (len <= BLOCK keeps it accurate). */
function blockSum(x: usize, len: usize): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i: usize = 0;
  for (; i + 4 <= len; i += 4) {
    acc0 = f64x2.add(acc0, v128.load(x + (i << 3)));
    acc1 = f64x2.add(acc1, v128.load(x + (i << 3), 16));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < len; i++) s += load<f64>(x + (i << 3));
  return s;
}

/**
 * out[i*q + a] = p(X_i = a) = sum over x with x_i = a of p(x), for every position i < n.
 * Viewing p as (q^i, q, q^(n-1-i)), each value sums q^i contiguous runs; runs are grouped into
 * blocks of about BLOCK cells and the blocks added with compensation.
 */
export function positionMarginals(p: usize, q: i32, n: i32, out: usize): void {
  const block = <usize>BLOCK;
  for (let i = 0; i < n; i++) {
    const a = ipow(q, i);
    const b = ipow(q, n - 1 - i);
    const rowBytes = (<usize>q * b) << 3;
    for (let v = 0; v < q; v++) {
      sumReset();
      const first = p + ((<usize>v * b) << 3);
      if (b >= block) {
        for (let r: usize = 0; r < a; r++) {
          const run = first + r * rowBytes;
          for (let j: usize = 0; j < b; j += block) sumAdd(blockSum(run + (j << 3), min<usize>(block, b - j)));
        }
      } else {
        const runs = block / b;
        for (let r0: usize = 0; r0 < a; r0 += runs) {
          const r1 = min<usize>(a, r0 + runs);
          let s = 0.0;
          for (let r = r0; r < r1; r++) s += blockSum(first + r * rowBytes, b);
          sumAdd(s);
        }
      }
      store<f64>(out + ((<usize>(i * q + v)) << 3), sumTotal());
    }
  }
}
