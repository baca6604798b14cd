// Sum of x log x over a block of float64, with 0 log 0 = 0.
import { vlog } from './vlog';

/** Sum over i < len of x_i log x_i (x_i >= 0; zero cells contribute 0). Plain SIMD sum, for
 *  blocks of at most a few thousand values; callers add block results with compensation. */
export function plogpBlock(x: usize, len: i32): f64 {
  const zero = f64x2.splat(0);
  let acc0 = zero;
  let acc1 = zero;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const p = x + (<usize>i << 3);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const t0 = f64x2.mul(v0, vlog(v0));
    const t1 = f64x2.mul(v1, vlog(v1));
    acc0 = f64x2.add(acc0, v128.and(t0, f64x2.gt(v0, zero)));
    acc1 = f64x2.add(acc1, v128.and(t1, f64x2.gt(v1, zero)));
  }
  for (; i < len; i += 2) {
    const p = x + (<usize>i << 3);
    // Pad a lone last value with 1 (1 log 1 = 0).
    const v = i + 2 <= len ? v128.load(p) : f64x2.replace_lane(f64x2.splat(1.0), 0, load<f64>(p));
    const t = f64x2.mul(v, vlog(v));
    acc0 = f64x2.add(acc0, v128.and(t, f64x2.gt(v, zero)));
  }
  const acc = f64x2.add(acc0, acc1);
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}
